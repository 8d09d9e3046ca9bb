"""Durable schedule: jobs are rows, survive restarts, run once per due time."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.app import Services, build_services
from bot.config import Settings
from bot.core.publisher import SLOT_JOB
from bot.core.scheduler import JobHandler, Scheduler
from tests.conftest import FakeClock, make_backend_settings


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """These tests run on SQLite and on PostgreSQL."""
    return make_backend_settings(tmp_path, db_url)


async def test_a_job_due_while_down_runs_once_after_restart(
    settings: Settings, clock: FakeClock
) -> None:
    """A slot planned before a restart runs once after it, then moves to the next slot."""
    services = await build_services(settings, clock)
    await services.add_community("console:x", "console")
    due = await services.scheduler.due_at(SLOT_JOB, "console:x")
    assert due is not None
    await services.db.close()

    clock.moment = due + timedelta(minutes=5)
    restarted = await build_services(settings, clock)
    assert await restarted.scheduler.run_due() == 2  # the slot and the retention purge
    assert await restarted.scheduler.run_due() == 0
    following = await restarted.scheduler.due_at(SLOT_JOB, "console:x")
    assert following is not None and following > clock.now()
    await restarted.db.close()


async def test_jobs_run_in_due_order_and_failures_retry_later(
    services: object, clock: FakeClock
) -> None:
    """A failing job is retried later instead of being lost."""
    db = services.db  # type: ignore[attr-defined]
    scheduler = Scheduler(db, clock)
    seen: list[str] = []

    async def flaky(community: str, due: datetime) -> datetime | None:
        seen.append(community)
        if community == "bad":
            raise RuntimeError("boom")
        return None

    scheduler.register("t", flaky)
    await scheduler.schedule("t", "good", clock.now() - timedelta(minutes=1))
    await scheduler.schedule("t", "bad", clock.now() - timedelta(minutes=2))
    await db.execute("INSERT INTO communities (id, platform, created_at) VALUES ('x','c',0)")
    assert await scheduler.run_due() == 2
    assert seen == ["bad", "good"]
    assert await scheduler.due_at("t", "good") is None
    retry = await scheduler.due_at("t", "bad")
    assert retry is not None and retry > clock.now()


async def test_run_forever_wakes_for_an_earlier_job(services: object, clock: FakeClock) -> None:
    """Adding an earlier job wakes the dispatcher instead of waiting for the later one."""
    import asyncio

    db = services.db  # type: ignore[attr-defined]
    scheduler = Scheduler(db, clock)
    ran = asyncio.Event()

    async def job(community: str, due: datetime) -> datetime | None:
        ran.set()
        return None

    scheduler.register("t", job)
    await scheduler.schedule("t", "later", clock.now() + timedelta(days=1))
    task = asyncio.create_task(scheduler.run_forever())
    await asyncio.sleep(0.05)
    await scheduler.schedule("t", "now", clock.now())
    await asyncio.wait_for(ran.wait(), timeout=5)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def test_a_due_job_runs_in_one_process_only(services: Services, clock: FakeClock) -> None:
    """Two dispatchers on one store: the job runs once, in whichever claimed it."""
    seen: list[str] = []

    def handler(name: str) -> JobHandler:
        async def run(community: str, due: datetime) -> datetime | None:
            seen.append(name)
            return due + timedelta(hours=1)

        return run

    first = Scheduler(services.db, clock, token="first")
    second = Scheduler(services.db, clock, token="second")
    first.register("t", handler("first"))
    second.register("t", handler("second"))
    await first.schedule("t", "c", clock.now())
    ran = await asyncio.gather(first.run_due(), second.run_due())
    assert sorted(ran) == [0, 1]
    assert len(seen) == 1
    assert await first.due_at("t", "c") == clock.now() + timedelta(hours=1)


async def test_a_claimed_job_waits_for_its_lease_before_another_runs_it(
    services: Services, clock: FakeClock
) -> None:
    """A job claimed by a process that died runs elsewhere only once the lease is over."""
    seen: list[str] = []

    async def run(community: str, due: datetime) -> datetime | None:
        seen.append(community)
        return None

    dead = Scheduler(services.db, clock, token="dead", lease=timedelta(minutes=10))
    alive = Scheduler(services.db, clock, token="alive", lease=timedelta(minutes=10))
    alive.register("t", run)
    await dead.schedule("t", "c", clock.now())
    # The dead process claimed the job and never finished it.
    now = int(clock.now().timestamp())
    assert await services.db.execute(
        "UPDATE jobs SET claimed_by = 'dead', lease_until = ? WHERE kind = 't'", now + 600
    )
    assert await alive.run_due() == 0
    clock.advance(minutes=11)
    assert await alive.run_due() == 1
    assert seen == ["c"]
    assert await alive.due_at("t", "c") is None
