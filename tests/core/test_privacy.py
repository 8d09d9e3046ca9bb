"""Keyed pseudonyms: stable within a key, unlinkable after the key is destroyed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.api import UserRef
from bot.app import Services
from bot.config import Settings
from tests.conftest import FakeClock, make_backend_settings


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """These tests run on SQLite and on PostgreSQL."""
    return make_backend_settings(tmp_path, db_url)


ALICE = UserRef("discord", "111111111111111111")
BOB = UserRef("discord", "222222222222222222")


async def test_pseudonyms_are_stable_and_distinct(services: Services) -> None:
    """The same person gets the same pseudonym; different people and communities differ."""
    p = services.pseudonyms
    a1 = await p.author("discord:1", ALICE)
    assert a1 == await p.author("discord:1", ALICE)
    assert a1 != await p.author("discord:1", BOB)
    assert a1.pseudonym != (await p.author("discord:2", ALICE)).pseudonym
    assert ALICE.id not in a1.pseudonym


async def test_keys_rotate_and_expired_keys_are_destroyed(
    services: Services, clock: FakeClock
) -> None:
    """After rotation the pseudonym changes, and destroying the old key unlinks stories."""
    p = services.pseudonyms
    old = await p.author("discord:1", ALICE)
    await services.db.execute(
        "INSERT INTO communities (id, platform, created_at) VALUES ('discord:1', 'discord', 0)"
    )
    await services.db.execute(
        "INSERT INTO stories (id, community_id, receipt_hash, status, text, themes, week, "
        "author, key_id, queued_at) VALUES ('s1', 'discord:1', 'h', 'queued', 't', '[]', "
        "'2026-W10', ?, ?, 0)",
        old.pseudonym,
        old.key_id,
    )
    clock.advance(days=31)
    new = await p.author("discord:1", ALICE)
    assert new.key_id != old.key_id and new.pseudonym != old.pseudonym
    assert await p.destroy_expired() == 1
    keys = await services.db.fetch_all("SELECT id FROM pseudonym_keys")
    assert keys == [(new.key_id,)]
    assert await services.db.fetch_one("SELECT author FROM stories WHERE id = 's1'") == ("",)


def test_user_refs_never_show_their_id() -> None:
    """A UserRef's repr hides the id, so it cannot leak through a log line."""
    assert ALICE.id not in repr(ALICE)
