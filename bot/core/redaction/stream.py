"""``chorus redact``: JSON lines in, anonymized JSON lines out, in constant memory."""

from __future__ import annotations

import json
from typing import TextIO

from bot.core.redaction.engine import get_engine


def redact_stream(
    infile: TextIO, outfile: TextIO, errfile: TextIO, progress: bool
) -> tuple[int, int]:
    """Redact each ``{"id", "text"}`` line; report bad lines by number and go on."""
    engine = get_engine()
    ok = bad = 0
    for number, line in enumerate(infile, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as exc:
            errfile.write(f"line {number}: skipped, {exc}\n")
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
        if progress and ok % 100 == 0:
            errfile.write(f"\r{ok} stories")
    if progress:
        errfile.write(f"\r{ok} stories\n")
    return ok, bad
