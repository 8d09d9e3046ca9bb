"""Durable schedule: jobs are rows, survive restarts, run once per due time."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import build_services
from bot.config import Settings
from bot.core.publisher import SLOT_JOB
from bot.core.scheduler import Scheduler
from tests.conftest import FakeClock


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
