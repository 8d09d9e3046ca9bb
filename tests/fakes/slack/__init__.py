"""A fake Slack (Web API, Socket Mode, signed HTTP requests) for tests at the wire."""

from tests.fakes.slack.server import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack
from tests.fakes.slack.signing import signed_headers
from tests.fakes.slack.socket import Ack, NoAck
from tests.fakes.slack.views import view_text
from tests.fakes.slack.workspace import (
    BOT_USER_ID,
    Channel,
    Ephemeral,
    Message,
    User,
    View,
    Workspace,
)

__all__ = [
    "APP_TOKEN",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "SIGNING_SECRET",
    "Ack",
    "Channel",
    "Ephemeral",
    "FakeSlack",
    "Message",
    "NoAck",
    "User",
    "View",
    "Workspace",
    "signed_headers",
    "view_text",
]
