"""`/healthz` and `/metrics` served by a running App, and the container's probe."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import App, build_services
from bot.config import load_settings
from bot.platforms.console import ConsolePlatform
from tests.conftest import SECRET, Console, FakeClock
from tests.ops._proc import environment, free_port, send, start_console, wait_for


@dataclass
class Running:
    console: Console
    base: str


@pytest.fixture
async def running(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Running]:
    settings = load_settings(
        store={"database": str(tmp_path / "chorus.sqlite3")},
        privacy={"secret_key": SECRET},
        discord={"token": None},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
        ops={"host": "127.0.0.1", "port": free_port()},
    )
    app = App(await build_services(settings, clock))
    out = io.StringIO()
    platform = ConsolePlatform(app, out)
    app.add_platform(platform)
    await app.start()
    assert app.ops is not None
    yield Running(Console(app, platform, out), f"http://127.0.0.1:{app.ops.port}")
    if not app.stopping:
        await app.stop()


async def _get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


class _Disconnected:
    name = "discord"
    connected = False

    async def start(self) -> None:
        """Nothing to connect."""

    async def stop(self) -> None:
        """Nothing to disconnect."""


async def test_healthz_is_ok_when_store_and_platforms_answer(running: Running) -> None:
    """/healthz answers 200 with a JSON body naming each platform."""
    status, body = await _get(running.base + "/healthz")
    assert status == 200
    assert '"status": "ok"' in body and '"console": true' in body


async def test_healthz_is_unavailable_when_a_platform_is_disconnected(running: Running) -> None:
    """A platform reporting connected=False turns /healthz to 503."""
    running.console.app.services.platforms["discord"] = _Disconnected()  # type: ignore[assignment]
    status, body = await _get(running.base + "/healthz")
    assert status == 503
    assert '"discord": false' in body


async def test_healthz_is_unavailable_when_the_store_is_closed(running: Running) -> None:
    """With the database gone, /healthz answers 503 and says so."""
    await running.console.app.services.db.close()
    running.console.app.stopping = False
    status, body = await _get(running.base + "/healthz")
    assert status == 503
    assert '"database": false' in body
    running.console.app.stopping = True
    assert running.console.app.ops is not None
    await running.console.app.ops.stop()


async def test_metrics_show_queue_depth_from_the_store(running: Running) -> None:
    """Stories by status are read from the store at scrape time."""
    console = running.console
    await console.as_("member", "zoe")
    await console.share("The mechanic said I should bring my husband next time.")
    await console.type("Confirm")
    _, text = await _get(running.base + "/metrics")
    samples = _samples(text)
    assert samples[("chorus_stories", (("status", "queued"),))] == 1
    assert samples[("chorus_stories", (("status", "posted"),))] == 0


async def test_metrics_count_posts_and_interactions(running: Running) -> None:
    """Posting and answering interactions move their counters and latency histogram."""
    console = running.console
    await console.share("A stranger on the tram told me to smile more.")
    await console.type("Confirm")
    await console.as_("admin", "dana")
    await console.type("/config schedule min-delay:0 min-pool:1", "/publish-now")
    _, text = await _get(running.base + "/metrics")
    samples = _samples(text)
    assert samples[("chorus_posts_total", (("platform", "console"),))] == 1
    ok = (("interaction", "command:publish-now"), ("outcome", "ok"))
    assert samples[("chorus_interactions_total", ok)] == 1
    count = ("chorus_interaction_seconds_count", (("interaction", "command:publish-now"),))
    assert samples[count] == 1
    assert samples[("chorus_platform_connected", (("platform", "console"),))] == 1


async def test_metrics_count_logged_errors_by_subsystem(running: Running) -> None:
    """A warning from the publisher counts as a posting error."""
    import logging

    logging.getLogger("bot.core.publisher").warning("posting in %s failed", "console:local")
    _, text = await _get(running.base + "/metrics")
    assert _samples(text)[("chorus_errors_total", (("kind", "posting"),))] == 1


async def test_metric_labels_carry_no_people_or_communities(running: Running) -> None:
    """No label value names a member, a community or what was written."""
    console = running.console
    await console.as_("member", "quintessa")
    await console.share("Quintessa's neighbour followed her home from the station.")
    await console.type("Confirm")
    _, text = await _get(running.base + "/metrics")
    values = {v for (_, labels) in _samples(text) for (_, v) in labels}
    for value in values:
        assert "quintessa" not in value.lower() and "local" not in value, value


async def test_no_endpoint_without_a_port(tmp_path: Path, clock: FakeClock) -> None:
    """With CHORUS_METRICS_PORT unset nothing listens."""
    settings = load_settings(
        store={"database": str(tmp_path / "chorus.sqlite3")},
        privacy={"secret_key": SECRET},
        discord={"token": None},
        slack={"bot_token": None, "app_token": None, "signing_secret": None},
        ops={"port": None},
    )
    app = App(await build_services(settings, clock))
    app.add_platform(ConsolePlatform(app, io.StringIO()))
    await app.start()
    assert app.ops is None
    await app.stop()


def _probe(folder: Path, port: int) -> int:
    env = environment(folder, CHORUS_METRICS_PORT=str(port))
    return subprocess.run(
        [sys.executable, "-m", "bot.ops.probe"], env=env, timeout=30, check=False
    ).returncode


def test_probe_passes_against_a_running_chorus_and_fails_without(tmp_path: Path) -> None:
    """The container health check exits 0 while Chorus serves, 1 once it is gone."""
    port = free_port()
    proc = start_console(tmp_path, CHORUS_METRICS_PORT=str(port))
    send(proc, ["/help"])
    wait_for(proc, "Console commands")
    healthy = _probe(tmp_path, port)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=30)
    assert healthy == 0
    assert _probe(tmp_path, port) == 1
