"""The readable form of a community's configuration."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.api import channel_mention


def _channel(value: str | None) -> str:
    return channel_mention(value) if value else "not set"


def describe(
    values: dict[str, Any], next_slot: datetime | None, only: str | None = None, blocks: int = 0
) -> str:
    """Settings as short lines an admin can read at a glance."""
    tz = values["timezone"]
    when = (
        next_slot.astimezone(ZoneInfo(tz)).strftime("%a %d %b %H:%M")
        if next_slot is not None
        else "not planned"
    )
    schedule = [
        "**Posting schedule**",
        f"• every {values['cadence_minutes']} minutes between "
        f"{values['active_start_hour']:02d}:00 and {values['active_end_hour']:02d}:00 ({tz})",
        f"• up to {values['batch_size']} stories per slot, chosen at random",
        f"• a story waits at least {values['min_delay_minutes']} minutes, and until "
        f"{values['min_pool']} are waiting (or {values['max_wait_hours']} hours pass)",
        f"• next slot: {when}",
    ]
    if only == "schedule":
        return "\n".join(schedule)
    organizers = values["organizer_role"] or values["organizer_group"]
    lines = [
        "**Channels**",
        f"• stories: {_channel(values['story_channel'])}",
        f"• organizers: {_channel(values['organizer_channel'])}",
        f"• organizer role: {'set' if organizers else 'not set'}",
        *schedule,
        "**Community**",
        f"• moderation: {'on' if values['moderation'] else 'off'}",
        f"• summaries hide counts below {values['suppression_threshold']}",
        f"• posted text kept {values['retention_days']} days"
        + (", then the posts are deleted too" if values["retention_delete_posts"] else ""),
        f"• authors blocked now: {blocks} (nobody, including you, can see who)",
        f"• daily limit per member: {values['daily_limit']}",
        f"• region for helplines: {values['region']}",
        f"• custom themes: {', '.join(t['id'] for t in values['themes_added']) or 'none'}",
        f"• removed themes: {', '.join(values['themes_removed']) or 'none'}",
    ]
    if values["posting_problem"]:
        lines.append(f"⚠ last posting problem: {values['posting_problem'].replace('_', ' ')}")
    return "\n".join(lines)
