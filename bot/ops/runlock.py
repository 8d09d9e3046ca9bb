"""One running Chorus per database, and a way for other commands to tell it is running."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another process holds the database's run lock."""


def lock_path(database: Path) -> Path:
    """The lock file beside a database (``chorus.sqlite3-lock``)."""
    return database.with_name(database.name + "-lock")


class RunLock:
    """An advisory lock held for as long as ``chorus run`` uses a database.

    The kernel drops it when the process ends, however it ends, so a crash never
    leaves a stale lock behind.
    """

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadyRunning`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(
                f"Chorus is already running on {self.path.with_name(self.path.name[:-5])}"
            ) from None
        self._fd = fd

    def release(self) -> None:
        """Let go of the lock."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def is_running(database: Path) -> bool:
    """Whether a ``chorus run`` currently holds the lock of ``database``."""
    path = lock_path(database)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
