"""The gateway websocket: HELLO, IDENTIFY/READY, heartbeats, RESUME and dispatches.

Sessions outlive connections, as on Discord: events dispatched while a
session has no connection are kept and replayed when the client RESUMEs.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from tests.fakes.discord.payloads import INTENT_GUILDS

if TYPE_CHECKING:
    from tests.fakes.discord.server import FakeDiscord

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE_UPDATE = 3
OP_RESUME = 6
OP_RECONNECT = 7
OP_REQUEST_GUILD_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

HEARTBEAT_INTERVAL_MS = 41250
# How many dispatches a session keeps for RESUME.
REPLAY_BUFFER = 5000


@dataclass
class Connection:
    """One websocket and its transport compression state."""

    ws: web.WebSocketResponse
    compress: bool
    compressor: Any = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, payload: dict[str, Any]) -> None:
        """Send a gateway payload, zlib-stream compressed when the client asked for it."""
        text = json.dumps(payload, separators=(",", ":"))
        async with self.lock:
            if self.compress:
                if self.compressor is None:
                    self.compressor = zlib.compressobj()
                data = self.compressor.compress(text.encode()) + self.compressor.flush(
                    zlib.Z_SYNC_FLUSH
                )
                await self.ws.send_bytes(data)
            else:
                await self.ws.send_str(text)


@dataclass
class GatewaySession:
    """A gateway session: identity, sequence numbers and the events sent so far."""

    session_id: str
    shard_id: int
    shard_count: int
    intents: int
    seq: int = 0
    buffer: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    connection: Connection | None = None
    identified_at: float = 0.0
    resumes: int = 0

    def owns_guild(self, guild_id: str) -> bool:
        """Whether this session's shard receives events for ``guild_id``."""
        return (int(guild_id) >> 22) % self.shard_count == self.shard_id

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send (or keep, while disconnected) a DISPATCH; return its sequence number."""
        self.seq += 1
        payload = {"op": OP_DISPATCH, "t": event, "s": self.seq, "d": data}
        self.buffer.append((self.seq, payload))
        if len(self.buffer) > REPLAY_BUFFER:
            del self.buffer[: len(self.buffer) - REPLAY_BUFFER]
        conn = self.connection
        if conn is not None and not conn.ws.closed:
            try:
                await conn.send(payload)
            except ConnectionError:
                # Kept in the buffer: the client gets it on RESUME.
                self.connection = None
        return self.seq


class Gateway:
    """Serves gateway connections for a :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[Connection] = []
        self.received: list[dict[str, Any]] = []
        self.open = asyncio.Event()
        self.open.set()
        self.identify_count = 0
        self.resume_count = 0

    def live_sessions(self) -> list[GatewaySession]:
        """Sessions that have not been invalidated."""
        return list(self.sessions.values())

    def session_for_guild(self, guild_id: str) -> GatewaySession:
        """The session whose shard receives ``guild_id``'s events."""
        for session in self.sessions.values():
            if session.owns_guild(guild_id):
                return session
        raise LookupError(f"no gateway session receives guild {guild_id}")

    def session_for_dms(self) -> GatewaySession:
        """Direct messages go to shard 0."""
        for session in self.sessions.values():
            if session.shard_id == 0:
                return session
        raise LookupError("no gateway session for shard 0")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Accept one websocket connection and speak the gateway protocol on it."""
        # While an outage is simulated the handshake waits, as a client would
        # keep failing to connect until the gateway is reachable again.
        await self.open.wait()
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        compress = request.query.get("compress") == "zlib-stream"
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"Error while decoding payload.")
            return ws
        conn = Connection(ws=ws, compress=compress)
        self.connections.append(conn)
        session: GatewaySession | None = None
        try:
            await conn.send(
                {
                    "op": OP_HELLO,
                    "t": None,
                    "s": None,
                    "d": {
                        "heartbeat_interval": HEARTBEAT_INTERVAL_MS,
                        "_trace": ['["gateway-prd-fake",{"micros":0.0}]'],
                    },
                }
            )
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                self.received.append(payload)
                op = payload.get("op")
                if op == OP_HEARTBEAT:
                    await conn.send({"op": OP_HEARTBEAT_ACK, "t": None, "s": None, "d": None})
                elif op == OP_IDENTIFY:
                    session = await self._identify(conn, payload["d"])
                    if session is None:
                        break
                elif op == OP_RESUME:
                    session = await self._resume(conn, payload["d"])
        finally:
            if session is not None and session.connection is conn:
                session.connection = None
            if conn in self.connections:
                self.connections.remove(conn)
        return ws

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        if data.get("token") != self.fake.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard_id, shard_count = data.get("shard", [0, 1])
        if not 0 <= shard_id < shard_count:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return None
        # A new IDENTIFY for a shard replaces that shard's earlier session.
        for old_id, old in list(self.sessions.items()):
            if old.shard_id == shard_id:
                del self.sessions[old_id]
        self.identify_count += 1
        session = GatewaySession(
            session_id=secrets.token_hex(16),
            shard_id=shard_id,
            shard_count=shard_count,
            intents=int(data.get("intents", 0)),
            identified_at=asyncio.get_running_loop().time(),
        )
        session.connection = conn
        self.sessions[session.session_id] = session
        guilds = [g for g in self.fake.guilds.values() if session.owns_guild(g.id)]
        await session.dispatch(
            "READY",
            {
                "v": 10,
                "user_settings": {},
                "user": self.fake.bot.private_payload(),
                "session_type": "normal",
                "session_id": session.session_id,
                "resume_gateway_url": self.fake.gateway_url,
                "guilds": [{"id": g.id, "unavailable": True} for g in guilds],
                "geo_ordered_rtc_regions": ["fake"],
                "guild_join_requests": [],
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "auth": {},
                "shard": [shard_id, shard_count],
                "application": {"id": self.fake.application_id, "flags": 0},
                "_trace": ['["gateway-prd-fake",{"micros":0.0}]'],
            },
        )
        if session.intents & INTENT_GUILDS:
            for guild in guilds:
                await session.dispatch("GUILD_CREATE", guild.create_payload())
        return session

    async def _resume(self, conn: Connection, data: dict[str, Any]) -> GatewaySession | None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.fake.token:
            await conn.send({"op": OP_INVALID_SESSION, "t": None, "s": None, "d": False})
            return None
        self.resume_count += 1
        session.resumes += 1
        sent = int(data.get("seq") or 0)
        while True:
            pending = [(seq, p) for seq, p in session.buffer if seq > sent]
            if not pending:
                # Attached only once caught up, so live events never overtake replayed ones.
                session.connection = conn
                break
            for seq, payload in pending:
                await conn.send(payload)
                sent = seq
        await session.dispatch("RESUMED", {"_trace": ['["gateway-prd-fake",{"micros":0.0}]']})
        return session

    async def drop_all(self, code: int = 4000) -> None:
        """Close every connection; sessions survive so clients can RESUME."""
        for conn in list(self.connections):
            await conn.ws.close(code=code, message=b"Unknown error.")

    async def invalidate_all(self, resumable: bool = False) -> None:
        """Send INVALID_SESSION on every connection (forgetting the sessions unless resumable)."""
        for session in list(self.sessions.values()):
            conn = session.connection
            if not resumable:
                del self.sessions[session.session_id]
            if conn is not None:
                await conn.send({"op": OP_INVALID_SESSION, "t": None, "s": None, "d": resumable})

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT on every connection, as Discord does before maintenance."""
        for session in self.sessions.values():
            if session.connection is not None:
                await session.connection.send({"op": OP_RECONNECT, "t": None, "s": None, "d": None})

    async def close(self) -> None:
        """Close every connection with 1001 (going away)."""
        for conn in list(self.connections):
            await conn.ws.close(code=1001)
