"""Failures on Discord's side: rate limits, server errors, missing access, dropped gateway."""

from __future__ import annotations

from tests.fakes.discord import FakeDiscord
from tests.platforms.discord.conftest import World

MESSAGES = "/channels/{channel_id}/messages"


async def _confirmed(world: World, story: str) -> None:
    preview = await (await world.share(world.guild, world.member, story)).reply()
    await (await world.fake.click(preview, "Confirm")).reply()


def _statuses(fake: FakeDiscord) -> list[int]:
    return [r.status for r in fake.requests_to("POST", MESSAGES)]


async def test_rate_limited_post_is_retried_by_the_library(world: World) -> None:
    """A 429 with Discord's headers is waited out; exactly one post results."""
    await _confirmed(world, "A stranger shouted at me in the park.")
    world.fake.fail("POST", MESSAGES, 429, retry_after=0.01)
    await world.run_slot()
    assert len(world.fake.bot_messages(world.fake.channel(world.guild, "stories"))) == 1
    assert _statuses(world.fake)[-2:] == [429, 200]


async def test_server_errors_are_retried_and_nothing_lost(world: World) -> None:
    """503s (which discord.py does not retry) are retried by the adapter."""
    await _confirmed(world, "My coworker keeps commenting on my body.")
    world.fake.fail("POST", MESSAGES, 503, times=2)
    await world.run_slot()
    assert len(world.fake.bot_messages(world.fake.channel(world.guild, "stories"))) == 1
    assert _statuses(world.fake)[-3:] == [503, 503, 200]


async def test_outage_keeps_story_queued_until_next_slot(world: World) -> None:
    """When every retry fails the story stays queued and posts at the next slot, once."""
    await _confirmed(world, "He blocked the door and would not let me leave.")
    world.fake.fail("POST", MESSAGES, 503, times=4)
    await world.run_slot()
    channel = world.fake.channel(world.guild, "stories")
    assert world.fake.bot_messages(channel) == []
    await world.run_slot()
    assert len(world.fake.bot_messages(channel)) == 1


async def test_missing_permissions_is_reported_not_lost(world: World) -> None:
    """A 403 leaves the story queued; it posts once access is restored."""
    await _confirmed(world, "The teacher said girls are bad at maths.")
    channel = world.fake.channel(world.guild, "stories")
    channel.bot_permissions = 1 << 10  # view only
    await world.run_slot()
    assert world.fake.bot_messages(channel) == []
    channel.bot_permissions = None
    await world.run_slot()
    assert len(world.fake.bot_messages(channel)) == 1


async def test_find_post_after_lost_response(world: World) -> None:
    """A post whose response was lost is found again by its nonce marker, not reposted."""
    from bot.api import Post

    channel = world.fake.channel(world.guild, "stories")
    post = Post(nonce="story-nonce-1234567890-abcdef", text="Text.", content_note=None)
    first = await world.platform.post(world.community(), channel.id, post)
    assert await world.platform.find_post(world.community(), channel.id, post.nonce) == first
    assert await world.platform.find_post(world.community(), channel.id, "other") is None
    again = await world.platform.post(world.community(), channel.id, post)
    assert again == first
    assert len(world.fake.bot_messages(channel)) == 1


async def test_delete_of_missing_post_is_fine(world: World) -> None:
    """Deleting a post that is already gone is not an error."""
    channel = world.fake.channel(world.guild, "stories")
    await world.platform.delete_post(world.community(), channel.id, "1234567890123")


async def test_dropped_gateway_resumes_without_losing_interactions(world: World) -> None:
    """An interaction sent while the connection is down is answered after RESUME."""
    fake = world.fake
    async with fake.outage():
        pending = await fake.slash(world.guild, world.member, "share", wait=False)
    await pending.wait_modal()
    assert fake.gateway.resume_count == 1
    assert fake.gateway.identify_count == 1


async def test_two_guilds_kept_apart(world: World) -> None:
    """A story shared in one server posts only there; its receipt means nothing elsewhere."""
    from tests.platforms.discord.conftest import receipt_code

    fake = world.fake
    beta, beta_admin = await world.join_guild("beta")
    fake.join(beta, world.member)
    await world.configure(beta, beta_admin)
    preview = await (await world.share(beta, world.member, "Catcalled outside work.")).reply()
    code = receipt_code((await (await fake.click(preview, "Confirm")).reply())["content"])
    await world.run_slot(beta)
    await world.run_slot()
    assert len(fake.bot_messages(fake.channel(beta, "stories"))) == 1
    assert fake.bot_messages(fake.channel(world.guild, "stories")) == []
    elsewhere = await fake.slash(world.guild, world.member, "status", {"code": code})
    assert "posted" not in (await elsewhere.reply())["content"].lower()
