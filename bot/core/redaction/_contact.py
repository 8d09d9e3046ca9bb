"""Pattern detectors: emails, links, handles and mentions, phone numbers, IDs, addresses.

Each detector returns ``Span``s on the normalised text. Order matters only in the
engine, which keeps the first span claimed for any character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from bot.core.redaction._lexicon import lexicon


class Span(NamedTuple):
    """A detected detail: character range and kind (a placeholder word)."""

    start: int
    end: int
    kind: str


# Endings that make "word.word" a web address even without a scheme or a path.
_TLDS = (
    "com|org|net|edu|gov|mil|io|co|info|biz|app|dev|xyz|tv|gg|ly|cc|fm|ai|"
    "online|site|blog|shop|social|club|live|link|page|news|space|tech|store|email|"
    "uk|us|ca|au|nz|ie|de|fr|nl|be|es|pt|ch|se|dk|fi|pl|cz|ru|ua|gr|pk|jp|"
    "kr|cn|hk|tw|sg|ph|vn|br|mx|ar|cl|za|ng|ke|eg|ae"
)
_DOT = r"(?:\.|\s?[\[(]dot[\])]\s?)"
_AT = r"(?:@|\s?[\[({]at[\])}]\s?)"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+%-]*\w{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[A-Za-z]{{2,24}}(?![\w@])"
    rf"|(?<![\w.])[\w.+-]+ at [\w-]+ dot (?:{_TLDS})\b",
    re.IGNORECASE,
)
_URL = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"']+"
    r"|\bwww\.[^\s<>\"']+"
    # A full stop after the ending closes the sentence ("email me at brightfold.io.").
    rf"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})(?:/[^\s<>\"']*)?(?![\w@-]|\.[\w-])"
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,6}/[^\s<>\"']+",
    re.IGNORECASE,
)
# "[at]" and " at ... dot " looked for apart: each pattern then opens with a character
# or a class, which re skips to quickly, where their alternation is tried everywhere.
_BRACKETED_AT = re.compile(r"[\[({]at[\])}]", re.IGNORECASE)
_WORDED_AT = re.compile(r" at [\w-]+ dot ", re.IGNORECASE)
_DOT_WORD = re.compile(r"\.\w")
_TRAILING = ".,;:!?)]}'\"’”"
_PLATFORM_MENTION = re.compile(r"<@[!&]?(?:\d{5,25}|[UW][A-Z0-9]{5,15})>")
# "@-ing" someone is a verb ("stop @ing me", "@ed", "@s"), unless more of a handle follows.
_HANDLE = re.compile(
    r"(?<![\w@./])@(?!(?:ing|ed|s)(?![\w.]*\w))[A-Za-z0-9_][A-Za-z0-9_.]{0,38}[A-Za-z0-9_]"
)
_DISCORD_TAG = re.compile(r"(?<![\w#])[^\W\d_][\w.]{1,31}#\d{4}\b")
# Usernames written without "@": words joined by "_" (lurk3r_jay, Sergei_77) and gamer
# tags framed by "xX" (xXVenomRexXx). Prose never joins words with "_"; markdown's
# "_italic_" has no letter or digit outside its underscores. Dots after it end a
# sentence, unless more of an address follows ("jo_b..x@y.z" is left to emails).
_BARE_USERNAME = re.compile(
    r"(?<![\w@#/.:|-])(?:[A-Za-z0-9]+(?:_+[A-Za-z0-9]+)+|xX[A-Za-z0-9_]{2,})(?![\w@/-]|\.+[\w@-])"
)
# Usernames named by their platform or their label: "I stream on Twitch as inkymoth",
# "my gamertag is nightjar_x". Each cue is found with str.find, the name then matched
# in place: a scan for the cues themselves costs ten times more.
_PLATFORMS = (
    "twitch",
    "tiktok",
    "instagram",
    "insta",
    "youtube",
    "twitter",
    "discord",
    "reddit",
    "tumblr",
    "snapchat",
    "steam",
    "xbox",
    "psn",
    "roblox",
    "bluesky",
    "telegram",
    "onlyfans",
    "patreon",
    "threads",
)
_LABELS = ("username", "user name", "handle", "gamertag", "gamer tag", "screen name")
_NAME_AFTER = r" ['\"“‘]?(?P<name>[A-Za-z0-9][\w.]{1,28}[A-Za-z0-9_])(?![\w@])"
_AFTER_PLATFORM = re.compile(r" (?:as|under)" + _NAME_AFTER, re.IGNORECASE)
_AFTER_LABEL = re.compile(r"(?: is| was|:)" + _NAME_AFTER, re.IGNORECASE)
# The end of every Discord tag; far quicker to look for than a whole tag.
_TAG_NUMBER = re.compile(r"#\d{4}\b")

# Phone numbers: a digit group run with separators; judged by digit count and shape.
_PHONE = re.compile(
    r"(?<![\w+#/-])(?:\+|00)?\(?\d[\d \u00a0().\-‐‑‒–]{5,40}\d(?![\w/])"
    r"|(?<![\w#])\+\d{7,15}\b"
)
_DATE_LIKE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d\s*[-‐‑‒–]\s*(?:19|20)?\d\d$")

_ID_CUE = (
    r"(?:number|no|nr|num|id|case|ticket|report|reference|ref|claim|account|acct|permit|"
    r"badge|plate|plates|registration|reg|order|policy|file|incident|complaint|crime|"
    r"crn|student|employee|member|passport|licence|license|booking|tracking)"
)
_ID_BODY = r"[A-Z0-9]*\d[A-Z0-9]*(?:[-/][A-Z0-9]+)*"
# A scanned pattern, and a quicker one that every match of it holds (or None). Most
# stories hold no such thing, and the quick look spares them the slower scan.
_Scan = tuple[re.Pattern[str], re.Pattern[str] | None]
# A capital next to a digit, or with only "-" or "/" between them.
_CAPITAL_BY_DIGIT = re.compile(r"[A-Z][-/]*\d|\d[-/]*[A-Z]")
# Some patterns here and below open with a character class and check the character
# before it with a look-behind of two ("\d(?<![\w.]\d)" for "(?<![\w.])\d"): re skips
# quickly to the characters a pattern can open with, but only when it opens with a
# class; a pattern opening with a look-around is tried at every position.
_ID_PATTERNS: tuple[_Scan, ...] = (
    # Mixed letters and digits, or digit groups: C2281947, ETH-20931, HR-2023-0417, 8KLM292.
    (
        re.compile(
            r"(?<![\w@/.-])(?=[A-Z0-9/-]*\d[A-Z0-9/-]*\d[A-Z0-9/-]*\d)"
            r"(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]+(?:[-/][A-Z0-9]+)+(?![\w@/-])"
        ),
        _CAPITAL_BY_DIGIT,
    ),
    (
        re.compile(r"(?<![\w#@/.-])(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{5,}(?![\w@/-])"),
        _CAPITAL_BY_DIGIT,
    ),
    (
        re.compile(r"(?<![\w@/.-])[a-z]{1,4}\d{5,}(?![\w@/-])", re.IGNORECASE),
        re.compile(r"\d(?<=[a-z]\d)\d{4}", re.IGNORECASE),
    ),
    # Plates and prefixed numbers: GRX 4471, DW 7R442, CRN 4410293/22.
    (
        re.compile(
            r"[A-Z](?<![\w@/.-][A-Z])[A-Z]{1,2}[ -](?=[A-Z0-9]*\d)[0-9][0-9A-Z]{2,7}(?:/\d+)?"
            r"(?![\w@-])"
        ),
        None,
    ),
    # British plates: KX19 LPT.
    (re.compile(r"(?<![\w@/.-])[A-Z]{2}\d\d ?[A-Z]{3}(?![\w@/-])"), _CAPITAL_BY_DIGIT),
    # After "#" (but not a "<#channel>" mention): #24-003871, #88213.
    (re.compile(r"\d(?<!<#\d)(?<=#\d)[\d-]{3,}\d\b"), None),
    # After a cue word: "case no. 88213", "account 55120019".
    # The look-ahead (a short word, then a digit) rejects ordinary words quickly. The
    # scan tries every word; the quick look, a digit after a letter or a separator
    # with three more characters of a number, spares most stories it.
    (
        re.compile(
            rf"\b(?=[a-z]{{2,12}}\.? ?[:#]? ?\d){_ID_CUE}\.? ?[:#]? ?(?P<id>\d[\dA-Z/-]{{3,}})"
            r"(?![\w@])",
            re.IGNORECASE,
        ),
        re.compile(r"\d(?<=[a-z.:# ]\d)[\da-z/-]{3}", re.IGNORECASE),
    ),
    # A plate after its cue, in spaced groups: "licence number 34 T 8821", "plate AB 123 CD".
    (
        re.compile(
            r"[lpr](?<!\w[lpr])(?:icen[cs]e|lates?|egistration|eg)(?: plate| number| no\.?)?\.?"
            r"(?: was| is| reads| read| said)? ?[:#]? ?"
            r"(?P<id>(?-i:(?=[A-Z0-9 ]{0,12}\d[A-Z0-9 ]{0,12}\d)[A-Z0-9]{1,4}"
            r"(?: (?![AI]\b)[A-Z0-9]{1,4}){1,3}))(?![\w@])",
            re.IGNORECASE,
        ),
        re.compile(r"[lpr](?<!\w[lpr])(?:icen[cs]e|lates?|egistration|eg)\b", re.IGNORECASE),
    ),
    # Long bare digit runs that are not phone numbers.
    (re.compile(r"\d(?<![\w$£€.,#-]\d)\d{5,}(?![\w,]|\.\d)"), None),
)

_STREET_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|"
    r"Crescent|Cres|Row|Place|Pl|Square|Sq|Terrace|Close|Parkway|Pkwy|Highway|Hwy|Circle|Cir|"
    r"Grove|Gardens|Walk|Mews|Hill|Park|Trail|Trl|Alley|Path|Pike|Plaza|Loop|Rise|View|Wharf|"
    r"Quay|Parade|Green|Gate|Vale"
)
# Lowercase chat spells streets too; these suffixes are safe to match in any case.
_STREET_TYPES_ANY_CASE = r"street|st|road|rd|avenue|ave|boulevard|blvd|lane|ln|crescent|parkway"
_UNIT = r"(?:Flat|Apt|Apartment|Unit|Suite|Ste|Room|Floor|#)\.?\s?#?\d+[A-Za-z]?"
_HOUSE = r"\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
_ADDRESS_PATTERNS: tuple[_Scan, ...] = (
    # The first two start with a cheap look-ahead: a house number or a unit word.
    # Every match holds its house number's last digit (maybe with a letter), a space
    # and a capital.
    (
        re.compile(
            rf"(?=[\dFAUSR#])(?:{_UNIT},?\s)?\b{_HOUSE}\s(?:[A-Z][\w'’.-]*\s){{1,3}}"
            rf"(?:{_STREET_TYPES})\b\.?"
            rf"(?:,?\s{_UNIT})?"
        ),
        re.compile(r"\d[A-Za-z]?\s[A-Z]"),
    ),
    # Every match holds a lowercase street type after a space. This scan is the
    # slowest, as a unit word can open with many common lowercase letters.
    (
        re.compile(
            rf"(?=[\dfausrFAUSR#])(?:(?i:{_UNIT}),?\s)?\b{_HOUSE}\s(?:[a-z][\w'’-]*\s){{1,3}}"
            rf"(?:{_STREET_TYPES_ANY_CASE})"
            rf"\b\.?(?:,?\s(?i:{_UNIT}))?"
        ),
        re.compile(rf"\s(?:{_STREET_TYPES_ANY_CASE})\b"),
    ),
    # The next two open with a house number "\d(?<!\w\d)\d{0,4}", the same as
    # "\b\d{1,5}"; the third with "[A-Z](?<!\w[A-Z])" for "\b[A-Z]" (see _ID_PATTERNS).
    (
        re.compile(
            r"\d(?<!\w\d)\d{0,4}[A-Za-z]?,?\s"
            r"(?:Rue|Calle|Via|Viale|Avenida|Av\.|Rua|Strada|Carrer|Paseo|Plaza|"
            r"Boulevard|Chemin|Allée|Place|Ulica|ul\.)\s(?:(?:de|des|du|la|le|del|de la|da|di|dos|"
            r"das|do)\s)*[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"
        ),
        None,
    ),
    (
        re.compile(
            r"[A-Z](?<!\w[A-Z])[\wäöüßéèà-]*"
            r"(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|"
            r"gracht|laan|straat|plein|vej|gatan|gade|veien|katu|utca|ulica)\s\d{1,4}[a-z]?\b"
        ),
        None,
    ),
    (
        re.compile(
            r"\d(?<!\w\d)\d{0,4}\s(?:Route|Highway|Hwy|Interstate|Rte|State Road|County Road)"
            r"\s\d{1,4}\b"
        ),
        None,
    ),
)


def _trim(text: str, start: int, end: int) -> int:
    """End of a link or address with trailing punctuation put back into the sentence."""
    while end > start and text[end - 1] in _TRAILING:
        # Keep a closing bracket that has its opener inside the match.
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def emails(text: str) -> Iterator[Span]:
    """Email addresses, including "name [at] host [dot] com" spellings."""
    if "@" not in text and not _BRACKETED_AT.search(text) and not _WORDED_AT.search(text):
        return
    for m in _EMAIL.finditer(text):
        yield Span(m.start(), m.end(), "email")


def links(text: str) -> Iterator[Span]:
    """Links with or without a scheme: https://…, www.…, instagram.com/…."""
    # Every link has a dot with a letter or digit right after it; prose rarely does.
    if not _DOT_WORD.search(text):
        return
    for m in _URL.finditer(text):
        end = _trim(text, m.start(), m.end())
        if end > m.start():
            yield Span(m.start(), end, "link")


def handles(text: str) -> Iterator[Span]:
    """Platform mentions, @handles, Discord tags and usernames written without "@".

    <@123…>, <@U…>, @name, Name#1234, lurk3r_jay, xXVenomRexXx.
    """
    for m in _PLATFORM_MENTION.finditer(text):
        yield Span(m.start(), m.end(), "handle")
    # Both scans are slow, and most stories hold neither an "@" nor a tag number.
    if "@" in text:
        for m in _HANDLE.finditer(text):
            yield Span(m.start(), _trim(text, m.start(), m.end()), "handle")
    if _TAG_NUMBER.search(text):
        for m in _DISCORD_TAG.finditer(text):
            yield Span(m.start(), m.end(), "handle")
    if "_" in text or "xX" in text:
        for m in _BARE_USERNAME.finditer(text):
            yield Span(m.start(), m.end(), "handle")
    yield from _cued_usernames(text)


def _cued_usernames(text: str) -> Iterator[Span]:
    """Usernames after a platform ("on Twitch as inkymoth") or a label ("handle is x")."""
    low = text.lower()
    for cues, after in ((_PLATFORMS, _AFTER_PLATFORM), (_LABELS, _AFTER_LABEL)):
        for cue in cues:
            at = low.find(cue)
            while at >= 0:
                end = at + len(cue)
                m = None if at and low[at - 1].isalnum() else after.match(text, end)
                # An ordinary word ("my handle was hacked") is no username.
                if m and not lexicon().is_word(m["name"].lower()):
                    yield Span(m.start("name"), m.end("name"), "handle")
                at = low.find(cue, end)


def _is_phone(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    if not 7 <= digits <= 15:
        return False
    core = candidate.strip("()+ ")
    return not (_DATE_LIKE.match(core) or _YEAR_RANGE.match(core))


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4)
def _digit_count(text: str) -> int:
    # Three detectors ask in turn about the same story; it is counted once.
    return len(_DIGIT.findall(text))


def _has_digits(text: str, at_least: int) -> bool:
    return _digit_count(text) >= at_least


def phones(text: str) -> Iterator[Span]:
    """Phone numbers, national or international; not times, years or prices."""
    if not _has_digits(text, 7):
        return
    for m in _PHONE.finditer(text):
        start, end = m.start(), m.end()
        # Trailing separators and a dangling bracket are not part of the number.
        while end > start and not text[end - 1].isdigit():
            end -= 1
        cand = text[start:end]
        if cand.startswith("(") and ")" not in cand:
            start += 1
            cand = cand[1:]
        if start > 0 and text[start - 1] in "$£€":
            continue
        if _is_phone(cand):
            yield Span(start, end, "phone")
        else:
            yield from _phone_inside(text, start, end)


def _phone_inside(text: str, start: int, end: int) -> Iterator[Span]:
    """Runs of digit groups in a rejected candidate that are phone numbers.

    Longest first, from the left: "911 (614) 555-0192" holds one.
    """
    groups = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    first = 0
    while first < len(groups):
        for last in range(len(groups) - 1, first - 1, -1):
            a, b = groups[first][0], groups[last][1]
            while b > a and not text[b - 1].isdigit():
                b -= 1
            if _is_phone(text[a:b].lstrip("(") if ")" not in text[a:b] else text[a:b]):
                yield Span(a, b, "phone")
                first = last
                break
        first += 1


def _scan(text: str, scans: tuple[_Scan, ...]) -> Iterator[re.Match[str]]:
    """Matches of each pattern in turn, skipping those whose quick look finds nothing."""
    looked: dict[re.Pattern[str], bool] = {}  # a quick look shared by patterns is made once
    for pattern, needed in scans:
        if needed is not None:
            if needed not in looked:
                looked[needed] = needed.search(text) is not None
            if not looked[needed]:
                continue
        yield from pattern.finditer(text)


def ids(text: str) -> Iterator[Span]:
    """Case, ticket, account, permit and student numbers and licence plates."""
    # Every pattern holds two digits or more (a plate: KX19 LPT).
    if not _has_digits(text, 2):
        return
    for m in _scan(text, _ID_PATTERNS):
        group = "id" if "id" in m.re.groupindex else 0
        yield Span(m.start(group), m.end(group), "id")


def addresses(text: str) -> Iterator[Span]:
    """Street addresses with a house number, with flat or unit parts."""
    if not _has_digits(text, 1):
        return
    for m in _scan(text, _ADDRESS_PATTERNS):
        yield Span(m.start(), _trim(text, m.start(), m.end()), "address")
