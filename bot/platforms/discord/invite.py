"""The OAuth2 URL that adds Chorus to a server with the least permissions it needs."""

from __future__ import annotations

from urllib.parse import urlencode

import discord


def required_permissions() -> discord.Permissions:
    """What Chorus needs in its channels, and nothing more.

    View Channel and Send Messages to post stories and digests; Read Message
    History to find its own posts again after a crash; Attach Files for the
    summary chart and CSV export.  Embed Links is not needed (links are never
    unfurled) and Manage Messages is not needed: a bot can always delete its own
    messages.  Modals, buttons and private replies need no permission at all.
    """
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        read_message_history=True,
        attach_files=True,
    )


def invite_url(application_id: str | int) -> str:
    """The invite URL with the ``bot`` and ``applications.commands`` scopes."""
    query = urlencode(
        {
            "client_id": str(application_id),
            "scope": "bot applications.commands",
            "permissions": str(required_permissions().value),
            "integration_type": "0",
        }
    )
    return f"https://discord.com/oauth2/authorize?{query}"
