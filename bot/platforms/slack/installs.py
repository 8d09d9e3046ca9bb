"""Workspaces that installed Chorus themselves: their bot tokens, sealed, in our database.

A distributed Slack app gets one bot token per workspace from the OAuth v2
install flow (Bolt runs the flow). These stores plug into Bolt:

* :class:`SlackInstallations` is Bolt's installation store, one row per workspace
  (or per Enterprise Grid organization), and tells the scheduler which token acts
  in a community's workspace when no request is under way.
* :class:`OAuthStates` is Bolt's state store: each installation link's ``state``
  is valid once, for a limited time, in every process sharing the database.

Tokens are sealed with AES-GCM under a key derived from the Chorus secret, bound
to the workspace they belong to, so the database alone (a backup, a stolen file)
cannot act in anyone's workspace and a sealed token cannot be moved to another
row. Only what Chorus needs is kept: no installer's user id, no user token.
"""

from __future__ import annotations

import base64
import html
import logging
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.core.clock import Clock, timestamp
from bot.store.db import Database, Row

log = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
BOT_SCOPES = (
    "commands",  # slash commands
    "chat:write",  # story posts, digests, private receipts (ephemeral)
    "channels:history",  # finding a post again by its nonce after a restart
    "groups:history",
    "channels:read",  # checking configured channels
    "groups:read",
    "users:read",  # is someone a workspace admin or owner
    "usergroups:read",  # is someone in the organizers' user group
    "im:write",  # sending an organizer's export to them directly
    "files:write",  # summary charts and exports
)
"""What the app asks for in every workspace: the manifest's scopes and the install link's."""

_LINK_EXPIRED = (
    "This installation link has expired or was already used. Links work once, for a few "
    "minutes, in the browser that opened them."
)
_FAILURES = {
    "invalid_state": _LINK_EXPIRED,
    "invalid_browser": _LINK_EXPIRED,
    "missing_code": _LINK_EXPIRED,
    "invalid_code": _LINK_EXPIRED,
    "access_denied": "Chorus was not installed: the installation was cancelled in Slack.",
    "storage_error": "Slack agreed, but Chorus could not save the installation. Nothing was "
    "changed in your workspace; please try again in a moment.",
}
_FAILED_OTHERWISE = "Slack did not complete the installation."

SEALED_PREFIX = "v1:"
_KEY_INFO = b"chorus slack installation tokens v1"
_NONCE_BYTES = 12
_COLUMNS = (
    "enterprise_id, team_id, app_id, bot_id, bot_user_id, bot_scopes, bot_token, "
    "bot_refresh_token, bot_token_expires_at, is_enterprise_install, installed_at"
)
_UPDATED = _COLUMNS.split(", ")[2:]


class SealError(ValueError):
    """A sealed token that cannot be opened: another secret, another row, or damage."""


class TokenSeal:
    """Seals and opens tokens with AES-GCM under a key derived from the Chorus secret."""

    def __init__(self, secret: bytes) -> None:
        # HKDF gives a key of its own for this purpose, independent of pseudonym keys.
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(secret)
        self._aead = AESGCM(key)

    def seal(self, token: str, context: str) -> str:
        """Return ``token`` sealed; ``context`` (the row's key) must match to open it."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, token.encode(), context.encode())
        return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()

    def open(self, sealed: str, context: str) -> str:
        """Return the token sealed with ``context``; raise :class:`SealError` if it cannot."""
        if not sealed.startswith(SEALED_PREFIX):
            raise SealError("not a sealed token")
        try:
            raw = base64.urlsafe_b64decode(sealed.removeprefix(SEALED_PREFIX))
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
        except (InvalidTag, ValueError) as exc:
            raise SealError("the token cannot be opened with this secret") from exc
        return plain.decode()


def _key(enterprise_id: str | None, team_id: str | None, org_wide: bool | None) -> tuple[str, str]:
    # An org-wide install acts for every workspace of the organization, so it is
    # found by the organization alone, whichever workspace a request came from.
    if org_wide or not team_id:
        return enterprise_id or "", ""
    return enterprise_id or "", team_id


def _context(enterprise_id: str, team_id: str, field: str) -> str:
    return f"{enterprise_id}\x00{team_id}\x00{field}"


class SlackInstallations(AsyncInstallationStore):
    """Bolt's installation store over the Chorus database; bot installations only.

    Chorus asks for no user scopes, so an installation is its bot: saving an
    installation keeps its bot, and deleting one deletes the workspace's row.
    """

    def __init__(self, db: Database, seal: TokenSeal, clock: Clock) -> None:
        self._db = db
        self._seal = seal
        self._clock = clock

    @property
    def logger(self) -> logging.Logger:
        """The logger Bolt may use for this store."""
        return log

    async def async_save(self, installation: Installation) -> None:
        """Keep the bot of a new or renewed installation (the installer is not kept)."""
        if installation.bot_token is None:
            return
        await self.async_save_bot(installation.to_bot())

    async def async_save_bot(self, bot: Bot) -> None:
        """Insert or replace a workspace's bot, its tokens sealed."""
        enterprise_id, team_id = _key(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        token = self._seal.seal(bot.bot_token, _context(enterprise_id, team_id, "bot_token"))
        refresh = (
            self._seal.seal(
                bot.bot_refresh_token, _context(enterprise_id, team_id, "bot_refresh_token")
            )
            if bot.bot_refresh_token
            else None
        )
        scopes = ",".join(bot.bot_scopes or [])
        # One statement, so installs of the same workspace racing in two processes
        # leave one whole row, whichever came last.
        await self._db.execute(
            f"INSERT INTO slack_installations ({_COLUMNS}) "  # noqa: S608 - fixed columns
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (enterprise_id, team_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in _UPDATED),
            enterprise_id,
            team_id,
            bot.app_id,
            bot.bot_id,
            bot.bot_user_id,
            scopes,
            token,
            refresh,
            bot.bot_token_expires_at,
            int(bool(bot.is_enterprise_install)),
            timestamp(self._clock.now()),
        )
        log.info("slack installation saved for %s", _community(team_id))

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        """The bot installed in a workspace (or organization), or None."""
        key = _key(enterprise_id, team_id, is_enterprise_install)
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM slack_installations "  # noqa: S608 - fixed columns
            "WHERE enterprise_id = ? AND team_id = ?",
            *key,
        )
        return self._bot(row) if row is not None else None

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The workspace's installation as its bot; no user's installation is kept."""
        if user_id is not None:
            return None
        bot = await self.async_find_bot(
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        if bot is None:
            return None
        return Installation(
            app_id=bot.app_id,
            enterprise_id=bot.enterprise_id,
            team_id=bot.team_id,
            bot_token=bot.bot_token,
            bot_id=bot.bot_id,
            bot_user_id=bot.bot_user_id,
            bot_scopes=bot.bot_scopes,
            bot_refresh_token=bot.bot_refresh_token,
            bot_token_expires_at=bot.bot_token_expires_at,
            # Installation requires an installer; Chorus never keeps who it was.
            user_id="",
            is_enterprise_install=bot.is_enterprise_install,
            installed_at=bot.installed_at,
        )

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget a workspace's bot (its token was revoked)."""
        await self._delete(enterprise_id, team_id)

    async def async_delete_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
    ) -> None:
        """Forget a workspace's installation; a user's revoked token was never kept."""
        if user_id is None:
            await self._delete(enterprise_id, team_id)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget everything about a workspace's installation (the app was uninstalled)."""
        await self._delete(enterprise_id, team_id)

    async def bot_token(self, team_id: str) -> str | None:
        """The bot token that acts in workspace ``team_id``, or None if not installed."""
        row = await self._db.fetch_one(
            "SELECT enterprise_id, team_id, bot_token FROM slack_installations "
            "WHERE team_id = ? ORDER BY installed_at DESC LIMIT 1",
            team_id,
        )
        if row is None:
            return None
        enterprise_id, team, sealed = str(row[0]), str(row[1]), str(row[2])
        try:
            return self._seal.open(sealed, _context(enterprise_id, team, "bot_token"))
        except SealError:
            log.warning(
                "the slack token of %s cannot be opened (was the Chorus secret changed?); "
                "reinstall from /slack/install",
                _community(team),
            )
            return None

    async def teams(self) -> list[str]:
        """Ids of the workspaces with an installation of their own."""
        rows = await self._db.fetch_all(
            "SELECT team_id FROM slack_installations WHERE team_id <> '' ORDER BY team_id"
        )
        return [str(r[0]) for r in rows]

    async def _delete(self, enterprise_id: str | None, team_id: str | None) -> None:
        key = _key(enterprise_id, team_id, None)
        deleted = await self._db.execute(
            "DELETE FROM slack_installations WHERE enterprise_id = ? AND team_id = ?", *key
        )
        if deleted:
            log.info("slack installation removed for %s", _community(key[1]))

    def _bot(self, row: Row) -> Bot | None:
        enterprise_id, team_id = str(row[0]), str(row[1])
        try:
            token = self._seal.open(str(row[6]), _context(enterprise_id, team_id, "bot_token"))
            refresh = (
                self._seal.open(str(row[7]), _context(enterprise_id, team_id, "bot_refresh_token"))
                if row[7]
                else None
            )
        except SealError:
            log.warning(
                "the slack token of %s cannot be opened (was the Chorus secret changed?); "
                "reinstall from /slack/install",
                _community(team_id),
            )
            return None
        return Bot(
            app_id=row[2],
            enterprise_id=enterprise_id or None,
            team_id=team_id or None,
            bot_id=str(row[3]),
            bot_user_id=str(row[4]),
            bot_scopes=str(row[5]),
            bot_token=token,
            bot_refresh_token=refresh,
            bot_token_expires_at=int(row[8]) if row[8] is not None else None,
            is_enterprise_install=bool(row[9]),
            installed_at=float(row[10]),
        )


def install_failure_page(reason: str) -> str:
    """The page an installer sees when an installation fails: what happened, and a way back.

    ``reason`` is Bolt's failure reason; Slack's own error codes (a cancelled or
    refused installation) come through it too, so it is never shown as markup.
    """
    message = _FAILURES.get(reason, _FAILED_OTHERWISE)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Chorus was not installed</title></head>\n<body>\n"
        "<h1>Chorus was not installed</h1>\n"
        f"<p>{html.escape(message)}</p>\n"
        f'<p><a href="{INSTALL_PATH}">Start the installation again</a>.</p>\n'
        f"<p><small>Reason: {html.escape(reason)}</small></p>\n"
        "</body></html>\n"
    )


def _community(team_id: str) -> str:
    # Community ids are what logs may carry; an org-wide install has no workspace.
    return f"slack:{team_id}" if team_id else "an organization"


class OAuthStates(AsyncOAuthStateStore):
    """Bolt's OAuth state store over the Chorus database: each state works once, briefly."""

    def __init__(self, db: Database, clock: Clock, expiration_seconds: int) -> None:
        self._db = db
        self._clock = clock
        self._lifetime = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        """The logger Bolt may use for this store."""
        return log

    async def async_issue(self, *args: object, **kwargs: object) -> str:
        """Hand out a new state for one installation link."""
        state = secrets.token_urlsafe(32)
        now = timestamp(self._clock.now())
        async with self._db.transaction() as tx:
            # Links nobody followed would otherwise pile up.
            await tx.execute("DELETE FROM slack_oauth_states WHERE expires_at <= ?", now)
            await tx.execute(
                "INSERT INTO slack_oauth_states (state, expires_at) VALUES (?, ?)",
                state,
                now + self._lifetime,
            )
        return state

    async def async_consume(self, state: str) -> bool:
        """Use up ``state``: True only the first time, and only before it expires."""
        now = timestamp(self._clock.now())
        # One statement decides, so two redirects racing with the same state cannot
        # both succeed, in one process or several.
        used = await self._db.execute(
            "DELETE FROM slack_oauth_states WHERE state = ? AND expires_at > ?", state, now
        )
        return used == 1
