"""Story posts and bot messages in Slack channels, exactly once.

A post carries message metadata ``{"event_type": "chorus_story", "event_payload":
{"nonce": ...}}`` so that a post made just before a crash can be found again in
the channel's history instead of being made twice.

Content notes: Slack has no spoilers, so a story with a content note is posted
as the note alone with a "Show story" button; pressing it shows the story only
to the person who pressed. The story travels in the message's own metadata, so
the button works as long as the message exists and needs nothing from the
database. A story without a note is posted as plain text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.metadata import Metadata
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.api import Attachment, Post
from bot.platforms.base import PostFailure, PostingError
from bot.platforms.slack.text import chunks, escape

log = logging.getLogger(__name__)

STORY_EVENT = "chorus_story"
SHOW_STORY_ACTION = "chorus_show_story"
HISTORY_PAGE = 200
HISTORY_PAGES = 10
POST_ATTEMPTS = 3
POST_RETRY_DELAY = 1.0

_MISSING = {"channel_not_found", "is_archived", "channel_is_archived"}
_FORBIDDEN = {
    "not_in_channel",
    "missing_scope",
    "restricted_action",
    "restricted_action_read_only_channel",
    "restricted_action_thread_only_channel",
    "cant_delete_message",
    "not_authed",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "ekm_access_denied",
}


def posting_error(exc: Exception) -> PostingError:
    """Map a Slack failure to the posting failure the core knows how to handle."""
    if isinstance(exc, SlackApiError):
        error = str(exc.response.get("error", ""))
        if error in _MISSING:
            return PostingError(PostFailure.CHANNEL_MISSING, error)
        if error in _FORBIDDEN:
            return PostingError(PostFailure.FORBIDDEN, error)
        return PostingError(PostFailure.TRANSIENT, error or str(exc.response.status_code))
    return PostingError(PostFailure.TRANSIENT, type(exc).__name__)


def _server_error(exc: SlackApiError) -> bool:
    return int(exc.response.status_code) >= 500


def story_message(post: Post) -> dict[str, Any]:
    """Build the ``chat.postMessage`` arguments for a story (without the channel)."""
    payload: dict[str, Any] = {"nonce": post.nonce}
    blocks: list[Block]
    if post.content_note:
        note = messages.POST_CONTENT_NOTE.format(note=post.content_note)
        text = escape(note)
        payload["story"] = post.text
        blocks = [
            SectionBlock(
                text=MarkdownTextObject(text=f"⚠️ {escape(note)}"),
                accessory=ButtonElement(
                    text=PlainTextObject(text=messages.SLACK_SHOW_STORY),
                    action_id=SHOW_STORY_ACTION,
                ),
            ),
            ContextBlock(elements=[PlainTextObject(text=messages.SLACK_STORY_BEHIND_BUTTON)]),
        ]
    else:
        # The fallback text is mrkdwn, so it is escaped; the blocks are plain_text,
        # which Slack never parses for mentions, links or formatting.
        text = escape(post.text)
        blocks = [
            SectionBlock(text=PlainTextObject(text=piece, emoji=False))
            for piece in chunks(post.text)
        ]
    return {
        "text": text,
        "blocks": blocks,
        "metadata": Metadata(event_type=STORY_EVENT, event_payload=payload),
        "unfurl_links": False,
        "unfurl_media": False,
    }


class ChannelPoster:
    """Posts, finds and deletes stories, and sends bot messages, in one workspace's channels."""

    def __init__(self, client_for: Callable[[str], AsyncWebClient]) -> None:
        self._client_for = client_for

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Post a story and return its ``ts``; never posts it twice."""
        client = self._client_for(community_id)
        args = story_message(post)
        for attempt in range(1, POST_ATTEMPTS + 1):
            try:
                response = await client.chat_postMessage(channel=channel_id, **args)
                return str(response["ts"])
            except SlackApiError as exc:
                if not _server_error(exc) or attempt == POST_ATTEMPTS:
                    raise posting_error(exc) from None
            except (aiohttp.ClientError, TimeoutError) as exc:
                if attempt == POST_ATTEMPTS:
                    raise posting_error(exc) from None
            # The failed call may still have posted: look before trying again.
            await asyncio.sleep(POST_RETRY_DELAY * attempt)
            found = await self.find(community_id, channel_id, post.nonce)
            if found is not None:
                return found
        raise PostingError(PostFailure.TRANSIENT, "post attempts exhausted")

    async def find(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """Return the ``ts`` of the bot's message carrying ``nonce`` in the recent history."""
        client = self._client_for(community_id)
        cursor: str | None = None
        try:
            for _ in range(HISTORY_PAGES):
                response = await client.conversations_history(
                    channel=channel_id,
                    limit=HISTORY_PAGE,
                    include_all_metadata=True,
                    cursor=cursor,
                )
                for message in response.get("messages") or []:
                    metadata = message.get("metadata") or {}
                    payload = metadata.get("event_payload") or {}
                    if metadata.get("event_type") == STORY_EVENT and payload.get("nonce") == nonce:
                        return str(message["ts"])
                cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            raise posting_error(exc) from None
        return None

    async def delete(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Delete a post; one that is already gone is not an error."""
        client = self._client_for(community_id)
        try:
            await client.chat_delete(channel=channel_id, ts=message_id)
        except SlackApiError as exc:
            if exc.response.get("error") == "message_not_found":
                return
            raise posting_error(exc) from None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise posting_error(exc) from None

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        formatted: str | None = None,
        nonce: str | None = None,
    ) -> str | None:
        """Send a bot message, then its files, to a channel; return the message's ts.

        With a nonce the message carries it in metadata, so ``find_post`` finds it
        again after a crash.
        """
        client = self._client_for(community_id)
        extra: dict[str, Any] = {}
        if nonce is not None:
            extra["metadata"] = Metadata(event_type=STORY_EVENT, event_payload={"nonce": nonce})
        try:
            response = await client.chat_postMessage(
                channel=channel_id,
                text=formatted if formatted is not None else escape(text),
                unfurl_links=False,
                unfurl_media=False,
                **extra,
            )
            if attachments:
                await self.upload(client, channel_id, attachments)
        except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
            raise posting_error(exc) from None
        ts = response.get("ts")
        return str(ts) if ts else None

    async def upload(
        self, client: AsyncWebClient, channel_id: str, attachments: tuple[Attachment, ...]
    ) -> None:
        """Share files in a channel (files.getUploadURLExternal and its completion)."""
        await client.files_upload_v2(
            channel=channel_id,
            file_uploads=[
                {"filename": a.filename, "content": a.data, "title": a.filename}
                for a in attachments
            ],
        )

    async def story_text(self, community_id: str, channel_id: str, ts: str) -> str | None:
        """Read the story behind a content note from the post's own metadata."""
        client = self._client_for(community_id)
        response = await client.conversations_history(
            channel=channel_id,
            latest=ts,
            oldest=ts,
            inclusive=True,
            limit=1,
            include_all_metadata=True,
        )
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            if message.get("ts") == ts and metadata.get("event_type") == STORY_EVENT:
                story = (metadata.get("event_payload") or {}).get("story")
                return str(story) if story else None
        return None
