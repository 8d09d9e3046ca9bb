"""The app manifest lists every command and group, with scopes and interactivity."""

from __future__ import annotations

import json

from bot.app import App, Services
from bot.platforms.slack import slack_manifest


async def test_manifest_has_a_command_per_top_level_command_and_group(services: Services) -> None:
    """Socket Mode manifest: /share, /withdraw, /status, /config ... and the needed scopes."""
    registry = App(services).registry
    manifest = json.loads(slack_manifest(registry))
    names = {c["command"] for c in manifest["features"]["slash_commands"]}
    expected = {f"/{c.name}" for c in registry.top_level()} | {f"/{g}" for g in registry.groups}
    assert names == expected
    assert {"/share", "/withdraw", "/status", "/config"} <= names
    assert all(c["should_escape"] for c in manifest["features"]["slash_commands"])
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "users:read", "usergroups:read", "channels:history"} <= scopes


async def test_http_manifest_points_commands_and_interactivity_at_the_request_url(
    services: Services,
) -> None:
    """With a public URL, Socket Mode is off and every command posts to /slack/events."""
    manifest = json.loads(slack_manifest(App(services).registry, request_url="https://c.example"))
    url = "https://c.example/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["interactivity"]["request_url"] == url
    assert {c["url"] for c in manifest["features"]["slash_commands"]} == {url}
