"""Turning neutral reply text into Slack text that can never ping or link anyone."""

from __future__ import annotations

import re

SECTION_TEXT_MAX = 3000

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` so ``<!channel>``, ``<@U…>`` and links stay plain text.

    Slack only turns angle-bracket sequences into mentions and links, so escaping
    these three characters is enough; everything else is shown as typed.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# A channel mention after escaping; channel links never notify anyone, so they are let through.
_ESCAPED_CHANNEL = re.compile(r"&lt;#([CGD][A-Z0-9]{2,30})&gt;")


def mrkdwn(text: str) -> str:
    """Neutral reply text (``**bold**``, ``> quote``, backticks) as escaped Slack mrkdwn."""
    return _ESCAPED_CHANNEL.sub(r"<#\1>", _BOLD.sub(r"*\1*", escape(text)))


def chunks(text: str, limit: int = SECTION_TEXT_MAX) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters at paragraph or line breaks."""
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(paragraph) > limit:
            pieces.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        current = paragraph
    if current:
        pieces.append(current)
    return pieces


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
