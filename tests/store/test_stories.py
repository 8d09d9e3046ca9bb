"""Claiming, releasing and recording stories in groups, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from bot.app import Services
from bot.core.settings import CommunitySettings
from bot.store.counts import weekly
from bot.store.db import Database, open_database
from bot.store.migrate import migrate
from bot.store.stories import NewStory, Stories, Story
from tests.conftest import FakeClock

COMMUNITY = "console:store"
WEEK = "2026-W10"


async def _queue(services: Services, count: int) -> list[str]:
    """``count`` queued stories, queued a minute apart; their ids, oldest first."""
    return await _add(services.db, services.community, services.stories, count)


async def _add(
    db: Database, community: CommunitySettings, stories: Stories, count: int
) -> list[str]:
    await community.ensure_community(COMMUNITY, "console")
    ids = [f"s{n}" for n in range(count)]
    async with db.transaction() as tx:
        for n, story_id in enumerate(ids):
            await stories.add(
                tx,
                NewStory(
                    id=story_id,
                    community_id=COMMUNITY,
                    receipt_hash=f"r{n}",
                    status="queued",
                    text=f"Story {n}.",
                    content_note=None,
                    themes=(),
                    week=WEEK,
                    author="a",
                    key_id="k",
                    queued_at=1000 + 60 * n,
                ),
            )
    return ids


async def _status(stories: Stories, story_id: str) -> tuple[str, str | None]:
    story = await stories.get(story_id)
    assert story is not None
    return story.status, story.claimed_by


async def test_waiting_lists_queued_stories_oldest_first(services: Services) -> None:
    """Only queued stories, with their ages, for choosing a batch."""
    ids = await _queue(services, 3)
    await services.stories.claim([ids[1]], "stories", 5000, "p")
    waiting = await services.stories.waiting(COMMUNITY)
    assert [(w.id, w.queued_at) for w in waiting] == [(ids[0], 1000), (ids[2], 1120)]


async def test_a_claim_takes_only_queued_stories_in_the_order_asked(services: Services) -> None:
    """One statement claims a group; stories already claimed or unknown are left out."""
    stories = services.stories
    ids = await _queue(services, 4)
    first = await stories.claim([ids[3], ids[0], "missing", ids[1]], "stories", 5000, "a")
    assert [s.id for s in first] == [ids[3], ids[0], ids[1]]
    assert {(s.status, s.claimed_by, s.claimed_at, s.channel_id) for s in first} == {
        ("posting", "a", 5000, "stories")
    }
    assert first[0].text == "Story 3."
    second = await stories.claim([ids[0], ids[2]], "stories", 5001, "b")
    assert [s.id for s in second] == [ids[2]]
    assert await stories.claim([], "stories", 5002, "c") == []


async def test_claims_made_at_once_never_share_a_story(services: Services) -> None:
    """Processes claiming overlapping groups together each get different stories."""
    stories = services.stories
    ids = await _queue(services, 12)
    groups = await asyncio.gather(
        *(stories.claim(ids[n:] + ids[:n], "stories", 5000, f"p{n}") for n in range(0, 12, 3))
    )
    claimed = [s.id for group in groups for s in group]
    assert sorted(claimed) == sorted(ids)


async def test_a_claim_passes_over_a_story_another_process_is_locking(pg_url: str) -> None:
    """On PostgreSQL a claim skips a row another transaction holds instead of waiting."""
    db = await open_database(pg_url)
    try:
        await migrate(db)
        stories = Stories(db)
        ids = await _add(db, CommunitySettings(db, FakeClock()), stories, 3)
        async with db.transaction() as other:
            await other.fetch_all("SELECT id FROM stories WHERE id = ? FOR UPDATE", ids[0])
            # Waiting here would never end: the lock is held until this block ends.
            claimed = await asyncio.wait_for(stories.claim(ids, "stories", 5000, "b"), 60)
        assert [s.id for s in claimed] == ids[1:]
        assert [s.id for s in await stories.claim(ids, "stories", 5001, "c")] == ids[:1]
    finally:
        await db.close()


async def test_release_puts_back_only_this_process_claims(services: Services) -> None:
    """A failed post's story returns to the queue; another process's claim stays."""
    stories = services.stories
    ids = await _queue(services, 3)
    await stories.claim(ids[:2], "stories", 5000, "a")
    await stories.claim(ids[2:], "stories", 5000, "b")
    await stories.release(ids, "a")
    assert [await _status(stories, i) for i in ids] == [
        ("queued", None),
        ("queued", None),
        ("posting", "b"),
    ]
    released = await stories.get(ids[0])
    assert released is not None and released.claimed_at is None and released.channel_id is None


async def test_recording_a_group_counts_each_publication_once(services: Services) -> None:
    """Only stories still under this process's claim are recorded, and counted once."""
    stories = services.stories
    ids = await _queue(services, 4)
    mine = await stories.claim(ids[:3], "stories", 5000, "a")
    theirs = await stories.claim(ids[3:], "stories", 5000, "b")
    posted: list[tuple[Story, str]] = [(s, f"m{s.id}") for s in mine + theirs]
    assert await stories.mark_posted(posted, 6000, "a") == set(ids[:3])
    for story_id in ids[:3]:
        story = await stories.get(story_id)
        assert story is not None
        assert (story.status, story.message_id, story.posted_at, story.claimed_by) == (
            "posted",
            f"m{story_id}",
            6000,
            None,
        )
    assert await _status(stories, ids[3]) == ("posting", "b")
    # Recording again changes nothing: the claims are gone.
    assert await stories.mark_posted(posted[:1], 6001, "a") == set()
    assert (await weekly(services.db, COMMUNITY, WEEK))["published"] == 3
    assert await stories.mark_posted([], 6002, "a") == set()


async def test_a_withdrawn_story_is_not_recorded(services: Services) -> None:
    """A story deleted while its post was being made is missing from what was recorded."""
    stories = services.stories
    ids = await _queue(services, 2)
    claimed = await stories.claim(ids, "stories", 5000, "a")
    assert await stories.delete(claimed[0])
    recorded = await stories.mark_posted([(s, f"m{s.id}") for s in claimed], 6000, "a")
    assert recorded == {ids[1]}
    assert (await weekly(services.db, COMMUNITY, WEEK))["published"] == 1
