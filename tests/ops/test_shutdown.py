"""SIGTERM during a posting burst: nothing lost, nothing posted twice, the store closed cleanly."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("signals", [1, 2])
def test_sigterm_mid_burst_loses_nothing(tmp_path: Path, signals: int) -> None:
    """SIGTERM (once: finish in hand; twice: cut short) while posting; a restart posts each once."""
    proc = start_console(tmp_path)
    send(proc, [*seed_script(COUNT), *["/publish-now"] * (COUNT // 20)])
    wait_for(proc, "new post")
    for _ in range(signals):
        proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    wal = tmp_path / "chorus.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "WAL was not checkpointed"
    again = chorus(
        tmp_path,
        "run",
        "--console",
        stdin="\n".join(["/as admin dana", *["/publish-now"] * (COUNT // 20 + 1)]) + "\n",
    )
    assert again.returncode == 0, again.stderr
    rows = stories(tmp_path / "chorus.sqlite3")
    assert len(rows) == COUNT
    assert set(rows.values()) == {"posted"}
    nonces = posted_nonces(tmp_path)
    assert sorted(nonces) == sorted(rows), "a story was posted twice or not at all"


def test_sigterm_while_waiting_for_input_ends_promptly(tmp_path: Path) -> None:
    """A console blocked reading an open standard input still stops on SIGTERM."""
    proc = start_console(tmp_path)
    send(proc, ["/help"])
    wait_for(proc, "Console commands")
    proc.send_signal(signal.SIGTERM)
    # Standard input stays open: a reader thread that blocks exit would hang here.
    code = proc.wait(timeout=30)
    assert proc.stdin is not None
    proc.stdin.close()
    assert code == 0


def test_a_second_run_on_the_same_database_is_refused(tmp_path: Path) -> None:
    """While one Chorus runs on a database, another start exits with a clear message."""
    proc = start_console(tmp_path)
    send(proc, ["/help"])
    wait_for(proc, "Console commands")
    second = chorus(tmp_path, "run", "--console", stdin="/help\n")
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert second.returncode == 2
    assert "already running" in second.stderr
