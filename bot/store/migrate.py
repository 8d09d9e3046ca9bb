"""Numbered SQL migrations (``migrations/V{n}__desc.sql``), applied in one transaction."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.store.db import Database, Transaction

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
_NAME = re.compile(r"^V(\d+)__([A-Za-z0-9_]+)\.sql$")


class MigrationError(RuntimeError):
    """The database cannot be brought to the code's schema."""


@dataclass(frozen=True)
class Migration:
    """One numbered schema step."""

    version: int
    name: str
    sql: str


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration in ``directory``, in order; gaps and duplicates are errors."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if m is None:
            raise MigrationError(f"{path.name} is not named V<number>__<description>.sql")
        version = int(m.group(1))
        if version in found:
            raise MigrationError(f"two migrations have version {version}")
        found[version] = Migration(version, m.group(2), path.read_text(encoding="utf-8"))
    versions = sorted(found)
    if versions != list(range(1, len(versions) + 1)):
        raise MigrationError(f"migration versions must run 1..n without gaps, found {versions}")
    return [found[v] for v in versions]


async def current_version(tx: Transaction) -> int:
    """The schema version recorded in the database (0 for a new one)."""
    await tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = await tx.fetch_one("SELECT MAX(version) FROM schema_version")
    return int(row[0]) if row and row[0] is not None else 0


async def migrate(db: Database, migrations: list[Migration] | None = None) -> int:
    """Apply pending migrations in one transaction and return the resulting version.

    A database newer than the code is refused rather than touched.
    """
    steps = load_migrations() if migrations is None else migrations
    latest = steps[-1].version if steps else 0
    async with db.transaction() as tx:
        version = await current_version(tx)
        if version > latest:
            raise MigrationError(
                f"The database is at schema version {version}, but this Chorus only knows "
                f"up to {latest}. Upgrade Chorus, or restore a backup made by this version."
            )
        for step in steps[version:]:
            await tx.executescript(step.sql)
            await tx.execute("INSERT INTO schema_version (version) VALUES (?)", step.version)
            log.info("applied migration V%d %s", step.version, step.name)
        return latest
