"""Train the crisis model (``bot.core.crisis_model``) from labelled stories.

Run ``scripts/train-crisis`` to rewrite ``bot/data/crisis_model.json``. Nothing here
runs in the bot. The fitting is the theme model's (``bot.core.theme_model_train``):
a logistic regression with an L2 penalty, in its dual form.

The stories are ``training/crisis/`` (written as crises, and hard cases that are
not: danger in the past, fears, figures of speech) and the theme corpus, none of it
a crisis. The penalty and the probability threshold are chosen by cross-validation
on what the bot decides (the rules, or else the model). The threshold is the lowest at
which the model adds false alarms to at most one ordinary story in 200 (the theme
corpus, as members' posts mostly are); the penalty is the one that then finds the most
crises. A false alarm shows a member crisis lines and holds the story for organizers;
a missed crisis shows nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.core import crisis, crisis_model
from bot.core import theme_model_train as base
from bot.core.redaction._normalize import normalize
from bot.core.theme_model import ThemeModel, features

CORPUS = base.ROOT / "training" / "crisis"
# Stories by writers the model never read, only ever scored.
VALIDATION = base.ROOT / "training" / "crisis_validation.jsonl"
# Features seen in fewer stories say more about those stories than about a crisis,
# and would make the model large.
MIN_STORIES = 5
PENALTIES = (1.0, 3.0)
FALSE_ALARM_CEILING = 1 / 200

Matrix = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Story:
    """One labelled story, normalised as the engine reads it."""

    text: str
    crisis: bool
    # From the theme corpus: an ordinary post, not written as a crisis or a near-miss.
    ordinary: bool = False


def _read_jsonl(path: Path, default: bool | None, ordinary: bool = False) -> list[Story]:
    stories: list[Story] = []
    for number, record in base.records(path):
        label = record.get("crisis", default)
        if not isinstance(label, bool):
            raise ValueError(f"{path.name}:{number}: no crisis label")
        stories.append(Story(normalize(record["text"]), label, ordinary))
    return stories


def load_stories(folder: Path = CORPUS, themes: Path = base.CORPUS) -> list[Story]:
    """The crisis corpus, then the theme corpus as stories that are no crisis."""
    stories: list[Story] = []
    for path in sorted(folder.glob("*.jsonl")):
        stories += _read_jsonl(path, None)
    for path in sorted(themes.glob("*.jsonl")):
        stories += _read_jsonl(path, False, ordinary=True)
    return stories


@dataclass(frozen=True)
class _Read:
    """Stories as crisis detection reads them, one row each."""

    words: list[list[str]]
    rules: Flags
    open_: Flags
    truth: Flags

    @classmethod
    def of(cls, stories: Sequence[Story]) -> _Read:
        readings = [crisis.reading(s.text) for s in stories]
        return cls(
            [r.words for r in readings],
            np.array([r.by_rules for r in readings], dtype=bool),
            np.array([r.open_to_model for r in readings], dtype=bool),
            np.array([s.crisis for s in stories], dtype=bool),
        )


def _decided(margins: Matrix, rules: Flags, open_: Flags, threshold: float) -> Flags:
    """What the bot decides: the rules, or else the model where it may read."""
    decided: Flags = rules | (open_ & (margins >= base.logit(threshold)))
    return decided


def _recall_precision(decided: Flags, truth: Flags) -> tuple[float, float]:
    tp = int(np.sum(decided & truth))
    return tp / max(int(truth.sum()), 1), tp / max(int(decided.sum()), 1)


def _choose_threshold(margins: Matrix, rules: Flags, open_: Flags, ordinary: Flags) -> float:
    """The lowest threshold keeping the model's false alarms under the ceiling.

    Counted on the ordinary stories the rules leave alone: at most
    ``FALSE_ALARM_CEILING`` of them may be flagged by the model.
    """
    calm = ordinary & ~rules
    for threshold in base.THRESHOLDS:
        alarms = calm & open_ & (margins >= base.logit(threshold))
        if alarms.sum() <= FALSE_ALARM_CEILING * calm.sum():
            return threshold
    return base.THRESHOLDS[-1]


@dataclass(frozen=True)
class Training:
    """A trained model and how it was chosen."""

    model: ThemeModel
    report: dict[str, Any]


def train(stories: Sequence[Story]) -> Training:
    """Fit the model on ``stories``, the penalty and threshold chosen by cross-validation."""
    read = _Read.of(stories)
    rules, open_, truth = read.rules, read.open_, read.truth
    story_features = [features(w, {}) for w in read.words]
    names = base.vocabulary(story_features, MIN_STORIES)
    x = base.design(story_features, names)
    labels = truth[:, None].astype(np.float64)
    ordinary = np.array([s.ordinary for s in stories], dtype=bool)
    folds = base.interleaved_folds(len(stories))
    results: dict[float, tuple[float, float, float]] = {}
    for penalty in PENALTIES:
        scaled = x / base.penalties(names, penalty)
        kernel = scaled @ x.T
        margins, _ = base.cross_validated_margins(kernel, labels, folds, kernel)
        threshold = _choose_threshold(margins[:, 0], rules, open_, ordinary)
        recall, precision = _recall_precision(
            _decided(margins[:, 0], rules, open_, threshold), truth
        )
        results[penalty] = (recall, precision, threshold)
    # The most crises found; on a tie, the stronger penalty.
    penalty = max(results, key=lambda p: (results[p][0], p))
    recall, precision, threshold = results[penalty]
    corpus = base.Design((crisis_model.LABEL,), names, x, labels, np.ones(len(stories), dtype=bool))
    about = {
        "trained_by": "scripts/train-crisis",
        "stories": len(stories),
        "crises": int(truth.sum()),
        "min_stories_per_feature": MIN_STORIES,
        "folds": base.FOLDS,
        "cross_validated_recall_with_rules": round(recall, base.DIGITS),
        "cross_validated_precision_with_rules": round(precision, base.DIGITS),
    }
    report = {
        "features": len(names),
        "cross_validated_with_rules": {
            p: {
                "recall": round(r[0], base.DIGITS),
                "precision": round(r[1], base.DIGITS),
                "threshold": r[2],
            }
            for p, r in results.items()
        },
        "penalty": penalty,
        "threshold": threshold,
    }
    return Training(base.fit(corpus, penalty, threshold, about), report)


def validate(model: ThemeModel, stories: Sequence[Story]) -> dict[str, float]:
    """Recall, precision and stories flagged: the rules, and the rules with ``model``."""
    read = _Read.of(stories)
    x = base.design([features(w, {}) for w in read.words], model.names)[:, :-1]
    margins = x @ model.weights[:, 0] + model.bias[0]
    out: dict[str, float] = {}
    for name, decided in (
        ("rules", read.rules),
        ("rules_and_model", _decided(margins, read.rules, read.open_, model.threshold)),
    ):
        recall, precision = _recall_precision(decided, read.truth)
        out[f"{name}_recall"] = round(recall, base.DIGITS)
        out[f"{name}_precision"] = round(precision, base.DIGITS)
        out[f"{name}_flagged"] = int(decided.sum())
    return out


def main() -> None:
    """Train, write ``bot/data/crisis_model.json``, score the validation stories."""
    training = train(load_stories())
    crisis_model.MODEL_PATH.write_text(base.dumps(training.model), encoding="utf-8")
    report = dict(training.report)
    # Every writer's validation file, by name: none is trained on.
    for path in sorted(VALIDATION.parent.glob("crisis_validation*.jsonl")):
        held = _read_jsonl(path, None)
        report[path.stem] = {"stories": len(held), **validate(training.model, held)}
    # The theme validation stories: none is a crisis, so every flag is a false alarm.
    calm = [s for path in sorted(base.VALIDATION.glob("*.jsonl")) for s in _read_jsonl(path, False)]
    report["theme_validation"] = {"stories": len(calm), **validate(training.model, calm)}
    print(json.dumps(report, indent=1))  # noqa: T201
