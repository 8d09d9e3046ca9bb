"""Bolt listeners: slash commands, modal submissions and button presses.

Every listener acknowledges first — inside Slack's three seconds — and does the
work afterwards; nothing raised after the acknowledgement may escape, or Bolt
could lose the acknowledgement it is still waiting to send. Modal submissions
are the exception to "acknowledge at once": their answer (errors, or the next
view) travels in the acknowledgement, so the work gets a short budget and, if
it runs over, the modal shows a "one moment" view and is updated when done.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.api import Form, Invocation, Registry, Reply, Response, UserRef
from bot.app import App
from bot.platforms import textcommands
from bot.platforms.slack.clients import webhook_client
from bot.platforms.slack.posts import SHOW_STORY_ACTION, ChannelPoster
from bot.platforms.slack.render import render
from bot.platforms.slack.roles import role_of
from bot.platforms.slack.targets import MessageTarget, ModalTarget, Where
from bot.platforms.slack.text import escape
from bot.platforms.slack.views import (
    ACTION_PREFIX,
    FORM_CALLBACK,
    FlowMeta,
    parse_action_id,
    submitted_values,
    view_title,
    working_view,
)

log = logging.getLogger(__name__)

PLATFORM = "slack"
SUBMIT_BUDGET = 2.0
"""Seconds a submission may take before the modal is acknowledged with a waiting view."""
ACK_SETTLE = 0.5
RENAME_PREFIX = "chorus-"
# A message permalink, bare or as escaped command text (``<url>`` or ``<url|label>``),
# optionally with the query Slack adds for thread replies.
_MESSAGE_LINK = re.compile(
    r"<?https://[\w.-]+\.slack\.com/archives/[A-Z0-9]+/p(\d{10})(\d{6})"
    r"(?:\?[^\s|>]*)?(?:\|[^>]*)?>?"
)


def community_of(team_id: str) -> str:
    """Return the community id of a Slack workspace."""
    return f"{PLATFORM}:{team_id}"


class Interactions:
    """Turns Slack interactions into Dispatcher calls and renders what comes back."""

    def __init__(
        self,
        app: App,
        client_for: Callable[[str], AsyncWebClient],
        poster: ChannelPoster,
        submit_budget: float = SUBMIT_BUDGET,
    ) -> None:
        self._app = app
        self._client_for = client_for
        self._poster = poster
        self._budget = submit_budget
        self._known: set[str] = set()

    def register(self, bolt: AsyncApp) -> None:
        """Attach the listeners to a Bolt app."""
        bolt.command(re.compile(r"^/"))(self.on_command)
        bolt.view(FORM_CALLBACK)(self.on_submit)
        bolt.action(SHOW_STORY_ACTION)(self.on_show_story)
        bolt.action(re.compile("^" + re.escape(ACTION_PREFIX)))(self.on_button)
        # Anything else (a view without inputs, a closed modal, an event) is acknowledged
        # quietly: Bolt would otherwise log the whole payload as an unhandled request.
        bolt.action(re.compile(".*"))(self.on_other)
        bolt.view(re.compile(".*"))(self.on_other)
        bolt.view_closed(re.compile(".*"))(self.on_other)
        bolt.event(re.compile(".*"))(self.on_other)

    async def ensure_community(self, community_id: str) -> None:
        """Record a workspace as a community the first time it is seen."""
        if community_id in self._known:
            return
        await self._app.services.add_community(community_id, PLATFORM)
        self._known.add(community_id)

    # --- listeners ---------------------------------------------------------------------

    async def on_other(self, ack: AsyncAck) -> None:
        """Acknowledge an interaction Chorus does not act on."""
        await ack()

    async def on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Handle a slash command: acknowledge, then parse, dispatch and answer privately."""
        await ack()
        await self._safely("command", body.get("team_id"), self._command(body))

    async def on_submit(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Handle a submitted form; the answer goes in the acknowledgement when it is quick."""
        view: dict[str, Any] = body.get("view") or {}
        team_id = _team(body)
        community = community_of(team_id)
        meta = FlowMeta.decode(view.get("private_metadata"))
        values = submitted_values((view.get("state") or {}).get("values") or {})
        template = self._template(meta.form_id)
        client = self._client_for(community)
        target = ModalTarget(
            Where(community, _user(body), meta.channel_id, client, self._poster),
            view_id=str(view.get("id", "")),
            title=view_title(view),
            meta=meta,
            ack=ack,
            resubmit=template.prefilled(values, meta.state) if template else None,
        )
        try:
            work = asyncio.ensure_future(self._submit(body, meta, values, client))
            await asyncio.wait({work}, timeout=self._budget)
            if not work.done():
                await target.acknowledge(working_view(meta, target_title(view)))
                # Bolt sends the acknowledgement from a poller; let it reach Slack before
                # the view it shows is replaced, or the update could land first.
                await asyncio.sleep(ACK_SETTLE)
            response = await work
            await render(response, target)
        except Exception:
            log.exception(
                "form submission failed in %s", community, extra={"scrub_exception": True}
            )
            await self._quietly(render(Reply(messages.INTERNAL_ERROR), target))
        finally:
            if target.ack_pending:
                await self._quietly(target.acknowledge())

    async def on_button(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Handle one of our buttons, in a modal or in a message."""
        await ack()
        await self._safely("button", _team(body), self._button(body))

    async def on_show_story(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """Show a reader the story posted behind its content note, privately."""
        await ack()
        await self._safely("show story", _team(body), self._show_story(body))

    # --- the work after the acknowledgement ----------------------------------------------

    async def _command(self, body: dict[str, Any]) -> None:
        team_id = str(body.get("team_id", ""))
        community = community_of(team_id)
        await self.ensure_community(community)
        client = self._client_for(community)
        user_id = str(body.get("user_id", ""))
        channel_id = body.get("channel_id") or None
        target = MessageTarget(
            Where(community, user_id, channel_id, client, self._poster),
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
        )
        name = command_name(str(body.get("command", "")), self._app.registry)
        text = message_links_as_ts(str(body.get("text") or ""))
        parsed = textcommands.parse(text, self._app.registry, name=name)
        if isinstance(parsed, textcommands.ParseProblem):
            await render(Reply(parsed.message), target)
            return
        inv = await self._invocation(community, team_id, user_id, channel_id, client)
        response = await self._app.dispatcher.command(
            inv, parsed.command.qualified_name, parsed.values
        )
        await render(response, target)

    async def _submit(
        self,
        body: dict[str, Any],
        meta: FlowMeta,
        values: Mapping[str, str],
        client: AsyncWebClient,
    ) -> Response:
        team_id = _team(body)
        community = community_of(team_id)
        await self.ensure_community(community)
        inv = await self._invocation(community, team_id, _user(body), meta.channel_id, client)
        return await self._app.dispatcher.submit(inv, meta.form_id, values, meta.state)

    async def _button(self, body: dict[str, Any]) -> None:
        team_id = _team(body)
        community = community_of(team_id)
        await self.ensure_community(community)
        client = self._client_for(community)
        user_id = _user(body)
        action = (body.get("actions") or [{}])[0]
        name = parse_action_id(str(action.get("action_id", "")))
        if name is None:
            return
        container = body.get("container") or {}
        target: MessageTarget | ModalTarget
        if container.get("type") == "view":
            view: dict[str, Any] = body.get("view") or {}
            meta = FlowMeta.decode(view.get("private_metadata"))
            channel_id = meta.channel_id
            target = ModalTarget(
                Where(community, user_id, channel_id, client, self._poster),
                view_id=str(view.get("id") or container.get("view_id", "")),
                title=view_title(view),
                meta=meta,
            )
        else:
            channel_id = (body.get("channel") or {}).get("id") or container.get("channel_id")
            target = MessageTarget(
                Where(community, user_id, channel_id, client, self._poster),
                response_url=body.get("response_url"),
                trigger_id=body.get("trigger_id"),
                replace_original=True,
            )
        inv = await self._invocation(community, team_id, user_id, channel_id, client)
        response = await self._app.dispatcher.press(inv, name, str(action.get("value") or ""))
        await render(response, target)

    async def _show_story(self, body: dict[str, Any]) -> None:
        community = community_of(_team(body))
        channel_id = str((body.get("channel") or {}).get("id", ""))
        ts = str(
            (body.get("message") or {}).get("ts")
            or (body.get("container") or {}).get("message_ts", "")
        )
        story = await self._poster.story_text(community, channel_id, ts)
        response_url = body.get("response_url")
        if response_url is None:
            return
        text = escape(story) if story else messages.SLACK_STORY_GONE
        await webhook_client(str(response_url)).send(
            text=text,
            response_type="ephemeral",
            replace_original=False,
            unfurl_links=False,
            unfurl_media=False,
        )

    # --- helpers -----------------------------------------------------------------------

    async def _invocation(
        self,
        community: str,
        team_id: str,
        user_id: str,
        channel_id: str | None,
        client: AsyncWebClient,
    ) -> Invocation:
        user = UserRef(PLATFORM, user_id)
        role = await role_of(self._app.services, client, community, team_id, user)
        # Every Slack interaction happens inside a workspace, so even the app's direct
        # messages belong to a community: none is treated as a community-less DM.
        return Invocation(PLATFORM, community, user, role, channel_id, is_direct=False)

    def _template(self, form_id: str) -> Form | None:
        for cog in self._app.registry.cogs:
            if form_id in cog.forms:
                return cog.forms[form_id][0]
        return None

    async def _safely(self, what: str, team_id: object, work: Awaitable[None]) -> None:
        try:
            await work
        except Exception:
            # After the acknowledgement nothing may escape; the type is enough to debug.
            log.exception(
                "slack %s failed in %s",
                what,
                community_of(str(team_id or "?")),
                extra={"scrub_exception": True},
            )

    async def _quietly(self, work: Awaitable[None]) -> None:
        try:
            await work
        except Exception:
            log.exception("slack answer failed", extra={"scrub_exception": True})


def command_name(slack_command: str, registry: Registry) -> str:
    """Return the Chorus command a Slack command names (``/chorus-status`` → ``status``).

    Operators may rename a command with the prefix when its plain name clashes with
    another app or a Slack built-in.
    """
    name = slack_command.lstrip("/").lower()
    plain = name.removeprefix(RENAME_PREFIX)
    if (
        name not in registry.commands
        and name not in registry.groups
        and (plain in registry.commands or plain in registry.groups)
    ):
        return plain
    return name


def message_links_as_ts(text: str) -> str:
    """Replace Slack message links in command text with the ``ts`` of the message.

    Chorus knows a post by its ``ts``, which Slack shows people only inside the
    message's link (``…/archives/C123/p1700000000000100`` names ``1700000000.000100``),
    so a pasted link is how an organizer names a post, e.g. for ``/block``.
    """
    return _MESSAGE_LINK.sub(lambda m: f"{m.group(1)}.{m.group(2)}", text)


def target_title(view: Mapping[str, Any]) -> str:
    """Return the title to keep on views that follow ``view``."""
    return view_title(view) or messages.SLACK_WORKING_TITLE


def _team(body: Mapping[str, Any]) -> str:
    team = body.get("team") or {}
    user = body.get("user") or {}
    return str(team.get("id") or user.get("team_id") or body.get("team_id") or "")


def _user(body: Mapping[str, Any]) -> str:
    user = body.get("user") or {}
    return str(user.get("id") or body.get("user_id") or "")
