"""Readable placeholders: the same person keeps one number, different people differ."""

from __future__ import annotations

import re

from bot.core.redaction._contact import Span

# Kinds whose placeholders are numbered, so a reader can tell people apart.
NUMBERED = ("name", "place")
_EXISTING = re.compile(r"\[(name|place) (\d+)\]")


class Numberer:
    """Hands out "[name 1]", "[name 2]"... for the values of one story."""

    def __init__(self, text: str) -> None:
        # Numbers already in the text (a story that was redacted before) are not reused.
        self._next = dict.fromkeys(NUMBERED, 1)
        for m in _EXISTING.finditer(text):
            self._next[m.group(1)] = max(self._next[m.group(1)], int(m.group(2)) + 1)
        self._given: dict[tuple[str, str], int] = {}

    def _key(self, kind: str, value: str) -> tuple[str, str]:
        low = " ".join(value.lower().split())
        low = low.removeprefix("the ")
        if (kind, low) in self._given:
            return kind, low
        # "Gary" after "Gary Pruitt", or "Pruitt": the same person.
        if kind == "name":
            for given_kind, given in self._given:
                if given_kind == kind and low in given.split():
                    return kind, given
        return kind, low

    def placeholder(self, span: Span, value: str) -> str:
        """The placeholder for ``value`` found as ``span``."""
        if span.kind not in NUMBERED:
            return f"[{span.kind}]"
        key = self._key(span.kind, value)
        if key not in self._given:
            self._given[key] = self._next[span.kind]
            self._next[span.kind] += 1
        return f"[{span.kind} {self._given[key]}]"
