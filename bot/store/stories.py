"""The stories table: anonymized text waiting to be posted, and its posting state."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.store.counts import bump
from bot.store.db import Database, Row, Transaction

# Every query below interpolates only this constant column list, never input.
_COLUMNS = (
    "id, community_id, status, text, content_note, themes, week, queued_at, "
    "claimed_at, posted_at, channel_id, message_id, claimed_by"
)


@dataclass(frozen=True)
class Story:
    """A stored story; never carries its author's identity."""

    id: str
    community_id: str
    status: str
    text: str | None
    content_note: str | None
    themes: tuple[str, ...]
    week: str
    queued_at: int
    claimed_at: int | None
    posted_at: int | None
    channel_id: str | None
    message_id: str | None
    claimed_by: str | None = None


def _story(row: Row) -> Story:
    return Story(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        tuple(json.loads(row[5])),
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
    )


@dataclass(frozen=True)
class Waiting:
    """A queued story as the publisher chooses among them: no text, just its age."""

    id: str
    queued_at: int


@dataclass(frozen=True)
class NewStory:
    """What intake stores on confirmation."""

    id: str
    community_id: str
    receipt_hash: str
    status: str
    text: str
    content_note: str | None
    themes: tuple[str, ...]
    week: str
    author: str
    key_id: str
    queued_at: int


class Stories:
    """Repository of stories."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, tx: Transaction, story: NewStory) -> None:
        """Insert a confirmed story."""
        await tx.execute(
            "INSERT INTO stories (id, community_id, receipt_hash, status, text, content_note, "
            "themes, week, author, key_id, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            story.id,
            story.community_id,
            story.receipt_hash,
            story.status,
            story.text,
            story.content_note,
            json.dumps(list(story.themes)),
            story.week,
            story.author,
            story.key_id,
            story.queued_at,
        )

    async def by_receipt(self, community_id: str, receipt_hash: str) -> Story | None:
        """The story with this receipt in this community."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM stories WHERE community_id = ? AND receipt_hash = ?",  # noqa: S608
            community_id,
            receipt_hash,
        )
        return _story(row) if row else None

    async def get(self, story_id: str) -> Story | None:
        """A story by id."""
        row = await self._db.fetch_one(f"SELECT {_COLUMNS} FROM stories WHERE id = ?", story_id)  # noqa: S608
        return _story(row) if row else None

    async def delete(self, story: Story) -> bool:
        """Delete a story outright and count the withdrawal; False if already gone."""
        async with self._db.transaction() as tx:
            gone = await tx.execute("DELETE FROM stories WHERE id = ?", story.id)
            if gone:
                # A withdrawn story no longer counts towards its themes.
                await bump(tx, story.community_id, story.week, "withdrawn")
                for theme in story.themes:
                    await bump(tx, story.community_id, story.week, f"theme:{theme}", -1)
        await self._db.scrub()
        return gone > 0

    async def queued(self, community_id: str) -> list[Story]:
        """Stories waiting to be posted, oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM stories WHERE community_id = ? AND status = 'queued' "  # noqa: S608
            "ORDER BY queued_at",
            community_id,
        )
        return [_story(r) for r in rows]

    async def waiting(self, community_id: str) -> list[Waiting]:
        """Ids and ages of the stories waiting to be posted, oldest first.

        A slot chooses its batch from these; the text is read only for the stories
        it claims, so a long queue costs a few bytes per story, not the whole text.
        """
        rows = await self._db.fetch_all(
            "SELECT id, queued_at FROM stories WHERE community_id = ? AND status = 'queued' "
            "ORDER BY queued_at",
            community_id,
        )
        return [Waiting(str(r[0]), int(r[1])) for r in rows]

    async def claim(
        self, story_ids: Sequence[str], channel_id: str, now: int, token: str = ""
    ) -> list[Story]:
        """Mark those of ``story_ids`` still queued as being posted by process ``token``.

        One statement claims them all and returns the claimed stories, in the order
        of ``story_ids``; a story another process claimed, or is claiming right now,
        is left out. ``SKIP LOCKED`` makes a process pass over rows another is
        claiming instead of queueing behind it, and the ``status`` test, re-checked
        on the newest row version, keeps a story from being claimed twice.
        """
        if not story_ids:
            return []
        marks = ", ".join("?" for _ in story_ids)
        # Only placeholders and the constant column list are interpolated.
        rows = await self._db.fetch_all(
            "UPDATE stories SET status = 'posting', claimed_at = ?, channel_id = ?, "  # noqa: S608
            "claimed_by = ? WHERE id IN (SELECT id FROM stories WHERE status = 'queued' "
            f"AND id IN ({marks}) FOR UPDATE SKIP LOCKED) RETURNING {_COLUMNS}",
            now,
            channel_id,
            token,
            *story_ids,
        )
        claimed = {story.id: story for story in map(_story, rows)}
        return [claimed[i] for i in story_ids if i in claimed]

    async def release(self, story_ids: Sequence[str], token: str = "") -> None:
        """Put stories this process claimed back in the queue after a failed post."""
        if not story_ids:
            return
        marks = ", ".join("?" for _ in story_ids)
        await self._db.execute(
            "UPDATE stories SET status = 'queued', claimed_at = NULL, channel_id = NULL, "  # noqa: S608 - only marks
            f"claimed_by = NULL WHERE id IN ({marks}) AND status = 'posting' "
            "AND COALESCE(claimed_by, '') = ?",
            *story_ids,
            token,
        )

    async def mark_posted(
        self, posted: Sequence[tuple[Story, str]], now: int, token: str = ""
    ) -> set[str]:
        """Record the platform's message ids of posted stories and count the publications.

        ``posted`` pairs each story with its message id. Returns the ids recorded:
        a story missing from the result is no longer being posted under this
        process's claim (withdrawn meanwhile, or taken over after the lease ran out).
        Every story and the weekly count change in one transaction, so the count
        stays exact, and the shared count row is written once per call, not once
        per story, which keeps processes from queueing on it.
        """
        if not posted:
            return set()
        values = ", ".join("(?, ?)" for _ in posted)
        pairs = [value for story, message_id in posted for value in (story.id, message_id)]
        async with self._db.transaction() as tx:
            # VALUES columns are named column1, column2 on both engines.
            rows = await tx.fetch_all(
                "UPDATE stories SET status = 'posted', message_id = v.column2, posted_at = ?, "  # noqa: S608 - only marks
                f"claimed_by = NULL FROM (VALUES {values}) AS v WHERE stories.id = v.column1 "
                "AND stories.status = 'posting' AND COALESCE(stories.claimed_by, '') = ? "
                "RETURNING stories.id",
                now,
                *pairs,
                token,
            )
            recorded = {str(r[0]) for r in rows}
            weeks = Counter(
                (story.community_id, story.week) for story, _ in posted if story.id in recorded
            )
            # A fixed order, so two processes never wait on each other's rows in a cycle.
            for (community_id, week), n in sorted(weeks.items()):
                await bump(tx, community_id, week, "published", n)
        return recorded

    async def in_flight(self, claimed_before: int | None = None) -> list[Story]:
        """Claimed stories whose post may or may not have been made.

        With ``claimed_before``, only claims older than that moment: those whose
        lease has run out, so their process is presumed dead.
        """
        if claimed_before is None:
            rows = await self._db.fetch_all(
                f"SELECT {_COLUMNS} FROM stories WHERE status = 'posting' ORDER BY claimed_at"  # noqa: S608
            )
        else:
            rows = await self._db.fetch_all(
                f"SELECT {_COLUMNS} FROM stories WHERE status = 'posting' "  # noqa: S608
                "AND claimed_at < ? ORDER BY claimed_at",
                claimed_before,
            )
        return [_story(r) for r in rows]

    async def take_over(self, story: Story, token: str, now: int) -> bool:
        """Move an abandoned claim to process ``token``; False if anyone moved it first."""
        changed = await self._db.execute(
            "UPDATE stories SET claimed_by = ?, claimed_at = ? WHERE id = ? "
            "AND status = 'posting' AND COALESCE(claimed_by, '') = ? AND claimed_at = ?",
            token,
            now,
            story.id,
            story.claimed_by or "",
            story.claimed_at,
        )
        return changed == 1

    async def lease_for_review(self, community_id: str, now: int, seconds: int) -> Story | None:
        """The oldest story awaiting review that no other organizer is looking at."""
        for _ in range(5):
            row = await self._db.fetch_one(
                f"SELECT {_COLUMNS} FROM stories WHERE community_id = ? AND status = 'review' "  # noqa: S608
                "AND (review_lease IS NULL OR review_lease < ?) ORDER BY queued_at, id LIMIT 1",
                community_id,
                now,
            )
            if row is None:
                return None
            taken = await self._db.execute(
                "UPDATE stories SET review_lease = ? WHERE id = ? AND status = 'review' "
                "AND (review_lease IS NULL OR review_lease < ?)",
                now + seconds,
                row[0],
                now,
            )
            if taken:
                return _story(row)
        return None

    async def decide(
        self, story_id: str, status: str, reason: str | None = None, text: str | None = None
    ) -> bool:
        """Approve (status 'queued') or reject (status 'rejected', text dropped) a story.

        Only a story still awaiting review changes, so two organizers deciding at
        once cannot both succeed.
        """
        if status == "rejected":
            changed = await self._db.execute(
                "UPDATE stories SET status = 'rejected', text = NULL, content_note = NULL, "
                "reject_reason = ?, review_lease = NULL WHERE id = ? AND status = 'review'",
                reason,
                story_id,
            )
            await self._db.scrub()
        else:
            changed = await self._db.execute(
                "UPDATE stories SET status = ?, review_lease = NULL WHERE id = ? "
                "AND status = 'review'",
                status,
                story_id,
            )
        return changed == 1

    async def revise(self, story_id: str, text: str) -> bool:
        """Replace the text of a story still awaiting review (redacted further)."""
        changed = await self._db.execute(
            "UPDATE stories SET text = ? WHERE id = ? AND status = 'review'", text, story_id
        )
        await self._db.scrub()
        return changed == 1

    async def reject_reason(self, story_id: str) -> str | None:
        """What organizers told the author when they rejected a story."""
        row = await self._db.fetch_one("SELECT reject_reason FROM stories WHERE id = ?", story_id)
        return str(row[0]) if row and row[0] else None

    async def author_of(self, story_id: str) -> tuple[str, str] | None:
        """The pseudonym and key of a story's author ('' once the key is destroyed)."""
        row = await self._db.fetch_one("SELECT author, key_id FROM stories WHERE id = ?", story_id)
        return (str(row[0]), str(row[1])) if row else None

    async def by_message(self, community_id: str, message_id: str) -> Story | None:
        """The posted story behind a platform message."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM stories WHERE community_id = ? AND message_id = ?",  # noqa: S608
            community_id,
            message_id,
        )
        return _story(row) if row else None

    async def posted_before(self, community_id: str, cutoff: int) -> list[Story]:
        """Posted stories older than ``cutoff``, for retention."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM stories WHERE community_id = ? AND status = 'posted' "  # noqa: S608
            "AND posted_at < ?",
            community_id,
            cutoff,
        )
        return [_story(r) for r in rows]

    async def count(self, community_id: str, status: str) -> int:
        """How many of a community's stories are in ``status``."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM stories WHERE community_id = ? AND status = ?",
            community_id,
            status,
        )
        return int(row[0]) if row else 0
