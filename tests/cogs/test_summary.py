"""Organizer summaries on the console platform: /summary, export, /config digest, the digest job."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bot.core.digest import DIGEST_JOB, Digest
from bot.platforms import textcommands
from bot.platforms.console import COMMUNITY, ORGANIZER_CHANNEL
from bot.store.counts import bump
from tests.conftest import Console, FakeClock

# The fake clock starts on Monday 2026-03-02, so the last complete week is 2026-W09.
LAST = "2026-W09"
BEFORE = "2026-W08"


async def _counts(console: Console, week: str, **metrics: int) -> None:
    async with console.services.db.transaction() as tx:
        for metric, n in metrics.items():
            name = metric.replace("__", ":")
            await bump(tx, COMMUNITY, week, name, n)


async def _organizer(console: Console) -> None:
    await console.as_("organizer", "kim")


def _files(console: Console) -> Path:
    return console.services.settings.store.data_dir / "console-files"


async def test_members_cannot_see_summaries(console: Console) -> None:
    """A member asking for a summary is refused."""
    out = await console.type("/summary")
    assert "for this community's organizers" in out


async def test_summary_shows_last_complete_week_by_default(console: Console) -> None:
    """Without a week, the summary covers the last complete week in the community's zone."""
    await _counts(console, LAST, received=12, published=7, count_only=5)
    await _organizer(console)
    out = await console.type("/summary")
    assert f"Weekly summary — {LAST}" in out
    assert "12 received" in out and "7 published" in out and "5 count-only" in out


async def test_small_counts_show_as_fewer_than_the_threshold(console: Console) -> None:
    """A count under 5 is shown as "fewer than 5", never as its number."""
    await _counts(console, LAST, received=12, published=9, count_only=3)
    await _organizer(console)
    out = await console.type("/summary")
    assert "fewer than 5 count-only" in out
    assert "3 count-only" not in out


async def test_theme_change_against_previous_week(console: Console) -> None:
    """A theme shown in both weeks carries its change."""
    await _counts(console, BEFORE, theme__street_harassment=6)
    await _counts(console, LAST, theme__street_harassment=9)
    await _organizer(console)
    out = await console.type("/summary")
    assert "street harassment: 9 (+3)" in out
    assert "**Rising:** street harassment (+3)" in out


async def test_change_is_not_shown_next_to_a_hidden_week(console: Console) -> None:
    """When last week's count was hidden, this week's shows no change that would reveal it."""
    await _counts(console, BEFORE, theme__street_harassment=2)
    await _counts(console, LAST, theme__street_harassment=9)
    await _organizer(console)
    out = await console.type("/summary")
    assert "street harassment: 9\n" in out


async def test_small_themes_roll_up_into_their_group(console: Console) -> None:
    """Themes too small alone are counted together under their group."""
    await _counts(console, LAST, theme__victim_blaming=3, theme__everyday_sexism=4)
    await _organizer(console)
    out = await console.type("/summary")
    assert "verbal: 7" in out and "victim blaming" in out
    assert "victim blaming: 3" not in out


async def test_summary_of_a_named_week(console: Console) -> None:
    """`/summary 2026-W08` covers that week."""
    await _counts(console, BEFORE, received=20)
    await _organizer(console)
    out = await console.type("/summary 2026-W08")
    assert "Weekly summary — 2026-W08" in out and "20 received" in out


async def test_an_unfinished_week_is_refused(console: Console) -> None:
    """The current week is not summarised while it can still grow."""
    await _organizer(console)
    out = await console.type("/summary 2026-W10")
    assert "isn't over yet" in out and LAST in out


async def test_a_malformed_week_is_explained(console: Console) -> None:
    """A week that is not an ISO week gets a hint."""
    await _organizer(console)
    out = await console.type("/summary lastweek")
    assert "Weeks look like `2026-W47`" in out


async def test_summary_attaches_a_png_chart(console: Console) -> None:
    """The reply carries the 8-week trend as a PNG file."""
    await _counts(console, LAST, received=12, theme__street_harassment=8)
    await _organizer(console)
    out = await console.type("/summary")
    assert f"chorus-summary-{LAST}.png" in out
    png = (_files(console) / f"chorus-summary-{LAST}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


async def test_export_is_a_suppressed_csv_without_story_text(console: Console) -> None:
    """`/summary export` attaches weekly counts as CSV, small counts hidden, no text."""
    await console.share("A man on the bus catcalled me and followed me home.", mode="1")
    await console.type("Confirm")
    await _counts(console, LAST, received=11, theme__street_harassment=7)
    await _organizer(console)
    out = await console.type("/summary export")
    name = f"chorus-weekly-counts-to-{LAST}.csv"
    assert name in out
    data = (_files(console) / name).read_text()
    rows = list(csv.DictReader(io.StringIO(data)))
    street = [r for r in rows if r["week"] == LAST and r["name"] == "street_harassment"]
    assert street[0]["count"] == "7"
    assert {r["count"] for r in rows if not r["count"].isdigit()} <= {"fewer than 5", "not shown"}
    assert all(int(r["count"]) >= 5 for r in rows if r["count"].isdigit())
    assert "catcalled" not in data and "bus" not in data


async def test_export_with_a_week_stops_at_that_week(console: Console) -> None:
    """`/summary 2026-W08 export` exports weeks up to 2026-W08 only."""
    await _counts(console, BEFORE, received=8)
    await _counts(console, LAST, received=9)
    await _organizer(console)
    await console.type("/summary 2026-W08 export")
    data = (_files(console) / "chorus-weekly-counts-to-2026-W08.csv").read_text()
    assert BEFORE in data and LAST not in data


async def test_config_digest_sets_day_and_hour(console: Console) -> None:
    """`/config digest friday 17` saves the digest time and replans the job."""
    await console.as_("admin", "dana")
    out = await console.type("/config digest friday 17")
    assert "fridays at 17:00 (UTC)" in out
    due = await console.services.scheduler.due_at(DIGEST_JOB, COMMUNITY)
    assert due is not None and due.weekday() == 4 and due.hour == 17


async def test_config_digest_is_for_admins(console: Console) -> None:
    """An organizer cannot change the digest time."""
    await _organizer(console)
    out = await console.type("/config digest monday 9")
    assert "for admins" in out


async def test_digest_is_planned_for_each_community(console: Console) -> None:
    """Starting the console plans the weekly digest at Monday 09:00 by default."""
    due = await console.services.scheduler.due_at(DIGEST_JOB, COMMUNITY)
    assert due is not None and (due.weekday(), due.hour) == (0, 9)


async def test_digest_job_posts_once_to_the_organizers_channel(
    console: Console, clock: FakeClock
) -> None:
    """At Monday 09:00 the week's summary goes to #organizers; later runs post nothing more."""
    await _counts(console, "2026-W10", received=14)
    clock.advance(days=7)
    await console.services.scheduler.run_due()
    await console.services.scheduler.schedule(DIGEST_JOB, COMMUNITY, clock.now())
    await console.services.scheduler.run_due()
    sent = [m for m in console.platform.history(ORGANIZER_CHANNEL) if "2026-W10" in m["text"]]
    assert len(sent) == 1 and "14 received" in sent[0]["text"]
    due = await console.services.scheduler.due_at(DIGEST_JOB, COMMUNITY)
    assert due is not None and due.day == 16 and due.hour == 9


async def test_digest_claimed_before_a_crash_is_not_sent_twice(
    console: Console, clock: FakeClock
) -> None:
    """A digest sent but not recorded (crash) is found by its nonce and recorded, not resent."""
    services = console.services
    digest = Digest(services.db, services.community, services.platforms, clock)
    await digest.send(COMMUNITY, LAST, ORGANIZER_CHANNEL, console.platform)
    # As if the process died after sending: the record is back to 'sending'.
    await services.db.execute("UPDATE digests SET status = 'sending', message_id = NULL")
    sent = await digest.send(COMMUNITY, LAST, ORGANIZER_CHANNEL, console.platform)
    assert sent is False
    posts = [m for m in console.platform.history(ORGANIZER_CHANNEL) if LAST in m["text"]]
    assert len(posts) == 1
    row = await services.db.fetch_one("SELECT status, message_id FROM digests")
    assert row == ("sent", posts[0]["id"])


async def test_digest_claimed_but_never_sent_is_sent_on_retry(
    console: Console, clock: FakeClock
) -> None:
    """A claim whose message never went out is sent on the next run, once."""
    services = console.services
    await services.db.execute(
        "INSERT INTO digests (community_id, week, nonce, channel_id, status, claimed_at) "
        "VALUES (?, ?, 'abc123', ?, 'sending', 0)",
        COMMUNITY,
        LAST,
        ORGANIZER_CHANNEL,
    )
    digest = Digest(services.db, services.community, services.platforms, clock)
    assert await digest.send(COMMUNITY, LAST, ORGANIZER_CHANNEL, console.platform) is True
    posts = [m for m in console.platform.history(ORGANIZER_CHANNEL) if LAST in m["text"]]
    assert len(posts) == 1 and posts[0]["nonce"] == "abc123"


async def test_slack_command_text_reaches_the_same_options(console: Console) -> None:
    """Slack's `/summary` text ("2026-W08 export") fills week and output like the console."""
    parsed = textcommands.parse("2026-W08 export", console.app.registry, name="summary")
    assert isinstance(parsed, textcommands.Parsed)
    assert parsed.values == {"week": "2026-W08", "output": "export"}
