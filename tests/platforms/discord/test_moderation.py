"""Organizer and admin moderation journeys through the real discord.py client and the fake."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.fakes.discord import FakeGuild, FakeUser, InteractionRecord, buttons_of, modal_inputs
from tests.fakes.discord.interactions import MODAL
from tests.platforms.discord.conftest import World, post_text, receipt_code

EPHEMERAL = 1 << 6
REVIEW_BUTTONS = ["Approve", "Reject", "Redact more", "Block author"]

STORY = "At the staff party my supervisor kept touching my back after I said stop."
CRISIS = "He is outside my door right now and I am hiding in the bathroom."


async def _moderation_on(world: World) -> None:
    done = await world.fake.slash(world.guild, world.admin, "config moderation", {"enabled": True})
    reply = await done.reply()
    assert reply["flags"] & EPHEMERAL and "moderation on" in reply["content"]


async def _submit(world: World, user: FakeUser, story: str = STORY) -> str:
    """Share and confirm; return the receipt code."""
    submitted = await world.share(world.guild, user, story)
    # A long preview comes in parts; the buttons are on the last one.
    await submitted.wait_until(lambda: any(buttons_of(m) for m in submitted.messages()))
    preview = next(m for m in submitted.messages() if buttons_of(m))
    receipt = await (await world.fake.click(preview, "Confirm")).reply()
    return receipt_code(receipt["content"])


async def _status(world: World, user: FakeUser, code: str) -> str:
    done = await world.fake.slash(world.guild, user, "status", {"code": code})
    reply = await done.reply()
    assert reply["flags"] & EPHEMERAL
    content: str = reply["content"]
    return content


async def _review(world: World, organizer: FakeUser) -> dict[str, Any]:
    reply = await (await world.fake.slash(world.guild, organizer, "review")).reply()
    assert reply["flags"] & EPHEMERAL
    return reply


def _assert_private(record: InteractionRecord) -> None:
    """Every message answering ``record`` is ephemeral."""
    assert record.messages(), "no answer"
    for message in record.messages():
        assert message["flags"] & EPHEMERAL, message["content"]


def _identity(world: World, user: FakeUser) -> list[str]:
    return [user.id, user.username]


async def test_moderated_story_waits_for_review_then_approval_posts_it(world: World) -> None:
    """Moderation on: the organizer sees only the anonymized story, approves, and it is posted."""
    fake = world.fake
    await _moderation_on(world)
    code = await _submit(world, world.member)
    assert "awaiting review" in await _status(world, world.member, code)
    await world.run_slot()
    stories = fake.channel(world.guild, "stories")
    assert fake.bot_messages(stories) == []

    kim = await world.organizer("kim")
    shown = await _review(world, kim)
    assert "supervisor kept touching" in shown["content"]
    for secret in _identity(world, world.member):
        assert secret not in str(shown)
    assert [b["label"] for b in buttons_of(shown)] == REVIEW_BUTTONS

    approved = await fake.click(shown, "Approve")
    _assert_private(approved)
    after = await approved.reply()
    assert "Approved" in after["content"] and "No stories are waiting" in after["content"]
    assert buttons_of(after) == []

    await world.run_slot()
    [post] = fake.bot_messages(stories)
    assert "supervisor kept touching" in post_text(post)
    assert world.member.username not in str(post)
    assert "posted" in await _status(world, world.member, code)


async def test_reject_with_a_reason_reaches_the_author_only_through_status(world: World) -> None:
    """Reject opens a modal; the reason is shown to the author only when they ask with /status."""
    fake = world.fake
    await _moderation_on(world)
    code = await _submit(world, world.member)
    kim = await world.organizer("kim")
    shown = await _review(world, kim)

    reject = await fake.click(shown, "Reject")
    modal = await reject.wait_modal()
    [reason] = modal_inputs(modal)
    assert reason["custom_id"] == "reason" and reason.get("required") is False
    submitted = await fake.submit_modal(reject, {"reason": "It names a colleague too clearly."})
    _assert_private(submitted)
    assert "Rejected" in (await submitted.reply())["content"]

    rows = await world.app.services.db.fetch_all("SELECT status, text FROM stories")
    assert rows == [("rejected", None)]
    # Nobody messaged the author: no DM was opened, nothing went to any channel.
    assert fake.requests_to("POST", "/users/@me/channels") == []
    assert fake.requests_to("POST", "/channels/{channel_id}/messages") == []
    status = await _status(world, world.member, code)
    assert "not going to be posted" in status and "names a colleague" in status


async def test_redact_more_masks_the_chosen_words(world: World) -> None:
    """Redact more asks for words in a modal and shows the story again with them masked."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)
    kim = await world.organizer("kim")
    shown = await _review(world, kim)

    redact = await fake.click(shown, "Redact more")
    await redact.wait_modal()
    submitted = await fake.submit_modal(redact, {"words": "staff party, supervisor"})
    _assert_private(submitted)
    again = await submitted.reply()
    story_now = again["content"].split("Here is the story now")[-1]
    assert "[removed]" in story_now
    assert "staff party" not in story_now and "supervisor" not in story_now
    assert [b["label"] for b in buttons_of(again)] == REVIEW_BUTTONS
    row = await world.app.services.db.fetch_one("SELECT text FROM stories")
    assert row is not None and "staff party" not in row[0] and "[removed]" in row[0]

    # Approving the masked story posts the masked text.
    await (await fake.click(again, "Approve")).reply()
    await world.run_slot()
    [post] = fake.bot_messages(fake.channel(world.guild, "stories"))
    assert "[removed]" in post_text(post) and "supervisor" not in post_text(post)


async def test_two_organizers_reviewing_at_once_see_different_stories(world: World) -> None:
    """Two /review interactions arriving together lease two different stories."""
    fake = world.fake
    await _moderation_on(world)
    sam = fake.add_member(world.guild, "sam")
    await _submit(world, world.member, "First story about the night bus driver.")
    await _submit(world, sam, "Second story about the gym owner and his comments.")
    kim = await world.organizer("kim")
    lee = await world.organizer("lee")

    first, second = await asyncio.gather(
        fake.slash(world.guild, kim, "review"), fake.slash(world.guild, lee, "review")
    )
    a, b = await first.reply(), await second.reply()
    assert a["flags"] & EPHEMERAL and b["flags"] & EPHEMERAL
    assert ("night bus" in a["content"]) != ("night bus" in b["content"])
    assert ("gym owner" in a["content"]) != ("gym owner" in b["content"])

    for shown in (a, b):
        assert "Approved" in (await (await fake.click(shown, "Approve")).reply())["content"]
    rows = await world.app.services.db.fetch_all("SELECT status FROM stories")
    assert rows == [("queued",), ("queued",)]


async def test_a_story_decided_by_another_organizer_is_not_decided_twice(world: World) -> None:
    """After a review lease lapses two organizers hold the same story; the second is told."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)
    kim = await world.organizer("kim")
    lee = await world.organizer("lee")
    first = await _review(world, kim)
    world.clock.advance(minutes=11)  # kim walked away; the lease lapsed
    second = await _review(world, lee)
    assert "supervisor" in first["content"] and "supervisor" in second["content"]
    await (await fake.click(second, "Approve")).reply()
    reject = await fake.click(first, "Reject")
    late = await fake.submit_modal(reject, {"reason": "Too specific."})
    assert "already decided" in (await late.reply())["content"]
    rows = await world.app.services.db.fetch_all("SELECT status FROM stories")
    assert rows == [("queued",)]


async def test_a_long_story_in_review_is_split_with_buttons_on_the_last_part(
    world: World,
) -> None:
    """A story longer than one message reaches the organizer whole, privately, buttons last."""
    fake = world.fake
    await _moderation_on(world)
    sentence = "He stood too close at the counter and would not move away when I asked. "
    long_story = (sentence * 40).strip()
    assert 2000 < len(long_story) <= 3000
    await _submit(world, world.member, long_story)
    kim = await world.organizer("kim")
    record = await fake.slash(world.guild, kim, "review")
    parts = await record.wait_messages(2)
    _assert_private(record)
    assert all(len(p["content"]) <= 2000 for p in parts)
    assert [buttons_of(p) != [] for p in parts] == [False] * (len(parts) - 1) + [True]
    shown = "".join(p["content"] for p in parts)
    assert shown.count("would not move away") == 40
    # Approving from the last part moves on: the next answer replaces it.
    approved = await fake.click(parts[-1], "Approve")
    assert "Approved" in (await approved.reply())["content"]
    assert await world.app.services.db.fetch_all("SELECT status FROM stories") == [("queued",)]


async def test_a_member_without_the_role_is_refused_review(world: World) -> None:
    """/review and its buttons are refused privately to a member without the organizer role."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)
    await world.organizer("kim")  # the role exists and is configured
    refused = await fake.slash(world.guild, world.member, "review")
    _assert_private(refused)
    assert "for this community's organizers" in (await refused.reply())["content"]
    assert buttons_of(await refused.reply()) == []
    rows = await world.app.services.db.fetch_all("SELECT status FROM stories")
    assert rows == [("review",)]


async def test_review_buttons_refuse_a_member_who_presses_them(world: World) -> None:
    """A review button pressed by someone without the role decides nothing."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)
    kim = await world.organizer("kim")
    shown = await _review(world, kim)
    pressed = await fake.click(shown, "Approve", user=world.member)
    assert "organizers" in (await pressed.reply())["content"]
    rows = await world.app.services.db.fetch_all("SELECT status FROM stories")
    assert rows == [("review",)]


async def test_organizer_role_works_right_after_it_is_set(world: World) -> None:
    """An organizer can review as soon as the admin sets the role, even after members acted."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)  # a member's interaction before any role is set
    early = fake.add_member(world.guild, "early")
    before = await fake.slash(world.guild, early, "review")
    assert "organizers" in (await before.reply())["content"]
    role = await fake.add_role_live(world.guild, "organizers")
    fake.join(world.guild, early, role)
    done = await fake.slash(world.guild, world.admin, "config organizers", {"role": role})
    await done.reply()
    shown = await _review(world, early)
    assert [b["label"] for b in buttons_of(shown)] == REVIEW_BUTTONS


async def _blocked_share_refused(world: World, guild: FakeGuild, user: FakeUser) -> None:
    opened = await world.fake.slash(guild, user, "share")
    response = await opened.response()
    assert response["type"] != MODAL, "a blocked member was shown the form"
    reply = await opened.reply()
    assert reply["flags"] & EPHEMERAL
    assert "isn't available to you" in reply["content"]
    assert "block" not in reply["content"].lower()


async def test_block_by_post_id_refuses_the_author_kindly(world: World) -> None:
    """/block by a posted story's message id; the author's /share is refused, not told why."""
    fake = world.fake
    await _submit(world, world.member)
    await world.run_slot()
    [post] = fake.bot_messages(fake.channel(world.guild, "stories"))
    kim = await world.organizer("kim")

    unknown = await fake.slash(world.guild, kim, "block", {"post": "999999"})
    assert "couldn't find" in (await unknown.reply())["content"]

    blocked = await fake.slash(world.guild, kim, "block", {"post": post["id"], "days": "7"})
    _assert_private(blocked)
    text = (await blocked.reply())["content"]
    assert "can't share here for 7 days" in text
    for secret in _identity(world, world.member):
        assert secret not in text

    await _blocked_share_refused(world, world.guild, world.member)
    # The refusal is the same in a DM with the bot.
    [dm_reply] = await fake.dm(world.member, "Another story about the office.")
    assert "isn't available to you" in dm_reply["content"] and buttons_of(dm_reply) == []
    # Others still share.
    other = fake.add_member(world.guild, "sam")
    await (await fake.slash(world.guild, other, "share")).wait_modal()


async def test_block_accepts_a_message_link(world: World) -> None:
    """Organizers usually copy a message link; /block takes that too."""
    fake = world.fake
    await _submit(world, world.member)
    await world.run_slot()
    channel = fake.channel(world.guild, "stories")
    [post] = fake.bot_messages(channel)
    link = f"https://discord.com/channels/{world.guild.id}/{channel.id}/{post['id']}"
    kim = await world.organizer("kim")
    blocked = await fake.slash(world.guild, kim, "block", {"post": link})
    assert "can't share here for 30 days" in (await blocked.reply())["content"]
    await _blocked_share_refused(world, world.guild, world.member)


async def test_block_from_review_and_admins_see_only_a_count(world: World) -> None:
    """Block author in /review; /config show tells admins how many are blocked, never who."""
    fake = world.fake
    await _moderation_on(world)
    await _submit(world, world.member)
    kim = await world.organizer("kim")
    shown = await _review(world, kim)
    block = await fake.click(shown, "Block author")
    await block.wait_modal()
    submitted = await fake.submit_modal(block, {"days": "90"})
    _assert_private(submitted)
    assert "can't share here for 90 days" in (await submitted.reply())["content"]
    await _blocked_share_refused(world, world.guild, world.member)

    show = await fake.slash(world.guild, world.admin, "config show")
    _assert_private(show)
    text = (await show.reply())["content"]
    assert "authors blocked now: 1" in text
    assert f"stories: <#{fake.channel(world.guild, 'stories').id}>" in text
    for secret in _identity(world, world.member):
        assert secret not in text
    # Organizers are not admins: /config (and the count in it) stays hidden from them.
    from tests.fakes.discord import CommandUnavailable

    try:
        await fake.slash(world.guild, kim, "config show")
    except CommandUnavailable:
        pass
    else:
        raise AssertionError("organizers should not be offered /config")


async def test_crisis_story_leads_with_help_and_continuing_sends_it_to_review(
    world: World,
) -> None:
    """Present danger: crisis lines before the preview, "Continue sharing", then review."""
    fake = world.fake
    done = await fake.slash(world.guild, world.admin, "config region", {"region": "uk"})
    await done.reply()
    submitted = await world.share(world.guild, world.member, CRISIS)
    preview = await submitted.reply()
    assert preview["flags"] & EPHEMERAL
    content = preview["content"]
    assert content.index("Samaritans") < content.index("exactly what would be posted")
    assert "findahelpline.com" in content
    assert [b["label"] for b in buttons_of(preview)] == ["Continue sharing", "Edit", "Cancel"]

    receipt = await (await fake.click(preview, "Continue sharing")).reply()
    code = receipt_code(receipt["content"])
    assert "awaiting review" in await _status(world, world.member, code)
    await world.run_slot()
    assert fake.bot_messages(fake.channel(world.guild, "stories")) == []

    kim = await world.organizer("kim")
    shown = await _review(world, kim)
    assert "outside my door" in shown["content"]
    assert "crisis" not in shown["content"].lower() and "danger" not in shown["content"].lower()
    for secret in _identity(world, world.member):
        assert secret not in str(shown)


async def test_past_danger_gets_the_ordinary_preview(world: World) -> None:
    """Danger long past is not present danger: the usual Confirm, no crisis lead."""
    submitted = await world.share(
        world.guild, world.member, "Years ago I believed he would kill me. I got out."
    )
    preview = await submitted.reply()
    assert [b["label"] for b in buttons_of(preview)] == ["Confirm", "Edit", "Cancel"]
