"""`chorus run --console` as a scripted subprocess: the journey, privacy, crash safety."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SECRET

USER = "zephyrinequill"
EMAIL = "zq.private@quillmail.example"
PHONE = "+44 7911 123456"
POSTED = f"The night porter kept calling {PHONE} and wrote to {EMAIL} about me."
WITHDRAWN = "Lanternfish umbrellas drifted past the seventh marmalade window."
COUNTED = "Obsidian kettles whistled beside the quiet tangerine archive."
CANCELLED = "Velvet semaphores blinked above the marzipan harbour."


def _run(tmp: Path, script: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CHORUS_DATABASE": str(tmp / "chorus.sqlite3"),
        "CHORUS_SECRET_KEY": SECRET,
        "CHORUS_LOG_LEVEL": "DEBUG",
        **env,
    }
    for key in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        environment.pop(key, None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--console"],
        input="\n".join(script) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp,
        env=environment,
        check=False,
    )


def _share(story: str, mode: str = "1") -> list[str]:
    return ["/share", story, "", "", mode]


def _code(output: str) -> str:
    codes = re.findall(r"\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*", output)
    assert codes, output
    return codes[-1]


def _files(tmp: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp.glob("chorus.sqlite3*"))


def test_the_scripted_journey_leaves_no_identity_or_original_text(tmp_path: Path) -> None:
    """After a full journey the database files and logs hold no id, name or original text."""
    first = _run(
        tmp_path,
        [
            "/help",
            f"/as member {USER}",
            *_share(POSTED),
            "Confirm",
            *_share(WITHDRAWN),
            "Confirm",
        ],
    )
    assert first.returncode == 0, first.stderr
    withdraw_code = _code(first.stdout)
    second = _run(
        tmp_path,
        [
            f"/as member {USER}",
            *_share(COUNTED, mode="2"),
            "Confirm",
            *_share(CANCELLED),
            "Cancel",
            f"/withdraw {withdraw_code}",
            "/as admin dana",
            "/config schedule min-delay:0 min-pool:1",
            "/publish-now",
            "/publish-now",
        ],
    )
    assert second.returncode == 0, second.stderr
    assert "withdrawn" in second.stdout
    channel = json.loads((tmp_path / "console-channels.json").read_text())
    posted = [m["text"] for m in channel["stories"]]
    assert len(posted) == 1 and "night porter" in posted[0]
    stored = _files(tmp_path)
    logs = first.stderr + second.stderr
    assert "DEBUG" in logs or "INFO" in logs  # logs were really captured
    # The long-running bot runs on uvloop where it installs (everywhere but Windows).
    assert "event loop: uvloop" in first.stderr
    for secret in (USER, EMAIL, PHONE, POSTED, WITHDRAWN, COUNTED, CANCELLED, "dana"):
        assert secret.encode() not in stored, secret
        assert secret not in logs, secret
    for fragment in ("Lanternfish", "Obsidian kettles", "Velvet semaphores"):
        assert fragment.encode() not in stored, fragment


def test_local_secret_is_generated_once_and_private(tmp_path: Path) -> None:
    """Without CHORUS_SECRET_KEY, a secret file readable only by its owner is made once."""
    env = {"CHORUS_SECRET_KEY": ""}
    _run(tmp_path, ["/help"], **env)
    secret = tmp_path / "secret.key"
    first = secret.read_bytes()
    assert oct(secret.stat().st_mode & 0o777) == "0o600"
    _run(tmp_path, ["/help"], **env)
    assert secret.read_bytes() == first


@pytest.mark.parametrize("point", ["publisher.claimed", "publisher.posted", "publisher.recorded"])
def test_a_crash_at_any_posting_step_posts_exactly_once(tmp_path: Path, point: str) -> None:
    """SIGKILL at each step of posting, then a restart: the story is posted exactly once."""
    crashed = _run(
        tmp_path,
        [
            *_share("The bus driver said girls can't fix engines."),
            "Confirm",
            "/as admin dana",
            "/config schedule min-delay:0 min-pool:1",
            "/publish-now",
        ],
        CHORUS_FAILPOINTS=point,
    )
    assert crashed.returncode == -9, crashed.stderr
    again = _run(tmp_path, ["/as admin dana", "/publish-now", "/publish-now"])
    assert again.returncode == 0, again.stderr
    channel = json.loads((tmp_path / "console-channels.json").read_text())
    texts = [m["text"] for m in channel["stories"]]
    assert texts == ["The bus driver said girls can't fix engines."]
    check = _run(tmp_path, ["/as admin dana", "/publish-now"])
    assert "0 posted, 0 still waiting" in check.stdout


def test_a_database_from_a_newer_chorus_is_refused_clearly(tmp_path: Path) -> None:
    """Starting on a database with a newer schema exits with a message, touching nothing."""
    import sqlite3

    _run(tmp_path, ["/help"])
    with sqlite3.connect(tmp_path / "chorus.sqlite3") as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    result = _run(tmp_path, ["/help"])
    assert result.returncode == 2
    assert "schema version 99" in result.stderr


def test_bad_settings_are_reported_clearly(tmp_path: Path) -> None:
    """An unusable setting stops start-up with a message naming it."""
    result = _run(tmp_path, ["/help"], CHORUS_SECRET_KEY="short", CHORUS_LOG_LEVEL="LOUD")
    assert result.returncode == 2
    assert "CHORUS_SECRET_KEY" in result.stderr and "CHORUS_LOG_LEVEL" in result.stderr
