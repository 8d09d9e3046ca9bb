"""Many members at once: checked together, stored together, and nobody's answer is wrong."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.api import Invocation, Role, UserRef
from bot.app import Services
from bot.config import Settings
from bot.core.clock import timestamp
from bot.core.intake import Draft, Mode, Problem, Receipt
from bot.core.weeks import local_day
from bot.store.db import Database
from tests.conftest import FakeClock, make_backend_settings

COMMUNITY = "console:burst"
STORY = "On my way home a man followed me for {n} blocks and kept asking where I live."


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """These tests run on SQLite and on PostgreSQL."""
    return make_backend_settings(tmp_path, db_url)


def member(name: str) -> Invocation:
    return Invocation("console", COMMUNITY, UserRef("console", name), Role.MEMBER)


def count_reads(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every read made outside a transaction from now on."""
    seen: list[str] = []
    for name in ("fetch_one", "fetch_all"):
        original: Callable[..., Awaitable[Any]] = getattr(db, name)

        async def counted(sql: str, *args: Any, _original: Any = original) -> Any:
            seen.append(sql)
            return await _original(sql, *args)

        monkeypatch.setattr(db, name, counted)
    return seen


async def community(services: Services, **values: Any) -> None:
    await services.community.ensure_community(COMMUNITY, "console")
    if values:
        await services.community.set(COMMUNITY, **values)


async def test_members_opening_the_form_together_are_checked_with_a_few_reads(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocked, cooling-down and over-the-limit members are refused; the rest may share."""
    await community(services, daily_limit=1, burst_limit=3)
    authors = {n: await services.pseudonyms.author(COMMUNITY, member(n).user) for n in "abc"}
    await services.guard.block(COMMUNITY, authors["a"].pseudonym, authors["a"].key_id, 7)
    for _ in range(3):
        await services.guard.note(COMMUNITY, authors["b"], "withdraw")
    await services.db.execute(
        "INSERT INTO submission_counts (community_id, author, key_id, day, n) "
        "VALUES (?, ?, ?, ?, 1)",
        COMMUNITY,
        authors["c"].pseudonym,
        authors["c"].key_id,
        local_day(clock.now(), "UTC"),
    )
    names = ["a", "b", "c", *(f"m{i}" for i in range(40))]
    reads = count_reads(services.db, monkeypatch)
    problems = await asyncio.gather(*(services.intake.check_limit(member(n)) for n in names))
    assert problems[:3] == [Problem.BLOCKED, Problem.COOLDOWN, Problem.DAILY_LIMIT]
    assert set(problems[3:]) == {None}
    # Settings, refusals and today's counts: a read or so each, not a few per member.
    assert len(reads) <= 6, reads


async def test_a_block_made_just_now_is_seen_by_the_next_check(services: Services) -> None:
    """Checking together never serves an answer read before the block was made."""
    await community(services)
    alex = member("alex")
    assert await services.intake.check_limit(alex) is None
    author = await services.pseudonyms.author(COMMUNITY, alex.user)
    await services.guard.block(COMMUNITY, author.pseudonym, author.key_id, 7)
    assert await services.intake.check_limit(alex) is Problem.BLOCKED


async def previews(services: Services, names: list[str]) -> list[Draft]:
    drafts = await asyncio.gather(
        *(
            services.intake.preview(member(n), STORY.format(n=i + 2), "", Mode.PUBLISH)
            for i, n in enumerate(names)
        )
    )
    assert all(isinstance(d, Draft) for d in drafts), drafts
    return [d for d in drafts if isinstance(d, Draft)]


async def test_confirms_together_are_stored_before_any_receipt_and_keep_the_daily_limit(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One member's second story in the same group meets the limit as if sent after the first."""
    await community(services, daily_limit=1)
    drafts = await previews(services, ["alex", "alex", "sam", "kim"])
    transactions = 0
    original = services.db.transaction

    def counted() -> Any:
        nonlocal transactions
        transactions += 1
        return original()

    monkeypatch.setattr(services.db, "transaction", counted)

    async def confirm(draft: Draft) -> Receipt | Problem:
        outcome = await services.intake.confirm(draft, False)
        if isinstance(outcome, Receipt):
            # Stored (committed) by the time the member is told so.
            rows = await services.db.fetch_all(
                "SELECT status FROM stories WHERE author = ?", draft.author.pseudonym
            )
            assert rows, "a receipt was given before its story was stored"
        return outcome

    outcomes = await asyncio.gather(*(confirm(d) for d in drafts))
    assert [type(o) for o in outcomes] == [Receipt, Problem, Receipt, Receipt]
    assert outcomes[1] is Problem.DAILY_LIMIT
    assert transactions == 1
    stored = await services.db.fetch_all("SELECT text FROM stories ORDER BY text")
    assert len(stored) == 3
    counts = await services.db.fetch_all("SELECT n FROM submission_counts ORDER BY n")
    assert [int(r[0]) for r in counts] == [1, 1, 1]
    received = await services.db.fetch_one(
        "SELECT n FROM weekly_counts WHERE community_id = ? AND metric = 'received'", COMMUNITY
    )
    assert received is not None and int(received[0]) == 3


async def test_a_repeated_story_is_caught_when_previews_come_together(services: Services) -> None:
    """The duplicate check, made for many previews at once, still finds last week's story."""
    await community(services)
    [first] = await previews(services, ["alex"])
    assert isinstance(await services.intake.confirm(first, False), Receipt)
    again = await asyncio.gather(
        *(
            services.intake.preview(member(n), STORY.format(n=2), "", Mode.PUBLISH)
            for n in ("sam", "kim")
        )
    )
    assert again == [Problem.DUPLICATE, Problem.DUPLICATE]


async def test_the_pseudonym_key_is_read_once_per_rotation(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pseudonyms cost no read while the key is active, and change when it expires."""
    first = await services.pseudonyms.author(COMMUNITY, member("alex").user)
    reads = count_reads(services.db, monkeypatch)
    for name in ("alex", "sam", "kim"):
        await services.pseudonyms.author(COMMUNITY, member(name).user)
    assert reads == []
    assert await services.pseudonyms.author(COMMUNITY, member("alex").user) == first
    clock.advance(days=31)
    rotated = await services.pseudonyms.author(COMMUNITY, member("alex").user)
    assert rotated.key_id != first.key_id and rotated.pseudonym != first.pseudonym
    assert reads, "an expired key must be looked up again"
    expiry = await services.db.fetch_one(
        "SELECT expires_at FROM pseudonym_keys WHERE id = ?", rotated.key_id
    )
    assert expiry is not None and int(expiry[0]) > timestamp(clock.now())


async def test_drafts_expire_in_order_and_an_expired_one_is_never_returned(
    services: Services, clock: FakeClock
) -> None:
    """Only the oldest drafts are looked at when expiring, yet none outlives its time."""
    await community(services)
    [old] = await previews(services, ["alex"])
    clock.advance(minutes=20)
    [young] = await previews(services, ["sam"])
    clock.advance(minutes=15)
    assert await services.intake.draft(member("alex"), old.id) is None
    assert await services.intake.draft(member("sam"), young.id) is young
