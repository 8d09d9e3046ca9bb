"""Summaries from weekly counts: weeks, per-week suppression, export, digest timing."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from bot.app import Services
from bot.core.digest import next_digest
from bot.core.summaries import (
    Summaries,
    last_complete_week,
    parse_week,
    release_week,
    render_summary,
    shift_week,
    theme_groups,
)
from bot.core.suppression import Status
from bot.core.themes import default_catalog
from bot.store.counts import bump

COMMUNITY = "console:test"
GROUPS = theme_groups(default_catalog(), set())


async def _counts(services: Services, week: str, **metrics: int) -> None:
    await services.community.ensure_community(COMMUNITY, "console")
    async with services.db.transaction() as tx:
        for metric, n in metrics.items():
            await bump(tx, COMMUNITY, week, metric.replace("__", ":"), n)


def test_parse_week_accepts_iso_weeks_only() -> None:
    """ISO weeks parse in either case; week 53 only in years that have one."""
    assert parse_week("2026-w7") == "2026-W07"
    assert parse_week("2026W47") == "2026-W47"
    assert parse_week("2020-W53") == "2020-W53"
    assert parse_week("2021-W53") is None
    assert parse_week("export") is None


def test_shift_week_crosses_years() -> None:
    """Stepping back from week 1 lands in the last week of the year before."""
    assert shift_week("2026-W01", -1) == "2025-W52"
    assert shift_week("2020-W53", 1) == "2021-W01"


def test_last_complete_week_uses_the_community_time_zone() -> None:
    """Sunday evening in UTC is already Monday in Auckland, so the week before has ended."""
    moment = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)  # Sunday, week 09
    assert last_complete_week(moment, "UTC") == "2026-W08"
    assert last_complete_week(moment, "Pacific/Auckland") == "2026-W09"


def test_group_stands_in_for_small_themes() -> None:
    """Two small verbal themes are hidden and their group is shown."""
    release = release_week({"theme:victim_blaming": 3, "theme:everyday_sexism": 4}, GROUPS, 5)
    assert release.status["theme:victim_blaming"] is Status.FEWER
    assert release.shown("group:verbal") == 7


def test_group_gives_way_to_a_theme_that_can_be_shown() -> None:
    """A group equal to its one shown theme would reveal zeros; the group is held back instead."""
    release = release_week({"theme:street_harassment": 9}, GROUPS, 5)
    assert release.shown("theme:street_harassment") == 9
    assert release.status["group:verbal"] is Status.HIDDEN


async def test_summary_counts_stories_awaiting_review(services: Services) -> None:
    """Awaiting review is the current number of stories in review, suppressed when small."""
    await _counts(services, "2026-W09", received=6)
    for i in range(6):
        await services.db.execute(
            "INSERT INTO stories (id, community_id, receipt_hash, status, themes, week, author, "
            "key_id, queued_at) VALUES (?, ?, ?, 'review', '[]', '2026-W09', 'a', 'k', 0)",
            f"s{i}",
            COMMUNITY,
            f"h{i}",
        )
    summary = await Summaries(services.db, services.community, services.clock).build(
        COMMUNITY, "2026-W09"
    )
    assert summary.awaiting_review == (Status.SHOWN, 6)
    assert "Awaiting review now: 6" in render_summary(summary)


async def test_export_shows_each_week_as_the_summary_does(services: Services) -> None:
    """A week's cells in the export are exactly those the summary shows."""
    await _counts(services, "2026-W08", received=9, theme__street_harassment=6)
    await _counts(
        services, "2026-W09", received=7, theme__street_harassment=9, theme__victim_blaming=2
    )
    summaries = Summaries(services.db, services.community, services.clock)
    summary = await summaries.build(COMMUNITY, "2026-W09")
    rows = list(csv.DictReader(io.StringIO(await summaries.export_csv(COMMUNITY, "2026-W09"))))
    week = {r["name"]: r["count"] for r in rows if r["week"] == "2026-W09"}
    labels = {Status.FEWER: "fewer than 5", Status.HIDDEN: "not shown"}
    for line in summary.themes:
        expected = str(line.value) if line.status is Status.SHOWN else labels[line.status]
        assert week[line.key.removeprefix("theme:")] == expected
    assert week["victim_blaming"] == "fewer than 5"
    assert week["received"] == "7"


async def test_export_covers_every_week_from_the_first(services: Services) -> None:
    """Weeks without counts in between are exported too, as small counts."""
    await _counts(services, "2026-W05", received=9)
    await _counts(services, "2026-W08", received=9)
    summaries = Summaries(services.db, services.community, services.clock)
    data = await summaries.export_csv(COMMUNITY, "2026-W08")
    weeks = {r["week"] for r in csv.DictReader(io.StringIO(data))}
    assert weeks == {"2026-W05", "2026-W06", "2026-W07", "2026-W08"}


def test_next_digest_is_the_configured_weekday_and_hour_locally() -> None:
    """Monday 09:00 in New York is 14:00 UTC in winter."""
    moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # Monday
    assert next_digest(moment, 0, 9, "America/New_York") == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_next_digest_follows_daylight_saving() -> None:
    """After the clocks change, Monday 09:00 in New York is 13:00 UTC."""
    moment = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert next_digest(moment, 0, 9, "America/New_York") == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)


def test_next_digest_is_strictly_after_the_moment() -> None:
    """At exactly the digest time, the next one is a week later."""
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert next_digest(moment, 0, 9, "UTC") == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
