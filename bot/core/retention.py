"""Retention: posted text is purged after the community's period; counts stay."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.core.clock import Clock, timestamp
from bot.core.privacy import Pseudonyms
from bot.core.settings import CommunitySettings
from bot.store.db import Database

log = logging.getLogger(__name__)

PURGE_JOB = "retention_purge"
PURGE_EVERY = timedelta(hours=6)


class Retention:
    """Deletes posted stories past retention and destroys expired pseudonym keys."""

    def __init__(
        self, db: Database, settings: CommunitySettings, pseudonyms: Pseudonyms, clock: Clock
    ) -> None:
        self._db = db
        self._settings = settings
        self._pseudonyms = pseudonyms
        self._clock = clock

    async def purge(self, community_id: str) -> int:
        """Delete a community's posted stories older than its retention; return how many."""
        days = int(await self._settings.get(community_id, "retention_days"))
        cutoff = timestamp(self._clock.now() - timedelta(days=days))
        gone = await self._db.execute(
            "DELETE FROM stories WHERE community_id = ? AND status = 'posted' AND posted_at < ?",
            community_id,
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
        return max(due, self._clock.now()) + PURGE_EVERY
