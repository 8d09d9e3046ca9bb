"""The fake Discord speaks the protocol well enough for an unmodified discord.py client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest
from discord import app_commands

from tests.fakes.discord import CommandUnavailable, FakeDiscord

MANAGE_GUILD = 1 << 5


class PlainClient(discord.Client):
    """A client with one slash command and nothing of Chorus in it."""

    def __init__(self) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.dm_messages = True
        super().__init__(intents=intents, guild_ready_timeout=0.05)
        self.tree = app_commands.CommandTree(self)
        self.ready = asyncio.Event()
        self.resumed = asyncio.Event()
        self.dms: list[str] = []

        @self.tree.command(name="ping", description="Answer pong")
        @app_commands.describe(word="What to echo")
        async def ping(interaction: discord.Interaction, word: str = "pong") -> None:
            await interaction.response.send_message(word, ephemeral=True)

        @self.tree.command(name="secret", description="Admins only")
        @app_commands.default_permissions(manage_guild=True)
        async def secret(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("ok", ephemeral=True)

    async def on_ready(self) -> None:
        self.ready.set()

    async def on_resumed(self) -> None:
        self.resumed.set()

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None and message.author != self.user:
            self.dms.append(message.content)
            await message.channel.send(f"got {len(message.content)} characters")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        undo = server.point_discord_py_here()
        try:
            yield server
        finally:
            undo()


@pytest.fixture
async def client(fake: FakeDiscord) -> AsyncIterator[PlainClient]:
    bot = PlainClient()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.ready.wait(), 10)
        yield bot
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_login_ready_with_guilds(fake: FakeDiscord) -> None:
    """A plain client logs in, identifies and sees every guild in on_ready."""
    one = fake.add_guild("one")
    two = fake.add_guild("two")
    bot = PlainClient()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.ready.wait(), 10)
        assert {g.id for g in bot.guilds} == {int(one.id), int(two.id)}
        assert bot.user is not None and str(bot.user.id) == fake.bot.id
        stories = bot.get_guild(int(one.id))
        assert stories is not None
        assert {c.name for c in stories.text_channels} == {"general", "stories", "organizers"}
        routes = [(r.method, r.route) for r in fake.rest.requests]
        assert routes[:2] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_slash_command_answered(fake: FakeDiscord) -> None:
    """A synced slash command reaches the client and its ephemeral answer reaches the fake."""
    guild = fake.add_guild("g")
    user = fake.add_member(guild, "someone")
    bot = PlainClient()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.ready.wait(), 10)
        await bot.tree.sync()
        inter = await fake.slash(guild, user, "ping", {"word": "hello"})
        reply = await inter.reply()
        assert reply["content"] == "hello"
        assert reply["flags"] & 64
        with pytest.raises(CommandUnavailable):
            await fake.slash(guild, user, "secret")
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_unregistered_command_is_refused(fake: FakeDiscord, client: PlainClient) -> None:
    """Commands exist only after the bot syncs them, as on Discord."""
    guild = fake.add_guild("late")
    user = fake.add_user("x")
    with pytest.raises(CommandUnavailable):
        await fake.slash(guild, user, "ping")


async def test_dm_reaches_client(fake: FakeDiscord) -> None:
    """A direct message is dispatched as MESSAGE_CREATE and the reply lands in the DM."""
    user = fake.add_user("dm-user")
    fake.add_guild("g")
    bot = PlainClient()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.ready.wait(), 10)
        replies = await fake.dm(user, "hi there")
        assert [m["content"] for m in replies] == ["got 8 characters"]
        assert bot.dms == ["hi there"]
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_resume_replays_missed_interaction(fake: FakeDiscord) -> None:
    """An interaction dispatched while the connection is down arrives after RESUME."""
    guild = fake.add_guild("g")
    user = fake.add_member(guild, "someone")
    bot = PlainClient()
    task = asyncio.create_task(bot.start(fake.token))
    try:
        await asyncio.wait_for(bot.ready.wait(), 10)
        await bot.tree.sync()
        async with fake.outage():
            pending = await fake.slash(guild, user, "ping", wait=False)
            await asyncio.sleep(0.2)
            assert pending.callback is None
        await pending.response()
        await asyncio.wait_for(bot.resumed.wait(), 10)
        assert fake.gateway.resume_count == 1
        assert fake.gateway.identify_count == 1
    finally:
        await bot.close()
        await asyncio.wait_for(task, 10)


async def test_late_answer_is_rejected(fake: FakeDiscord, client: PlainClient) -> None:
    """The fake enforces the deadline for a first response (three seconds by default)."""
    guild = fake.add_guild("strict")
    user = fake.add_member(guild, "someone")
    await client.tree.sync()
    fake.callback_deadline = 0.0
    inter = await fake.slash(guild, user, "ping", wait=False)
    await inter.wait_until(lambda: bool(inter.errors), what="rejected answer")
    assert inter.callback is None
    assert inter.errors[0][0] == 404


async def test_rate_limited_request_is_retried(fake: FakeDiscord, client: PlainClient) -> None:
    """A Discord 429 (with Via) is retried by the library; the message is created once."""
    guild = fake.add_guild("g2")
    channel = fake.channel(guild, "stories")
    fake.fail("POST", "/channels/{channel_id}/messages", 429, retry_after=0.01)
    sent = await client.get_partial_messageable(int(channel.id)).send("hello")
    assert [m["id"] for m in fake.bot_messages(channel)] == [str(sent.id)]
    assert [r.status for r in fake.requests_to("POST", "/channels/{channel_id}/messages")] == [
        429,
        200,
    ]


async def test_enforced_nonce_returns_existing(fake: FakeDiscord, client: PlainClient) -> None:
    """Sending twice with the same nonce and enforce_nonce creates one message."""
    guild = fake.add_guild("g3")
    channel = client.get_partial_messageable(int(fake.channel(fake.guilds[guild.id], "stories").id))
    first = await channel.send("a", nonce="same-nonce")
    second = await channel.send("a", nonce="same-nonce")
    assert first.id == second.id
    assert len(fake.bot_messages(fake.channel(guild, "stories"))) == 1
