"""Reply text as Slack mrkdwn: nothing can ping, channel references stay links."""

from __future__ import annotations

from bot.api import channel_mention
from bot.platforms.slack.text import mrkdwn


def test_channel_mentions_stay_links_and_nothing_else_does() -> None:
    """A cog's channel reference becomes a link; member-typed pings stay plain text."""
    text = f"stories: {channel_mention('C0STORY1')} <!channel> <@U123> <https://x.example|x>"
    assert mrkdwn(text) == (
        "stories: <#C0STORY1> &lt;!channel&gt; &lt;@U123&gt; &lt;https://x.example|x&gt;"
    )


def test_a_mention_with_a_pipe_or_lowercase_is_not_let_through() -> None:
    """Only a bare Slack channel id is unescaped, so no label or link can ride along."""
    assert mrkdwn("<#C123|@everyone>") == "&lt;#C123|@everyone&gt;"
    assert mrkdwn("<#general>") == "&lt;#general&gt;"
