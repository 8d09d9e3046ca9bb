"""The state a fake Slack keeps: workspaces, people, channels, messages and modals."""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

BOT_USER_ID = "UBOTCHORUS"
BOT_ID = "BBOTCHORUS"
APP_ID = "ACHORUS01"
CLIENT_ID = "1111111111.2222222222"
CLIENT_SECRET = "fake-client-secret-0123456789abcdef"
AUTHORIZE_PATH = "/oauth/v2/authorize"


def new_id(prefix: str) -> str:
    """A Slack-looking id such as ``C0A1B2C3D4``."""
    return prefix + secrets.token_hex(5).upper()


@dataclass
class User:
    """A member of one workspace."""

    id: str
    team_id: str
    name: str
    real_name: str
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """The ``user`` object of users.info."""
        return {
            "id": self.id,
            "team_id": self.team_id,
            "name": self.name,
            "real_name": self.real_name,
            "deleted": False,
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": False,
            "is_bot": self.is_bot,
            "profile": {"real_name": self.real_name, "display_name": self.name},
        }


@dataclass
class Message:
    """A message in a channel (ephemeral ones are kept apart, per user)."""

    ts: str
    channel: str
    text: str
    user: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] | None = None
    unfurl_links: bool | None = None
    unfurl_media: bool | None = None
    files: list[dict[str, Any]] = field(default_factory=list)

    def to_api(self, include_metadata: bool) -> dict[str, Any]:
        """The message as conversations.history returns it."""
        out: dict[str, Any] = {
            "type": "message",
            "ts": self.ts,
            "user": self.user,
            "text": self.text,
        }
        if self.user == BOT_USER_ID:
            out["bot_id"] = BOT_ID
            out["app_id"] = APP_ID
        if self.blocks:
            out["blocks"] = self.blocks
        if self.files:
            out["files"] = self.files
        if include_metadata and self.metadata is not None:
            out["metadata"] = self.metadata
        return out


@dataclass
class Ephemeral:
    """A message only one person sees; Slack never stores it in history."""

    channel: str
    user: str
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    via: str = "chat.postEphemeral"


@dataclass
class Channel:
    """A public or private channel, or a direct message."""

    id: str
    team_id: str
    name: str
    bot_member: bool = True
    is_private: bool = False
    is_im: bool = False
    messages: list[Message] = field(default_factory=list)

    def to_api(self) -> dict[str, Any]:
        """The ``channel`` object of conversations.info."""
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_private and not self.is_im,
            "is_group": self.is_private,
            "is_im": self.is_im,
            "is_private": self.is_private,
            "is_member": self.bot_member,
            "context_team_id": self.team_id,
        }


@dataclass
class View:
    """An open modal, as Slack keeps it between interactions."""

    id: str
    team_id: str
    user_id: str
    view: dict[str, Any]
    hash: str
    history: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    closed: bool = False

    def replace(self, view: dict[str, Any]) -> None:
        """Show a new view in this modal (views.update or response_action update)."""
        self.history.append(self.view)
        self.view = view
        self.hash = f"{time.time():.6f}.{secrets.token_hex(4)}"
        self.errors = {}

    def to_api(self) -> dict[str, Any]:
        """The view object Slack returns and sends back in interactions."""
        out = dict(self.view)
        out.update(
            {
                "id": self.id,
                "team_id": self.team_id,
                "app_id": APP_ID,
                "bot_id": BOT_ID,
                "hash": self.hash,
                "root_view_id": self.id,
                "previous_view_id": None,
                "private_metadata": self.view.get("private_metadata", ""),
                "callback_id": self.view.get("callback_id", ""),
            }
        )
        return out


@dataclass
class Workspace:
    """One Slack workspace (team) with its people, channels and user groups."""

    team_id: str
    domain: str
    users: dict[str, User] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    usergroups: dict[str, list[str]] = field(default_factory=dict)

    def add_user(
        self,
        name: str,
        *,
        real_name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        user_id: str | None = None,
    ) -> User:
        """Add a person; their id is random unless given."""
        user = User(
            id=user_id or new_id("U"),
            team_id=self.team_id,
            name=name,
            real_name=real_name or name.title(),
            is_admin=is_admin,
            is_owner=is_owner,
        )
        self.users[user.id] = user
        return user

    def add_channel(
        self,
        name: str,
        *,
        bot_member: bool = True,
        is_private: bool = False,
        channel_id: str | None = None,
    ) -> Channel:
        """Add a channel; the bot is a member unless told otherwise."""
        channel = Channel(
            id=channel_id or new_id("C"),
            team_id=self.team_id,
            name=name,
            bot_member=bot_member,
            is_private=is_private,
        )
        self.channels[channel.id] = channel
        return channel

    def add_usergroup(self, handle: str, members: list[User]) -> str:
        """Add a user group (``@handle``) and return its id."""
        group_id = new_id("S")
        self.usergroups[group_id] = [m.id for m in members]
        return group_id


class Clock:
    """Message timestamps that always increase, as Slack's ``ts`` values do."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def ts(self) -> str:
        """A new ``ts``: seconds, a dot and six digits."""
        return f"{int(time.time())}.{next(self._counter):06d}"


@dataclass
class Grant:
    """What an installer allowed on Slack's consent page, redeemable once by its code."""

    team_id: str
    user_id: str
    scopes: list[str]
    redirect_uri: str | None
    issued: float = field(default_factory=time.monotonic)


@dataclass
class OAuthApp:
    """The app's credentials and redirect URLs, and the codes handed to installers.

    Real Slack shows a consent page at the authorize URL; here a test plays the
    installer with :meth:`approve` (or :meth:`deny`), which returns the address
    Slack would send the browser back to. ``oauth.v2.access`` redeems the code.
    """

    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    redirect_urls: list[str] = field(default_factory=list)
    code_lifetime: float = 600.0
    codes: dict[str, Grant] = field(default_factory=dict)

    def _parse(self, authorize_url: str) -> tuple[dict[str, str], str]:
        parts = urlsplit(authorize_url)
        if not parts.path.endswith(AUTHORIZE_PATH):
            raise ValueError(f"not an authorize URL: {parts.path}")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if query.get("client_id") != self.client_id:
            raise ValueError("invalid_client_id")
        redirect = query.get("redirect_uri") or (self.redirect_urls or [""])[0]
        if redirect not in self.redirect_urls:
            raise ValueError("bad_redirect_uri")
        return query, redirect

    def approve(self, authorize_url: str, user: User) -> str:
        """``user`` installs the app in their workspace; return the redirect with code and state."""
        query, redirect = self._parse(authorize_url)
        code = f"{int(time.time())}.{secrets.token_hex(10)}"
        scopes = [s for s in query.get("scope", "").split(",") if s]
        self.codes[code] = Grant(user.team_id, user.id, scopes, query.get("redirect_uri"))
        return f"{redirect}?{urlencode({'code': code, 'state': query.get('state', '')})}"

    def deny(self, authorize_url: str) -> str:
        """The installer presses Cancel; return the redirect Slack sends them to."""
        query, redirect = self._parse(authorize_url)
        return (
            f"{redirect}?{urlencode({'error': 'access_denied', 'state': query.get('state', '')})}"
        )

    def redeem(self, code: str) -> Grant | None:
        """Use up a code: its grant the first time, before it expires; else None."""
        grant = self.codes.pop(code, None)
        if grant is None or time.monotonic() - grant.issued > self.code_lifetime:
            return None
        return grant
