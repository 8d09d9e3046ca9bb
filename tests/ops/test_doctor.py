"""`chorus doctor`: the console-only case in full, and token checks against a loopback fake."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.conftest import SECRET
from tests.ops._proc import chorus, environment

GUILD = "811111111111111111"
BOT = "822222222222222222"
STORY_CHANNEL = "833333333333333333"
ORG_CHANNEL = "844444444444444444"
TEAM = "T0123ABCD"
VIEW, SEND, ATTACH, HISTORY = 1 << 10, 1 << 11, 1 << 15, 1 << 16
SCOPES = (
    "commands,chat:write,channels:history,groups:history,channels:read,groups:read,"
    "users:read,usergroups:read,im:write,files:write"
)


class FakePlatforms:
    """Just enough of Discord's REST API and Slack's Web API for doctor's reads."""

    def __init__(self) -> None:
        self.discord_token = "discord-good"
        self.deny_in_story: int = 0
        self.story_exists = True
        self.slack_scopes = SCOPES
        self.slack_member = True

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v10/users/@me", self.me)
        app.router.add_get("/api/v10/oauth2/applications/@me", self.application)
        app.router.add_get("/api/v10/guilds/{guild}/roles", self.roles)
        app.router.add_get("/api/v10/guilds/{guild}/members/{user}", self.member)
        app.router.add_get("/api/v10/channels/{channel}", self.channel)
        app.router.add_post("/slack/auth.test", self.auth_test)
        app.router.add_post("/slack/conversations.info", self.conversations_info)
        return app

    def _authorised(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bot {self.discord_token}":
            raise web.HTTPUnauthorized(text='{"message": "401: Unauthorized", "code": 0}')

    async def me(self, request: web.Request) -> web.Response:
        self._authorised(request)
        return web.json_response({"id": BOT, "username": "chorus", "bot": True})

    async def application(self, request: web.Request) -> web.Response:
        self._authorised(request)
        return web.json_response({"id": "855555555555555555", "flags": 0})

    async def roles(self, request: web.Request) -> web.Response:
        self._authorised(request)
        everyone = {"id": GUILD, "permissions": str(VIEW | SEND | ATTACH | HISTORY)}
        return web.json_response([everyone])

    async def member(self, request: web.Request) -> web.Response:
        self._authorised(request)
        return web.json_response({"roles": []})

    async def channel(self, request: web.Request) -> web.Response:
        self._authorised(request)
        channel = request.match_info["channel"]
        if channel == STORY_CHANNEL and not self.story_exists:
            raise web.HTTPNotFound(text='{"message": "Unknown Channel", "code": 10003}')
        overwrites = []
        if channel == STORY_CHANNEL and self.deny_in_story:
            overwrites = [{"id": GUILD, "type": 0, "allow": "0", "deny": str(self.deny_in_story)}]
        return web.json_response(
            {"id": channel, "guild_id": GUILD, "permission_overwrites": overwrites}
        )

    async def auth_test(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != "Bearer xoxb-good":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response(
            {"ok": True, "team_id": TEAM, "user_id": "U0BOT1234"},
            headers={"x-oauth-scopes": self.slack_scopes},
        )

    async def conversations_info(self, request: web.Request) -> web.Response:
        form = await request.post()
        return web.json_response(
            {"ok": True, "channel": {"id": form["channel"], "is_member": self.slack_member}}
        )


@pytest.fixture
async def fake() -> AsyncIterator[tuple[FakePlatforms, str]]:
    platforms = FakePlatforms()
    runner = web.AppRunner(platforms.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield platforms, f"http://127.0.0.1:{port}"
    await runner.cleanup()


def _database_with(folder: Path, *communities: tuple[str, str, dict[str, str]]) -> None:
    result = chorus(folder, "migrate")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(folder / "chorus.sqlite3") as conn:
        for community_id, platform, settings in communities:
            conn.execute(
                "INSERT INTO communities (id, platform, created_at) VALUES (?, ?, 0)",
                (community_id, platform),
            )
            for key, value in settings.items():
                conn.execute(
                    "INSERT INTO community_settings (community_id, key, value) VALUES (?, ?, ?)",
                    (community_id, key, json.dumps(value)),
                )


async def _doctor(folder: Path, **env: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "doctor",
        cwd=folder,
        env=environment(folder, **env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode or 0, out.decode()


def _discord(folder: Path) -> None:
    _database_with(
        folder,
        (
            f"discord:{GUILD}",
            "discord",
            {"story_channel": STORY_CHANNEL, "organizer_channel": ORG_CHANNEL},
        ),
    )


def _discord_env(base: str, token: str = "discord-good") -> dict[str, str]:
    return {"DISCORD_TOKEN": token, "DISCORD_API_BASE_URL": f"{base}/api/v10"}


def _slack_env(base: str, token: str = "xoxb-good") -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": token,
        "SLACK_APP_TOKEN": "xapp-1",
        "SLACK_API_URL": f"{base}/slack/",
    }


def test_console_only_setup_is_healthy(tmp_path: Path) -> None:
    """No tokens and a fresh folder: doctor explains the console mode and exits 0."""
    result = chorus(tmp_path, "doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "console platform" in result.stdout
    assert "will be created at first start" in result.stdout
    assert "No problems found." in result.stdout


def test_a_current_database_is_reported_current(tmp_path: Path) -> None:
    """After a first run the schema version is reported as current."""
    chorus(tmp_path, "run", "--console", stdin="/help\n")
    result = chorus(tmp_path, "doctor")
    assert result.returncode == 0, result.stdout
    assert "is current" in result.stdout


def test_a_database_from_a_newer_chorus_fails(tmp_path: Path) -> None:
    """A schema newer than the code is a problem with advice."""
    chorus(tmp_path, "run", "--console", stdin="/help\n")
    with sqlite3.connect(tmp_path / "chorus.sqlite3") as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    result = chorus(tmp_path, "doctor")
    assert result.returncode == 1
    assert "newer than this Chorus knows" in result.stdout


def test_a_secret_file_readable_by_others_fails(tmp_path: Path) -> None:
    """A local secret file with loose permissions is a problem, with the chmod to fix it."""
    chorus(tmp_path, "run", "--console", stdin="/help\n", CHORUS_SECRET_KEY="")
    secret = tmp_path / "secret.key"
    os.chmod(secret, 0o644)
    result = chorus(tmp_path, "doctor", CHORUS_SECRET_KEY="")
    assert result.returncode == 1
    assert f"chmod 600 {secret}" in result.stdout


def test_unusable_settings_fail_with_their_names(tmp_path: Path) -> None:
    """Settings that do not load are reported, naming the variable."""
    result = chorus(tmp_path, "doctor", CHORUS_SECRET_KEY="short")
    assert result.returncode == 1
    assert "CHORUS_SECRET_KEY" in result.stdout


async def test_a_valid_discord_token_and_usable_channels_pass(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """Token, application and both channels check out against the Discord API."""
    _, base = fake
    _discord(tmp_path)
    code, out = await _doctor(tmp_path, **_discord_env(base))
    assert code == 0, out
    assert "token is valid for bot chorus" in out
    assert f"story channel {STORY_CHANNEL} is usable" in out


async def test_a_rejected_discord_token_fails(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """A token Discord refuses is a problem, with how to get a new one."""
    _, base = fake
    code, out = await _doctor(tmp_path, **_discord_env(base, token="discord-stale"))
    assert code == 1
    assert "DISCORD_TOKEN was rejected" in out and "Reset Token" in out


async def test_a_missing_discord_channel_fails(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """A configured story channel that no longer exists is a problem."""
    platforms, base = fake
    platforms.story_exists = False
    _discord(tmp_path)
    code, out = await _doctor(tmp_path, **_discord_env(base))
    assert code == 1
    assert f"story channel {STORY_CHANNEL} no longer exists" in out


async def test_a_missing_discord_permission_fails(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """A channel overwrite denying Send Messages is named as missing."""
    platforms, base = fake
    platforms.deny_in_story = SEND
    _discord(tmp_path)
    code, out = await _doctor(tmp_path, **_discord_env(base))
    assert code == 1
    assert "lacks: send_messages" in out


async def test_slack_token_missing_scopes_fails(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """Scopes absent from x-oauth-scopes are listed, with the manifest to fix them."""
    platforms, base = fake
    platforms.slack_scopes = "commands,chat:write"
    code, out = await _doctor(tmp_path, **_slack_env(base))
    assert code == 1
    assert "lacks scopes: channels:history" in out and "slack-manifest" in out


async def test_slack_channels_the_bot_is_not_in_fail(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """A story channel the bot has not been invited to is a problem."""
    platforms, base = fake
    platforms.slack_member = False
    _database_with(tmp_path, (f"slack:{TEAM}", "slack", {"story_channel": "C0STORY123"}))
    code, out = await _doctor(tmp_path, **_slack_env(base))
    assert code == 1
    assert "every scope Chorus needs" in out
    assert "not a member of the story channel C0STORY123" in out


async def test_a_refused_slack_token_fails(tmp_path: Path, fake: tuple[FakePlatforms, str]) -> None:
    """auth.test refusing the token is a problem naming Slack's error."""
    _, base = fake
    code, out = await _doctor(tmp_path, **_slack_env(base, token="xoxb-old"))
    assert code == 1
    assert "invalid_auth" in out


async def _install(folder: Path, secret: str, *teams: tuple[str, str]) -> None:
    """Installations as the OAuth flow stores them: tokens sealed with ``secret``."""
    from slack_sdk.oauth.installation_store import Bot

    from bot.core.clock import SystemClock
    from bot.platforms.slack.installs import SlackInstallations, TokenSeal
    from bot.store.db import open_database

    db = await open_database(str(folder / "chorus.sqlite3"))
    try:
        store = SlackInstallations(db, TokenSeal(secret.encode()), SystemClock())
        for team, token in teams:
            await store.async_save_bot(
                Bot(
                    app_id="A1",
                    enterprise_id=None,
                    team_id=team,
                    bot_token=token,
                    bot_id="B1",
                    bot_user_id="U0BOT",
                    bot_scopes="commands,chat:write",
                    installed_at=0.0,
                )
            )
    finally:
        await db.close()


def _installs_env(base: str) -> dict[str, str]:
    return {
        "SLACK_CLIENT_ID": "1.2",
        "SLACK_CLIENT_SECRET": "client-secret",
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_API_URL": base + "/slack/",
    }


async def test_installed_workspaces_are_checked_with_their_own_tokens(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """Each installed workspace's sealed token is opened and tried; a refused one fails."""
    _, base = fake
    _database_with(tmp_path, (f"slack:{TEAM}", "slack", {"story_channel": "C0STORY123"}))
    await _install(tmp_path, SECRET, (TEAM, "xoxb-good"), ("T0OTHER", "xoxb-old"))
    code, out = await _doctor(tmp_path, **_installs_env(base))
    assert code == 1
    assert f"token is valid for workspace {TEAM}" in out
    assert "the token of workspace T0OTHER was refused (invalid_auth)" in out
    assert "/slack/install" in out
    assert "xoxb-good" not in out and "xoxb-old" not in out


async def test_tokens_sealed_with_another_secret_say_so(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """A changed secret leaves tokens unreadable: doctor names the cause and the fix."""
    _, base = fake
    _database_with(tmp_path)
    await _install(tmp_path, "another-secret-" + "y" * 40, (TEAM, "xoxb-good"))
    code, out = await _doctor(tmp_path, **_installs_env(base))
    assert code == 1
    assert "cannot be opened (was CHORUS_SECRET_KEY changed?)" in out


async def test_no_installation_yet_is_a_warning(
    tmp_path: Path, fake: tuple[FakePlatforms, str]
) -> None:
    """Before any workspace installs Chorus, doctor says where to send admins."""
    _, base = fake
    _database_with(tmp_path)
    code, out = await _doctor(tmp_path, **_installs_env(base))
    assert "no workspace has installed Chorus yet" in out
    assert code == 0
