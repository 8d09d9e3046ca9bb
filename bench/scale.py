"""Stories claimed and posted per second: 1, 2 and 4 processes on PostgreSQL, 1 on SQLite.

Run: .venv/bin/python -m bench.scale [--stories 2000] [--repeat 3] [--latency-ms 100]

What runs is production's path. The stories are spread over several
communities, each with a posting slot due, and every worker process runs the
real dispatcher: it claims a due slot (the job row), runs it (the publisher
claims a few stories at a time, posts them, records them), and goes on to the
next. A community whose stories are not all posted is due again at once, so
the hours between slots shrink to nothing. That is how processes share work in
production: one community's slot runs in one process at a time, and the
processes share the communities.

Three targets, one table each:

* ``memory``: posts are kept in the worker's memory. Nothing is waited on but
  the database, so this measures the machinery alone: round trips, commits, CPU.
* ``console``: the console platform's channel file, one for all processes,
  appended and fsynced for every post under a file lock. Posts of every process
  queue on that one file, so it stops scaling where the file does.
* ``discord``: the real Discord adapter (discord.py over HTTP) posting to the
  fake Discord, which runs in a process of its own and answers every request
  after a fixed delay standing for the round trip to Discord's API. Real posting
  looks like this: mostly waiting. The fake does not rate-limit; Discord does
  (see docs/scaling.md).

Every run starts from a fresh database; the workers get ready (imports,
connections, login) before the clock starts. After each run the bench checks
that every story was posted exactly once and recorded. PostgreSQL runs durable
(fsync and synchronous commit on), as a production server would. Each
configuration runs ``--repeat`` times, interleaved, and the table shows medians.
CPU per story is what the workers, the PostgreSQL server and the fake Discord
spent, divided by the stories: on a machine with few cores it says why more
processes stop helping.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import App, build_services
from bot.config import load_settings
from bot.core.clock import SystemClock, timestamp
from bot.core.publisher import DEFAULT_POSTS_IN_FLIGHT, SLOT_JOB, platform_of
from bot.core.scheduler import Scheduler
from bot.core.settings import CommunitySettings
from bot.platforms.base import Platform
from bot.platforms.console import STORY_CHANNEL, ConsolePlatform
from bot.store.db import open_database
from bot.store.migrate import migrate
from bot.store.stories import NewStory, Stories
from tests.conftest import SECRET
from tests.fakes.memory import MemoryPlatform
from tests.pg import PostgresServer

BATCH = 100
COMMUNITIES = 20
_TICKS = os.sysconf("SC_CLK_TCK")


# --- the fake Discord, in its own process ----------------------------------------------


async def _serve_fake_discord(communities: int, latency_ms: float) -> None:
    """Run the fake Discord with a delay on every request; answer ``dump`` on stdin."""
    from aiohttp import web

    from tests.fakes.discord import FakeDiscord

    fake = FakeDiscord()
    inner = fake.rest.middleware
    delay = latency_ms / 1000

    @web.middleware
    async def far_away(request: web.Request, handler: Any) -> web.StreamResponse:
        # The round trip to Discord and its own processing, without spending CPU here.
        await asyncio.sleep(delay)
        result: web.StreamResponse = await inner(request, handler)
        return result

    fake.rest.middleware = far_away  # type: ignore[method-assign]
    await fake.start()
    guilds = [fake.add_guild(f"bench{n}") for n in range(communities)]
    channels = [(f"discord:{g.id}", fake.channel(g, "stories").id) for g in guilds]
    hello = {"api": fake.api_url, "token": fake.token, "app": fake.application_id}
    print(json.dumps({**hello, "channels": channels}), flush=True)
    while line := await asyncio.to_thread(sys.stdin.readline):
        if line.strip() == "dump":
            nonces = [
                str(message.nonce)
                for _, channel in channels
                for message in fake.rest.messages.pop(channel, {}).values()
            ]
            fake.rest.requests.clear()
            print(json.dumps(nonces), flush=True)
    await fake.close()


class _FakeDiscordProcess:
    """The fake Discord's process, as the bench drives it."""

    def __init__(self, communities: int, latency_ms: float) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.scale",
                "--fake-discord",
                str(communities),
                str(latency_ms),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )
        self.hello: dict[str, Any] = json.loads(self._line())

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the fake Discord stopped")
        return line

    def dump(self) -> list[str]:
        """Nonces of every post made since the last dump (forgotten by the fake after)."""
        assert self.process.stdin is not None
        self.process.stdin.write("dump\n")
        self.process.stdin.flush()
        nonces: list[str] = json.loads(self._line())
        return nonces

    def stop(self) -> None:
        """End the process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --- a worker process ------------------------------------------------------------------


async def _discord_target(app: App, hello: dict[str, Any]) -> Platform:
    """The real Discord adapter, logged in to the fake (REST only: posting needs no gateway)."""
    import discord.http

    from bot.platforms.discord.platform import DiscordPlatform

    discord.http.Route.BASE = hello["api"]
    platform = DiscordPlatform(app.services, app.services.settings.discord, app.dispatcher)
    await platform.client.login(hello["token"])
    return platform


async def _work(target: str, database: str, extra: str) -> None:
    """Run due posting slots until no community has stories left."""
    hello: dict[str, Any] = json.loads(extra) if target == "discord" else {}
    store = {"database": database, "CHORUS_DATA_DIR": "."}
    if target == "console":
        store["console_channels"] = extra
    settings = load_settings(
        store=store,
        privacy={"secret_key": SECRET},
        discord={"token": hello.get("token"), "application_id": hello.get("app")},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
    )
    services = await build_services(settings)
    app = App(services)
    platform: Platform
    memory = MemoryPlatform()
    with open(os.devnull, "w") as quiet:  # noqa: ASYNC230 - once, before the clock starts
        if target == "discord":
            platform = await _discord_target(app, hello)
        elif target == "console":
            platform = ConsolePlatform(app, quiet)
        else:
            platform = memory
        app.add_platform(platform)
        posted = 0

        async def slot(community_id: str, due: object) -> Any:
            nonlocal posted
            result = await services.publisher.run_slot(community_id)
            if result.problem is not None:
                raise SystemExit(f"posting failed: {result.problem}")
            posted += result.posted
            # The cadence is compressed: the next slot is due at once while stories wait.
            return services.clock.now() if result.waiting else None

        services.scheduler.register(SLOT_JOB, slot)
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        cpu = time.process_time()
        while True:
            if await services.scheduler.run_due():
                continue
            left = await services.db.fetch_one("SELECT COUNT(*) FROM jobs WHERE kind = ?", SLOT_JOB)
            if left is None or not left[0]:
                break
            # The slots left are running in other processes; a run lasts seconds, so
            # looking every 50 ms costs little precision and little CPU.
            await asyncio.sleep(0.05)
        print(f"posted {posted} cpu {time.process_time() - cpu:.4f}", flush=True)
        if target == "discord":
            await platform.stop()
        if target == "memory":
            nonces = json.dumps(list(memory.posts.values()))
            Path(extra, f"{os.getpid()}.json").write_text(nonces)  # noqa: ASYNC240 - after the clock
    await services.db.close()


# --- one run ---------------------------------------------------------------------------


async def _fill(database: str, communities: list[tuple[str, str]], stories: int) -> None:
    """Communities ready to post at once, ``stories`` confirmed stories spread over them."""
    db = await open_database(database)
    try:
        await migrate(db)
        clock = SystemClock()
        settings = CommunitySettings(db, clock)
        for community_id, channel in communities:
            await settings.ensure_community(community_id, platform_of(community_id))
            await settings.set(
                community_id,
                story_channel=channel,
                min_delay_minutes=0,
                min_pool=1,
                batch_size=BATCH,
            )
        store = Stories(db)
        queued_at = timestamp(clock.now()) - 60
        async with db.transaction() as tx:
            for n in range(stories):
                await store.add(
                    tx,
                    NewStory(
                        id=f"s{n:06d}",
                        community_id=communities[n % len(communities)][0],
                        receipt_hash=f"r{n:06d}",
                        status="queued",
                        text=f"Story number {n}, long enough to look like one people share.",
                        content_note=None,
                        themes=("street_harassment",) if n % 3 else (),
                        week="2026-W10",
                        author="a",
                        key_id="k",
                        queued_at=queued_at,
                    ),
                )
        scheduler = Scheduler(db, clock)
        for community_id, _ in communities:
            await scheduler.schedule(SLOT_JOB, community_id, clock.now())
    finally:
        await db.close()


async def _unrecorded(database: str) -> int:
    db = await open_database(database)
    try:
        row = await db.fetch_one(
            "SELECT COUNT(*) FROM stories WHERE status <> 'posted' OR message_id IS NULL"
        )
        return int(row[0]) if row else -1
    finally:
        await db.close()


def _cpu_seconds(pid: int, children: bool = False) -> float:
    """CPU time of a process (with its reaped children: a server's finished backends)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime, stime, cutime, cstime are fields 14-17 of stat; 3-based after the name.
    used = int(fields[11]) + int(fields[12])
    if children:
        used += int(fields[13]) + int(fields[14])
    return used / _TICKS


@dataclass(frozen=True)
class Run:
    """One measured run."""

    store: str
    procs: int
    seconds: float
    posted: int
    dupes: int
    unrecorded: int
    worker_cpu: float
    server_cpu: float
    fake_cpu: float


def _run(
    target: str,
    store: str,
    database: str,
    workers: int,
    stories: int,
    tmp: Path,
    server: PostgresServer,
    fake: _FakeDiscordProcess | None,
) -> Run:
    place = tmp / f"run-{time.monotonic_ns()}"
    place.mkdir()
    communities = [(f"console:bench{n:02d}", STORY_CHANNEL) for n in range(COMMUNITIES)]
    if target == "console":
        extra = str(place / "channels.jsonl")
    elif target == "memory":
        extra = str(place)
    else:
        assert fake is not None
        communities = [(c, ch) for c, ch in fake.hello["channels"]]
        extra = json.dumps(fake.hello)
    asyncio.run(_fill(database, communities, stories))
    postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.scale", "--worker", target, database, extra],
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
    server_before = _cpu_seconds(postmaster, children=True)
    fake_before = _cpu_seconds(fake.process.pid) if fake is not None else 0.0
    start = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    reports = [p.stdout.readline().split() for p in procs if p.stdout is not None]
    elapsed = time.perf_counter() - start
    for p in procs:
        if p.wait(timeout=900) != 0:
            raise RuntimeError(f"a worker failed with exit code {p.returncode}")
    # Each worker reports the CPU it spent from the start signal on ("posted N cpu S").
    worker_cpu = sum(float(report[3]) for report in reports)
    fake_cpu = _cpu_seconds(fake.process.pid) - fake_before if fake is not None else 0.0
    if target == "console":
        records = [json.loads(line) for line in Path(extra).read_text().splitlines()]
        nonces = [r["nonce"] for r in records if r["channel"] == STORY_CHANNEL and "nonce" in r]
    elif target == "memory":
        nonces = [n for f in place.glob("*.json") for n in json.loads(f.read_text())]
    else:
        assert fake is not None
        nonces = fake.dump()
    unrecorded = asyncio.run(_unrecorded(database))
    time.sleep(0.2)  # the workers' server backends end and are counted
    server_cpu = _cpu_seconds(postmaster, children=True) - server_before
    if store == "SQLite":
        server_cpu = 0.0
    dupes = len(nonces) - len(set(nonces))
    return Run(
        store, workers, elapsed, len(nonces), dupes, unrecorded, worker_cpu, server_cpu, fake_cpu
    )


# --- the tables ------------------------------------------------------------------------

CONFIGS = (("SQLite", 1), ("PostgreSQL", 1), ("PostgreSQL", 2), ("PostgreSQL", 4))


def _table(title: str, runs: dict[tuple[str, int], list[Run]], stories: int) -> None:
    def rate(r: Run) -> float:
        return r.posted / r.seconds

    base = statistics.median(rate(r) for r in runs[("PostgreSQL", 1)])
    print(title)
    print(
        f"{'store':<11} {'procs':>5} {'per s':>7} {'(min-max)':>11} {'vs PG×1':>8} "
        f"{'posted':>7} {'dupes':>5} {'unrec':>5}  {'CPU ms per story: workers server fake':>35}"
    )
    for (store, procs), group in runs.items():
        rates = sorted(rate(r) for r in group)
        median = statistics.median(rates)
        worst = max(group, key=lambda r: (r.dupes, r.unrecorded, -r.posted))

        def per_story(value: float) -> str:
            return f"{1000 * value / stories:.2f}"

        print(
            f"{store:<11} {procs:>5} {median:>7.0f} {f'{rates[0]:.0f}-{rates[-1]:.0f}':>11} "
            f"{median / base:>7.2f}× {worst.posted:>7} {worst.dupes:>5} {worst.unrecorded:>5}  "
            f"{per_story(statistics.median(r.worker_cpu for r in group)):>16} "
            f"{per_story(statistics.median(r.server_cpu for r in group)):>6} "
            f"{per_story(statistics.median(r.fake_cpu for r in group)):>5}"
        )
    print()


def main() -> None:
    """Measure each target and print its table; fail if any story was not posted exactly once."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--targets", default="memory,console,discord")
    parser.add_argument("--worker", nargs=3)
    parser.add_argument("--fake-discord", nargs=2)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(_work(*args.worker))
        return
    if args.fake_discord:
        asyncio.run(_serve_fake_discord(int(args.fake_discord[0]), float(args.fake_discord[1])))
        return
    targets = args.targets.split(",")
    tmp = Path(tempfile.mkdtemp(prefix="chorus-bench-"))
    server = PostgresServer(durable=True).start()
    fake = _FakeDiscordProcess(COMMUNITIES, args.latency_ms) if "discord" in targets else None
    results: dict[str, dict[tuple[str, int], list[Run]]] = {
        t: {c: [] for c in CONFIGS} for t in targets
    }
    try:
        for _ in range(args.repeat):
            for target in targets:
                for store, workers in CONFIGS:
                    if store == "SQLite":
                        database = str(tmp / f"bench-{time.monotonic_ns()}.sqlite3")
                    else:
                        database = server.create_database("bench")
                    run = _run(
                        target,
                        store,
                        database,
                        workers,
                        args.stories,
                        tmp,
                        server,
                        fake if target == "discord" else None,
                    )
                    results[target][(store, workers)].append(run)
    finally:
        if fake is not None:
            fake.stop()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"{args.stories} stories in {COMMUNITIES} communities; a slot posts up to {BATCH}, "
        f"{DEFAULT_POSTS_IN_FLIGHT} in flight; {os.cpu_count()} CPUs shared by the server, "
        "the workers and the fake Discord;"
    )
    print(
        f"median of {args.repeat} runs, interleaved (the machine is shared, so runs vary: "
        "min-max shown); dupes and unrec(orded) are the worst run's"
    )
    print()
    titles = {
        "memory": "no sink: posts kept in each worker's memory; the machinery alone",
        "console": (
            "console sink: one channel file for all processes, fsynced per post under a file "
            "lock; no network"
        ),
        "discord": (
            f"fake Discord through discord.py over HTTP, {args.latency_ms:.0f} ms per request "
            "(a round trip to Discord's API); no rate limits"
        ),
    }
    for target in targets:
        _table(titles[target], results[target], args.stories)
    print("goal: 4 processes on PostgreSQL at least 2.5× one process; no duplicates")
    wrong = [
        f"{target} {run.store}×{run.procs}"
        for target, runs in results.items()
        for group in runs.values()
        for run in group
        if run.dupes or run.unrecorded or run.posted != args.stories
    ]
    if wrong:
        raise SystemExit(f"not every story was posted exactly once and recorded: {wrong}")


if __name__ == "__main__":
    main()
