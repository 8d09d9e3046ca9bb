"""The Slack platform: a Bolt app over Socket Mode or HTTP, and channel posting.

Socket Mode is used when an app token is configured, HTTP (with Bolt checking
request signatures) when only a signing secret is. Each workspace (team id) is
its own community, ``slack:<team id>``.

One bot token serves every workspace it is valid in, as an org-wide install
does. Per-workspace installations would plug in at :meth:`SlackPlatform._authorizer`
and :meth:`SlackPlatform.client_for` (an OAuth installation store mapping team
ids to bot tokens); nothing else needs to change.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient

from bot.api import Attachment, Post
from bot.app import App
from bot.config import SlackSettings
from bot.platforms.slack.clients import web_client
from bot.platforms.slack.interactions import PLATFORM, Interactions, community_of
from bot.platforms.slack.logs import library_logger
from bot.platforms.slack.posts import ChannelPoster
from bot.platforms.slack.text import mrkdwn

log = logging.getLogger(__name__)

REQUEST_PATH = "/slack/events"


class SlackConfigError(RuntimeError):
    """Slack settings that cannot start a connection."""


class SlackPlatform:
    """Connects Chorus to Slack; implements the Platform protocol."""

    name = PLATFORM

    def __init__(self, app: App, settings: SlackSettings) -> None:
        if settings.bot_token is None:
            raise SlackConfigError("SLACK_BOT_TOKEN is required")
        if settings.app_token is None and settings.signing_secret is None:
            raise SlackConfigError("set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET")
        self._app = app
        self._settings = settings
        self._token = settings.bot_token.get_secret_value()
        self._client = web_client(self._token, settings.api_url)
        self._poster = ChannelPoster(self.client_for)
        self.interactions = Interactions(app, self.client_for, self._poster)
        self._bolt: AsyncApp | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._bot_user_id: str | None = None
        self._bot_id: str | None = None

    @property
    def socket_mode(self) -> bool:
        """Whether interactions arrive over Socket Mode (else over HTTP)."""
        return self._settings.app_token is not None

    @property
    def port(self) -> int | None:
        """The port the HTTP endpoint is bound to, once started in HTTP mode."""
        if self._runner is None or not self._runner.addresses:
            return None
        return int(self._runner.addresses[0][1])

    @property
    def connected(self) -> bool:
        """Whether interactions can arrive: the socket is open, or the endpoint is bound."""
        if self._socket is not None:
            return bool(self._socket.client.is_connected())
        return self.port is not None

    def client_for(self, community_id: str) -> AsyncWebClient:
        """Return the Web API client that acts in a community's workspace."""
        return self._client

    def _authorizer(self) -> Callable[..., Awaitable[AuthorizeResult]]:
        # Bolt passes arguments by parameter name, so this must be a plain function.
        async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            # Answered from the start-up auth.test, so no interaction waits on a Web API
            # call before it can be acknowledged.
            return AuthorizeResult(
                enterprise_id=enterprise_id,
                team_id=team_id,
                bot_token=self._token,
                bot_user_id=self._bot_user_id,
                bot_id=self._bot_id,
            )

        return authorize

    def _build_bolt(self) -> AsyncApp:
        secret = self._settings.signing_secret
        bolt = AsyncApp(
            client=web_client(None, self._settings.api_url),
            authorize=self._authorizer(),
            signing_secret=secret.get_secret_value() if secret is not None else "",
            request_verification_enabled=not self.socket_mode,
            # Listeners run after the acknowledgement; lazy listeners are for serverless.
            process_before_response=False,
            logger=library_logger(),
        )
        self.interactions.register(bolt)
        return bolt

    # --- Platform protocol -------------------------------------------------------------

    async def start(self) -> None:
        """Check the token, then connect over Socket Mode or serve HTTP."""
        identity = await self._client.auth_test()
        self._bot_user_id = identity.get("user_id")
        self._bot_id = identity.get("bot_id")
        team_id = identity.get("team_id")
        if team_id:
            await self.interactions.ensure_community(community_of(str(team_id)))
        self._bolt = self._build_bolt()
        if self.socket_mode:
            app_token = self._settings.app_token
            assert app_token is not None
            socket_web = web_client(None, self._settings.api_url)
            self._socket = AsyncSocketModeHandler(
                self._bolt,
                app_token.get_secret_value(),
                logger=library_logger(),
                web_client=socket_web,
            )
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack connected over socket mode")
            return
        # Bolt's own start() binds every interface; serve on the configured host only.
        self._runner = web.AppRunner(self._bolt.web_app(path=REQUEST_PATH), handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.host, self._settings.port)
        await site.start()
        log.info("slack serving http on %s:%s", self._settings.host, self.port)

    async def stop(self) -> None:
        """Disconnect Socket Mode or stop the HTTP server."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Post a story; the message ``ts`` is its id."""
        return await self._poster.post(community_id, channel_id, post)

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """Find an earlier post by the nonce in its metadata."""
        return await self._poster.find(community_id, channel_id, nonce)

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Delete a post; an already deleted one is fine."""
        await self._poster.delete(community_id, channel_id, message_id)

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Send a digest or notice to a channel; return its ts."""
        return await self._poster.send(
            community_id, channel_id, text, attachments, formatted=mrkdwn(text), nonce=nonce
        )
