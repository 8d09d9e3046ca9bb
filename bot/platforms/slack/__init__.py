"""Slack: a Bolt app over Socket Mode or HTTP, rendering Chorus's neutral responses."""

from bot.platforms.slack.app import SlackPlatform
from bot.platforms.slack.manifest import slack_manifest

__all__ = ["SlackPlatform", "slack_manifest"]
