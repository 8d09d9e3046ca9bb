"""Migrations: numbered files, one transaction, version kept in the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.db import Database
from bot.store.migrate import Migration, MigrationError, load_migrations, migrate


async def test_applies_all_migrations_and_records_the_version(tmp_path: Path) -> None:
    """A new database ends at the latest version, recorded inside it."""
    db = await Database.open(tmp_path / "a.sqlite3")
    version = await migrate(db)
    assert version == load_migrations()[-1].version
    row = await db.fetch_one("SELECT MAX(version) FROM schema_version")
    assert row == (version,)
    await db.close()


async def test_migrating_twice_changes_nothing(tmp_path: Path) -> None:
    """Applying migrations again is a no-op."""
    db = await Database.open(tmp_path / "a.sqlite3")
    await migrate(db)
    await migrate(db)
    rows = await db.fetch_all("SELECT version FROM schema_version")
    assert len(rows) == len(load_migrations())
    await db.close()


async def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    """A schema version beyond the code's is refused with a clear message."""
    db = await Database.open(tmp_path / "a.sqlite3")
    await migrate(db)
    await db.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(MigrationError, match="schema version 999"):
        await migrate(db)
    await db.close()


async def test_a_failing_migration_leaves_nothing_applied(tmp_path: Path) -> None:
    """Migrations run in one transaction: a broken step rolls back the earlier ones."""
    db = await Database.open(tmp_path / "a.sqlite3")
    steps = [
        Migration(1, "ok", "CREATE TABLE a (x INTEGER)"),
        Migration(2, "broken", "CREATE TABLE b (x INTEGER); NOT SQL AT ALL"),
    ]
    with pytest.raises(Exception, match="syntax error"):
        await migrate(db, steps)
    tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')")
    assert tables == []
    await db.close()


def test_gaps_in_numbering_are_refused(tmp_path: Path) -> None:
    """Migration files must be numbered 1..n."""
    (tmp_path / "V1__a.sql").write_text("SELECT 1")
    (tmp_path / "V3__c.sql").write_text("SELECT 1")
    with pytest.raises(MigrationError, match="without gaps"):
        load_migrations(tmp_path)


def test_badly_named_files_are_refused(tmp_path: Path) -> None:
    """Only V<n>__<desc>.sql files are migrations."""
    (tmp_path / "init.sql").write_text("SELECT 1")
    with pytest.raises(MigrationError, match="not named"):
        load_migrations(tmp_path)


async def test_the_database_uses_wal_and_secure_delete(tmp_path: Path) -> None:
    """WAL journaling and secure deletion are on."""
    db = await Database.open(tmp_path / "a.sqlite3")
    assert await db.fetch_one("PRAGMA journal_mode") == ("wal",)
    assert await db.fetch_one("PRAGMA secure_delete") == (1,)
    await db.close()
