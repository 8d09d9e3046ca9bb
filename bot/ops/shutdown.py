"""Stopping on SIGTERM or SIGINT without losing work or hanging on a blocked read.

The first signal stops new interactions at once and gives the one in hand a
grace period to finish; after that, or at a second signal, the work is cancelled.
A post cut short stays claimed in the store and ``reconcile`` finishes it at the
next start, so either way nothing is lost or posted twice.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import signal
import threading
from collections.abc import Callable
from typing import TextIO

log = logging.getLogger(__name__)

# Below Docker's default 10 s between SIGTERM and SIGKILL, leaving time to close the store.
GRACE_SECONDS = 5.0


class StoppableInput:
    """Standard input read ahead by a daemon thread, so reading can be ended at once.

    A thread blocked in ``readline()`` on a terminal or pipe cannot be interrupted,
    and the interpreter waits for executor threads at exit. The blocking read runs
    in a daemon thread instead; :meth:`readline` waits on a queue that
    :meth:`close` wakes, so whoever reads sees end of input as soon as we stop.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lines: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._closed = threading.Event()
        threading.Thread(target=self._pump, name="chorus-stdin", daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                line = self._stream.readline()
            except (OSError, ValueError):
                line = ""
            self._lines.put(line)
            if not line:
                return

    def isatty(self) -> bool:
        """Whether the underlying stream is a terminal."""
        return self._stream.isatty()

    def readline(self) -> str:
        """The next line, or ``""`` at end of input or once closed."""
        if self._closed.is_set():
            return ""
        line = self._lines.get()
        return "" if self._closed.is_set() else line

    def close(self) -> None:
        """End input now: lines not yet read are dropped."""
        self._closed.set()
        self._lines.put("")


async def run_until_signalled(
    work: asyncio.Task[None],
    on_stop: Callable[[], None],
    grace: float = GRACE_SECONDS,
    signals: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGINT),
) -> bool:
    """Wait for ``work``; on a signal call ``on_stop``, then cancel ``work`` after ``grace``.

    Returns whether a signal asked us to stop. Exceptions from ``work`` propagate.
    """
    loop = asyncio.get_running_loop()
    signalled = asyncio.Event()

    def handle() -> None:
        if signalled.is_set():
            # A second signal: the operator does not want to wait.
            work.cancel()
            return
        signalled.set()
        log.info("stopping: no new interactions; finishing what is in hand")
        on_stop()
        loop.call_later(grace, work.cancel)

    for sig in signals:
        loop.add_signal_handler(sig, handle)
    try:
        await asyncio.wait({work})
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
    if work.cancelled():
        if not signalled.is_set():
            raise asyncio.CancelledError
        log.info("stopping: work in hand was interrupted; it resumes at the next start")
    else:
        work.result()
    return signalled.is_set()
