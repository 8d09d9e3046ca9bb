"""Organizer summaries: `/summary [week] [export]`, and `/config digest` for the weekly post.

One command serves every platform: typed as `/summary`, `/summary 2026-W47` or
`/summary export` on the console and in Slack (the first value fills ``week``,
and ``export`` there is understood), and as options of one `/summary` on Discord
(``week`` with autocomplete of recent weeks, ``output`` a choice).
"""

from __future__ import annotations

from bot import messages
from bot.api import (
    Attachment,
    Choice,
    Cog,
    Invocation,
    Option,
    OptionType,
    Reply,
    Response,
    Role,
    suggest,
)
from bot.app import Services
from bot.core.digest import DIGEST_JOB, chart_attachment, first_digest
from bot.core.summaries import Summaries, WeekRefused, choose_week, render_summary
from cogs.summary._digest_setting import describe_digest

_OUTPUTS = {"report", "export"}


def setup(services: Services) -> Cog:
    """The summary cog."""
    cog = Cog("summary")
    summaries = Summaries(services.db, services.community, services.clock)

    async def recent_weeks(inv: Invocation, typed: str) -> list[Choice]:
        weeks = await summaries.recent_weeks(inv.community_id)
        return suggest((Choice(w, w) for w in weeks), typed)

    @cog.command(
        "summary",
        "Weekly figures for organizers: counts, themes, trend, or a CSV export",
        Option(
            "week",
            "An ISO week like 2026-W47 (default: last complete week)",
            required=False,
            autocomplete=recent_weeks,
            max_length=10,
        ),
        Option(
            "output",
            "report (default) or export: CSV of weekly counts",
            required=False,
            choices=(Choice("report", "report"), Choice("export (CSV)", "export")),
        ),
        role=Role.ORGANIZER,
    )
    async def summary(inv: Invocation, week: str | None, output: str | None) -> Response:
        # Typed text fills options in order, so `/summary export` arrives as the week.
        if week is not None and week.lower() in _OUTPUTS and output is None:
            output, week = week.lower(), None
        try:
            chosen = choose_week(week, await summaries.latest_week(inv.community_id))
        except WeekRefused as refused:
            return Reply(str(refused))
        if output == "export":
            data = await summaries.export_csv(inv.community_id, chosen)
            file = Attachment(f"chorus-weekly-counts-to-{chosen}.csv", data.encode(), "text/csv")
            return Reply(messages.SUMMARY_EXPORT.format(week=chosen), attachments=(file,))
        built = await summaries.build(inv.community_id, chosen)
        png = await summaries.chart(built)
        return Reply(render_summary(built), attachments=(chart_attachment(chosen, png),))

    @cog.command(
        "digest",
        "When the weekly summary is posted to the organizers' channel",
        Option(
            "weekday",
            "Day of the week, or off",
            required=False,
            choices=tuple(Choice(d, d) for d in (*messages.DIGEST_WEEKDAYS, "off")),
        ),
        Option(
            "hour",
            "Hour of the day (0-23, local time)",
            OptionType.INTEGER,
            required=False,
            min_value=0,
            max_value=23,
        ),
        role=Role.ADMIN,
        group="config",
    )
    async def digest(inv: Invocation, weekday: str | None, hour: int | None) -> Response:
        changes: dict[str, object] = {}
        if weekday is not None:
            off = weekday == "off"
            changes["digest_weekday"] = None if off else messages.DIGEST_WEEKDAYS.index(weekday)
        if hour is not None:
            changes["digest_hour"] = hour
        if changes:
            await services.community.set(inv.community_id, **changes)
            # Re-plan from now so the new time takes effect this week.
            due = await first_digest(services.community, inv.community_id, services.clock.now())
            await services.scheduler.schedule(DIGEST_JOB, inv.community_id, due)
        values = await services.community.all(inv.community_id)
        return Reply(describe_digest(values))

    return cog
