"""Names of people and places: capitalised runs, context cues, lowercase chat names.

The rules, in the order they are tried:

- a capitalised word in the middle of a sentence is a proper noun unless it is on
  the never-PII lists (weekdays, holidays, nationalities, platforms, relationship
  words, acronyms...); consecutive ones form one name ("Hollins County Family Court");
- a capitalised word opening a sentence is one only if it is not an ordinary
  dictionary word, or a cue says so ("Will and I", "Hope is my name", "Dr. Faith");
- a lowercase word is a name if it is a known first name and no dictionary word
  ("jess", "reza"), or a dictionary word with a strong cue ("dude kyle", "w mark",
  "my coworker grace", "me and summer");
- a lowercase word on no list at all is a name right after "my ex", "named",
  "my boss"... when it is rare in English and not shaped like a typo;
- an ordinary word that is also a first name is one when what follows only fits a
  person: a past-tense or third-person verb ("Hope thinks"), a possessive
  ("Summer's boyfriend"), "from IT";
- whatever was found once is also found everywhere else in the story, in any case
  unless that spelling is an ordinary word.

A run ending in a place word ("College", "Street", "Café"), a known city, or one
following "at"/"in" becomes a place; everything else a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from bot.core.redaction._contact import Span
from bot.core.redaction._lexicon import (
    EMPLOYER_VERBS,
    MONTHS,
    NEVER,
    ORDINARY_BEFORE,
    PERSON_CUES_AFTER,
    PERSON_CUES_BEFORE,
    PHRASES,
    PLACE_PREPOSITIONS,
    PLACE_SUFFIXES,
    STRONG_CUES_BEFORE,
    TITLES,
    WEEKDAYS,
    WORK_VERBS,
    Lexicon,
)

# A word (group 1) without a possessive "'s", then an optional full stop (group 2).
# Words right after "#", "@", "/", "_", "." or a digit belong to a tag, link or number;
# letters glued to digits after them ("Aa0000A", "B12") are part of a code. The word is
# an atomic group, so one followed by a digit is dropped whole, never cut shorter.
_WORD = re.compile(
    r"(?<![#@/_\\.\w])"
    r"((?>[^\W\d_]+(?:['’](?![sS](?![^\W\d_]))[^\W\d_]+)*(?:-[^\W\d_]+)*))(?!\d)"
    r"(?:['’][sS](?![^\W\d_]))?(\.)?"
)
# What follows the kind word of a numbered placeholder ("[name 1]") up to the next word.
_PLACEHOLDER_TAIL = re.compile(r" \d+\]\s+")
# Inside a name: "Page & Quill", "Rue des Lilas", "University of Leeds", "van der Berg".
_CONNECTORS = frozenset(
    [
        "&",
        "of",
        "de",
        "des",
        "du",
        "la",
        "le",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "da",
        "das",
        "dos",
        "los",
        "las",
        "di",
        "bin",
        "al",
        "el",
        "y",
    ]
)
# Characters passed over when looking back for the end of the previous sentence.
_SKIP_BACK = frozenset(" \t\u00a0*_>'‘-–—•")
# A capital letter that is no word by itself ("A" and "I" are).
_INITIAL = re.compile(r"[B-HJ-Z]")
# Words after an initial's dot rarer than this (Zipf) are surnames ("K. Marsh"), not
# the next sentence's first word ("Plan B. The rest").
_AFTER_INITIAL_MAX_ZIPF = 5.0
_SENTENCE_END = '.!?:;\n"“”(['
_NAME_IS = re.compile(r"\s+(?:is|was)\s+(?:my|her|his|their)\s+(?:\w+\s+)?name\b", re.IGNORECASE)
# A message opening by calling someone: "mo pls pick up", "hope, are you there".
_VOCATIVE = re.compile(r"\s*(?:,|pls\b|plz\b|please\b|are you\b|r u\b)", re.IGNORECASE)
# "something else and I": words after which the next one is no name.
_INDEFINITES = frozenset(
    [
        "something",
        "anything",
        "nothing",
        "everything",
        "someone",
        "anyone",
        "everyone",
        "somewhere",
        "anywhere",
        "what",
        "who",
        "where",
        "how",
        "why",
        "much",
        "more",
        "less",
    ]
)
# Past and third-person forms, which cannot follow an auxiliary: "Will laughed" is a
# person, "Will you" is not.
_NAME_VERB = re.compile(
    r" (?:said|says|told|tells|texted|texts|asked|asks|messaged|messages|replied|replies|"
    r"yelled|yells|shouted|laughed|laughs|smiled|smirked|grabbed|grabs|pushed|pulled|hugged|"
    r"kissed|followed|follows|touched|touches|kept|keeps|started|starts|showed|shows|came|"
    r"comes|went|goes|sent|sends|posted|posts|shared|called|calls|walked|drove|left|leaves|"
    r"thinks|thought|knew|knows|insisted|insists|refused|refuses|promised|claimed|claims|"
    r"admitted|apologised|apologized|denied|denies|wanted|wants|tried|tries|got|gets|"
    r"made|makes|put|stood|sat|looked|looks|stared|stares|winked|whispered|joked|jokes|"
    r"explained|explains|interrupted|ignored|blamed|blames|reported|invited|offered|"
    r"wouldn't|didn't|doesn't|won't|wasn't|was|has|had|would|just)\b"
)
# What follows a verb rather than a name: "my uncle asks me", "an aunt held my arm".
_OBJECT_AFTER = re.compile(r" (?:me|my|him|his|her|them|their|us|our|you|your|it|the|a|an)\b")
# Relatives named with no "my" before them ("uncle ray", "auntie grace").
_ELDERS = frozenset(["uncle", "aunt", "auntie", "aunty", "grandma", "grandpa"])
# A regular past tense after a capitalised first name: "Rose cornered me".
_PAST_TENSE = re.compile(r" [a-z]{2,}ed\b")
# Verbs after a lowercase first name that only a person does ("mark keeps texting").
_TELLING_VERB = re.compile(
    r" (?:said|says|told|tells|texted|texts|asked|asks|messaged|messages|replied|yelled|shouted"
    r"|laughed|grabbed|followed|touched|kept|keeps|sent|sends|posted|called|calls|walked|drove"
    r"|thinks|wants|tried|stared|winked|whispered|joked|explained|interrupted|ignored|blamed"
    r"|reported|invited|offered|showed|cornered|pushed|pulled|kissed|hugged|groped)\b"
)
# Lowercase words more frequent than this are too often ordinary ("will said" is rare,
# "summer said" is not a sentence at all).
_LOWERCASE_SUBJECT_MAX_ZIPF = 5.0
# Words after which a new clause, and so a lowercase subject, may begin.
_CLAUSE_OPENERS = frozenset(
    {
        *("and", "but", "then", "so", "when", "because", "cos", "cause", "after", "before"),
        *("until", "while", "if", "once", "lol", "omg", "ok", "like", "also", "plus"),
    }
)
_AND_I = re.compile(r"\s+(?:and|&|n)\s+(?:i|me)\b", re.IGNORECASE)
# "Bob is my manager", "Gene was the CEO": only a person is someone's role.
_ROLE = (
    r"(?:manager|boss|supervisor|coworker|co-worker|colleague|teammate|classmate|roommate"
    r"|flatmate|housemate|neighbou?r|landlord|landlady|teacher|tutor|professor|coach|trainer"
    r"|mentor|therapist|doctor|dentist|lawyer|friend|best friend|bestie|husband|wife"
    r"|boyfriend|girlfriend|partner|fianc[eé]e?|ex|ex-\w+|brother|sister|cousin|uncle|aunt"
    r"|stepdad|stepmom|stepfather|stepmother|dad|father|son|daughter|nephew|niece"
    r"|ceo|cto|cfo|founder|owner|director|principal|headteacher|dean|chair|captain|pastor"
    r"|priest|imam|rabbi|officer|sergeant|detective|driver|bartender|host|team lead|lead)"
)
_NAME_ROLE = re.compile(
    rf"\s*,?\s+(?:is|was|'s|’s)\s+(?:my|our|her|his|their|the|a|an)\s+(?:[\w-]+\s+)?{_ROLE}\b"
    rf"|,\s+(?:my|our|her|his|their|the)\s+(?:[\w-]+\s+)?{_ROLE}\b",
    re.IGNORECASE,
)
# "Ivy and Jun": the other half of a pair of names.
_AND = re.compile(r"\s+(?:and|&)\s+$|,\s+$")
# "Summer's boyfriend", "Bill from accounts": only people have these.
_PERSON_AFTER = re.compile(
    # A possessive, not "'s" for "is" or "has": "Summer's boyfriend", not "Summer's over".
    r"['’]s (?!(?:been|got|gone|not|a|an|the|so|just|all|over|only|never|always|still|really"
    r"|too|very|here|there|back|coming|going|getting|done|fine|ok|okay|hard|easy|true)\b)[a-z]"
    r"| from (?:IT|HR|accounts|accounting|finance|sales|marketing|legal|ops|operations|payroll"
    r"|reception|security|work|class|school|church|the gym|next door|upstairs|downstairs"
    r"|the (?:warehouse|office|front desk|kitchen|bar|team|shop|store|site|lab|depot|factory"
    r"|club|floor|night shift|day shift|building))\b"
)
# Words right before a lowercase word on no list that make it a name ("my ex dornan").
_UNKNOWN_NAME_CUES = frozenset(
    [
        "named",
        "ex",
        "bf",
        "gf",
        "boyfriend",
        "girlfriend",
        "husband",
        "boss",
        "manager",
        "coworker",
        "co-worker",
        "colleague",
        "roommate",
        "flatmate",
        "housemate",
        "cousin",
        "neighbor",
        "neighbour",
        "supervisor",
        "landlord",
        "classmate",
        "teammate",
        "stepdad",
        "friend",
        "bestie",
        "mate",
        "buddy",
        "pal",
        "sister",
        "brother",
        "coach",
        "teacher",
        "tutor",
        "uncle",
        "aunt",
        "auntie",
        "aunty",
        "nephew",
        "niece",
        "grandpa",
        "grandad",
        "granddad",
        "stepbrother",
        "stepsister",
        "stepmom",
        "stepmum",
        "fiance",
        "fiancé",
        "partner",
        "son",
        "daughter",
        "wife",
        "dude",
        "w",
    ]
)
# Family words that open business names ("Mama Rosa's", "Uncle Ray's Diner").
_FAMILY_IN_NAMES = frozenset(
    [
        "mama",
        "mamma",
        "mami",
        "papa",
        "nana",
        "nonna",
        "uncle",
        "auntie",
        "aunty",
        "aunt",
        "grandma",
    ]
)
# Titles that are no ordinary word, so they count in lowercase chat too ("mr baker").
_SHORT_TITLES = frozenset(["mr", "mrs", "ms", "mx", "dr", "prof", "herr", "frau", "sgt", "det"])
# Relatives and colleagues after "my": the next word is who they are.
_RELATIONS = _UNKNOWN_NAME_CUES - {"named", "dude", "w"} | {"friend", "sister", "brother"}
_TYPO_ENDINGS = ("ly", "ing", "in", "ed", "nt")
# Words after which a lowercase town is named ("moved to leeds", "live in nairobi").
_PLACE_CUES = frozenset(
    ["in", "to", "from", "near", "outside", "around", "into", "toward", "towards", "via", "visit",
     "visiting", "visited", "left", "leaving", "live", "lives", "lived", "living", "back"]
)  # fmt: skip
# Gazetteer entries that are mostly something else in chat.
_NOT_TOWNS = frozenset(["asia", "olympic", "batman", "mid-city", "obama", "hollywood"])
# Towns this frequent in English are mostly other words or names ("york" aside).
_COMMON_TOWN_ZIPF = 5.6
_LOWERCASE_PLACE_CUES = _PLACE_CUES | {"at", "for"}
# Unlisted words rarer than this (Zipf) after such a cue are taken for names.
_UNKNOWN_NAME_MAX_ZIPF = 3.0
# Zipf frequency above which an unlisted capitalised word opening a sentence is
# taken as ordinary chat ("Idk", "Thats") rather than an unknown name.
_COMMON_ZIPF = 3.8
# Lowercase first names this frequent are too often ordinary words or slang.
_LOWERCASE_NAME_MAX_ZIPF = 4.8
# Dictionary words this frequent ("will", "man", "as") are never taken for names
# when written in lowercase, whatever the context.
_FUNCTION_WORD_ZIPF = 5.5


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


class _Token(NamedTuple):
    """One word of the text, with what the rules need to know of it."""

    start: int
    end: int
    text: str  # without a possessive ending or a trailing full stop
    lower: str
    capital: bool
    initial: bool  # opens a sentence, a line, or a quotation
    dot: bool  # followed by "." (titles: "Dr.")


# Builds a _Token from a tuple, skipping the Python-level __new__ of a named tuple,
# which costs twice as much: stories have thousands of words, one _Token each.
_new_token = tuple.__new__


# What the rules need to know of a spelling wherever it stands, as a plain tuple
# (unpacked once per word, which is quicker than a named tuple's):
# - lower: the word in lowercase;
# - capital: not initials, all-caps words, or acronyms with an ending ("DMed");
# - plain: in lowercase and not never-PII, so the lowercase rules may take it;
# - name: plain, on a name list and not too common, so the lowercase rules judge it
#   anywhere;
# - cue: the lowercase rules judge the plain word after it ("named X", "moved to X").
_Shape = tuple[str, bool, bool, bool, bool]


class _Words(NamedTuple):
    """The words of a text, and the few of them each group of rules starts from."""

    tokens: list[_Token]
    capitals: list[int]  # indices of capitalised words: runs and pairs start there
    lowercase: list[int]  # indices of the words the lowercase rules judge


# Cue words of the lowercase rules: the word after one of these is judged.
_LOWERCASE_CUES = _LOWERCASE_PLACE_CUES | _UNKNOWN_NAME_CUES
# Spellings whose shape is kept; the cache starts afresh when full.
_SHAPES_KEPT = 20_000


def _opens_sentence(text: str, start: int, prev: _Token | None) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a quotation."""
    j = start - 1
    while j >= 0 and text[j] in _SKIP_BACK:
        j -= 1
    initial = j < 0 or text[j] in _SENTENCE_END or (not text[j].isalnum() and not text[j].isascii())
    if prev is not None and prev.dot and prev.end + 1 >= start - 2:
        # "Dr. Smith": the dot of a title does not end a sentence.
        return initial and prev.lower not in TITLES
    return initial


class NameFinder:
    """Finds names of people and places in normalised text."""

    def __init__(self, lex: Lexicon) -> None:
        self._lex = lex
        # The three never-PII lists as one set: one look-up per capitalised word.
        self._never_words = NEVER | WEEKDAYS | lex.countries
        # Stories repeat their words: each spelling's shape is worked out once.
        self._shapes: dict[str, _Shape] = {}

    # -- words ------------------------------------------------------------------

    def _shape(self, word: str) -> _Shape:
        """The shape of ``word``, worked out and kept for its next occurrence."""
        low = word.lower()
        capital = word[0].isupper() and len(word) > 1 and not word[1].isupper()
        plain = not capital and low not in NEVER
        # "the", "will" and "said" are on the name lists, but far too common to be
        # names in lowercase without a cue before them (see _strongly_cued).
        name = plain and self._lex.is_name(low) and self._lex.frequency(low) < _FUNCTION_WORD_ZIPF
        shape = (low, capital, plain, name, low in _LOWERCASE_CUES)
        if len(self._shapes) >= _SHAPES_KEPT:
            self._shapes.clear()
        self._shapes[word] = shape
        return shape

    def _words(self, text: str) -> _Words:
        """The words of ``text`` in order, and where each group of rules starts.

        Capitalised words start runs and pairs; lowercase words are judged only when
        on a name list or after a cue. Noting those indices here, in the one pass
        over every word, spares the rules a pass each.
        """
        tokens: list[_Token] = []
        capitals: list[int] = []
        lowercase: list[int] = []
        append = tokens.append
        shape_of = self._shapes.get
        prev: _Token | None = None
        after_cue = False
        for m in _WORD.finditer(text):
            start, end = m.span(1)
            word = m[1]
            low, capital, plain, name, cue = shape_of(word) or self._shape(word)
            if capital:
                capitals.append(len(tokens))
                # Only capitalised words need to know whether they open a sentence.
                initial = _opens_sentence(text, start, prev)
            else:
                initial = False
                if name or (plain and after_cue):
                    lowercase.append(len(tokens))
            after_cue = cue
            prev = _new_token(_Token, (start, end, word, low, capital, initial, m[2] is not None))
            append(prev)
        return _Words(tokens, capitals, lowercase)

    # -- single-word judgements ------------------------------------------------

    def _never(self, tok: _Token) -> bool:
        return tok.lower in self._never_words

    def _ordinary_opener(self, tok: _Token) -> bool:
        """A capitalised word opening a sentence that reads as an ordinary word."""
        low = tok.lower
        if self._lex.is_word(low) or low in MONTHS or not _latin(low[0]):
            # Without word lists for other scripts, only mid-sentence capitals count there.
            return True
        if self._lex.is_name(low) or low in self._lex.cities:
            return False
        # Dropped g ("Walkin") and unlisted frequent words ("Thats", "Idk").
        return self._lex.is_word(low + "g") or self._lex.frequency(low) >= _COMMON_ZIPF

    def _after_initial(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A surname after an initial ("K. Marsh"), though the dot reads as a sentence end."""
        prev = tokens[i - 1] if i else None
        return (
            prev is not None
            and _INITIAL.fullmatch(prev.text) is not None
            and text[prev.end : tokens[i].start] == ". "
            and self._lex.frequency(tokens[i].lower) < _AFTER_INITIAL_MAX_ZIPF
        )

    def _person_not_country(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A country that is also a first name, doing what people do ("Jordan texted me")."""
        low = tokens[i].lower
        return (
            low in self._lex.countries
            and self._lex.is_name(low)
            and _TELLING_VERB.match(text, tokens[i].end) is not None
        )

    def _cued(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Context says this first name is a person: a title, "X and I", "X said", "my ex X"."""
        tok = tokens[i]
        if not self._lex.is_name(tok.lower):
            return False
        if self._lex.is_word(tok.lower):
            return self._strongly_cued(text, tokens, i)
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        gap_before = prev is not None and text[prev.end : tok.start].strip(" .") == ""
        if prev is not None and gap_before:
            if prev.lower in TITLES and prev.capital:
                return True
            if prev.lower in ORDINARY_BEFORE:
                return False
            if prev.lower in PERSON_CUES_BEFORE:
                return True
        after = text[tok.end : tok.end + 40]
        if _AND_I.match(after) or _NAME_IS.match(after) or after.startswith(("'s ", "’s ")):
            return True
        if _NAME_ROLE.match(after):
            return True
        return (
            nxt is not None and nxt.lower in PERSON_CUES_AFTER and text[tok.end : nxt.start] == " "
        )

    def _strongly_cued(self, text: str, tokens: list[_Token], i: int) -> bool:
        """Cues strong enough to make an ordinary word a name ("w mark", "summer and i")."""
        tok = tokens[i]
        if self._lex.frequency(tok.lower) >= _FUNCTION_WORD_ZIPF and not tok.capital:
            return False
        prev = tokens[i - 1] if i else None
        # "w/ faith": the slash belongs to the cue.
        gap = text[prev.end : tok.start] if prev is not None else ""
        if prev is not None and gap.strip(" ./") == "":
            if prev.lower in TITLES and (prev.capital or prev.lower in _SHORT_TITLES):
                return True
            if prev.lower in STRONG_CUES_BEFORE:
                return True
            # "uncle ray"; "my coworker mark", "my ex hope": a relative or colleague named
            # next, unless a verb and its object follow ("my uncle asks me").
            relative = prev.lower in _ELDERS or (
                prev.lower in _RELATIONS
                and gap == " "
                and i > 1
                and tokens[i - 2].lower in ("my", "our")
            )
            if relative and _OBJECT_AFTER.match(text, tok.end) is None:
                return True
            # "me and summer", "i n faith".
            if prev.lower in ("and", "&", "n") and i > 1 and tokens[i - 2].lower in ("me", "i"):
                return True
            # A capitalised word inside a sentence is a name, not "will" or "the".
            mid_capital = prev.capital and not prev.initial
            if (prev.lower in ORDINARY_BEFORE or prev.lower in _INDEFINITES) and not mid_capital:
                return False
        after = text[tok.end : tok.end + 40]
        if i == 0 and _VOCATIVE.match(after):
            return True
        if tok.capital and (
            _NAME_VERB.match(after) or _PERSON_AFTER.match(after) or _PAST_TENSE.match(after)
        ):
            # "Grace texted me", "Mark said", "Rose cornered me": a capitalised subject of
            # a verb in the past or third person.
            return True
        if (
            tok.text.islower()
            and self._lex.frequency(tok.lower) < _LOWERCASE_SUBJECT_MAX_ZIPF
            and _TELLING_VERB.match(after)
            and self._opens_clause(text, prev, tok)
        ):
            # "mark keeps texting me", "rose said": chat leaves names in lowercase.
            return True
        return bool(_AND_I.match(after) or _NAME_IS.match(after) or _NAME_ROLE.match(after))

    @staticmethod
    def _opens_clause(text: str, prev: _Token | None, tok: _Token) -> bool:
        # A lowercase name as a subject starts its clause ("rose said", "lol mark kept
        # texting"); after another word it is a noun ("the night porter kept calling").
        if prev is None:
            return True
        gap = text[prev.end : tok.start]
        if gap.strip() != "":
            # "[name 1] boss said" reads as "Kim boss said": a placeholder from an earlier
            # redaction stands for a word, so redacting the text again finds nothing new.
            return not (
                _PLACEHOLDER_TAIL.fullmatch(gap) and text[prev.start - 1 : prev.start] == "["
            )
        return prev.lower in _CLAUSE_OPENERS

    # -- runs -----------------------------------------------------------------

    def _run_end(self, text: str, tokens: list[_Token], i: int) -> int:
        """Index after the last token of the capitalised run starting at ``i``."""
        j = i + 1
        while j < len(tokens):
            gap = text[tokens[j - 1].end : tokens[j].start]
            tok = tokens[j]
            joins = tok.capital and not self._never(tok) and not tokens[j - 1].dot
            if joins and gap in (" ", "-", " & "):
                j += 1
                continue
            # "Rizzo's Auto", "Abernathy Wells LLP": a possessive or an all-caps
            # ending still belongs to a business name.
            if tok.lower in PLACE_SUFFIXES and (
                (joins and gap in ("'s ", "’s "))
                or (gap == " " and tok.text.isupper() and len(tok.text) > 2)
            ):
                j += 1
                continue
            # A lowercase connector: "Rue des Lilas", "University of Leeds".
            if (
                gap == " "
                and tok.lower in _CONNECTORS
                and j + 1 < len(tokens)
                and tokens[j + 1].capital
                and not self._never(tokens[j + 1])
                and text[tok.end : tokens[j + 1].start] == " "
            ):
                j += 2
                continue
            break
        return j

    def _kind(self, text: str, tokens: list[_Token], i: int, j: int) -> str:
        """The kind, "place" or "name", of the run tokens[i:j]."""
        words = [t.lower for t in tokens[i:j]]
        phrase = " ".join(words)
        before = tokens[i - 1].lower if i else ""
        after_place_word = before in PLACE_PREPOSITIONS or before == "the"
        joined = "&" in text[tokens[i].start : tokens[j - 1].end]
        if (
            words[-1] in PLACE_SUFFIXES
            or joined
            or (after_place_word and phrase in self._lex.cities)
        ):
            return "place"
        if any(self._lex.is_name(w) for w in words):
            return "name"
        return "place" if after_place_word or phrase in self._lex.cities else "name"

    def _capitalised(self, text: str, tokens: list[_Token], capitals: list[int]) -> Iterator[Span]:
        never = self._never_words
        # Index of the first token not yet part of a run: runs swallow later capitals.
        resume = 0
        for i in capitals:
            tok = tokens[i]
            if i < resume or (tok.lower in never and not self._person_not_country(text, tokens, i)):
                continue
            j = self._run_end(text, tokens, i)
            run = tokens[i:j]
            if (
                tok.initial
                and self._ordinary_opener(tok)
                and not self._cued(text, tokens, i)
                and not self._after_initial(text, tokens, i)
            ):
                # Keep the opener only when the run is clearly one name ("Sun Harvest
                # Farms", "Grace Okafor"), not "At Lakeview High".
                multi = len(run) > 1 and (
                    self._lex.is_first_name(tok.lower)
                    or (
                        run[-1].lower in PLACE_SUFFIXES
                        and self._lex.frequency(tok.lower) < _FUNCTION_WORD_ZIPF
                    )
                )
                if not multi:
                    continue
            resume = j
            first = i
            if tok.lower in TITLES and len(run) > 1:
                # "Dr. Faith Okonkwo": the title stays outside the name.
                run = run[1:]
                first += 1
            elif tok.lower in TITLES or (
                len(run) == 1 and tok.lower in MONTHS and not self._cued(text, tokens, i)
            ):
                continue
            start = run[0].start
            kind = self._kind(text, tokens, first, j)
            before = tokens[first - 1] if first else None
            if before is not None and before.text == "The" and not before.initial:
                start = before.start
            elif (
                kind == "place"
                and before is not None
                and before.capital
                and before.lower in _FAMILY_IN_NAMES
                and text[before.end : start] == " "
            ):
                # "Mama Ngozi's Kitchen", "Uncle Ray's Diner": the family word is
                # part of the business name.
                start = before.start
            yield Span(start, run[-1].end, kind)

    def _lowercase(self, text: str, tokens: list[_Token], judged: list[int]) -> Iterator[Span]:
        """Lowercase names and places among the words at ``judged`` (see _words)."""
        lex = self._lex
        for i in judged:
            tok = tokens[i]
            low = tok.lower
            # The word before, checked against the cue lists before any call is made.
            before = tokens[i - 1].lower if i else ""
            if before in _LOWERCASE_PLACE_CUES and self._lowercase_place(text, tokens, i):
                yield Span(tok.start, tok.end, "place")
                continue
            if not lex.is_name(low):
                if before in _UNKNOWN_NAME_CUES and self._unknown_after_cue(text, tokens, i):
                    yield Span(tok.start, tok.end, "name")
                continue
            ordinary = lex.is_word(low) or lex.frequency(low) >= _LOWERCASE_NAME_MAX_ZIPF
            if ordinary and not self._strongly_cued(text, tokens, i):
                continue
            yield Span(tok.start, tok.end, "name")

    def _lowercase_place(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A lowercase town or employer named after a cue.

        A town after "in", "to", "moved to"... ("moved to leeds"), or an unknown name
        after "work at" ("i work at tesco").

        Towns must be on the gazetteer and no dictionary word ("bath", "reading" stay);
        employers only need to be no word at all, the cue being that specific.
        """
        tok, prev = tokens[i], tokens[i - 1]
        low = tok.lower
        cue = prev.lower
        # Cheapest tests first: nearly every word fails the first one.
        if cue in _PLACE_CUES:
            if low not in self._lex.cities or low in _NOT_TOWNS:
                return False
            common = _COMMON_TOWN_ZIPF
        elif i > 1 and (
            (cue == "at" and tokens[i - 2].lower in EMPLOYER_VERBS)
            or (cue == "for" and tokens[i - 2].lower in WORK_VERBS)
        ):
            if self._lex.is_name(low):
                return False
            common = _COMMON_ZIPF
        else:
            return False
        if len(low) < 4 or self._lex.is_word(low) or text[prev.end : tok.start] != " ":
            return False
        return self._lex.frequency(low) < common

    def _unknown_after_cue(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A lowercase word on no list right after "my ex", "named", "my boss"...

        Only words that are no dictionary word, rare in English, and not shaped like a
        misspelt adverb or verb ("finaly", "laughin"), so typos are mostly left alone.
        """
        if not i or tokens[i - 1].lower not in _UNKNOWN_NAME_CUES:
            return False
        tok, prev = tokens[i], tokens[i - 1]
        low = tok.lower
        if len(low) < 3 or low.endswith(_TYPO_ENDINGS) or self._lex.is_word(low):
            return False
        if text[prev.end : tok.start].strip(" /") != "":
            return False
        return self._lex.frequency(low) < _UNKNOWN_NAME_MAX_ZIPF

    def find(self, text: str) -> list[Span]:
        """Every name found, each mention once, in text order."""
        masked = text
        for phrase in PHRASES:
            if phrase in masked:
                masked = masked.replace(phrase, " " * len(phrase))
        tokens, capitals, lowercase = self._words(masked)
        found = list(self._capitalised(masked, tokens, capitals))
        found += self._lowercase(masked, tokens, lowercase)
        found += self._pairs(masked, tokens, capitals, found)
        return self._spread(masked, tokens, found)

    def _pairs(
        self, text: str, tokens: list[_Token], capitals: list[int], found: list[Span]
    ) -> list[Span]:
        """First names joined to a found name by "and" ("Ivy and Jun", "Ivy, Jun").

        A sentence-opening "Ivy" alone reads as a plant; next to "and Jun" it is a person.
        """
        names = {s.start for s in found if s.kind == "name"}
        if not names:
            return []
        taken = [(s.start, s.end) for s in found]
        extra: list[Span] = []
        for i in capitals:
            if i >= len(tokens) - 2:
                # A pair needs two more words after the first name.
                break
            tok = tokens[i]
            if not self._lex.is_first_name(tok.lower) or self._never(tok):
                continue
            if any(a <= tok.start < b for a, b in taken):
                continue
            nxt = tokens[i + 1]
            joined = nxt.lower in ("and", "&") and text[tok.end : nxt.start] == " "
            partner = tokens[i + 2] if joined else nxt
            if not joined and text[tok.end : nxt.start] != ", ":
                continue
            if partner.start in names and partner.capital:
                extra.append(Span(tok.start, tok.end, "name"))
        return extra

    def _spread(self, text: str, tokens: list[_Token], found: list[Span]) -> list[Span]:
        """Mark every other mention of a found name, and first/last names of full names."""
        if not found:
            return []
        kinds: dict[str, str] = {}
        for span in found:
            value = text[span.start : span.end]
            kinds.setdefault(value, span.kind)
            if span.kind == "name" and " " in value:
                for part in value.split():
                    low = part.lower()
                    if len(part) > 2 and (not self._lex.is_word(low) or self._lex.is_name(low)):
                        kinds.setdefault(part, "name")
        taken = {(s.start, s.end) for s in found}
        covered = [(s.start, s.end) for s in found]
        extra: list[Span] = []
        # "Jess" found once is also "jess" and "JESS", unless that spelling is an
        # ordinary word ("Will" found, "will" kept).
        folded = {value.lower(): kind for value, kind in kinds.items()}
        # Every key of ``kinds`` is in ``folded`` in lowercase, so one look-up per word
        # finds the few words that can be mentions.
        mentions = [i for i, tok in enumerate(tokens) if tok.lower in folded]
        for i in mentions:
            tok = tokens[i]
            kind = kinds.get(tok.text)
            if kind is None and not self._lex.is_word(tok.lower):
                kind = folded[tok.lower]
            if kind is None or (tok.start, tok.end) in taken:
                continue
            if any(a <= tok.start and tok.end <= b for a, b in covered):
                continue
            prev = tokens[i - 1].lower if i else ""
            if not tok.capital and prev in ORDINARY_BEFORE:
                continue
            extra.append(Span(tok.start, tok.end, kind))
        return sorted(found + extra)
