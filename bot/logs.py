"""Logging set-up: readable or JSON lines that never carry who someone is or what they wrote.

Two filters sit on the handler, so they see records from every logger, ours and
the libraries': :class:`ScrubExceptionFilter` drops exception text where a record
asks for it, and :class:`PrivacyFilter` lets through only arguments known to be
harmless and masks anything shaped like a platform id, an email or a token.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import Any

REDACTED = "[redacted]"

# Community ids (``discord:<guild>``, ``slack:<team>``) and receipt codes are what
# logs are meant to carry; a receipt code alone does not identify its author.
_COMMUNITY_ID = re.compile(r"^(?:discord|slack|console):[A-Za-z0-9_-]{1,40}$")
_RECEIPT = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
_ADDRESS = re.compile(r"^(?:\d{1,3}\.){3}\d{1,3}$|^::1$|^localhost$")

# Applied to the final message and exception text, whatever produced them. The
# look-behinds keep the guild or team id inside a community id.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\bx(?:ox[abposre]|app)-[\w-]+"), "[token]"),
    (re.compile(r"(?<!discord:)(?<![\d])\d{17,20}(?!\d)"), "[id]"),
    (re.compile(r"(?<!slack:)\b[UWTCGDB](?=[A-Z0-9]*\d)[A-Z0-9]{8,11}\b"), "[id]"),
)

_vocabulary: set[str] = set()


class Safe(str):
    """A string vetted as carrying nothing about a person: a command name, an error code."""

    __slots__ = ()


def safe(value: str) -> Safe:
    """Mark ``value`` as fine to log as it is (use only for fixed, code-defined strings)."""
    return Safe(value)


def register_safe(words: Iterable[str]) -> None:
    """Add fixed strings (command, form and job names) that may appear as log arguments."""
    _vocabulary.update(words)


def scrub_text(text: str) -> str:
    """Mask platform ids, emails and tokens in free text."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def safe_arg(value: Any) -> Any:
    """Return ``value`` if it is harmless to log, else a placeholder.

    Numbers, enum members, community ids, receipt codes, addresses and registered or
    :class:`Safe` strings pass; an exception is reduced to its type, because its
    message may quote what a member wrote; anything else is withheld.
    """
    if value is None or isinstance(value, bool | int | float | Enum | Safe):
        return value
    if isinstance(value, BaseException):
        return f"<{type(value).__name__}>"
    if isinstance(value, str) and (
        value in _vocabulary
        or _COMMUNITY_ID.match(value)
        or _RECEIPT.match(value)
        or _ADDRESS.match(value)
    ):
        return value
    return REDACTED


class PrivacyFilter(logging.Filter):
    """Withhold record arguments not known to be harmless, and mask ids in the result.

    The message template is code, so it is kept; what is interpolated into it may
    come from a member, so only values :func:`safe_arg` accepts are. The record is
    rewritten in place, so every handler after this one sees the clean text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, rewritten without identifying details."""
        args = record.args
        if isinstance(args, Mapping):
            record.args = {k: safe_arg(v) for k, v in args.items()}
        elif isinstance(args, tuple):
            record.args = tuple(safe_arg(a) for a in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub_text(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True


class ScrubExceptionFilter(logging.Filter):
    """Replace exception details with their type where a record asks for it.

    Exceptions raised while handling a story may quote the story in their message;
    the type and where it was raised are enough to debug.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, minus exception text that could carry what a member wrote."""
        if getattr(record, "scrub_exception", False) and record.exc_info:
            exc_type, _, tb = record.exc_info
            where = ""
            while tb is not None:
                where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
                tb = tb.tb_next
            name = exc_type.__name__ if exc_type else "Exception"
            record.msg = f"{record.msg} ({name} at {where})"
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record as JSON."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = scrub_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, fmt: str) -> None:
    """Send logs to standard error in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ScrubExceptionFilter())
    handler.addFilter(PrivacyFilter())
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Library loggers at DEBUG print raw payloads, which include user ids and text.
    for noisy in ("discord", "slack_bolt", "slack_sdk", "aiohttp", "aiosqlite", "asyncio"):
        logging.getLogger(noisy).setLevel(max(logging.INFO, logging.getLevelName(level)))
