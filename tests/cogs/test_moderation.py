"""Moderation queue, anonymous blocking, duplicates and cool-downs on the console."""

from __future__ import annotations

import asyncio
import re

from bot.api import Invocation, Reply, Role, UserRef
from bot.platforms.console import COMMUNITY
from tests.conftest import Console, FakeClock

STORY = "At the staff party my supervisor kept touching my back after I said stop."


def _code(text: str) -> str:
    found = re.search(r"\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*", text)
    assert found, text
    return found.group(1)


async def _moderated(c: Console) -> None:
    await c.as_("admin", "dana")
    await c.type("/config moderation on", "/config schedule min-delay:0 min-pool:1")


async def _submit(c: Console, who: str, story: str = STORY) -> str:
    await c.as_("member", who)
    await c.share(story)
    return _code(await c.type("Confirm"))


async def test_with_moderation_on_stories_wait_for_review(console: Console) -> None:
    """A confirmed story awaits review and is not posted until approved."""
    await _moderated(console)
    code = await _submit(console, "alex")
    assert "awaiting review" in await console.type(f"/status {code}")
    await console.as_("admin", "dana")
    assert "0 posted" in await console.type("/publish-now")
    await console.as_("organizer", "kim")
    shown = await console.type("/review")
    assert "supervisor kept touching" in shown and "alex" not in shown
    assert "approved" in (await console.type("Approve")).lower()
    await console.as_("admin", "dana")
    assert "1 posted" in await console.type("/publish-now")


async def test_reject_deletes_the_text_and_tells_the_author_privately(console: Console) -> None:
    """A rejected story's text is gone; its author sees the reason through /status."""
    await _moderated(console)
    code = await _submit(console, "alex")
    await console.as_("organizer", "kim")
    await console.type("/review", "Reject", "It names a colleague too clearly.", "")
    rows = await console.services.db.fetch_all("SELECT status, text FROM stories")
    assert rows == [("rejected", None)]
    await console.as_("member", "alex")
    out = await console.type(f"/status {code}")
    assert "not going to be posted" in out and "names a colleague" in out


async def test_redact_more_masks_the_chosen_words(console: Console) -> None:
    """Organizers can mask further words before approving."""
    await _moderated(console)
    await _submit(console, "alex")
    await console.as_("organizer", "kim")
    out = await console.type("/review", "Redact more", "staff party")
    assert "[removed]" in out and "staff party" not in out.split("Here is the story now")[-1]
    row = await console.services.db.fetch_one("SELECT text FROM stories")
    assert row is not None and "staff party" not in row[0]


async def test_members_cannot_review(console: Console) -> None:
    """Review is refused to members."""
    assert "for this community's organizers" in await console.type("/review")


async def test_two_organizers_never_decide_the_same_story_twice(console: Console) -> None:
    """Concurrent decisions on one story: exactly one succeeds."""
    await _moderated(console)
    await _submit(console, "alex")
    row = await console.services.db.fetch_one("SELECT id FROM stories")
    assert row is not None
    dispatcher = console.app.dispatcher

    def organizer(name: str) -> Invocation:
        return Invocation("console", COMMUNITY, UserRef("console", name), Role.ORGANIZER)

    results = await asyncio.gather(
        dispatcher.press(organizer("kim"), "review.approve", row[0]),
        dispatcher.submit(organizer("lee"), "review-reject", {"reason": ""}, row[0]),
    )
    texts = [r.text for r in results if isinstance(r, Reply)]
    assert sum("already decided" in t for t in texts) == 1
    status = await console.services.db.fetch_one("SELECT status FROM stories")
    assert status in (("queued",), ("rejected",))


async def test_two_organizers_reviewing_see_different_stories(console: Console) -> None:
    """A story shown to one organizer is not shown to another at the same time."""
    await _moderated(console)
    await _submit(console, "alex", "First story about the night bus driver.")
    await _submit(console, "sam", "Second story about the gym owner.")
    await console.as_("organizer", "kim")
    first = await console.type("/review")
    await console.as_("organizer", "lee")
    second = await console.type("/review")
    assert ("night bus" in first) != ("night bus" in second)


async def test_blocking_an_author_refuses_them_kindly_without_naming_them(
    console: Console,
) -> None:
    """A blocked author gets a non-specific refusal; others still share; admins see a count."""
    await _moderated(console)
    await _submit(console, "alex")
    await console.as_("organizer", "kim")
    out = await console.type("/review", "Block author", "1")
    assert "can't share here for 7 days" in out and "alex" not in out
    await console.as_("member", "alex")
    refused = await console.type("/share")
    assert "isn't available to you" in refused and "block" not in refused.lower()
    await console.as_("member", "sam")
    assert "What happened?" in await console.type("/share")
    await console.type("/cancel")
    await console.as_("admin", "dana")
    assert "authors blocked now: 1" in await console.type("/config show")


async def test_a_block_ends_with_its_pseudonym_key(console: Console, clock: FakeClock) -> None:
    """When the key a block was made with is destroyed, the block is gone too."""
    await _moderated(console)
    await _submit(console, "alex")
    await console.as_("organizer", "kim")
    await console.type("/review", "Block author", "3")
    clock.advance(days=31)
    await console.services.pseudonyms.destroy_expired()
    assert await console.services.db.fetch_all("SELECT id FROM blocks") == []


async def test_organizers_block_the_author_of_a_posted_story(console: Console) -> None:
    """/block with a post's message id blocks its unknown author."""
    await console.as_("admin", "dana")
    await console.type("/config schedule min-delay:0 min-pool:1")
    await _submit(console, "alex")
    await console.as_("admin", "dana")
    await console.type("/publish-now")
    message_id = console.platform.history("stories")[0]["id"]
    await console.as_("organizer", "kim")
    assert "can't share here" in await console.type(f"/block {message_id}")
    await console.as_("member", "alex")
    assert "isn't available to you" in await console.type("/share")
    await console.as_("organizer", "kim")
    assert "couldn't find" in await console.type("/block 999999")


async def test_the_same_story_twice_in_a_week_is_caught(console: Console) -> None:
    """A repeat of a story shared in the last week is refused kindly."""
    await _submit(console, "alex")
    await console.as_("member", "sam")
    out = await console.share(STORY)
    assert "looks the same as a story shared here" in out
    assert len(await console.services.db.fetch_all("SELECT id FROM stories")) == 1


async def test_a_burst_of_actions_triggers_a_cool_down(console: Console) -> None:
    """After a burst of submissions and withdrawals, sharing pauses for a while."""
    await console.as_("admin", "dana")
    await console.type("/config limit 50")
    codes = [
        await _submit(console, "alex", f"Story number {i} about the office.") for i in range(3)
    ]
    for code in codes[:2]:
        await console.type(f"/withdraw {code}")
    out = await console.type("/share")
    assert "sharing is paused" in out


async def test_retention_can_delete_the_posts_too(console: Console, clock: FakeClock) -> None:
    """With delete-posts on, purging a story also removes its post from the channel."""
    await console.as_("admin", "dana")
    await console.type("/config schedule min-delay:0 min-pool:1", "/config retention 10 on")
    await _submit(console, "alex")
    await console.as_("admin", "dana")
    await console.type("/publish-now")
    assert len(console.platform.history("stories")) == 1
    clock.advance(days=11)
    await console.services.scheduler.run_due()
    assert console.platform.history("stories") == []
    assert await console.services.db.fetch_all("SELECT id FROM stories") == []


async def test_review_buttons_refuse_members_even_if_pressed_directly(console: Console) -> None:
    """A member cannot approve a story by sending the button's action themselves."""
    await _moderated(console)
    await _submit(console, "alex")
    row = await console.services.db.fetch_one("SELECT id FROM stories")
    assert row is not None
    member = Invocation("console", COMMUNITY, UserRef("console", "mallory"), Role.MEMBER)
    reply = await console.app.dispatcher.press(member, "review.approve", row[0])
    assert isinstance(reply, Reply) and "organizers" in reply.text
    assert await console.services.db.fetch_one("SELECT status FROM stories") == ("review",)


CRISIS = "He is outside my door right now and I am hiding in the bathroom."


async def test_a_crisis_story_leads_with_crisis_resources_and_asks(console: Console) -> None:
    """Current danger puts the region's crisis lines first and asks whether to continue."""
    await console.as_("admin", "dana")
    await console.type("/config region uk")
    await console.as_("member", "alex")
    out = await console.share(CRISIS)
    reply = out.split("only you can see this:")[-1]
    assert reply.index("Samaritans") < reply.index("exactly what would be posted")
    assert "findahelpline.com" in reply and "[Continue sharing]" in reply


async def test_a_crisis_story_waits_for_review_even_without_moderation(console: Console) -> None:
    """If the member continues, the story awaits review although moderation is off."""
    await console.share(CRISIS)
    code = _code(await console.type("Continue sharing"))
    assert "awaiting review" in await console.type(f"/status {code}")
    await console.as_("organizer", "kim")
    shown = await console.type("/review")
    assert "crisis" not in shown.lower() and "danger" not in shown.lower()


async def test_past_danger_is_not_treated_as_current(console: Console) -> None:
    """A story about danger years ago gets the ordinary preview."""
    out = await console.share("Years ago I believed he would kill me. I got out.")
    assert "[Confirm]" in out and "Continue sharing" not in out
