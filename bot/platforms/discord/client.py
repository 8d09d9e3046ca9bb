"""The discord.py client: connection, intents, caches, command sync and event routing."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
from discord import app_commands

from bot.config import DiscordSettings
from bot.platforms.discord import commands
from bot.platforms.discord.handler import Handler, community_id
from bot.platforms.dispatch import Dispatcher

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

# Connections kept to Discord's API.  discord.py's default has no bound, so a burst
# of interactions opens one connection (and one TLS handshake) per member at the
# same moment; a bounded pool reuses warm connections instead.
HTTP_CONNECTIONS = 128


def intents() -> discord.Intents:
    """Only what Chorus needs: guilds, and direct messages (whose text needs no privilege)."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.dm_messages = True
    return wanted


def client_options(settings: DiscordSettings, guild_ready_timeout: float) -> dict[str, Any]:
    """Constructor options: no member or message caches, so no names or texts stay in memory.

    Called inside the running event loop, which the HTTP connector belongs to.
    """
    options: dict[str, Any] = {
        "connector": aiohttp.TCPConnector(limit=HTTP_CONNECTIONS),
        "intents": intents(),
        "member_cache_flags": discord.MemberCacheFlags.none(),
        "chunk_guilds_at_startup": False,
        "max_messages": None,
        "guild_ready_timeout": guild_ready_timeout,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if isinstance(settings.shard_count, int):
        options["shard_count"] = settings.shard_count
        if settings.shard_id_list:
            options["shard_ids"] = settings.shard_id_list
    return options


class _Events:
    """Event handlers shared by the single and the sharded client."""

    chorus: Chorus

    async def setup_hook(self) -> None:
        """Sync commands once logged in, before the gateway connects."""
        await self.chorus.sync_commands()

    async def on_ready(self) -> None:
        """Register every guild as a community (idempotent) and mark the client ready."""
        await self.chorus.guilds_ready()

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """A new community."""
        await self.chorus.add_guild(guild)

    async def on_guild_available(self, guild: discord.Guild) -> None:
        """A guild that was unavailable at start-up came back."""
        await self.chorus.add_guild(guild)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Components and modal submits; slash commands go through the command tree."""
        await self.chorus.handler.interaction(interaction)

    async def on_message(self, message: discord.Message) -> None:
        """Direct messages from members."""
        await self.chorus.handler.message(message)


class ChorusClient(_Events, discord.Client):
    """One gateway connection."""


class ChorusShardedClient(_Events, discord.AutoShardedClient):
    """Several shards in this process."""


class Chorus:
    """Owns the client, its command tree and the handler."""

    def __init__(
        self,
        services: Services,
        settings: DiscordSettings,
        dispatcher: Dispatcher,
        *,
        guild_ready_timeout: float = 2.0,
        first_response_budget: float = 2.0,
    ) -> None:
        self.services = services
        self.settings = settings
        options = client_options(settings, guild_ready_timeout)
        cls = ChorusShardedClient if settings.sharded else ChorusClient
        self.client: discord.Client = cls(**options)
        self.client.chorus = self
        self.ready = asyncio.Event()
        self.handler = Handler(self.client, services, dispatcher, budget=first_response_budget)
        self.tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(self.client)
        self.tree.error(self._tree_error)
        commands.populate(
            self.tree, dispatcher.registry, self.handler.command, self.handler.autocomplete
        )

    async def _tree_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        # Only the type: an error's text could echo what a member typed.
        where = community_id(interaction.guild_id) if interaction.guild_id else "a DM"
        log.error("command failed in %s: %s", where, type(error.__cause__ or error).__name__)

    async def sync_commands(self) -> None:
        """Publish commands globally, and at once to the development guilds."""
        synced = await self.tree.sync()
        for guild_id in self.settings.dev_guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)
        log.info(
            "synced %d commands (%d development guilds)",
            len(synced),
            len(self.settings.dev_guild_ids),
        )

    async def add_guild(self, guild: discord.Guild) -> None:
        """Record a guild as a community."""
        await self.services.add_community(community_id(guild.id), "discord")

    async def guilds_ready(self) -> None:
        """Record every guild the client sees and mark the client ready."""
        for guild in list(self.client.guilds):
            await self.add_guild(guild)
        log.info("discord ready with %d guilds", len(self.client.guilds))
        self.ready.set()
