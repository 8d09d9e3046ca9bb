"""Moderation: organizers review anonymized stories and block authors without knowing them."""

from __future__ import annotations

import re

from bot import messages
from bot.api import (
    Button,
    ButtonStyle,
    Choice,
    Cog,
    Field,
    FieldStyle,
    Form,
    Invocation,
    Option,
    Reply,
    Response,
    Role,
)
from bot.app import Services
from bot.core.clock import timestamp
from bot.store.stories import Story

REVIEW_LEASE_SECONDS = 600
BLOCK_DAYS = ("7", "30", "90")

REJECT_FORM = Form(
    "review-reject",
    messages.REJECT_TITLE,
    (
        Field(
            "reason",
            messages.REJECT_LABEL,
            FieldStyle.PARAGRAPH,
            required=False,
            max_length=300,
            placeholder=messages.REJECT_PLACEHOLDER,
        ),
    ),
    submit_label="Reject",
)
REDACT_FORM = Form(
    "review-redact",
    messages.REDACT_TITLE,
    (Field("words", messages.REDACT_LABEL, max_length=300),),
    submit_label="Mask",
)
BLOCK_FORM = Form(
    "review-block",
    messages.BLOCK_TITLE,
    (
        Field(
            "days",
            messages.BLOCK_LABEL,
            FieldStyle.CHOICE,
            default="30",
            choices=tuple(Choice(f"{d} days", d) for d in BLOCK_DAYS),
        ),
    ),
    submit_label="Block",
)


def mask(text: str, words: list[str]) -> tuple[str, int]:
    """Replace each whole-word occurrence of ``words`` with ``[removed]``."""
    total = 0
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        text, n = re.subn(rf"(?<!\w){re.escape(word)}(?!\w)", "[removed]", text, flags=re.I)
        total += n
    return text, total


def setup(services: Services) -> Cog:
    """The review cog."""
    cog = Cog("review")
    stories = services.stories

    async def show(inv: Invocation, story: Story, lead: str = "") -> Reply:
        waiting = await stories.count(inv.community_id, "review")
        catalog = await services.community.catalog(inv.community_id)
        labels = [t.label for t in (catalog.get(i) for i in story.themes) if t]
        parts = [lead] if lead else []
        parts.append(messages.REVIEW_HEADER.format(waiting=waiting))
        if story.content_note:
            parts.append(messages.PREVIEW_NOTE.format(note=story.content_note))
        parts.append("\n".join(f"> {line}" for line in (story.text or "").splitlines()))
        if labels:
            parts.append(messages.REVIEW_THEMES.format(themes=", ".join(labels)))
        return Reply(
            "\n\n".join(parts),
            buttons=(
                Button(messages.APPROVE, "review.approve", story.id, ButtonStyle.PRIMARY),
                Button(messages.REJECT, "review.reject", story.id, ButtonStyle.DANGER),
                Button(messages.REDACT_MORE, "review.redact", story.id),
                Button(messages.BLOCK_AUTHOR, "review.block", story.id),
            ),
        )

    async def next_story(inv: Invocation, lead: str = "") -> Reply:
        now = timestamp(services.clock.now())
        story = await stories.lease_for_review(inv.community_id, now, REVIEW_LEASE_SECONDS)
        if story is None:
            text = f"{lead}\n\n{messages.REVIEW_NONE}" if lead else messages.REVIEW_NONE
            return Reply(text, final=True)
        return await show(inv, story, lead)

    async def own(inv: Invocation, story_id: str) -> Story | None:
        story = await stories.get(story_id)
        return story if story is not None and story.community_id == inv.community_id else None

    @cog.command("review", "Review stories waiting before they are posted", role=Role.ORGANIZER)
    async def review(inv: Invocation) -> Response:
        return await next_story(inv)

    @cog.button("review.approve", Role.ORGANIZER)
    async def approve(inv: Invocation, story_id: str) -> Response:
        story = await own(inv, story_id)
        if story is None or not await stories.decide(story.id, "queued"):
            return await next_story(inv, messages.REVIEW_ALREADY)
        return await next_story(inv, messages.REVIEW_APPROVED)

    @cog.button("review.reject", Role.ORGANIZER)
    async def reject(inv: Invocation, story_id: str) -> Response:
        return REJECT_FORM.prefilled({}, state=story_id)

    @cog.form(REJECT_FORM, Role.ORGANIZER)
    async def rejected(inv: Invocation, values: dict[str, str], story_id: str) -> Response:
        story = await own(inv, story_id)
        reason = " ".join(values.get("reason", "").split())[:300] or None
        if story is None or not await stories.decide(story.id, "rejected", reason=reason):
            return await next_story(inv, messages.REVIEW_ALREADY)
        return await next_story(inv, messages.REVIEW_REJECTED)

    @cog.button("review.redact", Role.ORGANIZER)
    async def redact(inv: Invocation, story_id: str) -> Response:
        return REDACT_FORM.prefilled({}, state=story_id)

    @cog.form(REDACT_FORM, Role.ORGANIZER)
    async def redacted(inv: Invocation, values: dict[str, str], story_id: str) -> Response:
        story = await own(inv, story_id)
        if story is None or story.status != "review":
            return await next_story(inv, messages.REVIEW_ALREADY)
        words = [w.strip() for w in values.get("words", "").split(",")]
        text, count = mask(story.text or "", words)
        if not count:
            return await show(inv, story, messages.REVIEW_NOTHING_MASKED)
        if not await stories.revise(story.id, text):
            return await next_story(inv, messages.REVIEW_ALREADY)
        updated = await stories.get(story.id)
        if updated is None:
            return await next_story(inv, messages.REVIEW_ALREADY)
        return await show(inv, updated, messages.REVIEW_REDACTED.format(count=count))

    async def block_story(inv: Invocation, story: Story, days: int) -> Reply:
        link = await stories.author_of(story.id)
        if link is None or not await services.guard.block(inv.community_id, *link, days=days):
            return Reply(messages.BLOCK_UNLINKABLE)
        return Reply(messages.BLOCKED_AUTHOR.format(days=days))

    @cog.button("review.block", Role.ORGANIZER)
    async def block_button(inv: Invocation, story_id: str) -> Response:
        return BLOCK_FORM.prefilled({}, state=story_id)

    @cog.form(BLOCK_FORM, Role.ORGANIZER)
    async def blocked(inv: Invocation, values: dict[str, str], story_id: str) -> Response:
        story = await own(inv, story_id)
        if story is None:
            return Reply(messages.BLOCK_UNLINKABLE)
        days = int(values.get("days") or 30) if values.get("days") in BLOCK_DAYS else 30
        reply = await block_story(inv, story, days)
        return await next_story(inv, reply.text)

    @cog.command(
        "block",
        "Block the unknown author of a posted story from sharing again",
        Option("post", "The post's message id or link", max_length=200),
        Option(
            "days",
            "How long",
            required=False,
            choices=tuple(Choice(f"{d} days", d) for d in BLOCK_DAYS),
        ),
        role=Role.ORGANIZER,
    )
    async def block(inv: Invocation, post: str, days: str | None) -> Response:
        message_id = re.split(r"[/|]", post.strip().rstrip(">"))[-1].strip("<>")
        story = await stories.by_message(inv.community_id, message_id)
        if story is None:
            return Reply(messages.BLOCK_UNKNOWN_POST.format(post=post[:60].replace("`", "")))
        return await block_story(inv, story, int(days or 30))

    return cog
