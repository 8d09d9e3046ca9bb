"""What every platform adapter offers the core: posting, deleting, finding posts."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from bot.api import Attachment, Post


class PostFailure(StrEnum):
    """Why a post could not be made; each needs a different remedy."""

    CHANNEL_MISSING = "channel_missing"
    FORBIDDEN = "forbidden"
    TRANSIENT = "transient"


class PostingError(Exception):
    """A post, delete or lookup failed; the story stays queued."""

    def __init__(self, failure: PostFailure, detail: str = "") -> None:
        super().__init__(f"{failure.value}: {detail}" if detail else failure.value)
        self.failure = failure


class Platform(Protocol):
    """An adapter that connects Chorus to one chat platform."""

    name: str

    async def start(self) -> None:
        """Connect and begin answering interactions; returns once running."""

    async def stop(self) -> None:
        """Stop taking interactions and disconnect."""

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Post ``post`` to a channel and return the platform's message id."""

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """Return the message id of an earlier post carrying ``nonce``, if it exists."""

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Delete a post; a post that is already gone is not an error."""

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Send a bot message (a digest or a notice) to a channel.

        With a ``nonce``, the message carries it the way posts do, so ``find_post``
        can find it again after a crash. Returns the message id when the platform
        gives one.
        """
