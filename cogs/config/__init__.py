"""Admin configuration: channels, schedule, moderation, limits, themes, posting now."""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import messages
from bot.api import (
    Choice,
    Cog,
    CommandGroup,
    CommandHandler,
    Invocation,
    Option,
    OptionType,
    Reply,
    Response,
    Role,
    suggest,
)
from bot.app import Services
from bot.core.resources import REGIONS
from bot.core.themes import GROUPS
from cogs.config._show import describe

_THEME_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


def _keywords(text: str) -> list[str]:
    return [k.strip().lower() for k in text.split(",") if k.strip()][:50]


def setup(services: Services) -> Cog:
    """The config cog."""
    cog = Cog("config", groups=[CommandGroup("config", "Configure Chorus", Role.ADMIN)])
    community = services.community

    def admin(
        name: str, description: str, *options: Option
    ) -> Callable[[CommandHandler], CommandHandler]:
        return cog.command(name, description, *options, role=Role.ADMIN, group="config")

    @admin("show", "Show this community's configuration")
    async def show(inv: Invocation) -> Response:
        values = await community.all(inv.community_id)
        due = await services.scheduler.due_at("publish_slot", inv.community_id)
        blocks = await services.guard.active_blocks(inv.community_id)
        return Reply(describe(values, due, blocks=blocks))

    @admin(
        "channel",
        "Set the story channel or the organizers' channel",
        Option(
            "kind",
            "Which channel",
            choices=(Choice("story", "story"), Choice("organizers", "organizers")),
        ),
        Option("channel", "The channel", OptionType.CHANNEL),
    )
    async def channel(inv: Invocation, kind: str, channel: str) -> Response:
        key = "story_channel" if kind == "story" else "organizer_channel"
        await community.set(inv.community_id, **{key: channel, "posting_problem": None})
        return Reply(messages.CONFIG_SAVED.format(what=f"{kind} channel"))

    @admin(
        "schedule",
        "Set when and how stories are posted",
        Option(
            "cadence",
            "Minutes between posting slots",
            OptionType.INTEGER,
            False,
            min_value=15,
            max_value=10080,
        ),
        Option(
            "start",
            "First hour of posting (0-23, local)",
            OptionType.INTEGER,
            False,
            min_value=0,
            max_value=23,
        ),
        Option(
            "end",
            "Hour posting stops (0-23, local)",
            OptionType.INTEGER,
            False,
            min_value=0,
            max_value=23,
        ),
        Option("timezone", "Time zone, like Europe/London", required=False, max_length=64),
        Option(
            "batch", "Most stories per slot", OptionType.INTEGER, False, min_value=1, max_value=20
        ),
        Option(
            "min-delay",
            "Minutes a story waits at least",
            OptionType.INTEGER,
            False,
            min_value=0,
            max_value=10080,
        ),
        Option(
            "min-pool",
            "Stories that must be waiting before any is posted",
            OptionType.INTEGER,
            False,
            min_value=1,
            max_value=50,
        ),
        Option(
            "max-wait",
            "Hours after which a story posts even if few are waiting",
            OptionType.INTEGER,
            False,
            min_value=1,
            max_value=720,
        ),
    )
    async def schedule(
        inv: Invocation,
        cadence: int | None,
        start: int | None,
        end: int | None,
        timezone: str | None,
        batch: int | None,
        min_delay: int | None,
        min_pool: int | None,
        max_wait: int | None,
    ) -> Response:
        if timezone is not None:
            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                return Reply(messages.TIMEZONE_BAD.format(tz=timezone[:64]))
        given = {
            "cadence_minutes": cadence,
            "active_start_hour": start,
            "active_end_hour": end,
            "timezone": timezone,
            "batch_size": batch,
            "min_delay_minutes": min_delay,
            "min_pool": min_pool,
            "max_wait_hours": max_wait,
        }
        changes = {k: v for k, v in given.items() if v is not None}
        if changes:
            await community.set(inv.community_id, **changes)
            await services.reschedule(inv.community_id)
        values = await community.all(inv.community_id)
        due = await services.scheduler.due_at("publish_slot", inv.community_id)
        return Reply(describe(values, due, only="schedule"))

    @admin(
        "moderation",
        "Turn review before posting on or off",
        Option("enabled", "on or off", OptionType.BOOLEAN),
    )
    async def moderation(inv: Invocation, enabled: bool) -> Response:
        await community.set(inv.community_id, moderation=enabled)
        return Reply(messages.CONFIG_SAVED.format(what=f"moderation {'on' if enabled else 'off'}"))

    @admin(
        "threshold",
        "Counts below this are shown as 'fewer than N'",
        Option("count", "At least 3", OptionType.INTEGER, min_value=3, max_value=100),
    )
    async def threshold(inv: Invocation, count: int) -> Response:
        await community.set(inv.community_id, suppression_threshold=count)
        return Reply(messages.CONFIG_SAVED.format(what=f"suppression threshold {count}"))

    @admin(
        "retention",
        "Days before posted text is purged",
        Option("days", "Days to keep posted text", OptionType.INTEGER, min_value=1, max_value=3650),
        Option(
            "delete-posts",
            "Also delete the posts from the channel then (default off)",
            OptionType.BOOLEAN,
            required=False,
        ),
    )
    async def retention(inv: Invocation, days: int, delete_posts: bool | None) -> Response:
        changes: dict[str, object] = {"retention_days": days}
        if delete_posts is not None:
            changes["retention_delete_posts"] = delete_posts
        await community.set(inv.community_id, **changes)
        values = await community.all(inv.community_id)
        posts = "deleted too" if values["retention_delete_posts"] else "kept in the channel"
        what = f"retention {days} days, posts {posts}"
        return Reply(messages.CONFIG_SAVED.format(what=what))

    @admin(
        "limit",
        "Stories one member may share per day",
        Option("per-day", "Daily limit", OptionType.INTEGER, min_value=1, max_value=50),
    )
    async def limit(inv: Invocation, per_day: int) -> Response:
        await community.set(inv.community_id, daily_limit=per_day)
        return Reply(messages.CONFIG_SAVED.format(what=f"daily limit {per_day}"))

    @admin(
        "region",
        "Region whose helplines are shown first",
        Option("region", "Region", choices=tuple(Choice(r, r.lower()) for r in REGIONS)),
    )
    async def region(inv: Invocation, region: str) -> Response:
        await community.set(inv.community_id, region=region.upper())
        return Reply(messages.CONFIG_SAVED.format(what=f"region {region.upper()}"))

    @admin(
        "organizers",
        "Set the role (or user group) whose members are organizers",
        Option("role", "The organizer role", OptionType.ROLE),
    )
    async def organizers(inv: Invocation, role: str) -> Response:
        key = "organizer_group" if inv.platform == "slack" else "organizer_role"
        await community.set(inv.community_id, **{key: role})
        return Reply(messages.CONFIG_SAVED.format(what="organizer role"))

    async def known_themes(inv: Invocation, typed: str) -> list[Choice]:
        if not inv.role.allows(Role.ADMIN):
            return []
        catalog = await community.catalog(inv.community_id)
        known = (Choice(f"{t.id} — {t.label}"[:100], t.id) for t in catalog.themes)
        return suggest(known, typed)

    new_theme = Option("theme", "Theme id, like transit_safety", max_length=40)
    theme_option = Option(
        "theme", "Theme id, like transit_safety", max_length=40, autocomplete=known_themes
    )

    @admin(
        "theme-add",
        "Add a theme that stories are counted under",
        new_theme,
        Option("group", "Group it rolls up into", choices=tuple(Choice(g, g) for g in GROUPS)),
        Option("keywords", "Comma-separated words or phrases", max_length=500),
    )
    async def theme_add(inv: Invocation, theme: str, group: str, keywords: str) -> Response:
        theme_id = theme.lower()
        if not _THEME_ID.match(theme_id):
            return Reply(messages.THEME_ID_BAD)
        catalog = await community.catalog(inv.community_id)
        if catalog.get(theme_id) is not None:
            return Reply(messages.THEME_EXISTS.format(theme=theme_id))
        words = _keywords(keywords)
        added = await community.get(inv.community_id, "themes_added")
        removed = await community.get(inv.community_id, "themes_removed")
        entry = {
            "id": theme_id,
            "label": theme_id.replace("_", " "),
            "group": group,
            "keywords": words,
        }
        await community.set(
            inv.community_id,
            themes_added=[*added, entry],
            themes_removed=[t for t in removed if t != theme_id],
        )
        return Reply(messages.THEME_ADDED.format(theme=theme_id, keywords=", ".join(words)))

    @admin("theme-remove", "Stop counting stories under a theme", theme_option)
    async def theme_remove(inv: Invocation, theme: str) -> Response:
        theme_id = theme.lower()
        catalog = await community.catalog(inv.community_id)
        if catalog.get(theme_id) is None:
            listing = ", ".join(catalog.ids())
            return Reply(messages.THEME_UNKNOWN.format(theme=theme_id[:40], themes=listing))
        added = await community.get(inv.community_id, "themes_added")
        removed = await community.get(inv.community_id, "themes_removed")
        await community.set(
            inv.community_id,
            themes_added=[t for t in added if t["id"] != theme_id],
            themes_removed=sorted({*removed, theme_id}),
        )
        return Reply(messages.THEME_REMOVED.format(theme=theme_id))

    @admin(
        "theme-keywords",
        "Add keywords to a theme",
        theme_option,
        Option("keywords", "Comma-separated words or phrases", max_length=500),
    )
    async def theme_keywords(inv: Invocation, theme: str, keywords: str) -> Response:
        theme_id = theme.lower()
        catalog = await community.catalog(inv.community_id)
        if catalog.get(theme_id) is None:
            listing = ", ".join(catalog.ids())
            return Reply(messages.THEME_UNKNOWN.format(theme=theme_id[:40], themes=listing))
        words = _keywords(keywords)
        extra = await community.get(inv.community_id, "theme_keywords")
        extra[theme_id] = sorted({*extra.get(theme_id, []), *words})
        await community.set(inv.community_id, theme_keywords=extra)
        return Reply(messages.THEME_KEYWORDS.format(theme=theme_id, keywords=", ".join(words)))

    @cog.command(
        "publish-now", "Run a posting slot now (waiting rules still apply)", role=Role.ADMIN
    )
    async def publish_now(inv: Invocation) -> Response:
        result = await services.publisher.run_slot(inv.community_id)
        if result.no_channel:
            return Reply(messages.NO_STORY_CHANNEL)
        if result.problem is not None:
            return Reply(messages.POSTING_PROBLEM[result.problem.value])
        values = await community.all(inv.community_id)
        why = (
            messages.WHY_POOL.format(
                delay=values["min_delay_minutes"],
                pool=values["min_pool"],
                hours=values["max_wait_hours"],
            )
            if result.waiting and not result.posted
            else messages.WHY_NONE
        )
        return Reply(
            messages.PUBLISHED_NOW.format(posted=result.posted, waiting=result.waiting, why=why)
        )

    return cog
