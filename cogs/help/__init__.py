"""What Chorus can do, for whoever asks."""

from __future__ import annotations

from bot import messages
from bot.api import Cog, Invocation, Reply, Response, Role
from bot.app import Services


def setup(services: Services) -> Cog:
    """The help cog."""
    cog = Cog("help")

    @cog.command("help", "What Chorus does and how to use it", dm_allowed=True)
    async def show(inv: Invocation) -> Response:
        text = messages.HELP_MEMBER
        if inv.role.allows(Role.ORGANIZER):
            text += messages.HELP_ORGANIZER
        if inv.role.allows(Role.ADMIN):
            text += messages.HELP_ADMIN
        return Reply(text)

    return cog
