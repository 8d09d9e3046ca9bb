"""A distributed Slack app: workspaces install Chorus from /slack/install, each with its token.

The real Bolt OAuth flow runs against the fake Slack: the install page, Slack's
consent (played by the fake), the redirect, oauth.v2.access, the installation
store in our database, uninstall events, and every later call made with the
workspace's own token.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from bot.api import Post
from bot.app import App, build_services
from bot.config import SettingsError, SlackSettings, load_settings
from bot.platforms.base import PostFailure, PostingError
from bot.platforms.slack import SlackPlatform
from bot.platforms.slack.installs import BOT_SCOPES, SealError, TokenSeal
from bot.store.db import is_postgres_url
from tests.conftest import FakeClock, make_backend_settings
from tests.fakes.slack import FakeSlack
from tests.fakes.slack.workspace import AUTHORIZE_PATH
from tests.ops._proc import chorus
from tests.platforms.slack.conftest import SlackWorld, Team, free_port, make_team

ACME_STORY = "At the acme warehouse a supervisor kept commenting on my body."
GLOBEX_STORY = "In the globex lift a manager stood far too close, every single day."
STATE_COOKIE = "slack-app-oauth-state"


class Browser:
    """An installer's browser: keeps cookies, never follows redirects by itself."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    async def get(self, url: str) -> tuple[int, str]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # Cookies are handled here, as a browser would, rather than by aiohttp's jar,
        # which keeps no cookies for bare IP addresses.
        async with (
            aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session,
            session.get(url, headers=headers, allow_redirects=False) as resp,
        ):
            for value in resp.headers.getall("Set-Cookie", []):
                name, _, rest = value.partition("=")
                cookie = rest.split(";")[0]
                if "1970" in value or cookie == "deleted":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = cookie
            return resp.status, await resp.text()


@dataclass
class Installs:
    """Chorus as a distributed app on the fake Slack, with two workspaces not yet installed."""

    world: SlackWorld
    settings: SlackSettings
    db_url: str
    tmp: Path

    @property
    def fake(self) -> FakeSlack:
        return self.world.fake

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.world.platform.port}"

    async def install_page(self, browser: Browser) -> str:
        """Open /slack/install and return the "Add to Slack" link."""
        status, page = await browser.get(f"{self.base}/slack/install")
        assert status == 200, page
        found = re.search(r'<a href="([^"]+)"', page)
        assert found, page
        return html.unescape(found.group(1))

    async def install(self, team: Team) -> str:
        """The team's admin installs Chorus; return the bot token Slack issued."""
        browser = Browser()
        link = await self.install_page(browser)
        status, page = await browser.get(self.fake.oauth.approve(link, team.admin))
        assert status == 200, page
        return self.token_of(team)

    def token_of(self, team: Team) -> str:
        [token] = [t for t, teams in self.fake.tokens.items() if teams == {team.ws.team_id}]
        return token

    async def configure(self, team: Team) -> None:
        """Channels and a schedule that posts at once, as an admin would set them."""
        await self.world.services.community.set(
            team.community,
            story_channel=team.stories.id,
            organizer_channel=team.organizers.id,
            min_pool=1,
            min_delay_minutes=0,
        )

    async def rows(self) -> list[tuple[object, ...]]:
        return await self.world.services.db.fetch_all(
            "SELECT enterprise_id, team_id, bot_token, bot_id, bot_user_id, bot_scopes "
            "FROM slack_installations ORDER BY team_id"
        )

    async def wait_installed(self, *teams: Team, within: float = 10.0) -> None:
        """Wait until exactly ``teams`` have an installation (events are handled after
        their acknowledgement, so a deletion lands a moment after Slack is answered)."""
        expected = sorted(t.ws.team_id for t in teams)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (found := [str(r[1]) for r in await self.rows()]) != expected:
            assert loop.time() < deadline, f"installed in {found}, expected {expected}"
            await asyncio.sleep(0.02)


async def start_installs(tmp: Path, clock: FakeClock, mode: str, db_url: str) -> Installs:
    fake = await FakeSlack().start()
    acme = make_team(fake, "T0ACME0001", "acme", "acme")
    globex = make_team(fake, "T0GLOBEX01", "globex", "globex")
    settings = make_backend_settings(tmp, db_url)
    services = await build_services(settings, clock)
    app = App(services)
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/slack/oauth_redirect"
    fake.oauth.redirect_urls = [redirect]
    slack = SlackSettings(
        client_id=fake.oauth.client_id,
        client_secret=fake.oauth.client_secret,
        redirect_uri=redirect,
        authorization_url=fake.base_url.rstrip("/") + AUTHORIZE_PATH,
        app_token=fake.app_token if mode == "socket" else None,
        signing_secret=fake.signing_secret if mode == "http" else None,
        api_url=fake.api_url,
        host="127.0.0.1",
        port=port,
    )
    platform = SlackPlatform(app, slack)
    app.add_platform(platform)
    await platform.start()
    if mode == "http":
        fake.use_http(f"http://127.0.0.1:{port}/slack/events")
    else:
        await fake.socket.wait_connected()
    world = SlackWorld(fake, app, platform, clock, mode, acme, globex, tmp / "chorus.sqlite3")
    return Installs(world, slack, db_url, tmp)


async def stop_installs(installs: Installs) -> None:
    await installs.world.platform.stop()
    await installs.world.services.db.close()
    await installs.world.fake.stop()


@pytest.fixture(params=["socket", "http"])
async def installs(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock, db_url: str
) -> AsyncIterator[Installs]:
    """Each mode on each database backend."""
    built = await start_installs(tmp_path, clock, request.param, db_url)
    try:
        yield built
    finally:
        await stop_installs(built)


@pytest.fixture
async def http_installs(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Installs]:
    """HTTP mode on SQLite, for the refusals."""
    built = await start_installs(tmp_path, clock, "http", str(tmp_path / "chorus.sqlite3"))
    try:
        yield built
    finally:
        await stop_installs(built)


# --- the install journey ----------------------------------------------------------------


async def test_install_page_links_to_slack_with_a_state_kept_in_the_browser(
    http_installs: Installs,
) -> None:
    """/slack/install: the authorize link with client id, bot scopes, redirect and a state."""
    browser = Browser()
    link = await http_installs.install_page(browser)
    parts = urlsplit(link)
    assert link.startswith(http_installs.settings.authorization_url + "?")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["client_id"] == http_installs.fake.oauth.client_id
    assert query["scope"].split(",") == list(BOT_SCOPES)
    assert query.get("user_scope", "") == ""
    assert query["redirect_uri"] == http_installs.settings.redirect_uri
    assert len(query["state"]) >= 32
    assert browser.cookies[STATE_COOKIE] == query["state"]
    [(stored,)] = await http_installs.world.services.db.fetch_all(
        "SELECT state FROM slack_oauth_states"
    )
    assert stored == query["state"]


async def test_two_workspaces_install_and_each_acts_with_its_own_token(
    installs: Installs, caplog: pytest.LogCaptureFixture
) -> None:
    """Install, share and post in two workspaces: every call uses that workspace's token."""
    caplog.set_level(logging.DEBUG)
    world, fake = installs.world, installs.fake
    acme, globex = world.acme, world.globex
    acme_token = await installs.install(acme)
    globex_token = await installs.install(globex)
    assert acme_token != globex_token

    rows = await installs.rows()
    assert [(r[0], r[1]) for r in rows] == [("", acme.ws.team_id), ("", globex.ws.team_id)]
    for row in rows:
        assert str(row[2]).startswith("v1:")
        assert row[5] == ",".join(BOT_SCOPES)
    assert {acme.community, globex.community} <= set(await world.services.community.communities())
    exchanges = fake.calls_to("oauth.v2.access")
    assert [c.team_id for c in exchanges] == [acme.ws.team_id, globex.ws.team_id]
    assert all(c.ok and c.token is None and "client_secret" not in c.args for c in exchanges)

    for team in (acme, globex):
        await installs.configure(team)
    before = len(fake.calls)
    assert await world.share(acme, ACME_STORY)
    assert await world.share(globex, GLOBEX_STORY)
    for team in (acme, globex):
        result = await world.services.publisher.run_slot(team.community)
        assert result.posted == 1
    assert len(fake.messages(acme.stories.id)) == len(fake.messages(globex.stories.id)) == 1

    tokens = {acme.ws.team_id: acme_token, globex.ws.team_id: globex_token}
    acted = [c for c in fake.calls[before:] if c.team_id is not None]
    assert {c.team_id for c in acted} == set(tokens)
    assert all(c.token == tokens[c.team_id] for c in acted), [
        (c.method, c.team_id) for c in acted if c.token != tokens[c.team_id]
    ]
    assert fake.bot_token not in {c.token for c in fake.calls}
    assert world.fake.late_acks == []

    # Sealed at rest: the tokens are in no file of the database, nor in its rows.
    dumped = json.dumps([list(r) for r in await installs.rows()])
    if is_postgres_url(installs.db_url):
        assert acme_token not in dumped and globex_token not in dumped
    else:
        await world.services.db.scrub()
        files = list(installs.tmp.glob("chorus.sqlite3*"))
        assert files
        for path in files:
            data = path.read_bytes()
            for token in (acme_token, globex_token):
                assert token.encode() not in data
                assert token.split("-")[-1].encode() not in data
    # And never logged, at any level.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert acme_token not in logged and globex_token not in logged


async def test_the_scheduler_posts_with_each_workspaces_token_after_a_restart(
    installs: Installs,
) -> None:
    """After a restart, scheduled posts find each workspace's token in the store."""
    world, fake = installs.world, installs.fake
    tokens = {}
    for team in (world.acme, world.globex):
        tokens[team.ws.team_id] = await installs.install(team)
        await installs.configure(team)
        await world.share(team, f"Story from {team.ws.domain}: he followed me to the car park.")
    await world.platform.stop()

    restarted = SlackPlatform(world.app, installs.settings)
    world.app.add_platform(restarted)
    # The fixture stops the platform the app now holds.
    world.platform = restarted
    await restarted.start()
    before = len(fake.calls)
    world.clock.advance(days=1)
    assert await world.services.scheduler.run_due() >= 2
    for team in (world.acme, world.globex):
        assert len(fake.messages(team.stories.id)) == 1
    posts = [c for c in fake.calls[before:] if c.method == "chat.postMessage"]
    assert {c.team_id for c in posts} == set(tokens)
    assert all(c.token == tokens[c.team_id] for c in posts)


async def test_uninstalling_removes_the_installation_and_its_token(installs: Installs) -> None:
    """app_uninstalled deletes that workspace's row only; its posts then fail as forbidden."""
    world, fake = installs.world, installs.fake
    await installs.install(world.acme)
    await installs.install(world.globex)
    ack = await fake.uninstall(world.acme.ws.team_id)
    assert not ack.late
    await installs.wait_installed(world.globex)

    with pytest.raises(PostingError) as failed:
        await world.platform.post(world.acme.community, world.acme.stories.id, Post("n1", "hi"))
    assert failed.value.failure is PostFailure.FORBIDDEN
    posted = await world.platform.post(
        world.globex.community, world.globex.stories.id, Post("n2", "hello")
    )
    assert posted == fake.messages(world.globex.stories.id)[0].ts

    # Should Slack still send something from there, the member is told, not left waiting.
    answer = await world.command(world.acme.member, world.acme.general, "/status", "ABCD-2345")
    assert "not installed in this workspace" in answer.text

    # Installing again works and acts with the new token.
    token = await installs.install(world.acme)
    await world.platform.post(world.acme.community, world.acme.stories.id, Post("n3", "back"))
    assert fake.calls_to("chat.postMessage")[-1].token == token


async def test_a_revoked_bot_token_removes_the_installation(http_installs: Installs) -> None:
    """tokens_revoked for the bot deletes the row; a revoked user token was never kept."""
    world, fake = http_installs.world, http_installs.fake
    await http_installs.install(world.acme)
    await http_installs.install(world.globex)
    team_id = world.acme.ws.team_id
    store = world.platform.installations
    assert store is not None
    # What Bolt does for the user tokens listed in tokens_revoked: nothing is kept for them.
    await store.async_delete_installation(enterprise_id=None, team_id=team_id, user_id="U0ONE")
    await http_installs.wait_installed(world.acme, world.globex)
    await fake.event(team_id, {"type": "tokens_revoked", "tokens": {"bot": ["UBOTCHORUS"]}})
    await http_installs.wait_installed(world.globex)


# --- refusals ------------------------------------------------------------------------------


async def _assert_refused_kindly(installs: Installs, status: int, page: str) -> None:
    assert status in {400, 401}, (status, page)
    assert "expired or was already used" in page
    assert 'href="/slack/install"' in page
    assert await installs.rows() == []


async def test_a_forged_state_is_refused_kindly(http_installs: Installs) -> None:
    """A state Chorus never issued, even with a matching cookie, installs nothing."""
    browser = Browser()
    link = await http_installs.install_page(browser)
    forged = link.replace(parse_qs(urlsplit(link).query)["state"][0], "forged-state-0000")
    redirect = http_installs.fake.oauth.approve(forged, http_installs.world.acme.admin)
    browser.cookies[STATE_COOKIE] = "forged-state-0000"
    status, page = await browser.get(redirect)
    await _assert_refused_kindly(http_installs, status, page)
    assert http_installs.fake.calls_to("oauth.v2.access") == []


async def test_an_expired_state_is_refused_kindly(http_installs: Installs) -> None:
    """A link followed after the state's lifetime is refused, and the code is never used."""
    browser = Browser()
    link = await http_installs.install_page(browser)
    redirect = http_installs.fake.oauth.approve(link, http_installs.world.acme.admin)
    http_installs.world.clock.advance(seconds=http_installs.settings.state_expiration_seconds + 1)
    status, page = await browser.get(redirect)
    await _assert_refused_kindly(http_installs, status, page)
    assert http_installs.fake.calls_to("oauth.v2.access") == []


async def test_a_replayed_redirect_or_another_browser_is_refused(http_installs: Installs) -> None:
    """The state works once, and only in the browser that was given it."""
    installs, acme = http_installs, http_installs.world.acme
    browser = Browser()
    link = await installs.install_page(browser)
    redirect = installs.fake.oauth.approve(link, acme.admin)
    elsewhere = await Browser().get(redirect)
    assert elsewhere[0] == 400 and "expired or was already used" in elsewhere[1]
    status, _ = await browser.get(redirect)
    assert status == 200
    assert len(await installs.rows()) == 1
    browser.cookies[STATE_COOKIE] = parse_qs(urlsplit(link).query)["state"][0]
    status, page = await browser.get(redirect)
    assert status == 401 and "expired or was already used" in page
    assert len(installs.fake.calls_to("oauth.v2.access")) == 1


async def test_cancelling_in_slack_says_nothing_was_installed(http_installs: Installs) -> None:
    """The installer pressing Cancel gets a plain page with a way to start again."""
    browser = Browser()
    link = await http_installs.install_page(browser)
    status, page = await browser.get(http_installs.fake.oauth.deny(link))
    assert status == 200
    assert "installation was cancelled" in page and 'href="/slack/install"' in page
    assert await http_installs.rows() == []


async def test_socket_mode_serves_the_install_pages_but_no_events(tmp_path: Path) -> None:
    """In Socket Mode the HTTP port has the two install pages and nothing Slack posts to."""
    installs = await start_installs(
        tmp_path, FakeClock(), "socket", str(tmp_path / "chorus.sqlite3")
    )
    try:
        link = await installs.install_page(Browser())
        assert "state=" in link
        async with aiohttp.ClientSession() as session:
            resp = await session.post(f"{installs.base}/slack/events", data=b"{}")
            assert resp.status in {404, 405}
        assert installs.world.platform.connected
    finally:
        await stop_installs(installs)


# --- sealing, settings, manifest -------------------------------------------------------------


def test_a_sealed_token_opens_only_with_its_secret_and_its_row() -> None:
    """AES-GCM with the row as associated data: another secret or another row cannot open it."""
    seal = TokenSeal(b"s" * 40)
    sealed = seal.seal("xoxb-123-secret", "\x00T1\x00bot_token")
    assert "xoxb" not in sealed
    assert seal.open(sealed, "\x00T1\x00bot_token") == "xoxb-123-secret"
    with pytest.raises(SealError):
        seal.open(sealed, "\x00T2\x00bot_token")
    with pytest.raises(SealError):
        TokenSeal(b"t" * 40).open(sealed, "\x00T1\x00bot_token")


def test_settings_for_a_distributed_app(tmp_path: Path) -> None:
    """Client id and secret replace the bot token; half of a pair, or both kinds, is refused."""
    base = {"store": {"database": str(tmp_path / "c.sqlite3")}, "privacy": {"secret_key": "k" * 40}}
    ok = load_settings(
        **base,
        slack={"client_id": "1.2", "client_secret": "s", "signing_secret": "x", "bot_token": None},
    )
    assert ok.slack.distributed and ok.platforms == ["slack"]
    with pytest.raises(SettingsError, match="both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"):
        load_settings(**base, slack={"client_id": "1.2", "bot_token": None})
    with pytest.raises(SettingsError, match="are both set"):
        load_settings(
            **base,
            slack={
                "client_id": "1.2",
                "client_secret": "s",
                "bot_token": "xoxb-1",
                "app_token": "x",
            },
        )
    with pytest.raises(SettingsError, match="neither SLACK_APP_TOKEN"):
        load_settings(**base, slack={"client_id": "1.2", "client_secret": "s", "bot_token": None})


def test_manifest_for_a_distributed_app_lists_the_redirect_and_uninstall_events(
    tmp_path: Path,
) -> None:
    """`chorus slack-manifest --redirect-url` adds the redirect and the uninstall events."""
    asked = chorus(
        tmp_path,
        "slack-manifest",
        "--request-url",
        "https://c.example",
        "--redirect-url",
        "https://c.example",
    )
    assert asked.returncode == 0, asked.stderr
    manifest = json.loads(asked.stdout)
    assert manifest["oauth_config"]["redirect_urls"] == ["https://c.example/slack/oauth_redirect"]
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    events = manifest["settings"]["event_subscriptions"]
    assert events["bot_events"] == ["app_uninstalled", "tokens_revoked"]
    assert events["request_url"] == "https://c.example/slack/events"

    plain = chorus(tmp_path, "slack-manifest")
    assert plain.returncode == 0, plain.stderr
    socket_manifest = json.loads(plain.stdout)
    assert "redirect_urls" not in socket_manifest["oauth_config"]
    assert "event_subscriptions" not in socket_manifest["settings"]
