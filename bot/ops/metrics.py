"""Prometheus metrics: counters kept in memory, queue figures read from the store.

Labels are only platform names and fixed kinds defined in code, never a person,
a community or anything a member wrote, so a scrape reveals nothing about who
uses the bot or where.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.api import Registry
from bot.platforms.base import Platform, PostFailure
from bot.store.db import Database

STATUSES = ("review", "queued", "posting", "posted", "rejected")
PLATFORMS = ("console", "discord", "slack")
ERROR_KINDS = ("interaction", "posting", "scheduler", "store", "discord", "slack", "other")
# Discord wants an answer within 3 s; the buckets around it show how close we come.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)

# Which subsystem a logger belongs to, first match wins.
_AREAS = (
    ("bot.platforms.dispatch", "interaction"),
    ("cogs", "interaction"),
    ("bot.core.publisher", "posting"),
    ("bot.core.scheduler", "scheduler"),
    ("bot.core.retention", "scheduler"),
    ("bot.store", "store"),
    ("aiosqlite", "store"),
    ("bot.platforms.discord", "discord"),
    ("discord", "discord"),
    ("bot.platforms.slack", "slack"),
    ("slack_bolt", "slack"),
    ("slack_sdk", "slack"),
)


def error_kind(logger_name: str) -> str:
    """The fixed error kind of a logger (``bot.core.publisher`` → ``posting``)."""
    for prefix, kind in _AREAS:
        if logger_name == prefix or logger_name.startswith(prefix + "."):
            return kind
    return "other"


@dataclass
class StoreSnapshot:
    """Figures read from the store at scrape time."""

    ok: bool = False
    stories: dict[str, int] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)
    communities: dict[str, int] = field(default_factory=dict)


async def read_store(db: Database) -> StoreSnapshot:
    """Read queue depth, posts made and posting problems; aggregate counts only."""
    snap = StoreSnapshot(ok=True)
    for status, n in await db.fetch_all("SELECT status, COUNT(*) FROM stories GROUP BY status"):
        key = status if status in STATUSES else "other"
        snap.stories[key] = snap.stories.get(key, 0) + int(n)
    # Weekly counts outlive purged stories, so this total never goes down.
    for platform, n in await db.fetch_all(
        "SELECT c.platform, SUM(w.n) FROM weekly_counts w JOIN communities c "
        "ON c.id = w.community_id WHERE w.metric = 'published' GROUP BY c.platform"
    ):
        snap.posts[_platform(platform)] = int(n or 0)
    for platform, n in await db.fetch_all(
        "SELECT platform, COUNT(*) FROM communities GROUP BY platform"
    ):
        snap.communities[_platform(platform)] = int(n)
    known = {f.value for f in PostFailure}
    for (value,) in await db.fetch_all(
        "SELECT value FROM community_settings WHERE key = 'posting_problem'"
    ):
        problem = json.loads(value)
        if problem is None:
            continue
        key = problem if problem in known else "other"
        snap.problems[key] = snap.problems.get(key, 0) + 1
    return snap


def _platform(name: str) -> str:
    return name if name in PLATFORMS else "other"


class _StoreCollector(Collector):
    """Yields the last store snapshot; the scrape handler refreshes it first."""

    def __init__(self) -> None:
        self.snapshot = StoreSnapshot()

    def collect(self) -> Iterable[Metric]:
        """Metric families for the current snapshot."""
        return list(self._families())

    def _families(self) -> Iterator[Metric]:
        snap = self.snapshot
        up = GaugeMetricFamily("chorus_database_up", "1 when the store answered this scrape")
        up.add_metric([], 1.0 if snap.ok else 0.0)
        yield up
        stories = GaugeMetricFamily(
            "chorus_stories", "Stories in the store by status (queue depth)", labels=["status"]
        )
        for status in STATUSES:
            stories.add_metric([status], snap.stories.get(status, 0))
        yield stories
        posts = CounterMetricFamily(
            "chorus_posts", "Stories posted, all time, by platform", labels=["platform"]
        )
        for platform, n in sorted(snap.posts.items()):
            posts.add_metric([platform], n)
        yield posts
        communities = GaugeMetricFamily(
            "chorus_communities", "Communities served, by platform", labels=["platform"]
        )
        for platform, n in sorted(snap.communities.items()):
            communities.add_metric([platform], n)
        yield communities
        problems = GaugeMetricFamily(
            "chorus_posting_problems",
            "Communities whose last posting attempt failed, by reason",
            labels=["reason"],
        )
        for failure in PostFailure:
            problems.add_metric([failure.value], snap.problems.get(failure.value, 0))
        yield problems


class Metrics:
    """Every metric Chorus exports, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._known: set[str] = set()
        self.platform_connected = Gauge(
            "chorus_platform_connected",
            "1 while a platform is connected",
            ["platform"],
            registry=self.registry,
        )
        self.interactions = Counter(
            "chorus_interactions",
            "Interactions answered, by kind and outcome",
            ["interaction", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "chorus_interaction_seconds",
            "Time to answer an interaction",
            ["interaction"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "chorus_errors",
            "Warnings and errors logged, by subsystem",
            ["kind"],
            registry=self.registry,
        )
        for kind in ERROR_KINDS:
            self.errors.labels(kind)
        self._store = _StoreCollector()
        self.registry.register(self._store)

    def know(self, registry: Registry) -> None:
        """Learn the interaction names the cogs define; anything else is labelled ``other``."""
        self._known = {
            *(f"command:{name}" for name in registry.commands),
            *(f"form:{name}" for name in registry.forms),
            *(f"button:{name}" for name in registry.buttons),
            "direct_message",
        }

    @property
    def interaction_names(self) -> frozenset[str]:
        """The interaction names learnt from the registry."""
        return frozenset(self._known)

    def observe_interaction(self, what: str, seconds: float, ok: bool) -> None:
        """The dispatcher's callback: count an answered interaction and its latency."""
        name = what if what in self._known else "other"
        self.interactions.labels(name, "ok" if ok else "error").inc()
        self.latency.labels(name).observe(seconds)

    def count_error(self, logger_name: str) -> None:
        """Count a warning or error from a logger, by the subsystem it belongs to."""
        self.errors.labels(error_kind(logger_name)).inc()

    async def refresh(self, db: Database, platforms: Mapping[str, Platform]) -> None:
        """Read what is only known at scrape time: connections and the store's figures."""
        for name, platform in platforms.items():
            self.platform_connected.labels(_platform(name)).set(
                1.0 if is_connected(platform) else 0.0
            )
        try:
            self._store.snapshot = await read_store(db)
        except Exception:  # a closed or broken store must not break the scrape
            logging.getLogger(__name__).warning("metrics could not read the store", exc_info=True)
            self._store.snapshot = StoreSnapshot(ok=False)


def is_connected(platform: Platform) -> bool:
    """Whether a platform says it is connected; one that does not say is taken as connected."""
    return bool(getattr(platform, "connected", True))


class ErrorCountingHandler(logging.Handler):
    """Counts warnings and errors as they are logged, without formatting them."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__(level=logging.WARNING)
        self._metrics = metrics

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record under its subsystem."""
        self._metrics.count_error(record.name)
