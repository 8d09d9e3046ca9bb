"""Slack Web API clients with the retry behaviour Chorus relies on.

Every client retries rate limits (waiting for ``Retry-After``), server errors and
dropped connections. ``chat.postMessage`` is the one exception for server
errors and dropped connections: Slack may have posted before failing, so a
blind retry could post a story twice. The poster retries it itself, after
looking for the message by its nonce.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import FormData
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.platforms.slack.logs import library_logger

NOT_IDEMPOTENT = ("/chat.postMessage",)
RATE_LIMIT_RETRIES = 5
SERVER_ERROR_RETRIES = 3
CONNECTION_RETRIES = 2


def _idempotent(request: HttpRequest) -> bool:
    return not request.url.endswith(NOT_IDEMPOTENT)


class IdempotentOnly(AsyncRetryHandler):
    """Lets ``inner`` retry a request only when the method cannot have taken effect."""

    def __init__(self, inner: AsyncRetryHandler) -> None:
        super().__init__(
            max_retry_count=inner.max_retry_count,
            interval_calculator=inner.interval_calculator,
        )
        self._inner = inner

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if not _idempotent(request):
            return False
        return bool(
            await self._inner._can_retry_async(
                state=state, request=request, response=response, error=error
            )
        )


def retry_handlers() -> list[AsyncRetryHandler]:
    """Build the retry handlers every client gets: rate limits, server errors, connections."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        IdempotentOnly(AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES)),
        IdempotentOnly(AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES)),
    ]


def web_client(token: str | None, api_url: str) -> AsyncWebClient:
    """Build a Web API client for ``api_url``.

    ``base_url`` is always passed: slack-sdk reads its default once at import,
    so a client built without it would ignore the configured API address.
    """
    return AsyncWebClient(
        token=token, base_url=api_url, retry_handlers=retry_handlers(), logger=library_logger()
    )


class InstalledClient(AsyncWebClient):
    """A Web API client for one workspace whose token is looked up for every call.

    The token comes from the installation store each time, so a workspace that
    reinstalled (a new token) or uninstalled (no token: Slack answers ``not_authed``)
    is seen at once, and nothing has to be loaded before the scheduler can post.
    """

    def __init__(self, token_for: Callable[[], Awaitable[str | None]], api_url: str) -> None:
        super().__init__(
            token=None, base_url=api_url, retry_handlers=retry_handlers(), logger=library_logger()
        )
        self._token_for = token_for

    async def api_call(
        self,
        api_method: str,
        *,
        http_verb: str = "POST",
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | FormData | None = None,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
        headers: dict[str, Any] | None = None,
        auth: dict[str, Any] | None = None,
    ) -> AsyncSlackResponse:
        """Call ``api_method`` with the workspace's current token."""
        # The base class reads self.token before its first await, so a concurrent
        # call cannot slip another value in between (and it is the same workspace).
        self.token = await self._token_for()
        return await super().api_call(
            api_method,
            http_verb=http_verb,
            files=files,
            data=data,
            params=params,
            json=json,
            headers=headers,
            auth=auth,
        )


def installed_client(
    token_for: Callable[[], Awaitable[str | None]], api_url: str
) -> AsyncWebClient:
    """Build a client for one workspace of a distributed app, retrying like every client."""
    return InstalledClient(token_for, api_url)


def webhook_client(url: str) -> AsyncWebhookClient:
    """Build a client for one ``response_url``, retrying like the Web API clients."""
    return AsyncWebhookClient(url=url, retry_handlers=retry_handlers(), logger=library_logger())
