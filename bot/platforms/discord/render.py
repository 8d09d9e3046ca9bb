"""Neutral responses rendered for Discord, one renderer per response type."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import singledispatch

import discord

from bot import messages
from bot.api import Attachment, Form, FormErrors, Reply, Response
from bot.platforms.discord import views
from bot.platforms.discord.ids import ComponentId, Kind
from bot.platforms.discord.pending import Pending

CONTENT_MAX = 2000


@dataclass
class MessageOut:
    """One or more messages: text in chunks, the view and files on the last one."""

    chunks: list[str]
    view: discord.ui.View | None = None
    attachments: tuple[Attachment, ...] = ()
    public: bool = False

    def files(self) -> list[discord.File]:
        """Fresh file objects (a ``discord.File`` can be sent only once)."""
        return [discord.File(io.BytesIO(a.data), filename=a.filename) for a in self.attachments]


@dataclass
class ModalOut:
    """A modal to open."""

    modal: discord.ui.Modal
    form: Form


Rendered = MessageOut | ModalOut


@dataclass
class RenderContext:
    """What a renderer needs beyond the response itself."""

    pending: Pending
    dm_guild: str = ""
    template: Form | None = None
    form_state: str = ""
    values: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return "RenderContext(<values hidden>)"


def split_text(text: str, limit: int = CONTENT_MAX) -> list[str]:
    """Split text into message-sized chunks, preferring line breaks, then spaces."""
    text = text.strip() or "…"
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    chunks.append(text)
    return chunks


@singledispatch
def render(response: Response, ctx: RenderContext) -> Rendered:
    """Render a neutral response; each response type registers its own renderer."""
    raise TypeError(f"no Discord renderer for {type(response).__name__}")


@render.register
def _reply(response: Reply, ctx: RenderContext) -> Rendered:
    view = views.buttons_view(response.buttons, ctx.dm_guild) if response.buttons else None
    return MessageOut(split_text(response.text), view, response.attachments, response.public)


@render.register
def _form(response: Form, ctx: RenderContext) -> Rendered:
    return ModalOut(views.form_modal(response, ctx.dm_guild), response)


@render.register
def _form_errors(response: FormErrors, ctx: RenderContext) -> Rendered:
    # A modal submit cannot be answered with a modal, so the member gets the
    # problems privately and a button that reopens the form with their answers.
    labels = {f.id: f.label for f in ctx.template.fields} if ctx.template else {}
    lines = [messages.DISCORD_FORM_PROBLEMS]
    for field_id, problem in response.errors.items():
        lines.append(f"• **{labels.get(field_id, field_id)}**: {problem}")
    if ctx.template is None:
        return MessageOut(split_text("\n".join(lines)))
    form = ctx.template.prefilled(ctx.values, ctx.form_state)
    view = _reopen_view(form, ctx, messages.DISCORD_FIX_BUTTON)
    return MessageOut(split_text("\n".join(lines)), view)


def _reopen_view(form: Form, ctx: RenderContext, label: str) -> discord.ui.View:
    # The form (with what the member typed) waits in memory under a random token.
    token = ctx.pending.put(form)
    custom_id = ComponentId(Kind.REOPEN, ctx.dm_guild, token).encode()
    return views.single_button_view(label, custom_id)


def open_form_message(form: Form, ctx: RenderContext) -> MessageOut:
    """A message with a button that opens ``form``, for when a modal cannot be the answer."""
    view = _reopen_view(form, ctx, messages.DISCORD_OPEN_FORM)
    return MessageOut([messages.DISCORD_OPEN_FORM_PROMPT], view)


def post_text(text: str, content_note: str | None) -> str:
    """A story as posted: a content note line, then the story behind a spoiler if noted."""
    body = discord.utils.escape_markdown(text.strip()) if content_note else text.strip()
    if not content_note:
        return body
    note = " ".join(content_note.split())
    # Escaped so a "||" inside the story cannot end the spoiler early.
    return f"**CN:** {discord.utils.escape_markdown(note)}\n||{body}||"
