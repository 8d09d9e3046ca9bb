"""Organizer summaries through the real discord.py client and the fake: /summary, export, digest."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path
from typing import Any

from bot.core.digest import DIGEST_JOB
from bot.store.counts import bump
from tests.conftest import FakeClock
from tests.fakes.discord import FakeDiscord, FakeUser, InteractionRecord
from tests.fakes.discord.interactions import DEFERRED_CHANNEL_MESSAGE, SentFile
from tests.platforms.discord.conftest import World, receipt_code, start_world

EPHEMERAL = 1 << 6
SUPPRESS_EMBEDS = 1 << 2
PNG = b"\x89PNG\r\n\x1a\n"
# The world's clock starts on Monday 2026-03-02, so the last complete week is 2026-W09.
LAST = "2026-W09"
BEFORE = "2026-W08"
RECENT = [f"2026-W{n:02d}" for n in range(9, 1, -1)]


async def _counts(world: World, week: str, **metrics: int) -> None:
    """Seed one week's aggregate counts (``theme__x`` stands for ``theme:x``)."""
    async with world.app.services.db.transaction() as tx:
        for metric, n in metrics.items():
            await bump(tx, world.community(), week, metric.replace("__", ":"), n)


def _multipart_files(world: World, record: InteractionRecord) -> list[SentFile]:
    """Files the bot uploaded while answering ``record``, each from a multipart request."""
    files = []
    for request in world.fake.rest.requests:
        if record.token in request.path or record.id in request.path:
            files.extend(request.files)
    return files


async def _summary(world: World, user: FakeUser, **options: Any) -> InteractionRecord:
    record = await world.fake.slash(world.guild, user, "summary", options)
    await record.reply()
    return record


async def test_summary_is_private_and_carries_the_png_chart(world: World) -> None:
    """/summary answers the organizer privately, with the trend chart attached as a PNG."""
    await _counts(world, BEFORE, received=9, theme__street_harassment=6)
    await _counts(world, LAST, received=12, published=7, count_only=3, theme__street_harassment=9)
    kim = await world.organizer("kim")
    record = await _summary(world, kim)
    [reply] = record.messages()
    assert reply["flags"] & EPHEMERAL
    content = reply["content"]
    assert f"Weekly summary — {LAST}" in content
    assert "12 received" in content and "7 published" in content
    assert "fewer than 5 count-only" in content and "3 count-only" not in content
    assert "street harassment: 9 (+3)" in content
    [attachment] = reply["attachments"]
    assert attachment["filename"] == f"chorus-summary-{LAST}.png"
    [sent] = _multipart_files(world, record)
    assert sent.filename == f"chorus-summary-{LAST}.png"
    assert sent.data.startswith(PNG) and len(sent.data) > 1000


async def test_a_slow_summary_is_deferred_privately_and_the_chart_follows(
    tmp_path: Path, fake: FakeDiscord, clock: FakeClock
) -> None:
    """Past the first-response budget the reply is deferred (privately); text and chart follow."""
    world = await start_world(tmp_path, fake, clock, first_response_budget=0.0)
    try:
        await _counts(world, LAST, received=12)
        kim = await world.organizer("kim")
        record = await fake.slash(world.guild, kim, "summary")
        response = await record.response()
        assert response["type"] == DEFERRED_CHANNEL_MESSAGE
        assert response["data"]["flags"] & EPHEMERAL
        [reply] = await record.wait_messages(1)
        assert reply["flags"] & EPHEMERAL and f"Weekly summary — {LAST}" in reply["content"]
        assert reply["attachments"][0]["filename"] == f"chorus-summary-{LAST}.png"
        [sent] = _multipart_files(world, record)
        assert sent.data.startswith(PNG)
    finally:
        await world.stop()


async def test_summary_of_a_named_week(world: World) -> None:
    """The week option picks an earlier complete week."""
    await _counts(world, BEFORE, received=20)
    kim = await world.organizer("kim")
    record = await _summary(world, kim, week=BEFORE)
    [reply] = record.messages()
    assert f"Weekly summary — {BEFORE}" in reply["content"] and "20 received" in reply["content"]
    assert reply["attachments"][0]["filename"] == f"chorus-summary-{BEFORE}.png"


async def test_unfinished_or_malformed_weeks_get_a_kind_private_answer(world: World) -> None:
    """A week still under way, or text that is no week, is explained privately, no file sent."""
    kim = await world.organizer("kim")
    for typed, expected in (("2026-W10", "isn't over yet"), ("lastweek", "2026-W47")):
        record = await _summary(world, kim, week=typed)
        [reply] = record.messages()
        assert reply["flags"] & EPHEMERAL and expected in reply["content"]
        assert reply["attachments"] == [] and _multipart_files(world, record) == []


async def test_export_is_a_suppressed_csv_without_story_text(world: World) -> None:
    """`/summary output:export` attaches weekly counts as CSV: small counts hidden, no text."""
    fake = world.fake
    preview = await (
        await world.share(world.guild, world.member, "A man on the bus catcalled me twice.")
    ).reply()
    receipt_code((await (await fake.click(preview, "Confirm")).reply())["content"])
    # The shared story's week ends, so its counts are in the export.
    world.clock.advance(days=7)
    this_week = "2026-W10"
    await _counts(world, LAST, received=11, theme__street_harassment=7)
    kim = await world.organizer("kim")
    record = await _summary(world, kim, output="export")
    [reply] = record.messages()
    assert reply["flags"] & EPHEMERAL
    name = f"chorus-weekly-counts-to-{this_week}.csv"
    assert reply["attachments"][0]["filename"] == name
    [sent] = _multipart_files(world, record)
    assert sent.filename == name
    data = sent.data.decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert {r["week"] for r in rows} == {LAST, this_week}
    street = [r for r in rows if r["week"] == LAST and r["name"] == "street_harassment"]
    assert street[0]["count"] == "7"
    received = [r for r in rows if r["week"] == this_week and r["name"] == "received"]
    assert received[0]["count"] == "fewer than 5"
    assert {r["count"] for r in rows if not r["count"].isdigit()} <= {"fewer than 5", "not shown"}
    assert all(int(r["count"]) >= 5 for r in rows if r["count"].isdigit())
    assert "catcalled" not in data and "bus" not in data


async def test_members_are_refused_summaries(world: World) -> None:
    """A member without the organizer role gets a private refusal and no file."""
    await _counts(world, LAST, received=12)
    await world.organizer("kim")
    record = await _summary(world, world.member)
    [reply] = record.messages()
    assert reply["flags"] & EPHEMERAL and "for this community's organizers" in reply["content"]
    assert _multipart_files(world, record) == []


async def test_week_autocomplete_offers_recent_complete_weeks(world: World) -> None:
    """Typing in `week` offers the last eight complete ISO weeks, newest first, filtered."""
    fake = world.fake
    kim = await world.organizer("kim")
    offered = await fake.autocomplete(world.guild, kim, "summary", "week", "")
    assert [c["value"] for c in offered] == RECENT
    assert all(c["name"] == c["value"] for c in offered)
    narrowed = await fake.autocomplete(world.guild, kim, "summary", "week", "w08")
    assert [c["value"] for c in narrowed] == [BEFORE]
    # The week under way is never offered.
    assert await fake.autocomplete(world.guild, kim, "summary", "week", "2026-W10") == []
    command = fake.find_command(world.guild, "summary")
    week = next(o for o in command["options"] if o["name"] == "week")
    assert week["autocomplete"] is True and "choices" not in week


async def test_week_autocomplete_follows_the_community_clock(world: World) -> None:
    """A week later, the newly finished week is offered first."""
    kim = await world.organizer("kim")
    world.clock.advance(days=7)
    offered = await world.fake.autocomplete(world.guild, kim, "summary", "week", "")
    assert offered[0]["value"] == "2026-W10" and len(offered) == 8


def _organizer_posts(world: World) -> list[dict[str, Any]]:
    return world.fake.bot_messages(world.fake.channel(world.guild, "organizers"))


async def _organizers_channel(world: World) -> None:
    channel = world.fake.channel(world.guild, "organizers")
    done = await world.fake.slash(
        world.guild, world.admin, "config channel", {"kind": "organizers", "channel": channel}
    )
    await done.reply()


async def test_weekly_digest_is_posted_to_the_organizers_channel_with_the_chart(
    world: World,
) -> None:
    """On Monday morning the last week's summary is posted once, with its chart attached."""
    fake = world.fake
    await _organizers_channel(world)
    await _counts(world, "2026-W10", received=14, count_only=2, theme__street_harassment=6)
    world.clock.advance(days=7)  # Monday 2026-03-09 12:00, past the 09:00 digest
    [digest] = await fake.wait_for(lambda: _organizer_posts(world), what="the weekly digest")
    text = str(digest)
    assert "This week's summary for organizers" in text and "2026-W10" in text
    assert "14 received" in text and "fewer than 5 count-only" in text
    assert "2 count-only" not in text
    [sent] = fake.sent_files[digest["id"]]
    assert sent.filename == "chorus-summary-2026-W10.png" and sent.data.startswith(PNG)
    # The chart shows inline, under the text.
    [attachment] = digest["attachments"]
    [gallery] = [c for c in digest["components"] if c["type"] == 12]
    assert gallery["items"][0]["media"]["attachment_id"] == attachment["id"]
    assert digest["flags"] & SUPPRESS_EMBEDS
    [request] = [r for r in fake.requests_to("POST", "/channels/{channel_id}/messages") if r.files]
    assert request.json["allowed_mentions"]["parse"] == []
    assert request.json["enforce_nonce"] is True
    # Later runs of the job that week post nothing more.
    services = world.app.services
    await services.scheduler.schedule(DIGEST_JOB, world.community(), world.clock.now())
    await services.scheduler.run_due()
    assert len(_organizer_posts(world)) == 1


async def _digest_row(world: World) -> tuple[str, str] | None:
    """The digest's (status, message id) once it is recorded as sent (or after a while)."""
    row = None
    for _ in range(500):
        row = await world.app.services.db.fetch_one("SELECT status, message_id FROM digests")
        if row is not None and row[0] == "sent":
            break
        await asyncio.sleep(0.01)
    return None if row is None else (str(row[0]), str(row[1]))


async def test_digest_sent_before_a_crash_is_not_sent_again_after_restart(world: World) -> None:
    """Sent but not recorded (a crash), then a restart long after: found again, not reposted."""
    fake = world.fake
    await _organizers_channel(world)
    await _counts(world, "2026-W10", received=14)
    world.clock.advance(days=7)
    [digest] = await fake.wait_for(lambda: _organizer_posts(world), what="the weekly digest")
    assert await _digest_row(world) == ("sent", digest["id"])
    # As if the process died between sending and recording the digest.
    await world.app.services.db.execute("UPDATE digests SET status = 'sending', message_id = NULL")
    await world.app.services.scheduler.schedule(DIGEST_JOB, world.community(), world.clock.now())
    # Discord forgets a nonce after a few minutes; the restart comes later than that.
    fake.rest.nonce_window = 0.0
    await world.restart()
    assert await _digest_row(world) == ("sent", digest["id"])
    assert [m["id"] for m in _organizer_posts(world)] == [digest["id"]]


async def test_a_long_message_with_a_file_is_found_again_by_its_nonce(world: World) -> None:
    """A bot message in parts, with a non-image file: the last part carries file and marker."""
    from bot.api import Attachment

    fake = world.fake
    channel = fake.channel(world.guild, "organizers")
    text = "\n".join(f"Line {i} of a long notice for organizers." for i in range(80))
    csv_file = Attachment("counts.csv", b"week,count\n2026-W09,fewer than 5\n", "text/csv")
    community = world.community()
    sent = await world.platform.send(community, channel.id, text, (csv_file,), nonce="n" * 20)
    parts = fake.bot_messages(channel)
    assert len(parts) == 2 and parts[-1]["id"] == sent
    assert "Line 0 " in parts[0]["content"] and "Line 79 " in str(parts[-1])
    [component] = [c for c in parts[-1]["components"] if c["type"] == 13]
    assert component["file"]["attachment_id"] == parts[-1]["attachments"][0]["id"]
    assert fake.sent_files[sent][0].data.startswith(b"week,count")
    assert await world.platform.find_post(community, channel.id, "n" * 20) == sent
    assert await world.platform.find_post(community, channel.id, "m" * 20) is None
