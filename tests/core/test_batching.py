"""Lookups asked together are read together; writes confirmed together commit together."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from bot.core.batching import Coalescer, GroupCommit, Statements
from bot.store.db import Row, Transaction


class Reads:
    """A store that answers ``key -> key.upper()`` and remembers every read it was asked."""

    def __init__(self) -> None:
        self.reads: list[tuple[str, list[str]]] = []
        self.gate: asyncio.Event | None = None

    async def fetch(self, group: str, keys: Sequence[str]) -> Mapping[str, str]:
        self.reads.append((group, list(keys)))
        if self.gate is not None:
            await self.gate.wait()
        await asyncio.sleep(0)
        return {k: k.upper() for k in keys if k != "missing"}


async def test_lookups_asked_together_share_one_read_per_group() -> None:
    """A burst of lookups costs one read per group, and each gets its own answer."""
    store = Reads()
    lookups: Coalescer[str, str] = Coalescer(store.fetch, "none")
    asked = [("a", "x"), ("a", "y"), ("b", "z"), ("a", "x"), ("a", "missing")]
    answers = await asyncio.gather(*(lookups.get(g, k) for g, k in asked))
    assert answers == ["X", "Y", "Z", "X", "none"]
    assert sorted(g for g, _ in store.reads) == ["a", "b"]


async def test_a_lookup_made_during_a_read_waits_for_a_fresh_one() -> None:
    """Nobody gets an answer read before they asked."""
    store = Reads()
    store.gate = asyncio.Event()
    lookups: Coalescer[str, str] = Coalescer(store.fetch, "none")
    first = asyncio.ensure_future(lookups.get("a", "x"))
    await asyncio.sleep(0.01)
    second = asyncio.ensure_future(lookups.get("a", "y"))
    await asyncio.sleep(0.01)
    store.gate.set()
    assert await asyncio.gather(first, second) == ["X", "Y"]
    assert store.reads == [("a", ["x"]), ("a", ["y"])]


async def test_a_failed_read_reaches_everyone_who_asked_and_the_next_round_still_runs() -> None:
    """An error is raised to each caller of that read; later lookups are served again."""
    calls = 0

    async def flaky(group: str, keys: Sequence[str]) -> Mapping[str, int]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("store unavailable")
        return dict.fromkeys(keys, 1)

    lookups: Coalescer[str, int] = Coalescer(flaky, 0)
    results = await asyncio.gather(
        lookups.get("a", "x"), lookups.get("a", "y"), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)
    assert await lookups.get("a", "x") == 1


async def test_a_caller_giving_up_does_not_disturb_the_others() -> None:
    """A cancelled lookup is dropped; the rest of its round is answered."""
    store = Reads()
    store.gate = asyncio.Event()
    lookups: Coalescer[str, str] = Coalescer(store.fetch, "none")
    kept = asyncio.ensure_future(lookups.get("a", "x"))
    dropped = asyncio.ensure_future(lookups.get("a", "y"))
    await asyncio.sleep(0.01)
    dropped.cancel()
    store.gate.set()
    assert await kept == "X"
    assert dropped.cancelled()


class Writes:
    """Writes groups of numbers, failing any group that holds a 13."""

    def __init__(self) -> None:
        self.groups: list[list[int]] = []
        self.committed: list[int] = []

    async def write(self, items: Sequence[int]) -> list[int]:
        self.groups.append(list(items))
        await asyncio.sleep(0)
        if 13 in items:
            raise ValueError("unlucky")
        self.committed.extend(items)
        return [i * 10 for i in items]


async def test_work_submitted_together_is_written_together_in_order() -> None:
    """One write for a burst, each caller getting its own result once it committed."""
    writes = Writes()
    commits: GroupCommit[int, int] = GroupCommit(writes.write)

    async def submit(i: int) -> int:
        result = await commits.submit(i)
        assert i in writes.committed  # the result comes only after the write
        return result

    assert await asyncio.gather(*(submit(i) for i in range(5))) == [0, 10, 20, 30, 40]
    assert writes.groups == [[0, 1, 2, 3, 4]]


async def test_groups_are_bounded() -> None:
    """A long queue is written in groups of at most ``max_group``."""
    writes = Writes()
    commits: GroupCommit[int, int] = GroupCommit(writes.write, max_group=2)
    await asyncio.gather(*(commits.submit(i) for i in range(5)))
    assert writes.groups == [[0, 1], [2, 3], [4]]


async def test_one_bad_item_fails_alone() -> None:
    """When a group fails, its items are written one by one: only the bad one fails."""
    writes = Writes()
    commits: GroupCommit[int, int] = GroupCommit(writes.write)
    results = await asyncio.gather(*(commits.submit(i) for i in (1, 13, 2)), return_exceptions=True)
    assert results[0] == 10 and results[2] == 20
    assert isinstance(results[1], ValueError)
    assert sorted(writes.committed) == [1, 2]


class Recorder(Transaction):
    """A transaction that records what it is asked to run."""

    def __init__(self) -> None:
        self.many: list[tuple[str, list[tuple[Any, ...]]]] = []

    async def execute(self, sql: str, *args: Any) -> int:
        raise AssertionError("statements should arrive as executemany")

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.many.append((sql, [tuple(r) for r in rows]))

    async def executescript(self, sql: str) -> None:
        raise AssertionError("no scripts")

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        raise AssertionError("no reads")

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        raise AssertionError("no reads")


async def test_collected_writes_go_once_per_statement_in_first_seen_order() -> None:
    """Rows written one at a time are sent as one executemany per statement."""
    writes = Statements()
    await writes.execute("INSERT INTO a VALUES (?)", 1)
    await writes.execute("INSERT INTO b VALUES (?)", 2)
    await writes.executemany("INSERT INTO a VALUES (?)", [(3,), (4,)])
    tx = Recorder()
    await writes.send(tx)
    assert tx.many == [
        ("INSERT INTO a VALUES (?)", [(1,), (3,), (4,)]),
        ("INSERT INTO b VALUES (?)", [(2,)]),
    ]


async def test_collected_writes_refuse_reads() -> None:
    """A repository that reads cannot be collected: it is told so, loudly."""
    with pytest.raises(NotImplementedError):
        await Statements().fetch_one("SELECT 1")
