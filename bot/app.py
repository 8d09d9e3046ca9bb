"""Wiring and lifecycle: store, services, cogs and platforms."""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
from dataclasses import dataclass, field

import cogs
from bot.api import Registry
from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.guard import Guard
from bot.core.intake import Intake
from bot.core.privacy import Pseudonyms, load_or_create_secret
from bot.core.publisher import SLOT_JOB, Publisher
from bot.core.redaction import Engine, get_engine
from bot.core.resources import Resources
from bot.core.retention import PURGE_JOB, Retention
from bot.core.scheduler import Scheduler
from bot.core.settings import CommunitySettings
from bot.platforms.base import Platform
from bot.platforms.dispatch import Dispatcher
from bot.store.db import Database
from bot.store.migrate import migrate
from bot.store.stories import Stories

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything cogs and adapters may use, built once per process."""

    settings: Settings
    db: Database
    clock: Clock
    community: CommunitySettings
    pseudonyms: Pseudonyms
    stories: Stories
    intake: Intake
    guard: Guard
    resources: Resources
    scheduler: Scheduler
    publisher: Publisher
    engine: Engine
    platforms: dict[str, Platform] = field(default_factory=dict)

    async def add_community(self, community_id: str, platform: str) -> None:
        """Record a community and plan its first posting slot."""
        await self.community.ensure_community(community_id, platform)
        first = await self.publisher.next_slot_after(community_id, self.clock.now())
        await self.scheduler.ensure(SLOT_JOB, community_id, first)
        await self.scheduler.ensure(PURGE_JOB, community_id, self.clock.now())

    async def reschedule(self, community_id: str) -> None:
        """Re-plan a community's next slot after its schedule changed."""
        following = await self.publisher.next_slot_after(community_id, self.clock.now())
        await self.scheduler.schedule(SLOT_JOB, community_id, following)


async def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open and migrate the store and build every service."""
    clock = clock or SystemClock()
    db = await Database.open(settings.store.sqlite_path)
    try:
        await migrate(db)
    except Exception:
        await db.close()
        raise
    secret_value = settings.privacy.secret_key
    secret = (
        secret_value.get_secret_value().encode()
        if secret_value is not None
        else load_or_create_secret(settings.store.data_dir / "secret.key")
    )
    community = CommunitySettings(db, clock)
    pseudonyms = Pseudonyms(db, secret, clock, settings.privacy.key_rotation_days)
    stories = Stories(db)
    engine = get_engine()
    platforms: dict[str, Platform] = {}
    publisher = Publisher(stories, community, platforms, clock)
    scheduler = Scheduler(db, clock)
    guard = Guard(db, community, pseudonyms, clock)
    scheduler.register(SLOT_JOB, publisher.slot_job)
    retention = Retention(db, community, pseudonyms, guard, publisher, stories, clock)
    scheduler.register(PURGE_JOB, retention.job)
    return Services(
        settings=settings,
        db=db,
        clock=clock,
        community=community,
        pseudonyms=pseudonyms,
        stories=stories,
        intake=Intake(db, stories, community, pseudonyms, guard, engine, clock),
        guard=guard,
        resources=Resources(db),
        scheduler=scheduler,
        publisher=publisher,
        engine=engine,
        platforms=platforms,
    )


def load_cogs(services: Services) -> Registry:
    """Import every public module under ``cogs/`` and register what its ``setup()`` returns."""
    registry = Registry()
    for module in sorted(pkgutil.iter_modules(cogs.__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        mod = importlib.import_module(f"cogs.{module.name}")
        setup = getattr(mod, "setup", None)
        if setup is None:
            raise RuntimeError(f"cogs.{module.name} has no setup()")
        registry.add(setup(services))
    return registry


class App:
    """A running Chorus: services, the cog registry, platforms and the scheduler."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.registry = load_cogs(services)
        self.dispatcher = Dispatcher(self.registry)
        self._tasks: list[asyncio.Task[None]] = []

    def add_platform(self, platform: Platform) -> None:
        """Attach a platform; the publisher posts through it."""
        self.services.platforms[platform.name] = platform

    async def start(self) -> None:
        """Start platforms, finish interrupted posts, then begin scheduling."""
        for platform in self.services.platforms.values():
            await platform.start()
        finished = await self.services.publisher.reconcile()
        if finished:
            log.info("reconciled %d interrupted posts", finished)
        self._tasks.append(asyncio.create_task(self.services.scheduler.run_forever()))

    async def stop(self) -> None:
        """Stop scheduling and platforms, then close the store cleanly."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for platform in self.services.platforms.values():
            await platform.stop()
        await self.services.db.close()
