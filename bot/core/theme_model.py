"""The learned theme tagger: one logistic regression per default theme.

It reads what ``bot.core.themes`` reads in a story: the stems of its words, with
sentence ends marked ``SENTENCE_END``, and the lexicon evidence its matcher finds
(named values such as ``"p:stalking_threats"``). Its features are

- ``w:STEM``, a word, and ``b:STEM STEM``, two words in a row in one sentence
  (present or not, however often);
- the lexicon evidence, under its own names and values.

Weights, biases and the threshold are trained by ``bot.core.theme_model_train`` from
the labelled corpus in ``training/themes/`` and stored in
``bot/data/theme_model.json``. A theme is chosen when its probability reaches the
threshold; the best theme is always chosen and at most ``MAX_THEMES`` are
(``bot.core.themes`` asks only about stories that show core evidence of some theme).
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "theme_model.json"
FORMAT = 1
# How bot.core.themes marks the end of a sentence among the stems; no bigram crosses it.
SENTENCE_END = "."
MAX_THEMES = 3
WORD = "w:"
BIGRAM = "b:"

Vector = npt.NDArray[np.float64]


def features(stems: Iterable[str], lexicon: Mapping[str, float]) -> dict[str, float]:
    """A story's features by name: its words and bigrams (value 1) and lexicon evidence.

    This is the definition training uses; ``ThemeModel.margins`` computes the same
    sum without building the names.
    """
    out: dict[str, float] = {}
    previous: str | None = None
    for stem in stems:
        if stem == SENTENCE_END:
            previous = None
            continue
        out[WORD + stem] = 1.0
        if previous is not None:
            out[f"{BIGRAM}{previous} {stem}"] = 1.0
        previous = stem
    out.update(lexicon)
    return out


class ThemeModel:
    """Weights per feature and theme, a bias per theme, and the probability threshold."""

    def __init__(
        self,
        themes: Sequence[str],
        bias: Vector,
        threshold: float,
        weights: Mapping[str, Sequence[float]],
        about: Mapping[str, Any],
    ) -> None:
        self.themes = tuple(themes)
        self.bias = bias
        self.threshold = threshold
        self.about = dict(about)
        self.names = tuple(weights)
        # One row per feature name, one column per theme.
        self.weights: npt.NDArray[np.float64] = np.array(
            [weights[name] for name in self.names], dtype=np.float64
        ).reshape(len(self.names), len(self.themes))
        self._rows = {name: k for k, name in enumerate(self.names)}
        # Words and bigrams are looked up by stem, without building their names: each
        # word of the vocabulary gives its own row and the rows of the bigrams it
        # starts, by their second stem. Every bigram's first stem is in the
        # vocabulary, as it is in every story the bigram is.
        bigrams: dict[str, dict[str, int]] = {}
        for name, k in self._rows.items():
            if name.startswith(BIGRAM):
                first, second = name[len(BIGRAM) :].split(" ")
                bigrams.setdefault(first, {})[second] = k
        self._stems: dict[str, tuple[int, dict[str, int] | None]] = {
            name[len(WORD) :]: (k, bigrams.get(name[len(WORD) :]))
            for name, k in self._rows.items()
            if name.startswith(WORD)
        }
        # The lexicon's few features, in a table of their own.
        self._lexicon = {
            name: k for name, k in self._rows.items() if not name.startswith((WORD, BIGRAM))
        }
        # Margins are compared with 0, so no probability is computed per story.
        self._offset: Vector = bias - math.log(threshold / (1.0 - threshold))
        # With one label (the crisis model), summing Python floats beats numpy's
        # per-call overhead on the few dozen rows a story finds.
        self._column: list[float] | None = (
            self.weights[:, 0].tolist() if len(self.themes) == 1 else None
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ThemeModel:
        """The model stored by ``to_json``."""
        if data.get("format") != FORMAT:
            raise ValueError(f"theme model format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            themes=data["themes"],
            bias=np.array(data["bias"], dtype=np.float64),
            threshold=float(data["threshold"]),
            weights=data["weights"],
            about=data.get("about", {}),
        )

    @classmethod
    def from_file(cls, path: Path) -> ThemeModel:
        """The model stored at ``path`` (as ``to_json`` wrote it)."""
        with path.open(encoding="utf-8") as stream:
            return cls.from_json(json.load(stream))

    def to_json(self, digits: int) -> dict[str, Any]:
        """The model as JSON-ready data, numbers rounded to ``digits`` decimals."""

        def numbers(values: Iterable[float]) -> list[float]:
            # Adding 0.0 writes a weight rounded to -0.0 as 0.0.
            return [round(float(v), digits) + 0.0 for v in values]

        return {
            "format": FORMAT,
            "about": dict(self.about),
            "themes": list(self.themes),
            "bias": numbers(self.bias),
            "threshold": self.threshold,
            "weights": {
                name: numbers(row) for name, row in zip(self.names, self.weights, strict=True)
            },
        }

    def margins(self, stems: Sequence[str], lexicon: Mapping[str, float]) -> list[float]:
        """Log-odds above the threshold's, per theme (>= 0: the theme reaches it).

        The same as ``features`` dotted with the weights, plus the bias, minus the
        threshold's log-odds; one look-up per word and one matrix row per feature.
        """
        table = self._stems
        found: dict[int, float] = {}
        following: dict[str, int] | None = None
        for stem in stems:
            if following is not None:
                k = following.get(stem)
                if k is not None:
                    found[k] = 1.0
            # A sentence end, or a word outside the vocabulary, starts no bigram.
            entry = table.get(stem)
            if entry is None:
                following = None
                continue
            k, following = entry
            found[k] = 1.0
        rows = self._lexicon
        for name, value in lexicon.items():
            k = rows.get(name, -1)
            if k >= 0:
                found[k] = value
        if not found:
            offset: list[float] = self._offset.tolist()
            return offset
        column = self._column
        if column is not None:
            return [sum(column[k] * v for k, v in found.items()) + float(self._offset[0])]
        values = np.fromiter(found.values(), dtype=np.float64, count=len(found))
        margins: list[float] = (
            values @ self.weights.take(list(found), axis=0) + self._offset
        ).tolist()
        return margins

    def probabilities(self, stems: Sequence[str], lexicon: Mapping[str, float]) -> Vector:
        """The probability of each theme, in ``themes`` order."""
        margins = np.array(self.margins(stems, lexicon)) - self._offset + self.bias
        probabilities: Vector = 1.0 / (1.0 + np.exp(-margins))
        return probabilities


def choose(
    margins: Sequence[float],
    allowed: Iterable[int],
    room: int = MAX_THEMES,
    shown: Collection[int] = (),
) -> list[int]:
    """Indices of the themes to tag, the best first, at most ``room``.

    Every allowed theme whose margin is at least 0 (probability at the threshold),
    and always the best allowed one, so every story with evidence of a theme gets one.
    When more reach the threshold than there is room for, the themes in ``shown``
    (those the story itself shows core evidence of) are kept before the others: a
    theme read from the story's own words beats one inferred from its company.
    """
    # Stable: of two equal margins, the theme listed first ranks first.
    ranked = sorted(allowed, key=margins.__getitem__, reverse=True)
    if room <= 0 or not ranked:
        return []
    others = [k for k in ranked[1:] if margins[k] >= 0.0]
    if len(others) >= room:
        others.sort(key=lambda k: k not in shown)
    return [ranked[0], *others[: room - 1]]


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> ThemeModel:
    """The stored model, read once."""
    return ThemeModel.from_file(path)
