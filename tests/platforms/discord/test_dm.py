"""Sharing from a direct message with the bot."""

from __future__ import annotations

from tests.fakes.discord import buttons_of, selects_of
from tests.platforms.discord.conftest import World, post_text, receipt_code

STORY = "On the tram a man kept touching my leg, then emailed me at kev.t@example.com."


async def test_dm_share_single_guild(world: World) -> None:
    """A DM to the bot previews the story, and Confirm stores it for the shared server."""
    fake = world.fake
    [preview] = await fake.dm(world.member, STORY)
    assert "[email]" in preview["content"] and "kev.t@" not in preview["content"]
    confirmed = await fake.click(preview, "Confirm")
    receipt = await confirmed.reply()
    receipt_code(receipt["content"])
    assert buttons_of(receipt) == []
    await world.run_slot()
    [post] = fake.bot_messages(fake.channel(world.guild, "stories"))
    assert "tram" in post_text(post)


async def test_dm_asks_which_server_when_several(world: World) -> None:
    """A member in two servers picks one; the story goes only there."""
    fake = world.fake
    other, _ = await world.join_guild("beta")
    fake.join(other, world.member)
    [question] = await fake.dm(world.member, STORY)
    [select] = selects_of(question)
    assert {o["value"] for o in select["options"]} == {world.guild.id, other.id}
    picked = await fake.choose(question, [world.guild.id])
    preview = await picked.reply()
    assert "[email]" in preview["content"]
    await (await fake.click(preview, "Confirm")).reply()
    await world.run_slot()
    assert len(fake.bot_messages(fake.channel(world.guild, "stories"))) == 1
    assert fake.bot_messages(fake.channel(other, "stories")) == []


async def test_slash_share_in_dm(world: World) -> None:
    """/share typed in the DM opens the same modal and private preview."""
    fake = world.fake
    opened = await fake.slash(None, world.member, "share")
    await opened.wait_modal()
    submitted = await fake.submit_modal(opened, {"story": STORY})
    preview = await submitted.reply()
    assert "[email]" in preview["content"]
    receipt = await (await fake.click(preview, "Confirm")).reply()
    receipt_code(receipt["content"])


async def test_stranger_dm_is_turned_away(world: World) -> None:
    """Someone who shares no server with the bot is told so and nothing is kept."""
    stranger = world.fake.add_user("stranger")
    [reply] = await world.fake.dm(stranger, STORY)
    assert "server" in reply["content"]
    assert buttons_of(reply) == []
