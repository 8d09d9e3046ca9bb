"""Logging set-up: readable or JSON lines, and never exception text from handlers."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime


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
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, fmt: str) -> None:
    """Send logs to standard error in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ScrubExceptionFilter())
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
