"""Scheduled posting: random batches of eligible stories, exactly once.

A story is eligible once it has waited the minimum delay and enough others are
queued (or it has waited the maximum), so the moment of posting cannot point to
its author. Posting is claim, post (with the story id as nonce), record; on
start, claimed-but-unrecorded stories are looked up on the platform before
anything is posted again.

Several processes may share one PostgreSQL database. Each claims with its own
token; a claim older than the lease belongs to a process presumed dead, and a
periodic reconcile job lets any other process take it over and finish it.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import messages
from bot.api import Post
from bot.core.clock import Clock, timestamp
from bot.core.failpoints import failpoint
from bot.core.settings import CommunitySettings
from bot.core.slots import next_slot
from bot.core.themes import ThemeCatalog
from bot.platforms.base import Platform, PostFailure, PostingError
from bot.store.stories import Stories, Story

log = logging.getLogger(__name__)

SLOT_JOB = "publish_slot"
RECONCILE_JOB = "reconcile_posts"
# Jobs that are not about one community are stored under this community id.
EVERYWHERE = "*"
DEFAULT_LEASE_SECONDS = 600
_random = random.SystemRandom()


@dataclass(frozen=True)
class SlotResult:
    """What one slot did."""

    posted: int
    waiting: int
    problem: PostFailure | None = None
    no_channel: bool = False


def platform_of(community_id: str) -> str:
    """The platform a community lives on (``discord:123`` → ``discord``)."""
    return community_id.split(":", 1)[0]


def eligible(
    queued: list[Story], now: int, min_delay_minutes: int, min_pool: int, max_wait_hours: int
) -> list[Story]:
    """Stories that may be posted now, given the community's waiting rules."""
    ripe = [s for s in queued if now - s.queued_at >= min_delay_minutes * 60]
    if len(queued) >= min_pool:
        return ripe
    return [s for s in ripe if now - s.queued_at >= max_wait_hours * 3600]


def content_note(story: Story, catalog: ThemeCatalog) -> str | None:
    """The member's own note, else one drawn from themes that call for it."""
    if story.content_note:
        return story.content_note
    labels = [
        theme.label
        for theme in (catalog.get(t) for t in story.themes)
        if theme is not None and theme.content_note
    ]
    return ", ".join(labels) or None


class Publisher:
    """Posts queued stories to their community's story channel."""

    def __init__(
        self,
        stories: Stories,
        settings: CommunitySettings,
        platforms: dict[str, Platform],
        clock: Clock,
        token: str = "",
        lease_seconds: int = DEFAULT_LEASE_SECONDS,
    ) -> None:
        self._stories = stories
        self._settings = settings
        self._platforms = platforms
        self._clock = clock
        self._token = token
        self._lease = lease_seconds

    async def run_slot(self, community_id: str) -> SlotResult:
        """Post one batch for a community, chosen at random among eligible stories."""
        values = await self._settings.all(community_id)
        channel = values["story_channel"]
        queued = await self._stories.queued(community_id)
        if channel is None:
            return SlotResult(0, len(queued), no_channel=True)
        now = timestamp(self._clock.now())
        ready = eligible(
            queued,
            now,
            values["min_delay_minutes"],
            values["min_pool"],
            values["max_wait_hours"],
        )
        batch = _random.sample(ready, min(len(ready), int(values["batch_size"])))
        catalog = await self._settings.catalog(community_id)
        posted = 0
        for story in batch:
            try:
                if await self._post_one(story, channel, catalog):
                    posted += 1
            except PostingError as exc:
                await self._report(community_id, exc.failure)
                return SlotResult(posted, len(queued) - posted, exc.failure)
        if values["posting_problem"] is not None and posted:
            await self._settings.set(community_id, posting_problem=None)
        return SlotResult(posted, len(queued) - posted)

    async def _post_one(self, story: Story, channel: str, catalog: ThemeCatalog) -> bool:
        platform = self._platforms.get(platform_of(story.community_id))
        if platform is None:
            return False
        now = timestamp(self._clock.now())
        if not await self._stories.claim(story.id, channel, now, self._token):
            return False
        failpoint("publisher.claimed")
        post = Post(story.id, story.text or "", content_note(story, catalog))
        try:
            message_id = await platform.post(story.community_id, channel, post)
        except PostingError:
            await self._stories.release(story.id, self._token)
            raise
        failpoint("publisher.posted")
        now = timestamp(self._clock.now())
        if not await self._stories.mark_posted(story, message_id, now, self._token):
            await self._lost_claim(story, platform, channel, message_id)
            return False
        failpoint("publisher.recorded")
        log.info("posted a story in %s", story.community_id)
        return True

    async def _lost_claim(
        self, story: Story, platform: Platform, channel: str, message_id: str
    ) -> None:
        """Our post was made but the claim was no longer ours when we came to record it."""
        current = await self._stories.get(story.id)
        if current is None or (current.status == "posted" and current.message_id != message_id):
            # Withdrawn while the post was being made, or another process finished this
            # story after our lease ran out and did not see our post: take ours down.
            await platform.delete_post(story.community_id, channel, message_id)
            return
        # Still being finished by the process that took over: it finds our post by its
        # nonce, so deleting it here could lose the story.
        log.warning("a post in %s was finished by another process", story.community_id)

    async def reconcile(self, everything: bool = False) -> int:
        """Finish posts interrupted by a crash without posting anything twice.

        ``everything`` takes over every claim at once, which is right only when this
        is the sole process (SQLite); otherwise only claims older than the lease.
        """
        now = timestamp(self._clock.now())
        cutoff = None if everything else now - self._lease
        finished = 0
        for story in await self._stories.in_flight(cutoff):
            platform = self._platforms.get(platform_of(story.community_id))
            if platform is None or story.channel_id is None:
                continue
            if not await self._stories.take_over(story, self._token, now):
                continue  # another process reached it first
            try:
                found = await platform.find_post(story.community_id, story.channel_id, story.id)
                if found is None:
                    catalog = await self._settings.catalog(story.community_id)
                    post = Post(story.id, story.text or "", content_note(story, catalog))
                    found = await platform.post(story.community_id, story.channel_id, post)
            except PostingError as exc:
                log.warning("reconciling a post in %s failed: %s", story.community_id, exc)
                await self._stories.release(story.id, self._token)
                continue
            now = timestamp(self._clock.now())
            if await self._stories.mark_posted(story, found, now, self._token):
                finished += 1
        return finished

    async def reconcile_job(self, community_id: str, due: datetime) -> datetime:
        """The scheduled job: take over claims of dead processes, then plan the next run."""
        finished = await self.reconcile()
        if finished:
            log.info("reconciled %d posts abandoned by a stopped process", finished)
        return max(due, self._clock.now()) + self.reconcile_every

    @property
    def reconcile_every(self) -> timedelta:
        """How often abandoned claims are looked for: twice per lease."""
        return timedelta(seconds=max(1, self._lease // 2))

    async def _report(self, community_id: str, failure: PostFailure) -> None:
        log.warning("posting in %s failed: %s", community_id, failure.value)
        previous = await self._settings.get(community_id, "posting_problem")
        await self._settings.set(community_id, posting_problem=failure.value)
        channel = await self._settings.get(community_id, "organizer_channel")
        platform = self._platforms.get(platform_of(community_id))
        if previous == failure.value or channel is None or platform is None:
            return
        try:
            await platform.send(community_id, channel, messages.POSTING_PROBLEM[failure.value])
        except PostingError:
            log.warning("could not tell organizers of %s about a posting problem", community_id)

    async def slot_job(self, community_id: str, due: datetime) -> datetime:
        """The scheduled job: run a slot, then plan the next one."""
        await self.run_slot(community_id)
        return await self.next_slot_after(community_id, max(due, self._clock.now()))

    async def next_slot_after(self, community_id: str, moment: datetime) -> datetime:
        """The community's next posting slot after ``moment``."""
        s = await self._settings.schedule(community_id)
        return next_slot(
            moment, s.cadence_minutes, s.active_start_hour, s.active_end_hour, s.timezone
        )

    async def withdraw_post(self, story: Story) -> None:
        """Delete a story's post from the platform, even one caught mid-post."""
        platform = self._platforms.get(platform_of(story.community_id))
        if platform is None or story.channel_id is None:
            return
        message_id = story.message_id or await platform.find_post(
            story.community_id, story.channel_id, story.id
        )
        if message_id is not None:
            await platform.delete_post(story.community_id, story.channel_id, message_id)


def expected_delay(cadence_minutes: int, min_delay_minutes: int) -> timedelta:
    """Roughly how long a member should expect to wait for their post."""
    return timedelta(minutes=min_delay_minutes + 2 * cadence_minutes)
