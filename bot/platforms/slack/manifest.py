"""The Slack app manifest for ``chorus slack-manifest``: commands, scopes, interactivity."""

from __future__ import annotations

import json
from typing import Any

from bot.api import Command, Registry
from bot.platforms.dispatch import usage
from bot.platforms.slack.app import REQUEST_PATH
from bot.platforms.slack.installs import BOT_SCOPES as BOT_SCOPES  # re-exported for doctor
from bot.platforms.slack.installs import REDIRECT_PATH

APP_DESCRIPTION = (
    "Share experiences of harassment and sexism privately; Chorus removes identifying "
    "details and posts them anonymously on a schedule."
)
# Slack asks for 175-4000 characters here.
APP_LONG_DESCRIPTION = (
    APP_DESCRIPTION
    + " Members use /share to write privately, see exactly what would be posted, and "
    "confirm; /status and /withdraw take a private receipt code. Organizers see weekly "
    "theme counts, never who wrote anything."
)
USAGE_HINT_MAX = 1000
DESCRIPTION_MAX = 2000
# Events a distributed app needs: Bolt deletes the workspace's installation on them.
INSTALL_EVENTS = ("app_uninstalled", "tokens_revoked")


def _usage_hint(cmd: Command) -> str:
    return usage(cmd).partition(" ")[2][:USAGE_HINT_MAX]


def slash_commands(registry: Registry, request_url: str | None = None) -> list[dict[str, Any]]:
    """One Slack command per top-level command and per command group."""
    found: list[dict[str, Any]] = []
    for cmd in sorted(registry.top_level(), key=lambda c: c.name):
        found.append(_command(f"/{cmd.name}", cmd.description, _usage_hint(cmd), request_url))
    for name, group in sorted(registry.groups.items()):
        subs = sorted(c.name for c in registry.in_group(name))
        hint = " | ".join(subs)[:USAGE_HINT_MAX]
        found.append(_command(f"/{name}", group.description, hint, request_url))
    return found


def _command(name: str, description: str, hint: str, request_url: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "command": name,
        "description": description[:DESCRIPTION_MAX],
        # Escaped text turns #channel and @group mentions into ids the parser reads.
        "should_escape": True,
    }
    if hint:
        entry["usage_hint"] = hint
    if request_url:
        entry["url"] = request_url
    return entry


def slack_manifest(
    registry: Registry,
    *,
    request_url: str | None = None,
    redirect_url: str | None = None,
    name: str = "Chorus",
) -> str:
    """Return the app manifest as JSON: Socket Mode, or HTTP when ``request_url`` is given.

    ``request_url`` is the public address of the bot's endpoint, ending in
    ``/slack/events``. ``redirect_url`` is for a distributed app, installed by each
    workspace from ``/slack/install``: the public address of ``/slack/oauth_redirect``
    (a bare ``https://your.host`` gets the path added). With it the manifest lists
    the redirect URL and subscribes to the uninstall and token-revocation events,
    so a workspace that removes Chorus has its token deleted.
    """
    if request_url is not None and not request_url.endswith(REQUEST_PATH):
        request_url = request_url.rstrip("/") + REQUEST_PATH
    if redirect_url is not None and not redirect_url.endswith(REDIRECT_PATH):
        redirect_url = redirect_url.rstrip("/") + REDIRECT_PATH
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url:
        interactivity["request_url"] = request_url
    oauth: dict[str, Any] = {"scopes": {"bot": list(BOT_SCOPES)}}
    settings: dict[str, Any] = {"interactivity": interactivity}
    if redirect_url:
        oauth["redirect_urls"] = [redirect_url]
        events: dict[str, Any] = {"bot_events": list(INSTALL_EVENTS)}
        if request_url:
            events["request_url"] = request_url
        settings["event_subscriptions"] = events
    settings.update(
        {
            "org_deploy_enabled": False,
            "socket_mode_enabled": request_url is None,
            "token_rotation_enabled": False,
        }
    )
    manifest = {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": APP_DESCRIPTION[:139],
            "long_description": APP_LONG_DESCRIPTION,
            "background_color": "#3b2e5a",
        },
        "features": {
            "bot_user": {"display_name": name, "always_online": True},
            "app_home": {
                "home_tab_enabled": False,
                "messages_tab_enabled": False,
                "messages_tab_read_only_enabled": True,
            },
            "slash_commands": slash_commands(registry, request_url),
        },
        "oauth_config": oauth,
        "settings": settings,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
