"""Sharing a story: the private form, the anonymized preview, confirm / edit / cancel."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from bot import messages
from bot.api import (
    FIELD_TEXT_MAX,
    Button,
    ButtonStyle,
    Choice,
    Cog,
    Field,
    FieldStyle,
    Form,
    FormErrors,
    Invocation,
    Reply,
    Response,
)
from bot.app import Services
from bot.core.batching import Coalescer
from bot.core.intake import NOTE_MAX, Mode, Problem
from bot.core.resources import Resource, crisis_lines, for_themes
from bot.core.settings import schedule_of
from cogs.share._preview import format_resources, preview_text

FORM = Form(
    id="share",
    title=messages.SHARE_TITLE,
    fields=(
        Field(
            "story",
            messages.STORY_LABEL,
            FieldStyle.PARAGRAPH,
            placeholder=messages.STORY_PLACEHOLDER[:100],
        ),
        Field(
            "note",
            messages.NOTE_LABEL,
            required=False,
            max_length=NOTE_MAX,
            placeholder=messages.NOTE_PLACEHOLDER,
        ),
        Field(
            "mode",
            messages.MODE_LABEL,
            FieldStyle.CHOICE,
            default=Mode.PUBLISH.value,
            choices=(
                Choice(messages.MODE_PUBLISH, Mode.PUBLISH.value),
                Choice(messages.MODE_COUNT, Mode.COUNT.value),
            ),
        ),
    ),
)


def _problem_reply(problem: Problem, limit: int, length: int) -> FormErrors | Reply:
    if problem is Problem.EMPTY:
        return FormErrors({"story": messages.STORY_EMPTY})
    if problem is Problem.TOO_LONG:
        text = messages.STORY_TOO_LONG.format(length=length, limit=FIELD_TEXT_MAX)
        return FormErrors({"story": text})
    if problem is Problem.NOTE_TOO_LONG:
        return FormErrors({"note": messages.NOTE_TOO_LONG.format(limit=NOTE_MAX)})
    return refusal_reply(problem, limit)


def refusal_reply(problem: Problem, limit: int) -> Reply:
    """The kind reply for a member who cannot share this story now."""
    text = {
        Problem.BLOCKED: messages.SHARE_BLOCKED,
        Problem.COOLDOWN: messages.SHARE_COOLDOWN,
        Problem.DUPLICATE: messages.SHARE_DUPLICATE,
    }.get(problem, messages.DAILY_LIMIT.format(limit=limit))
    return Reply(text, final=True)


def setup(services: Services) -> Cog:
    """The share cog."""
    cog = Cog("share")
    intake = services.intake

    async def read_resources(community_id: str, hidden: Sequence[str]) -> dict[str, list[Resource]]:
        # Keyed by the hidden list, which every member of the community shares.
        found = {}
        for key in hidden:
            found[key] = await services.resources.for_community(community_id, json.loads(key))
        return found

    # Members confirming at the same moment share one read of the community's resources.
    resources: Coalescer[str, list[Resource]] = Coalescer(read_resources, [])

    async def shown_resources(community_id: str, values: dict[str, Any]) -> list[Resource]:
        return await resources.get(community_id, json.dumps(values["hidden_resources"]))

    async def show_preview(inv: Invocation, text: str, note: str, mode: Mode) -> Response:
        # One read of the settings serves the whole preview, made alongside the
        # preview's own reads and shared with everyone previewing at the same moment.
        outcome, values = await asyncio.gather(
            intake.preview(inv, text, note, mode), intake.values(inv.community_id)
        )
        if isinstance(outcome, Problem):
            return _problem_reply(outcome, int(values["daily_limit"]), len(text))
        catalog = intake.catalog(inv.community_id, values)
        labels = [t.label for t in (catalog.get(i) for i in outcome.analysis.themes) if t]
        crisis = []
        if outcome.analysis.crisis:
            shown = await shown_resources(inv.community_id, values)
            crisis = crisis_lines(shown, values["region"])
        schedule = schedule_of(values)
        review = intake.needs_review(outcome, values)
        text_out = preview_text(outcome, schedule, review, labels, crisis)
        confirm = messages.SHARE_ANYWAY if crisis else messages.CONFIRM
        return Reply(
            text_out,
            buttons=(
                Button(confirm, "share.confirm", outcome.id, ButtonStyle.PRIMARY),
                Button(messages.EDIT, "share.edit", outcome.id),
                Button(messages.CANCEL, "share.cancel", outcome.id, ButtonStyle.DANGER),
            ),
        )

    @cog.command("share", "Share an experience privately and anonymously", dm_allowed=True)
    async def share(inv: Invocation) -> Response:
        problem = await intake.check_limit(inv)
        if problem is not None:
            limit = int((await intake.values(inv.community_id))["daily_limit"])
            return refusal_reply(problem, limit)
        return FORM

    @cog.form(FORM)
    async def submitted(inv: Invocation, values: dict[str, str], state: str) -> Response:
        if state:
            intake.cancel(state)  # an edit replaces the earlier draft
        mode = Mode.COUNT if values.get("mode") == Mode.COUNT.value else Mode.PUBLISH
        return await show_preview(inv, values.get("story", ""), values.get("note", ""), mode)

    async def direct(inv: Invocation, text: str) -> Response:
        return await show_preview(inv, text, "", Mode.PUBLISH)

    cog.direct_message = direct

    @cog.button("share.confirm")
    async def confirm(inv: Invocation, draft_id: str) -> Response:
        draft = await intake.draft(inv, draft_id)
        if draft is None:
            return Reply(messages.EXPIRED, final=True)
        # What the receipt needs does not depend on the story being stored: read
        # alongside the write, rather than one after the other.
        stored = asyncio.ensure_future(intake.confirm(draft))
        try:
            values = await intake.values(inv.community_id)
            shown = await shown_resources(inv.community_id, values)
        finally:
            outcome = await stored
        if isinstance(outcome, Problem):
            return refusal_reply(outcome, int(values["daily_limit"]))
        helpful = for_themes(shown, values["region"], outcome.themes)
        if outcome.code is None:
            text = messages.RECEIPT_COUNT_ONLY
        else:
            state = messages.STATUS[outcome.status]
            text = messages.RECEIPT.format(state=state, code=outcome.code)
        if helpful:
            text += f"\n\n{messages.RESOURCES_AFTER}\n{format_resources(helpful)}"
        return Reply(text, final=True)

    @cog.button("share.edit")
    async def edit(inv: Invocation, draft_id: str) -> Response:
        draft = await intake.draft(inv, draft_id)
        if draft is None:
            return Reply(messages.EXPIRED, final=True)
        values = {"story": draft.text, "note": draft.content_note or "", "mode": draft.mode.value}
        return FORM.prefilled(values, state=draft.id)

    @cog.button("share.cancel")
    async def cancel(inv: Invocation, draft_id: str) -> Response:
        intake.cancel(draft_id)
        return Reply(messages.CANCELLED, final=True)

    return cog
