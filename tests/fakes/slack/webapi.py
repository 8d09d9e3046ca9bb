"""The Web API methods Chorus calls, answering as Slack does (``ok``, ``error``, status codes)."""

from __future__ import annotations

import base64
import json
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.fakes.slack.views import validate_view
from tests.fakes.slack.workspace import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    Channel,
    Ephemeral,
    Message,
    User,
    View,
    Workspace,
    new_id,
)

if TYPE_CHECKING:
    from tests.fakes.slack.server import FakeSlack


@dataclass
class Call:
    """One Web API request as the fake saw it."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int = 200
    error: str | None = None
    team_id: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        """Whether Slack answered ``ok: true``."""
        return self.status == 200 and self.error is None


@dataclass
class Failure:
    """A scripted failure for the next ``times`` calls of a method."""

    method: str
    status: int = 200
    error: str | None = None
    retry_after: int = 1
    times: int = 1
    after: bool = False
    """Fail only after the method took effect (Slack posted, then answered 500)."""


class ApiError(Exception):
    """Answer with ``ok: false`` and this error code."""

    def __init__(self, error: str, status: int = 200) -> None:
        super().__init__(error)
        self.error = error
        self.status = status


Handler = Callable[["Request"], Awaitable[dict[str, Any]]]

# Methods an app calls with its client id and secret instead of a token.
CLIENT_AUTHENTICATED = {"oauth.v2.access"}


@dataclass
class Request:
    """One decoded Web API request."""

    method: str
    args: dict[str, Any]
    token: str | None
    teams: set[str]
    call: Call


class WebApi:
    """Routes ``/api/{method}`` to the fake's handlers."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.handlers: dict[str, Handler] = {
            "auth.test": self.auth_test,
            "apps.connections.open": self.apps_connections_open,
            "chat.postMessage": self.chat_post_message,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.delete": self.chat_delete,
            "conversations.history": self.conversations_history,
            "conversations.info": self.conversations_info,
            "conversations.open": self.conversations_open,
            "users.info": self.users_info,
            "usergroups.users.list": self.usergroups_users_list,
            "views.open": self.views_open,
            "views.update": self.views_update,
            "files.getUploadURLExternal": self.files_get_upload_url,
            "files.completeUploadExternal": self.files_complete_upload,
            "oauth.v2.access": self.oauth_v2_access,
        }

    async def handle(self, request: web.Request) -> web.Response:
        """Decode, authenticate, apply scripted failures, then run the method."""
        method = request.match_info["method"]
        args = await _decode_args(request)
        args.update(_client_credentials(request))
        token = _token(request, args)
        call = Call(method, _redact_token(args), token)
        self.fake.calls.append(call)
        failure = self.fake.take_failure(method)
        if failure is not None and failure.after:
            await self._run(method, args, token, call)
        if failure is not None:
            call.status, call.error = failure.status, failure.error or _status_error(failure)
            headers = {"Retry-After": str(failure.retry_after)} if failure.status == 429 else {}
            if failure.status != 200:
                return web.json_response(
                    {"ok": False, "error": call.error}, status=failure.status, headers=headers
                )
            return web.json_response({"ok": False, "error": call.error})
        return await self._run(method, args, token, call)

    async def _run(
        self, method: str, args: dict[str, Any], token: str | None, call: Call
    ) -> web.Response:
        handler = self.handlers.get(method)
        if handler is None:
            call.error = "unknown_method"
            return web.json_response({"ok": False, "error": "unknown_method"}, status=404)
        try:
            teams = self._teams_for(method, token)
            body = await handler(Request(method, args, token, teams, call))
        except ApiError as exc:
            call.status, call.error = exc.status, exc.error
            return web.json_response({"ok": False, "error": exc.error}, status=exc.status)
        self.fake.notify()
        return web.json_response({"ok": True, **body})

    def _teams_for(self, method: str, token: str | None) -> set[str]:
        if method in CLIENT_AUTHENTICATED:
            return set()
        if token is None:
            raise ApiError("not_authed")
        if method == "apps.connections.open":
            if token != self.fake.app_token:
                raise ApiError("invalid_auth")
            return set()
        teams = self.fake.tokens.get(token)
        if teams is None:
            raise ApiError("invalid_auth")
        return teams if teams else set(self.fake.workspaces)

    # --- lookups -----------------------------------------------------------------------

    def _channel(self, req: Request, key: str = "channel") -> Channel:
        channel_id = str(req.args.get(key, ""))
        for team_id in req.teams:
            channel = self.fake.workspaces[team_id].channels.get(channel_id)
            if channel is not None:
                req.call.team_id = team_id
                return channel
        raise ApiError("channel_not_found")

    def _user(self, req: Request, user_id: str) -> User:
        for team_id in req.teams:
            user = self.fake.workspaces[team_id].users.get(user_id)
            if user is not None:
                req.call.team_id = team_id
                return user
        raise ApiError("user_not_found")

    def _workspace(self, req: Request) -> Workspace:
        team_id = req.args.get("team_id") or sorted(req.teams)[0]
        if team_id not in req.teams:
            raise ApiError("team_access_not_granted")
        req.call.team_id = team_id
        return self.fake.workspaces[team_id]

    # --- methods -----------------------------------------------------------------------

    async def auth_test(self, req: Request) -> dict[str, Any]:
        """Who the token belongs to."""
        team_id = sorted(req.teams)[0]
        ws = self.fake.workspaces[team_id]
        return {
            "url": f"https://{ws.domain}.slack.com/",
            "team": ws.domain,
            "user": "chorus",
            "team_id": team_id,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    async def oauth_v2_access(self, req: Request) -> dict[str, Any]:
        """Exchange an installer's code for a bot token valid in their workspace only."""
        oauth = self.fake.oauth
        if req.args.get("client_id") != oauth.client_id:
            raise ApiError("invalid_client_id")
        if req.args.get("client_secret") != oauth.client_secret:
            raise ApiError("bad_client_secret")
        grant = oauth.redeem(str(req.args.get("code", "")))
        if grant is None:
            raise ApiError("invalid_code")
        # Slack requires the same redirect_uri as the authorize step, when one was given.
        if grant.redirect_uri is not None and req.args.get("redirect_uri") != grant.redirect_uri:
            raise ApiError("bad_redirect_uri")
        ws = self.fake.workspaces[grant.team_id]
        token = f"xoxb-{ws.domain}-{secrets.token_hex(12)}"
        self.fake.add_token(token, ws.team_id)
        req.call.team_id = ws.team_id
        return {
            "access_token": token,
            "token_type": "bot",
            "scope": ",".join(grant.scopes),
            "bot_user_id": BOT_USER_ID,
            "app_id": APP_ID,
            "team": {"id": ws.team_id, "name": ws.domain.title()},
            "enterprise": None,
            "is_enterprise_install": False,
            "authed_user": {"id": grant.user_id},
        }

    async def apps_connections_open(self, req: Request) -> dict[str, Any]:
        """A one-time WebSocket URL for Socket Mode."""
        return {"url": self.fake.socket.issue_url()}

    async def chat_post_message(self, req: Request) -> dict[str, Any]:
        """Post to a channel the bot is in."""
        channel = self._channel(req)
        if not channel.bot_member:
            raise ApiError("not_in_channel")
        text = str(req.args.get("text") or "")
        blocks = _json_arg(req.args.get("blocks")) or []
        if not text and not blocks:
            raise ApiError("no_text")
        metadata = _json_arg(req.args.get("metadata"))
        message = Message(
            ts=self.fake.clock.ts(),
            channel=channel.id,
            text=text,
            user=BOT_USER_ID,
            blocks=blocks,
            metadata=metadata,
            unfurl_links=_bool_arg(req.args.get("unfurl_links")),
            unfurl_media=_bool_arg(req.args.get("unfurl_media")),
        )
        channel.messages.append(message)
        return {"channel": channel.id, "ts": message.ts, "message": message.to_api(True)}

    async def chat_post_ephemeral(self, req: Request) -> dict[str, Any]:
        """Show a message to one person in a channel the bot is in."""
        channel = self._channel(req)
        if not channel.bot_member:
            raise ApiError("not_in_channel")
        user = self._user(req, str(req.args.get("user", "")))
        if user.team_id != channel.team_id:
            raise ApiError("user_not_in_channel")
        text = str(req.args.get("text") or "")
        blocks = _json_arg(req.args.get("blocks")) or []
        self.fake.ephemerals.append(Ephemeral(channel.id, user.id, text, blocks))
        return {"message_ts": self.fake.clock.ts()}

    async def chat_delete(self, req: Request) -> dict[str, Any]:
        """Delete one of the bot's messages."""
        channel = self._channel(req)
        ts = str(req.args.get("ts", ""))
        for message in channel.messages:
            if message.ts == ts:
                if message.user != BOT_USER_ID:
                    raise ApiError("cant_delete_message")
                channel.messages.remove(message)
                return {"channel": channel.id, "ts": ts}
        raise ApiError("message_not_found")

    async def conversations_history(self, req: Request) -> dict[str, Any]:
        """A page of a channel's messages, newest first."""
        channel = self._channel(req)
        if channel.is_private and not channel.bot_member:
            raise ApiError("not_in_channel")
        include = _bool_arg(req.args.get("include_all_metadata")) or False
        limit = min(int(req.args.get("limit") or 100), 999)
        start = int(req.args.get("cursor") or 0)
        newest_first = [m for m in reversed(channel.messages) if _in_range(m.ts, req.args)]
        page = newest_first[start : start + limit]
        more = start + limit < len(newest_first)
        return {
            "messages": [m.to_api(include) for m in page],
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    async def conversations_info(self, req: Request) -> dict[str, Any]:
        """What a channel is and whether the bot is in it."""
        return {"channel": self._channel(req).to_api()}

    async def conversations_open(self, req: Request) -> dict[str, Any]:
        """Open (or find) the direct message between the bot and one person."""
        user = self._user(req, str(req.args.get("users", "")))
        ws = self.fake.workspaces[user.team_id]
        dm_id = "D" + user.id[1:]
        if dm_id not in ws.channels:
            ws.channels[dm_id] = Channel(dm_id, ws.team_id, "directmessage", is_im=True)
        return {"channel": {"id": dm_id}}

    async def users_info(self, req: Request) -> dict[str, Any]:
        """A person's profile and whether they administer the workspace."""
        return {"user": self._user(req, str(req.args.get("user", ""))).to_api()}

    async def usergroups_users_list(self, req: Request) -> dict[str, Any]:
        """The members of a user group."""
        group_id = str(req.args.get("usergroup", ""))
        for team_id in req.teams:
            members = self.fake.workspaces[team_id].usergroups.get(group_id)
            if members is not None:
                req.call.team_id = team_id
                return {"users": list(members)}
        raise ApiError("no_such_subteam")

    async def views_open(self, req: Request) -> dict[str, Any]:
        """Open a modal for the person whose interaction issued ``trigger_id``."""
        view = _json_arg(req.args.get("view"))
        if not isinstance(view, dict):
            raise ApiError("invalid_arguments")
        trigger = self.fake.triggers.pop(str(req.args.get("trigger_id", "")), None)
        if trigger is None:
            raise ApiError("invalid_trigger_id")
        team_id, user_id, issued = trigger
        if time.monotonic() - issued > self.fake.trigger_lifetime:
            raise ApiError("expired_trigger_id")
        problems = validate_view(view)
        if problems:
            self.fake.view_problems.extend(problems)
            raise ApiError("invalid_arguments")
        req.call.team_id = team_id
        opened = View(new_id("V"), team_id, user_id, view, hash=f"{time.time():.6f}.open")
        self.fake.views[opened.id] = opened
        return {"view": opened.to_api()}

    async def views_update(self, req: Request) -> dict[str, Any]:
        """Replace the view shown in an open modal."""
        view = _json_arg(req.args.get("view"))
        if not isinstance(view, dict):
            raise ApiError("invalid_arguments")
        current = self.fake.views.get(str(req.args.get("view_id", "")))
        if current is None or current.closed:
            raise ApiError("not_found")
        if current.team_id not in req.teams:
            raise ApiError("not_found")
        expected = req.args.get("hash")
        if expected and expected != current.hash:
            raise ApiError("hash_conflict")
        problems = validate_view(view)
        if problems:
            self.fake.view_problems.extend(problems)
            raise ApiError("invalid_arguments")
        req.call.team_id = current.team_id
        current.replace(view)
        return {"view": current.to_api()}

    async def files_get_upload_url(self, req: Request) -> dict[str, Any]:
        """Reserve a file id and a URL to upload its bytes to."""
        file_id = new_id("F")
        self.fake.files[file_id] = {
            "id": file_id,
            "name": str(req.args.get("filename", "")),
            "length": int(req.args.get("length") or 0),
            "data": None,
        }
        return {"file_id": file_id, "upload_url": f"{self.fake.base_url}upload/{file_id}"}

    async def files_complete_upload(self, req: Request) -> dict[str, Any]:
        """Share uploaded files in a channel as one message."""
        files = _json_arg(req.args.get("files")) or []
        shared = []
        for item in files:
            stored = self.fake.files.get(item.get("id", ""))
            if stored is None or stored["data"] is None:
                raise ApiError("file_not_found")
            stored["title"] = item.get("title") or stored["name"]
            shared.append({"id": stored["id"], "name": stored["name"], "title": stored["title"]})
        if req.args.get("channel_id"):
            channel = self._channel(req, "channel_id")
            if not channel.bot_member:
                raise ApiError("not_in_channel")
            channel.messages.append(
                Message(
                    ts=self.fake.clock.ts(),
                    channel=channel.id,
                    text=str(req.args.get("initial_comment") or ""),
                    user=BOT_USER_ID,
                    files=shared,
                )
            )
        return {"files": shared}

    async def upload(self, request: web.Request) -> web.Response:
        """Receive a file's bytes at the URL files.getUploadURLExternal issued."""
        stored = self.fake.files.get(request.match_info["file_id"])
        if stored is None:
            return web.Response(status=404, text="not found")
        data = await request.read()
        if len(data) != stored["length"]:
            return web.Response(status=400, text="length mismatch")
        stored["data"] = data
        self.fake.notify()
        return web.Response(text=f"OK - {len(data)}")


async def _decode_args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    body = await request.read()
    if not body:
        return args
    content_type = request.content_type
    if content_type == "application/json":
        args.update(json.loads(body))
    elif content_type == "application/x-www-form-urlencoded":
        args.update(dict(parse_qsl(body.decode(), keep_blank_values=True)))
    elif content_type.startswith("multipart/"):
        form = await request.post()
        args.update({k: v for k, v in form.items() if isinstance(v, str)})
    return args


def _in_range(ts: str, args: dict[str, Any]) -> bool:
    inclusive = _bool_arg(args.get("inclusive")) or False
    value = float(ts)
    if args.get("oldest"):
        oldest = float(args["oldest"])
        if value < oldest or (value == oldest and not inclusive):
            return False
    if args.get("latest"):
        latest = float(args["latest"])
        if value > latest or (value == latest and not inclusive):
            return False
    return True


def _token(request: web.Request, args: dict[str, Any]) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ")
    token = args.get("token")
    return str(token) if token else None


def _client_credentials(request: web.Request) -> dict[str, str]:
    """Client id and secret sent as HTTP Basic auth, as slack-sdk sends them."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return {}
    client_id, _, client_secret = (
        base64.b64decode(header.removeprefix("Basic ")).decode().partition(":")
    )
    return {"client_id": client_id, "client_secret": client_secret}


def _redact_token(args: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in args.items() if k not in {"token", "client_secret"}}


def _json_arg(value: Any) -> Any:
    if isinstance(value, str):
        return json.loads(value) if value else None
    return value


def _bool_arg(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    return str(value).lower() in {"1", "true"}


def _status_error(failure: Failure) -> str:
    if failure.status == 429:
        return "ratelimited"
    if failure.status >= 500:
        return "internal_error"
    return "fatal_error"
