"""The event loop the long-running bot runs on.

uvloop's loop (libuv) does the same work as asyncio's own loop with a fraction of
the CPU per socket event; under a burst of interactions that CPU is what decides
how soon the last member gets an answer.  It is used wherever it installs, and
asyncio's loop everywhere else (Windows).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The constructor of uvloop's loop, or None for asyncio's default."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` to completion on the fastest event loop available here."""
    with asyncio.Runner(loop_factory=loop_factory()) as runner:
        return runner.run(main)


def describe() -> str:
    """The running loop's kind, for the start-up log."""
    module = type(asyncio.get_running_loop()).__module__
    return "uvloop" if module.startswith("uvloop") else "asyncio"
