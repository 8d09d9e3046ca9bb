"""The store's tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from tests.conftest import make_backend_settings


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """Settings on each backend in turn."""
    return make_backend_settings(tmp_path, db_url)
