"""Discord, Slack and Markdown syntax is read the way a reader sees it."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine


def redact(text: str) -> str:
    return get_engine().analyze(text).redacted


@pytest.mark.parametrize(
    "mention",
    ["<@123456789012345678>", "<@!123456789012345678>", "<@U024BE7LH>", "<@&98765432101>"],
)
def test_mentions_are_handles(mention: str) -> None:
    """User and role mentions become [handle]."""
    assert redact(f"cc {mention} pls") == "cc [handle] pls"


def test_channel_references_stay() -> None:
    """Discord and Slack channel references are not PII."""
    assert redact("see <#1087654321098765432>") == "see <#1087654321098765432>"
    assert redact("in <#C01ABCDE2|eng-leads>") == "in <#C01ABCDE2|eng-leads>"


def test_custom_emoji_keeps_its_name_only() -> None:
    """A custom emoji's id is dropped, not reported as an ID."""
    assert redact("ugh <:facepalm:123456789012345678>") == "ugh :facepalm:"


def test_slack_mailto_keeps_the_label() -> None:
    """<mailto:x|label> reads "label (mailto:[email])"."""
    assert redact("write to <mailto:ombuds@corp.org|the ombuds office>") == (
        "write to the ombuds office (mailto:[email])"
    )


def test_slack_mailto_with_address_label_leaves_no_address() -> None:
    """Both halves of <mailto:x@y.com|x@y.com> go."""
    assert redact("<mailto:k@talley.com|k@talley.com>") == "mailto:[email]"


def test_slack_link_label_kept_url_replaced() -> None:
    """<https://…|label> keeps the label and replaces the URL."""
    assert redact("<https://example.com/x|the thread>") == "the thread ([link])"


def test_markdown_link() -> None:
    """[label](url) keeps the label and replaces the URL."""
    assert redact("[my post](https://example.com/p/1)") == "my post ([link])"
