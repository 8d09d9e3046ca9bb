"""The REST routes the bot uses, answering as Discord's HTTP API does."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.fakes.discord.interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
    LOADING,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    PONG,
    UPDATE_MESSAGE,
    InteractionRecord,
    SentFile,
)
from tests.fakes.discord.payloads import (
    ATTACH_FILES,
    MANAGE_MESSAGES,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    attachment_payload,
    attachment_references,
    message_payload,
    snowflake,
)

if TYPE_CHECKING:
    from tests.fakes.discord.server import FakeDiscord

API_PREFIX = "/api/v10"
INTERACTION_TOKEN_LIFETIME = 15 * 60
NONCE_WINDOW = 5 * 60
COMPONENTS_V2 = 1 << 15


@dataclass
class RecordedRequest:
    """One HTTP request the bot made."""

    method: str
    route: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[SentFile]
    status: int = 0
    at: float = field(default_factory=time.perf_counter)


@dataclass
class ScriptedFailure:
    """The next ``times`` calls to a route answer with an error."""

    method: str
    route: str
    status: int
    times: int
    retry_after: float = 0.05
    cloudflare: bool = False


@dataclass
class StoredMessage:
    """A message in a channel, with the nonce it was created with."""

    payload: dict[str, Any]
    nonce: str | None
    created: float


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """A JSON response with Content-Type exactly ``application/json``, as Discord sends."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


BODY = web.RequestKey("chorus_body", object)
FILES = web.RequestKey("chorus_files", list)


def error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    """A JSON error body as Discord sends it."""
    return json_response({"message": message, "code": code, **extra}, status=status)


def _bucket(route_key: str) -> str:
    return hashlib.sha1(route_key.encode()).hexdigest()[:16]


class RestApi:
    """Route handlers bound to one :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.requests: list[RecordedRequest] = []
        self.failures: list[ScriptedFailure] = []
        self.unhandled: list[tuple[str, str]] = []
        self.messages: dict[str, dict[str, StoredMessage]] = {}
        # Seconds Discord remembers an enforced nonce; tests shrink it to model a late retry.
        self.nonce_window: float = NONCE_WINDOW

    # -- wiring ----------------------------------------------------------------------

    def routes(self) -> list[web.RouteDef]:
        """Every route, under ``/api/v10``."""
        p = API_PREFIX
        return [
            web.get(p + "/users/@me", self.get_me),
            web.get(p + "/oauth2/applications/@me", self.get_application),
            web.get(p + "/gateway", self.get_gateway),
            web.get(p + "/gateway/bot", self.get_gateway_bot),
            web.put(p + "/applications/{application_id}/commands", self.put_commands),
            web.get(p + "/applications/{application_id}/commands", self.get_commands),
            web.put(
                p + "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands
            ),
            web.get(
                p + "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands
            ),
            web.post(p + "/interactions/{interaction_id}/{token}/callback", self.callback),
            web.post(p + "/webhooks/{application_id}/{token}", self.followup),
            web.get(p + "/webhooks/{application_id}/{token}/messages/{message_id}", self.get_wh),
            web.patch(p + "/webhooks/{application_id}/{token}/messages/{message_id}", self.edit_wh),
            web.delete(
                p + "/webhooks/{application_id}/{token}/messages/{message_id}", self.delete_wh
            ),
            web.get(p + "/channels/{channel_id}", self.get_channel),
            web.post(p + "/channels/{channel_id}/messages", self.create_message),
            web.get(p + "/channels/{channel_id}/messages", self.list_messages),
            web.get(p + "/channels/{channel_id}/messages/{message_id}", self.get_message),
            web.delete(p + "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            web.post(p + "/users/@me/channels", self.create_dm),
            web.get(p + "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Record the request, apply scripted failures, check auth, add rate-limit headers."""
        if not request.path.startswith(API_PREFIX):
            result: web.StreamResponse = await handler(request)
            return result
        route_info = request.match_info.route.resource
        route = route_info.canonical.removeprefix(API_PREFIX) if route_info is not None else "?"
        body, files = await self._read_body(request)
        record = RecordedRequest(
            request.method, route, request.path, dict(request.query), body, files
        )
        self.requests.append(record)
        route_key = f"{request.method} {route}"
        response = self._scripted(request.method, route)
        if response is None and not self._authorized(request, route):
            response = error(401, 0, "401: Unauthorized")
        if response is None:
            try:
                request[BODY] = body
                request[FILES] = files
                response = await handler(request)
            except web.HTTPNotFound:
                self.unhandled.append((request.method, request.path))
                response = error(404, 0, "404: Not Found")
            except web.HTTPMethodNotAllowed:
                self.unhandled.append((request.method, request.path))
                response = error(405, 0, "405: Method Not Allowed")
        record.status = response.status
        if response.status != 429:
            response.headers.update(
                {
                    "X-RateLimit-Limit": "50",
                    "X-RateLimit-Remaining": "49",
                    "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
                    "X-RateLimit-Reset-After": "1.000",
                    "X-RateLimit-Bucket": _bucket(route_key),
                }
            )
        await self.fake.notify()
        return response

    async def _read_body(self, request: web.Request) -> tuple[Any, list[SentFile]]:
        if request.content_type == "application/json":
            return await request.json(), []
        if request.content_type == "multipart/form-data":
            form = await request.post()
            body: Any = None
            files: list[SentFile] = []
            for name, value in form.items():
                if name == "payload_json":
                    body = json.loads(str(value))
                elif hasattr(value, "file"):
                    files.append(SentFile(value.filename, value.file.read(), value.content_type))
            return body, files
        return None, []

    def _authorized(self, request: web.Request, route: str) -> bool:
        # Interaction callbacks and webhook calls authenticate by their token.
        if route.startswith(("/interactions/", "/webhooks/")):
            return True
        return request.headers.get("Authorization") == f"Bot {self.fake.token}"

    def _scripted(self, method: str, route: str) -> web.Response | None:
        for failure in self.failures:
            if failure.method == method and failure.route == route and failure.times > 0:
                failure.times -= 1
                return self._failure_response(failure)
        return None

    def _failure_response(self, failure: ScriptedFailure) -> web.Response:
        status = failure.status
        if status == 429:
            if failure.cloudflare:
                return web.Response(
                    status=429, text="<html>error code: 1015</html>", content_type="text/html"
                )
            reset_after = f"{failure.retry_after:.3f}"
            return json_response(
                {
                    "message": "You are being rate limited.",
                    "retry_after": failure.retry_after,
                    "global": False,
                },
                status=429,
                headers={
                    "Via": "1.1 google",
                    "Retry-After": str(max(1, round(failure.retry_after))),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": f"{time.time() + failure.retry_after:.3f}",
                    "X-RateLimit-Reset-After": reset_after,
                    "X-RateLimit-Bucket": _bucket(f"{failure.method} {failure.route}"),
                    "X-RateLimit-Scope": "user",
                },
            )
        if status == 403:
            return error(403, 50013, "Missing Permissions")
        if status == 404:
            return error(404, 10003, "Unknown Channel")
        if status >= 500:
            return error(status, 0, f"{status}: Server Error")
        return error(status, 0, f"{status}: Error")

    # -- identity --------------------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        """``GET /users/@me``."""
        return json_response(self.fake.bot.private_payload())

    async def get_application(self, request: web.Request) -> web.Response:
        """``GET /oauth2/applications/@me``."""
        return json_response(self.fake.application_payload())

    async def get_gateway(self, request: web.Request) -> web.Response:
        """``GET /gateway``."""
        return json_response({"url": self.fake.gateway_url.rstrip("/")})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        """``GET /gateway/bot``."""
        return json_response(
            {
                "url": self.fake.gateway_url.rstrip("/"),
                "shards": self.fake.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14400000,
                    "max_concurrency": 1,
                },
            }
        )

    # -- application commands -------------------------------------------------------

    async def put_commands(self, request: web.Request) -> web.Response:
        """Bulk-overwrite global or guild commands."""
        if request.match_info["application_id"] != self.fake.application_id:
            return error(403, 50001, "Missing Access")
        guild_id = request.match_info.get("guild_id")
        if guild_id is not None and guild_id not in self.fake.guilds:
            return error(403, 50001, "Missing Access")
        body = request[BODY]
        if not isinstance(body, list):
            return error(400, 50035, "Invalid Form Body")
        problems = validate_commands(body)
        if problems:
            return error(400, 50035, "Invalid Form Body", errors=problems)
        stored = []
        for command in body:
            full = {
                "id": snowflake(),
                "application_id": self.fake.application_id,
                "version": snowflake(),
                "type": command.get("type", 1),
                "name": command["name"],
                "description": command.get("description", ""),
                "options": command.get("options", []),
                # Discord accepts a number here but always answers with a string.
                "default_member_permissions": (
                    None
                    if command.get("default_member_permissions") is None
                    else str(command["default_member_permissions"])
                ),
                "dm_permission": command.get("dm_permission", True),
                "contexts": command.get("contexts"),
                "integration_types": command.get("integration_types", [0]),
                "nsfw": command.get("nsfw", False),
                "name_localizations": command.get("name_localizations"),
                "description_localizations": command.get("description_localizations"),
            }
            if guild_id is not None:
                full["guild_id"] = guild_id
            stored.append(full)
        self.fake.commands[guild_id] = stored
        return json_response(stored)

    async def get_commands(self, request: web.Request) -> web.Response:
        """List global or guild commands."""
        return json_response(self.fake.commands.get(request.match_info.get("guild_id"), []))

    # -- interactions ---------------------------------------------------------------

    def _interaction(self, interaction_id: str, token: str) -> InteractionRecord | None:
        record = self.fake.interactions.get(interaction_id)
        if record is None or record.token != token:
            return None
        return record

    async def callback(self, request: web.Request) -> web.Response:
        """``POST /interactions/{id}/{token}/callback`` (the initial response)."""
        record = self._interaction(
            request.match_info["interaction_id"], request.match_info["token"]
        )
        if record is None:
            return error(404, 10062, "Unknown interaction")
        now = time.perf_counter()
        body = request[BODY] or {}
        if now - record.dispatched_at > self.fake.callback_deadline:
            return await self._reject(record, body, error(404, 10062, "Unknown interaction"))
        if record.callback is not None:
            return await self._reject(
                record, body, error(400, 40060, "Interaction has already been acknowledged.")
            )
        rtype = body.get("type")
        allowed = {
            APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
            AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
            MESSAGE_COMPONENT: {
                CHANNEL_MESSAGE,
                DEFERRED_CHANNEL_MESSAGE,
                DEFERRED_UPDATE_MESSAGE,
                UPDATE_MESSAGE,
                MODAL,
            },
            # A modal cannot be answered with another modal.
            MODAL_SUBMIT: {
                CHANNEL_MESSAGE,
                DEFERRED_CHANNEL_MESSAGE,
                DEFERRED_UPDATE_MESSAGE,
                UPDATE_MESSAGE,
            },
        }[record.type]
        if rtype not in allowed and rtype != PONG:
            return await self._reject(
                record,
                body,
                error(400, 50035, "Invalid Form Body", errors={"type": "not allowed here"}),
            )
        data = body.get("data") or {}
        if rtype == MODAL:
            problem = validate_modal(data)
            if problem:
                return await self._reject(
                    record, body, error(400, 50035, "Invalid Form Body", errors={"data": problem})
                )
        if rtype in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            problem = validate_message(data)
            if problem:
                return await self._reject(
                    record, body, error(400, 50035, "Invalid Form Body", errors={"data": problem})
                )
        record.callback = {"type": rtype, "data": data}
        record.responded_at = now
        record.files.extend(request[FILES])
        resource: dict[str, Any] = {"type": rtype}
        interaction: dict[str, Any] = {"id": record.id, "type": record.type}
        if rtype in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            flags = int(data.get("flags") or 0)
            if rtype == DEFERRED_CHANNEL_MESSAGE:
                flags |= LOADING
            message = self._interaction_message(record, {**data, "flags": flags}, request[FILES])
            record.original = message
            resource["message"] = message
            interaction.update(
                {
                    "response_message_id": message["id"],
                    "response_message_loading": rtype == DEFERRED_CHANNEL_MESSAGE,
                    "response_message_ephemeral": bool(flags & EPHEMERAL),
                }
            )
        elif rtype == UPDATE_MESSAGE and record.payload.get("message"):
            updated = {**record.payload["message"], **data}
            updated["flags"] = record.payload["message"]["flags"]
            updated["edited_timestamp"] = updated["timestamp"]
            if request[FILES]:
                updated["attachments"] = [
                    attachment_payload(f.filename, len(f.data), f.content_type)
                    for f in request[FILES]
                ]
            self.fake.update_message(updated)
            self.fake.interaction_messages[updated["id"]] = (record, updated)
            record.original = updated
            resource["message"] = updated
        await record.notify()
        return json_response({"interaction": interaction, "resource": resource})

    async def _reject(
        self, record: InteractionRecord, body: dict[str, Any], response: web.Response
    ) -> web.Response:
        record.errors.append((response.status, body))
        await record.notify()
        return response

    def _interaction_message(
        self, record: InteractionRecord, body: dict[str, Any], files: list[SentFile]
    ) -> dict[str, Any]:
        attachments = [attachment_payload(f.filename, len(f.data), f.content_type) for f in files]
        metadata = {
            "id": record.id,
            "type": record.type,
            "user": record.user.payload(),
            "authorizing_integration_owners": {"0": record.guild.id if record.guild else "0"},
        }
        message = message_payload(
            message_id=snowflake(),
            channel_id=record.channel.id,
            author=self.fake.bot,
            body=body,
            attachments=attachments,
            guild_id=record.guild.id if record.guild else None,
            application_id=self.fake.application_id,
            webhook_id=self.fake.application_id,
            interaction_metadata=metadata,
        )
        self.fake.interaction_messages[message["id"]] = (record, message)
        return message

    def _webhook_record(self, request: web.Request) -> InteractionRecord | web.Response:
        if request.match_info["application_id"] != self.fake.application_id:
            return error(404, 10015, "Unknown Webhook")
        token = request.match_info["token"]
        record = self.fake.interaction_by_token.get(token)
        if record is None:
            return error(404, 10015, "Unknown Webhook")
        if time.perf_counter() - record.dispatched_at > INTERACTION_TOKEN_LIFETIME:
            return error(401, 50027, "Invalid Webhook Token")
        if record.callback is None:
            # Followups and edits need an initial response first.
            return error(404, 10015, "Unknown Webhook")
        return record

    async def followup(self, request: web.Request) -> web.Response:
        """``POST /webhooks/{app}/{token}``: a followup message."""
        record = self._webhook_record(request)
        if isinstance(record, web.Response):
            return record
        body = request[BODY] or {}
        problem = validate_message(body)
        if problem:
            return error(400, 50035, "Invalid Form Body", errors={"data": problem})
        # The first followup after a deferral edits the loading message.
        original = record.original
        if original is not None and original["flags"] & LOADING:
            flags = (original["flags"] & EPHEMERAL) | int(body.get("flags") or 0)
            message = self._interaction_message(
                record, {**body, "flags": flags & ~LOADING}, request[FILES]
            )
            self.fake.interaction_messages.pop(message["id"], None)
            message["id"] = original["id"]
            self.fake.interaction_messages[message["id"]] = (record, message)
            record.original = message
        else:
            message = self._interaction_message(record, body, request[FILES])
            record.followups.append(message)
        record.files.extend(request[FILES])
        await record.notify()
        return json_response(message)

    def _find_wh_message(self, record: InteractionRecord, message_id: str) -> dict[str, Any] | None:
        if message_id == "@original":
            return record.original
        if record.original is not None and record.original["id"] == message_id:
            return record.original
        return next((m for m in record.followups if m["id"] == message_id), None)

    async def get_wh(self, request: web.Request) -> web.Response:
        """``GET /webhooks/{app}/{token}/messages/{id}``."""
        record = self._webhook_record(request)
        if isinstance(record, web.Response):
            return record
        message = self._find_wh_message(record, request.match_info["message_id"])
        if message is None:
            return error(404, 10008, "Unknown Message")
        return json_response(message)

    async def edit_wh(self, request: web.Request) -> web.Response:
        """``PATCH /webhooks/{app}/{token}/messages/{id}``: edit a response."""
        record = self._webhook_record(request)
        if isinstance(record, web.Response):
            return record
        message_id = request.match_info["message_id"]
        message = self._find_wh_message(record, message_id)
        if message is None and message_id == "@original" and record.payload.get("message"):
            # After DEFERRED_UPDATE_MESSAGE the original is the message the button was on.
            message = record.payload["message"]
        if message is None:
            return error(404, 10008, "Unknown Message")
        body = request[BODY] or {}
        problem = validate_message(body, partial=True)
        if problem:
            return error(400, 50035, "Invalid Form Body", errors={"data": problem})
        updated = dict(message)
        for key in ("content", "components", "embeds", "allowed_mentions"):
            if key in body:
                updated[key] = body[key] if body[key] is not None else updated.get(key)
        if request[FILES]:
            updated["attachments"] = [
                attachment_payload(f.filename, len(f.data), f.content_type) for f in request[FILES]
            ]
            record.files.extend(request[FILES])
        updated["flags"] = int(message["flags"]) & ~LOADING
        updated["edited_timestamp"] = updated["timestamp"]
        if record.original is not None and record.original["id"] == updated["id"]:
            record.original = updated
        else:
            record.followups = [
                updated if m["id"] == updated["id"] else m for m in record.followups
            ]
            if record.payload.get("message", {}).get("id") == updated["id"]:
                self.fake.update_message(updated)
        self.fake.interaction_messages[updated["id"]] = (record, updated)
        await record.notify()
        return json_response(updated)

    async def delete_wh(self, request: web.Request) -> web.Response:
        """``DELETE /webhooks/{app}/{token}/messages/{id}``."""
        record = self._webhook_record(request)
        if isinstance(record, web.Response):
            return record
        message = self._find_wh_message(record, request.match_info["message_id"])
        if message is None:
            return error(404, 10008, "Unknown Message")
        if record.original is message:
            record.original = None
        else:
            record.followups = [m for m in record.followups if m is not message]
        await record.notify()
        return web.Response(status=204)

    # -- channels and messages ------------------------------------------------------

    def _channel(self, channel_id: str) -> FakeChannel | None:
        return self.fake.channels.get(channel_id)

    def _bot_permissions(self, channel: FakeChannel) -> int:
        if channel.is_dm:
            return VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES | READ_MESSAGE_HISTORY
        if channel.bot_permissions is not None:
            return channel.bot_permissions
        guild = self.fake.guilds[channel.guild_id or ""]
        return guild.permissions_of(self.fake.bot.id)

    def _access(self, channel_id: str, needed: int) -> FakeChannel | web.Response:
        channel = self._channel(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        perms = self._bot_permissions(channel)
        if not perms & VIEW_CHANNEL:
            return error(403, 50001, "Missing Access")
        if perms & needed != needed:
            return error(403, 50013, "Missing Permissions")
        return channel

    async def get_channel(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}``."""
        channel = self._access(request.match_info["channel_id"], 0)
        if isinstance(channel, web.Response):
            return channel
        return json_response(channel.payload())

    async def create_message(self, request: web.Request) -> web.Response:
        """``POST /channels/{id}/messages``, honouring ``enforce_nonce``."""
        files: list[SentFile] = request[FILES]
        needed = SEND_MESSAGES | (ATTACH_FILES if files else 0)
        channel = self._access(request.match_info["channel_id"], needed)
        if isinstance(channel, web.Response):
            return channel
        body = request[BODY] or {}
        problem = validate_message(body)
        if problem is None:
            problem = _unknown_attachments(body, files)
        if problem:
            return error(400, 50035, "Invalid Form Body", errors={"data": problem})
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            return error(400, 50035, "Invalid Form Body", errors={"nonce": "too long"})
        stored = self.messages.setdefault(channel.id, {})
        if nonce is not None and body.get("enforce_nonce"):
            cutoff = time.perf_counter() - self.nonce_window
            for existing in stored.values():
                if existing.nonce == str(nonce) and existing.created >= cutoff:
                    return json_response(existing.payload)
        attachments = [attachment_payload(f.filename, len(f.data), f.content_type) for f in files]
        message = message_payload(
            message_id=snowflake(),
            channel_id=channel.id,
            author=self.fake.bot,
            body=body,
            attachments=attachments,
        )
        stored[message["id"]] = StoredMessage(
            message, str(nonce) if nonce is not None else None, time.perf_counter()
        )
        self.fake.sent_files.setdefault(message["id"], files)
        channel.last_message_id = message["id"]
        await self.fake.dispatch_own_message(channel, message)
        return json_response(message)

    async def list_messages(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}/messages``: newest first, with before/after/limit."""
        channel = self._access(request.match_info["channel_id"], READ_MESSAGE_HISTORY)
        if isinstance(channel, web.Response):
            return channel
        limit = max(1, min(100, int(request.query.get("limit", 50))))
        items = sorted(
            self.messages.get(channel.id, {}).values(), key=lambda m: int(m.payload["id"])
        )
        if "before" in request.query:
            before = int(request.query["before"])
            items = [m for m in items if int(m.payload["id"]) < before]
            items = items[-limit:]
        elif "after" in request.query:
            after = int(request.query["after"])
            items = [m for m in items if int(m.payload["id"]) > after][:limit]
        else:
            items = items[-limit:]
        return json_response([_as_read(m.payload) for m in reversed(items)])

    async def get_message(self, request: web.Request) -> web.Response:
        """``GET /channels/{id}/messages/{id}``."""
        channel = self._access(request.match_info["channel_id"], READ_MESSAGE_HISTORY)
        if isinstance(channel, web.Response):
            return channel
        stored = self.messages.get(channel.id, {}).get(request.match_info["message_id"])
        if stored is None:
            return error(404, 10008, "Unknown Message")
        return json_response(_as_read(stored.payload))

    async def delete_message(self, request: web.Request) -> web.Response:
        """``DELETE /channels/{id}/messages/{id}``: own messages need no extra permission."""
        channel = self._access(request.match_info["channel_id"], 0)
        if isinstance(channel, web.Response):
            return channel
        stored = self.messages.get(channel.id, {})
        message = stored.get(request.match_info["message_id"])
        if message is None:
            return error(404, 10008, "Unknown Message")
        own = message.payload["author"]["id"] == self.fake.bot.id
        if not own and not self._bot_permissions(channel) & MANAGE_MESSAGES:
            return error(403, 50013, "Missing Permissions")
        del stored[message.payload["id"]]
        self.fake.deleted_messages.append(message.payload)
        return web.Response(status=204)

    async def get_member(self, request: web.Request) -> web.Response:
        """``GET /guilds/{id}/members/{id}``."""
        guild = self.fake.guilds.get(request.match_info["guild_id"])
        if guild is None:
            return error(404, 10004, "Unknown Guild")
        member = guild.members.get(request.match_info["user_id"])
        if member is None:
            return error(404, 10007, "Unknown Member")
        return json_response(member.payload())

    async def create_dm(self, request: web.Request) -> web.Response:
        """``POST /users/@me/channels``: open (or reuse) a DM channel."""
        body = request[BODY] or {}
        user = self.fake.users.get(str(body.get("recipient_id")))
        if user is None:
            return error(400, 50033, "Invalid Recipient(s)")
        return json_response(self.fake.dm_channel(user).payload())


def _as_read(message: dict[str, Any]) -> dict[str, Any]:
    """A stored message as reads return it: Discord does not keep nonces."""
    return {k: v for k, v in message.items() if k != "nonce"}


def _unknown_attachments(body: dict[str, Any], files: list[SentFile]) -> str | None:
    """A component showing ``attachment://name`` needs that file in the same request."""
    missing = attachment_references(body.get("components") or []) - {f.filename for f in files}
    return f"unknown attachment {sorted(missing)[0]!r}" if missing else None


def validate_message(body: dict[str, Any], *, partial: bool = False) -> str | None:
    """Discord's limits on a message body, or None when it is acceptable."""
    content = body.get("content") or ""
    if len(content) > 2000:
        return "content must be 2000 or fewer in length"
    if int(body.get("flags") or 0) & COMPONENTS_V2 and content:
        return "content cannot be used with the IS_COMPONENTS_V2 flag"
    rows = body.get("components") or []
    if len(rows) > 5 and not int(body.get("flags") or 0) & (1 << 15):
        return "at most 5 action rows"
    for row in rows:
        for comp in row.get("components") or []:
            custom_id = comp.get("custom_id")
            if custom_id is not None and len(custom_id) > 100:
                return "custom_id must be 100 or fewer in length"
            if comp.get("type") == 2 and len(comp.get("label") or "") > 80:
                return "button label must be 80 or fewer in length"
        if len(row.get("components") or []) > 5:
            return "at most 5 components per row"
    has_other = any(body.get(k) for k in ("embeds", "attachments", "sticker_ids", "poll"))
    if not partial and not content and not rows and not has_other:
        return "Cannot send an empty message"
    return None


def validate_modal(data: dict[str, Any]) -> str | None:
    """Discord's limits on a modal, or None when it is acceptable."""
    title = data.get("title") or ""
    if not 0 < len(title) <= 45:
        return "title must be 1-45 characters"
    if not data.get("custom_id") or len(data["custom_id"]) > 100:
        return "custom_id must be 1-100 characters"
    components = data.get("components") or []
    if not 0 < len(components) <= 5:
        return "a modal has 1-5 components"
    for top in components:
        if top.get("type") == 18:
            if not 0 < len(top.get("label") or "") <= 45:
                return "label must be 1-45 characters"
            inner = top.get("component") or {}
        elif top.get("type") == 1:
            inner = (top.get("components") or [{}])[0]
            if inner.get("type") == 4 and not 0 < len(inner.get("label") or "") <= 45:
                return "text input label must be 1-45 characters"
        elif top.get("type") == 10:
            continue
        else:
            return f"component type {top.get('type')} not allowed in a modal"
        if inner.get("type") == 4:
            if inner.get("max_length", 4000) > 4000:
                return "max_length at most 4000"
            if len(inner.get("value") or "") > inner.get("max_length", 4000):
                return "value longer than max_length"
            if len(inner.get("placeholder") or "") > 100:
                return "placeholder must be 100 or fewer in length"
        elif inner.get("type") in (3, 21):
            options = inner.get("options") or []
            if not 0 < len(options) <= 25:
                return "1-25 options"
            if inner.get("type") == 21 and len(options) < 2:
                return "a radio group needs at least 2 options"
        else:
            return f"component type {inner.get('type')} not supported by the fake in a modal"
    return None


def validate_commands(commands: list[dict[str, Any]]) -> dict[str, str]:
    """Discord's rules on a bulk command overwrite, as field -> problem."""
    problems: dict[str, str] = {}
    names = set()
    for i, command in enumerate(commands):
        name = command.get("name", "")
        if name in names:
            problems[f"{i}.name"] = "duplicate name"
        names.add(name)
        if not 0 < len(command.get("description") or "") <= 100:
            problems[f"{i}.description"] = "1-100 characters"
        options = command.get("options") or []
        if len(options) > 25:
            problems[f"{i}.options"] = "at most 25"
        seen_optional = False
        for j, option in enumerate(options):
            if option.get("type") in (1, 2):
                continue
            if option.get("required"):
                if seen_optional:
                    problems[f"{i}.options.{j}"] = "required options must come first"
            else:
                seen_optional = True
            if option.get("choices") and option.get("autocomplete"):
                problems[f"{i}.options.{j}"] = "choices and autocomplete are exclusive"
    return problems
