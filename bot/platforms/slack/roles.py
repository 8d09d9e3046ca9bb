"""Who someone is in a Slack workspace: admin, organizer or member.

Admins are workspace admins and owners (``users.info``). Organizers are members
of the configured user group (``organizer_group``) or listed in
``organizer_users``, which holds keyed hashes, never Slack user ids.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.api import Role, UserRef
from bot.app import Services
from bot.platforms.dispatch import role_for

log = logging.getLogger(__name__)


async def role_of(
    services: Services,
    client: AsyncWebClient,
    community_id: str,
    team_id: str,
    user: UserRef,
) -> Role:
    """Return the strongest role ``user`` holds; a failed lookup falls back to less power."""
    is_admin = await _is_admin(client, community_id, user)
    if is_admin:
        return Role.ADMIN
    return role_for(False, await _is_organizer(services, client, community_id, team_id, user))


async def _is_admin(client: AsyncWebClient, community_id: str, user: UserRef) -> bool:
    try:
        response = await client.users_info(user=user.id)
    except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("admin check failed in %s: %s", community_id, _reason(exc))
        return False
    profile = response.get("user") or {}
    return bool(profile.get("is_admin") or profile.get("is_owner"))


async def _is_organizer(
    services: Services,
    client: AsyncWebClient,
    community_id: str,
    team_id: str,
    user: UserRef,
) -> bool:
    listed: Iterable[str] = await services.community.get(community_id, "organizer_users") or []
    if services.pseudonyms.directory_hash(community_id, user) in set(listed):
        return True
    group = await services.community.get(community_id, "organizer_group")
    if not group:
        return False
    try:
        response = await client.usergroups_users_list(usergroup=str(group), team_id=team_id)
    except (SlackApiError, aiohttp.ClientError, TimeoutError) as exc:
        log.warning("organizer group check failed in %s: %s", community_id, _reason(exc))
        return False
    return user.id in (response.get("users") or [])


def _reason(exc: Exception) -> str:
    # Only the error code: a Slack error response can echo request arguments.
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "unknown"))
    return type(exc).__name__
