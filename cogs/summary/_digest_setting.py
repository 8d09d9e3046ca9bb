"""The readable form of a community's weekly-digest setting."""

from __future__ import annotations

from typing import Any

from bot import messages
from bot.api import channel_mention


def describe_digest(values: dict[str, Any]) -> str:
    """One sentence saying when and where the weekly summary is posted."""
    weekday = values["digest_weekday"]
    if weekday is None:
        return messages.DIGEST_OFF
    channel = values["organizer_channel"]
    return messages.DIGEST_SETTING.format(
        weekday=messages.DIGEST_WEEKDAYS[int(weekday)],
        hour=int(values["digest_hour"]),
        tz=values["timezone"],
        channel=channel_mention(channel) if channel else messages.DIGEST_NO_CHANNEL,
    )
