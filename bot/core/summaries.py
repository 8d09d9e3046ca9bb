"""Weekly summaries for organizers: counts, theme changes, trend and export, all suppressed.

Figures come from ``weekly_counts`` only (aggregates that outlive purged stories),
one fixed ISO week at a time in the community's time zone, and only for complete
weeks, so nobody can watch a count grow. Every week's figures are suppressed on
their own (:func:`release_week`), so a week looks the same in the summary, the
chart, the digest and the export, and those outputs cannot be combined to learn more.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import messages
from bot.core.charts import Series, Trend, render_trend
from bot.core.clock import Clock
from bot.core.settings import CommunitySettings
from bot.core.suppression import Relation, Release, Status, change, effective_threshold, suppress
from bot.core.themes import GROUPS, ThemeCatalog, default_catalog
from bot.store.db import Database

HEADLINE = ("received", "published", "count_only", "withdrawn")
TREND_WEEKS = 8
RISING_MAX = 3
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


# --- weeks -------------------------------------------------------------------------------


def parse_week(text: str) -> str | None:
    """``2026-W47`` (or ``2026w47``) as a canonical ISO week, or None if it is not one."""
    m = _WEEK.match(text.strip())
    if m is None:
        return None
    year, week = int(m.group(1)), int(m.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    """The Monday that starts an ISO week."""
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def _week_of(day: date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def shift_week(week: str, by: int) -> str:
    """The ISO week ``by`` weeks after ``week`` (before, when negative)."""
    return _week_of(week_monday(week) + timedelta(weeks=by))


def last_complete_week(now: datetime, tz: str) -> str:
    """The latest ISO week that has ended in time zone ``tz``."""
    return _week_of(now.astimezone(ZoneInfo(tz)).date() - timedelta(weeks=1))


class WeekRefused(ValueError):
    """A week that cannot be summarised; the message is kind and says what to ask instead."""


def choose_week(asked: str | None, latest: str) -> str:
    """The week to summarise: ``asked`` if it is a complete week, else ``latest``.

    A week still under way is refused, so nobody can watch a count grow.
    """
    if asked is None:
        return latest
    parsed = parse_week(asked)
    if parsed is None:
        raise WeekRefused(messages.SUMMARY_WEEK_BAD.format(week=asked[:20]))
    if parsed > latest:
        raise WeekRefused(messages.SUMMARY_WEEK_OPEN.format(week=parsed, latest=latest))
    return parsed


def weeks_to(last: str, count: int) -> list[str]:
    """``count`` consecutive weeks ending with ``last``, oldest first."""
    return [shift_week(last, -i) for i in range(count - 1, -1, -1)]


# --- one week's figures ------------------------------------------------------------------


def theme_groups(catalog: ThemeCatalog, theme_ids: set[str]) -> dict[str, str | None]:
    """Each theme's group: from the community's catalogue, else the defaults, else none."""
    defaults = default_catalog()
    out: dict[str, str | None] = {}
    for theme_id in sorted(theme_ids | set(catalog.ids())):
        theme = catalog.get(theme_id) or defaults.get(theme_id)
        out[theme_id] = theme.group if theme is not None and theme.group in GROUPS else None
    return out


def release_week(counts: dict[str, int], groups: dict[str, str | None], threshold: int) -> Release:
    """Suppress one week's figures with the identities a reader knows.

    The identities: each group is the sum of its themes, and stories received are
    those published plus count-only plus a remainder that is never shown (stories
    still waiting, withdrawn before posting, or declined).
    """
    values: dict[str, int] = {m: max(0, counts.get(m, 0)) for m in HEADLINE}
    values["rest"] = max(0, values["received"] - values["published"] - values["count_only"])
    relations = [Relation("received", ("published", "count_only", "rest"))]
    for theme_id in groups:
        values[f"theme:{theme_id}"] = max(0, counts.get(f"theme:{theme_id}", 0))
    for group in GROUPS:
        members = tuple(f"theme:{t}" for t, g in groups.items() if g == group)
        if members:
            values[f"group:{group}"] = sum(values[m] for m in members)
            relations.append(Relation(f"group:{group}", members))
    # A group stands in for themes too small to show; where showing it would expose
    # one of them, the group gives way rather than the themes that can be shown.
    prefer = [k for k in values if k.startswith("group:")]
    return suppress(values, relations, threshold, unpublished=("rest",), prefer=prefer)


# --- the summary -----------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeLine:
    """A theme or group as a summary shows it."""

    key: str
    label: str
    status: Status
    value: int | None
    change: int | None
    group: str | None = None


@dataclass(frozen=True)
class Summary:
    """Everything a summary shows; holds no hidden number."""

    week: str
    previous: str
    timezone: str
    threshold: int
    stories: dict[str, tuple[Status, int | None]]
    awaiting_review: tuple[Status, int | None]
    themes: tuple[ThemeLine, ...]
    groups: tuple[ThemeLine, ...]
    rising: tuple[ThemeLine, ...]
    trend: Trend


def _figure(status: Status, value: int | None, threshold: int) -> str:
    if status is Status.SHOWN and value is not None:
        return str(value)
    if status is Status.FEWER:
        return messages.SUMMARY_FEWER.format(threshold=threshold)
    return messages.SUMMARY_NOT_SHOWN


def _change(value: int | None) -> str:
    if value is None:
        return ""
    return messages.SUMMARY_SAME if value == 0 else messages.SUMMARY_CHANGE.format(change=value)


def render_summary(summary: Summary) -> str:
    """The summary as a message: headline figures, themes, groups, what is rising."""
    t = summary.threshold
    start = week_monday(summary.week)
    figures = {k: _figure(s, v, t) for k, (s, v) in summary.stories.items()}
    lines = [
        messages.SUMMARY_TITLE.format(
            week=summary.week,
            start=start.strftime("%d %b"),
            end=(start + timedelta(days=6)).strftime("%d %b %Y"),
            tz=summary.timezone,
        ),
        messages.SUMMARY_STORIES.format(**figures),
        messages.SUMMARY_REVIEW.format(review=_figure(*summary.awaiting_review, t)),
        "",
        messages.SUMMARY_THEMES.format(previous=summary.previous),
    ]
    shown = [line for line in summary.themes if line.status is Status.SHOWN]
    lines.extend(
        messages.SUMMARY_THEME_LINE.format(
            label=line.label, value=line.value, change=_change(line.change)
        )
        for line in shown
    )
    if not shown:
        lines.append(messages.SUMMARY_NO_THEMES)
    by_group = {line.key: line for line in summary.groups}
    listed_groups = [g for g in by_group.values() if g.status is Status.SHOWN]
    if listed_groups:
        lines.append(messages.SUMMARY_GROUPS)
        for group in listed_groups:
            members = [
                line.label
                for line in summary.themes
                if line.group == group.label and line.status is not Status.SHOWN
            ]
            lines.append(
                messages.SUMMARY_GROUP_LINE.format(
                    group=group.label,
                    value=group.value,
                    change=_change(group.change),
                    themes=", ".join(members),
                )
            )
    covered = {g.label for g in listed_groups}
    small = [
        line.label
        for line in summary.themes
        if line.status is Status.FEWER and line.group not in covered
    ]
    held = [
        line.label
        for line in summary.themes
        if line.status is Status.HIDDEN and line.group not in covered
    ]
    if small:
        lines.append(messages.SUMMARY_SMALL.format(threshold=t, themes=", ".join(small)))
    if held:
        lines.append(messages.SUMMARY_HIDDEN.format(themes=", ".join(held)))
    lines.append("")
    if summary.rising:
        items = ", ".join(f"{r.label}{_change(r.change).rstrip()}" for r in summary.rising)
        lines.append(messages.SUMMARY_RISING.format(items=items))
    else:
        lines.append(messages.SUMMARY_NOT_RISING)
    lines.append(messages.SUMMARY_FOOTER.format(threshold=t))
    return "\n".join(lines)


class Summaries:
    """Builds summaries, charts and exports from the weekly counts."""

    def __init__(self, db: Database, settings: CommunitySettings, clock: Clock) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock

    async def latest_week(self, community_id: str) -> str:
        """The community's last complete week, in its time zone."""
        tz = await self._settings.get(community_id, "timezone")
        return last_complete_week(self._clock.now(), tz)

    async def recent_weeks(self, community_id: str, count: int = TREND_WEEKS) -> list[str]:
        """The last ``count`` complete weeks, newest first."""
        return list(reversed(weeks_to(await self.latest_week(community_id), count)))

    async def _counts(self, community_id: str, first: str, last: str) -> dict[str, dict[str, int]]:
        # One range scan of the primary key (community_id, week, metric).
        rows = await self._db.fetch_all(
            "SELECT week, metric, n FROM weekly_counts "
            "WHERE community_id = ? AND week >= ? AND week <= ?",
            community_id,
            first,
            last,
        )
        out: dict[str, dict[str, int]] = {}
        for week, metric, n in rows:
            out.setdefault(str(week), {})[str(metric)] = int(n)
        return out

    async def _context(self, community_id: str) -> tuple[str, int, ThemeCatalog]:
        values = await self._settings.all(community_id)
        catalog = await self._settings.catalog(community_id)
        return values["timezone"], effective_threshold(values["suppression_threshold"]), catalog

    async def build(self, community_id: str, week: str) -> Summary:
        """The summary of one complete week, with its 8-week trend."""
        tz, threshold, catalog = await self._context(community_id)
        weeks = weeks_to(week, TREND_WEEKS)
        counts = await self._counts(community_id, weeks[0], weeks[-1])
        seen = {m.removeprefix("theme:") for c in counts.values() for m in c if "theme:" in m}
        groups = theme_groups(catalog, seen)
        releases = [release_week(counts.get(w, {}), groups, threshold) for w in weeks]
        now, before = releases[-1], releases[-2]
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM stories WHERE community_id = ? AND status = 'review'",
            community_id,
        )
        review = suppress({"review": int(row[0]) if row else 0}, threshold=threshold)

        def line(key: str, label: str, group: str | None = None) -> ThemeLine:
            return ThemeLine(
                key, label, now.status[key], now.shown(key), change(now, before, key), group
            )

        themes = tuple(
            line(f"theme:{t}", _label(catalog, t), groups[t])
            for t in groups
            if f"theme:{t}" in now.values
        )
        group_lines = tuple(line(f"group:{g}", g) for g in GROUPS if f"group:{g}" in now.values)
        candidates = [x for x in (*themes, *group_lines) if x.change is not None and x.change > 0]
        rising = tuple(sorted(candidates, key=lambda x: (-(x.change or 0), x.label))[:RISING_MAX])
        series = [
            Series(
                messages.CHART_RECEIVED,
                tuple(r.shown("received") for r in releases),
                tuple(r.status["received"] for r in releases),
            )
        ]
        series.extend(
            Series(
                g,
                tuple(r.shown(f"group:{g}") for r in releases),
                tuple(r.status[f"group:{g}"] for r in releases),
            )
            for g in GROUPS
            if f"group:{g}" in now.values
        )
        return Summary(
            week=week,
            previous=weeks[-2],
            timezone=tz,
            threshold=threshold,
            stories={m: (now.status[m], now.shown(m)) for m in HEADLINE},
            awaiting_review=(review.status["review"], review.shown("review")),
            themes=themes,
            groups=group_lines,
            rising=rising,
            trend=Trend(tuple(weeks), tuple(series), threshold, tz),
        )

    async def chart(self, summary: Summary) -> bytes:
        """The summary's trend chart as PNG, drawn off the event loop."""
        return await asyncio.to_thread(render_trend, summary.trend)

    async def export_csv(self, community_id: str, week: str) -> str:
        """Every week's counts up to ``week`` as CSV, suppressed exactly as in summaries."""
        tz, threshold, catalog = await self._context(community_id)
        del tz
        row = await self._db.fetch_one(
            "SELECT MIN(week) FROM weekly_counts WHERE community_id = ? AND week <= ?",
            community_id,
            week,
        )
        first = str(row[0]) if row and row[0] is not None else week
        counts = await self._counts(community_id, first, week)
        seen = {m.removeprefix("theme:") for c in counts.values() for m in c if "theme:" in m}
        groups = theme_groups(catalog, seen)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["week", "level", "name", "group", "count"])
        current = first
        while current <= week:
            release = release_week(counts.get(current, {}), groups, threshold)
            rows: list[tuple[str, str, str, str]] = [("stories", m, "", m) for m in HEADLINE]
            rows.extend(("theme", t, groups[t] or "", f"theme:{t}") for t in groups)
            rows.extend(
                ("group", g, "", f"group:{g}") for g in GROUPS if f"group:{g}" in release.values
            )
            for level, name, group, key in rows:
                figure = _figure(release.status[key], release.shown(key), threshold)
                writer.writerow([current, level, name, group, figure])
            current = shift_week(current, 1)
        return out.getvalue()


def _label(catalog: ThemeCatalog, theme_id: str) -> str:
    theme = catalog.get(theme_id) or default_catalog().get(theme_id)
    return theme.label if theme is not None else theme_id.replace("_", " ")
