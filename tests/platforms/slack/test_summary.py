"""Organizer summaries on Slack: /summary with its chart, exports, weeks, the weekly digest.

Files go through Slack's external upload flow (files.getUploadURLExternal, the
upload itself, files.completeUploadExternal). A summary asked for with
/summary is for the organizer alone, so its file is shared in their direct
message with the app, never in the channel the command was typed in.
"""

from __future__ import annotations

import csv
import io
import re

from bot import messages
from bot.api import Role
from bot.core.digest import DIGEST_JOB
from bot.store.counts import bump
from tests.fakes.slack import Channel, Message, User
from tests.platforms.slack.conftest import SlackWorld, Team

PNG = b"\x89PNG\r\n\x1a\n"
# The clock starts on Monday 2026-03-02 (week 10), so the last complete week is 2026-W09.
LAST = "2026-W09"
BEFORE = "2026-W08"
THIS = "2026-W10"
STORIES = (
    "A man on the tram catcalled me and followed me two stops.",
    "My manager keeps commenting on my clothes in front of clients.",
    "Someone at the gym filmed me without asking and laughed about it.",
)
# Words of the stories above that no summary, export or theme name contains.
STORY_WORDS = ("tram", "catcalled", "stops", "clothes", "clients", "gym", "filmed", "laughed")


async def seed(world: SlackWorld, team: Team, week: str, **metrics: int) -> None:
    """Add weekly counts directly, as if a week of stories had been counted."""
    async with world.services.db.transaction() as tx:
        for metric, n in metrics.items():
            await bump(tx, team.community, week, metric.replace("__", ":"), n)


async def a_week_of_stories(world: SlackWorld, team: Team) -> None:
    """Members share stories through Slack this week, then the week ends."""
    for i, story in enumerate(STORIES):
        author = team.ws.add_user(f"acme_member_{i}")
        await world.share(team, story, user=author)
    await seed(world, team, BEFORE, received=9, theme__street_harassment=6)
    world.clock.advance(days=7)


def files_shared(world: SlackWorld) -> list[tuple[Channel, Message]]:
    """Every message carrying files, with its channel."""
    return [
        (channel, message)
        for ws in world.fake.workspaces.values()
        for channel in ws.channels.values()
        for message in channel.messages
        if message.files
    ]


def file_bytes(world: SlackWorld, message: Message) -> bytes:
    """The uploaded bytes of a message's only file."""
    [shared] = message.files
    data = world.fake.files[shared["id"]]["data"]
    assert isinstance(data, bytes)
    return data


def dm_with(world: SlackWorld, user: User) -> Channel:
    """The app's direct message with ``user``, as conversations.open gave it."""
    [opened] = [c for c in world.fake.calls_to("conversations.open") if c.ok]
    assert opened.args["users"] == user.id
    channel = world.fake.channel("D" + user.id[1:])
    assert channel.is_im
    return channel


async def test_summary_chart_is_uploaded_to_the_organizer_alone(world: SlackWorld) -> None:
    """/summary answers privately; its PNG chart goes to the organizer's DM with the app."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await seed(world, team, LAST, received=12, published=7, count_only=5)
    await seed(world, team, LAST, theme__street_harassment=8)

    answer = await world.command(team.organizer, team.general, "/summary")
    assert f"Weekly summary — {LAST}" in answer.text
    assert "12 received" in answer.text and "7 published" in answer.text
    assert messages.SLACK_FILE_IN_DM in answer.text
    assert answer.via == "response_url" and answer.user == team.organizer.id

    [(channel, message)] = await fake.wait_for(lambda: files_shared(world), what="the chart")
    assert channel is dm_with(world, team.organizer)
    assert message.files[0]["name"] == f"chorus-summary-{LAST}.png"
    assert file_bytes(world, message).startswith(PNG)
    methods = [c.method for c in fake.calls if c.method.startswith("files.")]
    assert methods == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    assert all(c.ok for c in fake.calls if c.method.startswith("files."))
    # Nothing was said or shared in any channel people share.
    for ws_channel in team.ws.channels.values():
        if not ws_channel.is_im:
            assert ws_channel.messages == []
    world.assert_acknowledged_in_time()


async def test_a_week_shared_through_slack_is_summarised_with_small_counts_hidden(
    world: SlackWorld,
) -> None:
    """Stories shared this week show up once it ends, as "fewer than 5", never exactly."""
    team = world.acme
    await world.make_organizers(team)
    await a_week_of_stories(world, team)

    answer = await world.command(team.organizer, team.general, "/summary")
    assert f"Weekly summary — {THIS}" in answer.text
    assert "fewer than 5 received" in answer.text and "3 received" not in answer.text
    for word in STORY_WORDS:
        assert word not in answer.text.lower()
    world.assert_acknowledged_in_time()


async def test_export_is_a_suppressed_csv_without_story_text(world: SlackWorld) -> None:
    """`/summary export` sends a CSV of weekly counts privately; small counts are hidden."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await a_week_of_stories(world, team)
    await seed(world, team, THIS, theme__street_harassment=7)

    answer = await world.command(team.organizer, team.general, "/summary", "export")
    assert messages.SUMMARY_EXPORT.format(week=THIS) in answer.text
    assert messages.SLACK_FILE_IN_DM in answer.text
    [(channel, message)] = await fake.wait_for(lambda: files_shared(world), what="the CSV")
    assert channel is dm_with(world, team.organizer)
    assert message.files[0]["name"] == f"chorus-weekly-counts-to-{THIS}.csv"

    data = file_bytes(world, message).decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    this_week = {r["name"]: r["count"] for r in rows if r["week"] == THIS}
    assert this_week["received"] == "fewer than 5"
    # Seeded 7, plus whatever the shared stories were counted under: shown, being over 5.
    assert int(this_week["street_harassment"]) >= 7
    assert {r["count"] for r in rows if not r["count"].isdigit()} <= {"fewer than 5", "not shown"}
    assert all(int(r["count"]) >= 5 for r in rows if r["count"].isdigit())
    assert {r["week"] for r in rows} >= {BEFORE, THIS}
    for word in STORY_WORDS:
        assert word not in data.lower()
    world.assert_acknowledged_in_time()


async def test_a_named_week_and_an_unfinished_one(world: SlackWorld) -> None:
    """`/summary 2026-W08` covers that week; the week under way and nonsense are refused."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await seed(world, team, BEFORE, received=20)

    named = await world.command(team.organizer, team.general, "/summary", BEFORE)
    assert f"Weekly summary — {BEFORE}" in named.text and "20 received" in named.text
    last_year = await world.command(team.organizer, team.general, "/summary", "2025-W47")
    assert "Weekly summary — 2025-W47" in last_year.text

    uploads = len(files_shared(world))
    open_week = await world.command(team.organizer, team.general, "/summary", THIS)
    assert open_week.text == messages.SUMMARY_WEEK_OPEN.format(week=THIS, latest=LAST)
    future = await world.command(team.organizer, team.general, "/summary", "2026-W47")
    assert "isn't over yet" in future.text
    bad = await world.command(team.organizer, team.general, "/summary", "lastweek")
    assert "Weeks look like `2026-W47`" in bad.text
    export_open = await world.command(team.organizer, team.general, "/summary", f"{THIS} export")
    assert "isn't over yet" in export_open.text
    # Refusals upload nothing.
    assert len(files_shared(world)) == uploads
    assert all(a.via == "response_url" for a in (open_week, future, bad, export_open))
    assert not fake.calls_to("chat.postMessage")
    world.assert_acknowledged_in_time()


async def test_members_are_refused_summaries_privately(world: SlackWorld) -> None:
    """A member asking for a summary or an export is refused ephemerally; nothing uploads."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await seed(world, team, LAST, received=12)
    for text in ("", "export"):
        refused = await world.command(team.member, team.general, "/summary", text)
        assert refused.text == messages.REFUSED[Role.ORGANIZER]
        assert refused.via == "response_url" and refused.user == team.member.id
    assert files_shared(world) == [] and not fake.calls_to("files.getUploadURLExternal")
    world.assert_acknowledged_in_time()


async def test_the_weekly_digest_goes_to_the_organizers_channel_with_its_chart(
    world: SlackWorld,
) -> None:
    """At Monday 09:00 last week's summary and its chart are posted to #organizers, once."""
    fake, team, services = world.fake, world.acme, world.services
    await a_week_of_stories(world, team)
    await seed(world, team, THIS, theme__street_harassment=8)

    await services.scheduler.run_due()
    text, chart = fake.messages(team.organizers.id)
    assert text.text.startswith(messages.SUMMARY_DIGEST)
    assert f"Weekly summary — {THIS}" in text.text and "fewer than 5 received" in text.text
    assert text.metadata is not None and text.metadata["event_type"] == "chorus_story"
    assert text.unfurl_links is False and fake.pings(team.organizers.id) == []
    assert chart.files[0]["name"] == f"chorus-summary-{THIS}.png"
    assert file_bytes(world, chart).startswith(PNG)
    assert [c for c, _ in files_shared(world) if c.team_id == team.ws.team_id] == [team.organizers]
    for word in STORY_WORDS:
        assert word not in text.text.lower()

    # Running again (say after a restart) posts nothing more; the next one is a week away.
    await services.scheduler.schedule(DIGEST_JOB, team.community, world.clock.now())
    await services.scheduler.run_due()
    assert len(fake.messages(team.organizers.id)) == 2
    due = await services.scheduler.due_at(DIGEST_JOB, team.community)
    assert due is not None and due.day == 16 and due.hour == 9
    # The other workspace gets its own digest in its own channel, without acme's figures.
    globex = fake.messages(world.globex.organizers.id)[0].text
    shown = re.search(r"street harassment: (\d+)", text.text)
    assert shown is not None and int(shown.group(1)) >= 8
    assert globex.startswith(messages.SUMMARY_DIGEST) and "street harassment:" not in globex


async def test_an_export_that_cannot_be_delivered_says_so(world: SlackWorld) -> None:
    """If Slack refuses the direct message, the answer doesn't claim the file was sent."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await seed(world, team, LAST, received=12)
    fake.fail("conversations.open", error="missing_scope")
    answer = await world.command(team.organizer, team.general, "/summary", "export")
    assert messages.SUMMARY_EXPORT.format(week=LAST) in answer.text
    assert messages.SLACK_FILE_NOT_SENT in answer.text
    assert messages.SLACK_FILE_IN_DM not in answer.text
    assert files_shared(world) == []

    # The same when the upload itself is refused, after the direct message opened.
    fake.fail("files.completeUploadExternal", error="not_in_channel")
    answer = await world.command(team.organizer, team.general, "/summary")
    assert messages.SLACK_FILE_NOT_SENT in answer.text
    assert files_shared(world) == []
    world.assert_acknowledged_in_time()
