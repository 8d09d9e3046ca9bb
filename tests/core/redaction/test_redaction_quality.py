"""Quality on labelled stories, scored by the shared scorer.

The development stories, and stories by writers the engine's rules were not written
from and the theme model never read: 600 in ``training/pii_validation.jsonl`` and 450
in ``training/pii_validation_more.jsonl``, labelled for PII apart.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from bot.core.redaction import get_engine

ROOT = Path(__file__).resolve().parents[3]
EVAL = Path(os.environ.get("CHORUS_EVAL_DIR", ROOT.parent / "shared" / "eval"))
DEV = EVAL / "dev.jsonl"
OTHER_WRITERS = ("pii_validation.jsonl", "pii_validation_more.jsonl")

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"no development set at {DEV}")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chorus_eval_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _headline(path: Path) -> dict[str, Any]:
    """The scorer's headline figures for the engine on the labelled stories at ``path``."""
    scorer = _scorer()
    gold, _ = scorer.load_jsonl(str(path), "gold")
    engine = get_engine()
    pred = {}
    for gid, record in gold.items():
        analysis = engine.analyze(record["text"])
        pred[gid] = {
            "id": gid,
            "redacted": analysis.redacted,
            "themes": list(analysis.themes),
            "crisis": analysis.crisis,
        }
    # Round-trip through JSON, as the scorer reads predictions from a file.
    pred = json.loads(json.dumps(pred))
    printed = io.StringIO()
    result: dict[str, Any] = scorer.score(gold, pred, out=printed)
    # The headline holds only the macro figure; each theme's F1 is the last column
    # of its row in the printed table.
    result["theme_f1"] = {
        row[0]: float(row[-1])
        for row in map(str.split, printed.getvalue().splitlines())
        if row and row[0] in scorer.THEMES
    }
    return result


@pytest.fixture(scope="module")
def headline() -> dict[str, Any]:
    return _headline(DEV)


@pytest.fixture(scope="module", params=OTHER_WRITERS)
def other_writers(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _headline(ROOT / "training" / request.param)


def test_no_contact_detail_leaks(headline: dict[str, Any]) -> None:
    """No email, phone, URL, handle or ID survives."""
    by_type = headline["leak_rate_by_type"]
    assert all(by_type[t] == 0 for t in ("EMAIL", "PHONE", "URL", "HANDLE", "ID"))


def test_overall_leak_rate(headline: dict[str, Any]) -> None:
    """At most 2 % of PII spans leak."""
    assert headline["leak_rate"] <= 0.02


def test_stories_with_a_leak(headline: dict[str, Any]) -> None:
    """At most 5 % of stories with PII leak anything."""
    assert headline["stories_with_leak_rate"] <= 0.05


def test_over_redaction(headline: dict[str, Any]) -> None:
    """At most 3 % of ordinary words are lost."""
    assert headline["over_redaction"] <= 0.03


def test_theme_macro_f1(headline: dict[str, Any]) -> None:
    """Theme macro-F1 is at least 0.80, no theme below 0.65."""
    assert headline["theme_macro_f1"] >= 0.80
    assert min(headline["theme_f1"].values()) >= 0.65


def test_crisis_recall_and_precision(headline: dict[str, Any]) -> None:
    """Every crisis story is flagged, with precision at least 0.80."""
    assert headline["crisis_recall"] == 1.0
    assert headline["crisis_precision"] >= 0.80


def test_other_writers_leak_within_the_targets(other_writers: dict[str, Any]) -> None:
    """Other writers' stories: at most 2 % of spans and 5 % of stories leak; no contact detail."""
    assert other_writers["leak_rate"] <= 0.02
    assert other_writers["stories_with_leak_rate"] <= 0.05
    by_type = other_writers["leak_rate_by_type"]
    assert all(by_type.get(t, 0.0) == 0 for t in ("EMAIL", "PHONE", "URL", "HANDLE", "ID"))


def test_other_writers_keep_their_words(other_writers: dict[str, Any]) -> None:
    """On other writers' stories, at most 3 % of ordinary words are lost."""
    assert other_writers["over_redaction"] <= 0.03


def test_other_writers_themes(other_writers: dict[str, Any]) -> None:
    """On other writers' stories, theme macro-F1 is at least 0.80, no theme below 0.65."""
    assert other_writers["theme_macro_f1"] >= 0.80
    assert min(other_writers["theme_f1"].values()) >= 0.65
