"""Moving a SQLite database into PostgreSQL: every row, and the schema version."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.store.db import POSTGRESQL, SQLITE, Database
from bot.store.migrate import MigrationError, migrate

log = logging.getLogger(__name__)

_BATCH = 1000


class CopyError(RuntimeError):
    """The copy cannot be made; nothing was written."""


@dataclass(frozen=True)
class CopyResult:
    """What was copied."""

    version: int
    rows: dict[str, int]


async def _order(source: Database, tables: list[str]) -> list[str]:
    """Tables in an order that inserts every referenced row before its references."""
    needs: dict[str, set[str]] = {}
    for table in tables:
        rows = await source.fetch_all(f"SELECT * FROM pragma_foreign_key_list('{table}')")  # noqa: S608 - names from sqlite_master
        needs[table] = {str(r[2]) for r in rows if str(r[2]) != table}
    ordered: list[str] = []
    while needs:
        ready = sorted(t for t, deps in needs.items() if deps <= set(ordered))
        if not ready:
            raise CopyError(f"foreign keys form a cycle among {sorted(needs)}")
        ordered += ready
        for table in ready:
            del needs[table]
    return ordered


async def copy_database(source: Database, target: Database) -> CopyResult:
    """Copy every row of ``source`` (SQLite) into an empty ``target`` (PostgreSQL).

    The source is migrated to the code's schema first, the target gets the same
    schema through the same migrations, then rows are copied table by table in one
    transaction and identity sequences are moved past the copied ids.
    """
    if source.dialect != SQLITE or target.dialect != POSTGRESQL:
        raise CopyError("the copy goes from a SQLite database to a PostgreSQL database")
    existing = await target.tables()
    if existing:
        raise CopyError(
            "the target database is not empty (it has tables: "
            f"{', '.join(existing[:5])}); give an empty database"
        )
    version = await migrate(source)
    try:
        await migrate(target)
    except MigrationError as exc:
        raise CopyError(str(exc)) from exc
    tables = [t for t in await source.tables() if t != "schema_version"]
    missing = set(tables) - set(await target.tables())
    if missing:
        raise CopyError(f"the target lacks tables {sorted(missing)}")
    identity = {
        str(r[0])
        for r in await target.fetch_all(
            "SELECT table_name FROM information_schema.columns WHERE is_identity = 'YES' "
            "AND column_name = 'id' AND table_schema = current_schema()"
        )
    }
    copied: dict[str, int] = {}
    async with target.transaction() as tx:
        for table in await _order(source, tables):
            columns = [str(r[1]) for r in await source.fetch_all(f"PRAGMA table_info('{table}')")]
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            rows = await source.fetch_all(f"SELECT {names} FROM {table}")  # noqa: S608 - names from the schema
            insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            for start in range(0, len(rows), _BATCH):
                await tx.executemany(insert, rows[start : start + _BATCH])
            copied[table] = len(rows)
            if table in identity:
                # Identity columns count on from the copied ids, not from 1.
                # Table names come from the schema, never from input.
                sql = (
                    "SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM "
                )
                bump = (
                    sql
                    + table
                    + "), 0) + 1, false) WHERE pg_get_serial_sequence(?, 'id') IS NOT NULL"
                )
                await tx.fetch_one(bump, table, table)
            log.info("copied %d rows of %s", len(rows), table)
    return CopyResult(version, copied)
