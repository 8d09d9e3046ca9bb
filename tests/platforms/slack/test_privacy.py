"""No Slack user id, name or original story text reaches the database or the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot import messages
from tests.platforms.slack.conftest import SlackWorld

IDENTIFYING = "zq.stalker.unique@example.com"
STORY = f"He followed me home from the library and emailed me at {IDENTIFYING}."
COUNT_ONLY = "Quokkaberry lane is where the catcalling happens every single evening."


LIBRARIES = ("discord", "slack_bolt", "slack_sdk", "aiohttp", "aiosqlite", "asyncio")


def _database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_database_and_logs_hold_no_ids_names_or_original_text(
    world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    """A whole journey in two workspaces, searched afterwards for anything identifying."""
    # As bot.logs.configure_logging does: libraries never below INFO (their DEBUG output is
    # raw SQL and HTTP bodies); Chorus's own loggers at DEBUG. The root level is set last
    # because set_level also sets the capturing handler's level.
    for library in LIBRARIES:
        caplog.set_level(logging.INFO, logger=library)
    caplog.set_level(logging.DEBUG)
    fake = world.fake
    for team in (world.acme, world.globex):
        code = await world.share(team, STORY, note="stalking")
        view = await world.preview(team, COUNT_ONLY, mode="count")
        await fake.click(view, messages.CONFIRM)
        await world.services.publisher.run_slot(team.community)
        await world.command(team.member, team.general, "/status", f"code:{code}")
        await world.command(team.admin, team.general, "/config", "show")
        await world.command(team.member, team.general, "/config", "show")
        [post] = fake.messages(team.stories.id)
        await fake.click_message(
            team.organizer, team.stories, messages.SLACK_SHOW_STORY, message=post
        )
        await world.command(team.member, team.general, "/withdraw", f"code:{code}")

    people = [u for team in (world.acme, world.globex) for u in team.ws.users.values()]
    secrets = [IDENTIFYING, "Quokkaberry", COUNT_ONLY]
    for user in people:
        secrets += [user.id, user.name, user.real_name]
    stored = _database_bytes(world.db_path)
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "the journey should have logged something"
    for secret in secrets:
        assert secret.encode() not in stored, f"database holds {secret!r}"
        assert secret not in logged, f"logs hold {secret!r}"
