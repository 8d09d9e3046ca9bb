"""Keyed pseudonyms for authors, with keys that rotate and are destroyed.

A pseudonym is HMAC(key, community + user); a key is HMAC(secret, salt). The
secret lives in configuration, the salt in the database, so neither alone
links a story to a person; deleting an expired salt makes every link made with
it unrecoverable, even to the operator.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.api import UserRef
from bot.core.clock import Clock, timestamp
from bot.store.db import Database

if TYPE_CHECKING:
    from bot.config import Settings


@dataclass(frozen=True)
class Author:
    """An author as Chorus knows them: a pseudonym under one key."""

    pseudonym: str
    key_id: str


def chorus_secret(settings: Settings) -> bytes:
    """Return the Chorus secret: ``CHORUS_SECRET_KEY``, or the ``secret.key`` file.

    It keys author pseudonyms, and sealed Slack tokens use a key derived from it,
    so there is only one secret to keep out of backups.
    """
    configured = settings.privacy.secret_key
    if configured is not None:
        return configured.get_secret_value().encode()
    return load_or_create_secret(settings.store.data_dir / "secret.key")


def load_or_create_secret(path: Path) -> bytes:
    """Read the local secret, creating it once (owner-readable only) if absent."""
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise PermissionError(
                f"{path} is readable by others (mode {mode:o}); run: chmod 600 {path}"
            )
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        value = secrets.token_hex(32).encode()
        fh.write(value)
    return value


class Pseudonyms:
    """Turns platform users into pseudonyms and rotates the keys behind them."""

    def __init__(self, db: Database, secret: bytes, clock: Clock, rotation_days: int = 30) -> None:
        self._db = db
        self._secret = secret
        self._clock = clock
        self._rotation = timedelta(days=rotation_days)
        # The active key as (id, key, expires_at); see current_key for why it may be kept.
        self._active: tuple[str, bytes, int] | None = None
        self._loading: asyncio.Lock = asyncio.Lock()

    def _derive(self, salt: str) -> bytes:
        return hmac.new(self._secret, salt.encode(), hashlib.sha256).digest()

    async def current_key(self) -> tuple[str, bytes]:
        """The active key, creating a new one when the last has expired.

        Every process sharing the store must agree on the key, so a new key's id is
        the rotation period it covers: processes that find no active key at once all
        insert the same id, one insert wins, and all of them read the winner's salt.

        A key is only ever created when none is active, and only destroyed once
        expired, so the active key stays the active key until it expires: it is kept
        in memory until then, and members' pseudonyms cost no trip to the store.
        """
        active = self._active
        if active is not None and timestamp(self._clock.now()) < active[2]:
            return active[0], active[1]
        # One lookup at a time: a burst arriving as the key expires reads it once.
        async with self._loading:
            active = self._active
            now = timestamp(self._clock.now())
            if active is None or now >= active[2]:
                active = await self._load(now)
                self._active = active
        return active[0], active[1]

    async def _load(self, now: int) -> tuple[str, bytes, int]:
        row = await self._db.fetch_one(
            "SELECT id, salt, expires_at FROM pseudonym_keys WHERE expires_at > ? "
            "ORDER BY created_at DESC, id LIMIT 1",
            now,
        )
        if row is None:
            period = int(self._rotation.total_seconds())
            index = now // period
            key_id = f"{period // 86400}d-{index}"
            await self._db.execute(
                "INSERT INTO pseudonym_keys (id, salt, created_at, expires_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                key_id,
                secrets.token_hex(32),
                now,
                (index + 1) * period,
            )
            row = await self._db.fetch_one(
                "SELECT id, salt, expires_at FROM pseudonym_keys WHERE id = ?", key_id
            )
            if row is None:
                raise RuntimeError("the pseudonym key vanished as it was created")
        return str(row[0]), self._derive(str(row[1])), int(row[2])

    async def author(self, community_id: str, user: UserRef) -> Author:
        """The pseudonym of ``user`` in ``community_id`` under the active key."""
        key_id, key = await self.current_key()
        message = f"{community_id}\x00{user.platform}\x00{user.id}".encode()
        return Author(hmac.new(key, message, hashlib.sha256).hexdigest()[:32], key_id)

    def directory_hash(self, community_id: str, user: UserRef) -> str:
        """A stable keyed hash for lists of people an admin configures (organizers)."""
        message = f"directory\x00{community_id}\x00{user.platform}\x00{user.id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    async def destroy_expired(self) -> int:
        """Delete expired keys and every link made with them; return keys destroyed."""
        now = timestamp(self._clock.now())
        async with self._db.transaction() as tx:
            expired = [
                r[0]
                for r in await tx.fetch_all(
                    "SELECT id FROM pseudonym_keys WHERE expires_at <= ?", now
                )
            ]
            for key_id in expired:
                if self._active is not None and self._active[0] == key_id:
                    self._active = None
                await tx.execute("UPDATE stories SET author = '' WHERE key_id = ?", key_id)
                await tx.execute("DELETE FROM submission_counts WHERE key_id = ?", key_id)
                await tx.execute("DELETE FROM blocks WHERE key_id = ?", key_id)
                await tx.execute("DELETE FROM recent_actions WHERE key_id = ?", key_id)
                await tx.execute("DELETE FROM pseudonym_keys WHERE id = ?", key_id)
        if expired:
            await self._db.scrub()
        return len(expired)
