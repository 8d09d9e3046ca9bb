"""1,000 members share at once through the fake Discord gateway.

Prints, per step of the journey (/share -> modal, submit -> preview, Confirm ->
receipt), how many members got their first response within Discord's 3 s and
the p50/p99 from dispatch to first response; then stories stored per second
beside the same rows inserted straight into SQLite in the same run.

    PYTHONPATH=. .venv/bin/python bench/discord_burst.py [members]
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.app import App, build_services
from bot.config import load_settings
from bot.platforms.discord import DiscordPlatform
from tests.fakes.discord import FakeDiscord, InteractionRecord, NoResponse, buttons_of

SECRET = "bench-secret-" + "x" * 40
STORY = "On my way home a man followed me for {n} blocks and kept asking where I live."


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _report(step: str, records: list[InteractionRecord]) -> None:
    latencies = [r.latency for r in records if r.latency is not None]
    in_time = sum(1 for x in latencies if x <= 3.0)
    if not latencies:
        print(f"{step:<22} no answers")
        return
    print(
        f"{step:<22} {in_time:>5}/{len(records)} within 3 s   "
        f"p50 {statistics.median(latencies) * 1000:7.1f} ms   "
        f"p99 {_pct(latencies, 0.99) * 1000:7.1f} ms   "
        f"errors {sum(len(r.errors) for r in records)}"
    )


async def _answered(record: InteractionRecord) -> None:
    """Wait until the bot answered, or Discord refused its late answer."""
    with contextlib.suppress(NoResponse):
        await record.wait_until(
            lambda: bool(record.messages() or record.modal or record.errors), 60, "an answer"
        )


async def main(members: int, budget: float) -> None:
    logging.basicConfig(level=logging.WARNING)
    tmp = Path(tempfile.mkdtemp(prefix="chorus-bench-"))
    async with FakeDiscord() as fake:
        guild = fake.add_guild("burst")
        admin = fake.add_member(guild, "admin", admin=True)
        users = [fake.add_member(guild, f"member{i}") for i in range(members)]
        settings = load_settings(
            store={"database": str(tmp / "chorus.sqlite3")},
            privacy={"secret_key": SECRET},
            discord={
                "token": fake.token,
                "api_base_url": fake.api_url,
                "gateway_url": fake.gateway_url,
            },
            slack={"bot_token": None, "app_token": None, "signing_secret": None},
        )
        services = await build_services(settings)
        app = App(services)
        platform = DiscordPlatform(
            services,
            settings.discord,
            app.dispatcher,
            guild_ready_timeout=0.1,
            first_response_budget=budget,
        )
        app.add_platform(platform)
        await app.start()
        try:
            stories = fake.channel(guild, "stories")
            await (
                await fake.slash(
                    guild, admin, "config channel", {"kind": "story", "channel": stories}
                )
            ).reply()
            await (await fake.slash(guild, admin, "config limit", {"per-day": 50})).response()

            opened = await asyncio.gather(
                *(fake.slash(guild, u, "share", wait=False) for u in users)
            )
            await asyncio.gather(*(_answered(r) for r in opened))
            _report("/share -> modal", opened)

            # A member whose modal could not open in time gets a button that opens it.
            await asyncio.gather(
                *(r.wait_messages(1, 60) for r in opened if r.callback and not r.modal)
            )
            late = [
                r
                for r in opened
                if not r.modal
                and any(b.get("label") == "Open the form" for b in buttons_of(r.messages()[-1]))
            ]
            others = {r.messages()[-1]["content"][:60] for r in opened if not r.modal} - {
                r.messages()[-1]["content"][:60] for r in late
            }
            if others:
                print("other answers:", others)
            reopened = await asyncio.gather(
                *(fake.click(r.messages()[-1], "Open the form", wait=False) for r in late)
            )
            await asyncio.gather(*(_answered(r) for r in reopened))
            with_modal = [r for r in [*opened, *reopened] if r.modal]
            print(f"{'':<22} {len(late)} answered late with an open-form button")
            submitted = await asyncio.gather(
                *(
                    fake.submit_modal(r, {"story": STORY.format(n=i % 9 + 2)}, wait=False)
                    for i, r in enumerate(with_modal)
                )
            )
            await asyncio.gather(*(_answered(r) for r in submitted))
            previews = [
                r.messages()[-1] for r in submitted if r.messages() and buttons_of(r.messages()[-1])
            ]
            _report("submit -> preview", submitted)

            started = time.perf_counter()
            confirmed = await asyncio.gather(
                *(fake.click(p, "Confirm", wait=False) for p in previews)
            )
            await asyncio.gather(*(_answered(r) for r in confirmed))
            # Stored when the confirm handler ran, whether or not its answer was in time.
            done_at = [r.dispatched_at + r.latency for r in confirmed if r.latency is not None] + [
                r.dispatched_at for r in confirmed
            ]
            elapsed = max(done_at) - started
            _report("Confirm -> receipt", confirmed)

            rows = await services.db.fetch_all("SELECT * FROM stories")
            print(
                f"stories stored: {len(rows)} in {elapsed:.2f} s "
                f"= {len(rows) / elapsed:,.0f} stories/s through Discord"
            )
        finally:
            await app.stop()

    # The same rows, inserted straight into SQLite, one committed row at a time.
    src = sqlite3.connect(tmp / "chorus.sqlite3")
    table = src.execute("SELECT sql FROM sqlite_master WHERE name = 'stories'").fetchone()[0]
    data = src.execute("SELECT * FROM stories").fetchall()
    src.close()
    dst = sqlite3.connect(tmp / "direct.sqlite3")
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
    if data:
        print(
            f"same rows straight into SQLite: {len(data) / direct:,.0f} rows/s "
            f"({direct * 1000:.1f} ms for {len(data)})"
        )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    asyncio.run(main(count, float(sys.argv[2]) if len(sys.argv) > 2 else 2.0))
