"""JSON payloads shaped as Discord sends them (API v10).

The shapes follow Discord's API reference and the TypedDicts in
``discord/types/``: every field Discord always sends is present, so the real
client parses exactly what it would parse in production.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
_increment = itertools.count(1)

# Permission bits (https://discord.com/developers/docs/topics/permissions).
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_APPLICATION_COMMANDS = 1 << 31

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_APPLICATION_COMMANDS
)
ALL_PERMISSIONS = (1 << 53) - 1

# Gateway intents used by the fake to decide what to dispatch.
INTENT_GUILDS = 1 << 0
INTENT_DIRECT_MESSAGES = 1 << 12


def snowflake(shard: tuple[int, int] | None = None) -> str:
    """A fresh, time-ordered Discord snowflake.

    ``shard=(shard_id, shard_count)`` backdates it by a few milliseconds so that
    ``(id >> 22) % shard_count == shard_id``: a guild id that lands on that shard.
    """
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    if shard is not None:
        shard_id, count = shard
        ms -= (ms - shard_id) % count
    return str((ms << 22) | (1 << 17) | (next(_increment) & 0xFFF))


def iso_now() -> str:
    """The current time as Discord formats timestamps."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass
class FakeUser:
    """A Discord account."""

    id: str
    username: str
    global_name: str | None = None
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        """The user object."""
        data: dict[str, Any] = {
            "id": self.id,
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "avatar_decoration_data": None,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "primary_guild": None,
            "collectibles": None,
        }
        if self.bot:
            data["bot"] = True
        return data

    def private_payload(self) -> dict[str, Any]:
        """The user object as ``GET /users/@me`` returns it for a bot."""
        data = self.payload()
        data.update(
            {
                "mfa_enabled": False,
                "locale": "en-US",
                "verified": True,
                "email": None,
                "premium_type": 0,
                "bio": "",
            }
        )
        return data


@dataclass
class FakeRole:
    """A guild role."""

    id: str
    name: str
    permissions: int
    position: int = 0
    managed: bool = False

    def payload(self) -> dict[str, Any]:
        """The role object."""
        return {
            "id": self.id,
            "name": self.name,
            "description": None,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }


@dataclass
class FakeChannel:
    """A guild text channel or a DM channel."""

    id: str
    name: str = ""
    guild_id: str | None = None
    recipient: FakeUser | None = None
    position: int = 0
    # Permission bits the bot has here; a channel can deny the bot posting.
    bot_permissions: int | None = None
    last_message_id: str | None = None

    @property
    def is_dm(self) -> bool:
        """Whether this is a direct-message channel."""
        return self.guild_id is None

    def payload(self) -> dict[str, Any]:
        """The channel object."""
        if self.is_dm:
            assert self.recipient is not None
            return {
                "id": self.id,
                "type": 1,
                "last_message_id": self.last_message_id,
                "flags": 0,
                "recipients": [self.recipient.payload()],
            }
        return {
            "id": self.id,
            "type": 0,
            "guild_id": self.guild_id,
            "position": self.position,
            "permission_overwrites": [],
            "name": self.name,
            "topic": None,
            "nsfw": False,
            "last_message_id": self.last_message_id,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }

    def interaction_payload(self, permissions: int) -> dict[str, Any]:
        """The partial channel sent inside an interaction, with the user's permissions."""
        data = self.payload()
        if not self.is_dm:
            data.pop("guild_id", None)
            data["permissions"] = str(permissions)
        return data


@dataclass
class FakeMember:
    """A user's membership of a guild."""

    user: FakeUser
    roles: list[str] = field(default_factory=list)
    joined_at: str = field(default_factory=iso_now)

    def payload(self) -> dict[str, Any]:
        """The guild member object (with its user)."""
        return {
            "user": self.user.payload(),
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": list(self.roles),
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }


@dataclass
class FakeGuild:
    """A server with its roles, channels and members."""

    id: str
    name: str
    owner_id: str
    roles: dict[str, FakeRole] = field(default_factory=dict)
    channels: dict[str, FakeChannel] = field(default_factory=dict)
    members: dict[str, FakeMember] = field(default_factory=dict)
    joined_at: str = field(default_factory=iso_now)

    @property
    def everyone(self) -> FakeRole:
        """The @everyone role, whose id is the guild id."""
        return self.roles[self.id]

    def permissions_of(self, user_id: str) -> int:
        """The member's guild-level permissions, resolved as Discord does (no overwrites)."""
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        member = self.members[user_id]
        perms = self.everyone.permissions
        for role_id in member.roles:
            perms |= self.roles[role_id].permissions
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms

    def create_payload(self, *, joined: bool = False) -> dict[str, Any]:
        """The GUILD_CREATE event data.

        At start-up the guild was announced unavailable in READY, so GUILD_CREATE
        says ``unavailable: false``; when the bot has just joined, the field is absent.
        """
        members = list(self.members.values())
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "icon": None,
            "icon_hash": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_id,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "widget_enabled": False,
            "widget_channel_id": None,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "max_presences": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": False,
            "safety_alerts_channel_id": None,
            "incidents_data": None,
            "hub_type": None,
            "latest_onboarding_question_id": None,
            "home_header": None,
            "inventory_settings": None,
            "embedded_activities": [],
            "activity_instances": [],
            "version": 0,
            # GUILD_CREATE extras
            "joined_at": self.joined_at,
            "large": False,
            "unavailable": False,
            "lazy": True,
            "member_count": len(members),
            "voice_states": [],
            "members": [m.payload() for m in members],
            "channels": [c.payload() for c in self.channels.values()],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }
        if joined:
            del data["unavailable"]
        return data


def application_payload(app_id: str, bot: FakeUser, owner: FakeUser) -> dict[str, Any]:
    """``GET /oauth2/applications/@me``."""
    return {
        "id": app_id,
        "name": bot.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "hook": True,
        "bot_public": True,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": owner.payload(),
        "team": None,
        "flags": 0,
        "bot": bot.payload(),
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "tags": [],
        "approximate_guild_count": 0,
        "integration_types_config": {"0": {}},
        "is_monetized": False,
        "storefront_available": False,
        "explicit_content_filter": 0,
    }


def message_payload(
    *,
    message_id: str,
    channel_id: str,
    author: FakeUser,
    body: dict[str, Any],
    attachments: list[dict[str, Any]] | None = None,
    guild_id: str | None = None,
    application_id: str | None = None,
    webhook_id: str | None = None,
    interaction_metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A message object built from a create-message body as the bot sent it."""
    data: dict[str, Any] = {
        "id": message_id,
        "channel_id": channel_id,
        "author": author.payload(),
        "content": body.get("content") or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": body.get("embeds") or [],
        "pinned": False,
        "type": 0 if interaction_metadata is None else 20,
        "flags": int(body.get("flags") or 0),
        "components": resolve_media(body.get("components") or [], attachments or []),
    }
    if "nonce" in body:
        data["nonce"] = body["nonce"]
    if guild_id is not None:
        data["guild_id"] = guild_id
    if application_id is not None:
        data["application_id"] = application_id
    if webhook_id is not None:
        data["webhook_id"] = webhook_id
    if interaction_metadata is not None:
        data["interaction_metadata"] = interaction_metadata
    return data


def attachment_payload(filename: str, size: int, content_type: str | None) -> dict[str, Any]:
    """An attachment object for an uploaded file."""
    attachment_id = snowflake()
    url = f"https://cdn.discordapp.com/attachments/0/{attachment_id}/{filename}"
    data: dict[str, Any] = {
        "id": attachment_id,
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
    }
    if content_type:
        data["content_type"] = content_type
    return data


def resolve_media(
    components: list[dict[str, Any]], attachments: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Components as Discord stores them: ``attachment://name`` media point at the upload."""
    by_name = {a["filename"]: a for a in attachments}

    def media(item: dict[str, Any]) -> dict[str, Any]:
        url = item.get("url", "")
        found = (
            by_name.get(url.removeprefix("attachment://"))
            if url.startswith("attachment://")
            else None
        )
        if found is None:
            return item
        resolved: dict[str, Any] = {
            **item,
            "url": found["url"],
            "proxy_url": found["proxy_url"],
            "attachment_id": found["id"],
            "loading_state": 2,
            "flags": 0,
        }
        if "content_type" in found:
            resolved["content_type"] = found["content_type"]
        return resolved

    def walk(component: dict[str, Any]) -> dict[str, Any]:
        out = dict(component)
        if isinstance(out.get("media"), dict):
            out["media"] = media(out["media"])
        if isinstance(out.get("file"), dict):
            out["file"] = media(out["file"])
        if isinstance(out.get("items"), list):
            out["items"] = [walk(i) for i in out["items"]]
        if isinstance(out.get("components"), list):
            out["components"] = [walk(c) for c in out["components"]]
        if isinstance(out.get("accessory"), dict):
            out["accessory"] = walk(out["accessory"])
        return out

    return [walk(c) for c in components]


def attachment_references(components: list[dict[str, Any]]) -> set[str]:
    """File names that components reference as ``attachment://name``."""
    found: set[str] = set()

    def walk(items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue
            for key in ("media", "file"):
                url = (
                    (item.get(key) or {}).get("url", "") if isinstance(item.get(key), dict) else ""
                )
                if url.startswith("attachment://"):
                    found.add(url.removeprefix("attachment://"))
            walk(item.get("items") or [])
            walk(item.get("components") or [])
            walk([item.get("accessory")])

    walk(components)
    return found
