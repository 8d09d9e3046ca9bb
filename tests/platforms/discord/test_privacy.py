"""After whole journeys, no user id, name or original story text is in the database or logs."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from tests.platforms.discord.conftest import World, receipt_code

SECRET_DETAIL = "jordan.kessler@example.org"
STORY = f"My landlord keeps writing to me from {SECRET_DETAIL} about my clothes."
DM_STORY = "A driver followed me for three blocks; his email is m.vance@example.net."


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


async def test_no_identity_or_original_text_in_store_or_logs(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Database files and every log record are free of ids, names and original text."""
    caplog.set_level(logging.DEBUG)
    fake = world.fake
    preview = await (await world.share(world.guild, world.member, STORY)).reply()
    code = receipt_code((await (await fake.click(preview, "Confirm")).reply())["content"])
    [dm_preview] = await fake.dm(world.member, DM_STORY)
    await (await fake.click(dm_preview, "Confirm")).reply()
    await world.run_slot()
    await (await fake.slash(world.guild, world.member, "status", {"code": code})).reply()
    await (await fake.slash(world.guild, world.admin, "config show")).reply()
    await world.stop()

    secrets_ = [
        world.member.id,
        world.admin.id,
        world.member.username,
        world.admin.username,
        SECRET_DETAIL,
        "m.vance@example.net",
        STORY,
        DM_STORY,
    ]
    files = _files(tmp_path)
    assert any(p.suffix == ".sqlite3" for p in files)
    for path in files:
        data = await asyncio.to_thread(path.read_bytes)
        for secret in secrets_:
            assert secret.encode() not in data, f"{path.name} holds a secret"
    logs = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert logs, "the journey should have logged something"
    for secret in secrets_:
        leaks = [
            f"{r.name}: {r.getMessage()[:300]}"
            for r in caplog.records
            if secret in r.getMessage() + (r.exc_text or "")
        ]
        assert not leaks, leaks[:3]
    # The test can fail: the posted story really is in Discord, and the id is real.
    posted = fake.bot_messages(fake.channel(world.guild, "stories"))
    assert posted and world.member.id in [u.id for u in fake.users.values()]
