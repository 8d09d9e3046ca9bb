"""A fake Discord on loopback: REST API and gateway, for the real discord.py client.

Tests point discord.py here by setting exactly two class attributes
(:meth:`FakeDiscord.point_discord_py_here`); nothing else in the library is
patched.  The fake keeps a small world (guilds, members, channels, messages),
records what the bot sends, and can be scripted to fail or drop connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from aiohttp import web

from tests.fakes.discord.gateway import Gateway
from tests.fakes.discord.interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    DEFAULT_WAIT,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionRecord,
    NoResponse,
    SentFile,
    buttons_of,
    modal_submit_components,
    selects_of,
)
from tests.fakes.discord.payloads import (
    ADMINISTRATOR,
    ATTACH_FILES,
    EMBED_LINKS,
    EVERYONE_PERMISSIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILDS,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    application_payload,
    message_payload,
    snowflake,
)
from tests.fakes.discord.rest import RecordedRequest, RestApi, ScriptedFailure, StoredMessage

INTENT_GUILD_MESSAGES = 1 << 9
BOT_DEFAULT_PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
BOT_DEFAULT_PERMISSIONS |= READ_MESSAGE_HISTORY

_OPTION_TYPES = {"string": 3, "integer": 4, "boolean": 5, "channel": 7, "role": 8, "number": 10}


class CommandUnavailable(AssertionError):
    """Discord would not offer this command to this user here."""


class FakeDiscord:
    """Discord's REST API and gateway on ``127.0.0.1`` with a random port."""

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        callback_deadline: float = 3.0,
        recommended_shards: int = 1,
    ) -> None:
        self.token = token
        self.callback_deadline = callback_deadline
        self.recommended_shards = recommended_shards
        self.application_id = snowflake()
        self.bot = FakeUser(self.application_id, "Chorus", bot=True)
        self.owner = FakeUser(snowflake(), "app-owner")
        self.users: dict[str, FakeUser] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.guilds: dict[str, FakeGuild] = {}
        self.channels: dict[str, FakeChannel] = {}
        self.dm_channels: dict[str, FakeChannel] = {}
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.interactions: dict[str, InteractionRecord] = {}
        self.interaction_by_token: dict[str, InteractionRecord] = {}
        self.interaction_messages: dict[str, tuple[InteractionRecord, dict[str, Any]]] = {}
        self.deleted_messages: list[dict[str, Any]] = []
        self.sent_files: dict[str, list[SentFile]] = {}
        self.rest = RestApi(self)
        self.gateway = Gateway(self)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle --------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        """Listen on a random loopback port."""
        app = web.Application(middlewares=[self.rest.middleware], client_max_size=64 * 2**20)
        app.add_routes(self.rest.routes())
        app.router.add_get("/", self.gateway.handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return self

    async def close(self) -> None:
        """Close every connection and stop listening."""
        self.gateway.open.set()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def api_url(self) -> str:
        """The REST base, as ``discord.http.Route.BASE`` expects it."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway websocket URL."""
        return f"ws://127.0.0.1:{self.port}/"

    def point_discord_py_here(self) -> Callable[[], None]:
        """Set ``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY``; return an undo."""
        import discord.gateway
        import discord.http
        import yarl

        old = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = self.api_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

        def undo() -> None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old

        return undo

    def application_payload(self) -> dict[str, Any]:
        """The application object for ``GET /oauth2/applications/@me``."""
        payload = application_payload(self.application_id, self.bot, self.owner)
        payload["approximate_guild_count"] = len(self.guilds)
        return payload

    async def notify(self) -> None:
        """Wake waiters: something the bot did changed the world."""
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(
        self, check: Callable[[], Any], timeout: float = DEFAULT_WAIT, what: str = "condition"
    ) -> Any:
        """Wait until ``check()`` is truthy and return its value."""
        result: Any = None

        def probe() -> bool:
            nonlocal result
            result = check()
            return bool(result)

        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(probe)
        except TimeoutError:
            raise NoResponse(f"timed out waiting for {what}") from None
        return result

    async def wait_for_sessions(self, count: int = 1, timeout: float = DEFAULT_WAIT) -> None:
        """Wait until ``count`` gateway sessions have identified."""
        deadline = time.perf_counter() + timeout
        while len(self.gateway.sessions) < count:
            if time.perf_counter() > deadline:
                raise NoResponse(f"{count} gateway session(s) never identified")
            await asyncio.sleep(0.01)

    # -- the world --------------------------------------------------------------------

    def add_user(self, username: str, global_name: str | None = None) -> FakeUser:
        """Create an account."""
        user = FakeUser(snowflake(), username, global_name)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        owner: FakeUser | None = None,
        bot_permissions: int = BOT_DEFAULT_PERMISSIONS,
        channels: tuple[str, ...] = ("general", "stories", "organizers"),
        shard: tuple[int, int] | None = None,
    ) -> FakeGuild:
        """Create a guild the bot has joined, with text channels and the bot's own role.

        ``shard=(shard_id, shard_count)`` picks an id whose events go to that shard.
        """
        owner = owner or self.add_user(f"{name}-owner")
        guild = FakeGuild(snowflake(shard), name, owner.id)
        guild.roles[guild.id] = FakeRole(guild.id, "@everyone", EVERYONE_PERMISSIONS)
        bot_role = FakeRole(snowflake(), self.bot.username, bot_permissions, 1, managed=True)
        guild.roles[bot_role.id] = bot_role
        guild.members[owner.id] = FakeMember(owner)
        guild.members[self.bot.id] = FakeMember(self.bot, [bot_role.id])
        self.guilds[guild.id] = guild
        for i, channel_name in enumerate(channels):
            self.add_channel(guild, channel_name, position=i)
        return guild

    async def add_guild_live(self, name: str, **kwargs: Any) -> FakeGuild:
        """The bot is added to a new guild while connected: GUILD_CREATE on its shard."""
        guild = self.add_guild(name, **kwargs)
        for session in self.gateway.sessions.values():
            if session.owns_guild(guild.id) and session.intents & INTENT_GUILDS:
                await session.dispatch("GUILD_CREATE", guild.create_payload(joined=True))
        return guild

    async def member_joins_live(self, guild: FakeGuild, user: FakeUser) -> None:
        """A member joins a guild (no event: the bot does not ask for member events)."""
        self.join(guild, user)

    def add_channel(
        self, guild: FakeGuild, name: str, *, bot_permissions: int | None = None, position: int = 0
    ) -> FakeChannel:
        """Add a text channel; ``bot_permissions`` overrides what the bot may do there."""
        channel = FakeChannel(snowflake(), name, guild.id, position=position)
        channel.bot_permissions = bot_permissions
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def channel(self, guild: FakeGuild, name: str) -> FakeChannel:
        """A guild channel by name."""
        return next(c for c in guild.channels.values() if c.name == name)

    def add_role(self, guild: FakeGuild, name: str, permissions: int = 0) -> FakeRole:
        """Create a role."""
        role = FakeRole(snowflake(), name, permissions, len(guild.roles))
        guild.roles[role.id] = role
        return role

    async def add_role_live(self, guild: FakeGuild, name: str, permissions: int = 0) -> FakeRole:
        """Create a role while connected: GUILD_ROLE_CREATE to the guild's shard."""
        role = self.add_role(guild, name, permissions)
        session = self.gateway.session_for_guild(guild.id)
        if session.intents & INTENT_GUILDS:
            await session.dispatch(
                "GUILD_ROLE_CREATE", {"guild_id": guild.id, "role": role.payload()}
            )
        return role

    def join(self, guild: FakeGuild, user: FakeUser, *roles: FakeRole) -> FakeMember:
        """Make ``user`` a member of ``guild`` with ``roles``."""
        member = FakeMember(user, [r.id for r in roles])
        guild.members[user.id] = member
        return member

    def add_member(
        self, guild: FakeGuild, username: str, *roles: FakeRole, admin: bool = False
    ) -> FakeUser:
        """Create a user and make them a member; ``admin`` gives a Manage Server role."""
        user = self.add_user(username)
        granted = list(roles)
        if admin:
            granted.append(self.add_role(guild, f"admin-{username}", 1 << 5))
        self.join(guild, user, *granted)
        return user

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The DM channel between the bot and ``user``."""
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = FakeChannel(snowflake(), recipient=user)
            self.dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def channel_messages(self, channel: FakeChannel | str) -> list[dict[str, Any]]:
        """Messages in a channel, oldest first."""
        channel_id = channel if isinstance(channel, str) else channel.id
        stored = self.rest.messages.get(channel_id, {}).values()
        return [m.payload for m in sorted(stored, key=lambda m: int(m.payload["id"]))]

    def bot_messages(self, channel: FakeChannel | str) -> list[dict[str, Any]]:
        """Messages the bot posted in a channel, oldest first."""
        return [m for m in self.channel_messages(channel) if m["author"]["id"] == self.bot.id]

    def update_message(self, updated: dict[str, Any]) -> None:
        """Replace a stored message after an edit."""
        stored = self.rest.messages.get(updated["channel_id"], {}).get(updated["id"])
        if stored is not None:
            stored.payload = updated
        if updated["id"] in self.interaction_messages:
            record, _ = self.interaction_messages[updated["id"]]
            self.interaction_messages[updated["id"]] = (record, updated)
            if record.original is not None and record.original["id"] == updated["id"]:
                record.original = updated
            record.followups = [
                updated if m["id"] == updated["id"] else m for m in record.followups
            ]

    # -- failures ---------------------------------------------------------------------

    def fail(
        self,
        method: str,
        route: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        cloudflare: bool = False,
    ) -> ScriptedFailure:
        """Answer the next ``times`` calls to ``method route`` with ``status``.

        ``route`` is Discord's path template, e.g. ``/channels/{channel_id}/messages``.
        429s carry ``Via`` and Discord's JSON body unless ``cloudflare`` is set.
        """
        failure = ScriptedFailure(method, route, status, times, retry_after, cloudflare)
        self.rest.failures.append(failure)
        return failure

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        """Recorded requests to one route."""
        return [r for r in self.rest.requests if r.method == method and r.route == route]

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close every gateway connection; the sessions stay resumable."""
        await self.gateway.drop_all(code)

    @contextlib.asynccontextmanager
    async def outage(self) -> AsyncIterator[None]:
        """Drop the gateway and refuse to reconnect until the block ends."""
        self.gateway.open.clear()
        await self.gateway.drop_all()
        try:
            yield
        finally:
            self.gateway.open.set()

    async def invalidate_sessions(self, resumable: bool = False) -> None:
        """Send INVALID_SESSION, forcing a fresh IDENTIFY unless ``resumable``."""
        await self.gateway.invalidate_all(resumable)

    # -- interactions -----------------------------------------------------------------

    def _interaction_payload(
        self,
        itype: int,
        user: FakeUser,
        guild: FakeGuild | None,
        channel: FakeChannel,
        data: dict[str, Any],
        message: dict[str, Any] | None = None,
    ) -> tuple[str, str, dict[str, Any]]:
        interaction_id = snowflake()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(120)
        payload: dict[str, Any] = {
            "id": interaction_id,
            "application_id": self.application_id,
            "type": itype,
            "data": data,
            "channel_id": channel.id,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 2**20,
        }
        if guild is not None:
            perms = guild.permissions_of(user.id)
            member = guild.members[user.id].payload()
            member["permissions"] = str(perms)
            bot_perms = (
                channel.bot_permissions
                if channel.bot_permissions is not None
                else guild.permissions_of(self.bot.id)
            )
            payload.update(
                {
                    "guild_id": guild.id,
                    "guild": {"id": guild.id, "locale": "en-US", "features": []},
                    "guild_locale": "en-US",
                    "member": member,
                    "channel": channel.interaction_payload(perms),
                    "app_permissions": str(bot_perms),
                    "authorizing_integration_owners": {"0": guild.id},
                    "context": 0,
                }
            )
        else:
            payload.update(
                {
                    "user": user.payload(),
                    "channel": channel.interaction_payload(0),
                    "app_permissions": str(
                        VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
                    ),
                    "authorizing_integration_owners": {"0": "0"},
                    "context": 1,
                }
            )
        if message is not None:
            payload["message"] = message
        return interaction_id, token, payload

    async def _send_interaction(
        self,
        itype: int,
        user: FakeUser,
        guild: FakeGuild | None,
        channel: FakeChannel,
        data: dict[str, Any],
        message: dict[str, Any] | None = None,
        *,
        wait: bool = True,
        timeout: float = DEFAULT_WAIT,
    ) -> InteractionRecord:
        interaction_id, token, payload = self._interaction_payload(
            itype, user, guild, channel, data, message
        )
        record = InteractionRecord(interaction_id, token, itype, user, guild, channel, payload)
        self.interactions[interaction_id] = record
        self.interaction_by_token[token] = record
        session = (
            self.gateway.session_for_guild(guild.id)
            if guild is not None
            else self.gateway.session_for_dms()
        )
        record.dispatched_at = time.perf_counter()
        await session.dispatch("INTERACTION_CREATE", payload)
        if wait:
            await record.response(timeout)
        return record

    def find_command(self, guild: FakeGuild | None, name: str) -> dict[str, Any]:
        """The registered command a user would pick for ``/name`` here."""
        top = name.split()[0]
        scopes: list[str | None] = [guild.id, None] if guild is not None else [None]
        for scope in scopes:
            for command in self.commands.get(scope, []):
                if command["name"] == top and command.get("type", 1) == 1:
                    return command
        raise CommandUnavailable(f"/{top} is not registered here")

    def _check_available(
        self, command: dict[str, Any], guild: FakeGuild | None, user: FakeUser
    ) -> None:
        if guild is None:
            contexts = command.get("contexts")
            if command.get("guild_id") is not None:
                raise CommandUnavailable("guild commands are not offered in DMs")
            if contexts is not None and 1 not in contexts:
                raise CommandUnavailable(f"/{command['name']} is not offered in DMs")
            if contexts is None and command.get("dm_permission") is False:
                raise CommandUnavailable(f"/{command['name']} is not offered in DMs")
            return
        contexts = command.get("contexts")
        if contexts is not None and 0 not in contexts:
            raise CommandUnavailable(f"/{command['name']} is not offered in servers")
        required = command.get("default_member_permissions")
        if required is not None:
            perms = guild.permissions_of(user.id)
            needed = int(required)
            if not perms & ADMINISTRATOR and perms & needed != needed:
                raise CommandUnavailable(f"/{command['name']} is hidden from this member")

    def _build_options(
        self,
        schema: list[dict[str, Any]],
        given: dict[str, Any],
        guild: FakeGuild | None,
        resolved: dict[str, Any],
        focused: str | None = None,
    ) -> list[dict[str, Any]]:
        by_name = {o["name"]: o for o in schema}
        unknown = set(given) - set(by_name)
        if unknown:
            raise AssertionError(f"no such options {sorted(unknown)}")
        out = []
        for opt in schema:
            name = opt["name"]
            if name not in given or given[name] is None:
                # While autocompleting, Discord sends only what has been typed so far.
                if opt.get("required") and focused is None:
                    raise AssertionError(f"required option {name!r} missing")
                continue
            value = given[name]
            otype = opt["type"]
            if otype == 7:
                channel = value if isinstance(value, FakeChannel) else self.channels[str(value)]
                value = channel.id
                perms = guild.permissions_of(self.bot.id) if guild else 0
                resolved.setdefault("channels", {})[value] = channel.interaction_payload(perms)
            elif otype == 8:
                assert guild is not None
                role = value if isinstance(value, FakeRole) else guild.roles[str(value)]
                value = role.id
                resolved.setdefault("roles", {})[value] = role.payload()
            elif otype == 4:
                value = int(value)
            elif otype == 5:
                value = bool(value)
            elif otype == 10:
                value = float(value)
            else:
                value = str(value)
            choices = opt.get("choices")
            if choices and name != focused and value not in [c["value"] for c in choices]:
                raise AssertionError(f"{value!r} is not a choice of {name!r}")
            item: dict[str, Any] = {"name": name, "type": otype, "value": value}
            if name == focused:
                item["focused"] = True
            out.append(item)
        return out

    def _command_data(
        self,
        guild: FakeGuild | None,
        user: FakeUser,
        name: str,
        options: dict[str, Any],
        *,
        override_permissions: bool,
        focused: str | None = None,
    ) -> dict[str, Any]:
        command = self.find_command(guild, name)
        if not override_permissions:
            self._check_available(command, guild, user)
        parts = name.split()
        resolved: dict[str, Any] = {}
        schema = command.get("options") or []
        if len(parts) == 1:
            built = self._build_options(schema, options, guild, resolved, focused)
        else:
            sub = next((o for o in schema if o["name"] == parts[1] and o["type"] == 1), None)
            if sub is None:
                raise CommandUnavailable(f"/{name} is not registered")
            inner = self._build_options(sub.get("options") or [], options, guild, resolved, focused)
            built = [{"name": parts[1], "type": 1, "options": inner}]
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": 1,
            "options": built,
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _default_channel(self, guild: FakeGuild | None, user: FakeUser) -> FakeChannel:
        if guild is None:
            return self.dm_channel(user)
        return next(iter(guild.channels.values()))

    async def slash(
        self,
        guild: FakeGuild | None,
        user: FakeUser,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel: FakeChannel | None = None,
        override_permissions: bool = False,
        wait: bool = True,
        timeout: float = DEFAULT_WAIT,
    ) -> InteractionRecord:
        """Run ``/name`` as ``user`` (``guild=None`` for a DM); await the initial response.

        ``override_permissions`` models an admin having granted a hidden command
        to everyone in the server's integration settings.
        """
        data = self._command_data(
            guild, user, name, options or {}, override_permissions=override_permissions
        )
        return await self._send_interaction(
            APPLICATION_COMMAND,
            user,
            guild,
            channel or self._default_channel(guild, user),
            data,
            wait=wait,
            timeout=timeout,
        )

    async def autocomplete(
        self,
        guild: FakeGuild | None,
        user: FakeUser,
        name: str,
        focused: str,
        typed: str,
        options: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Type ``typed`` into option ``focused`` of ``/name``; return the offered choices."""
        given = {**(options or {}), focused: typed}
        data = self._command_data(
            guild, user, name, given, override_permissions=True, focused=focused
        )
        record = await self._send_interaction(
            AUTOCOMPLETE, user, guild, self._default_channel(guild, user), data
        )
        response = await record.response()
        assert response["type"] == AUTOCOMPLETE_RESULT, response
        choices: list[dict[str, Any]] = response["data"].get("choices", [])
        return choices

    async def submit_modal(
        self,
        shown_by: InteractionRecord,
        values: dict[str, str | list[str] | None],
        *,
        wait: bool = True,
        timeout: float = DEFAULT_WAIT,
    ) -> InteractionRecord:
        """Fill in and submit the modal ``shown_by`` opened; await the initial response."""
        modal = await shown_by.wait_modal(timeout)
        data = {
            "custom_id": modal["custom_id"],
            "components": modal_submit_components(modal, values),
        }
        message = None
        if shown_by.type == MESSAGE_COMPONENT:
            message = shown_by.payload.get("message")
        return await self._send_interaction(
            MODAL_SUBMIT,
            shown_by.user,
            shown_by.guild,
            shown_by.channel,
            data,
            message,
            wait=wait,
            timeout=timeout,
        )

    def _message_context(
        self, message: dict[str, Any]
    ) -> tuple[FakeUser, FakeGuild | None, FakeChannel]:
        if message["id"] in self.interaction_messages:
            record, _ = self.interaction_messages[message["id"]]
            return record.user, record.guild, record.channel
        channel = self.channels[message["channel_id"]]
        if channel.recipient is not None:
            return channel.recipient, None, channel
        raise AssertionError("pass user= to click a button on a channel message")

    async def click(
        self,
        message: dict[str, Any] | InteractionRecord,
        label: str | None = None,
        *,
        custom_id: str | None = None,
        user: FakeUser | None = None,
        wait: bool = True,
        timeout: float = DEFAULT_WAIT,
    ) -> InteractionRecord:
        """Press the button with ``label`` (or ``custom_id``) on a message."""
        if isinstance(message, InteractionRecord):
            message = await message.last_message()
        latest = self.interaction_messages.get(message["id"], (None, message))[1]
        buttons = buttons_of(latest)
        button = next(
            (
                b
                for b in buttons
                if (label is not None and b.get("label") == label)
                or (custom_id is not None and b.get("custom_id") == custom_id)
            ),
            None,
        )
        if button is None:
            shown = [b.get("label") for b in buttons]
            raise AssertionError(f"no button {label or custom_id!r}; buttons: {shown}")
        if button.get("disabled"):
            raise AssertionError(f"button {label!r} is disabled")
        if button.get("style") == 5 or "custom_id" not in button:
            raise AssertionError("link buttons do not send interactions")
        owner, guild, channel = self._message_context(latest)
        return await self._send_interaction(
            MESSAGE_COMPONENT,
            user or owner,
            guild,
            channel,
            {"custom_id": button["custom_id"], "component_type": 2},
            latest,
            wait=wait,
            timeout=timeout,
        )

    async def choose(
        self,
        message: dict[str, Any] | InteractionRecord,
        values: list[str],
        *,
        custom_id: str | None = None,
        user: FakeUser | None = None,
        timeout: float = DEFAULT_WAIT,
    ) -> InteractionRecord:
        """Pick ``values`` in a string select on a message."""
        if isinstance(message, InteractionRecord):
            message = await message.last_message()
        latest = self.interaction_messages.get(message["id"], (None, message))[1]
        selects = [s for s in selects_of(latest) if custom_id in (None, s.get("custom_id"))]
        if not selects:
            raise AssertionError("no select menu on that message")
        select = selects[0]
        allowed = {o["value"] for o in select.get("options", [])}
        if not set(values) <= allowed:
            raise AssertionError(f"{values} not among {sorted(allowed)}")
        owner, guild, channel = self._message_context(latest)
        return await self._send_interaction(
            MESSAGE_COMPONENT,
            user or owner,
            guild,
            channel,
            {"custom_id": select["custom_id"], "component_type": 3, "values": values},
            latest,
            timeout=timeout,
        )

    # -- messages -----------------------------------------------------------------------

    async def dispatch_own_message(self, channel: FakeChannel, message: dict[str, Any]) -> None:
        """MESSAGE_CREATE for a message the bot posted, to sessions whose intents want it."""
        event = dict(message)
        if channel.is_dm:
            sessions = [s for s in self.gateway.sessions.values() if s.shard_id == 0]
            sessions = [s for s in sessions if s.intents & INTENT_DIRECT_MESSAGES]
        else:
            event["guild_id"] = channel.guild_id
            guild = self.guilds[channel.guild_id or ""]
            member = guild.members[self.bot.id].payload()
            member.pop("user")
            event["member"] = member
            sessions = [
                s
                for s in self.gateway.sessions.values()
                if s.owns_guild(guild.id) and s.intents & INTENT_GUILD_MESSAGES
            ]
        for session in sessions:
            await session.dispatch("MESSAGE_CREATE", event)

    async def dm(
        self,
        user: FakeUser,
        text: str,
        *,
        wait: bool = True,
        timeout: float = DEFAULT_WAIT,
    ) -> list[dict[str, Any]]:
        """``user`` sends the bot a direct message; return the bot's replies to it."""
        channel = self.dm_channel(user)
        before = {m["id"] for m in self.bot_messages(channel)}
        message = message_payload(
            message_id=snowflake(),
            channel_id=channel.id,
            author=user,
            body={"content": text, "nonce": snowflake()},
        )
        self.rest.messages.setdefault(channel.id, {})[message["id"]] = StoredMessage(
            message, message["nonce"], time.perf_counter()
        )
        channel.last_message_id = message["id"]
        session = self.gateway.session_for_dms()
        if session.intents & INTENT_DIRECT_MESSAGES:
            await session.dispatch("MESSAGE_CREATE", message)
        if not wait:
            return []

        def replies() -> list[dict[str, Any]]:
            return [m for m in self.bot_messages(channel) if m["id"] not in before]

        result: list[dict[str, Any]] = await self.wait_for(replies, timeout, "a reply to the DM")
        return result
