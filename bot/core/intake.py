"""From a member's words to a stored, anonymized story.

This is the only place the original text exists: in memory, in a draft, between
the form and the member's confirmation. Drafts expire, and are dropped on
confirm or cancel. Only the anonymized text and themes are ever stored.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.api import FIELD_TEXT_MAX, Invocation
from bot.core.clock import Clock, timestamp
from bot.core.guard import Guard, Refusal
from bot.core.privacy import Author, Pseudonyms
from bot.core.receipts import new_code, receipt_hash
from bot.core.redaction import Analysis, Engine
from bot.core.settings import CommunitySettings
from bot.core.textclean import clean_text
from bot.core.weeks import iso_week, local_day
from bot.store.counts import bump, count_submission, submissions_today
from bot.store.db import Database
from bot.store.stories import NewStory, Stories

DRAFT_TTL = timedelta(minutes=30)
NOTE_MAX = 100


class Mode(StrEnum):
    """What the member wants done with their story."""

    PUBLISH = "publish"
    COUNT = "count"


class Problem(StrEnum):
    """Why a submission cannot go ahead."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NOTE_TOO_LONG = "note_too_long"
    DAILY_LIMIT = "daily_limit"
    BLOCKED = "blocked"
    COOLDOWN = "cooldown"
    DUPLICATE = "duplicate"


@dataclass
class Draft:
    """A story between preview and confirmation; lives only in memory."""

    id: str
    community_id: str
    author: Author
    text: str
    content_note: str | None
    mode: Mode
    analysis: Analysis
    expires_at: float
    fingerprint: str

    def __repr__(self) -> str:
        return f"Draft({self.id}, community={self.community_id}, <text hidden>)"


@dataclass(frozen=True)
class Receipt:
    """What the member is given on confirmation."""

    code: str | None
    status: str
    themes: tuple[str, ...]


class Intake:
    """Previews, confirms and cancels submissions."""

    def __init__(
        self,
        db: Database,
        stories: Stories,
        settings: CommunitySettings,
        pseudonyms: Pseudonyms,
        guard: Guard,
        engine: Engine,
        clock: Clock,
    ) -> None:
        self._db = db
        self._stories = stories
        self._settings = settings
        self._pseudonyms = pseudonyms
        self._guard = guard
        self._engine = engine
        self._clock = clock
        self._drafts: dict[str, Draft] = {}

    def _expire(self) -> None:
        now = self._clock.now().timestamp()
        for key in [k for k, d in self._drafts.items() if d.expires_at <= now]:
            del self._drafts[key]

    async def check_limit(self, inv: Invocation) -> Problem | None:
        """Whether the member may share now: not blocked, cooling down, or over today's limit."""
        author = await self._pseudonyms.author(inv.community_id, inv.user)
        # One settings read serves every check: this runs before each form opens.
        values = await self._settings.all(inv.community_id)
        refusal = await self._guard.refusal(inv.community_id, author, values)
        if refusal is Refusal.BLOCKED:
            return Problem.BLOCKED
        if refusal is Refusal.COOLDOWN:
            return Problem.COOLDOWN
        limit = int(values["daily_limit"])
        day = local_day(self._clock.now(), values["timezone"])
        used = await submissions_today(self._db, inv.community_id, author.pseudonym, day)
        return Problem.DAILY_LIMIT if used >= limit else None

    async def preview(
        self, inv: Invocation, text: str, content_note: str, mode: Mode
    ) -> Draft | Problem:
        """Anonymize ``text`` into a draft the member can confirm, or say what is wrong."""
        self._expire()
        story = clean_text(text).strip()
        note = " ".join(clean_text(content_note).split())
        if not story:
            return Problem.EMPTY
        if len(story) > FIELD_TEXT_MAX:
            return Problem.TOO_LONG
        if len(note) > NOTE_MAX:
            return Problem.NOTE_TOO_LONG
        limited = await self.check_limit(inv)
        if limited is not None:
            return limited
        catalog = await self._settings.catalog(inv.community_id)
        # Redaction is CPU work: keep the event loop free for other members.
        analysis = await asyncio.to_thread(self._engine.analyze, story, catalog)
        fingerprint = await self._guard.fingerprint(analysis.redacted)
        if await self._guard.is_duplicate(inv.community_id, fingerprint):
            return Problem.DUPLICATE
        author = await self._pseudonyms.author(inv.community_id, inv.user)
        draft = Draft(
            secrets.token_urlsafe(12),
            inv.community_id,
            author,
            story,
            note or None,
            mode,
            analysis,
            (self._clock.now() + DRAFT_TTL).timestamp(),
            fingerprint,
        )
        self._drafts[draft.id] = draft
        return draft

    async def draft(self, inv: Invocation, draft_id: str) -> Draft | None:
        """The member's own live draft, or None (expired, confirmed, or someone else's)."""
        self._expire()
        draft = self._drafts.get(draft_id)
        if draft is None or draft.community_id != inv.community_id:
            return None
        author = await self._pseudonyms.author(inv.community_id, inv.user)
        return draft if author.pseudonym == draft.author.pseudonym else None

    def cancel(self, draft_id: str) -> None:
        """Forget a draft; nothing of it was ever stored."""
        self._drafts.pop(draft_id, None)

    async def confirm(self, draft: Draft, needs_review: bool) -> Receipt | Problem:
        """Store the anonymized story (or only its themes) and drop the original."""
        self._drafts.pop(draft.id, None)
        now = self._clock.now()
        tz = await self._settings.get(draft.community_id, "timezone")
        limit = int(await self._settings.get(draft.community_id, "daily_limit"))
        week = iso_week(now, tz)
        day = local_day(now, tz)
        themes = draft.analysis.themes
        author = draft.author
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT n FROM submission_counts WHERE community_id = ? AND author = ? AND day = ?",
                draft.community_id,
                author.pseudonym,
                day,
            )
            if row is not None and int(row[0]) >= limit:
                return Problem.DAILY_LIMIT
            await count_submission(tx, draft.community_id, author.pseudonym, author.key_id, day)
            await self._guard.record(tx, draft.community_id, author, "submit", draft.fingerprint)
            await bump(tx, draft.community_id, week, "received")
            for theme in themes:
                await bump(tx, draft.community_id, week, f"theme:{theme}")
            if draft.mode is Mode.COUNT:
                await bump(tx, draft.community_id, week, "count_only")
                return Receipt(None, "counted", themes)
            code = new_code()
            status = "review" if needs_review else "queued"
            await self._stories.add(
                tx,
                NewStory(
                    id=secrets.token_hex(10),
                    community_id=draft.community_id,
                    receipt_hash=receipt_hash(code),
                    status=status,
                    text=draft.analysis.redacted,
                    content_note=draft.content_note,
                    themes=themes,
                    week=week,
                    author=author.pseudonym,
                    key_id=author.key_id,
                    # Minute precision: enough for eligibility, less to correlate.
                    queued_at=timestamp(now) // 60 * 60,
                ),
            )
        return Receipt(code, status, themes)
