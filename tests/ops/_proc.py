"""Helpers to drive `python -m bot ...` as a real subprocess on a temporary database."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tests.conftest import SECRET

TOKENS = (
    "DISCORD_TOKEN",
    "DISCORD_APPLICATION_ID",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
    "CHORUS_METRICS_PORT",
    "CHORUS_METRICS_HOST",
    "CHORUS_FAILPOINTS",
    "CHORUS_LOG_FORMAT",
)


def environment(folder: Path, **env: str) -> dict[str, str]:
    """A clean environment pointing Chorus at ``folder``."""
    base = {k: v for k, v in os.environ.items() if k not in TOKENS}
    return {
        **base,
        "CHORUS_DATABASE": str(folder / "chorus.sqlite3"),
        "CHORUS_SECRET_KEY": SECRET,
        "CHORUS_LOG_LEVEL": "INFO",
        **env,
    }


def chorus(
    folder: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """Run one chorus command to completion."""
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=90,
        cwd=folder,
        env=environment(folder, **env),
        check=False,
    )


def start_console(folder: Path, **env: str) -> subprocess.Popen[str]:
    """Start `chorus run --console` with a pipe we write commands to."""
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
        env=environment(folder, **env),
    )


def send(proc: subprocess.Popen[str], lines: Iterable[str]) -> None:
    """Type lines into a running console."""
    assert proc.stdin is not None
    proc.stdin.write("".join(line + "\n" for line in lines))
    proc.stdin.flush()


def wait_for(proc: subprocess.Popen[str], marker: str) -> list[str]:
    """Read standard output until a line containing ``marker``; return what was read."""
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if marker in line:
            return seen
    raise AssertionError(f"{marker!r} never appeared; output ended with {seen[-5:]}")


def story(i: int) -> str:
    """A distinct, harmless story text."""
    return f"Story {i}: the conductor said women cannot drive trains, number {i * 7919}."


def seed_script(count: int) -> list[str]:
    """Console lines that share ``count`` stories, each from its own member, and allow posting."""
    lines = ["/as admin dana", "/config schedule min-delay:0 min-pool:1 batch:20"]
    for i in range(count):
        lines += [f"/as member m{i}", "/share", story(i), "", "", "1", "Confirm"]
    return [*lines, "/as admin dana"]


def posted_nonces(folder: Path) -> list[str]:
    """Nonces of the posts in the console story channel."""
    path = folder / "console-channels.json"
    if not path.exists():
        return []
    channel: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return [m["nonce"] for m in channel["stories"] if "nonce" in m]


def stories(database: Path) -> dict[str, str]:
    """Story id → status, read straight from the file."""
    with sqlite3.connect(database) as conn:
        return dict(conn.execute("SELECT id, status FROM stories").fetchall())


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
