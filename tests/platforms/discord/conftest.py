"""A running Chorus on the Discord adapter, connected to the fake Discord."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_services
from bot.config import Settings, load_settings
from bot.platforms.discord import DiscordPlatform
from tests.conftest import SECRET, FakeClock
from tests.fakes.discord import FakeDiscord, FakeGuild, FakeUser, InteractionRecord


@dataclass
class World:
    """The fake Discord, the app on top of it and one ready guild."""

    fake: FakeDiscord
    app: App
    platform: DiscordPlatform
    clock: FakeClock
    settings: Settings
    guild: FakeGuild
    admin: FakeUser
    member: FakeUser
    stopped: bool = False
    first_response_budget: float = 2.0

    async def stop(self) -> None:
        if not self.stopped:
            self.stopped = True
            await self.app.stop()

    async def restart(self) -> None:
        """Stop the app and start a fresh process's worth on the same database and fake."""
        await self.stop()
        self.app, self.platform = await start_app(
            self.settings, self.clock, self.first_response_budget
        )
        self.stopped = False

    def community(self, guild: FakeGuild | None = None) -> str:
        return f"discord:{(guild or self.guild).id}"

    async def configure(self, guild: FakeGuild, admin: FakeUser) -> None:
        """Set the story channel and let stories post at the next slot."""
        stories = self.fake.channel(guild, "stories")
        done = await self.fake.slash(
            guild, admin, "config channel", {"kind": "story", "channel": stories}
        )
        await done.reply()
        done = await self.fake.slash(
            guild, admin, "config schedule", {"min-delay": 0, "min-pool": 1}
        )
        await done.reply()

    async def share(
        self, guild: FakeGuild | None, user: FakeUser, story: str, **values: Any
    ) -> InteractionRecord:
        """/share, fill in the modal, and return the submit (its reply is the preview)."""
        opened = await self.fake.slash(guild, user, "share")
        return await self.fake.submit_modal(opened, {"story": story, **values})

    async def join_guild(self, name: str, **options: Any) -> tuple[FakeGuild, FakeUser]:
        """The bot joins another guild while running; return it and its admin.

        ``options`` go to :meth:`FakeDiscord.add_guild` (e.g. ``shard``).
        """
        guild = await self.fake.add_guild_live(name, **options)
        admin = self.fake.add_member(guild, f"{name}-admin", admin=True)
        for _ in range(500):
            known = await self.app.services.community.communities()
            if self.community(guild) in known:
                return guild, admin
            await asyncio.sleep(0.01)
        raise AssertionError(f"the bot never registered {name}")

    async def organizer(
        self, name: str, guild: FakeGuild | None = None, admin: FakeUser | None = None
    ) -> FakeUser:
        """A new member holding the organizer role, which an admin sets the first time."""
        guild = guild or self.guild
        role = next((r for r in guild.roles.values() if r.name == "organizers"), None)
        if role is None:
            role = await self.fake.add_role_live(guild, "organizers")
            done = await self.fake.slash(
                guild, admin or self.admin, "config organizers", {"role": role}
            )
            assert "organizer role" in (await done.reply())["content"]
        return self.fake.add_member(guild, name, role)

    async def run_slot(self, guild: FakeGuild | None = None) -> None:
        self.clock.advance(hours=1)
        await self.app.services.publisher.run_slot(self.community(guild))


def receipt_code(text: str) -> str:
    found = re.search(r"\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*", text)
    assert found, text
    return found.group(1)


def post_text(message: dict[str, Any]) -> str:
    """The text of a posted story (a components-v2 text display)."""
    texts = [c["content"] for c in message["components"] if c.get("type") == 10]
    return "\n".join(texts) or message["content"]


def make_discord_settings(tmp: Path, fake: FakeDiscord, **discord: Any) -> Settings:
    return load_settings(
        store={"database": str(tmp / "chorus.sqlite3")},
        privacy={"secret_key": SECRET},
        discord={
            "token": fake.token,
            "api_base_url": fake.api_url,
            "gateway_url": fake.gateway_url,
            **discord,
        },
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
    )


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    import discord.gateway
    import discord.http

    saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    async with FakeDiscord() as server:
        yield server
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved


async def start_app(
    settings: Settings, clock: FakeClock, first_response_budget: float = 2.0
) -> tuple[App, DiscordPlatform]:
    """Build the services and the app with the Discord platform, and start it."""
    services = await build_services(settings, clock)
    app = App(services)
    platform = DiscordPlatform(
        services,
        settings.discord,
        app.dispatcher,
        guild_ready_timeout=0.05,
        retry_delay=0.01,
        first_response_budget=first_response_budget,
    )
    app.add_platform(platform)
    await app.start()
    return app, platform


async def start_world(
    tmp_path: Path,
    fake: FakeDiscord,
    clock: FakeClock,
    *,
    first_response_budget: float = 2.0,
    **discord: Any,
) -> World:
    guild = fake.add_guild("alpha")
    admin = fake.add_member(guild, "alpha-admin", admin=True)
    member = fake.add_member(guild, "alpha-member")
    settings = make_discord_settings(tmp_path, fake, **discord)
    app, platform = await start_app(settings, clock, first_response_budget)
    world = World(fake, app, platform, clock, settings, guild, admin, member)
    world.first_response_budget = first_response_budget
    await world.configure(guild, admin)
    return world


@pytest.fixture
async def world(tmp_path: Path, fake: FakeDiscord, clock: FakeClock) -> AsyncIterator[World]:
    started = await start_world(tmp_path, fake, clock)
    try:
        yield started
    finally:
        await started.stop()
