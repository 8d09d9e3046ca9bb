"""A fake Slack on loopback that the real slack-sdk and Bolt clients talk to.

It serves the Web API under ``/api/``, Socket Mode WebSockets under ``/link/``,
response URLs and file uploads, and plays the people in its workspaces: running
slash commands, submitting modals and pressing buttons, over Socket Mode or as
signed HTTP requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import time
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from aiohttp import web

from tests.fakes.slack.signing import HttpDelivery
from tests.fakes.slack.socket import Ack, NoAck, SocketModeServer
from tests.fakes.slack.views import find_button, state_values, validate_view
from tests.fakes.slack.webapi import Call, Failure, WebApi
from tests.fakes.slack.workspace import (
    APP_ID,
    BOT_USER_ID,
    Channel,
    Clock,
    Ephemeral,
    Message,
    OAuthApp,
    User,
    View,
    Workspace,
)

T = TypeVar("T")

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-1-fake-app-token"
SIGNING_SECRET = "fake-signing-secret-0123456789abcdef"
VERIFICATION_TOKEN = "fake-verification-token"


class FakeSlack:
    """Everything Chorus talks to on Slack, on 127.0.0.1 and a random port."""

    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        signing_secret: str = SIGNING_SECRET,
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self.signing_secret = signing_secret
        # A token maps to the teams it may act in; an empty set means every workspace,
        # as an org-wide installation's single bot token does.
        self.tokens: dict[str, set[str]] = {bot_token: set()}
        # The OAuth side of a distributed app: credentials, redirect URLs, issued codes.
        self.oauth = OAuthApp()
        self.workspaces: dict[str, Workspace] = {}
        self.calls: list[Call] = []
        self.acks: list[Ack] = []
        self.ephemerals: list[Ephemeral] = []
        self.views: dict[str, View] = {}
        self.view_problems: list[str] = []
        self.triggers: dict[str, tuple[str, str, float]] = {}
        self.trigger_lifetime = 3.0
        self.files: dict[str, dict[str, Any]] = {}
        self.response_urls: dict[str, tuple[str, str, str]] = {}
        self.failures: list[Failure] = []
        self.clock = Clock()
        self.socket = SocketModeServer(self)
        self.http: HttpDelivery | None = None
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self._api = WebApi(self)

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> FakeSlack:
        """Serve on a random loopback port."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api.handle)
        app.router.add_post("/upload/{file_id}", self._api.upload)
        app.router.add_get("/link/", self.socket.handle)
        app.router.add_post("/response/{rid}", self._response_url)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        """Close connections and stop serving."""
        await self.socket.close()
        if self.http is not None:
            await self.http.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeSlack:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The server's root URL, ending in a slash."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def api_url(self) -> str:
        """What to pass as ``base_url`` to slack-sdk clients."""
        return f"{self.base_url}api/"

    @property
    def ws_base_url(self) -> str:
        """The WebSocket root URL."""
        return f"ws://127.0.0.1:{self.port}/"

    def use_http(self, request_url: str) -> None:
        """Deliver interactions as signed HTTP requests to ``request_url`` from now on."""
        self.http = HttpDelivery(request_url, self.signing_secret)

    # --- workspaces --------------------------------------------------------------------

    def add_workspace(self, team_id: str, domain: str | None = None) -> Workspace:
        """Add a workspace the bot is installed in."""
        ws = Workspace(team_id, domain or team_id.lower())
        self.workspaces[team_id] = ws
        return ws

    def add_token(self, token: str, *team_ids: str) -> None:
        """Accept another bot token, valid in ``team_ids`` only."""
        self.tokens[token] = set(team_ids)

    async def event(self, team_id: str, event: dict[str, Any]) -> Ack:
        """Send an Events API event from one workspace, as Slack wraps it."""
        payload = {
            "token": VERIFICATION_TOKEN,
            "team_id": team_id,
            "api_app_id": APP_ID,
            "event": {"event_ts": f"{time.time():.6f}", **event},
            "type": "event_callback",
            "event_id": f"Ev{secrets.token_hex(5).upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        return await self.deliver("events_api", payload)

    async def uninstall(self, team_id: str) -> Ack:
        """A workspace removes the app: its own tokens stop working, then app_uninstalled."""
        for token, teams in list(self.tokens.items()):
            if teams == {team_id}:
                del self.tokens[token]
        return await self.event(team_id, {"type": "app_uninstalled"})

    def channel(self, channel_id: str) -> Channel:
        """A channel in any workspace."""
        for ws in self.workspaces.values():
            if channel_id in ws.channels:
                return ws.channels[channel_id]
        raise KeyError(channel_id)

    def messages(self, channel_id: str) -> list[Message]:
        """A channel's messages, oldest first."""
        return list(self.channel(channel_id).messages)

    def pings(self, channel_id: str) -> list[str]:
        """Mention or link markup in a channel's messages that Slack would act on."""
        found: list[str] = []
        for message in self.messages(channel_id):
            texts = [message.text] + [t for b in message.blocks for t in _mrkdwn_texts(b)]
            for text in texts:
                found += re.findall(r"<[!@#][^>]*>|<https?:[^>]*>", text)
        return found

    def ephemerals_for(self, user: User) -> list[Ephemeral]:
        """Every private message one person was shown."""
        return [e for e in self.ephemerals if e.user == user.id]

    # --- scripting and observing -------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int = 1,
        times: int = 1,
        after: bool = False,
    ) -> None:
        """Fail the next ``times`` calls of ``method`` (429 with Retry-After, 5xx or an error).

        With ``after`` the call takes effect first and then fails, as a server that
        posted a message but crashed before answering would.
        """
        self.failures.append(Failure(method, status, error, retry_after, times, after))

    def take_failure(self, method: str) -> Failure | None:
        """Consume one scripted failure for ``method``, if any is left."""
        for failure in self.failures:
            if failure.method == method and failure.times > 0:
                failure.times -= 1
                return failure
        return None

    def calls_to(self, method: str) -> list[Call]:
        """Every call of one Web API method, in order."""
        return [c for c in self.calls if c.method == method]

    def notify(self) -> None:
        """Wake anyone waiting for the fake's state to change."""
        self._changed.set()

    async def wait_for(
        self, predicate: Callable[[], T], *, within: float = 10.0, what: str = "condition"
    ) -> T:
        """Wait until ``predicate()`` is truthy and return its value."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {what}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))

    @property
    def late_acks(self) -> list[Ack]:
        """Deliveries acknowledged late or never."""
        return [a for a in self.acks if a.late]

    # --- people acting -----------------------------------------------------------------

    async def deliver(self, kind: str, payload: dict[str, Any], *, strict: bool = True) -> Ack:
        """Deliver an interaction over Socket Mode or signed HTTP; check the 3 s ack."""
        if self.http is not None:
            ack = await self.http.deliver(kind, payload)
            self.acks.append(ack)
        else:
            ack = await self.socket.deliver(kind, payload)
        self.notify()
        if strict and ack.late:
            raise NoAck(f"{kind} not acknowledged within 3 s (latency {ack.latency})")
        return ack

    def _trigger(self, user: User) -> str:
        trigger_id = f"{int(time.time())}.{secrets.token_hex(6)}"
        self.triggers[trigger_id] = (user.team_id, user.id, time.monotonic())
        return trigger_id

    def _user_obj(self, user: User) -> dict[str, Any]:
        return {"id": user.id, "username": user.name, "name": user.name, "team_id": user.team_id}

    def _team_obj(self, user: User) -> dict[str, Any]:
        return {"id": user.team_id, "domain": self.workspaces[user.team_id].domain}

    async def slash(
        self,
        user: User,
        command: str,
        text: str = "",
        channel: Channel | None = None,
        *,
        strict: bool = True,
    ) -> Ack:
        """``user`` types ``command text`` in ``channel`` (or a DM with the app)."""
        channel_id = channel.id if channel else "D" + user.id[1:]
        rid = secrets.token_hex(8)
        self.response_urls[rid] = (user.team_id, channel_id, user.id)
        payload = {
            "token": VERIFICATION_TOKEN,
            "team_id": user.team_id,
            "team_domain": self.workspaces[user.team_id].domain,
            "channel_id": channel_id,
            "channel_name": channel.name if channel else "directmessage",
            "user_id": user.id,
            "user_name": user.name,
            "command": command if command.startswith("/") else f"/{command}",
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": f"{self.base_url}response/{rid}",
            "trigger_id": self._trigger(user),
        }
        return await self.deliver("slash_commands", payload, strict=strict)

    def open_view(self, user: User, *, besides: Collection[str] = ()) -> View:
        """The modal currently open for ``user`` (the most recent one not in ``besides``)."""
        for view in reversed(list(self.views.values())):
            if view.user_id == user.id and not view.closed and view.id not in besides:
                return view
        raise LookupError("no open modal for that person")

    def view_ids(self, user: User) -> set[str]:
        """The ids of every modal ever opened for ``user``, to wait for a new one."""
        return {v.id for v in self.views.values() if v.user_id == user.id}

    async def wait_view(
        self, user: User, *, within: float = 10.0, besides: Collection[str] = ()
    ) -> View:
        """Wait until a modal (other than those in ``besides``) is open for ``user``."""

        def find() -> View | None:
            try:
                return self.open_view(user, besides=besides)
            except LookupError:
                return None

        return await self.wait_for(find, within=within, what="a modal to open")

    def _view_payload(self, view: View, answers: dict[str, str]) -> dict[str, Any]:
        data = view.to_api()
        data["state"] = {"values": state_values(view.view, answers)}
        return data

    async def submit(
        self, view: View, answers: dict[str, str] | None = None, *, strict: bool = True
    ) -> Ack:
        """The modal's owner presses its submit button with ``answers`` typed in."""
        user = self.workspaces[view.team_id].users[view.user_id]
        payload = {
            "type": "view_submission",
            "team": self._team_obj(user),
            "user": self._user_obj(user),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "trigger_id": self._trigger(user),
            "view": self._view_payload(view, answers or {}),
            "response_urls": [],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        ack = await self.deliver("interactive", payload, strict=strict)
        self._apply_view_response(view, ack)
        return ack

    def _apply_view_response(self, view: View, ack: Ack) -> None:
        action = (ack.payload or {}).get("response_action")
        if action == "errors":
            view.errors = dict((ack.payload or {}).get("errors", {}))
        elif action in {"update", "push"}:
            new_view = (ack.payload or {}).get("view") or {}
            problems = validate_view(new_view)
            if problems:
                self.view_problems.extend(problems)
            else:
                view.replace(new_view)
        elif not ack.late:
            # No response_action closes the modal, as Slack does.
            view.closed = True
        self.notify()

    async def click(self, view: View, button: str, *, strict: bool = True) -> Ack:
        """The modal's owner presses the button labelled (or with action id) ``button``."""
        user = self.workspaces[view.team_id].users[view.user_id]
        block_id, element = find_button(view.view, button)
        payload = {
            "type": "block_actions",
            "team": self._team_obj(user),
            "user": self._user_obj(user),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "container": {"type": "view", "view_id": view.id},
            "trigger_id": self._trigger(user),
            "view": self._view_payload(view, {}),
            "actions": [
                {
                    "type": "button",
                    "action_id": element.get("action_id", ""),
                    "block_id": block_id,
                    "text": element.get("text"),
                    "value": element.get("value", ""),
                    "action_ts": f"{time.time():.6f}",
                }
            ],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        return await self.deliver("interactive", payload, strict=strict)

    async def click_message(
        self,
        user: User,
        channel: Channel,
        button: str,
        *,
        message: Message | None = None,
        ephemeral: Ephemeral | None = None,
        strict: bool = True,
    ) -> Ack:
        """``user`` presses a button in a channel message or in an ephemeral one they see."""
        blocks = message.blocks if message is not None else (ephemeral.blocks if ephemeral else [])
        block_id, element = find_button({"blocks": blocks}, button)
        rid = secrets.token_hex(8)
        self.response_urls[rid] = (user.team_id, channel.id, user.id)
        container: dict[str, Any] = {
            "type": "message",
            "channel_id": channel.id,
            "is_ephemeral": message is None,
        }
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": self._team_obj(user),
            "user": self._user_obj(user),
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "container": container,
            "channel": {"id": channel.id, "name": channel.name},
            "trigger_id": self._trigger(user),
            "response_url": f"{self.base_url}response/{rid}",
            "actions": [
                {
                    "type": "button",
                    "action_id": element.get("action_id", ""),
                    "block_id": block_id,
                    "text": element.get("text"),
                    "value": element.get("value", ""),
                    "action_ts": f"{time.time():.6f}",
                }
            ],
            "is_enterprise_install": False,
            "enterprise": None,
        }
        if message is not None:
            container["message_ts"] = message.ts
            payload["message"] = message.to_api(include_metadata=False)
        return await self.deliver("interactive", payload, strict=strict)

    async def drop_socket(self, how: str = "close") -> None:
        """Drop the app's Socket Mode connections; see :meth:`SocketModeServer.drop`."""
        await self.socket.drop(how)

    # --- response URLs -----------------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        target = self.response_urls.get(request.match_info["rid"])
        if target is None:
            return web.Response(status=404, text="no_such_response_url")
        failure = self.take_failure("response_url")
        if failure is not None:
            headers = {"Retry-After": str(failure.retry_after)} if failure.status == 429 else {}
            return web.Response(status=failure.status or 500, text="failed", headers=headers)
        body = await request.json()
        _, channel_id, user_id = target
        text = str(body.get("text") or "")
        blocks = list(body.get("blocks") or [])
        if body.get("response_type") == "in_channel":
            channel = self.channel(channel_id)
            channel.messages.append(
                Message(ts=self.clock.ts(), channel=channel_id, text=text, user="UBOTCHORUS")
            )
        else:
            self.ephemerals.append(Ephemeral(channel_id, user_id, text, blocks, "response_url"))
        self.notify()
        return web.Response(text="ok")


def _mrkdwn_texts(obj: Any) -> list[str]:
    """Text Slack parses for markup: mrkdwn objects (plain_text is never parsed)."""
    found: list[str] = []
    if isinstance(obj, dict):
        if obj.get("type") == "mrkdwn" and isinstance(obj.get("text"), str):
            found.append(obj["text"])
        for value in obj.values():
            found += _mrkdwn_texts(value)
    elif isinstance(obj, list):
        for item in obj:
            found += _mrkdwn_texts(item)
    return found
