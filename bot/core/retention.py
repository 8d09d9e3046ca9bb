"""Retention: posted text is purged after the community's period; counts stay."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.core.clock import Clock, timestamp
from bot.core.guard import Guard
from bot.core.privacy import Pseudonyms
from bot.core.publisher import Publisher
from bot.core.settings import CommunitySettings
from bot.platforms.base import PostingError
from bot.store.db import Database
from bot.store.stories import Stories

log = logging.getLogger(__name__)

PURGE_JOB = "retention_purge"
PURGE_EVERY = timedelta(hours=6)


class Retention:
    """Deletes posted stories past retention and destroys expired pseudonym keys."""

    def __init__(
        self,
        db: Database,
        settings: CommunitySettings,
        pseudonyms: Pseudonyms,
        guard: Guard,
        publisher: Publisher,
        stories: Stories,
        clock: Clock,
    ) -> None:
        self._db = db
        self._guard = guard
        self._publisher = publisher
        self._stories = stories
        self._settings = settings
        self._pseudonyms = pseudonyms
        self._clock = clock

    async def purge(self, community_id: str) -> int:
        """Delete a community's posted (and rejected) stories past retention; return how many.

        The platform post stays unless the admin chose to delete posts too.
        """
        values = await self._settings.all(community_id)
        cutoff = timestamp(self._clock.now() - timedelta(days=int(values["retention_days"])))
        if values["retention_delete_posts"]:
            for story in await self._stories.posted_before(community_id, cutoff):
                try:
                    await self._publisher.withdraw_post(story)
                except PostingError as exc:
                    # Keep the row so the post can be deleted on a later run.
                    log.warning("could not delete an expired post in %s: %s", community_id, exc)
                    cutoff = min(cutoff, story.posted_at or cutoff)
        gone = await self._db.execute(
            "DELETE FROM stories WHERE community_id = ? AND ((status = 'posted' AND "
            "posted_at < ?) OR (status = 'rejected' AND queued_at < ?))",
            community_id,
            cutoff,
            cutoff,
        )
        if gone:
            await self._db.scrub()
            log.info("purged %d posted stories in %s", gone, community_id)
        return gone

    async def job(self, community_id: str, due: datetime) -> datetime:
        """The scheduled job: purge, destroy expired keys, and plan the next run."""
        await self.purge(community_id)
        await self._pseudonyms.destroy_expired()
        await self._guard.forget_old()
        return max(due, self._clock.now()) + PURGE_EVERY
