"""Named crash points, so tests can kill the process at an exact step.

``CHORUS_FAILPOINTS=publisher.posted`` makes the process SIGKILL itself when it
reaches that point, as a power cut would; ``publisher.posted@50`` waits for the
50th time it is reached, to crash in the middle of a burst. Unset, a failpoint
costs one lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_reached: Counter[str] = Counter()


def failpoint(name: str) -> None:
    """Kill this process at once if ``name`` (or its count, ``name@n``) is listed."""
    wanted = os.environ.get("CHORUS_FAILPOINTS")
    if not wanted:
        return
    _reached[name] += 1
    points = wanted.split(",")
    if name in points or f"{name}@{_reached[name]}" in points:
        os.kill(os.getpid(), signal.SIGKILL)
