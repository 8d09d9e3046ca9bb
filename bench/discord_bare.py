"""The reference for bench/discord_burst.py: discord.py alone answering /share with a modal.

The same client options as Chorus (intents, caches, connection pool) and the same
form, but no Chorus: no role check, no daily limit, no store.  What it costs per
member is discord.py's and aiohttp's floor on this machine; what Chorus costs above
it is ours.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import discord
from discord import app_commands

from bot.config import load_settings
from bot.platforms.discord.client import client_options
from bot.platforms.discord.platform import point_at


def _modal() -> discord.ui.Modal:
    modal = discord.ui.Modal(title="Share your story", custom_id="bare-share", timeout=None)
    modal.add_item(discord.ui.TextInput(label="Your story", style=discord.TextStyle.long))
    modal.stop()
    return modal


class BareClient(discord.Client):
    """A client with one command, /share, answered with a modal at once."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.tree: app_commands.CommandTree[BareClient] = app_commands.CommandTree(self)
        self.ready = asyncio.Event()

        @self.tree.command(name="share", description="Share an experience")
        async def share(interaction: discord.Interaction[BareClient]) -> None:
            await interaction.response.send_modal(_modal())

    async def setup_hook(self) -> None:
        """Publish /share before connecting."""
        await self.tree.sync()

    async def on_ready(self) -> None:
        """Every guild is known."""
        self.ready.set()


@contextlib.asynccontextmanager
async def running_bare(token: str, api: str, gateway: str) -> AsyncIterator[BareClient]:
    """The bare client connected to the Discord at ``api``/``gateway``, closed on exit."""
    settings = load_settings(discord={"token": token, "api_base_url": api, "gateway_url": gateway})
    point_at(settings.discord)
    client = BareClient(**client_options(settings.discord, guild_ready_timeout=0.1))
    await client.login(token)
    task = asyncio.create_task(client.connect())
    try:
        await asyncio.wait_for(client.ready.wait(), 30)
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
            await task
