"""``python -m bot.ops.probe``: exit 0 when the health endpoint says healthy.

Used as the container's health check; it needs nothing but the standard library,
so it stays cheap to run every few seconds.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def probe(host: str, port: int, timeout: float = 5.0) -> bool:
    """Whether ``http://host:port/healthz`` answers 200."""
    # A server bound to every address is reached through loopback from inside.
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 - a comparison, not a bind
        host = "127.0.0.1"
    url = f"http://{host}:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    """Probe the endpoint configured by ``CHORUS_METRICS_HOST`` and ``CHORUS_METRICS_PORT``."""
    port = os.environ.get("CHORUS_METRICS_PORT", "")
    if not port.isdigit():
        print("CHORUS_METRICS_PORT is not set: no health endpoint to probe", file=sys.stderr)  # noqa: T201
        return 2
    host = os.environ.get("CHORUS_METRICS_HOST", "127.0.0.1")
    return 0 if probe(host, int(port)) else 1


if __name__ == "__main__":
    sys.exit(main())
