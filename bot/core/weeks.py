"""ISO weeks and days in a community's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def iso_week(moment: datetime, tz: str) -> str:
    """The ISO week (``2026-W48``) that ``moment`` falls in, locally."""
    year, week, _ = moment.astimezone(ZoneInfo(tz)).isocalendar()
    return f"{year}-W{week:02d}"


def local_day(moment: datetime, tz: str) -> str:
    """The local calendar day of ``moment`` (``2026-11-23``)."""
    return moment.astimezone(ZoneInfo(tz)).date().isoformat()
