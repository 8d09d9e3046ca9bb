"""A member's own stories: status and withdrawal by receipt code."""

from __future__ import annotations

import logging

from bot import messages
from bot.api import Cog, Invocation, Option, Reply, Response
from bot.app import Services
from bot.core.receipts import normalise, receipt_hash
from bot.platforms.base import PostingError
from bot.store.stories import Story

log = logging.getLogger(__name__)

CODE = Option("code", "The receipt code you were given, like ABCD-2345", max_length=40)


def setup(services: Services) -> Cog:
    """The stories cog."""
    cog = Cog("stories")
    stories = services.stories

    async def lookup(inv: Invocation, code: str) -> tuple[str, Story] | Reply:
        canonical = normalise(code)
        story = (
            await stories.by_receipt(inv.community_id, receipt_hash(canonical))
            if canonical
            else None
        )
        if canonical is None or story is None:
            return Reply(messages.CODE_UNKNOWN.format(code=code[:40].replace("`", "")))
        return canonical, story

    @cog.command("status", "Check on a story you shared", CODE)
    async def status(inv: Invocation, code: str) -> Response:
        found = await lookup(inv, code)
        if isinstance(found, Reply):
            return found
        canonical, story = found
        text = messages.STATUS_REPLY.format(code=canonical, state=messages.STATUS[story.status])
        reason = await stories.reject_reason(story.id) if story.status == "rejected" else None
        if reason:
            text += "\n" + messages.STATUS_REASON.format(reason=reason)
        return Reply(text)

    @cog.command("withdraw", "Take back a story you shared, even after it was posted", CODE)
    async def withdraw(inv: Invocation, code: str) -> Response:
        found = await lookup(inv, code)
        if isinstance(found, Reply):
            return found
        canonical, story = found
        was_public = story.status in ("posting", "posted")
        if story.status == "rejected":
            was_public = False
        problem = None
        if was_public:
            try:
                await services.publisher.withdraw_post(story)
            except PostingError as exc:
                problem = exc.failure.value
        await stories.delete(story)
        # Withdrawals count towards the cool-down, so bursts cannot probe the schedule.
        author = await services.pseudonyms.author(inv.community_id, inv.user)
        await services.guard.note(inv.community_id, author, "withdraw")
        log.info("a story was withdrawn in %s", inv.community_id)
        if problem is not None:
            return Reply(messages.WITHDRAW_POST_FAILED.format(code=canonical, reason=problem))
        template = messages.WITHDRAWN_POSTED if was_public else messages.WITHDRAWN
        return Reply(template.format(code=canonical))

    return cog
