"""Which interactions still wait for their first response, so they can go first.

Discord counts three seconds to the first response; the rest of an answer may
follow later.  In a burst, work for members already acknowledged would otherwise
share the event loop with acknowledging the others, and the last members would
wait for everyone's work.  Work that follows a deferral therefore waits, for a
bounded time, until nobody is waiting for an acknowledgement.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

# The longest deferred work waits for others to be acknowledged, so a steady
# stream of arrivals cannot hold it back for ever.
LONGEST_WAIT = 1.0


class Acknowledgements:
    """A count of interactions in hand that have not had their first response yet."""

    def __init__(self) -> None:
        self._waiting = 0
        self._none = asyncio.Event()
        self._none.set()

    @contextlib.contextmanager
    def awaiting(self) -> Iterator[None]:
        """Count one interaction as waiting for its first response while inside."""
        self._waiting += 1
        self._none.clear()
        try:
            yield
        finally:
            self._waiting -= 1
            if not self._waiting:
                self._none.set()

    async def after_others(self) -> None:
        """Return once no interaction waits for a first response (or after a while)."""
        if self._waiting:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(LONGEST_WAIT):
                    await self._none.wait()
