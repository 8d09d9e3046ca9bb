"""Durable scheduled jobs: rows in the store, one dispatcher that sleeps until the next.

A job kind has a handler that runs it for one community and returns when it is
next due. Running and rescheduling survive restarts because the due time lives
in the database; a job that was due while the bot was down runs at start.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.core.clock import Clock, from_timestamp, timestamp
from bot.store.db import Database

log = logging.getLogger(__name__)

JobHandler = Callable[[str, datetime], Awaitable[datetime | None]]
RETRY_AFTER = timedelta(minutes=5)
IDLE_SLEEP = 3600.0


class Scheduler:
    """Runs due jobs; woken early when an earlier job is added."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._handlers: dict[str, JobHandler] = {}
        self._wake = asyncio.Event()

    def register(self, kind: str, handler: JobHandler) -> None:
        """Handle jobs of ``kind``."""
        self._handlers[kind] = handler

    async def schedule(self, kind: str, community_id: str, due: datetime) -> None:
        """Set when ``kind`` next runs for a community (replacing any earlier plan)."""
        await self._db.execute(
            "INSERT INTO jobs (kind, community_id, due_at) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, community_id) DO UPDATE SET due_at = excluded.due_at",
            kind,
            community_id,
            timestamp(due),
        )
        self._wake.set()

    async def ensure(self, kind: str, community_id: str, due: datetime) -> None:
        """Plan a job only if none is planned yet."""
        await self._db.execute(
            "INSERT INTO jobs (kind, community_id, due_at) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, community_id) DO NOTHING",
            kind,
            community_id,
            timestamp(due),
        )
        self._wake.set()

    async def due_at(self, kind: str, community_id: str) -> datetime | None:
        """When a job is next due, if planned."""
        row = await self._db.fetch_one(
            "SELECT due_at FROM jobs WHERE kind = ? AND community_id = ?", kind, community_id
        )
        return from_timestamp(int(row[0])) if row else None

    async def run_due(self) -> int:
        """Run every job that is due now; return how many ran."""
        now = timestamp(self._clock.now())
        rows = await self._db.fetch_all(
            "SELECT kind, community_id, due_at FROM jobs WHERE due_at <= ? ORDER BY due_at, kind",
            now,
        )
        ran = 0
        for kind, community_id, due_at in rows:
            handler = self._handlers.get(kind)
            if handler is None:
                continue
            due = from_timestamp(int(due_at))
            try:
                following = await handler(community_id, due)
            except Exception:
                log.exception("job %s for %s failed; retrying later", kind, community_id)
                following = self._clock.now() + RETRY_AFTER
            ran += 1
            if following is None:
                await self._db.execute(
                    "DELETE FROM jobs WHERE kind = ? AND community_id = ? AND due_at = ?",
                    kind,
                    community_id,
                    due_at,
                )
            else:
                # Only move the job on if nobody rescheduled it while it ran.
                await self._db.execute(
                    "UPDATE jobs SET due_at = ? WHERE kind = ? AND community_id = ? AND due_at = ?",
                    timestamp(following),
                    kind,
                    community_id,
                    due_at,
                )
        return ran

    async def _seconds_to_next(self) -> float:
        kinds = sorted(self._handlers)
        if not kinds:
            return IDLE_SLEEP
        marks = ", ".join("?" for _ in kinds)
        row = await self._db.fetch_one(
            f"SELECT MIN(due_at) FROM jobs WHERE kind IN ({marks})",  # noqa: S608 - only marks
            *kinds,
        )
        if row is None or row[0] is None:
            return IDLE_SLEEP
        return max(0.0, float(row[0]) - self._clock.now().timestamp())

    async def run_forever(self) -> None:
        """Dispatch jobs until cancelled."""
        while True:
            self._wake.clear()
            await self.run_due()
            wait = min(IDLE_SLEEP, await self._seconds_to_next())
            if wait <= 0:
                continue
            sleeper = asyncio.ensure_future(self._clock.sleep(wait))
            waker = asyncio.ensure_future(self._wake.wait())
            try:
                await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeper.cancel()
                waker.cancel()
