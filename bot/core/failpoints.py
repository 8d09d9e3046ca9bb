"""Named crash points, so tests can kill the process at an exact step.

``CHORUS_FAILPOINTS=publisher.posted`` makes the process SIGKILL itself when it
reaches that point, as a power cut would. Unset, a failpoint costs one lookup.
"""

from __future__ import annotations

import os
import signal


def failpoint(name: str) -> None:
    """Kill this process at once if ``name`` is listed in ``CHORUS_FAILPOINTS``."""
    wanted = os.environ.get("CHORUS_FAILPOINTS")
    if wanted and name in wanted.split(","):
        os.kill(os.getpid(), signal.SIGKILL)
