"""``chorus redact``: JSON lines in, anonymized JSON lines out, in constant memory."""

from __future__ import annotations

import json
from typing import Any, TextIO

from bot.core.redaction.engine import get_engine

# How often the progress count on the error stream is refreshed, in lines.
PROGRESS_EVERY = 100


def _record(line: str) -> dict[str, Any]:
    """The parsed line, or ValueError saying what is wrong with it."""
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    if not isinstance(record.get("text"), str):
        raise ValueError('expected a string field "text"')
    return record


def redact_stream(
    infile: TextIO, outfile: TextIO, errfile: TextIO, progress: bool
) -> tuple[int, int]:
    """Redact each ``{"id", "text"}`` line; report bad lines by number and go on.

    Writes ``{"id", "redacted", "themes", "crisis"}`` per good line and returns
    (lines ok, lines bad). Blank lines are skipped silently.
    """
    engine = get_engine()
    ok = bad = 0
    number = 0
    for number, line in enumerate(infile, 1):
        if progress and number % PROGRESS_EVERY == 0:
            errfile.write(f"\r{number} lines")
            errfile.flush()
        if not line.strip():
            continue
        try:
            record = _record(line)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            # A new line first, so the message does not overwrite the progress count.
            lead = "\n" if progress and number >= PROGRESS_EVERY else ""
            errfile.write(f"{lead}line {number}: skipped, {exc}\n")
            bad += 1
            continue
        analysis = engine.analyze(record["text"])
        result = {
            "id": record.get("id"),
            "redacted": analysis.redacted,
            "themes": list(analysis.themes),
            "crisis": analysis.crisis,
        }
        outfile.write(json.dumps(result, ensure_ascii=False) + "\n")
        ok += 1
    if progress:
        errfile.write(f"\r{number} lines: {ok} redacted, {bad} skipped\n")
    return ok, bad
