"""Intake and publisher on SQLite and PostgreSQL: claims, leases and reconciling."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.config import Settings
from bot.core.publisher import Publisher
from bot.platforms.console import COMMUNITY, STORY_CHANNEL
from tests.conftest import Console, FakeClock, make_backend_settings


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """These tests run on SQLite and on PostgreSQL."""
    return make_backend_settings(tmp_path, db_url)


async def _shared(console: Console, *stories: str) -> None:
    await console.services.community.set(
        COMMUNITY, daily_limit=50, burst_limit=50, min_delay_minutes=0, min_pool=1, batch_size=20
    )
    for story in stories:
        out = await console.share(story)
        assert "Confirm" in out, out
        await console.type("Confirm")


def _publisher(console: Console, token: str, clock: FakeClock, lease: int = 600) -> Publisher:
    s = console.services
    return Publisher(s.stories, s.community, s.platforms, clock, token, lease)


async def test_two_publishers_at_once_post_each_story_once(
    console: Console, clock: FakeClock
) -> None:
    """Two processes' slots racing over the same queue post every story exactly once."""
    await _shared(console, *(f"The trainer at the gym mocked me, time {n}." for n in range(6)))
    first, second = _publisher(console, "one", clock), _publisher(console, "two", clock)
    results = await asyncio.gather(first.run_slot(COMMUNITY), second.run_slot(COMMUNITY))
    assert sum(r.posted for r in results) == 6
    nonces = [m["nonce"] for m in console.platform.history(STORY_CHANNEL)]
    assert len(nonces) == len(set(nonces)) == 6
    assert await console.services.stories.count(COMMUNITY, "posted") == 6


async def test_a_dead_process_claim_is_taken_over_only_after_its_lease(
    console: Console, clock: FakeClock
) -> None:
    """A post made by a process that died before recording it is recorded, not repeated."""
    await _shared(console, "A colleague kept touching my shoulder in meetings.")
    stories = console.services.stories
    (story,) = await stories.queued(COMMUNITY)
    now = int(clock.now().timestamp())
    assert await stories.claim([story.id], STORY_CHANNEL, now, "dead")
    # The dead process made its post, then died before recording it.
    publisher = _publisher(console, "alive", clock, lease=600)
    from bot.api import Post

    message = await console.platform.post(COMMUNITY, STORY_CHANNEL, Post(story.id, "t", None))
    assert await publisher.reconcile() == 0
    clock.advance(minutes=11)
    assert await publisher.reconcile() == 1
    recorded = await stories.get(story.id)
    assert recorded is not None and recorded.status == "posted"
    assert recorded.message_id == message
    assert len(console.platform.history(STORY_CHANNEL)) == 1
