"""A platform that keeps posts in memory: for publisher tests and benches of the store."""

from __future__ import annotations

from bot.api import Attachment, Post


class MemoryPlatform:
    """Posts are kept in a dict, message id → nonce; posting costs nothing."""

    name = "console"

    def __init__(self) -> None:
        self.posts: dict[str, str] = {}

    async def start(self) -> None:
        """Nothing to connect."""

    async def stop(self) -> None:
        """Nothing to disconnect."""

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Keep the post under a message id made from its nonce."""
        message_id = f"m-{post.nonce}"
        self.posts[message_id] = post.nonce
        return message_id

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """The message carrying ``nonce``."""
        return next((m for m, n in self.posts.items() if n == nonce), None)

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Forget a message."""
        self.posts.pop(message_id, None)

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Notices to organizers are not kept."""
        return None
