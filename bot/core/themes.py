"""Theme catalogue: the default themes, their groups, and per-community changes.

Stories are tagged by a learned model (``bot.core.theme_model``) that reads two
kinds of evidence, both found here:

- the stemmed words of the story and pairs of words in a row;
- the theme lexicon (``bot.core.theme_vocab``), written from the theme definitions:

  - a **keyword** is a phrase that points at its theme by itself ("catcalled",
    "coercive control"); each different keyword found counts;
  - an **evidence** group is a set of interchangeable phrases that say one thing
    ("my boyfriend", "my husband", "my ex" all say *a partner is involved*),
    weighted 2 for what happened and 1 for context (who, where, when); its
    different phrases found count up to ``GROUP_SATURATION``, so a story that
    names the bus, the train, the tram and the platform has not proved more than
    one that names three of them.

Patterns are whole words, matched case-insensitively on lightly stemmed words, so
"follow me" also finds "followed me", "follows me" and "following me", and chat
spellings ("u", "dont", "bf") are read as the words they stand for. A trailing ``*``
matches any ending of the word as written ("catcall*"), and ``...`` between words
allows up to ``MAX_GAP`` other words there ("asked ... what i was wearing").

A community's own themes, and keywords it adds to a default theme, are not in the
model: a story is tagged with such a theme whenever one of its keywords occurs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TypeVar

from bot.core import theme_model, theme_vocab


@dataclass(frozen=True)
class Evidence:
    """Interchangeable phrases that count as one piece of evidence, ``weight`` points."""

    weight: int
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    """A theme id, its readable label, the group it rolls up into, and its patterns.

    ``keywords`` are enough alone; ``evidence`` groups add up (see the module docs).
    """

    id: str
    label: str
    group: str
    keywords: tuple[str, ...] = ()
    content_note: bool = False
    evidence: tuple[Evidence, ...] = ()


GROUPS = ("verbal", "non-verbal", "physical", "online", "institutional")


def _theme(spec: theme_vocab.ThemeSpec) -> Theme:
    return Theme(
        spec.id,
        spec.label,
        spec.group,
        spec.keywords,
        spec.content_note,
        tuple(Evidence(weight, phrases) for weight, phrases in spec.evidence),
    )


DEFAULT_THEMES: tuple[Theme, ...] = tuple(_theme(spec) for spec in theme_vocab.THEMES)

# A keyword weighs as much as the strongest evidence group found three times.
KEYWORD_WEIGHT = 3
# A story is tagged only when it shows evidence of at least this weight for some
# theme (a keyword, or what happened rather than who, where or when): the model
# weighs the evidence, but a story of a dark street and nothing else is about nothing
# yet. Requiring it of each tagged theme itself lost more themes that members' own
# wording tells than it stopped.
CORE_WEIGHT = 2
# The name of a theme's points among the lexicon features.
_POINTS = "p:"
# An evidence group found through this many different phrases counts this many times
# its weight: a story dense with a theme's vocabulary is more surely about it.
GROUP_SATURATION = 3
# Lexicon points are read on a log scale: the first points say most; this many
# points (a keyword and a well-supported group, say) reads as 1.
POINTS_SCALE = 12
MAX_THEMES = theme_model.MAX_THEMES
# Words a "..." in a pattern may stand for.
MAX_GAP = 4

# Distinct words remembered; stories share most of their vocabulary, so after a few
# stories nearly every word is a single dictionary look-up.
_CACHE_LIMIT = 50_000

# A word (apostrophes and hyphens inside it, not quotation marks around it), or the
# end of a sentence, which no pattern crosses.
_TOKEN = re.compile(r"[\w#@'*-]+|[.!?;:]+")
_STOP = theme_model.SENTENCE_END
# Stories are split on spaces and on punctuation that is never part of a word (a
# negated class scans faster than a word pattern); a sentence end is a word of its own.
_SPLIT = re.compile(r"[^\s,()\[\]{}\"“”«»…/\\|<>=+&%$^~`_.!?;:]+|[.!?;:]+")
_GAP = "..."

# Chat spellings read as the words they stand for.
_CHAT = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "thats": "that's",
    "theres": "there's",
    "hes": "he's",
    "shes": "she's",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "tho": "though",
    "thru": "through",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "txts": "texts",
    "pics": "pictures",
    "pic": "picture",
    "n": "and",
    "w": "with",
    "walkin": "walking",
    "goin": "going",
    "sayin": "saying",
    "tellin": "telling",
    "askin": "asking",
    "followin": "following",
    "starin": "staring",
    "talkin": "talking",
    "textin": "texting",
    "messagin": "messaging",
    "callin": "calling",
    "lookin": "looking",
    "comin": "coming",
    "gettin": "getting",
}
# Irregular forms, so a pattern written in one form finds the others.
_IRREGULAR = {
    "told": "tell",
    "said": "say",
    "says": "say",
    "kept": "keep",
    "sent": "send",
    "took": "take",
    "taken": "take",
    "made": "make",
    "came": "come",
    "went": "go",
    "gone": "go",
    "goes": "go",
    "got": "get",
    "gotten": "get",
    "thought": "think",
    "caught": "catch",
    "felt": "feel",
    "stood": "stand",
    "sat": "sit",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "brought": "bring",
    "threw": "throw",
    "thrown": "throw",
    "beaten": "beat",
    "drove": "drive",
    "driven": "drive",
    "rode": "ride",
    "held": "hold",
    "hidden": "hide",
    "fell": "fall",
    "found": "find",
    "gave": "give",
    "given": "give",
    "woke": "wake",
    "stole": "steal",
    "stolen": "steal",
    "swore": "swear",
    "wore": "wear",
    "worn": "wear",
    "froze": "freeze",
    "frozen": "freeze",
    "paid": "pay",
    "led": "lead",
    "met": "meet",
    "lost": "lose",
    "heard": "hear",
    "meant": "mean",
    "slept": "sleep",
    "fled": "flee",
    "bought": "buy",
    "left": "leave",
    "died": "die",
    "lied": "lie",
    "lies": "lie",
    "did": "do",
    "does": "do",
    "done": "do",
    "had": "have",
    "has": "have",
    "was": "be",
    "were": "be",
    "been": "be",
    "is": "be",
    "are": "be",
    "am": "be",
}
# Contractions read as two words, so "didn't", "didnt" and "did not" are one pattern.
_CONTRACTED = {"can't": ("can", "not"), "won't": ("will", "not"), "ain't": ("be", "not")}
_PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "that", "there", "what", "who", "where", "here"]
)
_ENDINGS = (("'re", "be"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "be"))
# Doubled final consonants that are part of the word ("kiss", "call", "buzz").
_KEEP_DOUBLE = frozenset("lsz")
_VOWELS = frozenset("aeiou")


def _shape(word: str) -> str:
    """Consonant-vowel shape ("c"/"v"), "y" a vowel after a consonant."""
    out: list[str] = []
    for k, ch in enumerate(word):
        vowel = ch in _VOWELS or (ch == "y" and k > 0 and out[-1] == "c")
        out.append("v" if vowel else "c")
    return "".join(out)


def _measure(word: str) -> int:
    """How many vowel-consonant sequences ``word`` has (Porter's *m*)."""
    shape = _shape(word)
    return sum(1 for k in range(1, len(shape)) if shape[k - 1] == "v" and shape[k] == "c")


def _short(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y ("hop", "mak")."""
    return len(word) >= 3 and _shape(word).endswith("cvc") and word[-1] not in "wxy"


def stem(word: str) -> str:
    """A light stem of a lowercase word: inflections off, irregular forms mapped.

    A reduced Porter stemmer (plural, -ed, -ing and final -e rules only), so
    "follow", "followed", "follows" and "following" are one word, and so are
    "make"/"making" and "hope"/"hoping", while "hop"/"hopping" stay apart.
    Patterns are stemmed the same way as stories.
    """
    word = _IRREGULAR.get(word, word)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and any(c in _VOWELS for c in base):
            if base.endswith(("at", "bl", "iz")):
                return base + "e"
            if base[-1] == base[-2] and base[-1] not in _KEEP_DOUBLE | _VOWELS:
                return base[:-1]
            if _measure(base) == 1 and _short(base):
                return base + "e"
            return base
    if word.endswith("es") and word[:-2].endswith(("sh", "ch", "x", "ss", "zz")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        base = word[:-1]
        if _measure(base) > 1 or (_measure(base) == 1 and not _short(base)):
            return base
    return word


_T = TypeVar("_T")
_STEMS: dict[str, str] = {}


def _cached(cache: dict[str, _T], key: str, compute: Callable[[str], _T]) -> _T:
    """``compute(key)``, kept in ``cache`` (emptied when full): stories share most words."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        found = cache[key] = compute(key)
    return found


def _stem(word: str) -> str:
    """``stem`` with a cache."""
    return _cached(_STEMS, word, stem)


def _expand(word: str) -> tuple[str, ...]:
    """A word as the words it stands for: chat spellings and contractions spelt out."""
    word = _CHAT.get(word, word)
    if "'" not in word:
        return (word,)
    if word in _CONTRACTED:
        return _CONTRACTED[word]
    if word.endswith("n't"):
        return (word[:-3], "not")
    base, _, end = word.rpartition("'")
    if end == "s" and base in _PRONOUNS:
        return (base, "be")
    for ending, full in _ENDINGS:
        if word.endswith(ending) and base in _PRONOUNS:
            return (base, full)
    return (word,)


# What each written token reads as: its words and their stems, worked out once.
_READINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _reading(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What one written token reads as: its words and their stems."""
    if token[0] in ".!?;:":
        return (_STOP,), (_STOP,)
    # Quotation marks and dashes around a word are not part of it; "#" and "@" only
    # count in front.
    word = token.strip("'-")
    if not word or not any(ch.isalnum() for ch in word):
        return (), ()
    if "#" in word[1:] or "@" in word[1:] or "*" in word:
        word = word[0] + word[1:].replace("#", "").replace("@", "").replace("*", "")
    words = _expand(word)
    return words, tuple(_stem(w) for w in words)


def _cached_reading(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``_reading`` with a cache: stories and patterns share most of their tokens."""
    return _cached(_READINGS, token, _reading)


def _read(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` and their stems, in one pass.

    Words are lowercased, with chat spellings and contractions spelt out.
    """
    tokens = _SPLIT.findall(text.lower().replace("’", "'"))
    readings = _READINGS
    lookup = readings.get
    raw: list[str] = []
    stems: list[str] = []
    for token in tokens:
        reading = lookup(token)
        if reading is None:
            reading = _cached_reading(token)
        raw += reading[0]
        stems += reading[1]
    return raw, stems


def _pattern(phrase: str) -> tuple[str, ...]:
    """A phrase as pattern tokens: stems, prefixes ending in "*", and gaps."""
    out: list[str] = []
    for k, part in enumerate(phrase.split(" ... ")):
        if k:
            out.append(_GAP)
        for token in _TOKEN.findall(part.lower().replace("’", "'")):
            word = token.strip("'-")
            if word.endswith("*"):
                # A prefix, matched against the words as written.
                out.append(word)
            else:
                out.extend(_cached_reading(token)[1])
    return tuple(out)


# Compared by identity: each pattern object is distinct, and hashing stays cheap.
@dataclass(frozen=True, eq=False, slots=True)
class _Entry:
    theme: int  # index into the catalogue
    weight: int
    tokens: tuple[str, ...]
    # Stems after the second token when every token is an exact stem (compared as
    # one slice), None when a prefix or a gap needs the step-by-step match.
    tail: list[str] | None
    # The lexicon features it adds to: its keyword count or evidence group, which
    # counts at most ``cap`` of its phrases, and its theme's points.
    feature: str
    cap: int
    points: str


def _token_fits(token: str, raw: str, stemmed: str) -> bool:
    if token[-1] == "*":
        return raw.startswith(token[:-1])
    return stemmed == token


def _fits(tokens: tuple[str, ...], k: int, raw: list[str], stems: list[str], j: int) -> bool:
    """Whether ``tokens[k:]`` match the story from word ``j`` on."""
    n = len(raw)
    while k < len(tokens):
        token = tokens[k]
        if token == _GAP:
            # Gaps are rare and short: try each length, never past the end of a sentence.
            for skip in range(MAX_GAP + 1):
                if skip and (j + skip - 1 >= n or raw[j + skip - 1] == _STOP):
                    return False
                if _fits(tokens, k + 1, raw, stems, j + skip):
                    return True
            return False
        if j >= n or not _token_fits(token, raw[j], stems[j]):
            return False
        k += 1
        j += 1
    return True


@dataclass(frozen=True, slots=True)
class _Starts:
    """The patterns whose first token fits one particular word."""

    whole: tuple[_Entry, ...]  # one-token patterns: found as soon as the word is
    by_next: dict[str, tuple[_Entry, ...]]  # longer patterns, by their exact second stem
    other: tuple[_Entry, ...]  # longer patterns whose second token is a prefix or a gap


_UNSEEN = _Starts((), {}, ())  # marks a word not looked up yet


class _Matcher:
    """All patterns of a catalogue, indexed by their first token.

    A story is read in one pass; what each distinct word starts is worked out once
    and cached, so the cost per word is a dictionary look-up whatever the number
    of patterns.
    """

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self._exact: dict[str, list[_Entry]] = {}
        self._prefix: dict[str, list[_Entry]] = {}
        for index, theme in enumerate(themes):
            points = f"{_POINTS}{theme.id}"
            # Every keyword found counts; an evidence group, up to its saturation.
            groups: list[tuple[int, str, int, tuple[str, ...]]] = [
                (KEYWORD_WEIGHT, f"k:{theme.id}", len(theme.keywords), (k,)) for k in theme.keywords
            ]
            groups.extend(
                (e.weight, f"g:{theme.id}:{k}", GROUP_SATURATION, e.phrases)
                for k, e in enumerate(theme.evidence)
            )
            seen: set[tuple[str, ...]] = set()
            for weight, feature, cap, phrases in groups:
                for phrase in phrases:
                    tokens = _pattern(phrase)
                    # The same pattern twice in one theme (two spellings that stem
                    # alike) is one piece of evidence, counted at its first weight.
                    if not tokens or tokens[0] == _GAP or tokens in seen:
                        continue
                    seen.add(tokens)
                    simple = not any(t == _GAP or t.endswith("*") for t in tokens[1:])
                    entry = _Entry(
                        index,
                        weight,
                        tokens,
                        list(tokens[2:]) if simple else None,
                        feature,
                        cap,
                        points,
                    )
                    first = tokens[0]
                    if first.endswith("*"):
                        self._prefix.setdefault(first[:-1], []).append(entry)
                    else:
                        self._exact.setdefault(first, []).append(entry)
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._cache: dict[str, _Starts | None] = {}

    def _starts(self, raw: str, stemmed: str) -> _Starts | None:
        entries = list(self._exact.get(stemmed, ()))
        for n in self._prefix_lengths:
            if n > len(raw):
                break
            entries.extend(self._prefix.get(raw[:n], ()))
        if not entries:
            return None
        by_next: dict[str, list[_Entry]] = {}
        other: list[_Entry] = []
        for e in entries:
            if len(e.tokens) == 1:
                continue
            second = e.tokens[1]
            if second.endswith("*") or second == _GAP:
                other.append(e)
            else:
                by_next.setdefault(second, []).append(e)
        return _Starts(
            tuple(e for e in entries if len(e.tokens) == 1),
            {k: tuple(v) for k, v in by_next.items()},
            tuple(other),
        )

    def found(self, raw: list[str], stems: list[str]) -> set[_Entry]:
        """Every distinct pattern that occurs in the story's words and stems."""
        cache = self._cache
        lookup = cache.get
        found: set[_Entry] = set()
        last = len(raw) - 1
        for i, word in enumerate(raw):
            starts = lookup(word, _UNSEEN)
            if starts is None:
                continue
            if starts is _UNSEEN:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                starts = cache[word] = self._starts(word, stems[i])
                if starts is None:
                    continue
            if starts.whole:
                found.update(starts.whole)
            if i == last:
                continue
            if starts.by_next:
                following = starts.by_next.get(stems[i + 1])
                if following:
                    for entry in following:
                        tail = entry.tail
                        if tail is None:
                            if _fits(entry.tokens, 2, raw, stems, i + 2):
                                found.add(entry)
                        elif not tail or stems[i + 2 : i + 2 + len(tail)] == tail:
                            found.add(entry)
            for entry in starts.other:
                if _fits(entry.tokens, 1, raw, stems, i + 1):
                    found.add(entry)
        return found

    def lexicon(self, raw: list[str], stems: list[str]) -> dict[str, float]:
        """The lexicon features of a story's words and stems, by name (see :meth:`read`)."""
        return self.read(raw, stems)[0]

    def read(self, raw: list[str], stems: list[str]) -> tuple[dict[str, float], frozenset[int]]:
        """The lexicon features of a story by name, and the themes it shows core evidence of.

        ``k:THEME`` counts the theme's different keywords found and ``g:THEME:K``
        the different phrases of its evidence group K, each read as a share of
        ``GROUP_SATURATION``; ``p:THEME`` is the theme's points (each phrase found
        its weight, a group's only up to its saturation), on a log scale. Core
        evidence is a keyword or a phrase of weight ``CORE_WEIGHT`` or more: what
        happened, not only who, where or when.
        """
        tallies: dict[str, int] = {}
        points: dict[str, int] = {}
        core: set[int] = set()
        for entry in self.found(raw, stems):
            if entry.weight >= CORE_WEIGHT:
                core.add(entry.theme)
            n = tallies.get(entry.feature, 0)
            if n < entry.cap:
                tallies[entry.feature] = n + 1
                points[entry.points] = points.get(entry.points, 0) + entry.weight
        saturation = GROUP_SATURATION
        out = {
            name: (n if n < saturation else saturation) / saturation for name, n in tallies.items()
        }
        for name, p in points.items():
            out[name] = _LOG_POINTS[p] if p < len(_LOG_POINTS) else _log_points(p)
        return out, frozenset(core)

    def themes_found(self, raw: list[str], stems: list[str]) -> set[int]:
        """Indices of the themes with at least one pattern in the story."""
        return {entry.theme for entry in self.found(raw, stems)}


def _log_points(points: int) -> float:
    return math.log1p(points) / math.log1p(POINTS_SCALE)


# Points seen in a story are small numbers: their logs are worked out once.
_LOG_POINTS = [_log_points(p) for p in range(64)]


@lru_cache(maxsize=64)
def _matcher(themes: tuple[Theme, ...]) -> _Matcher:
    return _Matcher(themes)


_DEFAULTS = {t.id: t for t in DEFAULT_THEMES}


@lru_cache(maxsize=1)
def _default_matcher() -> _Matcher:
    """The default themes' patterns, which the model reads whatever a community changed.

    Cached without arguments: hashing the themes' long pattern tuples on every story
    would cost more than matching them.
    """
    return _Matcher(DEFAULT_THEMES)


def read_story(text: str) -> tuple[dict[str, float], frozenset[int]]:
    """The model's features of ``text`` by name, and the default themes it shows core evidence of.

    Features are words, bigrams and lexicon evidence; core evidence (of any default
    theme) is what lets ``ThemeCatalog.tag`` give the story a theme, and decides
    which themes it keeps when more reach the threshold than it has room for.
    ``text`` is read as the engine reads it, already normalised.
    """
    raw, stems = _read(text)
    lexicon, core = _default_matcher().read(raw, stems)
    return theme_model.features(stems, lexicon), core


def story_features(text: str) -> dict[str, float]:
    """The model's features of ``text`` by name (see :func:`read_story`)."""
    return read_story(text)[0]


@dataclass(frozen=True)
class _Plan:
    """How one catalogue tags: which model themes it keeps, which keywords force one."""

    model: theme_model.ThemeModel
    # The catalogue index of each model theme the community kept, by model index.
    modelled: dict[int, int]
    # Patterns of the keyword-only themes (the community's own, and keywords it
    # added to a default theme), and the catalogue index of each of those themes.
    forced: _Matcher | None
    forced_index: tuple[int, ...]
    ids: tuple[str, ...]


@dataclass(frozen=True)
class ThemeCatalog:
    """The themes one community uses."""

    themes: tuple[Theme, ...] = field(default_factory=lambda: DEFAULT_THEMES)

    @cached_property
    def _plan(self) -> _Plan:
        model = theme_model.load()
        in_model = {theme_id: k for k, theme_id in enumerate(model.themes)}
        modelled: dict[int, int] = {}
        forced: list[Theme] = []
        forced_index: list[int] = []
        for index, theme in enumerate(self.themes):
            default = _DEFAULTS.get(theme.id)
            extra = theme.keywords
            # A default theme, perhaps with keywords added; a theme that only shares a
            # default id (its keywords or evidence differ) is the community's own.
            if (
                default is not None
                and theme.id in in_model
                and theme.evidence == default.evidence
                and theme.keywords[: len(default.keywords)] == default.keywords
            ):
                modelled[in_model[theme.id]] = index
                extra = theme.keywords[len(default.keywords) :]
            if extra:
                forced.append(Theme(theme.id, theme.label, theme.group, extra))
                forced_index.append(index)
        return _Plan(
            model,
            modelled,
            _matcher(tuple(forced)) if forced else None,
            tuple(forced_index),
            tuple(self.ids()),
        )

    def ids(self) -> list[str]:
        """Theme ids in catalogue order."""
        return [t.id for t in self.themes]

    def get(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, if the community has it."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def _forced(self, raw: list[str], stems: list[str]) -> list[int]:
        plan = self._plan
        if plan.forced is None:
            return []
        found = plan.forced.themes_found(raw, stems)
        return [plan.forced_index[k] for k in sorted(found)]

    def scores(self, text: str) -> dict[str, float]:
        """How likely each theme is, by id (for explaining a tagging).

        The model's probability for a default theme; 1 for a theme one of the
        community's keywords forces, 0 for its other keyword-only themes.
        """
        raw, stems = _read(text)
        plan = self._plan
        out = {t.id: 0.0 for t in self.themes}
        if plan.modelled:
            lexicon = _default_matcher().lexicon(raw, stems)
            probabilities = plan.model.probabilities(stems, lexicon)
            for k, index in plan.modelled.items():
                out[self.themes[index].id] = float(probabilities[k])
        for index in self._forced(raw, stems):
            out[self.themes[index].id] = 1.0
        return out

    def tag(self, text: str) -> tuple[str, ...]:
        """Ids of the themes the story touches, in catalogue order, at most ``MAX_THEMES``.

        Themes forced by a community keyword come first. Then, when the story shows
        core evidence of any theme (what happened, not only who or where), the model
        adds its best theme and every other that reaches the threshold, while there is
        room. The evidence need not be of the theme the model adds: writers often tell
        one theme in another's words. When more themes reach the threshold than there
        is room for, those the story shows core evidence of are kept first.
        """
        raw, stems = _read(text)
        plan = self._plan
        chosen = self._forced(raw, stems)[:MAX_THEMES]
        modelled = plan.modelled
        if modelled and len(chosen) < MAX_THEMES:
            lexicon, core = _default_matcher().read(raw, stems)
            if core:
                margins = plan.model.margins(stems, lexicon)
                allowed = [k for k, index in modelled.items() if index not in chosen]
                picked = theme_model.choose(margins, allowed, MAX_THEMES - len(chosen), core)
                chosen += [modelled[k] for k in picked]
        ids = plan.ids
        return tuple(ids[index] for index in sorted(chosen))

    def with_changes(
        self,
        added: tuple[Theme, ...] = (),
        removed: tuple[str, ...] = (),
        extra_keywords: dict[str, tuple[str, ...]] | None = None,
    ) -> ThemeCatalog:
        """A catalogue with themes added, removed, and keywords extended."""
        extra = extra_keywords or {}
        kept = [t for t in self.themes if t.id not in removed]
        kept.extend(added)
        return ThemeCatalog(
            tuple(replace(t, keywords=t.keywords + extra.get(t.id, ())) for t in kept)
        )


def default_catalog() -> ThemeCatalog:
    """The twelve default themes."""
    return ThemeCatalog()
