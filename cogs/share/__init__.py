"""Sharing a story: the private form, the anonymized preview, confirm / edit / cancel."""

from __future__ import annotations

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
from bot.core.intake import NOTE_MAX, Draft, Mode, Problem
from bot.core.resources import crisis_lines, for_themes
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
    community = services.community

    async def needs_review(draft: Draft) -> bool:
        moderated = bool(await community.get(draft.community_id, "moderation"))
        return moderated or draft.analysis.crisis

    async def show_preview(inv: Invocation, text: str, note: str, mode: Mode) -> Response:
        outcome = await intake.preview(inv, text, note, mode)
        if isinstance(outcome, Problem):
            limit = int(await community.get(inv.community_id, "daily_limit"))
            return _problem_reply(outcome, limit, len(text))
        catalog = await community.catalog(inv.community_id)
        labels = [t.label for t in (catalog.get(i) for i in outcome.analysis.themes) if t]
        crisis = []
        if outcome.analysis.crisis:
            values = await community.all(inv.community_id)
            shown = await services.resources.for_community(
                inv.community_id, values["hidden_resources"]
            )
            crisis = crisis_lines(shown, values["region"])
        schedule = await community.schedule(inv.community_id)
        text_out = preview_text(outcome, schedule, await needs_review(outcome), labels, crisis)
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
            return refusal_reply(problem, int(await community.get(inv.community_id, "daily_limit")))
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
        outcome = await intake.confirm(draft, await needs_review(draft))
        values = await community.all(inv.community_id)
        if isinstance(outcome, Problem):
            return refusal_reply(outcome, int(values["daily_limit"]))
        shown = await services.resources.for_community(inv.community_id, values["hidden_resources"])
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
