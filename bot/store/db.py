"""The database connection: SQLite through aiosqlite, or PostgreSQL through asyncpg.

Repositories write one dialect: ``?`` placeholders and portable statements. The
two backends differ only where they must, and each difference is handled here:

* ``?`` becomes ``$1, $2, ...`` for asyncpg.
* ``FOR UPDATE`` / ``FOR UPDATE SKIP LOCKED`` is dropped on SQLite, where a write
  transaction (``BEGIN IMMEDIATE``) already excludes every other writer.
* :meth:`Database.scrub` pushes deleted pages out of SQLite's WAL; PostgreSQL has
  no equivalent (see docs/scaling.md).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite
import asyncpg  # type: ignore[import-untyped]

log = logging.getLogger(__name__)

Row = tuple[Any, ...]
_T = TypeVar("_T")

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
_PG_SCHEMES = ("postgresql://", "postgres://")
_FOR_UPDATE = re.compile(r"\s+FOR\s+UPDATE(\s+SKIP\s+LOCKED)?", re.IGNORECASE)


def is_postgres_url(url: str) -> bool:
    """Whether a ``CHORUS_DATABASE`` value names a PostgreSQL server."""
    return url.startswith(_PG_SCHEMES)


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite database setting (a ``sqlite:///`` prefix is accepted)."""
    return Path(url.removeprefix("sqlite:///"))


class Transaction(abc.ABC):
    """Statements inside :meth:`Database.transaction`."""

    @abc.abstractmethod
    async def execute(self, sql: str, *args: Any) -> int:
        """Run a statement; return the number of rows it changed."""

    @abc.abstractmethod
    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run a statement once per row."""

    @abc.abstractmethod
    async def executescript(self, sql: str) -> None:
        """Run several statements (migrations), inside this transaction."""

    @abc.abstractmethod
    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""

    @abc.abstractmethod
    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""


class Database(abc.ABC):
    """The store's connection, whichever engine is behind it.

    SQL is written with ``?`` placeholders and portable statements so the same
    repositories run on SQLite and PostgreSQL.
    """

    dialect: str

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (creating if needed) the SQLite database file at ``path``."""
        return await SQLiteDatabase.connect(path)

    @abc.abstractmethod
    async def close(self) -> None:
        """Release the connection(s)."""

    @abc.abstractmethod
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Transaction]:
        """Run statements atomically; rolled back if the block raises."""

    @abc.abstractmethod
    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""

    @abc.abstractmethod
    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""

    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement in its own transaction; return the rows it changed."""
        async with self.transaction() as tx:
            return await tx.execute(sql, *args)

    @abc.abstractmethod
    async def scrub(self) -> None:
        """Make deleted text unrecoverable from the database's files, where the engine can."""

    @abc.abstractmethod
    async def tables(self) -> list[str]:
        """Names of the tables Chorus created (not the engine's own)."""


async def open_database(url: str) -> Database:
    """Open the database a ``CHORUS_DATABASE`` value names: a PostgreSQL URL or a SQLite path."""
    if is_postgres_url(url):
        return await PostgresDatabase.connect(url)
    return await SQLiteDatabase.connect(sqlite_path(url))


# --- SQLite -------------------------------------------------------------------------


class SQLiteDatabase(Database):
    """One SQLite connection shared by the process; transactions are serialised."""

    dialect = SQLITE

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, path: Path) -> SQLiteDatabase:
        """Open (creating if needed) the database file at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        # secure_delete overwrites deleted content, so withdrawn text leaves the file.
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA secure_delete=ON",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
            "PRAGMA synchronous=NORMAL",
        ):
            await conn.execute(pragma)
        return cls(conn, path)

    async def close(self) -> None:
        """Checkpoint the WAL into the main file and close."""
        async with self._lock:
            try:
                await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError:
                # A statement cut short by cancellation still holds a lock; closing
                # finalizes it, and closing the last connection checkpoints anyway.
                log.debug("checkpoint at close deferred to the close itself")
            await self._conn.close()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run statements atomically; rolled back if the block raises."""
        async with self._lock:
            await _finish(self._statement("BEGIN IMMEDIATE"))
            try:
                yield SQLiteTransaction(self._conn)
            except BaseException:
                await _finish(self._statement("ROLLBACK"))
                raise
            await _finish(self._statement("COMMIT"))

    async def _statement(self, sql: str) -> None:
        await (await self._conn.execute(sql)).close()

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        async with self._lock:
            return await _sqlite_one(self._conn, sql, args)

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        async with self._lock:
            return await _sqlite_all(self._conn, sql, args)

    async def scrub(self) -> None:
        """Push deleted pages out of the WAL so deleted text is gone from every file."""
        async with self._lock:
            await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def tables(self) -> list[str]:
        """Names of the tables Chorus created."""
        rows = await self.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        return [str(r[0]) for r in rows]


def _sqlite_sql(sql: str) -> str:
    return _FOR_UPDATE.sub("", sql)


async def _sqlite_one(conn: aiosqlite.Connection, sql: str, args: Sequence[Any]) -> Row | None:
    rows = await _finish(_sqlite_query(conn, sql, args, one=True))
    return rows[0] if rows else None


async def _sqlite_all(conn: aiosqlite.Connection, sql: str, args: Sequence[Any]) -> list[Row]:
    return await _finish(_sqlite_query(conn, sql, args, one=False))


async def _sqlite_query(
    conn: aiosqlite.Connection, sql: str, args: Sequence[Any], one: bool
) -> list[Row]:
    # One trip to aiosqlite's thread (execute, fetch and close together) instead of
    # three: under a burst each trip waits its turn on a busy event loop.
    rows = await conn.execute_fetchall(_sqlite_sql(sql), tuple(args))
    found = [tuple(r) for r in rows]
    return found[:1] if one else found


async def _finish(work: Coroutine[Any, Any, _T]) -> _T:
    """Run a statement to its end even if the caller is cancelled meanwhile.

    A query abandoned between its steps leaves an unfinished statement, and a
    BEGIN whose caller was cancelled leaves a transaction nobody ends; either keeps
    tables locked (and the WAL from being checkpointed), so a cancelled caller
    waits for the work before the cancellation goes on.
    """
    task = asyncio.ensure_future(work)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await task
        raise


class SQLiteTransaction(Transaction):
    """Statements inside a SQLite transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        """Run a statement; return the number of rows it changed."""
        return await _finish(self._execute(sql, args))

    async def _execute(self, sql: str, args: Sequence[Any]) -> int:
        cur = await self._conn.execute(_sqlite_sql(sql), tuple(args))
        try:
            return int(cur.rowcount)
        finally:
            await cur.close()

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run a statement once per row."""
        await self._conn.executemany(_sqlite_sql(sql), rows)

    async def executescript(self, sql: str) -> None:
        """Run several statements (migrations), inside this transaction."""
        for statement in split_statements(sql):
            await self._conn.execute(statement)

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        return await _sqlite_one(self._conn, sql, args)

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        return await _sqlite_all(self._conn, sql, args)


# --- PostgreSQL ---------------------------------------------------------------------


def to_dollar(sql: str) -> str:
    """Turn ``?`` placeholders into asyncpg's ``$1, $2, ...``, leaving quoted text alone."""
    out: list[str] = []
    n = 0
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            n += 1
            out.append(f"${n}")
            continue
        out.append(ch)
    return "".join(out)


def _changed(status: str) -> int:
    # asyncpg returns the command tag: "UPDATE 3", "INSERT 0 1", "CREATE TABLE".
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresDatabase(Database):
    """A pool of asyncpg connections; transactions run concurrently on the server."""

    dialect = POSTGRESQL

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    @classmethod
    async def connect(cls, url: str, max_size: int = 10) -> PostgresDatabase:
        """Connect a pool to the server at ``url``."""
        pool = await asyncpg.create_pool(url, min_size=1, max_size=max_size)
        return cls(pool)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self._pool.close()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run statements atomically (READ COMMITTED); rolled back if the block raises."""
        async with self._pool.acquire() as conn, conn.transaction():
            yield PostgresTransaction(conn)

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(to_dollar(sql), *args)
        return tuple(row) if row is not None else None

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(to_dollar(sql), *args)
        return [tuple(r) for r in rows]

    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement (autocommit); return the rows it changed."""
        async with self._pool.acquire() as conn:
            return _changed(await conn.execute(to_dollar(sql), *args))

    async def scrub(self) -> None:
        """Nothing to do: PostgreSQL has no switch to overwrite deleted rows (see the docs)."""

    async def tables(self) -> list[str]:
        """Names of the tables in the connection's schema."""
        rows = await self.fetch_all(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
            "ORDER BY table_name"
        )
        return [str(r[0]) for r in rows]


class PostgresTransaction(Transaction):
    """Statements inside a PostgreSQL transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        """Run a statement; return the number of rows it changed."""
        return _changed(await self._conn.execute(to_dollar(sql), *args))

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run a statement once per row (pipelined by asyncpg)."""
        await self._conn.executemany(to_dollar(sql), rows)

    async def executescript(self, sql: str) -> None:
        """Run several statements (migrations), inside this transaction."""
        for statement in split_statements(sql):
            await self._conn.execute(statement)

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        row = await self._conn.fetchrow(to_dollar(sql), *args)
        return tuple(row) if row is not None else None

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        return [tuple(r) for r in await self._conn.fetch(to_dollar(sql), *args)]


def split_statements(sql: str) -> list[str]:
    """Split a migration file into statements, dropping ``--`` comments."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
