"""When posting slots fall, in a community's local time, across clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def _window_minutes(start_hour: int, end_hour: int) -> int:
    # end == start means the whole day; end < start wraps past midnight.
    return ((end_hour - start_hour) % 24 or 24) * 60


def next_slot(
    after: datetime, cadence_minutes: int, start_hour: int, end_hour: int, tz: str
) -> datetime:
    """The first slot strictly after ``after`` (aware, returned in UTC).

    Slots fall at ``start_hour`` local time and every ``cadence_minutes`` after it
    while inside the active hours. A local time skipped by a clock change moves to
    the same offset after the change; a repeated local time is used once.
    """
    zone = ZoneInfo(tz)
    cadence = max(1, cadence_minutes)
    window = _window_minutes(start_hour, end_hour)
    local_date = after.astimezone(zone).date() - timedelta(days=1)
    for day in range(10):
        midnight = datetime.combine(local_date + timedelta(days=day), time(0))
        offset = start_hour * 60
        while offset < start_hour * 60 + window:
            naive = midnight + timedelta(minutes=offset)
            candidate = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
            if candidate > after:
                return candidate
            offset += cadence
    raise ValueError("no slot in the next ten days")  # pragma: no cover - window is never empty
