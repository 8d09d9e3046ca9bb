"""Several bot processes on one PostgreSQL database, and moving a SQLite database there."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bot.core.clock import SystemClock, timestamp
from bot.core.publisher import DEFAULT_POSTS_IN_FLIGHT
from bot.core.settings import CommunitySettings
from bot.platforms.console import COMMUNITY, ORGANIZER_CHANNEL, STORY_CHANNEL
from bot.store.db import open_database
from bot.store.migrate import migrate
from bot.store.stories import NewStory, Stories
from tests.conftest import SECRET
from tests.pg import PostgresServer
from tests.test_console_process import _code, _run, _share

STORIES = 1000


def _env(tmp: Path, database: str, **extra: str) -> dict[str, str]:
    environment = {
        **os.environ,
        "CHORUS_DATABASE": database,
        "CHORUS_SECRET_KEY": SECRET,
        "CHORUS_DATA_DIR": str(tmp),
        "CHORUS_CONSOLE_CHANNELS": str(tmp / "channels.jsonl"),
        "CHORUS_LOG_LEVEL": "INFO",
        **extra,
    }
    for key in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        environment.pop(key, None)
    return environment


def _start(tmp: Path, database: str, script: list[str], **extra: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--console"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp,
        env=_env(tmp, database, **extra),
    )
    assert process.stdin is not None
    process.stdin.write("\n".join(script) + "\n")
    process.stdin.close()
    return process


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    return process.wait(timeout=120), out, err


async def _fill(url: str, count: int) -> None:
    """A community ready to post everything at once, with ``count`` confirmed stories."""
    db = await open_database(url)
    try:
        await migrate(db)
        clock = SystemClock()
        community = CommunitySettings(db, clock)
        await community.ensure_community(COMMUNITY, "console")
        await community.set(
            COMMUNITY,
            story_channel=STORY_CHANNEL,
            organizer_channel=ORGANIZER_CHANNEL,
            min_delay_minutes=0,
            min_pool=1,
            batch_size=count,
        )
        stories = Stories(db)
        queued_at = timestamp(clock.now()) - 60
        async with db.transaction() as tx:
            for n in range(count):
                await stories.add(
                    tx,
                    NewStory(
                        id=f"s{n:05d}",
                        community_id=COMMUNITY,
                        receipt_hash=secrets.token_hex(16),
                        status="queued",
                        text=f"Story number {n}.",
                        content_note=None,
                        themes=(),
                        week="2026-W10",
                        author="a",
                        key_id="k",
                        queued_at=queued_at,
                    ),
                )
    finally:
        await db.close()


async def _states(url: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Each story's status, message id and claiming process."""
    db = await open_database(url)
    try:
        rows = await db.fetch_all("SELECT id, status, message_id, claimed_by FROM stories")
        return {str(r[0]): (str(r[1]), r[2], r[3]) for r in rows}
    finally:
        await db.close()


def _posts(tmp: Path) -> list[dict[str, object]]:
    """Every post in the shared story channel, deletions applied."""
    posts: dict[str, dict[str, object]] = {}
    for line in (tmp / "channels.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["channel"] != STORY_CHANNEL:
            continue
        if "deleted" in record:
            posts.pop(record["deleted"], None)
        else:
            posts[record["id"]] = record
    return list(posts.values())


def test_three_processes_post_a_burst_exactly_once_even_when_one_is_killed(
    tmp_path: Path, pg_url: str
) -> None:
    """1,000 stories, three processes posting at once, one SIGKILLed mid-burst: each once."""
    asyncio.run(_fill(pg_url, STORIES))
    script = ["/as admin dana", "/publish-now", "/publish-now"]
    processes = [
        _start(tmp_path, pg_url, script, CHORUS_CLAIM_LEASE_SECONDS="2"),
        _start(tmp_path, pg_url, script, CHORUS_CLAIM_LEASE_SECONDS="2"),
        _start(
            tmp_path,
            pg_url,
            script,
            CHORUS_CLAIM_LEASE_SECONDS="2",
            CHORUS_FAILPOINTS="publisher.posted@40",
        ),
    ]
    results = [_finish(p) for p in processes]
    assert [code for code, _, _ in results[:2]] == [0, 0], results[0][2] + results[1][2]
    assert results[2][0] == -9, results[2][2]
    # The killed process left the group it was posting under its claims: the post it
    # died after was made but not recorded; the rest of the group may or may not be.
    states = asyncio.run(_states(pg_url))
    stranded = {story: by for story, (status, _, by) in states.items() if status == "posting"}
    assert 1 <= len(stranded) <= DEFAULT_POSTS_IN_FLIGHT, stranded
    assert len(set(stranded.values())) == 1
    assert {str(p["nonce"]) for p in _posts(tmp_path)} & set(stranded)

    # A process started after the lease has run out finishes the dead one's post.
    time.sleep(3.1)  # the claim's whole-second timestamp must be past the 2 s lease
    later = _start(
        tmp_path, pg_url, ["/as admin dana", "/publish-now"], CHORUS_CLAIM_LEASE_SECONDS="2"
    )
    code, out, err = _finish(later)
    assert code == 0, err
    assert "0 posted, 0 still waiting" in out

    states = asyncio.run(_states(pg_url))
    assert {status for status, _, _ in states.values()} == {"posted"}
    posts = _posts(tmp_path)
    nonces = [str(p["nonce"]) for p in posts]
    assert len(nonces) == STORIES and set(nonces) == set(states)
    recorded = {story: message for story, (_, message, _) in states.items()}
    assert all(recorded[str(p["nonce"])] == p["id"] for p in posts)
    # Both surviving processes took part: the work really was shared.
    counts = [int(out.split(" posted,")[0].rsplit(" ", 1)[-1]) for _, out, _ in results[:2]]
    assert all(n > 0 for n in counts), counts


def test_a_sqlite_database_moves_to_postgresql_and_the_bot_runs_on_the_copy(
    tmp_path: Path, pg_server: PostgresServer
) -> None:
    """After a whole console journey, the copy has every row, the version, and works."""
    first = _run(
        tmp_path,
        [
            "/as member sam",
            *_share("A stranger on the tram would not stop commenting on my body."),
            "Confirm",
            *_share("My manager said women should not lead projects.", mode="2"),
            "Confirm",
            *_share("Someone keeps messaging me after I blocked them."),
            "Confirm",
            "/as admin dana",
            "/config schedule min-delay:0 min-pool:1 batch:1",
            "/publish-now",
        ],
    )
    assert first.returncode == 0, first.stderr
    receipt = _code(first.stdout)
    sqlite_file = tmp_path / "chorus.sqlite3"
    target = pg_server.create_database()
    env = _env(tmp_path, str(sqlite_file))
    copy = subprocess.run(
        [sys.executable, "-m", "bot", "migrate", "--copy-to", target],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert copy.returncode == 0, copy.stderr

    async def compare() -> None:
        source = await open_database(str(sqlite_file))
        copied = await open_database(target)
        try:
            tables = await source.tables()
            assert set(tables) <= set(await copied.tables())
            for table in tables:
                count = f"SELECT COUNT(*) FROM {table}"
                assert await source.fetch_one(count) == await copied.fetch_one(count), table
            story = "SELECT * FROM stories ORDER BY id LIMIT 1"
            assert await source.fetch_one(story) == await copied.fetch_one(story)
            version = "SELECT MAX(version) FROM schema_version"
            assert await source.fetch_one(version) == await copied.fetch_one(version)
            # New rows get ids after the copied ones.
            await copied.execute(
                "INSERT INTO resources (community_id, topic, region, name, contact) "
                "VALUES (?, 'crisis', 'INTL', 'n', 'c')",
                COMMUNITY,
            )
        finally:
            await source.close()
            await copied.close()

    asyncio.run(compare())

    again = subprocess.run(
        [sys.executable, "-m", "bot", "migrate", "--copy-to", target],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert again.returncode == 2 and "not empty" in again.stderr

    on_copy = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--console"],
        input="\n".join(["/as member sam", f"/status {receipt}", "/as admin dana", "/publish-now"])
        + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**_env(tmp_path, target), "CHORUS_CONSOLE_CHANNELS": ""},
        timeout=120,
        check=False,
    )
    assert on_copy.returncode == 0, on_copy.stderr
    assert "1 posted, 0 still waiting" in on_copy.stdout
