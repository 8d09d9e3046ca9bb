"""Weekly aggregate counts and per-author daily submission counts."""

from __future__ import annotations

from bot.store.db import Database, Transaction


async def bump(tx: Transaction, community_id: str, week: str, metric: str, by: int = 1) -> None:
    """Add ``by`` to one weekly metric ('received', 'theme:<id>', ...)."""
    await tx.execute(
        "INSERT INTO weekly_counts (community_id, week, metric, n) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (community_id, week, metric) DO UPDATE SET n = weekly_counts.n + excluded.n",
        community_id,
        week,
        metric,
        by,
    )


async def weekly(db: Database, community_id: str, week: str) -> dict[str, int]:
    """Every metric of one community's week."""
    rows = await db.fetch_all(
        "SELECT metric, n FROM weekly_counts WHERE community_id = ? AND week = ?",
        community_id,
        week,
    )
    return {str(m): int(n) for m, n in rows}


async def submissions_today(db: Database, community_id: str, author: str, day: str) -> int:
    """How many stories an author pseudonym has submitted today."""
    row = await db.fetch_one(
        "SELECT n FROM submission_counts WHERE community_id = ? AND author = ? AND day = ?",
        community_id,
        author,
        day,
    )
    return int(row[0]) if row else 0


async def count_submission(
    tx: Transaction, community_id: str, author: str, key_id: str, day: str
) -> None:
    """Count one submission for the daily limit."""
    await tx.execute(
        "INSERT INTO submission_counts (community_id, author, key_id, day, n) "
        "VALUES (?, ?, ?, ?, 1) ON CONFLICT (community_id, author, day) "
        "DO UPDATE SET n = submission_counts.n + 1",
        community_id,
        author,
        key_id,
        day,
    )
