"""Stopping abuse without unmasking anyone: blocks, cool-downs, duplicates.

Everything here is keyed by the author's pseudonym under the current key, so a
block or a cool-down ends when that key is destroyed, and nobody learns who
was blocked.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Sequence
from datetime import timedelta
from enum import StrEnum
from typing import Any

from bot.core.clock import Clock, timestamp
from bot.core.privacy import Author, Pseudonyms
from bot.core.settings import CommunitySettings
from bot.store.db import Database, Transaction

DUPLICATE_WINDOW = timedelta(days=7)
_WORDS = re.compile(r"\w+")
# Well under SQLite's and PostgreSQL's limits on parameters in one statement.
IN_CHUNK = 500


def in_chunks(values: Collection[str], size: int = IN_CHUNK) -> list[Sequence[str]]:
    """``values`` in lists short enough for one ``IN (...)`` each, duplicates dropped."""
    unique = list(dict.fromkeys(values))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


class Refusal(StrEnum):
    """Why a member cannot share right now."""

    BLOCKED = "blocked"
    COOLDOWN = "cooldown"


class Guard:
    """Checks and records what members do, by pseudonym only."""

    def __init__(
        self, db: Database, settings: CommunitySettings, pseudonyms: Pseudonyms, clock: Clock
    ) -> None:
        self._db = db
        self._settings = settings
        self._pseudonyms = pseudonyms
        self._clock = clock

    async def refusal(
        self, community_id: str, author: Author, values: dict[str, Any] | None = None
    ) -> Refusal | None:
        """Whether this author is blocked or cooling down after a burst.

        ``values`` are the community's settings when the caller has read them already.
        """
        if values is None:
            values = await self._settings.all(community_id)
        found = await self.refusals(community_id, [author.pseudonym], values)
        return found.get(author.pseudonym)

    async def refusals(
        self, community_id: str, authors: Collection[str], values: dict[str, Any]
    ) -> dict[str, Refusal]:
        """Which of these author pseudonyms are blocked or cooling down, read together.

        One query however many members ask at once, so a burst of members opening
        the form costs the store a read or two, not a few per member.
        """
        now = timestamp(self._clock.now())
        since = now - int(values["burst_window_minutes"]) * 60
        burst = int(values["burst_limit"])
        found: dict[str, Refusal] = {}
        for chunk in in_chunks(authors):
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT 'blocked', author, 1 FROM blocks "  # noqa: S608 - only "?" marks added
                f"WHERE community_id = ? AND until_at > ? AND author IN ({marks}) "
                "UNION ALL SELECT 'recent', author, COUNT(*) FROM recent_actions "
                f"WHERE community_id = ? AND at > ? AND author IN ({marks}) GROUP BY author",
                community_id,
                now,
                *chunk,
                community_id,
                since,
                *chunk,
            )
            for kind, author, n in rows:
                if kind == "blocked":
                    found[str(author)] = Refusal.BLOCKED
                elif int(n) >= burst:
                    found.setdefault(str(author), Refusal.COOLDOWN)
        return found

    async def fingerprint(self, text: str) -> str:
        """A keyed hash of a story's words, so repeats match without keeping the text."""
        _, key = await self._pseudonyms.current_key()
        words = " ".join(_WORDS.findall(text.lower()))
        return hmac.new(key, words.encode(), hashlib.sha256).hexdigest()[:32]

    async def is_duplicate(self, community_id: str, fingerprint: str) -> bool:
        """Whether the same story was submitted in this community within the last week."""
        since = timestamp(self._clock.now() - DUPLICATE_WINDOW)
        row = await self._db.fetch_one(
            "SELECT 1 FROM recent_actions WHERE community_id = ? AND fingerprint = ? AND at > ?",
            community_id,
            fingerprint,
            since,
        )
        return row is not None

    async def duplicates(self, community_id: str, fingerprints: Collection[str]) -> set[str]:
        """Which of these fingerprints were submitted in this community within the last week.

        One read for every member whose story is being checked at the same moment.
        """
        since = timestamp(self._clock.now() - DUPLICATE_WINDOW)
        found: set[str] = set()
        for chunk in in_chunks(fingerprints):
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT DISTINCT fingerprint FROM recent_actions "  # noqa: S608 - only "?" marks
                f"WHERE community_id = ? AND at > ? AND fingerprint IN ({marks})",
                community_id,
                since,
                *chunk,
            )
            found.update(str(r[0]) for r in rows)
        return found

    async def record(
        self,
        tx: Transaction,
        community_id: str,
        author: Author,
        kind: str,
        fingerprint: str | None = None,
    ) -> None:
        """Remember a submission or withdrawal for a week."""
        await tx.execute(
            "INSERT INTO recent_actions (community_id, author, key_id, kind, fingerprint, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            community_id,
            author.pseudonym,
            author.key_id,
            kind,
            fingerprint,
            timestamp(self._clock.now()),
        )

    async def record_many(
        self, tx: Transaction, actions: Sequence[tuple[str, Author, str, str | None]]
    ) -> None:
        """Remember several ``(community_id, author, kind, fingerprint)`` actions at once."""
        at = timestamp(self._clock.now())
        await tx.executemany(
            "INSERT INTO recent_actions (community_id, author, key_id, kind, fingerprint, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (community_id, author.pseudonym, author.key_id, kind, fingerprint, at)
                for community_id, author, kind, fingerprint in actions
            ],
        )

    async def note(self, community_id: str, author: Author, kind: str) -> None:
        """Remember an action outside any other transaction (a withdrawal)."""
        async with self._db.transaction() as tx:
            await self.record(tx, community_id, author, kind)

    async def block(self, community_id: str, author: str, key_id: str, days: int) -> bool:
        """Block an author pseudonym; the block ends with its key. False if unlinkable now."""
        if not author:
            return False
        row = await self._db.fetch_one("SELECT expires_at FROM pseudonym_keys WHERE id = ?", key_id)
        if row is None:
            return False
        until = min(int(row[0]), timestamp(self._clock.now() + timedelta(days=days)))
        await self._db.execute(
            "INSERT INTO blocks (community_id, author, key_id, until_at) VALUES (?, ?, ?, ?)",
            community_id,
            author,
            key_id,
            until,
        )
        return True

    async def active_blocks(self, community_id: str) -> int:
        """How many blocks are in force; the only thing admins see of them."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM blocks WHERE community_id = ? AND until_at > ?",
            community_id,
            timestamp(self._clock.now()),
        )
        return int(row[0]) if row else 0

    async def forget_old(self) -> None:
        """Drop actions older than the duplicate window and blocks that have ended."""
        now = self._clock.now()
        async with self._db.transaction() as tx:
            await tx.execute(
                "DELETE FROM recent_actions WHERE at <= ?", timestamp(now - DUPLICATE_WINDOW)
            )
            await tx.execute("DELETE FROM blocks WHERE until_at <= ?", timestamp(now))
