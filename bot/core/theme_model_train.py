"""Train the theme model (``bot.core.theme_model``) from the labelled corpus.

Run ``scripts/train-themes`` to rewrite ``bot/data/theme_model.json``. Nothing here
runs in the bot; it needs only numpy, and gives the same file on every run.

Each default theme gets a logistic regression with an L2 penalty, fitted by Newton's
method in its dual form: with fewer stories than features, every step solves one
system as large as the number of stories, and the stories' kernel is worked out
once for every theme, penalty and cross-validation fold. The penalty and the
probability threshold are chosen by cross-validation on the corpus alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.core import theme_model
from bot.core.redaction._normalize import normalize
from bot.core.theme_model import ThemeModel
from bot.core.themes import DEFAULT_THEMES, read_story

Matrix = npt.NDArray[np.float64]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "training" / "themes"
# Stories by writers the corpus does not include, only ever scored.
VALIDATION = ROOT / "training" / "themes_validation"
# Features seen in fewer stories say more about those stories than about a theme,
# and would make the model large.
MIN_STORIES = 5
FOLDS = 5
PENALTIES = (1.0, 3.0, 10.0)
# The lexicon was written from the theme definitions, not from this corpus: its
# features are penalised this many times less than words, so the model leans on
# it where the corpus's own wording would not carry to other writers.
LEXICON_TRUST = 9.0
# The bias is all but unpenalised.
BIAS_PENALTY = 1e-2
# Members often post a few lines, where the corpus's stories run to 80 words: the
# threshold is chosen on the stories and on their openings (first sentences up to
# this many words), scored against the story's themes, so short posts get themes too.
OPENING_WORDS = 40
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Candidate thresholds: 0.100, 0.125 ... 0.700.
THRESHOLDS = tuple(k / 40 for k in range(4, 29))
DIGITS = 4
NEWTON_STEPS = 50
TOLERANCE = 1e-7


@dataclass(frozen=True)
class Story:
    """One labelled story of the corpus, normalised as the engine reads it."""

    text: str
    themes: frozenset[str]


def records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each record of a JSON Lines file with its line number; blank lines skipped."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield number, json.loads(line)


def load_corpus(folder: Path = CORPUS) -> list[Story]:
    """Every story in ``folder``'s ``*.jsonl`` files, in file-name and line order."""
    known = {t.id for t in DEFAULT_THEMES}
    stories: list[Story] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, record in records(path):
            themes = frozenset(record["themes"])
            if not themes <= known:
                raise ValueError(f"{path.name}:{number}: unknown themes {sorted(themes - known)}")
            stories.append(Story(normalize(record["text"]), themes))
    return stories


def opening(text: str) -> str:
    """The first sentences of ``text``, up to ``OPENING_WORDS`` words (at least one)."""
    kept: list[str] = []
    words = 0
    for sentence in _SENTENCE.split(text.strip()):
        words += len(sentence.split())
        if kept and words > OPENING_WORDS:
            break
        kept.append(sentence)
    return " ".join(kept)


def vocabulary(features: Sequence[dict[str, float]], min_stories: int = MIN_STORIES) -> list[str]:
    """Feature names seen in at least ``min_stories`` stories, sorted."""
    seen = Counter(name for story in features for name in story)
    return sorted(name for name, n in seen.items() if n >= min_stories)


def design(features: Sequence[dict[str, float]], names: Sequence[str]) -> Matrix:
    """Stories by features, with a last column of ones for the bias."""
    column = {name: k for k, name in enumerate(names)}
    x = np.zeros((len(features), len(names) + 1))
    for row, story in enumerate(features):
        for name, value in story.items():
            k = column.get(name)
            if k is not None:
                x[row, k] = value
    x[:, -1] = 1.0
    return x


def penalties(names: Sequence[str], penalty: float) -> Matrix:
    """The L2 penalty of each feature, and of the bias last."""
    words = (theme_model.WORD, theme_model.BIGRAM)
    return np.array(
        [penalty if name.startswith(words) else penalty / LEXICON_TRUST for name in names]
        + [BIAS_PENALTY]
    )


def _objective(kernel: Matrix, beta: Matrix, y: Matrix) -> float:
    z = kernel @ beta
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * beta @ z)


def fit_dual(kernel: Matrix, y: Matrix, start: Matrix | None = None) -> Matrix:
    """Dual coefficients of a logistic regression with the penalty in ``kernel``.

    With ``kernel = X diag(1/penalty) X^T``, the weights are
    ``diag(1/penalty) X^T beta``; at the optimum ``beta = y - p``. Newton's method
    starts from ``start`` (zeros if None); the optimum is the same from anywhere.
    """
    n = len(y)
    beta = np.zeros(n) if start is None else start
    value = _objective(kernel, beta, y)
    for _ in range(NEWTON_STEPS):
        z = kernel @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        gradient = p - y + beta
        if float(np.max(np.abs(gradient))) < TOLERANCE:
            break
        # Newton's step for J(beta) = sum(loss(K beta)) + beta^T K beta / 2.
        curvature = p * (1.0 - p)
        step = np.linalg.solve(np.eye(n) + curvature[:, None] * kernel, gradient)
        # Halve the step until the objective does not rise (rarely needed).
        size = 1.0
        while True:
            trial = beta - size * step
            trial_value = _objective(kernel, trial, y)
            if trial_value <= value or size < 1e-6:
                break
            size /= 2.0
        beta, value = trial, trial_value
    return beta


def cross_validated_margins(
    kernel: Matrix, labels: Matrix, folds: Sequence[int], others: Matrix
) -> tuple[Matrix, Matrix]:
    """Log-odds per theme from models fitted without each story's fold.

    For the stories themselves, and for other texts (rows of ``others``, the
    kernel between them and the stories), each scored by the models fitted
    without its story's fold.
    """
    margins = np.zeros(labels.shape)
    other_margins = np.zeros((len(others), labels.shape[1]))
    fold_of = np.array(folds)
    for fold in sorted(set(folds)):
        test = np.flatnonzero(fold_of == fold)
        train = np.flatnonzero(fold_of != fold)
        inner = kernel[np.ix_(train, train)]
        for theme in range(labels.shape[1]):
            beta = fit_dual(inner, labels[train, theme])
            margins[test, theme] = kernel[np.ix_(test, train)] @ beta
            other_margins[test, theme] = others[np.ix_(test, train)] @ beta
    return margins, other_margins


Flags = npt.NDArray[np.bool_]


def chosen(margins: Matrix, shown: Flags) -> Flags:
    """``ThemeCatalog.tag``'s choice for every story at once: which themes each gets.

    ``shown`` says, per story and theme, whether the story shows core evidence of
    the theme: a story that shows none gets no theme, and when more themes reach
    the threshold than there is room for, those it shows are kept first
    (``bot.core.theme_model.choose``).
    """
    order = np.argsort(-margins, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(margins.shape[1])[None, :], axis=1)
    # The best theme first; then those reaching the threshold, shown ones before
    # the rest; then those that do not.
    priority = np.where(rank == 0, 2, np.where(margins >= 0, np.where(shown, 1, 0), -1))
    kept = np.lexsort((rank, -priority), axis=1)
    place = np.empty_like(kept)
    np.put_along_axis(place, kept, np.arange(margins.shape[1])[None, :], axis=1)
    any_shown: Flags = np.any(shown, axis=1, keepdims=True)
    picked: Flags = any_shown & (priority >= 0) & (place < theme_model.MAX_THEMES)
    return picked


def theme_f1(margins: Matrix, labels: Matrix, shown: Flags) -> Matrix:
    """F1 per theme of the model's choice given margins (log-odds above the threshold)."""
    predicted = chosen(margins, shown)
    gold = labels.astype(bool)
    tp = np.sum(predicted & gold, axis=0)
    wrong = np.sum(predicted != gold, axis=0)
    f1: Matrix = np.where(tp + wrong > 0, 2 * tp / np.maximum(2 * tp + wrong, 1), 1.0)
    return f1


def macro_f1(margins: Matrix, labels: Matrix, shown: Flags) -> float:
    """Macro-F1 of the model's choice given margins (log-odds above the threshold)."""
    return float(np.mean(theme_f1(margins, labels, shown)))


def logit(probability: float) -> float:
    """The log-odds of ``probability``."""
    return float(np.log(probability / (1.0 - probability)))


def choose_threshold(margins: Matrix, labels: Matrix, shown: Flags) -> float:
    """The probability threshold, shared by all themes, with the best macro-F1.

    One threshold rather than one per theme: twelve thresholds fitted to a few
    hundred stories did no better than one on held-out folds, and worse on stories
    by writers the corpus did not include. Ties go to the candidate
    nearest 0.5.
    """
    return max(
        THRESHOLDS,
        key=lambda t: (macro_f1(margins - logit(t), labels, shown), -abs(t - 0.5)),
    )


@dataclass(frozen=True)
class Training:
    """A trained model and how it was chosen."""

    model: ThemeModel
    report: dict[str, Any]


def interleaved_folds(count: int) -> list[int]:
    """The cross-validation fold of each of ``count`` stories.

    Interleaved, so each fold holds stories from every corpus file.
    """
    return [k % FOLDS for k in range(count)]


def _labels(stories: Sequence[Story], themes: Sequence[str]) -> Matrix:
    return np.array([[t in s.themes for t in themes] for s in stories], dtype=np.float64)


@dataclass(frozen=True)
class Design:
    """The corpus as the model sees it: feature names, stories by features, labels."""

    themes: tuple[str, ...]
    names: list[str]
    x: Matrix
    labels: Matrix
    shown: Flags  # per story and theme: core evidence of the theme


def read_all(texts: Iterable[str]) -> tuple[list[dict[str, float]], Flags]:
    """Each text's features, and the default themes it shows core evidence of.

    The themes as flags: one row per text, one column per default theme
    (``read_story``).
    """
    readings = [read_story(text) for text in texts]
    shown = np.zeros((len(readings), len(DEFAULT_THEMES)), dtype=bool)
    for row, (_, themes) in enumerate(readings):
        shown[row, list(themes)] = True
    return [f for f, _ in readings], shown


def design_corpus(stories: Sequence[Story]) -> Design:
    """Features and labels of ``stories``; the vocabulary is the features they share."""
    themes = tuple(t.id for t in DEFAULT_THEMES)
    features, shown = read_all(s.text for s in stories)
    names = vocabulary(features)
    return Design(themes, names, design(features, names), _labels(stories, themes), shown)


def fit(
    corpus: Design,
    penalty: float,
    threshold: float,
    about: dict[str, Any],
    near: ThemeModel | None = None,
) -> ThemeModel:
    """The model fitted on the whole corpus with the given penalty and threshold.

    ``near``, a model close to the result, only saves Newton steps: the fit starts
    from its probabilities (at the optimum, ``beta = y - p``).
    """
    scaled = corpus.x / penalties(corpus.names, penalty)
    kernel = scaled @ corpus.x.T
    starts: list[Matrix | None] = [None] * len(corpus.themes)
    if near is not None and near.themes == corpus.themes:
        known = dict(zip(near.names, near.weights, strict=True))
        guess = np.array([known.get(name, np.zeros(len(near.themes))) for name in corpus.names])
        p = 1.0 / (1.0 + np.exp(-(corpus.x[:, :-1] @ guess + near.bias)))
        starts = list((corpus.labels - p).T)
    weights = np.stack(
        [
            scaled.T @ fit_dual(kernel, y, start)
            for y, start in zip(corpus.labels.T, starts, strict=True)
        ],
        axis=1,
    )
    return ThemeModel(
        themes=corpus.themes,
        bias=weights[-1],
        threshold=threshold,
        weights={name: weights[k].tolist() for k, name in enumerate(corpus.names)},
        about={**about, "penalty": penalty},
    )


def train(stories: Sequence[Story], penalty_grid: Iterable[float] = PENALTIES) -> Training:
    """Fit the model on ``stories``, the penalty and threshold chosen by cross-validation."""
    corpus = design_corpus(stories)
    x, names, labels = corpus.x, corpus.names, corpus.labels
    folds = interleaved_folds(len(stories))
    opening_features, opening_shown = read_all(opening(s.text) for s in stories)
    openings = design(opening_features, names)
    both = np.vstack([labels, labels])
    shown = np.concatenate([corpus.shown, opening_shown])
    results: dict[float, tuple[float, float, float]] = {}
    for penalty in penalty_grid:
        scaled = x / penalties(names, penalty)
        margins, opening_margins = cross_validated_margins(
            scaled @ x.T, labels, folds, openings / penalties(names, penalty) @ x.T
        )
        pooled = np.vstack([margins, opening_margins])
        threshold = choose_threshold(pooled, both, shown)
        cutoff = logit(threshold)
        results[penalty] = (
            macro_f1(pooled - cutoff, both, shown),
            macro_f1(margins - cutoff, labels, corpus.shown),
            threshold,
        )
    # The best cross-validated macro-F1; on a tie, the stronger penalty.
    penalty = max(results, key=lambda p: (results[p][0], p))
    score, stories_score, threshold = results[penalty]
    about = {
        "trained_by": "scripts/train-themes",
        "stories": len(stories),
        "min_stories_per_feature": MIN_STORIES,
        "lexicon_trust": LEXICON_TRUST,
        "folds": FOLDS,
        "opening_words": OPENING_WORDS,
        "cross_validated_macro_f1": round(stories_score, DIGITS),
        "cross_validated_macro_f1_with_openings": round(score, DIGITS),
    }
    report = {
        "features": len(names),
        "cross_validated_macro_f1": {
            p: {"stories and openings": round(r[0], DIGITS), "stories": round(r[1], DIGITS)}
            for p, r in results.items()
        },
        "penalty": penalty,
        "threshold": threshold,
    }
    return Training(fit(corpus, penalty, threshold, about), report)


def dumps(model: ThemeModel) -> str:
    """The model file's text: one feature per line, so changes read well in a diff."""
    data = model.to_json(DIGITS)
    weights = data.pop("weights")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n".join(
        f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(row)}"
        for name, row in weights.items()
    )
    return f'{head},\n "weights": {{\n{rows}\n }}\n}}\n'


def validate(model: ThemeModel, stories: Sequence[Story]) -> dict[str, float]:
    """F1 per theme, and their mean as ``"macro"``, of ``model`` tagging ``stories``."""
    themes = model.themes
    features, shown = read_all(s.text for s in stories)
    x = design(features, model.names)[:, :-1]
    margins = x @ model.weights + model.bias - logit(model.threshold)
    f1 = theme_f1(margins, _labels(stories, themes), shown)
    scores = {theme: round(float(v), DIGITS) for theme, v in zip(themes, f1, strict=True)}
    return {"macro": round(float(np.mean(f1)), DIGITS), **scores}


def main() -> None:
    """Train on the corpus, write ``bot/data/theme_model.json``, score the validation stories."""
    stories = load_corpus()
    training = train(stories)
    theme_model.MODEL_PATH.write_text(dumps(training.model), encoding="utf-8")
    report = dict(training.report)
    held = load_corpus(VALIDATION)
    if held:
        report["validation"] = {"stories": len(held), **validate(training.model, held)}
    print(json.dumps(report, indent=1))  # noqa: T201
