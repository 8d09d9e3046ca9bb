"""Wiring and lifecycle: store, services, cogs and platforms."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import pkgutil
import secrets
import socket
from dataclasses import dataclass, field
from datetime import timedelta

import cogs
from bot.api import Registry
from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.digest import DIGEST_JOB, Digest, ensure_digest
from bot.core.guard import Guard
from bot.core.intake import Intake
from bot.core.privacy import Pseudonyms, chorus_secret
from bot.core.publisher import EVERYWHERE, RECONCILE_JOB, SLOT_JOB, Publisher, platform_of
from bot.core.redaction import Engine, get_engine
from bot.core.resources import Resources
from bot.core.retention import PURGE_JOB, Retention
from bot.core.scheduler import IDLE_SLEEP, Scheduler
from bot.core.settings import CommunitySettings
from bot.logs import register_safe
from bot.ops.collector import quiet_collector
from bot.ops.metrics import ErrorCountingHandler, Metrics
from bot.ops.server import OpsServer
from bot.platforms.base import Platform
from bot.platforms.dispatch import Dispatcher
from bot.store.db import POSTGRESQL, SQLITE, Database, open_database
from bot.store.migrate import load_migrations, migrate
from bot.store.stories import Stories

log = logging.getLogger(__name__)

POLL_SECONDS = 15.0


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
        await ensure_digest(self.scheduler, self.community, community_id, self.clock.now())

    async def reschedule(self, community_id: str) -> None:
        """Re-plan a community's next slot after its schedule changed."""
        following = await self.publisher.next_slot_after(community_id, self.clock.now())
        await self.scheduler.schedule(SLOT_JOB, community_id, following)


async def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open and migrate the store and build every service."""
    clock = clock or SystemClock()
    # Migration and job names are fixed in code, so logs may show them.
    register_safe([m.name for m in load_migrations()] + [SLOT_JOB, PURGE_JOB, RECONCILE_JOB])
    db = await open_database(settings.store.database)
    try:
        await migrate(db)
    except Exception:
        await db.close()
        raise
    secret = chorus_secret(settings)
    community = CommunitySettings(db, clock)
    pseudonyms = Pseudonyms(db, secret, clock, settings.privacy.key_rotation_days)
    stories = Stories(db)
    engine = get_engine()
    platforms: dict[str, Platform] = {}
    # Claims are tagged per process so another can tell whose lease ran out.
    token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    lease = settings.store.claim_lease_seconds
    publisher = Publisher(stories, community, platforms, clock, token, lease)
    scheduler = Scheduler(
        db,
        clock,
        token,
        timedelta(seconds=lease),
        # Other processes cannot wake this one's dispatcher, so it looks regularly.
        poll_seconds=POLL_SECONDS if db.dialect == POSTGRESQL else IDLE_SLEEP,
    )
    guard = Guard(db, community, pseudonyms, clock)
    scheduler.register(SLOT_JOB, publisher.slot_job)
    scheduler.register(RECONCILE_JOB, publisher.reconcile_job)
    retention = Retention(db, community, pseudonyms, guard, publisher, stories, clock)
    scheduler.register(PURGE_JOB, retention.job)
    scheduler.register(DIGEST_JOB, Digest(db, community, platforms, clock).job)
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
        self.metrics = Metrics()
        self.metrics.know(self.registry)
        register_safe(self.metrics.interaction_names)
        self.dispatcher = Dispatcher(self.registry, observe=self.metrics.observe_interaction)
        self.stopping = False
        self.ops: OpsServer | None = None
        self._error_counter = ErrorCountingHandler(self.metrics)
        self._tasks: list[asyncio.Task[None]] = []

    def add_platform(self, platform: Platform) -> None:
        """Attach a platform; the publisher posts through it."""
        self.services.platforms[platform.name] = platform

    async def start(self) -> None:
        """Start platforms, finish interrupted posts, then begin scheduling.

        The health endpoint comes up first, so it reports unhealthy while platforms connect.
        """
        logging.getLogger().addHandler(self._error_counter)
        quiet_collector()
        ops = self.services.settings.ops
        if ops.port is not None:
            self.ops = OpsServer(
                self.services.db,
                self.services.platforms,
                self.metrics,
                lambda: self.stopping,
                ops.host,
                ops.port,
            )
            await self.ops.start()
        # Loaded before any platform connects, so the first members are not answered
        # by an engine still loading (nor slowed by its loading in another thread).
        await self.services.intake.warmed()
        for platform in self.services.platforms.values():
            await platform.start()
        services = self.services
        # SQLite means this is the only process, so every claim and lease is from
        # a previous run and can be taken over now; on PostgreSQL only expired ones.
        alone = services.db.dialect == SQLITE
        if alone:
            await services.scheduler.release_all()
        finished = await services.publisher.reconcile(everything=alone)
        if finished:
            log.info("reconciled %d interrupted posts", finished)
        await services.scheduler.ensure(
            RECONCILE_JOB, EVERYWHERE, services.clock.now() + services.publisher.reconcile_every
        )
        # Claim only jobs of communities on platforms this process runs.
        services.scheduler.serve_only(
            lambda community_id: (
                community_id == EVERYWHERE or platform_of(community_id) in services.platforms
            )
        )
        self._tasks.append(asyncio.create_task(self.services.scheduler.run_forever()))

    async def stop(self) -> None:
        """Stop scheduling and platforms, then close the store cleanly.

        A post cut short here stays claimed and is finished by ``reconcile`` at the
        next start, so stopping never loses or repeats a story.
        """
        self.stopping = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for platform in self.services.platforms.values():
            await platform.stop()
        if self.ops is not None:
            await self.ops.stop()
        logging.getLogger().removeHandler(self._error_counter)
        # A query cancelled above may still hold an open statement in the driver's
        # worker; one more round trip retires it, so the WAL checkpoint at close
        # does not fail with "table is locked" and leave the connection open.
        with contextlib.suppress(Exception):
            await self.services.db.fetch_one("SELECT 1")
        await self.services.db.close()
