"""Shared fixtures: real SQLite files in a temporary folder, an injectable clock."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, Services, build_services
from bot.config import Settings, load_settings
from bot.platforms.console import ConsolePlatform
from tests.pg import db_url, pg_server, pg_url  # noqa: F401 - fixtures shared by every module

SECRET = "test-secret-" + "x" * 40


class FakeClock:
    """A clock tests move by hand; sleeping advances nothing on its own."""

    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        self.moment += timedelta(**kwargs)

    async def sleep(self, seconds: float) -> None:
        # Real time barely moves; the test moves this clock with advance().
        await asyncio.sleep(min(seconds, 0.01))


def make_settings(tmp: Path, **store: str) -> Settings:
    return load_settings(
        store={"database": str(tmp / "chorus.sqlite3"), **store},
        privacy={"secret_key": SECRET},
        discord={"token": None},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
    )


def make_backend_settings(tmp: Path, database: str) -> Settings:
    """Settings on ``database`` (a SQLite path or a PostgreSQL URL), local files in ``tmp``."""
    return make_settings(tmp, database=database, CHORUS_DATA_DIR=str(tmp))


class Console:
    """An in-process console session: type lines, read what was shown."""

    def __init__(self, app: App, platform: ConsolePlatform, out: io.StringIO) -> None:
        self.app = app
        self.platform = platform
        self._out = out

    @property
    def services(self) -> Services:
        return self.app.services

    async def type(self, *lines: str) -> str:
        start = len(self._out.getvalue())
        for line in lines:
            await self.platform.handle_line(line)
        return self._out.getvalue()[start:]

    async def share(self, story: str, mode: str = "1", note: str = "") -> str:
        return await self.type("/share", *story.splitlines(), "", note, mode)

    async def as_(self, role: str, name: str) -> None:
        await self.type(f"/as {role} {name}")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
async def services(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    built = await build_services(settings, clock)
    yield built
    await built.db.close()


@pytest.fixture
async def console(settings: Settings, clock: FakeClock) -> AsyncIterator[Console]:
    built = await build_services(settings, clock)
    app = App(built)
    out = io.StringIO()
    platform = ConsolePlatform(app, out)
    app.add_platform(platform)
    await platform.start()
    yield Console(app, platform, out)
    await built.db.close()
