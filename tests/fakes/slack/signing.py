"""HTTP mode: requests to the app signed as Slack signs them (v0 HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

import aiohttp

from tests.fakes.slack.socket import ACK_DEADLINE, Ack


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Slack-Signature`` value for ``body`` sent at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack sends with a request body, including a valid signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
        "Content-Type": "application/x-www-form-urlencoded",
    }


def encode(kind: str, payload: dict[str, Any]) -> bytes:
    """The body Slack posts: fields for slash commands, JSON for events, else ``payload=``."""
    if kind == "slash_commands":
        return urlencode({k: str(v) for k, v in payload.items()}).encode()
    if kind == "events_api":
        # The Events API posts the event itself as JSON.
        return json.dumps(payload).encode()
    return urlencode({"payload": json.dumps(payload)}).encode()


class HttpDelivery:
    """Posts signed requests to an app's request URL and records its acknowledgements."""

    def __init__(self, url: str, secret: str) -> None:
        self.url = url
        self.secret = secret
        self._session: aiohttp.ClientSession | None = None

    async def send_raw(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, float]:
        """Post ``body`` with ``headers``; return status, body and seconds taken."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        started = time.monotonic()
        async with self._session.post(
            self.url,
            data=body,
            headers=headers,
            timeout=aiohttp.ClientTimeout(total=ACK_DEADLINE * 2),
        ) as resp:
            content = await resp.read()
            return resp.status, content, time.monotonic() - started

    async def deliver(self, kind: str, payload: dict[str, Any]) -> Ack:
        """Send one interaction, correctly signed, and wait for the app's answer."""
        body = encode(kind, payload)
        headers = signed_headers(self.secret, body)
        if kind == "events_api":
            headers["Content-Type"] = "application/json"
        try:
            status, content, took = await self.send_raw(body, headers)
        except TimeoutError:
            return Ack("", kind, None, None, "http")
        if status != 200:
            return Ack("", kind, None, {"status": status, "body": content.decode()}, "http")
        parsed: dict[str, Any] | None = None
        if content:
            try:
                parsed = json.loads(content)
            except ValueError:
                parsed = {"text": content.decode()}
        return Ack("", kind, took, parsed, "http")

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None
