"""A first engine: removes emails, phone numbers, URLs, handles and platform mentions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
    suggestions: tuple[str, ...] = ()


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("handle", re.compile(r"<@[!&]?[A-Z0-9]+>|<#[A-Z0-9]+(?:\|[^>]*)?>", re.IGNORECASE)),
    ("email", re.compile(r"<mailto:[^>|]+(?:\|[^>]*)?>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("link", re.compile(r"<https?://[^>|]+(?:\|[^>]*)?>|https?://\S+|www\.\S+")),
    ("phone", re.compile(r"\+?\d[\d\s().-]{7,}\d")),
    ("handle", re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,}")),
)


class Engine:
    """Redacts, tags themes and detects crisis; pure and deterministic."""

    def __init__(self, catalog: ThemeCatalog | None = None) -> None:
        self._catalog = catalog or default_catalog()

    def analyze(self, text: str, catalog: ThemeCatalog | None = None) -> Analysis:
        """Analyse ``text`` with the community's ``catalog`` (defaults if None)."""
        text = unicodedata.normalize("NFKC", text)
        found: list[tuple[int, int, str]] = []
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(text):
                if not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), kind))
        found.sort()
        out: list[str] = []
        redactions: list[Redaction] = []
        pos = 0
        for start, end, kind in found:
            placeholder = f"[{kind}]"
            out.append(text[pos:start])
            out.append(placeholder)
            redactions.append(Redaction(start, end, kind, placeholder))
            pos = end
        out.append(text[pos:])
        cat = catalog or self._catalog
        return Analysis("".join(out), tuple(redactions), cat.tag(text), False)


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The process-wide engine, built once."""
    return Engine()
