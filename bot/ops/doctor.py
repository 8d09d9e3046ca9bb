"""``chorus doctor``: check configuration, store, secret, tokens and channels; say what to fix.

Every check reports one finding. Nothing here changes anything: the database is
opened read-only and the platform calls only read.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import aiohttp

from bot.config import Settings
from bot.ops.runlock import is_running
from bot.store.migrate import MigrationError, load_migrations

HTTP_TIMEOUT = aiohttp.ClientTimeout(total=10)
CHANNEL_KEYS = ("story_channel", "organizer_channel")
_LOOPBACK = ("127.0.0.1", "::1", "localhost")


class Level(StrEnum):
    """How much a finding matters; only FAIL makes the exit code non-zero."""

    OK = "ok"
    INFO = "info"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Finding:
    """One check's result, with what to do about it."""

    level: Level
    area: str
    message: str
    fix: str | None = None


@dataclass(frozen=True)
class Community:
    """A community as recorded in the store, with its configured channels."""

    id: str
    platform: str
    channels: dict[str, str]

    @property
    def native_id(self) -> str:
        """The guild or team id after the platform prefix."""
        return self.id.split(":", 1)[1]


def render(findings: Iterable[Finding]) -> str:
    """The findings as an operator reads them."""
    lines = ["Chorus doctor"]
    problems = 0
    for f in findings:
        lines.append(f"  {f.level.value:<5} {f.area}: {f.message}")
        if f.fix:
            lines.append(f"        fix: {f.fix}")
        problems += f.level is Level.FAIL
    lines.append("No problems found." if not problems else f"{problems} problem(s) to fix.")
    return "\n".join(lines)


def failed(findings: Iterable[Finding]) -> bool:
    """Whether any finding is a failure."""
    return any(f.level is Level.FAIL for f in findings)


async def diagnose(settings: Settings) -> list[Finding]:
    """Run every check."""
    found = list(check_configuration(settings))
    found += check_secret(settings)
    db_findings, communities = await asyncio.to_thread(check_database, settings)
    found += db_findings
    async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as session:
        if settings.discord.token is not None:
            found += await check_discord(session, settings, communities)
        if settings.slack.bot_token is not None:
            found += await check_slack(session, settings, communities)
        elif settings.slack.distributed:
            found += await check_slack_installs(session, settings, communities)
    return found


# --- configuration and secret -------------------------------------------------------------


def check_configuration(settings: Settings) -> list[Finding]:
    """What the settings mean: which platforms start, where health is served."""
    out = []
    if settings.platforms:
        out.append(Finding(Level.OK, "config", f"platforms: {', '.join(settings.platforms)}"))
    else:
        out.append(
            Finding(
                Level.INFO,
                "config",
                "no platform tokens: `chorus run` starts the local console platform",
                "set DISCORD_TOKEN, or SLACK_BOT_TOKEN with SLACK_APP_TOKEN, to serve a community",
            )
        )
    if (
        settings.slack.app_token is not None
        and not settings.slack.app_token.get_secret_value().startswith("xapp-")
    ):
        out.append(
            Finding(
                Level.FAIL,
                "config",
                "SLACK_APP_TOKEN is not an app-level token (they start with xapp-)",
                "create one under Basic Information → App-Level Tokens with connections:write",
            )
        )
    ops = settings.ops
    if ops.port is None:
        out.append(
            Finding(
                Level.INFO,
                "config",
                "health and metrics endpoint is off",
                "set CHORUS_METRICS_PORT (e.g. 9108) to serve /healthz and /metrics",
            )
        )
    elif ops.host not in _LOOPBACK:
        out.append(
            Finding(
                Level.WARN,
                "config",
                f"health and metrics listen on {ops.host}:{ops.port}, beyond this machine",
                "keep the port behind a firewall, or publish it to 127.0.0.1 only",
            )
        )
    else:
        out.append(Finding(Level.OK, "config", f"health and metrics on {ops.host}:{ops.port}"))
    return out


def _private(path: Path) -> Finding | None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Finding(
            Level.FAIL,
            "secret",
            f"{path} can be read by others (mode {mode:o})",
            f"chmod 600 {path}",
        )
    if path.stat().st_uid != os.getuid():
        return Finding(
            Level.WARN,
            "secret",
            f"{path} belongs to another user",
            f"chown it to the user that runs Chorus: chown {os.getuid()} {path}",
        )
    return None


def check_secret(settings: Settings) -> list[Finding]:
    """The pseudonym secret is set, or its local file exists privately."""
    out = []
    if settings.privacy.secret_key is not None:
        out.append(Finding(Level.OK, "secret", "CHORUS_SECRET_KEY is set"))
    else:
        path = settings.store.data_dir / "secret.key"
        if not path.exists():
            out.append(
                Finding(
                    Level.INFO,
                    "secret",
                    f"no CHORUS_SECRET_KEY; {path} will be created at first start",
                    "for a server, set CHORUS_SECRET_KEY (openssl rand -hex 32) and keep it "
                    "apart from database backups",
                )
            )
        else:
            out.append(_private(path) or Finding(Level.OK, "secret", f"{path} is private"))
    env = Path(".env")
    if env.is_file() and stat.S_IMODE(env.stat().st_mode) & 0o077:
        out.append(
            Finding(
                Level.WARN,
                "secret",
                ".env (tokens and secret) can be read by others",
                "chmod 600 .env",
            )
        )
    return out


# --- database -------------------------------------------------------------------------------


def check_database(settings: Settings) -> tuple[list[Finding], list[Community]]:
    """The store's file, integrity, schema version and recorded communities (blocking)."""
    url = settings.store.database
    if url.startswith(("postgres://", "postgresql://")):
        return [Finding(Level.INFO, "database", "PostgreSQL: not checked by doctor")], []
    path = settings.store.sqlite_path
    try:
        latest = len(load_migrations())
    except MigrationError as exc:
        return [Finding(Level.FAIL, "database", f"migrations are broken: {exc}")], []
    if not path.exists():
        folder = path.parent if path.parent.exists() else None
        if folder is not None and not os.access(folder, os.W_OK):
            return [
                Finding(
                    Level.FAIL,
                    "database",
                    f"{folder} is not writable, so {path.name} cannot be created",
                    "run Chorus as a user that can write there, or change CHORUS_DATABASE",
                )
            ], []
        return [Finding(Level.INFO, "database", f"{path} will be created at first start")], []
    out = []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            quick = [r[0] for r in conn.execute("PRAGMA quick_check")]
            version = int(
                conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
            )
            communities = _communities(conn)
    except sqlite3.DatabaseError as exc:
        return [
            Finding(
                Level.FAIL,
                "database",
                f"{path} cannot be read as a Chorus database ({exc})",
                "restore the latest backup: chorus restore PATH --force",
            )
        ], []
    if quick != ["ok"]:
        out.append(
            Finding(
                Level.FAIL,
                "database",
                f"{path} is damaged: {'; '.join(quick[:3])}",
                "stop Chorus and restore the latest backup: chorus restore PATH --force",
            )
        )
    if version > latest:
        out.append(
            Finding(
                Level.FAIL,
                "database",
                f"schema version {version} is newer than this Chorus knows ({latest})",
                "upgrade Chorus, or restore a backup made by this version",
            )
        )
    elif version < latest:
        out.append(
            Finding(
                Level.WARN,
                "database",
                f"schema version {version}; {latest - version} migration(s) pending",
                "they are applied at the next start, or now with: chorus migrate",
            )
        )
    else:
        out.append(Finding(Level.OK, "database", f"schema version {version} is current"))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        out.append(
            Finding(
                Level.WARN,
                "database",
                f"{path} can be read by others (mode {mode:o}); it holds queued stories",
                f"chmod 600 {path}",
            )
        )
    if not os.access(path.parent, os.W_OK):
        out.append(
            Finding(
                Level.FAIL,
                "database",
                f"{path.parent} is not writable (SQLite needs it for its journal)",
                "run Chorus as the folder's owner",
            )
        )
    if is_running(path):
        out.append(Finding(Level.INFO, "database", "Chorus is running on this database now"))
    return out, communities


def _communities(conn: sqlite3.Connection) -> list[Community]:
    channels: dict[str, dict[str, str]] = {}
    for community_id, key, value in conn.execute(
        "SELECT community_id, key, value FROM community_settings WHERE key IN (?, ?)",
        CHANNEL_KEYS,
    ):
        channel = json.loads(value)
        if channel:
            channels.setdefault(community_id, {})[key] = str(channel)
    return [
        Community(cid, platform, channels.get(cid, {}))
        for cid, platform in conn.execute("SELECT id, platform FROM communities ORDER BY id")
    ]


# --- Discord --------------------------------------------------------------------------------

# Discord permission bits (https://discord.com/developers/docs/topics/permissions).
ADMINISTRATOR = 1 << 3


def _needed_discord_permissions() -> dict[str, int]:
    from bot.platforms.discord.invite import required_permissions

    wanted = required_permissions()
    flags: Mapping[str, int] = type(wanted).VALID_FLAGS
    return {name: flags[name] for name, on in wanted if on}


def channel_permissions(
    guild_id: str,
    member_id: str,
    member_roles: Iterable[str],
    roles: Iterable[Mapping[str, Any]],
    overwrites: Iterable[Mapping[str, Any]],
) -> int:
    """A member's permissions in a channel, computed the way Discord documents it."""
    by_id = {str(r["id"]): int(r.get("permissions", 0)) for r in roles}
    mine = set(map(str, member_roles))
    base = by_id.get(guild_id, 0)
    for role in mine:
        base |= by_id.get(role, 0)
    if base & ADMINISTRATOR:
        return -1
    ows = {str(o["id"]): o for o in overwrites}
    everyone = ows.get(guild_id)
    if everyone:
        base = (base & ~int(everyone["deny"])) | int(everyone["allow"])
    allow = deny = 0
    for role in mine:
        o = ows.get(role)
        if o:
            allow |= int(o["allow"])
            deny |= int(o["deny"])
    base = (base & ~deny) | allow
    member = ows.get(member_id)
    if member:
        base = (base & ~int(member["deny"])) | int(member["allow"])
    return base


async def _get(
    session: aiohttp.ClientSession, url: str, headers: Mapping[str, str]
) -> tuple[int, Any]:
    async with session.get(url, headers=headers) as response:
        try:
            body = await response.json(content_type=None)
        except (json.JSONDecodeError, aiohttp.ContentTypeError):
            body = None
        return response.status, body


async def check_discord(
    session: aiohttp.ClientSession, settings: Settings, communities: list[Community]
) -> list[Finding]:
    """Token validity, application id, and each Discord community's channels."""
    token = settings.discord.token
    assert token is not None
    base = settings.discord.api_base_url.rstrip("/")
    headers = {"Authorization": f"Bot {token.get_secret_value()}"}
    try:
        status, me = await _get(session, f"{base}/users/@me", headers)
    except (aiohttp.ClientError, TimeoutError) as exc:
        return [
            Finding(
                Level.FAIL,
                "discord",
                f"cannot reach {base} ({type(exc).__name__})",
                "check the network, or DISCORD_API_BASE_URL",
            )
        ]
    if status == 401:
        return [
            Finding(
                Level.FAIL,
                "discord",
                "DISCORD_TOKEN was rejected",
                "reset the bot token in the Developer Portal (Bot → Reset Token) and set it again",
            )
        ]
    if status != 200 or not isinstance(me, dict):
        return [Finding(Level.FAIL, "discord", f"GET /users/@me answered {status}")]
    if not me.get("bot"):
        return [
            Finding(
                Level.FAIL,
                "discord",
                "DISCORD_TOKEN belongs to a user account, not a bot",
                "use the token from the application's Bot page",
            )
        ]
    out = [Finding(Level.OK, "discord", f"token is valid for bot {me.get('username', '?')}")]
    bot_id = str(me.get("id", ""))
    status, application = await _get(session, f"{base}/oauth2/applications/@me", headers)
    if status == 200 and isinstance(application, dict):
        app_id = str(application.get("id", ""))
        configured = settings.discord.application_id
        if configured and configured != app_id:
            out.append(
                Finding(
                    Level.FAIL,
                    "discord",
                    f"DISCORD_APPLICATION_ID is {configured}, but the token's application is "
                    f"{app_id}",
                    f"set DISCORD_APPLICATION_ID={app_id}",
                )
            )
        else:
            out.append(Finding(Level.OK, "discord", f"application {app_id}"))
    else:
        out.append(Finding(Level.WARN, "discord", f"application not readable (answered {status})"))
    for community in communities:
        if community.platform == "discord":
            out += await _discord_channels(session, base, headers, bot_id, community)
    return out


async def _discord_channels(
    session: aiohttp.ClientSession,
    base: str,
    headers: Mapping[str, str],
    bot_id: str,
    community: Community,
) -> list[Finding]:
    where = f"discord {community.id}"
    if "story_channel" not in community.channels:
        return [
            Finding(
                Level.WARN,
                where,
                "no story channel set: stories wait unposted",
                "an admin runs /config channel kind:story channel:#stories",
            )
        ]
    guild = community.native_id
    roles_status, roles = await _get(session, f"{base}/guilds/{guild}/roles", headers)
    member_status, member = await _get(session, f"{base}/guilds/{guild}/members/{bot_id}", headers)
    needed = _needed_discord_permissions()
    out = []
    for key, channel_id in sorted(community.channels.items()):
        kind = key.removesuffix("_channel")
        status, channel = await _get(session, f"{base}/channels/{channel_id}", headers)
        if status == 404:
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"{kind} channel {channel_id} no longer exists",
                    f"an admin sets it again: /config channel kind:{kind}",
                )
            )
            continue
        if status == 403 or not isinstance(channel, dict):
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"the bot cannot see the {kind} channel {channel_id} (answered {status})",
                    "give the bot's role View Channel there",
                )
            )
            continue
        if roles_status != 200 or member_status != 200 or not isinstance(member, dict):
            out.append(
                Finding(
                    Level.OK,
                    where,
                    f"{kind} channel {channel_id} is visible (permissions not readable)",
                )
            )
            continue
        have = channel_permissions(
            guild,
            bot_id,
            member.get("roles", []),
            roles or [],
            channel.get("permission_overwrites", []),
        )
        missing = [name for name, bit in needed.items() if have != -1 and not have & bit]
        if missing:
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"in the {kind} channel {channel_id} the bot lacks: {', '.join(missing)}",
                    "allow these for the bot's role in the channel's permission settings",
                )
            )
        else:
            out.append(Finding(Level.OK, where, f"{kind} channel {channel_id} is usable"))
    return out


# --- Slack ----------------------------------------------------------------------------------


def _needed_slack_scopes() -> tuple[str, ...]:
    from bot.platforms.slack.manifest import BOT_SCOPES

    return BOT_SCOPES


async def _slack_call(
    session: aiohttp.ClientSession, url: str, token: str, **params: str
) -> tuple[dict[str, Any], Mapping[str, str]]:
    headers = {"Authorization": f"Bearer {token}"}
    async with session.post(url, headers=headers, data=params) as response:
        try:
            body = await response.json(content_type=None)
        except (json.JSONDecodeError, aiohttp.ContentTypeError):
            body = {"ok": False, "error": f"http_{response.status}"}
        return (body if isinstance(body, dict) else {"ok": False}), response.headers


async def check_slack(
    session: aiohttp.ClientSession, settings: Settings, communities: list[Community]
) -> list[Finding]:
    """Token validity and scopes, and the channels of the token's workspace."""
    token = settings.slack.bot_token
    assert token is not None
    api = settings.slack.api_url.rstrip("/") + "/"
    return await _check_slack_token(
        session,
        api,
        token.get_secret_value(),
        communities,
        "SLACK_BOT_TOKEN",
        "reinstall the app to the workspace and copy the Bot User OAuth Token (xoxb-)",
    )


async def check_slack_installs(
    session: aiohttp.ClientSession, settings: Settings, communities: list[Community]
) -> list[Finding]:
    """Each workspace's own installation: its sealed token opens, works and has its scopes."""
    from bot.core.clock import SystemClock
    from bot.core.privacy import chorus_secret
    from bot.platforms.slack.installs import SlackInstallations, TokenSeal
    from bot.store.db import open_database

    api = settings.slack.api_url.rstrip("/") + "/"
    db = await open_database(settings.store.database)
    try:
        store = SlackInstallations(db, TokenSeal(chorus_secret(settings)), SystemClock())
        teams = await store.teams()
        tokens = {team: await store.bot_token(team) for team in teams}
    finally:
        await db.close()
    if not teams:
        return [
            Finding(
                Level.WARN,
                "slack",
                "no workspace has installed Chorus yet",
                "send a workspace admin to /slack/install on this server",
            )
        ]
    out: list[Finding] = []
    reinstall = "a workspace admin installs Chorus again from /slack/install"
    for team in teams:
        token = tokens[team]
        if token is None:
            out.append(
                Finding(
                    Level.FAIL,
                    f"slack slack:{team}",
                    "its stored token cannot be opened (was CHORUS_SECRET_KEY changed?)",
                    reinstall,
                )
            )
            continue
        mine = [c for c in communities if c.platform == "slack" and c.native_id == team]
        out += await _check_slack_token(
            session, api, token, mine, f"the token of workspace {team}", reinstall
        )
    return out


async def _check_slack_token(
    session: aiohttp.ClientSession,
    api: str,
    secret: str,
    communities: list[Community],
    name: str,
    refused_fix: str,
) -> list[Finding]:
    try:
        body, headers = await _slack_call(session, api + "auth.test", secret)
    except (aiohttp.ClientError, TimeoutError) as exc:
        return [
            Finding(
                Level.FAIL,
                "slack",
                f"cannot reach {api} ({type(exc).__name__})",
                "check the network, or SLACK_API_URL",
            )
        ]
    if not body.get("ok"):
        return [
            Finding(
                Level.FAIL,
                "slack",
                f"{name} was refused ({body.get('error', 'unknown error')})",
                refused_fix,
            )
        ]
    team = str(body.get("team_id", ""))
    out = [Finding(Level.OK, "slack", f"token is valid for workspace {team}")]
    granted = {s.strip() for s in headers.get("x-oauth-scopes", "").split(",") if s.strip()}
    if not headers.get("x-oauth-scopes"):
        out.append(Finding(Level.WARN, "slack", "Slack did not report the token's scopes"))
    else:
        missing = [s for s in _needed_slack_scopes() if s not in granted]
        if missing:
            out.append(
                Finding(
                    Level.FAIL,
                    "slack",
                    f"the token lacks scopes: {', '.join(missing)}",
                    "update the app from `chorus slack-manifest` and reinstall it",
                )
            )
        else:
            out.append(Finding(Level.OK, "slack", "the token has every scope Chorus needs"))
    for community in communities:
        if community.platform != "slack":
            continue
        if community.native_id != team:
            out.append(
                Finding(
                    Level.INFO,
                    f"slack {community.id}",
                    "another workspace: its channels are not checked with this token",
                )
            )
            continue
        out += await _slack_channels(session, api, secret, community)
    return out


async def _slack_channels(
    session: aiohttp.ClientSession, api: str, token: str, community: Community
) -> list[Finding]:
    where = f"slack {community.id}"
    if "story_channel" not in community.channels:
        return [
            Finding(
                Level.WARN,
                where,
                "no story channel set: stories wait unposted",
                "an admin runs /chorus config channel kind:story channel:#stories",
            )
        ]
    out = []
    for key, channel_id in sorted(community.channels.items()):
        kind = key.removesuffix("_channel")
        body, _ = await _slack_call(session, api + "conversations.info", token, channel=channel_id)
        if not body.get("ok"):
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"{kind} channel {channel_id} is not reachable ({body.get('error')})",
                    "invite the bot to the channel (/invite @Chorus), or set it again",
                )
            )
            continue
        info = body.get("channel") or {}
        if info.get("is_archived"):
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"{kind} channel {channel_id} is archived",
                    f"unarchive it, or choose another: /config channel kind:{kind}",
                )
            )
        elif info.get("is_member") is False:
            out.append(
                Finding(
                    Level.FAIL,
                    where,
                    f"the bot is not a member of the {kind} channel {channel_id}",
                    "invite it: /invite @Chorus in that channel",
                )
            )
        else:
            out.append(Finding(Level.OK, where, f"{kind} channel {channel_id} is usable"))
    return out
