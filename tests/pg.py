"""A throw-away PostgreSQL server for the tests and the benchmark.

The server is the machine's own PostgreSQL (Debian's ``/usr/lib/postgresql/*/bin``),
started once per test session in a temporary folder, listening on 127.0.0.1 on a
free port with trust authentication. ``initdb`` and ``pg_ctl`` refuse to run as
root, so as root they run as the ``postgres`` system user. A server that cannot
be started fails the tests that need it: they are never skipped.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_BIN_ROOT = Path("/usr/lib/postgresql")
BACKENDS = ("sqlite", "postgresql")


class PostgresServer:
    """One running server; ``create_database`` hands out fresh, empty databases."""

    def __init__(self, durable: bool = False) -> None:
        self.bin = find_bin()
        self.root = Path(tempfile.mkdtemp(prefix="chorus-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.port = 0
        self._durable = durable
        self._names = itertools.count(1)

    def _as_owner(self, *args: str) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            self._as_owner(*args), capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> PostgresServer:
        """Create the cluster and start the server."""
        self.sockets.mkdir()
        if os.geteuid() == 0:
            for path in (self.root, self.sockets):
                shutil.chown(path, "postgres", "postgres")
        # C collation sorts text by bytes, as SQLite does.
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-k {self.sockets}",
            "-c max_connections=300",
        ]
        if not self._durable:
            # A test server is thrown away, so it need not survive a power cut.
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        for _ in range(5):
            self.port = free_port()
            try:
                self._run(
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.root / "server.log"),
                    "-o",
                    " ".join([f"-p {self.port}", *options]),
                    "-w",
                    "-t",
                    "60",
                    "start",
                )
                return self
            except RuntimeError:
                # Another program may have taken the port between probe and start.
                log = self.root / "server.log"
                if log.exists() and "could not bind" not in log.read_text(errors="replace"):
                    raise
        raise RuntimeError("PostgreSQL could not find a free port")

    def stop(self) -> None:
        """Stop the server and delete its files."""
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """A connection URL for one database on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """Create a new empty database and return its URL."""
        name = f"{prefix}{os.getpid()}_{next(self._names)}"
        self.psql(f"CREATE DATABASE {name}")
        return self.url(name)

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL through psql and return its unaligned output."""
        result = subprocess.run(
            [
                str(self.bin / "psql"),
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
                self.url(database),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr}")
        return result.stdout.strip()


def find_bin() -> Path:
    """The newest installed PostgreSQL's program folder; an error if there is none."""
    found = sorted(
        (p for p in _BIN_ROOT.glob("*/bin") if (p / "initdb").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); "
            "install it with: apt-get install -y postgresql"
        )
    return found[-1]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server, started on first use."""
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_server.create_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test's database on each backend in turn: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "chorus.sqlite3")
    server: PostgresServer = request.getfixturevalue("pg_server")
    return server.create_database()
