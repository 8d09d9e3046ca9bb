"""`chorus export` as a real subprocess: suppressed weekly counts, kind refusals."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from tests.ops._proc import chorus

WEEK = "2026-W10"


def _seed(folder: Path, *communities: str) -> None:
    assert chorus(folder, "migrate").returncode == 0
    with sqlite3.connect(folder / "chorus.sqlite3") as db:
        for community in communities:
            db.execute(
                "INSERT INTO communities (id, platform, created_at) VALUES (?, 'console', 0)",
                (community,),
            )
            for week, metric, n in (
                ("2026-W09", "received", 9),
                (WEEK, "received", 14),
                (WEEK, "published", 11),
                (WEEK, "count_only", 3),
                (WEEK, "theme:street_harassment", 8),
                (WEEK, "theme:workplace", 2),
                ("2026-W11", "received", 30),
            ):
                db.execute(
                    "INSERT INTO weekly_counts (community_id, week, metric, n) VALUES (?, ?, ?, ?)",
                    (community, week, metric, n),
                )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_writes_suppressed_counts_up_to_the_week(tmp_path: Path) -> None:
    """Counts come out per week, small ones as "fewer than 5", none after the chosen week."""
    _seed(tmp_path, "console:home")
    done = chorus(tmp_path, "export", "--week", WEEK)
    assert done.returncode == 0, done.stderr
    rows = _rows(done.stdout)
    assert {r["week"] for r in rows} == {"2026-W09", WEEK}
    figures = {(r["week"], r["name"]): r["count"] for r in rows}
    assert figures[(WEEK, "received")] == "14"
    assert figures[(WEEK, "count_only")] == "fewer than 5"
    assert "3" not in {r["count"] for r in rows}
    assert "2" not in {r["count"] for r in rows}


def test_export_to_a_file(tmp_path: Path) -> None:
    """--output writes the same CSV to a file and says where."""
    _seed(tmp_path, "console:home")
    target = tmp_path / "counts.csv"
    done = chorus(tmp_path, "export", "--week", WEEK, "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target) in done.stdout
    assert _rows(target.read_text())[0]["week"] == "2026-W09"


def test_several_communities_need_a_choice(tmp_path: Path) -> None:
    """With two communities the command names them instead of guessing."""
    _seed(tmp_path, "discord:1", "slack:T2")
    refused = chorus(tmp_path, "export", "--week", WEEK)
    assert refused.returncode == 2
    assert "discord:1" in refused.stderr and "slack:T2" in refused.stderr
    chosen = chorus(tmp_path, "export", "--week", WEEK, "--community", "slack:T2")
    assert chosen.returncode == 0, chosen.stderr
    unknown = chorus(tmp_path, "export", "--community", "nobody")
    assert unknown.returncode == 2 and "No community 'nobody'" in unknown.stderr


def test_bad_and_open_weeks_are_refused_kindly(tmp_path: Path) -> None:
    """A week that isn't one, or isn't over, is refused with what to write instead."""
    _seed(tmp_path, "console:home")
    bad = chorus(tmp_path, "export", "--week", "last tuesday")
    assert bad.returncode == 2 and "2026-W47" in bad.stderr
    future = chorus(tmp_path, "export", "--week", "2999-W01")
    assert future.returncode == 2 and "isn't over yet" in future.stderr


def test_an_empty_database_says_so(tmp_path: Path) -> None:
    """No community yet: a clear sentence, not a traceback."""
    assert chorus(tmp_path, "migrate").returncode == 0
    done = chorus(tmp_path, "export")
    assert done.returncode == 2
    assert "no community yet" in done.stderr
    assert "Traceback" not in done.stderr
