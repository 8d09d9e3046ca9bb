"""Stories claimed and posted per second: 1, 2 and 4 processes on PostgreSQL, 1 on SQLite.

Run: .venv/bin/python -m bench.scale [--stories 2000]

Each run fills a fresh database with confirmed stories, starts the worker
processes, lets them get ready (imports, connections), then starts the clock:
every worker runs posting slots against the same community until nothing is
left, posting to one shared console channel file. The run checks that every
story was posted exactly once. PostgreSQL runs durable (fsync and synchronous
commit on), as a production server would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.app import App, build_services
from bot.config import load_settings
from bot.platforms.console import COMMUNITY, STORY_CHANNEL, ConsolePlatform
from tests.conftest import SECRET
from tests.pg import PostgresServer
from tests.test_scale import _fill

BATCH = 100


async def _work(database: str, channels: str) -> None:
    settings = load_settings(
        store={"database": database, "console_channels": channels, "CHORUS_DATA_DIR": "."},
        privacy={"secret_key": SECRET},
        discord={"token": None},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
    )
    services = await build_services(settings)
    app = App(services)
    with open(os.devnull, "w") as quiet:  # noqa: ASYNC230 - once, before the clock starts
        app.add_platform(ConsolePlatform(app, quiet))
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        posted = 0
        while True:
            result = await services.publisher.run_slot(COMMUNITY)
            posted += result.posted
            if result.posted == 0 and result.waiting == 0:
                break
        print(f"posted {posted}", flush=True)
    await services.db.close()


def _run(database: str, workers: int, stories: int, tmp: Path) -> tuple[float, int, int]:
    asyncio.run(_fill(database, stories))
    asyncio.run(_batch(database))
    channels = tmp / f"channels-{time.monotonic_ns()}.jsonl"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.scale", "--worker", database, str(channels)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tmp,
            env={**os.environ, "CHORUS_LOG_LEVEL": "WARNING", "PYTHONPATH": os.getcwd()},
        )
        for _ in range(workers)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        p.wait(timeout=600)
    elapsed = time.perf_counter() - start
    nonces = [
        json.loads(line)["nonce"]
        for line in channels.read_text().splitlines()
        if json.loads(line)["channel"] == STORY_CHANNEL
    ]
    return elapsed, len(nonces), len(nonces) - len(set(nonces))


async def _batch(database: str) -> None:
    from bot.store.db import open_database

    db = await open_database(database)
    await db.execute("UPDATE community_settings SET value = ? WHERE key = 'batch_size'", str(BATCH))
    await db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--worker", nargs=2)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(_work(*args.worker))
        return
    tmp = Path(tempfile.mkdtemp(prefix="chorus-bench-"))
    server = PostgresServer(durable=True).start()
    rows = []
    try:
        sqlite = str(tmp / "bench.sqlite3")
        rows.append(("SQLite", 1, *_run(sqlite, 1, args.stories, tmp)))
        for workers in (1, 2, 4):
            url = server.create_database("bench")
            rows.append(("PostgreSQL", workers, *_run(url, workers, args.stories, tmp)))
    finally:
        server.stop()
    base = next(r[3] / r[2] for r in rows if r[0] == "PostgreSQL" and r[1] == 1)
    print(f"{args.stories} stories, {os.cpu_count()} CPUs, batch {BATCH} per slot")
    print(
        f"{'store':<11} {'procs':>5} {'seconds':>8} {'posted':>7} {'dupes':>5} "
        f"{'per s':>8} {'vs PG×1':>8}"
    )
    for store, workers, elapsed, posted, dupes in rows:
        rate = posted / elapsed
        print(
            f"{store:<11} {workers:>5} {elapsed:>8.2f} {posted:>7} {dupes:>5} {rate:>8.0f} "
            f"{rate / base:>7.2f}×"
        )
    print("goal: 4 processes on PostgreSQL at least 2.5× one process; no duplicates")


if __name__ == "__main__":
    main()
