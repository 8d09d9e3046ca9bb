"""Command registration and sharding, as the fake Discord sees them from the real client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.config import SettingsError, load_settings
from tests.conftest import FakeClock
from tests.fakes.discord import CommandUnavailable, FakeDiscord
from tests.platforms.discord.conftest import (
    World,
    make_discord_settings,
    start_app,
    start_world,
)

GLOBAL = "/applications/{application_id}/commands"
GUILD = "/applications/{application_id}/guilds/{guild_id}/commands"
MANAGE_GUILD = str(1 << 5)
SUBCOMMAND, STRING, INTEGER, BOOLEAN, CHANNEL, ROLE = 1, 3, 4, 5, 7, 8
IN_GUILDS, IN_BOT_DMS = 0, 1
GUILD_INSTALL = 0

MEMBER_COMMANDS = {"help", "share", "status", "withdraw", "resources"}
ORGANIZER_COMMANDS = {"review", "block", "summary"}
ADMIN_COMMANDS = {"config", "publish-now"}
# Offered in the bot's DMs too; everything else needs a server to know the community.
IN_DMS = {"help", "share"}
CONFIG_SUBCOMMANDS = {
    "show",
    "channel",
    "schedule",
    "moderation",
    "threshold",
    "retention",
    "limit",
    "region",
    "organizers",
    "theme-add",
    "theme-remove",
    "theme-keywords",
    "digest",
    "resource-add",
    "resource-remove",
}


def _sent(fake: FakeDiscord, route: str) -> list[list[dict[str, Any]]]:
    """The command lists the bot bulk-overwrote on ``route``, in order."""
    return [r.json for r in fake.requests_to("PUT", route)]


def _by_name(commands: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in commands}


def _permissions(command: dict[str, Any]) -> str | None:
    value = command.get("default_member_permissions")
    return None if value is None else str(value)


async def test_global_commands_are_registered_once_with_the_right_shape(world: World) -> None:
    """One bulk overwrite: member, organizer and admin commands; no guild commands."""
    fake = world.fake
    [sent] = _sent(fake, GLOBAL)
    assert _sent(fake, GUILD) == []
    commands = _by_name(sent)
    assert set(commands) == MEMBER_COMMANDS | ORGANIZER_COMMANDS | ADMIN_COMMANDS
    for name, command in commands.items():
        assert command.get("type", 1) == 1
        assert command["integration_types"] == [GUILD_INSTALL]
        # Only admin commands are hidden by default; organizers are a role, not a permission.
        expected = MANAGE_GUILD if name in ADMIN_COMMANDS else None
        assert _permissions(command) == expected, name
        contexts = [IN_GUILDS, IN_BOT_DMS] if name in IN_DMS else [IN_GUILDS]
        assert sorted(command["contexts"]) == contexts, name


async def test_config_is_one_group_of_subcommands(world: World) -> None:
    """/config is a single command whose options are its subcommands, each typed right."""
    [sent] = _sent(world.fake, GLOBAL)
    config = _by_name(sent)["config"]
    assert all(o["type"] == SUBCOMMAND for o in config["options"])
    subs = _by_name(config["options"])
    assert set(subs) == CONFIG_SUBCOMMANDS
    # Discord sets permissions per top-level command: the subcommands carry none.
    assert all("default_member_permissions" not in s for s in subs.values())

    channel = _by_name(subs["channel"]["options"])
    # Text and announcement channels: the kinds that can hold stories and digests.
    assert channel["channel"]["type"] == CHANNEL
    assert sorted(channel["channel"]["channel_types"]) == [0, 5]
    assert [c["value"] for c in channel["kind"]["choices"]] == ["story", "organizers"]
    assert _by_name(subs["organizers"]["options"])["role"]["type"] == ROLE
    assert _by_name(subs["moderation"]["options"])["enabled"]["type"] == BOOLEAN
    schedule = _by_name(subs["schedule"]["options"])
    assert schedule["min-delay"]["type"] == INTEGER
    assert (schedule["min-delay"]["min_value"], schedule["min-delay"]["max_value"]) == (0, 10080)
    assert not any(o.get("required") for o in schedule.values())
    remove = _by_name(subs["resource-remove"]["options"])
    assert remove["key"]["type"] == STRING and remove["key"]["max_length"] == 40


async def test_organizer_commands_take_the_documented_options(world: World) -> None:
    """/summary's week autocompletes and output is a choice; /block takes a post and days."""
    [sent] = _sent(world.fake, GLOBAL)
    commands = _by_name(sent)
    summary = _by_name(commands["summary"]["options"])
    assert summary["week"]["autocomplete"] is True and not summary["week"].get("required")
    assert [c["value"] for c in summary["output"]["choices"]] == ["report", "export"]
    block = commands["block"]["options"]
    assert [o["name"] for o in block] == ["post", "days"]
    assert block[0]["required"] is True and not block[1].get("required")
    assert [c["value"] for c in block[1]["choices"]] == ["7", "30", "90"]


async def test_theme_and_resource_names_autocomplete_for_admins(world: World) -> None:
    """Theme and resource options offer the community's own names, filtered as typed."""
    fake = world.fake
    [sent] = _sent(fake, GLOBAL)
    subs = _by_name(_by_name(sent)["config"]["options"])
    assert _by_name(subs["theme-remove"]["options"])["theme"]["autocomplete"] is True
    # A new theme's id is the admin's to invent: nothing to offer.
    assert not _by_name(subs["theme-add"]["options"])["theme"].get("autocomplete")
    themes = await fake.autocomplete(world.guild, world.admin, "config theme-remove", "theme", "")
    values = [c["value"] for c in themes]
    assert "street_harassment" in values and len(values) <= 25
    narrowed = await fake.autocomplete(
        world.guild, world.admin, "config theme-keywords", "theme", "STREET"
    )
    assert [c["value"] for c in narrowed] == ["street_harassment"]
    assert narrowed[0]["name"].startswith("street_harassment — ")
    keys = await fake.autocomplete(world.guild, world.admin, "config resource-remove", "key", "")
    assert keys and all(" — " in c["name"] for c in keys)
    assert (
        await fake.autocomplete(
            world.guild, world.admin, "config resource-remove", "key", "no such resource"
        )
        == []
    )
    # Discord hides admin commands from members; if one types anyway, nothing is offered.
    assert (
        await fake.autocomplete(world.guild, world.member, "config theme-remove", "theme", "") == []
    )


async def test_members_are_not_offered_admin_commands(world: World) -> None:
    """Discord hides Manage Server commands from members, and shows them to admins."""
    fake = world.fake
    for name in ADMIN_COMMANDS:
        with pytest.raises(CommandUnavailable):
            await fake.slash(world.guild, world.member, name, wait=False)
    # Organizer commands stay visible: the bot itself refuses them privately.
    refused = await fake.slash(world.guild, world.member, "summary")
    assert "organizers" in (await refused.reply())["content"]
    shown = await fake.slash(world.guild, world.admin, "publish-now")
    assert "posted" in (await shown.reply())["content"]


@pytest.fixture
async def dev_world(
    tmp_path: Path, fake: FakeDiscord, clock: FakeClock
) -> AsyncIterator[tuple[World, Any]]:
    """A world whose settings name a development guild, created before the bot starts."""
    dev = fake.add_guild("dev")
    started = await start_world(tmp_path, fake, clock, dev_guilds=f"{dev.id}")
    try:
        yield started, dev
    finally:
        await started.stop()


async def test_dev_guilds_get_every_command_at_once(dev_world: tuple[World, Any]) -> None:
    """With DISCORD_DEV_GUILDS the same commands are also written to that guild directly."""
    world, dev = dev_world
    fake = world.fake
    [global_] = _sent(fake, GLOBAL)
    guild_puts = fake.requests_to("PUT", GUILD)
    assert [r.path.rsplit("/", 2)[-2] for r in guild_puts] == [dev.id]
    [in_guild] = [r.json for r in guild_puts]
    assert _by_name(in_guild).keys() == _by_name(global_).keys()
    assert _permissions(_by_name(in_guild)["config"]) == MANAGE_GUILD
    # Other guilds get no guild commands; the dev guild's are answered like global ones.
    assert fake.commands.get(world.guild.id) is None
    command = fake.find_command(dev, "help")
    assert command["guild_id"] == dev.id
    member = fake.add_member(dev, "dev-member")
    answered = await fake.slash(dev, member, "help")
    assert "/share" in (await answered.reply())["content"]
    config = await fake.slash(dev, member, "config show", override_permissions=True)
    assert "admins" in (await config.reply())["content"]


def _identified_shards(fake: FakeDiscord) -> list[list[int]]:
    return sorted(p["d"]["shard"] for p in fake.gateway.received if p.get("op") == 2)


async def test_shard_settings_reach_the_sharded_client(
    tmp_path: Path, fake: FakeDiscord, clock: FakeClock
) -> None:
    """DISCORD_SHARD_COUNT=2: two IDENTIFYs, [0, 2] and [1, 2]; each guild served by its shard."""
    world = await start_world(tmp_path, fake, clock, shard_count=2)
    try:
        client = world.platform.client
        assert isinstance(client, discord.AutoShardedClient)
        assert client.shard_count == 2 and sorted(client.shards) == [0, 1]
        assert _identified_shards(fake) == [[0, 2], [1, 2]]
        assert len(fake.gateway.sessions) == 2
        # A guild on the other shard joins live; both are communities and both answer.
        alpha_shard = (int(world.guild.id) >> 22) % 2
        beta, _ = await world.join_guild("beta", shard=(1 - alpha_shard, 2))
        member = fake.add_member(beta, "beta-member")
        for guild, user in ((world.guild, world.member), (beta, member)):
            answered = await fake.slash(guild, user, "help")
            assert "/share" in (await answered.reply())["content"]
        shards = {fake.gateway.session_for_guild(g.id).shard_id for g in (world.guild, beta)}
        assert shards == {0, 1}
    finally:
        await world.stop()


async def test_shard_ids_limit_the_process_to_its_shards(
    tmp_path: Path, fake: FakeDiscord, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DISCORD_SHARD_IDS=1 of 3: only shard 1 identifies, and only its guilds are communities."""
    mine = fake.add_guild("mine", shard=(1, 3))
    other = fake.add_guild("other", shard=(0, 3))
    # As an operator sets them, in the environment. (One shard here: discord.py waits
    # Discord's five seconds between IDENTIFYs, which the test above already pays.)
    monkeypatch.setenv("DISCORD_SHARD_COUNT", "3")
    monkeypatch.setenv("DISCORD_SHARD_IDS", "1")
    settings = make_discord_settings(tmp_path, fake)
    assert (settings.discord.shard_count, settings.discord.shard_ids) == (3, "1")
    app, platform = await start_app(settings, clock)
    try:
        client = platform.client
        assert isinstance(client, discord.AutoShardedClient)
        assert client.shard_count == 3 and sorted(client.shards) == [1]
        assert _identified_shards(fake) == [[1, 3]]
        known = await app.services.community.communities()
        assert f"discord:{mine.id}" in known and f"discord:{other.id}" not in known
        # GET /gateway/bot is not needed when the count is given.
        assert fake.requests_to("GET", "/gateway/bot") == []
    finally:
        await app.stop()


async def test_auto_sharding_takes_discords_recommendation(
    tmp_path: Path, fake: FakeDiscord, clock: FakeClock
) -> None:
    """DISCORD_SHARD_COUNT=auto asks GET /gateway/bot and runs the shards Discord names."""
    fake.recommended_shards = 1
    world = await start_world(tmp_path, fake, clock, shard_count="auto")
    try:
        client = world.platform.client
        assert isinstance(client, discord.AutoShardedClient)
        assert len(fake.requests_to("GET", "/gateway/bot")) == 1
        assert client.shard_count == 1 and _identified_shards(fake) == [[0, 1]]
        answered = await fake.slash(world.guild, world.member, "help")
        assert "/share" in (await answered.reply())["content"]
    finally:
        await world.stop()


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DISCORD_SHARD_IDS": "1"}, "needs DISCORD_SHARD_COUNT set to a number"),
        ({"DISCORD_SHARD_COUNT": "auto", "DISCORD_SHARD_IDS": "0"}, "needs DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"}, "from 0 to 1"),
        ({"DISCORD_SHARD_COUNT": "0"}, "1 or more"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "one"}, "shard numbers"),
    ],
)
def test_shard_settings_that_cannot_split_guilds_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], complaint: str
) -> None:
    """Shard ids without a fixed count would let two processes answer one guild: refused."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as refused:
        load_settings(store={"database": str(tmp_path / "chorus.sqlite3")})
    assert complaint in str(refused.value)
