"""Organizer summaries at scale: 1,000,000 stories over two years in 100 communities.

Builds a real SQLite file through our migrations, fills ``stories`` (status
'posted', one to three themes each, realistic weeks) and the matching
``weekly_counts`` rows, then times, for one community: its summary (counts,
suppression, text), its 8-week chart, and beside them plain SQL aggregates over
the same stories (GROUP BY week, theme with json_each) in the same run.

    PYTHONPATH=. .venv/bin/python bench/summary.py [stories] [--keep PATH]
    PYTHONPATH=. .venv/bin/python bench/summary.py --example-chart docs/summary-chart.png

Goals: summary < 50 ms, chart < 300 ms, from indexes and schema, no caches.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.core.charts import Series, Trend, render_trend
from bot.core.settings import CommunitySettings
from bot.core.summaries import Summaries, render_summary, weeks_to
from bot.core.suppression import Status
from bot.core.themes import default_catalog
from bot.store.db import open_database
from bot.store.migrate import migrate

COMMUNITIES = 100
WEEKS = 104
RUNS = 15
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday: the last complete week is 2026-W09


class FixedClock:
    """The bench's clock: always NOW."""

    def now(self) -> datetime:
        return NOW

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _weeks() -> list[tuple[str, int]]:
    """The two years of ISO weeks ending with the last complete one, with a Monday timestamp."""
    last_monday = date(2026, 2, 23)
    out = []
    for i in range(WEEKS - 1, -1, -1):
        monday = last_monday - timedelta(weeks=i)
        y, w, _ = monday.isocalendar()
        start = datetime(monday.year, monday.month, monday.day, tzinfo=UTC)
        out.append((f"{y}-W{w:02d}", int(start.timestamp())))
    return out


def fill(path: Path, total: int) -> None:
    """Insert ``total`` posted stories and their weekly counts, in big transactions."""
    rng = random.Random(7)
    themes = default_catalog().ids()
    # Some themes are common, some rare, as in real communities.
    weights = [12, 8, 3, 2, 4, 7, 6, 5, 4, 3, 5, 9]
    weeks = _weeks()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    per_community = total // COMMUNITIES
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO communities (id, platform, created_at) VALUES (?, 'bench', 0)",
        [(f"bench:{c:03d}",) for c in range(COMMUNITIES)],
    )
    conn.execute("COMMIT")
    serial = 0
    for c in range(COMMUNITIES):
        community = f"bench:{c:03d}"
        # Communities differ in size and grow over time.
        growth = [0.5 + i / WEEKS + rng.random() * 0.3 for i in range(WEEKS)]
        scale = per_community / sum(growth)
        stories = []
        counts: Counter[tuple[str, str]] = Counter()
        for i, (week, start) in enumerate(weeks):
            n = round(growth[i] * scale)
            for _ in range(n):
                tagged = sorted(set(rng.choices(themes, weights, k=rng.choice((1, 1, 2, 3)))))
                at = start + rng.randrange(7 * 86400)
                serial += 1
                stories.append(
                    (
                        f"{serial:020x}",
                        community,
                        f"h{serial:020x}",
                        "posted",
                        json.dumps(tagged),
                        week,
                        f"a{rng.randrange(500):03d}",
                        at // 60 * 60,
                        at + 3600,
                    )
                )
                counts[(week, "received")] += 1
                counts[(week, "published")] += 1
                for t in tagged:
                    counts[(week, f"theme:{t}")] += 1
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO stories (id, community_id, receipt_hash, status, themes, week, author, "
            "key_id, queued_at, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'k1', ?, ?)",
            stories,
        )
        conn.executemany(
            "INSERT INTO weekly_counts (community_id, week, metric, n) VALUES (?, ?, ?, ?)",
            [(community, w, m, n) for (w, m), n in counts.items()],
        )
        conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


async def measure(path: Path) -> None:
    """Time one community's summary and chart beside plain SQL over the same stories."""
    db = await open_database(str(path))
    clock = FixedClock()
    summaries = Summaries(db, CommunitySettings(db, clock), clock)
    community = "bench:042"
    week = await summaries.latest_week(community)
    window = weeks_to(week, 8)
    summary = await summaries.build(community, week)  # warm-up: imports, page cache
    await summaries.chart(summary)
    build, chart, plain_window, plain_all = [], [], [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        summary = await summaries.build(community, week)
        render_summary(summary)
        build.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        png = await summaries.chart(summary)
        chart.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await db.fetch_all(
            "SELECT s.week, j.value, COUNT(*) FROM stories s, json_each(s.themes) j "
            "WHERE s.community_id = ? AND s.week >= ? AND s.week <= ? GROUP BY s.week, j.value",
            community,
            window[0],
            window[-1],
        )
        plain_window.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await db.fetch_all(
            "SELECT s.week, j.value, COUNT(*) FROM stories s, json_each(s.themes) j "
            "WHERE s.community_id = ? GROUP BY s.week, j.value",
            community,
        )
        plain_all.append(time.perf_counter() - t0)
    stories = await db.fetch_one("SELECT COUNT(*) FROM stories WHERE community_id = ?", community)
    await db.close()
    print(f"community {community}: {stories[0] if stories else 0:,} stories; week {week}")
    print(f"median of {RUNS} runs")
    print(f"  summary (8 weeks of counts + suppression + text)  {_median_ms(build):8.1f} ms")
    print(f"  chart (8-week PNG, {len(png):>7,} bytes)            {_median_ms(chart):8.1f} ms")
    print(f"  plain SQL: GROUP BY week, theme, same 8 weeks     {_median_ms(plain_window):8.1f} ms")
    print(f"  plain SQL: GROUP BY week, theme, all weeks        {_median_ms(plain_all):8.1f} ms")
    ok = _median_ms(build) < 50 and _median_ms(chart) < 300
    print(f"goals (summary < 50 ms, chart < 300 ms): {'met' if ok else 'NOT met'}")


def example_chart(path: Path) -> None:
    """Draw the README's example chart from made-up figures, some of them suppressed."""
    raw = {
        "stories received": [14, 18, 11, 22, 19, 25, 21, 27],
        "verbal": [9, 7, 4, 11, 10, 8, 13, 12],
        "non-verbal": [3, 6, 5, 7, 2, 9, 6, 8],
        "physical": [2, 1, 3, 4, 2, 3, 6, 5],
        "online": [5, 8, 6, 3, 9, 11, 7, 10],
        "institutional": [4, 2, 6, 5, 7, 3, 8, 9],
    }
    threshold = 5
    series = []
    for name, values in raw.items():
        statuses = tuple(Status.SHOWN if v >= threshold else Status.FEWER for v in values)
        shown = tuple(v if v >= threshold else None for v in values)
        series.append(Series(name, shown, statuses))
    weeks = tuple(weeks_to("2026-W09", 8))
    path.write_bytes(render_trend(Trend(weeks, tuple(series), threshold, "Europe/London")))
    print(f"wrote {path}")


def main() -> None:
    """Build the database (or reuse one given with --keep) and print the figures."""
    args = sys.argv[1:]
    if "--example-chart" in args:
        example_chart(Path(args[args.index("--example-chart") + 1]))
        return
    total = int(args[0]) if args and args[0].isdigit() else 1_000_000
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "bench.sqlite3"
        if not path.exists():

            async def create() -> None:
                db = await open_database(str(path))
                await migrate(db)
                await db.close()

            asyncio.run(create())
            t0 = time.perf_counter()
            fill(path, total)
            print(
                f"filled {total:,} stories in {COMMUNITIES} communities over {WEEKS} weeks "
                f"in {time.perf_counter() - t0:.0f} s ({path.stat().st_size / 1e6:.0f} MB)"
            )
        asyncio.run(measure(path))


if __name__ == "__main__":
    main()
