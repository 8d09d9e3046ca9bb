"""The engine: normalise, find identifying details, replace them, tag themes, flag crisis."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot.core.crisis import is_crisis
from bot.core.redaction import _contact, _suggest
from bot.core.redaction._contact import Span
from bot.core.redaction._lexicon import lexicon
from bot.core.redaction._names import NameFinder
from bot.core.redaction._normalize import normalize
from bot.core.redaction._placeholders import Numberer
from bot.core.redaction._venues import venues
from bot.core.themes import ThemeCatalog, default_catalog


@dataclass(frozen=True)
class Redaction:
    """One removed detail: where it was in the normalised text and what replaced it."""

    start: int
    end: int
    kind: str
    placeholder: str


@dataclass(frozen=True)
class Analysis:
    """What the engine made of one story."""

    redacted: str
    redactions: tuple[Redaction, ...]
    themes: tuple[str, ...]
    crisis: bool

    # Only the member's preview shows hints: batch redaction and publishing never pay
    # for them.
    @cached_property
    def suggestions(self) -> tuple[str, ...]:
        """Hints about details that add little but could identify (see ``_suggest``)."""
        return _suggest.suggestions(self.redacted)


def _claim(detectors: Iterable[Iterable[Span]]) -> list[Span]:
    """Non-overlapping spans; an earlier detector wins, then the longer span."""
    taken: list[Span] = []
    for found in detectors:
        for span in sorted(found, key=lambda s: (s.start, -s.end)):
            if span.end > span.start and not any(
                span.start < t.end and t.start < span.end for t in taken
            ):
                taken.append(span)
    return sorted(taken)


def _through_marks(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each end moved past the combining marks that follow it.

    A mark left after a placeholder would sit on its "]", where normalising drops it:
    redacting the redacted text again would change it.
    """
    out: list[Span] = []
    for k, span in enumerate(spans):
        limit = spans[k + 1].start if k + 1 < len(spans) else len(text)
        end = span.end
        while end < limit and unicodedata.category(text[end])[0] == "M":
            end += 1
        out.append(span if end == span.end else span._replace(end=end))
    return out


class Engine:
    """Redacts, tags themes and detects crisis; pure and deterministic."""

    def __init__(self, catalog: ThemeCatalog | None = None) -> None:
        self._catalog = catalog or default_catalog()
        self._names = NameFinder(lexicon())
        # Most specific first: a handle inside a link is part of the link, and so on.
        self._detectors: tuple[Callable[[str], Iterable[Span]], ...] = (
            _contact.handles,
            _contact.emails,
            _contact.links,
            _contact.addresses,
            _contact.phones,
            _contact.ids,
            venues,
            self._names.find,
        )

    def find(self, text: str) -> list[Span]:
        """Identifying details in already normalised ``text``."""
        return _through_marks(text, _claim(detect(text) for detect in self._detectors))

    def analyze(self, text: str, catalog: ThemeCatalog | None = None) -> Analysis:
        """Analyse ``text`` with the community's ``catalog`` (defaults if None)."""
        text = normalize(text)
        numberer = Numberer(text)
        out: list[str] = []
        redactions: list[Redaction] = []
        pos = 0
        for span in self.find(text):
            placeholder = numberer.placeholder(span, text[span.start : span.end])
            out.append(text[pos : span.start])
            out.append(placeholder)
            redactions.append(Redaction(span.start, span.end, span.kind, placeholder))
            pos = span.end
        out.append(text[pos:])
        redacted = "".join(out)
        themes = (catalog or self._catalog).tag(text)
        return Analysis(redacted, tuple(redactions), themes, is_crisis(text))


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The process-wide engine, built once."""
    return Engine()
