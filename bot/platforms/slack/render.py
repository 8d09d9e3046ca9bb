"""Rendering neutral responses on Slack: one renderer per response type.

Where a response goes depends on what it answers: a slash command or a button
in a message answers through the ``response_url`` (or opens a modal with the
trigger id); a form or a button inside a modal answers in that modal. Each of
those places is a :class:`Target`; the renderers below pick what to do by
response type and let the target do it in its place.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Protocol

from bot.api import Form, FormErrors, Reply


class Target(Protocol):
    """Where a response to one interaction is shown."""

    async def reply(self, reply: Reply) -> None:
        """Show a reply (private unless it is public)."""

    async def form(self, form: Form) -> None:
        """Show a form as a modal."""

    async def errors(self, errors: FormErrors) -> None:
        """Show validation errors on the form that was submitted."""


@singledispatch
async def render(response: object, target: Target) -> None:
    """Show ``response`` at ``target``."""
    raise TypeError(f"cannot render {type(response).__name__} on Slack")


@render.register
async def _reply(response: Reply, target: Target) -> None:
    await target.reply(response)


@render.register
async def _form(response: Form, target: Target) -> None:
    await target.form(response)


@render.register
async def _errors(response: FormErrors, target: Target) -> None:
    await target.errors(response)
