"""``chorus export``: a community's weekly counts as CSV, from the shell.

The same suppressed figures organizers get from ``/summary export``: counts only,
never story text, and nothing that needs the secret key.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock, SystemClock
from bot.core.settings import CommunitySettings
from bot.core.summaries import Summaries, WeekRefused, choose_week
from bot.store.db import open_database
from bot.store.migrate import migrate


class ExportError(Exception):
    """The export cannot be made as asked; the message says what to do."""


@dataclass(frozen=True)
class Export:
    """One community's CSV and the weeks it covers."""

    community_id: str
    week: str
    csv: str


def _pick(communities: list[str], wanted: str | None) -> str:
    if wanted is not None:
        if wanted not in communities:
            known = ", ".join(communities) or "none yet"
            raise ExportError(f"No community {wanted!r} in this database (known: {known}).")
        return wanted
    if not communities:
        raise ExportError("This database has no community yet: nothing to export.")
    if len(communities) > 1:
        raise ExportError(
            "This database holds several communities; choose one with --community: "
            + ", ".join(communities)
        )
    return communities[0]


async def export_counts(
    database: str, community: str | None, week: str | None, clock: Clock | None = None
) -> Export:
    """Weekly counts up to ``week`` (default: the last complete one) for one community."""
    clock = clock or SystemClock()
    db = await open_database(database)
    try:
        await migrate(db)
        settings = CommunitySettings(db, clock)
        community_id = _pick(await settings.communities(), community)
        summaries = Summaries(db, settings, clock)
        try:
            chosen = choose_week(week, await summaries.latest_week(community_id))
        except WeekRefused as refused:
            raise ExportError(str(refused).replace("`", "")) from None
        return Export(community_id, chosen, await summaries.export_csv(community_id, chosen))
    finally:
        await db.close()
