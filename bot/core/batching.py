"""Many members asking the store the same kind of question at once, answered together.

When a thousand members open the form in the same second, a thousand identical
lookups would queue one behind another on the store.  A :class:`Coalescer`
answers every lookup that arrives while the store is busy with one read in the
next round, so a burst costs a few reads and a lone member still costs one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from bot.store.db import Row, Transaction

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Fetch = Callable[[str, Sequence[K]], Awaitable[Mapping[K, V]]]


class _Rounds:
    """Work that waits is taken in rounds by one task, started when there is some."""

    _runner: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        raise NotImplementedError

    def _start_rounds(self, loop: asyncio.AbstractEventLoop) -> None:
        """Make sure a task is taking rounds on ``loop`` (a finished one is replaced)."""
        runner = self._runner
        if runner is None or runner.done() or runner.get_loop() is not loop:
            self._runner = loop.create_task(self._run())


class Coalescer(_Rounds, Generic[K, V]):
    """Lookups of keys within groups (communities), answered a group at a time.

    ``fetch(group, keys)`` returns what it found by key; a key it leaves out gets
    ``missing``.  Every lookup is answered by a read that started after it was
    asked, so nobody gets an answer older than their question.
    """

    def __init__(self, fetch: Fetch[K, V], missing: V) -> None:
        self._fetch = fetch
        self._missing = missing
        self._waiting: dict[str, list[tuple[K, asyncio.Future[V]]]] = {}

    async def get(self, group: str, key: K) -> V:
        """What ``fetch`` says about ``key`` in ``group``, read with everyone else waiting."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[V] = loop.create_future()
        self._waiting.setdefault(group, []).append((key, future))
        self._start_rounds(loop)
        return await future

    async def _run(self) -> None:
        # Lookups made while a round waits on the store are served by the next round.
        while self._waiting:
            batch, self._waiting = self._waiting, {}
            for group, asked in batch.items():
                live = [(key, future) for key, future in asked if not future.done()]
                if live:
                    await self._answer(group, live, batch)

    async def _answer(
        self,
        group: str,
        asked: list[tuple[K, asyncio.Future[V]]],
        batch: dict[str, list[tuple[K, asyncio.Future[V]]]],
    ) -> None:
        try:
            found = await self._fetch(group, [key for key, _ in asked])
        except asyncio.CancelledError:
            # Stopping: nobody still waiting should wait forever.
            for waiting in (*batch.values(), *self._waiting.values()):
                for _, future in waiting:
                    future.cancel()
            self._waiting = {}
            raise
        except Exception as exc:
            # Handed to every caller waiting on this read, each of whom sees it raised.
            for _, future in asked:
                if not future.done():
                    future.set_exception(exc)
            return
        for key, future in asked:
            if not future.done():
                future.set_result(found.get(key, self._missing))


T = TypeVar("T")
R = TypeVar("R")

Write = Callable[[Sequence[T]], Awaitable[Sequence[R]]]


class GroupCommit(_Rounds, Generic[T, R]):
    """Units of work written to the store together, one transaction for each group.

    ``write(items)`` writes a group in one transaction and returns one result per
    item, in order; each caller gets its result only once that transaction has
    committed.  Work submitted while a group is being written forms the next one.
    If a group fails, its items are written again one by one, so one bad item
    cannot take its neighbours down with it.
    """

    def __init__(self, write: Write[T, R], max_group: int = 128) -> None:
        self._write = write
        self._max = max_group
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []

    async def submit(self, item: T) -> R:
        """Write ``item`` with whatever else is waiting; its result once committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self._waiting.append((item, future))
        self._start_rounds(loop)
        return await future

    async def _run(self) -> None:
        while self._waiting:
            group = self._waiting[: self._max]
            del self._waiting[: self._max]
            # Work whose caller gave up before its group started is not written.
            live = [(item, future) for item, future in group if not future.done()]
            try:
                if live:
                    await self._group(live)
            except asyncio.CancelledError:
                for _, future in (*group, *self._waiting):
                    future.cancel()
                self._waiting = []
                raise

    async def _group(self, group: list[tuple[T, asyncio.Future[R]]]) -> None:
        try:
            results = await self._write([item for item, _ in group])
        except Exception as exc:
            if len(group) == 1:
                _fail(group[0][1], exc)
                return
            for item, future in group:
                try:
                    result = (await self._write([item]))[0]
                except Exception as alone:
                    _fail(future, alone)
                else:
                    _settle(future, result)
            return
        for (_, future), result in zip(group, results, strict=True):
            _settle(future, result)


def _settle(future: asyncio.Future[R], result: R) -> None:
    if not future.done():
        future.set_result(result)


def _fail(future: asyncio.Future[R], exc: Exception) -> None:
    if not future.done():
        future.set_exception(exc)


class Statements(Transaction):
    """Writes collected instead of run, to be sent once for a whole group of rows.

    Repositories write a row at a time (``Stories.add``, ``bump``); handing them
    this instead of a transaction collects their statements, and :meth:`send`
    runs each distinct statement once with every row it was given, in the order
    first seen.  Only writes can be collected: a repository that reads is refused.
    """

    def __init__(self) -> None:
        self._rows: dict[str, list[Sequence[Any]]] = {}

    async def execute(self, sql: str, *args: Any) -> int:
        """Collect one statement; it is counted as one row changed."""
        self._rows.setdefault(sql, []).append(args)
        return 1

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Collect a statement for several rows."""
        self._rows.setdefault(sql, []).extend(rows)

    async def executescript(self, sql: str) -> None:
        """Refused: scripts are not row writes."""
        raise NotImplementedError("only row writes can be collected")

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """Refused: a collected write has no result to read yet."""
        raise NotImplementedError("only writes can be collected, not reads")

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Refused: a collected write has no result to read yet."""
        raise NotImplementedError("only writes can be collected, not reads")

    async def send(self, tx: Transaction) -> None:
        """Run everything collected inside ``tx``, one ``executemany`` per statement."""
        for sql, rows in self._rows.items():
            await tx.executemany(sql, rows)
        self._rows.clear()
