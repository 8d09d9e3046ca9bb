"""The Slack platform: a Bolt app over Socket Mode or HTTP, and channel posting.

Socket Mode is used when an app token is configured, HTTP (with Bolt checking
request signatures) when only a signing secret is. Each workspace (team id) is
its own community, ``slack:<team id>``.

Which token acts in a workspace comes in one of two ways:

* One bot token serves every workspace it is valid in (``SLACK_BOT_TOKEN``), as a
  single-workspace or org-wide install does.
* A distributed app (``SLACK_CLIENT_ID`` and ``SLACK_CLIENT_SECRET``): each
  workspace installs Chorus from ``/slack/install`` and Bolt's OAuth flow stores
  its own bot token in :class:`SlackInstallations`. Bolt finds the token of each
  request there; :meth:`SlackPlatform.client_for` finds it there for work outside
  a request, such as scheduled posts. Bolt serves the install pages beside the
  events endpoint in HTTP mode; its Socket Mode handler serves no pages, so in
  Socket Mode Chorus serves the two install pages (and nothing else) itself.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_callback_options import (
    AsyncCallbackOptions,
    AsyncFailureArgs,
    AsyncSuccessArgs,
)
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.api import Attachment, Post
from bot.app import App
from bot.config import SlackSettings
from bot.core.privacy import chorus_secret
from bot.platforms.slack.clients import installed_client, web_client
from bot.platforms.slack.installs import (
    BOT_SCOPES,
    INSTALL_PATH,
    REDIRECT_PATH,
    OAuthStates,
    SlackInstallations,
    TokenSeal,
    install_failure_page,
)
from bot.platforms.slack.interactions import PLATFORM, Interactions, community_of
from bot.platforms.slack.logs import library_logger
from bot.platforms.slack.posts import ChannelPoster
from bot.platforms.slack.text import mrkdwn

log = logging.getLogger(__name__)

REQUEST_PATH = "/slack/events"
NOT_INSTALLED = (
    "Chorus is not installed in this workspace any more. A workspace admin can add it "
    "again from its installation page."
)


class SlackConfigError(RuntimeError):
    """Slack settings that cannot start a connection."""


def team_of(community_id: str) -> str:
    """Return the Slack team id of a community (``slack:T123`` → ``T123``)."""
    return community_id.removeprefix(f"{PLATFORM}:")


class SlackPlatform:
    """Connects Chorus to Slack; implements the Platform protocol."""

    name = PLATFORM

    def __init__(self, app: App, settings: SlackSettings) -> None:
        if settings.bot_token is None and not settings.distributed:
            raise SlackConfigError(
                "set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET"
            )
        if settings.app_token is None and settings.signing_secret is None:
            raise SlackConfigError("set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET")
        self._app = app
        self._settings = settings
        self._token: str | None = None
        self._client: AsyncWebClient | None = None
        self.installations: SlackInstallations | None = None
        self._states: OAuthStates | None = None
        if settings.distributed:
            services = app.services
            seal = TokenSeal(chorus_secret(services.settings))
            self.installations = SlackInstallations(services.db, seal, services.clock)
            self._states = OAuthStates(
                services.db, services.clock, settings.state_expiration_seconds
            )
        else:
            assert settings.bot_token is not None
            self._token = settings.bot_token.get_secret_value()
            self._client = web_client(self._token, settings.api_url)
        self._team_clients: dict[str, AsyncWebClient] = {}
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
    def distributed(self) -> bool:
        """Whether workspaces install Chorus themselves, each with its own token."""
        return self.installations is not None

    @property
    def port(self) -> int | None:
        """The port the HTTP endpoint (or the install pages) is bound to, once started."""
        if self._runner is None or not self._runner.addresses:
            return None
        return int(self._runner.addresses[0][1])

    @property
    def connected(self) -> bool:
        """Whether interactions can arrive: the socket is open, or the endpoint is bound."""
        if self._socket is not None:
            # The client's is_connected() is a coroutine (it may ping); this property
            # is read synchronously by the health check, so it looks at the session.
            client = self._socket.client
            session = getattr(client, "current_session", None)
            socket_up = (
                not getattr(client, "closed", True)
                and not getattr(client, "stale", False)
                and session is not None
                and not session.closed
            )
            return socket_up and (not self.distributed or self.port is not None)
        return self.port is not None

    def client_for(self, community_id: str) -> AsyncWebClient:
        """Return the Web API client that acts in a community's workspace."""
        if self._client is not None:
            return self._client
        installations = self.installations
        assert installations is not None
        team_id = team_of(community_id)
        client = self._team_clients.get(team_id)
        if client is None:
            # One client per workspace, looking its token up at each call: the
            # scheduler posts outside any request, and the token may have changed.
            async def token() -> str | None:
                return await installations.bot_token(team_id)

            client = installed_client(token, self._settings.api_url)
            self._team_clients[team_id] = client
        return client

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
        signing_secret = secret.get_secret_value() if secret is not None else ""
        if self.installations is not None:
            bolt = self._build_installable_bolt(signing_secret)
        else:
            bolt = AsyncApp(
                client=web_client(None, self._settings.api_url),
                authorize=self._authorizer(),
                signing_secret=signing_secret,
                request_verification_enabled=not self.socket_mode,
                # Listeners run after the acknowledgement; lazy listeners are for serverless.
                process_before_response=False,
                logger=library_logger(),
            )
        self.interactions.register(bolt)
        return bolt

    def _build_installable_bolt(self, signing_secret: str) -> AsyncApp:
        """A Bolt app whose OAuth flow installs it, one bot token per workspace."""
        settings = self._settings
        installations = self.installations
        assert installations is not None and settings.client_id is not None
        assert settings.client_secret is not None
        client_secret = settings.client_secret.get_secret_value()
        oauth_settings = AsyncOAuthSettings(
            client_id=settings.client_id,
            client_secret=client_secret,
            scopes=list(BOT_SCOPES),
            # Chorus acts only as its bot; an explicit empty list, or Bolt reads the
            # process environment for user scopes.
            user_scopes=[],
            redirect_uri=settings.redirect_uri,
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            callback_options=AsyncCallbackOptions(
                success=self._installed, failure=self._install_failed
            ),
            authorization_url=settings.authorization_url,
            installation_store=installations,
            installation_store_bot_only=True,
            state_store=self._states,
            state_expiration_seconds=settings.state_expiration_seconds,
            logger=library_logger(),
        )
        # The flow's own client exchanges the code (oauth.v2.access): it must reach the
        # configured API address and retry like every other client.
        flow = AsyncOAuthFlow(
            client=web_client(None, settings.api_url),
            logger=library_logger(),
            settings=oauth_settings,
        )
        client = web_client(None, settings.api_url)
        bolt = AsyncApp(
            client=client,
            oauth_flow=flow,
            # Bolt's own authorize over the store, remembering each token's auth.test
            # so only a workspace's first interaction in a process waits on one. An
            # uninstalled workspace has no row, so it is refused before the memory is read.
            # Bolt takes an AsyncAuthorize instance as it is; its annotation says only
            # "callable", and this one may answer None (not installed).
            authorize=AsyncInstallationStoreAuthorize(  # type: ignore[arg-type]
                logger=library_logger(),
                installation_store=installations,
                client_id=settings.client_id,
                client_secret=client_secret,
                bot_only=True,
                cache_enabled=True,
                client=client,
            ),
            installation_store_bot_only=True,
            user_facing_authorize_error_message=NOT_INSTALLED,
            signing_secret=signing_secret,
            request_verification_enabled=not self.socket_mode,
            process_before_response=False,
            logger=library_logger(),
        )
        # Before Chorus's own listeners, whose catch-all event listener would take
        # app_uninstalled and tokens_revoked first.
        bolt.enable_token_revocation_listeners()
        return bolt

    async def _installed(self, args: AsyncSuccessArgs) -> BoltResponse:
        """After Bolt stored an installation: record the community, then Bolt's own page."""
        team_id = args.installation.team_id
        if team_id:
            try:
                await self.interactions.ensure_community(community_of(str(team_id)))
            except Exception:
                # The installation is stored; the first command records the community.
                log.exception(
                    "community not recorded at installation", extra={"scrub_exception": True}
                )
            log.info("slack installed in %s", community_of(str(team_id)))
        return await args.default.success(args)

    async def _install_failed(self, args: AsyncFailureArgs) -> BoltResponse:
        """A failed or refused installation: say what happened and how to start again."""
        log.info("slack installation refused: %s", args.reason)
        return BoltResponse(
            status=args.suggested_status_code,
            body=install_failure_page(args.reason),
            headers={
                "Content-Type": "text/html; charset=utf-8",
                # The state in this browser is spent either way.
                "Set-Cookie": args.settings.state_utils.build_set_cookie_for_deletion(),
            },
        )

    def _install_pages(self, bolt: AsyncApp) -> web.Application:
        """Only the two install pages, for Socket Mode (which has no HTTP endpoint).

        Events must not be accepted here: in Socket Mode Bolt does not check request
        signatures, so an events route would take anyone's word for an interaction.
        """
        flow = bolt.oauth_flow
        assert flow is not None

        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_installation(await to_bolt_request(request))
            )

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_callback(await to_bolt_request(request))
            )

        pages = web.Application()
        pages.add_routes([web.get(INSTALL_PATH, install), web.get(REDIRECT_PATH, redirect)])
        return pages

    async def _serve(self, web_app: web.Application) -> None:
        # Bolt's own start() binds every interface; serve on the configured host only.
        self._runner = web.AppRunner(web_app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.host, self._settings.port)
        await site.start()

    # --- Platform protocol -------------------------------------------------------------

    async def start(self) -> None:
        """Check the token (or find the installed workspaces), then connect or serve HTTP."""
        if self._client is not None:
            identity = await self._client.auth_test()
            self._bot_user_id = identity.get("user_id")
            self._bot_id = identity.get("bot_id")
            team_id = identity.get("team_id")
            if team_id:
                await self.interactions.ensure_community(community_of(str(team_id)))
        else:
            assert self.installations is not None
            # Installs served by another process, or before a restart, schedule here too.
            for team_id in await self.installations.teams():
                await self.interactions.ensure_community(community_of(team_id))
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
            if self.distributed:
                await self._serve(self._install_pages(self._bolt))
                log.info("slack install pages on %s:%s", self._settings.host, self.port)
            return
        await self._serve(self._bolt.web_app(path=REQUEST_PATH))
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
