"""Time, injectable so schedules can be tested across days and clock changes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Tells the time and sleeps."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of real time."""
        await asyncio.sleep(max(0.0, seconds))


def timestamp(moment: datetime) -> int:
    """Whole seconds since the epoch, as stored."""
    return int(moment.timestamp())


def from_timestamp(seconds: int) -> datetime:
    """A stored timestamp as an aware UTC datetime."""
    return datetime.fromtimestamp(seconds, UTC)
