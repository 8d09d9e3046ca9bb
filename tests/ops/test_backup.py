"""`chorus backup` and `chorus restore`: consistent copies taken live, restores that check first."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from bot.ops.backup import backup_database
from tests.ops._proc import (
    chorus,
    posted_nonces,
    seed_script,
    send,
    start_console,
    stories,
    wait_for,
)

COUNT = 100


def _tables(database: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(database) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


def _ready_database(folder: Path) -> Path:
    result = chorus(folder, "run", "--console", stdin="\n".join(seed_script(3)) + "\n")
    assert result.returncode == 0, result.stderr
    return folder / "chorus.sqlite3"


def test_backup_taken_during_a_posting_burst_restores_every_row(tmp_path: Path) -> None:
    """Backups taken while posting are consistent; a restored one starts and finishes every post."""
    live = tmp_path / "live"
    proc = start_console(live)
    send(proc, [*seed_script(COUNT), *["/publish-now"] * (COUNT // 20)])
    wait_for(proc, "new post")
    # This test process is the "other process": it backs up while the bot posts.
    backups = []
    while proc.poll() is None and len(backups) < 20:
        target = tmp_path / f"backup-{len(backups)}.sqlite3"
        backup_database(live / "chorus.sqlite3", target)
        backups.append(target)
    _, err = proc.communicate(timeout=60)  # closes input: the console ends after the burst
    assert proc.returncode == 0, err
    assert backups
    chosen = backups[len(backups) // 2]
    snapshot = stories(chosen)
    assert len(snapshot) == COUNT  # every story was confirmed before posting began
    fresh = tmp_path / "fresh"
    restored = chorus(fresh, "restore", str(chosen))
    assert restored.returncode == 0, restored.stderr
    assert _tables(fresh / "chorus.sqlite3") == _tables(chosen)
    started = chorus(
        fresh,
        "run",
        "--console",
        stdin="\n".join(["/as admin dana", *["/publish-now"] * (COUNT // 20 + 1)]) + "\n",
    )
    assert started.returncode == 0, started.stderr
    after = stories(fresh / "chorus.sqlite3")
    assert set(after) == set(snapshot)
    assert set(after.values()) == {"posted"}
    unposted_then = sorted(i for i, status in snapshot.items() if status != "posted")
    assert sorted(posted_nonces(fresh)) == unposted_then


def test_backup_command_writes_a_private_checked_copy(tmp_path: Path) -> None:
    """`chorus backup PATH` writes a self-contained file only its owner can read."""
    database = _ready_database(tmp_path)
    target = tmp_path / "copies" / "chorus-backup.sqlite3"
    result = chorus(tmp_path, "backup", str(target))
    assert result.returncode == 0, result.stderr
    assert "3 stories" in result.stdout
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert _tables(target) == _tables(database)
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_does_not_overwrite_without_force(tmp_path: Path) -> None:
    """An existing backup file is kept unless --force is given."""
    _ready_database(tmp_path)
    target = tmp_path / "b.sqlite3"
    target.write_bytes(b"keep me")
    refused = chorus(tmp_path, "backup", str(target))
    assert refused.returncode == 1
    assert target.read_bytes() == b"keep me"
    forced = chorus(tmp_path, "backup", str(target), "--force")
    assert forced.returncode == 0, forced.stderr


def test_restore_refuses_a_database_that_holds_data(tmp_path: Path) -> None:
    """Restoring over a database with data needs --force; the data is untouched otherwise."""
    source = _ready_database(tmp_path / "a")
    backup = tmp_path / "backup.sqlite3"
    backup_database(source, backup)
    other = tmp_path / "b"
    chorus(other, "run", "--console", stdin="/help\n")
    before = _tables(other / "chorus.sqlite3")
    refused = chorus(other, "restore", str(backup))
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert _tables(other / "chorus.sqlite3") == before
    forced = chorus(other, "restore", str(backup), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _tables(other / "chorus.sqlite3") == _tables(backup)


def test_restore_refuses_while_chorus_is_running(tmp_path: Path) -> None:
    """Even with --force, a database in use by a running Chorus is not replaced."""
    source = _ready_database(tmp_path / "a")
    backup = tmp_path / "backup.sqlite3"
    backup_database(source, backup)
    live = tmp_path / "live"
    proc = start_console(live)
    send(proc, ["/help"])
    wait_for(proc, "Console commands")
    refused = chorus(live, "restore", str(backup), "--force")
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert refused.returncode == 1
    assert "running" in refused.stderr


def test_restore_refuses_a_damaged_backup(tmp_path: Path) -> None:
    """A file that fails SQLite's checks is refused before anything is replaced."""
    source = _ready_database(tmp_path / "a")
    backup = tmp_path / "backup.sqlite3"
    backup_database(source, backup)
    data = bytearray(backup.read_bytes())
    page = 4096
    data[page + 8 : page * 3] = b"\xff" * (page * 3 - page - 8)
    backup.write_bytes(bytes(data))
    result = chorus(tmp_path / "fresh", "restore", str(backup))
    assert result.returncode == 1
    assert not (tmp_path / "fresh" / "chorus.sqlite3").exists()


def test_restore_refuses_a_backup_from_a_newer_chorus(tmp_path: Path) -> None:
    """A backup whose schema is newer than this code knows is refused with advice."""
    source = _ready_database(tmp_path / "a")
    backup = tmp_path / "backup.sqlite3"
    backup_database(source, backup)
    with sqlite3.connect(backup) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    result = chorus(tmp_path / "fresh", "restore", str(backup))
    assert result.returncode == 1
    assert "schema version 99" in result.stderr
