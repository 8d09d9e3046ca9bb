"""The fake Slack speaks the protocol the real slack-sdk and Bolt clients expect."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack import FakeSlack, signed_headers


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as server:
        ws = server.add_workspace("T0FAKE001", "acme")
        ws.add_user("ada")
        ws.add_channel("general")
        yield server


def plain_app(fake: FakeSlack) -> AsyncApp:
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    return AsyncApp(client=client, signing_secret=fake.signing_secret, logger=_quiet())


def _quiet() -> logging.Logger:
    logger = logging.getLogger("tests.fake_slack.bolt")
    logger.setLevel(logging.WARNING)
    return logger


async def test_plain_bolt_app_in_socket_mode_receives_and_acks_a_slash_command(
    fake: FakeSlack,
) -> None:
    """A Bolt app connected over Socket Mode gets /hello and its ack reaches the fake."""
    app = plain_app(fake)
    seen: list[str] = []

    @app.command("/hello")
    async def hello(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        seen.append(command["text"])

    handler = AsyncSocketModeHandler(app, fake.app_token)
    await handler.connect_async()
    try:
        user = next(iter(fake.workspaces["T0FAKE001"].users.values()))
        ack = await fake.slash(user, "/hello", "world")
        assert not ack.late
        assert seen == ["world"]
        assert fake.calls_to("apps.connections.open")
    finally:
        await handler.close_async()


async def test_unacked_envelope_is_reported_late(fake: FakeSlack) -> None:
    """A listener that never acks makes the fake report a missing ack."""
    app = plain_app(fake)

    @app.command("/silent")
    async def silent(command: dict[str, Any]) -> None:
        await asyncio.sleep(0)

    handler = AsyncSocketModeHandler(app, fake.app_token)
    await handler.connect_async()
    try:
        user = next(iter(fake.workspaces["T0FAKE001"].users.values()))
        ack = await fake.slash(user, "/silent", strict=False)
        assert ack.late
    finally:
        await handler.close_async()


async def test_socket_mode_client_reconnects_after_a_dropped_connection(fake: FakeSlack) -> None:
    """After the fake closes the socket, the client opens a new one and gets envelopes."""
    app = plain_app(fake)
    seen: list[str] = []

    @app.command("/hello")
    async def hello(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        seen.append(command["text"])

    handler = AsyncSocketModeHandler(app, fake.app_token, ping_interval=0.5)
    await handler.connect_async()
    try:
        await fake.socket.wait_connected()
        await fake.drop_socket("close")
        await fake.wait_for(lambda: fake.socket.connects >= 2, what="a reconnect")
        user = next(iter(fake.workspaces["T0FAKE001"].users.values()))
        await fake.slash(user, "/hello", "again")
        assert seen == ["again"]
    finally:
        await handler.close_async()


async def test_signed_http_request_is_accepted_and_a_bad_signature_refused(
    fake: FakeSlack,
) -> None:
    """Bolt verifies the fake's v0 signatures: a valid one is served, a forged one gets 401."""
    from aiohttp import web

    app = plain_app(fake)

    @app.command("/hello")
    async def hello(ack: AsyncAck) -> None:
        await ack("hi")

    runner = web.AppRunner(app.web_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        fake.use_http(f"http://127.0.0.1:{port}/slack/events")
        user = next(iter(fake.workspaces["T0FAKE001"].users.values()))
        ack = await fake.slash(user, "/hello")
        assert ack.payload == {"text": "hi"}
        assert fake.http is not None
        body = b"command=%2Fhello&text="
        headers = signed_headers("wrong-secret", body)
        status, _, _ = await fake.http.send_raw(body, headers)
        assert status == 401
    finally:
        await runner.cleanup()


async def test_rate_limit_and_server_error_are_retried_by_sdk_handlers(fake: FakeSlack) -> None:
    """A 429 with Retry-After and a 500 are retried; the message is posted once."""
    client = AsyncWebClient(
        token=fake.bot_token,
        base_url=fake.api_url,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=2),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ],
    )
    channel = next(iter(fake.workspaces["T0FAKE001"].channels.values()))
    fake.fail("chat.postMessage", status=429, retry_after=0)
    fake.fail("chat.postMessage", status=500)
    await client.chat_postMessage(channel=channel.id, text="hello")
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 500, 200]
    assert [m.text for m in fake.messages(channel.id)] == ["hello"]


async def test_unknown_channel_is_an_api_error(fake: FakeSlack) -> None:
    """Posting to a channel that does not exist fails with channel_not_found."""
    client = AsyncWebClient(token=fake.bot_token, base_url=fake.api_url)
    with pytest.raises(SlackApiError) as info:
        await client.chat_postMessage(channel="CNOPE", text="x")
    assert info.value.response["error"] == "channel_not_found"
