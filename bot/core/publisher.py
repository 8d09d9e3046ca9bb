"""Scheduled posting: random batches of eligible stories, exactly once.

A story is eligible once it has waited the minimum delay and enough others are
queued (or it has waited the maximum), so the moment of posting cannot point to
its author. Posting is claim, post (with the story id as nonce), record; on
start, claimed-but-unrecorded stories are looked up on the platform before
anything is posted again.

A slot works through its batch a few stories at a time: one statement claims
them, their posts go out together, and one transaction records those that were
made. Every story is still posted only after its claim and recorded only after
its post; what changes is that the round trips and the shared count row are
paid once per group instead of once per story, and that the posts of a group
wait on the platform together rather than one after another.

Several processes may share one PostgreSQL database. Each claims with its own
token; a claim older than the lease belongs to a process presumed dead, and a
periodic reconcile job lets any other process take it over and finish it.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from bot import messages
from bot.api import Post
from bot.core.clock import Clock, timestamp
from bot.core.failpoints import failpoint
from bot.core.settings import CommunitySettings
from bot.core.slots import next_slot
from bot.core.themes import ThemeCatalog, default_catalog
from bot.platforms.base import Platform, PostFailure, PostingError
from bot.store.stories import Stories, Story

log = logging.getLogger(__name__)

SLOT_JOB = "publish_slot"
RECONCILE_JOB = "reconcile_posts"
# Jobs that are not about one community are stored under this community id.
EVERYWHERE = "*"
DEFAULT_LEASE_SECONDS = 600
# Posts of one slot in flight at once. A slot posts to one channel, and chat
# platforms let a channel take only a short burst of messages (a handful on
# Discord and Slack) before they answer with rate limits, so more would only wait
# there, while holding more claims that a crash would leave to the lease.
DEFAULT_POSTS_IN_FLIGHT = 5
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


class _Queued(Protocol):
    @property
    def queued_at(self) -> int: ...


Q = TypeVar("Q", bound=_Queued)


def eligible(
    queued: Sequence[Q], now: int, min_delay_minutes: int, min_pool: int, max_wait_hours: int
) -> list[Q]:
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


@dataclass
class _Slot:
    """Where one slot posts, and the community's themes once a post needs them."""

    community_id: str
    platform: Platform
    channel: str
    catalog: ThemeCatalog | None = None


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
        posts_in_flight: int = DEFAULT_POSTS_IN_FLIGHT,
    ) -> None:
        self._stories = stories
        self._settings = settings
        self._platforms = platforms
        self._clock = clock
        self._token = token
        self._lease = lease_seconds
        self._in_flight = max(1, posts_in_flight)

    async def run_slot(self, community_id: str) -> SlotResult:
        """Post one batch for a community, chosen at random among eligible stories."""
        values = await self._settings.all(community_id)
        channel = values["story_channel"]
        waiting = await self._stories.waiting(community_id)
        if channel is None:
            return SlotResult(0, len(waiting), no_channel=True)
        platform = self._platforms.get(platform_of(community_id))
        if platform is None:
            return SlotResult(0, len(waiting))
        now = timestamp(self._clock.now())
        ready = eligible(
            waiting,
            now,
            values["min_delay_minutes"],
            values["min_pool"],
            values["max_wait_hours"],
        )
        # A random sample, in random order: never first-in-first-out.
        chosen = _random.sample(ready, min(len(ready), int(values["batch_size"])))
        batch = [story.id for story in chosen]
        slot = _Slot(community_id, platform, channel)
        posted = 0
        for start in range(0, len(batch), self._in_flight):
            done, failure = await self._post_group(slot, batch[start : start + self._in_flight])
            posted += done
            if failure is not None:
                await self._report(community_id, failure)
                return SlotResult(posted, len(waiting) - posted, failure)
        if values["posting_problem"] is not None and posted:
            await self._settings.set(community_id, posting_problem=None)
        return SlotResult(posted, len(waiting) - posted)

    async def _post_group(
        self, slot: _Slot, story_ids: list[str]
    ) -> tuple[int, PostFailure | None]:
        """Claim, post and record a few stories; how many were posted, and any failure.

        Posts that fail with a :class:`PostingError` were not made, so their stories
        go back to the queue. Any other error may have come after the platform made
        the post, so those claims stay for ``reconcile`` to settle by nonce.
        """
        now = timestamp(self._clock.now())
        claimed = await self._stories.claim(story_ids, slot.channel, now, self._token)
        if not claimed:
            return 0, None  # another process took them first
        failpoint("publisher.claimed")
        catalog = await self._catalog(slot, claimed)
        outcomes = await asyncio.gather(
            *(self._post(slot, story, catalog) for story in claimed), return_exceptions=True
        )
        results = list(zip(claimed, outcomes, strict=True))
        recorded = await self._record(
            slot, [(s, out) for s, out in results if isinstance(out, str)]
        )
        refused = [(s, out) for s, out in results if isinstance(out, PostingError)]
        await self._stories.release([s.id for s, _ in refused], self._token)
        for _, out in results:
            if isinstance(out, BaseException) and not isinstance(out, PostingError):
                raise out
        return recorded, refused[0][1].failure if refused else None

    async def _catalog(self, slot: _Slot, stories: list[Story]) -> ThemeCatalog:
        """The community's themes, read once per slot and only if a post needs them."""
        # Only a story with themes and no note of its own takes its note from them.
        if slot.catalog is None and any(s.themes and not s.content_note for s in stories):
            slot.catalog = await self._settings.catalog(slot.community_id)
        return slot.catalog if slot.catalog is not None else default_catalog()

    async def _post(self, slot: _Slot, story: Story, catalog: ThemeCatalog) -> str:
        """Make one claimed story's post; its id is the nonce."""
        post = Post(story.id, story.text or "", content_note(story, catalog))
        message_id = await slot.platform.post(slot.community_id, slot.channel, post)
        failpoint("publisher.posted")
        return message_id

    async def _record(self, slot: _Slot, made: list[tuple[Story, str]]) -> int:
        """Record the posts that were made; take down any whose claim was lost meanwhile."""
        if not made:
            return 0
        now = timestamp(self._clock.now())
        recorded = await self._stories.mark_posted(made, now, self._token)
        for story, message_id in made:
            if story.id in recorded:
                failpoint("publisher.recorded")
                log.info("posted a story in %s", story.community_id)
            else:
                await self._lost_claim(story, slot.platform, slot.channel, message_id)
        return len(recorded)

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
                await self._stories.release([story.id], self._token)
                continue
            now = timestamp(self._clock.now())
            if await self._stories.mark_posted([(story, found)], now, self._token):
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
