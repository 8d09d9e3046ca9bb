"""The health check: is the store answering and is every platform connected."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.ops.metrics import is_connected
from bot.platforms.base import Platform
from bot.store.db import Database

# A store that takes longer than this to answer SELECT 1 is as good as down.
DB_TIMEOUT = 2.0


@dataclass(frozen=True)
class Health:
    """The outcome of one check, ready to serve as JSON."""

    healthy: bool
    body: dict[str, Any]


async def check_health(
    db: Database, platforms: Mapping[str, Platform], stopping: bool = False
) -> Health:
    """Check the store and every platform; unhealthy while shutting down."""
    try:
        row = await asyncio.wait_for(db.fetch_one("SELECT 1"), DB_TIMEOUT)
        database = row == (1,)
    except Exception:  # any failure to answer means the store is not usable
        database = False
    connected = {name: is_connected(p) for name, p in sorted(platforms.items())}
    healthy = database and all(connected.values()) and bool(connected) and not stopping
    status = "stopping" if stopping else ("ok" if healthy else "unavailable")
    return Health(healthy, {"status": status, "database": database, "platforms": connected})
