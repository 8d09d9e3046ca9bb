"""Socket Mode: one-time WebSocket URLs, envelopes out, acknowledgements back."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from tests.fakes.slack.server import FakeSlack

ACK_DEADLINE = 3.0


@dataclass
class Ack:
    """How and when an app acknowledged one delivery."""

    envelope_id: str
    kind: str
    latency: float | None
    payload: dict[str, Any] | None
    transport: str

    @property
    def late(self) -> bool:
        """Missing, or later than Slack's three seconds."""
        return self.latency is None or self.latency > ACK_DEADLINE


class NoAck(AssertionError):
    """The app did not acknowledge a delivery within Slack's deadline."""


class SocketModeServer:
    """Hands out WebSocket URLs and speaks the Socket Mode envelope protocol."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self._tickets: set[str] = set()
        self.connections: list[web.WebSocketResponse] = []
        self.connects = 0
        self._pending: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._connected = asyncio.Event()

    def issue_url(self) -> str:
        """A fresh single-use URL, as apps.connections.open returns."""
        ticket = secrets.token_hex(8)
        self._tickets.add(ticket)
        return f"{self.fake.ws_base_url}link/?ticket={ticket}"

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Accept a connection with a valid ticket, greet it, and read acknowledgements."""
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            return web.Response(status=401, text="invalid ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.connections.append(ws)
        self.connects += 1
        await ws.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": len(self.connections),
                    "debug_info": {"host": "fake-slack", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": "ACHORUS01"},
                }
            )
        )
        self._connected.set()
        self.fake.notify()
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                data = json.loads(msg.data)
                future = self._pending.get(data.get("envelope_id", ""))
                if future is not None and not future.done():
                    future.set_result(data)
        finally:
            if ws in self.connections:
                self.connections.remove(ws)
            if not self.connections:
                self._connected.clear()
            self.fake.notify()
        return ws

    async def wait_connected(self, within: float = 15.0) -> None:
        """Wait until an app holds an open connection."""
        await asyncio.wait_for(self._connected.wait(), within)

    async def deliver(self, kind: str, payload: dict[str, Any]) -> Ack:
        """Send an envelope to a connected app and wait for its acknowledgement.

        While no app is connected the envelope waits, as Slack queues it; it is sent
        once, and the three-second deadline runs from the moment it is sent.
        """
        envelope_id = secrets.token_hex(12)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[envelope_id] = future
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        while True:
            await self.wait_connected()
            ws = self.connections[-1]
            try:
                await ws.send_str(json.dumps(envelope))
                break
            except ConnectionError:
                await asyncio.sleep(0.05)
        sent = time.monotonic()
        try:
            reply = await asyncio.wait_for(future, ACK_DEADLINE + 0.5)
        except TimeoutError:
            ack = Ack(envelope_id, kind, None, None, "socket")
        else:
            ack = Ack(envelope_id, kind, time.monotonic() - sent, reply.get("payload"), "socket")
        finally:
            self._pending.pop(envelope_id, None)
        self.fake.acks.append(ack)
        return ack

    async def drop(self, how: str = "close") -> None:
        """Drop every connection: a close frame, a ``disconnect`` message, or a cut socket."""
        for ws in list(self.connections):
            if how == "disconnect":
                await ws.send_str(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))
            elif how == "abort":
                # Simulates a network cut: no close frame, the TCP stream just ends.
                transport = ws._req.transport if ws._req is not None else None
                if transport is not None:
                    transport.abort()
            else:
                await ws.close(code=1001, message=b"going away")
        if how != "disconnect":
            self.connections.clear()
            self._connected.clear()

    async def close(self) -> None:
        """Close every connection (the fake is shutting down)."""
        for ws in list(self.connections):
            await ws.close()
        self.connections.clear()
