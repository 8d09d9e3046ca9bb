"""Text normalisation run before any matching, so look-alike characters hide nothing.

Members paste text from everywhere, and a detail written with a Cyrillic "а", a
fullwidth "＠", a zero-width space or a Slack link wrapper must be caught as
surely as plain ASCII. Every detector works on the output of ``normalize``.
"""

from __future__ import annotations

import re
import unicodedata

# Letters from other scripts that look like Latin ones (Unicode confusables,
# restricted to the ones that are visually identical in common fonts).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "һ": "h", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ӏ": "l",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q",
        "Ԝ": "W", "Ү": "Y",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        # Dots and at-signs that NFKC leaves alone.
        "。": ".", "｡": ".", "․": ".", "⸱": ".", "܂": ".",
        "Ⓐ": "@", "ⓐ": "@",
    }
)  # fmt: skip

_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9@]")
_TOKEN = re.compile(r"\S+")
# The helpers below look at non-ASCII characters one by one, and at ASCII ones only
# in bulk: ASCII holds no format character, combining mark or non-ASCII digit, and
# even text that is not ASCII is mostly ASCII.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
# A decimal digit of another script (opening with \d lets re skip to digits quickly).
_OTHER_DIGIT = re.compile(r"\d(?<![0-9])")

# Chat-platform markup, rewritten to the plain text a reader sees.
_SLACK_LINK = re.compile(r"<((?:https?|ftp)://[^|<>\s]+|mailto:[^|<>\s]+)(?:\|([^<>]*))?>")
_CUSTOM_EMOJI = re.compile(r"<a?(:\w{2,32}:)\d{15,21}>")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\(((?:https?://|www\.|mailto:)[^()\s]+)\)")


def _strip_invisible(text: str) -> str:
    """Drop format characters and combining marks stacked on ASCII letters.

    Format characters are zero-width spaces, joiners, soft hyphens and direction marks.
    """
    out: list[str] = []
    copied = 0  # text[:copied] is settled: copied to ``out`` or dropped
    last = ""  # the last character kept so far
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        if i > copied:
            last = text[i - 1]
        cat = unicodedata.category(text[i])
        if cat == "Cf" or (cat == "Mn" and last != "" and last.isascii()):
            out.append(text[copied:i])
            copied = i + 1
    out.append(text[copied:])
    return "".join(out)


def _ascii_digits(text: str) -> str:
    """Decimal digits of any script as ASCII, so "٠٧٧٠٠" is matched like "07700"."""
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)


def _unconfuse(text: str) -> str:
    """Map look-alike letters to Latin.

    In mostly-Latin text every look-alike is mapped; elsewhere only inside tokens that
    also hold Latin letters or digits, so genuine Cyrillic or Greek text is left alone.
    """
    latin = sum(map(len, _ASCII_LETTERS.findall(text)))
    other = sum(ch.isalpha() for ch in _NON_ASCII.findall(text))
    if latin >= other:
        return text.translate(_CONFUSABLES)
    return _TOKEN.sub(
        lambda m: (
            m.group(0).translate(_CONFUSABLES) if _LATIN_OR_DIGIT.search(m.group(0)) else m.group(0)
        ),
        text,
    )


def _slack_link(m: re.Match[str]) -> str:
    target, label = m.group(1), (m.group(2) or "").strip()
    # "mailto:" is kept as a word, so the reader still sees it was an address.
    if not label or label in (target, target.removeprefix("mailto:")):
        return target
    return f"{label} ({target})"


def _unwrap_markup(text: str) -> str:
    """Slack and Markdown links become "label (target)", custom emoji ":name:".

    Mentions and channel references stay as written; the handle detector takes mentions.
    """
    if "<" in text:
        text = _SLACK_LINK.sub(_slack_link, text)
        text = _CUSTOM_EMOJI.sub(lambda m: m.group(1), text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(
            lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})",
            text,
        )
    return text


def normalize(text: str) -> str:
    """The text every detector works on; applying it twice changes nothing."""
    if not text.isascii():
        # Plain ASCII has no compatibility forms, invisible marks or look-alikes.
        text = unicodedata.normalize("NFKC", text)
        text = _strip_invisible(text)
        text = _ascii_digits(text)
        text = _unconfuse(text)
    return _unwrap_markup(text)
