"""Short-lived, in-memory holds for what a member typed while they answer a question.

A direct message waits here while the member picks which community it is for,
and rejected form values wait here until the member reopens the form.  Entries
are keyed by random tokens (never by user), expire, and are taken once; they
never reach the store or the logs.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

TTL_SECONDS = 15 * 60
MAX_ENTRIES = 10_000


@dataclass
class _Entry:
    value: Any
    expires: float

    def __repr__(self) -> str:
        return "_Entry(<hidden>)"


class Pending:
    """Token -> value, expiring after ``ttl`` seconds."""

    def __init__(self, ttl: float = TTL_SECONDS) -> None:
        self._ttl = ttl
        self._items: dict[str, _Entry] = {}

    def put(self, value: Any) -> str:
        """Hold ``value`` and return the token that takes it back."""
        self._expire()
        token = secrets.token_urlsafe(12)
        self._items[token] = _Entry(value, time.monotonic() + self._ttl)
        return token

    def take(self, token: str) -> Any | None:
        """Return and forget the value held under ``token``, if it has not expired."""
        entry = self._items.pop(token, None)
        if entry is None or entry.expires < time.monotonic():
            return None
        return entry.value

    def _expire(self) -> None:
        if len(self._items) >= MAX_ENTRIES:
            # Under a flood, drop the oldest holds rather than grow without bound.
            for token in list(self._items)[: len(self._items) // 2]:
                del self._items[token]
        # Every hold lives the same ttl on a monotonic clock, so the oldest are first
        # to expire: looking at the front keeps a put cheap however many are held.
        now = time.monotonic()
        while self._items:
            token, entry = next(iter(self._items.items()))
            if entry.expires >= now:
                break
            del self._items[token]
