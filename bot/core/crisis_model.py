"""The learned half of crisis detection: a logistic regression on a story's words.

The rules in ``bot.core.crisis`` catch the phrasings they were written for, with
their tense and negation; people in danger write in many more ways ("we're in the van
now, he took my phone", "counting the pills on my desk"). This model reads the words
and word pairs of the text as the rules read it (lowercased, apostrophes dropped,
figures of speech blanked) and says whether the story reads as a crisis. A story is a
crisis when either the rules or the model find one.

It is a ``ThemeModel`` with the single label ``"crisis"`` and no lexicon, trained by
``bot.core.crisis_model_train`` from ``training/crisis/`` (stories written as crises
and hard cases that are not) and the theme corpus (none of it a crisis), and stored in
``bot/data/crisis_model.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from bot.core.theme_model import ThemeModel

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "crisis_model.json"
LABEL = "crisis"
# A bag of words cannot read "he's not here" apart from "he's here": posts this short
# are left to the rules, which read negation and tense (``bot.core.crisis``).
MIN_WORDS = 8


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> ThemeModel:
    """The stored model, read once."""
    return ThemeModel.from_file(path)


def reads_as_crisis(words: Sequence[str]) -> bool:
    """Whether the model's probability of a crisis reaches its threshold.

    ``words`` are the text's words in order, as ``bot.core.crisis`` reads them.
    """
    return load().margins(words, {})[0] >= 0.0
