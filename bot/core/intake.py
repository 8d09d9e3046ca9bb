"""From a member's words to a stored, anonymized story.

This is the only place the original text exists: in memory, in a draft, between
the form and the member's confirmation. Drafts expire, and are dropped on
confirm or cancel. Only the anonymized text and themes are ever stored.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from bot.api import FIELD_TEXT_MAX, Invocation
from bot.core.batching import Coalescer, GroupCommit, Statements
from bot.core.clock import Clock, timestamp
from bot.core.guard import Guard, Refusal, in_chunks
from bot.core.privacy import Author, Pseudonyms
from bot.core.receipts import new_code, receipt_hash
from bot.core.redaction import Analysis, Engine
from bot.core.settings import CommunitySettings, catalog_of
from bot.core.textclean import clean_text
from bot.core.themes import ThemeCatalog, default_catalog
from bot.core.weeks import iso_week, local_day
from bot.store.counts import bump
from bot.store.db import Database, Transaction
from bot.store.stories import NewStory, Stories

log = logging.getLogger(__name__)

DRAFT_TTL = timedelta(minutes=30)
NOTE_MAX = 100
# Analysing this much text takes about a millisecond: quicker done at once than
# handed to a thread, which cannot run it alongside the event loop anyway (the GIL).
INLINE_ANALYSIS_MAX = 1000
# Confirmations written in one transaction at most (a bound on its size, not a target).
MAX_GROUP = 1000
# Invented, and shaped like a story so that analysing it loads everything a story needs.
WARM_UP = "On my way home a man followed me and kept asking where I live."


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
        # Insertion order is expiry order (every draft lives DRAFT_TTL), so expiring
        # looks only at the oldest drafts instead of all of them on every call.
        self._drafts: dict[str, Draft] = {}
        self._limits: Coalescer[str, Problem | None] = Coalescer(self._problems, None)
        self._reads: Coalescer[str, dict[str, Any]] = Coalescer(self._read_values, {})
        self._duplicates: Coalescer[str, bool] = Coalescer(self._find_duplicates, False)
        self._catalogs: dict[str, tuple[str, ThemeCatalog]] = {}
        self._warm: asyncio.Future[None] | None = None
        # A group costs the store the same few statements however many it holds, so
        # a burst is best written in few groups.
        self._commits: GroupCommit[tuple[Draft, bool | None], Receipt | Problem] = GroupCommit(
            self._store, max_group=MAX_GROUP
        )

    def _expire(self) -> None:
        now = self._clock.now().timestamp()
        while self._drafts:
            oldest = next(iter(self._drafts.values()))
            if oldest.expires_at > now:
                break
            del self._drafts[oldest.id]

    async def values(self, community_id: str) -> dict[str, Any]:
        """Every setting of a community, read once for everyone asking at the same moment."""
        return dict(await self._reads.get(community_id, ""))

    async def _read_values(self, community_id: str, _: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {"": await self._settings.all(community_id)}

    def catalog(self, community_id: str, values: dict[str, Any]) -> ThemeCatalog:
        """The themes in a community's settings, built again only when they change.

        A catalog compiles its matcher on first use, so keeping it saves that work
        on every story, not just the building.
        """
        key = json.dumps(
            [values["themes_added"], values["themes_removed"], values["theme_keywords"]],
            sort_keys=True,
        )
        cached = self._catalogs.get(community_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        catalog = catalog_of(values)
        self._catalogs[community_id] = (key, catalog)
        return catalog

    async def check_limit(self, inv: Invocation) -> Problem | None:
        """Whether the member may share now: not blocked, cooling down, or over today's limit.

        This runs before each form opens, so members asking at the same moment are
        checked together (see :class:`Coalescer`), each against the store as it is.
        """
        # If nothing warmed the engine yet, the member will spend a while writing:
        # time enough to load what analysing their story needs.
        self.warm_up()
        author = await self._pseudonyms.author(inv.community_id, inv.user)
        return await self._limits.get(inv.community_id, author.pseudonym)

    def warm_up(self) -> None:
        """Start loading what analysis needs, in the background, unless already done.

        The first analysis loads word lists and compiles patterns (a large part of a
        second of work); the app waits for it (:meth:`warmed`) before platforms
        connect, so it is done before members arrive rather than while a burst of
        them is being answered.
        """
        if self._warm is None:
            self._warm = asyncio.ensure_future(self._warm_up())

    async def warmed(self) -> None:
        """Load what analysis needs (in a thread, see :meth:`warm_up`) and return when done."""
        self.warm_up()
        if self._warm is not None:
            await asyncio.shield(self._warm)

    async def _warm_up(self) -> None:
        # The first analysis loads word lists and compiles patterns (a large part of
        # a second): done in a thread, so no member's preview waits for it on the loop.
        try:
            await asyncio.to_thread(self._engine.analyze, WARM_UP, default_catalog())
        except Exception:
            # Only a fixed phrase was analysed, so the error carries nothing of anyone's.
            log.exception("warming up the redaction engine failed")
            self._warm = None

    async def _analyze(self, story: str, catalog: ThemeCatalog) -> Analysis:
        warm = self._warm
        ready = warm is not None and warm.done() and not warm.cancelled()
        if ready and len(story) <= INLINE_ANALYSIS_MAX:
            return self._engine.analyze(story, catalog)
        # Long stories (and any before the engine is warm) go to a thread, where the
        # interpreter switches back to the event loop every few milliseconds.
        return await asyncio.to_thread(self._engine.analyze, story, catalog)

    async def _problems(self, community_id: str, authors: Sequence[str]) -> dict[str, Problem]:
        """Why any of these author pseudonyms cannot share now; the rest may."""
        # One settings read serves every check of every member in the round.
        values = await self._settings.all(community_id)
        refused = await self._guard.refusals(community_id, authors, values)
        found = {
            author: Problem.BLOCKED if refusal is Refusal.BLOCKED else Problem.COOLDOWN
            for author, refusal in refused.items()
        }
        limit = int(values["daily_limit"])
        day = local_day(self._clock.now(), values["timezone"])
        for chunk in in_chunks([a for a in authors if a not in found]):
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT author, n FROM submission_counts "  # noqa: S608 - only "?" marks added
                f"WHERE community_id = ? AND day = ? AND author IN ({marks})",
                community_id,
                day,
                *chunk,
            )
            found.update((str(r[0]), Problem.DAILY_LIMIT) for r in rows if int(r[1]) >= limit)
        return found

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
        # Independent reads, so asked together: under a burst each costs a round of
        # the store, and rounds one after another are what members wait for.
        checked: tuple[Problem | None, dict[str, Any]] = await asyncio.gather(
            self.check_limit(inv), self.values(inv.community_id)
        )
        limited, values = checked
        if limited is not None:
            return limited
        analysis = await self._analyze(story, self.catalog(inv.community_id, values))
        fingerprint = await self._guard.fingerprint(analysis.redacted)
        if await self._duplicates.get(inv.community_id, fingerprint):
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
        if draft.expires_at <= self._clock.now().timestamp():
            # Behind a younger draft if the clock ever stepped back; expired all the same.
            return None
        author = await self._pseudonyms.author(inv.community_id, inv.user)
        return draft if author.pseudonym == draft.author.pseudonym else None

    async def _find_duplicates(
        self, community_id: str, fingerprints: Sequence[str]
    ) -> dict[str, bool]:
        found = await self._guard.duplicates(community_id, fingerprints)
        return dict.fromkeys(found, True)

    def cancel(self, draft_id: str) -> None:
        """Forget a draft; nothing of it was ever stored."""
        self._drafts.pop(draft_id, None)

    @staticmethod
    def needs_review(draft: Draft, values: dict[str, Any]) -> bool:
        """Whether organizers see the story first: the community moderates, or it is in crisis."""
        return bool(values["moderation"]) or draft.analysis.crisis

    async def confirm(self, draft: Draft, needs_review: bool | None = None) -> Receipt | Problem:
        """Store the anonymized story (or only its themes) and drop the original.

        Confirmations arriving together are written in one transaction (see
        :class:`GroupCommit`); the receipt comes back only once it has committed.
        Without ``needs_review``, :meth:`needs_review` decides with the settings the
        group reads anyway, so the caller need not read them first.
        """
        self._drafts.pop(draft.id, None)
        return await self._commits.submit((draft, needs_review))

    async def _store(
        self, confirmed: Sequence[tuple[Draft, bool | None]]
    ) -> list[Receipt | Problem]:
        """Write confirmed drafts in one transaction; one outcome per draft, in order."""
        now = self._clock.now()
        # Read directly: the group is already one read for everyone in it.
        values = {c: await self._settings.all(c) for c in {d.community_id for d, _ in confirmed}}
        days = {c: local_day(now, v["timezone"]) for c, v in values.items()}
        weeks = {c: iso_week(now, v["timezone"]) for c, v in values.items()}
        outcomes: list[Receipt | Problem] = []
        counted: Counter[tuple[str, str, str, str]] = Counter()
        bumps: Counter[tuple[str, str, str]] = Counter()
        stories: list[NewStory] = []
        async with self._db.transaction() as tx:
            used = await self._used_today(tx, confirmed, days)
            for draft, review in confirmed:
                community, author = draft.community_id, draft.author
                day, week = days[community], weeks[community]
                # Counted in order, so two stories of one member in a group meet the
                # limit exactly as they would one after the other.
                if used[(community, author.pseudonym)] >= int(values[community]["daily_limit"]):
                    outcomes.append(Problem.DAILY_LIMIT)
                    continue
                used[(community, author.pseudonym)] += 1
                counted[(community, author.pseudonym, author.key_id, day)] += 1
                themes = draft.analysis.themes
                bumps[(community, week, "received")] += 1
                bumps.update((community, week, f"theme:{theme}") for theme in themes)
                if draft.mode is Mode.COUNT:
                    bumps[(community, week, "count_only")] += 1
                    outcomes.append(Receipt(None, "counted", themes))
                    continue
                code = new_code()
                if review is None:
                    review = self.needs_review(draft, values[community])
                status = "review" if review else "queued"
                stories.append(
                    NewStory(
                        id=secrets.token_hex(10),
                        community_id=community,
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
                    )
                )
                outcomes.append(Receipt(code, status, themes))
            if counted:
                await tx.executemany(
                    "INSERT INTO submission_counts (community_id, author, key_id, day, n) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (community_id, author, day) "
                    "DO UPDATE SET n = submission_counts.n + excluded.n",
                    [(*key, n) for key, n in counted.items()],
                )
                await self._guard.record_many(
                    tx,
                    [
                        (draft.community_id, draft.author, "submit", draft.fingerprint)
                        for (draft, _), outcome in zip(confirmed, outcomes, strict=True)
                        if isinstance(outcome, Receipt)
                    ],
                )
            # Each repository writes a row at a time; collected, every statement goes
            # to the store once for the whole group instead of once per story.
            writes = Statements()
            for (community, week, metric), n in bumps.items():
                await bump(writes, community, week, metric, n)
            for story in stories:
                await self._stories.add(writes, story)
            await writes.send(tx)
        return outcomes

    async def _used_today(
        self, tx: Transaction, confirmed: Sequence[tuple[Draft, bool | None]], days: dict[str, str]
    ) -> Counter[tuple[str, str]]:
        """Stories each author in the group has already submitted today, by community."""
        authors: dict[str, list[str]] = {}
        for draft, _ in confirmed:
            authors.setdefault(draft.community_id, []).append(draft.author.pseudonym)
        used: Counter[tuple[str, str]] = Counter()
        for community, pseudonyms in authors.items():
            for chunk in in_chunks(pseudonyms):
                marks = ",".join("?" * len(chunk))
                rows = await tx.fetch_all(
                    "SELECT author, n FROM submission_counts "  # noqa: S608 - only "?" marks added
                    f"WHERE community_id = ? AND day = ? AND author IN ({marks})",
                    community,
                    days[community],
                    *chunk,
                )
                used.update({(community, str(r[0])): int(r[1]) for r in rows})
        return used
