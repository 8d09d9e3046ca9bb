"""Answering an interaction within Discord's three seconds, ephemeral from the first reply.

A handler gets a budget for its first response.  If it answers in time, its
response is the first response (a modal, a private message, or an edit of the
message the button was on).  If not, the interaction is deferred privately and
the result follows; a form that arrives too late for a modal becomes a button
that opens it.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable
from typing import Any

import discord

from bot.api import Response
from bot.platforms.discord import views
from bot.platforms.discord.acks import Acknowledgements
from bot.platforms.discord.render import (
    MessageOut,
    ModalOut,
    RenderContext,
    Rendered,
    open_form_message,
    render,
)

FIRST_RESPONSE_BUDGET = 2.0
# Less time than this left is none: deciding to wait would itself use it up.
MIN_BUDGET = 0.05
NO_MENTIONS = discord.AllowedMentions.none()


async def answer(
    interaction: discord.Interaction[Any],
    work: Awaitable[Response],
    ctx: RenderContext,
    *,
    on_message: bool,
    acks: Acknowledgements,
    budget: float = FIRST_RESPONSE_BUDGET,
) -> None:
    """Run ``work`` and answer ``interaction`` with its response.

    ``on_message`` (a button or select) edits the message the component is on;
    otherwise a new private message is sent.  When the interaction waited so long
    to reach us that nothing is left of ``budget``, the event loop is busy: it is
    deferred before ``work`` starts, so its acknowledgement does not queue behind
    everyone's work (and the last members of a burst are not acknowledged last),
    and the work waits until the others in hand are acknowledged too.
    """
    started: asyncio.Future[Response] | None = None
    with acks.awaiting():
        left = remaining(interaction, budget)
        if left >= MIN_BUDGET:
            started = asyncio.ensure_future(work)
            done, _ = await asyncio.wait({started}, timeout=left)
            if started in done:
                rendered = render(started.result(), ctx)
                await first_response(interaction, rendered, ctx, on_message=on_message)
                return
        try:
            await _defer(interaction, on_message)
        except BaseException:
            if started is None and inspect.iscoroutine(work):
                work.close()  # never started, so never to be awaited
            raise
    if started is None:
        await acks.after_others()
    result = await (work if started is None else started)
    await late_response(interaction, render(result, ctx), ctx, on_message=on_message)


async def _defer(interaction: discord.Interaction[Any], on_message: bool) -> None:
    if on_message:
        await interaction.response.defer()
    else:
        await interaction.response.defer(ephemeral=True, thinking=True)


def remaining(interaction: discord.Interaction[Any], budget: float) -> float:
    """What is left of ``budget`` given how long ago Discord created the interaction.

    Discord's three seconds start at creation, not when a busy bot gets to the
    event.  The age is clamped so a skewed local clock cannot make it absurd.
    """
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    return budget - min(max(age, 0.0), budget)


def _can_open_modal(interaction: discord.Interaction[Any]) -> bool:
    # Discord accepts a modal only as the first answer to a command or component.
    return interaction.type in (
        discord.InteractionType.application_command,
        discord.InteractionType.component,
    )


async def first_response(
    interaction: discord.Interaction[Any],
    rendered: Rendered,
    ctx: RenderContext,
    *,
    on_message: bool,
) -> None:
    """Send ``rendered`` as the interaction's first response."""
    if isinstance(rendered, ModalOut):
        if _can_open_modal(interaction):
            await interaction.response.send_modal(rendered.modal)
            return
        rendered = open_form_message(rendered.form, ctx)
    single = len(rendered.chunks) == 1
    if on_message and not rendered.public:
        await interaction.response.edit_message(
            content=rendered.chunks[0],
            view=rendered.view if single else None,
            attachments=rendered.files() if single else [],
            allowed_mentions=NO_MENTIONS,
        )
    else:
        kwargs: dict[str, Any] = {
            "ephemeral": not rendered.public,
            "allowed_mentions": NO_MENTIONS,
            "suppress_embeds": True,
        }
        if single:
            kwargs.update(_extras(rendered))
        await interaction.response.send_message(rendered.chunks[0], **kwargs)
    await _followups(interaction, rendered, rendered.chunks[1:])


async def late_response(
    interaction: discord.Interaction[Any],
    rendered: Rendered,
    ctx: RenderContext,
    *,
    on_message: bool,
) -> None:
    """Send ``rendered`` after the interaction was deferred."""
    if isinstance(rendered, ModalOut):
        rendered = open_form_message(rendered.form, ctx)
    if on_message and not rendered.public:
        single = len(rendered.chunks) == 1
        await interaction.edit_original_response(
            content=rendered.chunks[0],
            view=rendered.view if single else None,
            attachments=rendered.files() if single else [],
            allowed_mentions=NO_MENTIONS,
        )
        await _followups(interaction, rendered, rendered.chunks[1:])
        return
    await _followups(interaction, rendered, rendered.chunks)


async def _followups(
    interaction: discord.Interaction[Any], rendered: MessageOut, chunks: list[str]
) -> None:
    for i, chunk in enumerate(chunks):
        kwargs: dict[str, Any] = {
            "ephemeral": not rendered.public,
            "allowed_mentions": NO_MENTIONS,
            "suppress_embeds": True,
        }
        if i == len(chunks) - 1:
            kwargs.update(_extras(rendered))
        await interaction.followup.send(chunk, **kwargs)


def _extras(rendered: MessageOut) -> dict[str, Any]:
    extras: dict[str, Any] = {}
    if rendered.view is not None:
        extras["view"] = rendered.view
    if rendered.attachments:
        extras["files"] = rendered.files()
    return extras


async def send_to_channel(
    channel: discord.abc.Messageable,
    rendered: MessageOut,
    nonce: str | None = None,
    marker: int | None = None,
) -> discord.Message | None:
    """Send ``rendered`` as ordinary messages; return the last one sent.

    With a ``marker`` the last part is a components-v2 message whose text component
    carries it, so the message can be found again once Discord has forgotten the nonce.
    """
    if marker is not None and rendered.view is not None:
        raise ValueError("a marked message cannot carry buttons")
    last: discord.Message | None = None
    for i, chunk in enumerate(rendered.chunks):
        kwargs: dict[str, Any] = {"allowed_mentions": NO_MENTIONS, "suppress_embeds": True}
        if nonce is not None:
            # discord.py sends ``enforce_nonce`` with every nonce (and takes no such
            # argument), so a retried request within Discord's window cannot post twice.
            kwargs["nonce"] = f"{nonce[:23]}{i:02d}"
        if i < len(rendered.chunks) - 1:
            last = await channel.send(chunk, **kwargs)
        elif marker is not None:
            files = rendered.files()
            view = views.marked_view(chunk, marker, files)
            last = await channel.send(view=view, files=files, **kwargs)
        else:
            last = await channel.send(chunk, **kwargs, **_extras(rendered))
    return last
