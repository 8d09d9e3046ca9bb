"""Logs: JSON or readable lines that never carry an id, a name or a story."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import JsonFormatter, PrivacyFilter, ScrubExceptionFilter, safe
from tests.ops._proc import chorus

USER = "wendeline_brook"
STORY = "Marisol Oduya at Fernhill Bakery grabbed my arm and wrote to me at wb@mailbox.example."
SNOWFLAKE = "802154789652307968"
SLACK_USER = "U04ABC12DEF"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubExceptionFilter())
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.ops.captured")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def _entries(stream: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_journey_logs_json_without_the_members_id_name_or_text(tmp_path: Path) -> None:
    """Share, confirm, post and withdraw with JSON logs at DEBUG: each line parses, none leaks."""
    script = [
        f"/as member {USER}",
        "/share",
        STORY,
        "",
        "",
        "1",
        "Confirm",
        "/as admin dana",
        "/config schedule min-delay:0 min-pool:1",
        "/publish-now",
    ]
    result = chorus(
        tmp_path,
        "run",
        "--console",
        stdin="\n".join(script) + "\n",
        CHORUS_LOG_FORMAT="json",
        CHORUS_LOG_LEVEL="DEBUG",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    entries = [json.loads(line) for line in lines]
    assert any(e["message"] == "posted a story in console:local" for e in entries)
    for needle in (USER, "dana", "Marisol", "Oduya", "Fernhill", "wb@mailbox.example", "grabbed"):
        assert needle not in result.stderr, needle


def test_text_format_is_readable_lines(tmp_path: Path) -> None:
    """Without CHORUS_LOG_FORMAT=json the logs are plain lines, not JSON."""
    result = chorus(tmp_path, "run", "--console", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    first = result.stderr.splitlines()[0]
    assert " INFO " in first and not first.startswith("{")


def test_string_arguments_are_withheld(captured: tuple[logging.Logger, io.StringIO]) -> None:
    """A string argument that is not a known-safe value never reaches the log."""
    logger, stream = captured
    logger.info("share from %s: %s", USER, STORY)
    message = _entries(stream)[0]["message"]
    assert USER not in message and "Marisol" not in message
    assert message == "share from [redacted]: [redacted]"


def test_community_ids_counts_and_safe_values_pass(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    """Community ids, numbers, receipt codes and values marked safe are kept."""
    logger, stream = captured
    logger.info(
        "%s posted %d in %s (%s, code %s)",
        "slack:T012AB3CD",
        3,
        f"discord:{SNOWFLAKE}",
        safe("channel_not_found"),
        "7KQ2-MZ4P",
    )
    assert _entries(stream)[0]["message"] == (
        f"slack:T012AB3CD posted 3 in discord:{SNOWFLAKE} (channel_not_found, code 7KQ2-MZ4P)"
    )


def test_ids_and_emails_in_the_message_are_masked(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    """Snowflakes, Slack ids, emails and tokens written into a message are masked."""
    logger, stream = captured
    logger.warning(
        f"user {SNOWFLAKE} / {SLACK_USER} wrote from wb@mailbox.example with xoxb-123-abc"
    )
    message = _entries(stream)[0]["message"]
    for needle in (SNOWFLAKE, SLACK_USER, "wb@mailbox.example", "xoxb-123-abc"):
        assert needle not in message, needle
    assert message == "user [id] / [id] wrote from [email] with [token]"


def test_an_integer_platform_id_is_masked(captured: tuple[logging.Logger, io.StringIO]) -> None:
    """An id passed as a number is still caught once formatted."""
    logger, stream = captured
    logger.info("member %d joined", int(SNOWFLAKE))
    assert _entries(stream)[0]["message"] == "member [id] joined"


def test_exception_arguments_show_only_their_type(
    captured: tuple[logging.Logger, io.StringIO],
) -> None:
    """An exception passed as an argument is reduced to its type name."""
    logger, stream = captured
    logger.warning("failed: %s", ValueError(STORY))
    assert _entries(stream)[0]["message"] == "failed: <ValueError>"


def test_traceback_text_is_masked(captured: tuple[logging.Logger, io.StringIO]) -> None:
    """Ids inside a logged traceback are masked too."""
    logger, stream = captured
    try:
        raise RuntimeError(f"channel {SNOWFLAKE} refused")
    except RuntimeError:
        logger.exception("post failed")
    entry = _entries(stream)[0]
    assert SNOWFLAKE not in entry["exception"] and "[id]" in entry["exception"]
