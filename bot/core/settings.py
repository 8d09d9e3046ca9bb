"""Per-community settings with registered defaults, stored as JSON values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.core.clock import Clock, timestamp
from bot.core.themes import Theme, ThemeCatalog, default_catalog
from bot.store.db import Database

DEFAULTS: dict[str, Any] = {
    "story_channel": None,
    "organizer_channel": None,
    "organizer_role": None,
    "organizer_group": None,
    "organizer_users": [],
    "cadence_minutes": 180,
    "active_start_hour": 9,
    "active_end_hour": 21,
    "timezone": "UTC",
    "batch_size": 3,
    "min_delay_minutes": 60,
    "min_pool": 3,
    "max_wait_hours": 72,
    "moderation": False,
    "suppression_threshold": 5,
    "digest_weekday": 0,
    "digest_hour": 9,
    "retention_days": 90,
    "daily_limit": 3,
    "region": "INTL",
    "themes_added": [],
    "themes_removed": [],
    "theme_keywords": {},
    "hidden_resources": [],
    "posting_problem": None,
    "burst_limit": 5,
    "burst_window_minutes": 60,
    "retention_delete_posts": False,
}


@dataclass(frozen=True)
class Schedule:
    """When and how a community's stories are posted."""

    cadence_minutes: int
    active_start_hour: int
    active_end_hour: int
    timezone: str
    batch_size: int
    min_delay_minutes: int
    min_pool: int
    max_wait_hours: int


class CommunitySettings:
    """Reads and writes one community's settings; unknown keys are refused."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def ensure_community(self, community_id: str, platform: str) -> bool:
        """Record a community the first time it is seen; return True if it is new."""
        changed = await self._db.execute(
            "INSERT INTO communities (id, platform, created_at) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            community_id,
            platform,
            timestamp(self._clock.now()),
        )
        return changed > 0

    async def communities(self) -> list[str]:
        """Every known community id."""
        return [r[0] for r in await self._db.fetch_all("SELECT id FROM communities ORDER BY id")]

    async def get(self, community_id: str, key: str) -> Any:
        """One setting, or its default."""
        if key not in DEFAULTS:
            raise KeyError(key)
        row = await self._db.fetch_one(
            "SELECT value FROM community_settings WHERE community_id = ? AND key = ?",
            community_id,
            key,
        )
        return json.loads(row[0]) if row else DEFAULTS[key]

    async def all(self, community_id: str) -> dict[str, Any]:
        """Every setting of a community, defaults filled in."""
        rows = await self._db.fetch_all(
            "SELECT key, value FROM community_settings WHERE community_id = ?", community_id
        )
        values = dict(DEFAULTS)
        values.update({k: json.loads(v) for k, v in rows if k in DEFAULTS})
        return values

    async def set(self, community_id: str, **values: Any) -> None:
        """Change settings atomically."""
        for key in values:
            if key not in DEFAULTS:
                raise KeyError(key)
        async with self._db.transaction() as tx:
            for key, value in values.items():
                await tx.execute(
                    "INSERT INTO community_settings (community_id, key, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (community_id, key) DO UPDATE SET value = excluded.value",
                    community_id,
                    key,
                    json.dumps(value, sort_keys=True),
                )

    async def schedule(self, community_id: str) -> Schedule:
        """The community's posting schedule."""
        return schedule_of(await self.all(community_id))

    async def catalog(self, community_id: str) -> ThemeCatalog:
        """The community's themes: defaults with its additions, removals and keywords."""
        return catalog_of(await self.all(community_id))


def schedule_of(values: dict[str, Any]) -> Schedule:
    """The posting schedule in settings already read with :meth:`CommunitySettings.all`."""
    return Schedule(**{k: values[k] for k in Schedule.__dataclass_fields__})


def catalog_of(values: dict[str, Any]) -> ThemeCatalog:
    """The themes in settings already read with :meth:`CommunitySettings.all`."""
    added = tuple(
        Theme(t["id"], t["label"], t["group"], tuple(t["keywords"])) for t in values["themes_added"]
    )
    keywords = {k: tuple(v) for k, v in values["theme_keywords"].items()}
    return default_catalog().with_changes(added, tuple(values["themes_removed"]), keywords)
