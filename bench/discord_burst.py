"""1,000 members share at once through the fake Discord gateway.

Prints, per step of the journey (/share -> modal, submit -> preview, Confirm ->
receipt), how many members got their first response within Discord's 3 s, the
p50/p99 from dispatch to first response and to the answer the member actually
sees (the form, the preview, the receipt: later than the first response when the
bot deferred), and the bot process's CPU per member; then stories stored per
second beside the same rows inserted straight into SQLite in the same run.  As a
reference for the first step, a bare discord.py client (bench/discord_bare.py)
answers the same burst of /share with a modal and nothing else.

The fake Discord and the members run in a child process, as Discord does not
share the bot's CPU: the bot's event loop only does the bot's work.  Every
latency is measured on Discord's side with one clock, from sending the gateway
event to receiving the bot's callback request (what Discord's deadline counts).
``--same-process`` runs both in one event loop instead, for comparison.  The bot
runs on the event loop ``chorus run`` uses (uvloop where it installs);
``--asyncio-loop`` puts it on asyncio's own loop instead.

    PYTHONPATH=. .venv/bin/python bench/discord_burst.py [members] [budget] [--same-process]
        [--asyncio-loop]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from bench.discord_bare import running_bare
from bot.app import App, build_services
from bot.config import load_settings
from bot.ops import eventloop
from bot.platforms.discord import DiscordPlatform
from tests.fakes.discord import FakeDiscord, FakeGuild, InteractionRecord, NoResponse, buttons_of
from tests.fakes.discord.interactions import MODAL

SECRET = "bench-secret-" + "x" * 40
STORY = "On my way home a man followed me for {n} blocks and kept asking where I live."
DEADLINE = 3.0
WAIT = 120.0
DISCORD_SIDE = "--discord-side"
BARE = "--bare"


# -- the members' side (runs beside the fake Discord) ------------------------------------


Answered = Callable[[InteractionRecord], bool]
Sent = tuple[InteractionRecord, float | None]


def _step(sent: list[Sent]) -> dict[str, Any]:
    records = [r for r, _ in sent]
    return {
        "count": len(records),
        "latencies": [r.latency for r in records if r.latency is not None],
        "seen": [at - r.dispatched_at for r, at in sent if at is not None],
        "errors": sum(len(r.errors) for r in records),
    }


async def _until(record: InteractionRecord, answered: Answered) -> float | None:
    """When the member could see the answer (Discord's clock), or None if it never came."""
    with contextlib.suppress(NoResponse):
        await record.wait_until(lambda: answered(record) or bool(record.errors), WAIT, "an answer")
    return time.perf_counter() if answered(record) else None


async def _burst(
    starts: Iterable[Awaitable[InteractionRecord]], answered: Answered, pace: bool
) -> list[Sent]:
    """Send every member's interaction as fast as Discord can, all at once.

    Each member starts watching for the answer as soon as their interaction is sent.
    With ``pace`` (the fake in its own process) each is started with a turn of the
    event loop in between, so the fake keeps accepting the bot's answers while it
    sends, as Discord's gateway and API do on their own machines.  In one event
    loop with the bot that turn would hand the bot the loop between members and
    spread them out at its pace, so there they all start in the same turn.
    """

    async def one(start: Awaitable[InteractionRecord]) -> Sent:
        record = await start
        return record, await _until(record, answered)

    tasks = []
    for start in starts:
        tasks.append(asyncio.ensure_future(one(start)))
        if pace:
            await asyncio.sleep(0)
    return list(await asyncio.gather(*tasks))


def _content(fake: FakeDiscord, message: dict[str, Any]) -> str:
    """The current text of a message the bot answered with (after any edits)."""
    latest = fake.interaction_messages.get(message["id"], (None, message))[1]
    return str(latest.get("content") or "")


def _open_form(record: InteractionRecord) -> bool:
    messages = record.messages()
    return bool(messages) and any(
        b.get("label") == "Open the form" for b in buttons_of(messages[-1])
    )


async def journey(
    fake: FakeDiscord,
    guild: FakeGuild,
    mark: Callable[[str], None] = lambda step: None,
    *,
    pace: bool = True,
) -> dict[str, Any]:
    """Configure the guild, then every member shares at once; return what Discord saw.

    ``mark`` is called as each step ends, so the bot's side can account its CPU per
    step; ``pace`` is for :func:`_burst`.
    """
    people = [m.user for m in guild.members.values()]
    admin = next(u for u in people if u.username == "admin")
    users = [u for u in people if u.username.startswith("member")]
    stories = fake.channel(guild, "stories")
    await (
        await fake.slash(guild, admin, "config channel", {"kind": "story", "channel": stories})
    ).reply()
    await (await fake.slash(guild, admin, "config limit", {"per-day": 50})).response()
    mark("configured")

    opened = await _share_burst(fake, users, pace)
    late = [r for r, _ in opened if _open_form(r)]
    others = sorted(
        {r.messages()[-1]["content"][:60] for r, _ in opened if r.messages() and r not in late}
    )
    reopened = await _burst(
        (fake.click(r.messages()[-1], "Open the form", wait=False) for r in late),
        lambda r: bool(r.modal),
        pace,
    )
    with_modal = [r for r, _ in [*opened, *reopened] if r.modal]
    mark("/share -> modal")

    # The preview: a private message with its buttons.
    submitted = await _burst(
        (
            fake.submit_modal(r, {"story": STORY.format(n=i % 9 + 2)}, wait=False)
            for i, r in enumerate(with_modal)
        ),
        lambda r: bool(r.messages() and buttons_of(r.messages()[-1])),
        pace,
    )
    previews = [
        r.messages()[-1] for r, _ in submitted if r.messages() and buttons_of(r.messages()[-1])
    ]
    mark("submit -> preview")

    # The receipt replaces the preview, whether answered at once or after deferring;
    # the story is stored before the receipt is sent.
    started = time.perf_counter()
    shown = {p["id"]: p["content"] for p in previews}
    by_record: dict[str, dict[str, Any]] = {}

    async def click(preview: dict[str, Any]) -> InteractionRecord:
        record = await fake.click(preview, "Confirm", wait=False)
        by_record[record.id] = preview
        return record

    def receipt(record: InteractionRecord) -> bool:
        preview = by_record[record.id]
        return _content(fake, preview) != shown[preview["id"]]

    confirmed = await _burst((click(p) for p in previews), receipt, pace)
    elapsed = time.perf_counter() - started
    mark("Confirm -> receipt")
    return {
        "steps": {
            "/share -> modal": {
                **_step(opened),
                "modals": sum(1 for r, _ in opened if r.callback and r.callback["type"] == MODAL),
            },
            "submit -> preview": _step(submitted),
            "Confirm -> receipt": _step(confirmed),
        },
        "late": len(late),
        "others": others,
        "receipts": sum(1 for p in previews if _content(fake, p) != shown[p["id"]]),
        "confirm_seconds": elapsed,
    }


async def _share_burst(fake: FakeDiscord, users: list[Any], pace: bool) -> list[Sent]:
    """Every member runs /share at once: the form, or a message instead (a refusal,
    or a button that opens the form)."""
    guild = next(iter(fake.guilds.values()))
    return await _burst(
        (fake.slash(guild, u, "share", wait=False) for u in users),
        lambda r: bool(r.modal or r.messages()),
        pace,
    )


async def share_only(fake: FakeDiscord, guild: FakeGuild) -> dict[str, Any]:
    """Only the /share burst, for the bare discord.py reference."""
    users = [m.user for m in guild.members.values() if m.user.username.startswith("member")]
    opened = await _share_burst(fake, users, True)
    return {"steps": {"/share -> modal": _step(opened)}}


def _world(fake: FakeDiscord, members: int) -> FakeGuild:
    guild = fake.add_guild("burst")
    fake.add_member(guild, "admin", admin=True)
    for i in range(members):
        fake.add_member(guild, f"member{i}")
    return guild


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def _mark(step: str) -> None:
    """Tell the bot's side a step ended, and what it cost Discord's side."""
    _emit({"mark": step, "cpu": time.process_time()})


async def discord_side(members: int, bare: bool) -> None:
    """The child process: the fake Discord and its members, driven by the parent over stdio."""
    async with FakeDiscord() as fake:
        guild = _world(fake, members)
        _emit({"token": fake.token, "api": fake.api_url, "gateway": fake.gateway_url})
        await asyncio.to_thread(sys.stdin.readline)  # the bot is ready
        if bare:
            _mark("started")
            shared = await share_only(fake, guild)
            _mark("/share -> modal")
            _emit(shared)
        else:
            _emit(await journey(fake, guild, _mark))
        await asyncio.to_thread(sys.stdin.readline)  # the bot has disconnected


# -- the bot's side ------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def running_bot(
    tmp: Path, token: str, api: str, gateway: str, budget: float
) -> AsyncIterator[App]:
    """Chorus connected to the Discord at ``api``/``gateway``, stopped on exit."""
    settings = load_settings(
        store={"database": str(tmp / "chorus.sqlite3")},
        privacy={"secret_key": SECRET},
        discord={"token": token, "api_base_url": api, "gateway_url": gateway},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
    )
    services = await build_services(settings)
    try:
        app = App(services)
    except BaseException:
        await services.db.close()
        raise
    platform = DiscordPlatform(
        services,
        settings.discord,
        app.dispatcher,
        guild_ready_timeout=0.1,
        first_response_budget=budget,
    )
    app.add_platform(platform)
    try:
        await app.start()
        yield app
    finally:
        await app.stop()


Connect = Callable[[dict[str, str]], contextlib.AbstractAsyncContextManager[Any]]


async def in_child(members: int, connect: Connect, bare: bool = False) -> dict[str, Any]:
    """Run the fake Discord in a child process and the bot (``connect``-ed to it) here."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [os.getcwd(), os.environ.get("PYTHONPATH")])),
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        DISCORD_SIDE,
        str(members),
        *([BARE] if bare else []),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        limit=2**24,  # the results come back as one line of JSON
    )
    assert child.stdin is not None and child.stdout is not None
    stdin, stdout = child.stdin, child.stdout

    async def read() -> dict[str, Any]:
        line = await stdout.readline()
        if not line:
            raise RuntimeError("the fake Discord process ended early")
        result: dict[str, Any] = json.loads(line)
        return result

    try:
        urls = await read()
        async with connect(urls):
            stdin.write(b"go\n")
            cpu = _CpuMarks()
            fake: dict[str, float] = {}
            last = None
            while "mark" in (results := await read()):
                cpu.mark(results["mark"])
                if last is not None:
                    fake[results["mark"]] = results["cpu"] - last
                last = results["cpu"]
            results["cpu"] = cpu.spent
            results["fake_cpu"] = fake
        stdin.write(b"done\n")
        await stdin.drain()
        await child.wait()
        return results
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()


async def in_one_loop(tmp: Path, members: int, budget: float) -> dict[str, Any]:
    """The fake Discord and the bot in one event loop (the fake's CPU counts against the bot)."""
    async with FakeDiscord() as fake:
        guild = _world(fake, members)
        async with running_bot(tmp, fake.token, fake.api_url, fake.gateway_url, budget):
            cpu = _CpuMarks()
            results = await journey(fake, guild, cpu.mark, pace=False)
            results["cpu"] = cpu.spent
            return results


class _CpuMarks:
    """CPU time this process (every thread) spent between marks."""

    def __init__(self) -> None:
        self._last = time.process_time()
        self.spent: dict[str, float] = {}

    def mark(self, step: str) -> None:
        now = time.process_time()
        self.spent[step] = now - self._last
        self._last = now


# -- report --------------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _report(step: str, data: dict[str, Any], cpu: float | None, fake: float | None) -> None:
    latencies: list[float] = data["latencies"]
    if not latencies:
        print(f"{step:<20} no answers")
        return
    in_time = sum(1 for x in latencies if x <= DEADLINE)
    seen: list[float] = data["seen"]
    spent = f"  CPU {cpu * 1000 / data['count']:.2f} ms each" if cpu is not None else ""
    if fake is not None:
        spent += f" (Discord's side {fake * 1000 / data['count']:.2f})"
    answer = ""
    if seen:
        answer = (
            f"  answer seen p50 {statistics.median(seen) * 1000:6.0f} "
            f"p99 {_pct(seen, 0.99) * 1000:6.0f}"
        )
    print(
        f"{step:<19} {in_time:>4}/{data['count']} in 3 s  first response "
        f"p50 {statistics.median(latencies) * 1000:6.0f} p99 {_pct(latencies, 0.99) * 1000:6.0f} ms"
        f"{answer}  errors {data['errors']}{spent}"
    )


def direct_sqlite(tmp: Path) -> tuple[int, float]:
    """The stored rows inserted straight into SQLite, one committed row at a time."""
    src = sqlite3.connect(tmp / "chorus.sqlite3")
    table = src.execute("SELECT sql FROM sqlite_master WHERE name = 'stories'").fetchone()[0]
    data = src.execute("SELECT * FROM stories").fetchall()
    src.close()
    dst = sqlite3.connect(tmp / "direct.sqlite3")
    # The same durability settings the bot's store uses.
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=NORMAL")
    dst.execute(table)
    marks = ",".join("?" * len(data[0])) if data else ""
    t0 = time.perf_counter()
    for row in data:
        dst.execute(f"INSERT INTO stories VALUES ({marks})", row)
        dst.commit()
    direct = time.perf_counter() - t0
    dst.close()
    return len(data), direct


async def main(members: int, budget: float, same_process: bool) -> None:
    """Run the burst and print the table."""
    logging.basicConfig(level=logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="chorus-bench-"))
    bare: dict[str, Any] | None = None
    if same_process:
        results = await in_one_loop(tmp, members, budget)
    else:

        def chorus(urls: dict[str, str]) -> contextlib.AbstractAsyncContextManager[Any]:
            return running_bot(tmp, urls["token"], urls["api"], urls["gateway"], budget)

        def plain(urls: dict[str, str]) -> contextlib.AbstractAsyncContextManager[Any]:
            return running_bare(urls["token"], urls["api"], urls["gateway"])

        results = await in_child(members, chorus)
        bare = await in_child(members, plain, bare=True)
    where = "one event loop" if same_process else "separate processes"
    print(
        f"{members} members, fake Discord and bot in {where}, bot on {eventloop.describe()}, "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(
        "(CPU: the bot process's, every thread"
        + (", and the fake's)" if same_process else "; and in brackets the fake Discord's)")
    )
    steps, cpu = results["steps"], results["cpu"]
    share = steps["/share -> modal"]
    fake = results.get("fake_cpu", {})
    _report("/share -> modal", share, cpu.get("/share -> modal"), fake.get("/share -> modal"))
    print(
        f"{'':<20} {share['modals']} opened the modal at once, "
        f"{results['late']} got an open-form button"
    )
    if results["others"]:
        print(f"{'':<20} other answers: {results['others']}")
    if bare is not None:
        step = "/share -> modal"
        _report(
            "  bare discord.py",
            bare["steps"][step],
            bare["cpu"].get(step),
            bare["fake_cpu"].get(step),
        )
    for step in ("submit -> preview", "Confirm -> receipt"):
        _report(step, steps[step], cpu.get(step), fake.get(step))
    with sqlite3.connect(tmp / "chorus.sqlite3") as conn:
        stored = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    elapsed = results["confirm_seconds"]
    print(
        f"stories stored: {stored} ({results['receipts']} receipts) in {elapsed:.2f} s "
        f"= {stored / elapsed:,.0f} stories/s through Discord"
    )
    rows, direct = direct_sqlite(tmp)
    if rows:
        print(
            f"same rows straight into SQLite: {rows / direct:,.0f} rows/s "
            f"({direct * 1000:.1f} ms for {rows})"
        )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if DISCORD_SIDE in sys.argv:
        logging.basicConfig(level=logging.WARNING)
        eventloop.run(discord_side(int(args[0]), BARE in sys.argv))
    else:
        burst = main(
            int(args[0]) if args else 1000,
            float(args[1]) if len(args) > 1 else 2.0,
            "--same-process" in sys.argv,
        )
        if "--asyncio-loop" in sys.argv:
            asyncio.run(burst)
        else:
            eventloop.run(burst)
