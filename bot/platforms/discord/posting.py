"""Story posts, digests and deletions in channels, with Discord's failures mapped.

A post is a components-v2 message: Discord does not keep a message's nonce, so
the nonce's hash rides along as the text component's numeric id, invisible to
readers, and lets :meth:`Poster.find_post` recognise the post after a crash.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
import discord

from bot.api import Attachment, Post
from bot.platforms.base import PostFailure, PostingError
from bot.platforms.discord.render import MessageOut, post_text, split_text
from bot.platforms.discord.respond import NO_MENTIONS, send_to_channel
from bot.platforms.discord.views import post_view

log = logging.getLogger(__name__)

T = TypeVar("T")
NONCE_MAX = 25
HISTORY_SCAN = 100
_TRANSIENT_ERRORS = (
    discord.DiscordServerError,
    discord.RateLimited,
    aiohttp.ClientError,
    OSError,
    TimeoutError,
)


def short_nonce(nonce: str) -> str:
    """A nonce within Discord's 25 characters (hashed when longer)."""
    if len(nonce) <= NONCE_MAX:
        return nonce
    return hashlib.sha256(nonce.encode()).hexdigest()[:NONCE_MAX]


def marker(nonce: str) -> int:
    """A positive 31-bit component id derived from the nonce."""
    value = int.from_bytes(hashlib.sha256(nonce.encode()).digest()[:4], "big") & 0x7FFFFFFF
    return value or 1


def _has_marker(components: list[Any], wanted: int) -> bool:
    for component in components:
        if getattr(component, "id", None) == wanted:
            return True
        children = getattr(component, "children", None) or getattr(component, "components", None)
        if children and _has_marker(list(children), wanted):
            return True
    return False


class Poster:
    """Posts through a logged-in client, retrying what Discord says may succeed later."""

    def __init__(self, client: discord.Client, retries: int = 3, retry_delay: float = 1.0) -> None:
        self.client = client
        self.retries = retries
        self.retry_delay = retry_delay

    async def _call(self, what: str, community_id: str, call: Callable[[], Awaitable[T]]) -> T:
        for attempt in range(self.retries + 1):
            try:
                return await call()
            except discord.Forbidden as exc:
                raise PostingError(PostFailure.FORBIDDEN, f"{what}: {exc.code}") from None
            except discord.NotFound as exc:
                raise PostingError(PostFailure.CHANNEL_MISSING, f"{what}: {exc.code}") from None
            except discord.HTTPException as exc:
                # 429s without Discord's headers (a Cloudflare block) and 5xx may pass.
                if exc.status != 429 and exc.status < 500:
                    raise PostingError(PostFailure.TRANSIENT, f"{what}: {exc.status}") from None
                error = f"HTTP {exc.status}"
            except _TRANSIENT_ERRORS as exc:
                error = type(exc).__name__
            if attempt < self.retries:
                log.warning(
                    "%s in %s failed (%s), retry %d of %d",
                    what,
                    community_id,
                    error,
                    attempt + 1,
                    self.retries,
                )
                await asyncio.sleep(self.retry_delay * 2**attempt)
        raise PostingError(PostFailure.TRANSIENT, f"{what}: {error}")

    def _channel(self, channel_id: str) -> discord.PartialMessageable:
        if not channel_id.isdigit():
            raise PostingError(PostFailure.CHANNEL_MISSING, "not a Discord channel id")
        return self.client.get_partial_messageable(int(channel_id))

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Post a story; a retried request with the same nonce cannot post twice."""
        channel = self._channel(channel_id)
        text = post_text(post.text, post.content_note)

        async def send() -> discord.Message:
            return await channel.send(
                view=post_view(text, marker(post.nonce)),
                nonce=short_nonce(post.nonce),
                allowed_mentions=NO_MENTIONS,
                suppress_embeds=True,
            )

        message = await self._call("post", community_id, send)
        return str(message.id)

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """Scan the channel's recent messages from the bot for the post carrying ``nonce``."""
        channel = self._channel(channel_id)
        wanted, short = marker(nonce), short_nonce(nonce)
        me = self.client.user

        async def scan() -> str | None:
            async for message in channel.history(limit=HISTORY_SCAN):
                if me is not None and message.author.id != me.id:
                    continue
                if message.nonce == short or _has_marker(list(message.components), wanted):
                    return str(message.id)
            return None

        return await self._call("find", community_id, scan)

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Delete a post; one that is already gone (or whose channel is) is fine."""
        channel = self._channel(channel_id)

        async def delete() -> None:
            try:
                await channel.get_partial_message(int(message_id)).delete()
            except discord.NotFound:
                return

        await self._call("delete", community_id, delete)

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Send a bot message (a digest or a notice) to a channel; return its last part's id.

        A nonce makes Discord refuse a retried request's duplicate for a few minutes,
        and its marker lets :meth:`find_post` recognise the message after that.
        """
        channel = self._channel(channel_id)
        out = MessageOut(split_text(text), attachments=attachments)
        short = short_nonce(nonce) if nonce is not None else None
        mark = marker(nonce) if nonce is not None else None
        sent = await self._call(
            "send", community_id, lambda: send_to_channel(channel, out, short, mark)
        )
        return str(sent.id) if sent is not None else None
