"""Hints for the member's preview: details that add little meaning but could identify."""

from __future__ import annotations

import re

_PERSON = r"(?:man|men|guy|guys|woman|women|dude|bloke|lady|girl|boy|bartender|driver|cop|officer)"
_FEATURE = (
    r"(?:beard|moustache|mustache|goatee|tattoos?|glasses|hair|scar|piercings?|earrings?|"
    r"nose ring|ponytail|dreadlocks|braids|accent|limp|hoodie|jacket|cap|hat|uniform)"
)
_LOOK = (
    r"(?:tall|short|skinny|thin|slim|fat|heavy|heavyset|stocky|muscular|bald|balding|blond|"
    r"blonde|ginger|red-?haired|dark-?haired|grey-?haired|gray-?haired|bearded|tattooed|"
    r"middle-aged|elderly|older|younger|white-?haired)"
)
# Matched against a lowercased copy, which is faster than case-insensitive matching.
_LOOKS = re.compile(
    rf"\b(?:an?\s+|the\s+)?(?:{_LOOK}[,\s]+(?:and\s+)?)+{_PERSON}"
    rf"(?:\s+with\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}{_FEATURE})?"
    rf"|\b(?:an?\s+|the\s+)?{_PERSON}\s+with\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}{_FEATURE}"
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "pm" or "p.m."; a full stop after "pm" ends the sentence, not the time.
_MERIDIEM = r"(?:[ap]m\b|[ap]\.m\.)"
_TIME = rf"\d{{1,2}}(?::\d{{2}}|\.\d{{2}})\s?{_MERIDIEM}?|\d{{1,2}}\s?{_MERIDIEM}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WHEN = re.compile(
    rf"\b(?:on\s+)?(?:the\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY})\b(?:,?\s+\d{{4}})?"
    rf"(?:,?\s+at\s+(?:{_TIME}))?"
    rf"|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b"
    rf"|\bat\s+(?:{_TIME})",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Numbered placeholders hold the only digits of most redacted stories. No date or time
# can take a digit from one: a day or time needs a space, "/", "." or ":" after its
# number, or "at" or a month before it, and a placeholder has "]" after and its kind
# before.
_NUMBERED_PLACEHOLDER = re.compile(r"\[(?:name|place) \d+\]")
_WORDS = re.compile(r"[a-z]+")


def _alternatives(group: str) -> frozenset[str]:
    """The words of a pattern like ``(?:tall|short|...)``, for a quick look first."""
    return frozenset(re.findall(r"[a-z]+", group.replace("?:", "")))


# Every description holds a word about looks, or "with" and a feature; most stories
# hold neither, and a set look-up is much cheaper than scanning with _LOOKS.
_LOOK_WORDS = _alternatives(_LOOK)
_FEATURE_WORDS = _alternatives(_FEATURE)
_MAX_HINTS = 4


def _quote(fragment: str) -> str:
    return " ".join(fragment.split())


def _has_own_digit(redacted: str) -> bool:
    """Whether ``redacted`` holds a digit outside its numbered placeholders."""
    if not _DIGIT.search(redacted):
        return False
    return _DIGIT.search(_NUMBERED_PLACEHOLDER.sub("", redacted)) is not None


def suggestions(redacted: str) -> tuple[str, ...]:
    """Plain-English hints quoting each fragment of looks or exact timing, at most a few."""
    hints: list[str] = []
    low = redacted.lower()
    # Lowercasing can change the length of a few characters; quote the copy then.
    source = redacted if len(low) == len(redacted) else low
    words = set(_WORDS.findall(low))
    maybe = not _LOOK_WORDS.isdisjoint(words) or (
        "with" in words and not _FEATURE_WORDS.isdisjoint(words)
    )
    for m in _LOOKS.finditer(low) if maybe else ():
        hints.append(
            f'"{_quote(source[m.start() : m.end()])}" describes how someone looks. '
            "It adds little to your story but could identify them; consider leaving it out."
        )
    # Every date or time pattern holds a digit outside the placeholders.
    for m in _WHEN.finditer(redacted) if _has_own_digit(redacted) else ():
        hints.append(
            f'"{_quote(m.group(0))}" is an exact date or time that could identify you; '
            'consider leaving it out or keeping it vague ("one evening last spring").'
        )
    return tuple(dict.fromkeys(hints))[:_MAX_HINTS]
