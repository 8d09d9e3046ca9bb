"""Cleaning what members type before anything else looks at it."""

from __future__ import annotations

import unicodedata

# Zero-width and bidi controls can hide text from readers and from the redactor.
_INVISIBLE = dict.fromkeys(
    [
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x00AD,
        0x180E,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def clean_text(text: str) -> str:
    """NFC-normalise, drop invisible and control characters, keep newlines and tabs."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co")
    )


def is_blank(text: str) -> bool:
    """True when nothing readable is left after cleaning."""
    return not clean_text(text).strip()
