"""Anonymization, theme tagging and crisis detection behind one interface.

``analyze`` is the only entry point the rest of Chorus uses: intake calls it on
the member's text (in memory only) and stores nothing but ``Analysis.redacted``
and ``Analysis.themes``.
"""

from bot.core.redaction.engine import Analysis, Engine, Redaction, get_engine

__all__ = ["Analysis", "Engine", "Redaction", "get_engine"]
