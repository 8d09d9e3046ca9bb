"""Posting slots in local time, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.slots import next_slot

NY = "America/New_York"


def _all_slots(start: datetime, end: datetime, **kw: object) -> list[datetime]:
    found, moment = [], start
    while True:
        moment = next_slot(moment, **kw)  # type: ignore[arg-type]
        if moment >= end:
            return found
        found.append(moment)


def test_slots_fall_on_the_cadence_inside_active_hours() -> None:
    """Every 3 hours from 09:00 to 21:00 gives 09, 12, 15, 18 local."""
    day = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
    slots = _all_slots(
        day, day + timedelta(days=1), cadence_minutes=180, start_hour=9, end_hour=21, tz="UTC"
    )
    assert [s.hour for s in slots] == [9, 12, 15, 18]


def test_local_time_is_kept_across_spring_forward() -> None:
    """On the day clocks go forward, slots stay at the same local hours."""
    start = datetime(2026, 3, 7, 12, tzinfo=UTC)
    slots = _all_slots(
        start, start + timedelta(days=3), cadence_minutes=240, start_hour=8, end_hour=20, tz=NY
    )
    local = [s.astimezone(ZoneInfo(NY)) for s in slots]
    by_day: dict[int, list[int]] = {}
    for moment in local:
        by_day.setdefault(moment.day, []).append(moment.hour)
    assert by_day[8] == [8, 12, 16]
    assert by_day[9] == [8, 12, 16]


def test_no_slot_is_doubled_when_clocks_go_back() -> None:
    """A repeated local hour (01:00-02:00 on fall-back night) gets one slot, not two."""
    start = datetime(2026, 10, 31, 12, tzinfo=UTC)
    slots = _all_slots(
        start, start + timedelta(days=2), cadence_minutes=60, start_hour=0, end_hour=0, tz=NY
    )
    assert len(slots) == len(set(slots))
    nov1 = [s for s in slots if s.astimezone(ZoneInfo(NY)).day == 1]
    assert len(nov1) == 24


def test_no_slot_is_missed_when_clocks_go_forward() -> None:
    """The skipped local hour's slot moves past the change instead of vanishing."""
    start = datetime(2026, 3, 7, 12, tzinfo=UTC)
    slots = _all_slots(
        start, start + timedelta(days=2), cadence_minutes=60, start_hour=0, end_hour=0, tz=NY
    )
    mar8 = {s for s in slots if s.astimezone(ZoneInfo(NY)).day == 8}
    # 23 real hours that day: 02:00 does not exist, and nothing is posted twice.
    assert len(mar8) == 23


def test_overnight_active_hours_wrap_past_midnight() -> None:
    """Active hours 22-02 give slots at 22, 23, 00 and 01."""
    day = datetime(2026, 6, 1, 12, tzinfo=UTC)
    slots = _all_slots(
        day, day + timedelta(days=1), cadence_minutes=60, start_hour=22, end_hour=2, tz="UTC"
    )
    assert [s.hour for s in slots] == [22, 23, 0, 1]
