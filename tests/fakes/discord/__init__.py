"""A fake Discord (REST API and gateway) on loopback for the real discord.py client."""

from tests.fakes.discord.interactions import (
    InteractionRecord,
    NoResponse,
    buttons_of,
    modal_inputs,
    selects_of,
)
from tests.fakes.discord.payloads import FakeChannel, FakeGuild, FakeRole, FakeUser
from tests.fakes.discord.server import CommandUnavailable, FakeDiscord

__all__ = [
    "CommandUnavailable",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeRole",
    "FakeUser",
    "InteractionRecord",
    "NoResponse",
    "buttons_of",
    "modal_inputs",
    "selects_of",
]
