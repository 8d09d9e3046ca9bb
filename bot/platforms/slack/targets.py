"""The two places a response can be shown on Slack: a message reply and a modal."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import aiohttp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot import messages
from bot.api import Attachment, Form, FormErrors, Reply
from bot.platforms.slack.clients import webhook_client
from bot.platforms.slack.posts import ChannelPoster
from bot.platforms.slack.text import mrkdwn
from bot.platforms.slack.views import (
    FlowMeta,
    closing_view,
    field_errors,
    form_view,
    message_blocks,
    message_view,
)

log = logging.getLogger(__name__)

_ERRORS = (SlackApiError, aiohttp.ClientError, TimeoutError)


@dataclass(frozen=True)
class Where:
    """Who an interaction came from and where, for the length of one response."""

    community_id: str
    user_id: str
    channel_id: str | None
    client: AsyncWebClient
    poster: ChannelPoster


def _code(exc: Exception) -> str:
    # Slack error codes only: never the response body, which can echo arguments.
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "unknown"))
    return type(exc).__name__


async def _ephemeral(where: Where, text: str) -> bool:
    """Show ``text`` to one person in the channel; False if Slack would not."""
    if where.channel_id is None:
        return False
    try:
        await where.client.chat_postEphemeral(
            channel=where.channel_id, user=where.user_id, text=mrkdwn(text)
        )
    except _ERRORS as exc:
        log.info("private message not shown in %s: %s", where.community_id, _code(exc))
        return False
    return True


async def _files(where: Where, attachments: tuple[Attachment, ...], public: bool) -> bool:
    """Share files: in the channel when public, otherwise in a direct message.

    Slack has no private file messages in channels; a direct message with the
    bot is the closest private place. Files Chorus sends hold only aggregate
    figures, never stories or identities.
    """
    try:
        if public and where.channel_id is not None:
            await where.poster.upload(where.client, where.channel_id, attachments)
            return True
        opened = await where.client.conversations_open(users=where.user_id)
        channel = str((opened.get("channel") or {}).get("id", ""))
        await where.poster.upload(where.client, channel, attachments)
    except _ERRORS as exc:
        log.warning("files not delivered in %s: %s", where.community_id, _code(exc))
        return False
    return True


class MessageTarget:
    """Answers a slash command or a button in a message, through its ``response_url``."""

    def __init__(
        self,
        where: Where,
        *,
        response_url: str | None,
        trigger_id: str | None,
        replace_original: bool = False,
    ) -> None:
        self.where = where
        self._response_url = response_url
        self._trigger_id = trigger_id
        self._replace = replace_original

    async def reply(self, reply: Reply) -> None:
        """Answer with an ephemeral message (a channel message when public) and its buttons."""
        text = reply.text
        if reply.attachments and not reply.public:
            # Say where the file is only if it got there: an export without its file
            # would otherwise send the organizer looking for something that isn't there.
            sent = await _files(self.where, reply.attachments, public=False)
            note = messages.SLACK_FILE_IN_DM if sent else messages.SLACK_FILE_NOT_SENT
            text = f"{text}\n\n{note}"
        blocks = message_blocks(text, reply.buttons)
        if self._response_url is not None:
            try:
                await webhook_client(self._response_url).send(
                    text=mrkdwn(text),
                    blocks=blocks,
                    response_type="in_channel" if reply.public else "ephemeral",
                    replace_original=self._replace,
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except (aiohttp.ClientError, TimeoutError) as exc:
                log.info("response_url failed in %s: %s", self.where.community_id, _code(exc))
                await _ephemeral(self.where, text)
        else:
            await _ephemeral(self.where, text)
        if reply.attachments and reply.public:
            await _files(self.where, reply.attachments, public=True)

    async def form(self, form: Form) -> None:
        """Open a modal with the trigger id of this interaction."""
        meta = FlowMeta(form.id, form.state, self.where.channel_id)
        if self._trigger_id is None:
            await self.reply(Reply(messages.SLACK_TRIGGER_EXPIRED))
            return
        try:
            await self.where.client.views_open(
                trigger_id=self._trigger_id, view=form_view(form, meta)
            )
        except _ERRORS as exc:
            log.warning("modal not opened in %s: %s", self.where.community_id, _code(exc))
            await self.reply(Reply(messages.SLACK_TRIGGER_EXPIRED))

    async def errors(self, errors: FormErrors) -> None:
        """Errors outside a modal can only be said in words."""
        await self.reply(Reply("\n".join(errors.errors.values())))


class ModalTarget:
    """Answers inside an open modal: in the acknowledgement while it is pending, else by update.

    ``resubmit`` is the submitted form with the member's values, used to show
    errors when the acknowledgement has already gone out.
    """

    def __init__(
        self,
        where: Where,
        *,
        view_id: str,
        title: str,
        meta: FlowMeta,
        ack: AsyncAck | None = None,
        resubmit: Form | None = None,
    ) -> None:
        self.where = where
        self._view_id = view_id
        self._title = title
        self._meta = meta
        self._ack = ack
        self._resubmit = resubmit

    @property
    def ack_pending(self) -> bool:
        """Whether the acknowledgement is still to be sent."""
        return self._ack is not None

    async def acknowledge(self, view: View | None = None) -> None:
        """Send the acknowledgement now: updating to ``view``, or closing the modal."""
        ack, self._ack = self._ack, None
        if ack is None:
            return
        if view is None:
            await ack()
        else:
            await ack(response_action="update", view=view)

    async def _show(self, view: View) -> None:
        if self._ack is not None:
            await self.acknowledge(view)
            return
        await self.where.client.views_update(view_id=self._view_id, view=view)

    async def reply(self, reply: Reply) -> None:
        """Show a reply (the preview, its buttons) in the modal; a final one ends the flow."""
        if reply.attachments:
            await _files(self.where, reply.attachments, public=False)
        if not reply.final:
            await self._show(message_view(reply.text, reply.buttons, self._meta, self._title))
            return
        # The ending is posted where the member started, privately, so it stays after
        # the modal closes; if Slack refuses, the modal itself keeps the whole text.
        shown = await _ephemeral(self.where, reply.text)
        text = messages.SLACK_DONE if shown else reply.text
        await self._show(closing_view(text, self._title))

    async def form(self, form: Form) -> None:
        """Show a form (for Edit: prefilled) in this modal."""
        self._meta = FlowMeta(form.id, form.state, self._meta.channel_id)
        await self._show(form_view(form, self._meta))

    async def errors(self, errors: FormErrors) -> None:
        """Errors under their fields: in the acknowledgement, or by re-showing the form."""
        if self._ack is not None:
            ack, self._ack = self._ack, None
            await ack(response_action="errors", errors=field_errors(errors.errors))
            return
        if self._resubmit is None:
            await self.reply(Reply("\n".join(errors.errors.values())))
            return
        meta = replace(self._meta, form_id=self._resubmit.id)
        await self._show(form_view(self._resubmit, meta, errors.errors))
