"""The database connection: SQLite through aiosqlite, WAL, secure deletion."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import aiosqlite

Row = tuple[Any, ...]


class Database:
    """One SQLite connection shared by the process; transactions are serialised.

    SQL is written with ``?`` placeholders and portable statements so the same
    repositories can later run on another engine.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Database:
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
            await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            await self._conn.close()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run statements atomically; rolled back if the block raises."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._conn)
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        async with self._lock:
            cur = await self._conn.execute(sql, args)
            row = await cur.fetchone()
            await cur.close()
            return tuple(row) if row is not None else None

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        async with self._lock:
            cur = await self._conn.execute(sql, args)
            rows = await cur.fetchall()
            await cur.close()
            return [tuple(r) for r in rows]

    async def execute(self, sql: str, *args: Any) -> int:
        """Run one statement in its own transaction; return the rows it changed."""
        async with self.transaction() as tx:
            return await tx.execute(sql, *args)

    async def scrub(self) -> None:
        """Push deleted pages out of the WAL so deleted text is gone from every file."""
        async with self._lock:
            await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class Transaction:
    """Statements inside :meth:`Database.transaction`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        """Run a statement; return the number of rows it changed."""
        cur = await self._conn.execute(sql, args)
        count = cur.rowcount
        await cur.close()
        return count

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run a statement once per row."""
        await self._conn.executemany(sql, rows)

    async def executescript(self, sql: str) -> None:
        """Run several statements (migrations), inside this transaction."""
        for statement in split_statements(sql):
            await self._conn.execute(statement)

    async def fetch_one(self, sql: str, *args: Any) -> Row | None:
        """The first row of a query, or None."""
        cur = await self._conn.execute(sql, args)
        row = await cur.fetchone()
        await cur.close()
        return tuple(row) if row is not None else None

    async def fetch_all(self, sql: str, *args: Any) -> list[Row]:
        """Every row of a query."""
        cur = await self._conn.execute(sql, args)
        rows = await cur.fetchall()
        await cur.close()
        return [tuple(r) for r in rows]


def split_statements(sql: str) -> list[str]:
    """Split a migration file into statements, dropping ``--`` comments."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
