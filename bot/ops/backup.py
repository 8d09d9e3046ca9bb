"""Backups with SQLite's online backup API, and restores that check before replacing.

A backup reads one consistent snapshot while Chorus keeps writing (WAL readers
never block the writer), so it is safe to take from another process at any time.
The copy is written beside its destination and renamed into place, so a backup
or restore cut short never leaves half a file where a whole one is expected.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.ops.runlock import AlreadyRunning, RunLock
from bot.store.migrate import load_migrations

# Wait this long for the running bot to finish a write before giving up.
BUSY_TIMEOUT_MS = 10_000


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class DatabaseInfo:
    """What a checked database file holds."""

    path: Path
    schema_version: int
    stories: int
    communities: int


@contextlib.contextmanager
def _connect(path: Path, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    target = f"file:{path}?mode=ro" if readonly else str(path)
    conn = sqlite3.connect(target, uri=readonly, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        yield conn
    finally:
        conn.close()


def inspect(conn: sqlite3.Connection, path: Path) -> DatabaseInfo:
    """Check a database's integrity and read its schema version and row counts."""
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable SQLite database ({exc})") from None
    if result != ["ok"]:
        raise BackupError(f"{path} failed its integrity check: {'; '.join(result[:3])}")
    if "schema_version" not in tables:
        raise BackupError(f"{path} is not a Chorus database (it has no schema version)")
    version = _count(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_version")
    stories = _count(conn, "SELECT COUNT(*) FROM stories") if "stories" in tables else 0
    communities = _count(conn, "SELECT COUNT(*) FROM communities") if "communities" in tables else 0
    return DatabaseInfo(path, version, stories, communities)


def _count(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])


def holds_data(path: Path) -> bool:
    """Whether a database file exists and has any row beyond its schema version."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with _connect(path, readonly=True) as conn:
        try:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != 'schema_version'"
                )
            ]
            return any(
                conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{name}")').fetchone()[0]  # noqa: S608 - names from sqlite_master
                for name in tables
            )
        except sqlite3.DatabaseError:
            # Not a database we can read: treat it as something worth keeping.
            return True


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy ``source`` into a private temporary file beside ``destination``."""
    tmp = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        with _connect(tmp) as out:
            source.backup(out)
            # One self-contained file: no WAL beside it to lose when it is copied elsewhere.
            out.execute("PRAGMA journal_mode=DELETE")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def backup_database(database: Path, destination: Path, force: bool = False) -> DatabaseInfo:
    """Write a consistent, checked copy of ``database`` to ``destination``."""
    if not database.exists():
        raise BackupError(f"There is no database at {database} (check CHORUS_DATABASE).")
    if destination.exists() and not force:
        raise BackupError(f"{destination} already exists; choose another path or use --force.")
    if destination.resolve() == database.resolve():
        raise BackupError("The backup path is the database itself; choose another path.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with _connect(database) as source:
        source.execute("PRAGMA query_only=1")
        tmp = _copy(source, destination)
    try:
        with _connect(tmp, readonly=True) as check:
            info = inspect(check, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(destination)
    _fsync_dir(destination.parent)
    return info


def check_backup(backup: Path) -> DatabaseInfo:
    """Check a backup file before it is restored: integrity and a schema we know."""
    if not backup.is_file():
        raise BackupError(f"There is no backup file at {backup}.")
    with _connect(backup, readonly=True) as conn:
        info = inspect(conn, backup)
    latest = len(load_migrations())
    if info.schema_version < 1:
        raise BackupError(f"{backup} has no applied schema; it is not a Chorus backup.")
    if info.schema_version > latest:
        raise BackupError(
            f"{backup} is at schema version {info.schema_version}, but this Chorus only knows "
            f"up to {latest}. Restore it with the Chorus version that made it, or upgrade."
        )
    return info


def restore_database(backup: Path, database: Path, force: bool = False) -> DatabaseInfo:
    """Replace ``database`` with a checked copy of ``backup``.

    Refused while Chorus runs on the database, and when the database holds data
    unless ``force`` is given. The run lock is held throughout, so Chorus cannot
    start half-way through.
    """
    info = check_backup(backup)
    lock = RunLock(database)
    try:
        lock.acquire()
    except AlreadyRunning:
        raise BackupError(
            f"Chorus is running on {database}; stop it before restoring over it."
        ) from None
    try:
        if holds_data(database) and not force:
            raise BackupError(
                f"{database} already holds data; restoring would replace it. "
                "Take a backup of it first, then run restore again with --force."
            )
        database.parent.mkdir(parents=True, exist_ok=True)
        with _connect(backup, readonly=True) as source:
            tmp = _copy(source, database)
        # A WAL left by the old database would be replayed into the new one: remove it.
        for suffix in ("-wal", "-shm", "-journal"):
            database.with_name(database.name + suffix).unlink(missing_ok=True)
        tmp.replace(database)
        _fsync_dir(database.parent)
    finally:
        lock.release()
    return info
