"""A logger for slack-sdk and Bolt that never lets user ids or payloads through.

The libraries log request bodies at DEBUG and, for requests no listener
handles, at WARNING. Their records go through this logger, which drops
everything below INFO and masks anything shaped like a Slack user id.
"""

from __future__ import annotations

import logging
import re

LOGGER_NAME = "bot.platforms.slack.library"

_USER_ID = re.compile(r"\b[UW][A-Z0-9]{6,}\b")
_BODY = re.compile(r"\((?:body|filtered_body)?\s*\{.*\}\)?", re.DOTALL)


class PrivacyFilter(logging.Filter):
    """Drop library debug records; mask user ids and request bodies in the rest."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep INFO and above, rewritten without identifying details."""
        if record.levelno < logging.INFO:
            return False
        message = record.getMessage()
        if "Unhandled request" in message:
            message = "Unhandled request (body withheld)"
        message = _BODY.sub("(payload withheld)", message)
        record.msg = _USER_ID.sub("[user]", message)
        record.args = None
        return True


def library_logger() -> logging.Logger:
    """Return the logger handed to slack-sdk clients and the Bolt app."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(f, PrivacyFilter) for f in logger.filters):
        logger.addFilter(PrivacyFilter())
    return logger
