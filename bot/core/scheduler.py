"""Durable scheduled jobs: rows in the store, one dispatcher that sleeps until the next.

A job kind has a handler that runs it for one community and returns when it is
next due. Running and rescheduling survive restarts because the due time lives
in the database; a job that was due while the bot was down runs at start.

Several processes may share the jobs table (PostgreSQL). A process runs a due job
only after claiming its row with a conditional update that also sets a lease, so
each due time runs once across all of them; a process that dies mid-job leaves a
lease that simply runs out, and the job runs again elsewhere.
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
DEFAULT_LEASE = timedelta(minutes=10)
MIN_SLEEP = 1.0


class Scheduler:
    """Runs due jobs; woken early when an earlier job is added."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        token: str = "",
        lease: timedelta = DEFAULT_LEASE,
        poll_seconds: float = IDLE_SLEEP,
    ) -> None:
        self._db = db
        self._clock = clock
        self._token = token
        self._lease = lease
        # Another process cannot wake this one, so with several processes the
        # dispatcher also looks at the table every poll_seconds.
        self._poll = poll_seconds
        self._handlers: dict[str, JobHandler] = {}
        self._accepts: Callable[[str], bool] = lambda community_id: True
        self._wake = asyncio.Event()

    def serve_only(self, accepts: Callable[[str], bool]) -> None:
        """Claim only jobs of communities ``accepts`` (those on platforms this process runs)."""
        self._accepts = accepts

    def register(self, kind: str, handler: JobHandler) -> None:
        """Handle jobs of ``kind``."""
        self._handlers[kind] = handler

    async def schedule(self, kind: str, community_id: str, due: datetime) -> None:
        """Set when ``kind`` next runs for a community (replacing any earlier plan)."""
        await self._db.execute(
            "INSERT INTO jobs (kind, community_id, due_at) VALUES (?, ?, ?) "
            "ON CONFLICT (kind, community_id) DO UPDATE SET due_at = excluded.due_at, "
            "claimed_by = NULL, lease_until = NULL",
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

    async def release_all(self) -> None:
        """Drop every job lease: right only when this is the sole process (SQLite)."""
        await self._db.execute(
            "UPDATE jobs SET claimed_by = NULL, lease_until = NULL WHERE lease_until IS NOT NULL"
        )

    async def _claim(self, kind: str, community_id: str, due_at: int, now: int) -> bool:
        changed = await self._db.execute(
            "UPDATE jobs SET claimed_by = ?, lease_until = ? WHERE kind = ? AND community_id = ? "
            "AND due_at = ? AND (lease_until IS NULL OR lease_until <= ?)",
            self._token,
            now + int(self._lease.total_seconds()),
            kind,
            community_id,
            due_at,
            now,
        )
        return changed == 1

    async def run_due(self) -> int:
        """Run every job that is due now and that this process claims; return how many ran."""
        now = timestamp(self._clock.now())
        rows = await self._db.fetch_all(
            "SELECT kind, community_id, due_at FROM jobs WHERE due_at <= ? "
            "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, kind",
            now,
            now,
        )
        ran = 0
        for kind, community_id, due_at in rows:
            handler = self._handlers.get(kind)
            if handler is None or not self._accepts(community_id):
                continue
            if not await self._claim(kind, community_id, due_at, timestamp(self._clock.now())):
                continue  # another process runs it
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
                # Only move the job on if nobody rescheduled it while it ran (a
                # reschedule also dropped our lease).
                await self._db.execute(
                    "UPDATE jobs SET due_at = ?, claimed_by = NULL, lease_until = NULL "
                    "WHERE kind = ? AND community_id = ? AND due_at = ?",
                    timestamp(following),
                    kind,
                    community_id,
                    due_at,
                )
        return ran

    async def _seconds_to_next(self) -> float:
        kinds = sorted(self._handlers)
        if not kinds:
            return self._poll
        marks = ", ".join("?" for _ in kinds)
        # A job another process holds is next worth a look when its lease runs out.
        row = await self._db.fetch_one(
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at "  # noqa: S608 - only marks
            f"THEN lease_until ELSE due_at END) FROM jobs WHERE kind IN ({marks})",
            *kinds,
        )
        if row is None or row[0] is None:
            return self._poll
        return max(0.0, float(row[0]) - self._clock.now().timestamp())

    async def run_forever(self) -> None:
        """Dispatch jobs until cancelled."""
        while True:
            self._wake.clear()
            ran = await self.run_due()
            wait = min(self._poll, await self._seconds_to_next())
            if wait <= 0 and ran:
                continue
            # Due jobs that ran nowhere here belong to another process or platform:
            # look again shortly rather than spin.
            wait = max(wait, MIN_SLEEP)
            sleeper = asyncio.ensure_future(self._clock.sleep(wait))
            waker = asyncio.ensure_future(self._wake.wait())
            try:
                await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                sleeper.cancel()
                waker.cancel()
