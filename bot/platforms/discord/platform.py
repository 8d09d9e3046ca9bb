"""The Discord platform adapter: start, stop, post, find, delete and send."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import discord
import discord.gateway
import discord.http
import yarl

from bot.api import Attachment, Post
from bot.config import DiscordSettings
from bot.platforms.discord.client import Chorus
from bot.platforms.discord.posting import Poster
from bot.platforms.dispatch import Dispatcher

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

READY_TIMEOUT = 120.0


class DiscordNotConfigured(RuntimeError):
    """Discord was started without a token."""


def _quiet_library_logs() -> None:
    # discord.py logs whole payloads at DEBUG (interaction data, DM text, user
    # ids); Chorus never writes those anywhere, so the library stays at INFO.
    # The level is set on the library's own logger (not inherited), so a later
    # change of the root level cannot turn those records back on.
    library = logging.getLogger("discord")
    if library.level < logging.INFO:
        library.setLevel(logging.INFO)


def point_at(settings: DiscordSettings) -> None:
    """Send discord.py's REST calls and gateway connection where the settings say.

    Alternative endpoints (a proxy, or a local fake in tests) come from settings.
    """
    defaults = DiscordSettings.model_fields
    if settings.api_base_url != defaults["api_base_url"].default:
        discord.http.Route.BASE = settings.api_base_url.rstrip("/")
    if settings.gateway_url != defaults["gateway_url"].default:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


class DiscordPlatform:
    """Chorus on Discord, implementing the Platform protocol."""

    name = "discord"

    def __init__(
        self,
        services: Services,
        settings: DiscordSettings,
        dispatcher: Dispatcher,
        *,
        guild_ready_timeout: float = 2.0,
        first_response_budget: float = 2.0,
        retry_delay: float = 1.0,
    ) -> None:
        self.settings = settings
        self.chorus = Chorus(
            services,
            settings,
            dispatcher,
            guild_ready_timeout=guild_ready_timeout,
            first_response_budget=first_response_budget,
        )
        self.poster = Poster(self.chorus.client, retry_delay=retry_delay)
        self._task: asyncio.Task[None] | None = None

    @property
    def client(self) -> discord.Client:
        """The discord.py client."""
        return self.chorus.client

    @property
    def connected(self) -> bool:
        """Whether the gateway session is up (read by the health endpoint)."""
        return self.client.is_ready() and not self.client.is_closed()

    async def start(self) -> None:
        """Log in, connect, and return once every guild is known."""
        if self.settings.token is None:
            raise DiscordNotConfigured("DISCORD_TOKEN is not set")
        _quiet_library_logs()
        point_at(self.settings)
        await self.client.login(self.settings.token.get_secret_value())
        self._task = asyncio.create_task(self.client.connect(), name="discord-gateway")
        ready = asyncio.create_task(self.chorus.ready.wait())
        done, _ = await asyncio.wait(
            {ready, self._task}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if ready not in done:
            ready.cancel()
            if self._task in done:
                self._task.result()
            raise TimeoutError("Discord did not become ready")

    async def stop(self) -> None:
        """Disconnect."""
        await self.client.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
                await self._task
            self._task = None

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Post a story to a channel and return the message id."""
        return await self.poster.post(community_id, channel_id, post)

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """The message id of an earlier post carrying ``nonce``, if it exists."""
        return await self.poster.find_post(community_id, channel_id, nonce)

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Delete a post; one already gone is not an error."""
        await self.poster.delete_post(community_id, channel_id, message_id)

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Send a bot message to a channel; return the id of its last part."""
        return await self.poster.send(community_id, channel_id, text, attachments, nonce=nonce)
