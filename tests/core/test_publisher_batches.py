"""A slot posts its batch a few stories at a time: claimed first, recorded after, exactly once."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.api import Post
from bot.app import Services
from bot.config import Settings
from bot.core.publisher import DEFAULT_POSTS_IN_FLIGHT, Publisher
from bot.platforms.base import PostFailure, PostingError
from bot.store.counts import weekly
from bot.store.stories import NewStory
from tests.conftest import FakeClock, make_backend_settings
from tests.fakes.memory import MemoryPlatform

COMMUNITY = "console:batch"
CHANNEL = "stories"
WEEK = "2026-W10"


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """These tests run on SQLite and on PostgreSQL."""
    return make_backend_settings(tmp_path, db_url)


class Channel(MemoryPlatform):
    """Keeps posts in memory and notes what it saw while posting."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
        self.in_flight = 0
        self.most_in_flight = 0
        self.status_while_posting: set[str] = set()
        self.refuse: set[str] = set()

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Record the post; refuse the stories in ``refuse``."""
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            story = await self._services.stories.get(post.nonce)
            assert story is not None
            self.status_while_posting.add(story.status)
            # Give the other posts of the group the chance to start, as a network would.
            for _ in range(3):
                await asyncio.sleep(0)
            if post.nonce in self.refuse:
                raise PostingError(PostFailure.TRANSIENT, "refused by the test")
            return await super().post(community_id, channel_id, post)
        finally:
            self.in_flight -= 1


async def _community(services: Services, count: int, batch: int) -> Channel:
    """A community with ``count`` eligible stories and a slot of ``batch``."""
    await services.community.ensure_community(COMMUNITY, "console")
    await services.community.set(
        COMMUNITY, story_channel=CHANNEL, min_delay_minutes=0, min_pool=1, batch_size=batch
    )
    async with services.db.transaction() as tx:
        for n in range(count):
            await services.stories.add(
                tx,
                NewStory(
                    id=f"s{n:03d}",
                    community_id=COMMUNITY,
                    receipt_hash=f"r{n}",
                    status="queued",
                    text=f"Story {n}.",
                    content_note=None,
                    themes=("street_harassment",),
                    week=WEEK,
                    author="a",
                    key_id="k",
                    queued_at=0,
                ),
            )
    channel = Channel(services)
    services.platforms["console"] = channel
    return channel


def _publisher(services: Services, clock: FakeClock, token: str = "p") -> Publisher:
    s = services
    return Publisher(s.stories, s.community, s.platforms, clock, token)


async def test_a_batch_is_posted_a_group_at_a_time_each_claimed_before_its_post(
    services: Services, clock: FakeClock
) -> None:
    """Posts of one group are in flight together; each story is claimed while posted."""
    channel = await _community(services, 12, batch=12)
    result = await _publisher(services, clock).run_slot(COMMUNITY)
    assert (result.posted, result.waiting, result.problem) == (12, 0, None)
    assert channel.most_in_flight == DEFAULT_POSTS_IN_FLIGHT
    assert channel.status_while_posting == {"posting"}
    assert sorted(channel.posts.values()) == [f"s{n:03d}" for n in range(12)]
    assert await services.stories.count(COMMUNITY, "posted") == 12
    assert (await weekly(services.db, COMMUNITY, WEEK))["published"] == 12


async def test_a_refused_post_goes_back_to_the_queue_and_its_group_is_still_recorded(
    services: Services, clock: FakeClock
) -> None:
    """The rest of the group is recorded, the slot stops, and nothing else is claimed."""
    channel = await _community(services, 10, batch=10)
    channel.refuse = {f"s{n:03d}" for n in range(10)}
    publisher = _publisher(services, clock)
    # Every post is refused: the first group goes back, untouched stories stay queued.
    result = await publisher.run_slot(COMMUNITY)
    assert (result.posted, result.waiting, result.problem) == (0, 10, PostFailure.TRANSIENT)
    assert await services.stories.count(COMMUNITY, "queued") == 10

    channel.refuse = {"s004"}
    await services.community.set(COMMUNITY, batch_size=DEFAULT_POSTS_IN_FLIGHT)
    posted = 0
    for _ in range(20):
        if await services.stories.count(COMMUNITY, "queued") == 1:
            break
        posted += (await publisher.run_slot(COMMUNITY)).posted
    assert posted == 9
    assert set(channel.posts.values()) == {f"s{n:03d}" for n in range(10)} - {"s004"}
    refused = await services.stories.get("s004")
    assert refused is not None and (refused.status, refused.claimed_by) == ("queued", None)
    assert (await weekly(services.db, COMMUNITY, WEEK))["published"] == 9


async def test_a_slot_chooses_at_random_among_eligible_stories(
    services: Services, clock: FakeClock
) -> None:
    """Eight slots of one story each do not simply take the eight oldest."""
    await _community(services, 40, batch=1)
    publisher = _publisher(services, clock)
    for _ in range(8):
        assert (await publisher.run_slot(COMMUNITY)).posted == 1
    stories = [await services.stories.get(f"s{n:03d}") for n in range(40)]
    posted = {s.id for s in stories if s is not None and s.status == "posted"}
    assert len(posted) == 8
    # The eight oldest would be chosen by chance about once in 77 million runs.
    assert posted != {f"s{n:03d}" for n in range(8)}
