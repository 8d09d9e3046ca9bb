"""A running Chorus with its Slack platform, connected to the fake Slack."""

from __future__ import annotations

import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.app import App, Services, build_services
from bot.config import SlackSettings
from bot.platforms.slack import SlackPlatform
from tests.conftest import FakeClock, make_settings
from tests.fakes.slack import Channel, Ephemeral, FakeSlack, User, View, Workspace, view_text

RECEIPT = re.compile(r"\*([A-Z0-9]{4}-[A-Z0-9]{4})\*")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Team:
    """One workspace and the people and channels tests use in it."""

    ws: Workspace
    admin: User
    organizer: User
    member: User
    general: Channel
    stories: Channel
    organizers: Channel

    @property
    def community(self) -> str:
        return f"slack:{self.ws.team_id}"


@dataclass
class SlackWorld:
    """Chorus on the fake Slack: the fake, the app, the platform and two workspaces."""

    fake: FakeSlack
    app: App
    platform: SlackPlatform
    clock: FakeClock
    mode: str
    acme: Team
    globex: Team
    db_path: Path
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        return self.app.services

    async def open_share(self, team: Team, user: User | None = None) -> View:
        """Run /share in #general and return the modal that opens."""
        who = user or team.member
        # An earlier flow's closing view may still be open: wait for the new modal.
        earlier = self.fake.view_ids(who)
        await self.fake.slash(who, "/share", "", team.general)
        return await self.fake.wait_view(who, besides=earlier)

    async def preview(
        self,
        team: Team,
        story: str,
        note: str = "",
        mode: str = "publish",
        user: User | None = None,
    ) -> View:
        """Open /share, fill it in and submit; return the modal now showing the preview."""
        view = await self.open_share(team, user)
        ack = await self.fake.submit(view, {"story": story, "note": note, "mode": mode})
        assert ack.payload is not None
        if ack.payload.get("response_action") != "update":
            # The submission ran past its budget: the preview arrives by views.update.
            await self.fake.wait_for(lambda: "Confirm" in view_text(view.view), what="preview")
        return view

    async def share(self, team: Team, story: str, note: str = "", user: User | None = None) -> str:
        """Share a story all the way to its receipt; return the receipt code."""
        who = user or team.member
        view = await self.preview(team, story, note, user=who)
        before = len(self.fake.ephemerals_for(who))
        await self.fake.click(view, "Confirm")
        return await self.fake.wait_for(lambda: self.receipt(who, before), what="the receipt")

    def receipt(self, user: User, skip: int = 0) -> str | None:
        """The first receipt code shown privately to ``user`` after ``skip`` messages."""
        for e in self.fake.ephemerals_for(user)[skip:]:
            found = RECEIPT.search(e.text)
            if found:
                return found.group(1)
        return None

    async def command(
        self, user: User, channel: Channel, command: str, text: str = ""
    ) -> Ephemeral:
        """Run a command and return the private answer it gets."""
        before = len(self.fake.ephemerals_for(user))
        await self.fake.slash(user, command, text, channel)

        def answered() -> Ephemeral | None:
            new = self.fake.ephemerals_for(user)[before:]
            return new[0] if new else None

        return await self.fake.wait_for(answered, what=f"an answer to {command}")

    async def make_organizers(self, team: Team, *members: User) -> str:
        """Create a user group of ``members`` (default: the team's organizer) and have the
        admin set it as the organizers with ``/config organizers``; return its id."""
        group_id = team.ws.add_usergroup("organizers", list(members) or [team.organizer])
        answer = await self.command(
            team.admin, team.general, "/config", f"organizers <!subteam^{group_id}|@organizers>"
        )
        assert "Saved" in answer.text, answer.text
        return group_id

    async def press(self, user: User, channel: Channel, shown: Ephemeral, button: str) -> Ephemeral:
        """Press a button in a private message ``user`` was shown; return the next one."""
        before = len(self.fake.ephemerals_for(user))
        await self.fake.click_message(user, channel, button, ephemeral=shown)

        def answered() -> Ephemeral | None:
            new = self.fake.ephemerals_for(user)[before:]
            return new[0] if new else None

        return await self.fake.wait_for(answered, what=f"an answer to {button}")

    async def press_for_modal(
        self, user: User, channel: Channel, shown: Ephemeral, button: str
    ) -> View:
        """Press a button in a private message that opens a modal; return the modal."""
        earlier = self.fake.view_ids(user)
        await self.fake.click_message(user, channel, button, ephemeral=shown)
        return await self.fake.wait_view(user, besides=earlier)

    def assert_acknowledged_in_time(self) -> None:
        """Every delivery so far was acknowledged within Slack's three seconds, and every
        view the app sent would have been accepted."""
        assert self.fake.acks, "nothing was delivered"
        assert self.fake.late_acks == []
        assert self.fake.view_problems == []


def make_team(fake: FakeSlack, team_id: str, domain: str, prefix: str) -> Team:
    ws = fake.add_workspace(team_id, domain)
    return Team(
        ws=ws,
        admin=ws.add_user(f"{prefix}_admin_quokka", is_admin=True),
        organizer=ws.add_user(f"{prefix}_organizer_pangolin"),
        member=ws.add_user(f"{prefix}_member_axolotl", real_name=f"{prefix.title()} Axolotl"),
        general=ws.add_channel("general"),
        stories=ws.add_channel("stories"),
        organizers=ws.add_channel("organizers"),
    )


async def start_world(tmp_path: Path, clock: FakeClock, mode: str) -> SlackWorld:
    fake = await FakeSlack().start()
    acme = make_team(fake, "T0ACME0001", "acme", "acme")
    globex = make_team(fake, "T0GLOBEX01", "globex", "globex")
    settings = make_settings(tmp_path)
    services = await build_services(settings, clock)
    app = App(services)
    slack = SlackSettings(
        bot_token=fake.bot_token,
        app_token=fake.app_token if mode == "socket" else None,
        signing_secret=fake.signing_secret if mode == "http" else None,
        api_url=fake.api_url,
        host="127.0.0.1",
        port=free_port(),
    )
    platform = SlackPlatform(app, slack)
    app.add_platform(platform)
    await platform.start()
    if mode == "http":
        fake.use_http(f"http://127.0.0.1:{platform.port}/slack/events")
    else:
        await fake.socket.wait_connected()
    for team in (acme, globex):
        await services.add_community(team.community, "slack")
        await services.community.set(
            team.community,
            story_channel=team.stories.id,
            organizer_channel=team.organizers.id,
            min_pool=1,
            min_delay_minutes=0,
        )
    return SlackWorld(fake, app, platform, clock, mode, acme, globex, settings.store.sqlite_path)


async def stop_world(world: SlackWorld) -> None:
    await world.platform.stop()
    await world.services.db.close()
    await world.fake.stop()


@pytest.fixture(params=["socket", "http"])
async def world(
    request: pytest.FixtureRequest, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[SlackWorld]:
    built = await start_world(tmp_path, clock, request.param)
    try:
        yield built
    finally:
        await stop_world(built)


@pytest.fixture
async def socket_world(tmp_path: Path, clock: FakeClock) -> AsyncIterator[SlackWorld]:
    built = await start_world(tmp_path, clock, "socket")
    try:
        yield built
    finally:
        await stop_world(built)
