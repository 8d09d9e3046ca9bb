"""The operator's HTTP endpoint: ``/healthz`` and ``/metrics``, served on the event loop."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.ops.health import check_health
from bot.ops.metrics import Metrics
from bot.platforms.base import Platform
from bot.store.db import Database

log = logging.getLogger(__name__)


class OpsServer:
    """Serves health and metrics with aiohttp on the bot's own event loop."""

    def __init__(
        self,
        db: Database,
        platforms: Mapping[str, Platform],
        metrics: Metrics,
        stopping: Callable[[], bool],
        host: str,
        port: int,
    ) -> None:
        self._db = db
        self._platforms = platforms
        self._metrics = metrics
        self._stopping = stopping
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    def web_app(self) -> web.Application:
        """The aiohttp application with both routes."""
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics_page)
        return app

    async def start(self) -> None:
        """Listen on the configured address; ``port`` holds the bound port afterwards."""
        # No access log: it would only repeat scrapes, and the addresses are not ours to keep.
        self._runner = web.AppRunner(self.web_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        # The bound address tells the real port when 0 was asked for.
        addresses = self._runner.addresses
        self.port = int(addresses[0][1]) if addresses else self._port
        log.info("health and metrics on %s:%d", self._host, self.port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        health = await check_health(self._db, self._platforms, self._stopping())
        return web.json_response(health.body, status=200 if health.healthy else 503)

    async def _metrics_page(self, request: web.Request) -> web.Response:
        await self._metrics.refresh(self._db, self._platforms)
        body = generate_latest(self._metrics.registry)
        response = web.Response(body=body)
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response
