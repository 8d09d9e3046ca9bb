"""Chorus on Discord: the platform adapter and the invite URL."""

from bot.platforms.discord.invite import invite_url, required_permissions
from bot.platforms.discord.platform import DiscordPlatform

__all__ = ["DiscordPlatform", "invite_url", "required_permissions"]
