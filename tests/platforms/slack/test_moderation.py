"""Organizers and admins on Slack: moderation, review, blocking, crisis stories, usage help.

Every journey runs through the real Bolt app against the fake Slack, over Socket
Mode and over signed HTTP, and ends by checking that every delivery was
acknowledged inside Slack's three seconds.
"""

from __future__ import annotations

import asyncio
import html
import re

from bot import messages
from bot.api import Role
from tests.fakes.slack import Ephemeral, Message, User, view_text
from tests.platforms.slack.conftest import SlackWorld, Team

STORY = (
    "At the staff party my supervisor kept touching my back after I said stop, "
    "then wrote to me at zq.touchy@example.com."
)
SECOND = "A driver on the night bus kept asking where I live until I got off early."
CRISIS = "He is outside my door right now and I am hiding in the bathroom."
REASON = "It names a colleague too clearly for a team this small."

REVIEW_BUTTONS = [messages.APPROVE, messages.REJECT, messages.REDACT_MORE, messages.BLOCK_AUTHOR]


def buttons(blocks: list[dict[str, object]]) -> list[str]:
    """The labels of every button in a message's or view's blocks."""
    found: list[str] = []
    for block in blocks:
        elements = block.get("elements") if block.get("type") == "actions" else None
        for element in elements if isinstance(elements, list) else []:
            if element.get("type") == "button":
                found.append(element["text"]["text"])
    return found


def story_of(post: Message) -> str:
    """The story a post carries: its text, or the story behind its content note."""
    payload = (post.metadata or {}).get("event_payload") or {}
    return str(payload.get("story") or post.text)


def public_texts(world: SlackWorld, team: Team) -> str:
    """Everything the bot said in the workspace's channels, for privacy checks."""
    parts: list[str] = []
    for channel in team.ws.channels.values():
        for message in channel.messages:
            parts.append(message.text)
            parts.append(view_text({"blocks": message.blocks}))
    return "\n".join(parts)


async def moderated(world: SlackWorld, team: Team) -> None:
    """An admin turns moderation on and sets the organizers' user group."""
    answer = await world.command(team.admin, team.general, "/config", "moderation on")
    assert answer.text == messages.CONFIG_SAVED.format(what="moderation on")
    await world.make_organizers(team)


async def review(world: SlackWorld, team: Team, who: User | None = None) -> Ephemeral:
    """An organizer runs /review in #general; return the private answer."""
    return await world.command(who or team.organizer, team.general, "/review")


async def test_only_a_workspace_admin_turns_moderation_on(world: SlackWorld) -> None:
    """`/config moderation on` works for a workspace admin (users.info) and no one else."""
    team = world.acme
    await world.make_organizers(team)
    for who in (team.member, team.organizer):
        refused = await world.command(who, team.general, "/config", "moderation on")
        assert refused.text == messages.REFUSED[Role.ADMIN] and refused.via == "response_url"
    assert await world.services.community.get(team.community, "moderation") is False

    saved = await world.command(team.admin, team.general, "/config", "moderation on")
    assert saved.text == messages.CONFIG_SAVED.format(what="moderation on")
    assert await world.services.community.get(team.community, "moderation") is True
    assert await world.services.community.get(world.globex.community, "moderation") is False
    assert any(c.args.get("user") == team.admin.id for c in world.fake.calls_to("users.info"))
    assert public_texts(world, team) == ""
    world.assert_acknowledged_in_time()


async def test_a_reviewed_story_is_shown_privately_and_approve_posts_it(
    world: SlackWorld,
) -> None:
    """The organizer sees only the anonymized story, privately, and Approve queues it."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    code = await world.share(team, STORY)
    assert messages.STATUS["review"] in world.fake.ephemerals_for(team.member)[-1].text
    assert (await world.services.publisher.run_slot(team.community)).posted == 0

    shown = await review(world, team)
    assert shown.via == "response_url" and shown.user == team.organizer.id
    assert "supervisor kept touching" in shown.text and "[email]" in shown.text
    assert "zq.touchy@example.com" not in shown.text
    for secret in (team.member.id, team.member.name, team.member.real_name, code):
        assert secret not in shown.text and secret not in view_text({"blocks": shown.blocks})
    assert buttons(shown.blocks) == REVIEW_BUTTONS
    # Nothing about the story reached any channel: the review is an ephemeral message.
    assert "supervisor" not in public_texts(world, team)
    assert not fake.calls_to("chat.postMessage")

    answer = await world.press(team.organizer, team.general, shown, messages.APPROVE)
    assert messages.REVIEW_APPROVED in answer.text and messages.REVIEW_NONE in answer.text
    assert answer.via == "response_url" and buttons(answer.blocks) == []
    assert (await world.services.publisher.run_slot(team.community)).posted == 1
    [post] = fake.messages(team.stories.id)
    assert "supervisor kept touching" in story_of(post) and "zq.touchy" not in story_of(post)
    status = await world.command(team.member, team.general, "/status", f"code:{code}")
    assert messages.STATUS["posted"] in status.text
    world.assert_acknowledged_in_time()


async def test_reject_with_a_reason_reaches_the_author_only_through_status(
    world: SlackWorld,
) -> None:
    """Reject opens a modal for the reason; the text is deleted; /status shows the reason."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    code = await world.share(team, STORY)
    shown = await review(world, team)

    modal = await world.press_for_modal(team.organizer, team.general, shown, messages.REJECT)
    assert modal.view["title"]["text"] == messages.REJECT_TITLE
    assert [b.get("block_id") for b in modal.view["blocks"]] == ["reason"]
    ack = await fake.submit(modal, {"reason": REASON})
    assert ack.payload is not None and ack.payload["response_action"] == "update"
    # The last decision ends the flow: the modal closes on a short note and the outcome
    # is left privately where the organizer started.
    await fake.wait_for(
        lambda: any(
            messages.REVIEW_REJECTED in e.text for e in fake.ephemerals_for(team.organizer)
        ),
        what="the rejection note",
    )
    assert messages.SLACK_DONE in view_text(modal.view)
    rows = await world.services.db.fetch_all("SELECT status, text FROM stories")
    assert rows == [("rejected", None)]

    status = await world.command(team.member, team.general, "/status", f"code:{code}")
    assert messages.STATUS["rejected"] in status.text and REASON in status.text
    assert status.via == "response_url" and status.user == team.member.id
    assert REASON not in public_texts(world, team)
    others = [e for e in fake.ephemerals if e.user not in {team.member.id, team.organizer.id}]
    assert all(REASON not in e.text for e in others)
    world.assert_acknowledged_in_time()


async def test_redact_more_masks_words_before_approval(world: SlackWorld) -> None:
    """Redact more masks chosen words; the review continues in the modal; Approve there."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    await world.share(team, STORY)
    shown = await review(world, team)

    modal = await world.press_for_modal(team.organizer, team.general, shown, messages.REDACT_MORE)
    assert [b.get("block_id") for b in modal.view["blocks"]] == ["words"]
    ack = await fake.submit(modal, {"words": "staff party, supervisor"})
    assert ack.payload is not None and ack.payload["response_action"] == "update"
    now = view_text(modal.view)
    assert messages.REVIEW_REDACTED.format(count=2) in now
    story_now = now.split(messages.REVIEW_REDACTED.format(count=2))[-1]
    assert "[removed]" in story_now and "staff party" not in story_now
    assert "supervisor" not in story_now
    assert buttons(modal.view["blocks"]) == REVIEW_BUTTONS
    row = await world.services.db.fetch_one("SELECT text FROM stories")
    assert row is not None and "staff party" not in row[0] and "[removed]" in row[0]

    before = len(fake.ephemerals_for(team.organizer))
    await fake.click(modal, messages.APPROVE)
    await fake.wait_for(lambda: messages.SLACK_DONE in view_text(modal.view), what="closing")
    [note] = fake.ephemerals_for(team.organizer)[before:]
    assert messages.REVIEW_APPROVED in note.text and note.channel == team.general.id
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)
    assert "[removed]" in story_of(post) and "staff party" not in story_of(post)
    world.assert_acknowledged_in_time()


async def test_review_continues_inside_the_modal_story_after_story(world: SlackWorld) -> None:
    """From a modal, Reject shows its form in the same modal, then the next story there."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    await world.share(team, STORY)
    await world.share(team, SECOND, user=team.admin)
    shown = await review(world, team)
    first = "supervisor" if "supervisor" in shown.text else "night bus"
    second = "night bus" if first == "supervisor" else "supervisor"

    modal = await world.press_for_modal(team.organizer, team.general, shown, messages.REDACT_MORE)
    ack = await fake.submit(modal, {"words": "zebra crossing"})
    assert ack.payload is not None
    assert messages.REVIEW_NOTHING_MASKED in view_text(modal.view)
    assert buttons(modal.view["blocks"]) == REVIEW_BUTTONS

    await fake.click(modal, messages.REJECT)
    await fake.wait_for(
        lambda: modal.view.get("callback_id") == "chorus_form", what="the reject form"
    )
    assert [b.get("block_id") for b in modal.view["blocks"]] == ["reason"]
    await fake.submit(modal, {"reason": ""})
    now = view_text(modal.view)
    assert messages.REVIEW_REJECTED in now and second in now and first not in now
    assert buttons(modal.view["blocks"]) == REVIEW_BUTTONS

    before = len(fake.ephemerals_for(team.organizer))
    await fake.click(modal, messages.APPROVE)
    await fake.wait_for(lambda: messages.SLACK_DONE in view_text(modal.view), what="closing")
    [note] = fake.ephemerals_for(team.organizer)[before:]
    assert messages.REVIEW_APPROVED in note.text and messages.REVIEW_NONE in note.text
    statuses = await world.services.db.fetch_all("SELECT status FROM stories ORDER BY status")
    assert statuses == [("queued",), ("rejected",)]
    assert public_texts(world, team) == ""
    world.assert_acknowledged_in_time()


async def test_two_organizers_reviewing_at_once_see_different_stories(
    world: SlackWorld,
) -> None:
    """Each organizer's /review leases a different story."""
    team = world.acme
    other = team.ws.add_user("acme_organizer_tapir")
    await moderated(world, team)
    await world.make_organizers(team, team.organizer, other)
    await world.share(team, STORY)
    await world.share(team, SECOND, user=team.admin)

    first, second = await asyncio.gather(review(world, team), review(world, team, other))
    assert buttons(first.blocks) == REVIEW_BUTTONS == buttons(second.blocks)
    assert ("supervisor" in first.text) != ("supervisor" in second.text)
    assert ("night bus" in first.text) != ("night bus" in second.text)
    world.assert_acknowledged_in_time()


async def test_members_are_refused_review_privately_even_pressing_buttons(
    world: SlackWorld,
) -> None:
    """A member's /review is refused ephemerally; a forged Approve press is refused too."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    await world.share(team, STORY)

    refused = await review(world, team, team.member)
    assert refused.text == messages.REFUSED[Role.ORGANIZER]
    assert refused.via == "response_url" and refused.user == team.member.id
    assert buttons(refused.blocks) == []

    # The member replays the organizer's button (its action id and story id) as their own.
    shown = await review(world, team)
    forged = await world.press(team.member, team.general, shown, messages.APPROVE)
    assert forged.text == messages.REFUSED[Role.ORGANIZER] and forged.user == team.member.id
    assert await world.services.db.fetch_one("SELECT status FROM stories") == ("review",)
    assert public_texts(world, team) == "" and not fake.calls_to("chat.postMessage")
    world.assert_acknowledged_in_time()


async def test_block_author_from_the_review_queue(world: SlackWorld) -> None:
    """Block author asks for how long in a modal; the author then gets a kind refusal."""
    fake, team = world.fake, world.acme
    await moderated(world, team)
    await world.share(team, STORY)
    shown = await review(world, team)

    modal = await world.press_for_modal(team.organizer, team.general, shown, messages.BLOCK_AUTHOR)
    await fake.submit(modal, {"days": "7"})
    note = await fake.wait_for(
        lambda: [e for e in fake.ephemerals_for(team.organizer) if "7 days" in e.text],
        what="the block note",
    )
    assert messages.BLOCKED_AUTHOR.format(days=7).split("(")[0] in note[0].text
    for secret in (team.member.id, team.member.name, team.member.real_name):
        assert secret not in note[0].text

    await assert_refused_kindly(world, team, team.member)
    world.assert_acknowledged_in_time()


async def assert_refused_kindly(world: SlackWorld, team: Team, blocked: User) -> None:
    """``blocked`` gets the non-specific refusal and no form; others can still share."""
    fake = world.fake
    opened = len(fake.calls_to("views.open"))
    refusal = await world.command(blocked, team.general, "/share")
    assert refusal.text == messages.SHARE_BLOCKED and refusal.user == blocked.id
    assert "block" not in refusal.text.lower() and refusal.via == "response_url"
    assert len(fake.calls_to("views.open")) == opened

    someone = team.ws.add_user("acme_member_okapi")
    view = await world.open_share(team, someone)
    assert view.view["callback_id"] == "chorus_form"


async def test_block_the_author_of_a_posted_story_by_its_id(world: SlackWorld) -> None:
    """/block with the post's ts blocks its unknown author; admins see a count only."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await world.share(team, STORY)
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)

    unknown = await world.command(team.organizer, team.general, "/block", "1700000000.000001")
    assert "couldn't find a posted story" in unknown.text
    refused = await world.command(team.member, team.general, "/block", post.ts)
    assert refused.text == messages.REFUSED[Role.ORGANIZER]

    done = await world.command(team.organizer, team.general, "/block", post.ts)
    assert done.text == messages.BLOCKED_AUTHOR.format(days=30)
    await assert_refused_kindly(world, team, team.member)

    shown = await world.command(team.admin, team.general, "/config", "show")
    assert "authors blocked now: 1" in shown.text
    # The story channel is a channel link, not an escaped id.
    assert f"stories: <#{team.stories.id}>" in shown.text
    for secret in (team.member.id, team.member.name, team.member.real_name, "supervisor"):
        assert secret not in shown.text
    # The other workspace's members are untouched by this block.
    globex = await world.command(world.globex.admin, world.globex.general, "/config", "show")
    assert "authors blocked now: 0" in globex.text
    world.assert_acknowledged_in_time()


async def test_block_by_the_message_link_slack_copies(world: SlackWorld) -> None:
    """A pasted "Copy link" permalink (as escaped command text) names the post too."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    await world.share(team, STORY)
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)
    link = f"https://acme.slack.com/archives/{team.stories.id}/p{post.ts.replace('.', '')}"

    done = await world.command(team.organizer, team.general, "/block", f"<{link}> days:7")
    assert done.text == messages.BLOCKED_AUTHOR.format(days=7)
    threaded = await world.command(
        # A reply's link carries a query; command text arrives with "&" escaped.
        team.organizer,
        team.general,
        "/block",
        f"post:<{link}?thread_ts={post.ts}&amp;cid={team.stories.id}|the post>",
    )
    assert threaded.text == messages.BLOCKED_AUTHOR.format(days=30)
    # A command installed without escaping gets the link as typed.
    bare = await world.command(team.organizer, team.general, "/block", f"{link} 90")
    assert bare.text == messages.BLOCKED_AUTHOR.format(days=90)
    await assert_refused_kindly(world, team, team.member)
    world.assert_acknowledged_in_time()


async def test_a_crisis_story_shows_crisis_lines_first_and_goes_to_review(
    world: SlackWorld,
) -> None:
    """Present danger: crisis help first, a choice to continue, then review though it is off."""
    fake, team = world.fake, world.acme
    await world.make_organizers(team)
    assert await world.services.community.get(team.community, "moderation") is False
    view = await world.preview(team, CRISIS)
    shown = view_text(view.view)
    assert "findahelpline.com" in shown
    assert shown.index("findahelpline.com") < shown.index("exactly what would be posted")
    assert buttons(view.view["blocks"])[0] == messages.SHARE_ANYWAY
    assert fake.ephemerals_for(team.member) == [] and not fake.calls_to("chat.postMessage")

    before = len(fake.ephemerals_for(team.member))
    await fake.click(view, messages.SHARE_ANYWAY)
    code = await fake.wait_for(lambda: world.receipt(team.member, before), what="the receipt")
    status = await world.command(team.member, team.general, "/status", f"code:{code}")
    assert messages.STATUS["review"] in status.text
    assert (await world.services.publisher.run_slot(team.community)).posted == 0

    queued = await review(world, team)
    assert "hiding in the bathroom" in queued.text
    assert "crisis" not in queued.text.lower() and "danger" not in queued.text.lower()
    for secret in (team.member.id, team.member.name, team.member.real_name):
        assert secret not in queued.text
    world.assert_acknowledged_in_time()


async def test_past_danger_gets_the_ordinary_preview(world: SlackWorld) -> None:
    """A story about danger long ago is not treated as a crisis."""
    view = await world.preview(world.acme, "Years ago I believed he would kill me. I got out.")
    assert buttons(view.view["blocks"])[0] == messages.CONFIRM
    assert "findahelpline.com" not in view_text(view.view)
    world.assert_acknowledged_in_time()


async def test_config_usage_help_is_private(world: SlackWorld) -> None:
    """/config with no, unknown or badly filled sub-actions answers with usage, ephemerally."""
    team = world.acme
    bare = await world.command(team.admin, team.general, "/config")
    assert bare.text.startswith("/config needs one of:") and "moderation" in bare.text
    unknown = await world.command(team.admin, team.general, "/config", "moderate on")
    assert "`moderate`" in unknown.text and "moderation" in unknown.text
    not_on_off = await world.command(team.admin, team.general, "/config", "moderation maybe")
    assert messages.NOT_ON_OFF.format(name="enabled") in not_on_off.text
    # Slack shows &lt; and &gt; as < and >, inside code spans too.
    assert "Usage: `/config moderation enabled:<enabled>`" in html.unescape(not_on_off.text)
    missing = await world.command(team.admin, team.general, "/config", "threshold")
    assert messages.MISSING_OPTION.format(name="count") in missing.text
    assert "Usage: `/config threshold count:<count>`" in html.unescape(missing.text)
    low = await world.command(team.admin, team.general, "/config", "schedule cadence:5")
    assert messages.OUT_OF_RANGE.format(name="cadence", low=15, high=10080) in low.text
    extra = await world.command(team.admin, team.general, "/config", "show everything")
    assert "`everything`" in extra.text and "Usage: `/config show`" in extra.text

    answers = [bare, unknown, not_on_off, missing, low, extra]
    assert all(a.via == "response_url" and a.user == team.admin.id for a in answers)
    assert all(buttons(a.blocks) == [] for a in answers)
    assert public_texts(world, team) == ""
    # None of it changed anything.
    values = await world.services.community.all(team.community)
    assert values["moderation"] is False and values["cadence_minutes"] != 5
    shown = await world.command(team.admin, team.general, "/config", "show")
    assert re.search(r"\bmoderation: off\b", shown.text)
    world.assert_acknowledged_in_time()
