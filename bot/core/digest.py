"""The weekly summary posted to the organizers' channel, exactly once per week.

A durable job per community runs at the configured weekday and hour in the
community's time zone. Sending is claim, send (with a nonce), record — as for
story posts: a week's row is claimed before the message is sent and completed
after, and a restart in between looks the message up by its nonce before
sending anything again.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import messages
from bot.api import Attachment
from bot.core.clock import Clock, timestamp
from bot.core.failpoints import failpoint
from bot.core.publisher import platform_of
from bot.core.scheduler import Scheduler
from bot.core.settings import CommunitySettings
from bot.core.summaries import Summaries, last_complete_week, render_summary
from bot.logs import register_safe
from bot.platforms.base import Platform, PostFailure, PostingError
from bot.store.db import Database

log = logging.getLogger(__name__)

DIGEST_JOB = "weekly_digest"
RETRY_AFTER = timedelta(hours=6)


def next_digest(moment: datetime, weekday: int, hour: int, tz: str) -> datetime:
    """The first digest time strictly after ``moment``: ``weekday`` (0 = Monday) at ``hour``."""
    zone = ZoneInfo(tz)
    local = moment.astimezone(zone)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    while True:
        # An hour skipped by a clock change resolves to the hour after it.
        candidate = datetime(day.year, day.month, day.day, hour, tzinfo=zone).astimezone(UTC)
        if candidate > moment:
            return candidate
        day += timedelta(days=7)


async def first_digest(settings: CommunitySettings, community_id: str, now: datetime) -> datetime:
    """When a community's digest job should first run (now, if digests are off)."""
    values = await settings.all(community_id)
    if values["digest_weekday"] is None:
        return now
    return next_digest(now, values["digest_weekday"], values["digest_hour"], values["timezone"])


async def ensure_digest(
    scheduler: Scheduler, settings: CommunitySettings, community_id: str, now: datetime
) -> None:
    """Plan a community's digest job unless one is planned already."""
    await scheduler.ensure(
        DIGEST_JOB, community_id, await first_digest(settings, community_id, now)
    )


def chart_attachment(week: str, png: bytes) -> Attachment:
    """The trend chart as a file to attach."""
    return Attachment(f"chorus-summary-{week}.png", png, "image/png")


class Digest:
    """Sends each community's weekly summary to its organizers' channel."""

    def __init__(
        self,
        db: Database,
        settings: CommunitySettings,
        platforms: dict[str, Platform],
        clock: Clock,
    ) -> None:
        self._db = db
        self._settings = settings
        self._platforms = platforms
        self._clock = clock
        self.summaries = Summaries(db, settings, clock)
        register_safe([DIGEST_JOB])

    async def job(self, community_id: str, due: datetime) -> datetime | None:
        """The scheduled job: send last week's summary once, then plan the next."""
        values = await self._settings.all(community_id)
        if values["digest_weekday"] is None:
            return None
        now = self._clock.now()
        tz = values["timezone"]
        following = next_digest(max(due, now), values["digest_weekday"], values["digest_hour"], tz)
        channel = values["organizer_channel"]
        platform = self._platforms.get(platform_of(community_id))
        if channel is None or platform is None:
            return following
        week = last_complete_week(now, tz)
        try:
            await self.send(community_id, week, channel, platform)
        except PostingError as exc:
            log.warning("weekly summary for %s not sent: %s", community_id, exc.failure)
            if exc.failure is PostFailure.TRANSIENT:
                raise
            retry = now + RETRY_AFTER
            # Retry while the same week is still the one to send, e.g. after a channel fix.
            return retry if last_complete_week(retry, tz) == week else following
        return following

    async def send(self, community_id: str, week: str, channel: str, platform: Platform) -> bool:
        """Send the summary of ``week`` unless it was sent already; True if sent now."""
        row = await self._db.fetch_one(
            "SELECT nonce, channel_id, status FROM digests WHERE community_id = ? AND week = ?",
            community_id,
            week,
        )
        if row is None:
            nonce = secrets.token_hex(10)
            claimed = await self._db.execute(
                "INSERT INTO digests (community_id, week, nonce, channel_id, status, claimed_at) "
                "VALUES (?, ?, ?, ?, 'sending', ?) ON CONFLICT (community_id, week) DO NOTHING",
                community_id,
                week,
                nonce,
                channel,
                timestamp(self._clock.now()),
            )
            if not claimed:
                return False
        else:
            nonce, earlier, status = str(row[0]), str(row[1]), str(row[2])
            if status == "sent":
                return False
            # Claimed before a crash: the message may already be there.
            found = await platform.find_post(community_id, earlier, nonce)
            if found is not None:
                await self._record(community_id, week, found)
                return False
            if earlier != channel:
                await self._db.execute(
                    "UPDATE digests SET channel_id = ? WHERE community_id = ? AND week = ?",
                    channel,
                    community_id,
                    week,
                )
        summary = await self.summaries.build(community_id, week)
        png = await self.summaries.chart(summary)
        text = f"{messages.SUMMARY_DIGEST}\n\n{render_summary(summary)}"
        message_id = await platform.send(
            community_id, channel, text, (chart_attachment(week, png),), nonce=nonce
        )
        failpoint("digest.sent")
        await self._record(community_id, week, message_id)
        log.info("sent the weekly summary in %s", community_id)
        return True

    async def _record(self, community_id: str, week: str, message_id: str | None) -> None:
        await self._db.execute(
            "UPDATE digests SET status = 'sent', message_id = ?, sent_at = ? "
            "WHERE community_id = ? AND week = ?",
            message_id,
            timestamp(self._clock.now()),
            community_id,
            week,
        )

    async def sent_weeks(self, community_id: str) -> list[str]:
        """Weeks whose summary has been sent to a community's organizers."""
        rows = await self._db.fetch_all(
            "SELECT week FROM digests WHERE community_id = ? AND status = 'sent' ORDER BY week",
            community_id,
        )
        return [str(r[0]) for r in rows]
