"""Recall on hand-written stories whose names and places come from many cultures.

The stories in ``fresh_stories`` share no value with the development set, so these
checks measure whether the rules generalise: every marked detail must be gone
(scored like the shared scorer's leak check, whole words, case-insensitively), and
the ordinary words around them must stay.
"""

from __future__ import annotations

import re

import pytest

from bot.core.redaction import get_engine
from tests.core.redaction import fresh_stories

_WORD = re.compile(r"[^\W\d_]{3,}|\d{4,}")


def _leaks(value: str, redacted: str) -> list[str]:
    """Parts of ``value`` still in ``redacted``: the whole value, or a long part of it."""
    low = redacted.lower()
    probes = [value] + (_WORD.findall(value) if " " in value or "-" in value else [])
    return [p for p in probes if re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", low)]


@pytest.mark.parametrize("marked", fresh_stories.ALL)
def test_every_marked_detail_is_removed(marked: str) -> None:
    """No marked name, place or contact detail survives."""
    story = fresh_stories.parse(marked)
    redacted = get_engine().analyze(story.text).redacted
    for _, _, kind, value in story.spans:
        # Short common words inside a multi-word place ("Our", "of") may stay.
        leaked = [p for p in _leaks(value, redacted) if p == value or (p.istitle() and len(p) > 3)]
        assert not leaked, f"{kind} {value!r} leaked: {redacted!r}"


@pytest.mark.parametrize("text", fresh_stories.ORDINARY)
def test_ordinary_words_that_look_like_names_stay(text: str) -> None:
    """Months, verbs and generic places in ordinary use are not redacted."""
    assert get_engine().analyze(text).redacted == text
