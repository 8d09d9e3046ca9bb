"""The learned theme model: its stored file, its training, and how it chooses."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from bot.core import theme_model, theme_model_train
from bot.core.redaction._normalize import normalize
from bot.core.themes import DEFAULT_THEMES, default_catalog, story_features

# Stored numbers are rounded to theme_model_train.DIGITS decimals; a retrained model
# may differ from them in the last place, by rounding, on another machine's BLAS.
TOLERANCE = 2 * 10.0**-theme_model_train.DIGITS


@pytest.fixture(scope="module")
def model() -> theme_model.ThemeModel:
    return theme_model.load()


def test_the_stored_model_covers_the_default_themes(model: theme_model.ThemeModel) -> None:
    """The file loads, with one column per default theme and a threshold in (0, 1)."""
    assert model.themes == tuple(t.id for t in DEFAULT_THEMES)
    assert model.weights.shape == (len(model.names), len(model.themes))
    assert 0.0 < model.threshold < 1.0
    assert {"w:", "b:", "p:", "k:", "g:"} == {name[:2] for name in model.names}


def test_the_stored_model_is_what_training_gives(model: theme_model.ThemeModel) -> None:
    """Fitting the corpus again, with the stored penalty and threshold, gives the file.

    The fit starts from the stored weights, which only saves Newton steps (the
    optimum is unique); the penalty and threshold come from ``scripts/train-themes``'s
    cross-validation, which takes too long for a unit test.
    """
    stories = theme_model_train.load_corpus()
    assert model.about["stories"] == len(stories)
    corpus = theme_model_train.design_corpus(stories)
    fitted = theme_model_train.fit(
        corpus, model.about["penalty"], model.threshold, dict(model.about), near=model
    )
    stored = theme_model.MODEL_PATH.read_text(encoding="utf-8")
    again = json.loads(theme_model_train.dumps(fitted))
    before = json.loads(stored)
    assert again["themes"] == before["themes"]
    assert again["about"] == before["about"]
    assert again["threshold"] == before["threshold"]
    assert list(again["weights"]) == list(before["weights"])
    assert np.allclose(again["bias"], before["bias"], rtol=0, atol=TOLERANCE)
    assert np.allclose(
        list(again["weights"].values()), list(before["weights"].values()), rtol=0, atol=TOLERANCE
    )


def test_training_is_deterministic() -> None:
    """Two fits of the same stories give the same weights, bit for bit."""
    stories = theme_model_train.load_corpus()[::6]
    corpus = theme_model_train.design_corpus(stories)
    first = theme_model_train.fit(corpus, 1.0, 0.3, {})
    second = theme_model_train.fit(corpus, 1.0, 0.3, {})
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)


def test_margins_are_the_named_features_dotted_with_the_weights(
    model: theme_model.ThemeModel,
) -> None:
    """The fast path scores exactly what training's feature names describe."""
    row = {name: k for k, name in enumerate(model.names)}
    cutoff = math.log(model.threshold / (1.0 - model.threshold))
    for story in theme_model_train.load_corpus()[::25]:
        features = story_features(story.text)
        expected = model.bias - cutoff
        for name, value in features.items():
            if name in row:
                expected = expected + value * model.weights[row[name]]
        catalog = default_catalog()
        scores = catalog.scores(story.text)
        probabilities = [scores[t] for t in model.themes]
        assert np.allclose(probabilities, 1.0 / (1.0 + np.exp(-(expected + cutoff))))


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "A man on the bus kept whistling at me and followed me off at my stop.",
            "street_harassment",
        ),
        (
            "I told him no three times and he kept asking me out, then called me frigid.",
            "unwanted_advances",
        ),
        ("He put his hand up my skirt at the party while I was asleep.", "sexual_assault"),
        (
            "My husband takes my wages, reads my messages and screams at me if I see my friends.",
            "intimate_partner_violence",
        ),
        (
            "He has turned up outside my flat every night this week and says he will hurt me.",
            "stalking_threats",
        ),
        (
            "Strangers on Twitter sent me hundreds of abusive messages and posted my address.",
            "online_harassment",
        ),
        (
            "After my maternity leave my boss gave my team to a man and cut my pay.",
            "workplace_discrimination",
        ),
        (
            "I hold my keys between my fingers and share my location whenever I walk home.",
            "safety_precautions",
        ),
        (
            "When I told my mum what he did, she asked what I had been wearing.",
            "victim_blaming",
        ),
        (
            "I reported him to the police twice and they never even called me back.",
            "institutional_failure",
        ),
        (
            "The school sent me home because my shoulders were showing and it distracted boys.",
            "objectification_appearance",
        ),
        (
            "The mechanic explained my own car to my husband and ignored everything I said.",
            "everyday_sexism",
        ),
    ],
)
def test_a_clear_story_makes_its_theme_the_most_likely(text: str, theme: str) -> None:
    """On a story plainly about one theme, that theme has the highest probability."""
    scores = default_catalog().scores(normalize(text))
    assert max(scores, key=scores.__getitem__) == theme


def test_the_best_theme_is_always_chosen() -> None:
    """A story gets its best theme even when no theme reaches the threshold."""
    assert theme_model.choose([-3.0, -1.0, -2.0], range(3)) == [1]


def test_themes_reaching_the_threshold_are_chosen_best_first() -> None:
    """Every theme at or above the threshold, best first."""
    assert theme_model.choose([0.5, -1.0, 2.0, 0.0], range(4)) == [2, 0, 3]


def test_at_most_three_themes_are_chosen() -> None:
    """Three at most, and fewer when there is less room."""
    margins = [1.0, 2.0, 3.0, 4.0]
    assert theme_model.choose(margins, range(4)) == [3, 2, 1]
    assert theme_model.choose(margins, range(4), room=1) == [3]
    assert theme_model.choose(margins, range(4), room=0) == []


def test_shown_themes_are_kept_first_when_there_is_no_room() -> None:
    """Past the room, themes the story shows core evidence of beat inferred ones."""
    margins = [4.0, 3.0, 2.0, 1.0]
    assert theme_model.choose(margins, range(4), shown={3}) == [0, 3, 1]
    # The best is kept whatever the story shows.
    assert theme_model.choose(margins, range(4), shown={1, 2, 3}) == [0, 1, 2]
    # With room for all, what the story shows changes nothing.
    assert theme_model.choose([4.0, 3.0, -1.0], range(3), shown={2}) == [0, 1]


def test_training_chooses_as_the_catalogue_does() -> None:
    """``theme_model_train.chosen`` picks, story by story, what ``choose`` picks."""
    rng = np.random.default_rng(7)
    themes = len(DEFAULT_THEMES)
    margins = np.round(rng.normal(-1.0, 2.0, (2000, themes)), 1)
    shown = rng.random((2000, themes)) < 0.3
    picked = theme_model_train.chosen(margins, shown)
    for row in range(len(margins)):
        expected = (
            set(
                theme_model.choose(
                    margins[row].tolist(),
                    range(themes),
                    shown=set(np.flatnonzero(shown[row]).tolist()),
                )
            )
            if shown[row].any()
            else set()
        )
        assert set(np.flatnonzero(picked[row]).tolist()) == expected, row


def test_only_allowed_themes_are_chosen() -> None:
    """Themes a community removed are never chosen, even when best."""
    assert theme_model.choose([5.0, -1.0, 0.5], [1, 2]) == [2]


def test_an_opening_is_the_first_sentences() -> None:
    """Openings keep whole sentences up to the word limit, and at least one."""
    words = theme_model_train.OPENING_WORDS
    first = " ".join(["word"] * (words - 1)) + "."
    assert theme_model_train.opening(f"{first} Two more. And more.") == first
    long = " ".join(["word"] * (words + 5)) + "."
    assert theme_model_train.opening(f"{long} Next.") == long


def test_validation_scores_what_the_catalogue_tags(model: theme_model.ThemeModel) -> None:
    """Training's scoring of the validation stories agrees with ``ThemeCatalog.tag``.

    Includes a story with no core evidence, which gets no theme either way.
    """
    stories = theme_model_train.load_corpus(theme_model_train.VALIDATION)[::3]
    stories.append(
        theme_model_train.Story("It was dark and I was alone.", frozenset({"safety_precautions"}))
    )
    catalog = default_catalog()
    tp = dict.fromkeys(model.themes, 0)
    wrong = dict.fromkeys(model.themes, 0)
    for story in stories:
        tagged = set(catalog.tag(story.text))
        for theme in model.themes:
            tp[theme] += theme in tagged and theme in story.themes
            wrong[theme] += (theme in tagged) != (theme in story.themes)
    scores = theme_model_train.validate(model, stories)
    for theme in model.themes:
        assert scores[theme] == round(2 * tp[theme] / (2 * tp[theme] + wrong[theme]), 4)
    assert scores["macro"] == pytest.approx(
        sum(scores[t] for t in model.themes) / len(model.themes), abs=1e-3
    )
