"""The learned half of crisis detection, on stories its rules were not written for."""

from __future__ import annotations

import pytest

from bot.core import crisis_model, crisis_model_train
from bot.core.crisis import is_crisis, reading
from bot.core.theme_model_train import THRESHOLDS, VALIDATION

# Written for this test, not taken from training: no rule matches them.
MISSED_BY_RULES = [
    "we are in his van on the motorway and he took my phone, typing on my watch",
    "counting the tablets on my nightstand. forty of them. that should be enough for tonight",
    "my stepdad is drunk again and keeps saying he will teach me a lesson once mum leaves"
    " for work tonight",
    "i put all my passwords in a doc for my sister and fed the cat extra."
    " i wont need any of it after tonight",
    "ive been putting my meds aside for weeks and tonight i am going to use them all",
    "the driver took a different exit and turned the app off, we are on a road i do not know"
    " and he is not answering me",
]


@pytest.mark.parametrize("text", MISSED_BY_RULES)
def test_the_model_reads_crises_the_rules_miss(text: str) -> None:
    """Danger now and plans for tonight, in words no rule was written for."""
    assert not reading(text).by_rules
    assert is_crisis(text)


@pytest.fixture(scope="module")
def validation() -> list[crisis_model_train.Story]:
    return crisis_model_train._read_jsonl(crisis_model_train.VALIDATION, None)


def _recall_precision(stories: list[crisis_model_train.Story]) -> tuple[float, float]:
    """What the bot finds in ``stories``: share of crises found, share of flags right."""
    flagged = [is_crisis(s.text) for s in stories]
    found = sum(f and s.crisis for f, s in zip(flagged, stories, strict=True))
    return found / sum(s.crisis for s in stories), found / sum(flagged)


def test_other_writers_crises_are_found(validation: list[crisis_model_train.Story]) -> None:
    """Stories by writers nothing was fitted to: the rules alone find under half the
    crises; with the model, 85 % are found and 90 % of flags are right."""
    crises = sum(s.crisis for s in validation)
    by_rules_alone = sum(reading(s.text).by_rules and s.crisis for s in validation)
    recall, precision = _recall_precision(validation)
    assert by_rules_alone / crises < 0.5
    assert recall >= 0.85
    assert precision >= 0.90


@pytest.mark.parametrize(
    "name",
    [
        "crisis_validation_more.jsonl",
        "crisis_validation_third.jsonl",
        "crisis_validation_fourth.jsonl",
        "crisis_validation_fifth.jsonl",
        "crisis_validation_sixth.jsonl",
        "crisis_validation_seventh.jsonl",
        "crisis_validation_eighth.jsonl",
        "crisis_validation_ninth.jsonl",
        "crisis_validation_tenth.jsonl",
        "crisis_validation_eleventh.jsonl",
        "crisis_validation_twelfth.jsonl",
        "crisis_validation_thirteenth.jsonl",
        "crisis_validation_fourteenth.jsonl",
        "crisis_validation_fifteenth.jsonl",
        "crisis_validation_sixteenth.jsonl",
        "crisis_validation_seventeenth.jsonl",
        "crisis_validation_eighteenth.jsonl",
        "crisis_validation_nineteenth.jsonl",
        "crisis_validation_twentieth.jsonl",
        "crisis_validation_twentyfirst.jsonl",
        "crisis_validation_twentythird.jsonl",
        "crisis_validation_twentyfourth.jsonl",
        "crisis_validation_twentyfifth.jsonl",
        "crisis_validation_twentysixth.jsonl",
        "crisis_validation_twentyseventh.jsonl",
        "crisis_validation_twentyeighth.jsonl",
        "crisis_validation_twentyninth.jsonl",
        "crisis_validation_thirtieth.jsonl",
    ],
)
def test_later_writers_crises_are_found(name: str) -> None:
    """120 posts each by later writers: 85 % of crises found, 80 % of flags right
    (their near-misses were written to look like crises)."""
    stories = crisis_model_train._read_jsonl(crisis_model_train.VALIDATION.with_name(name), None)
    recall, precision = _recall_precision(stories)
    assert recall >= 0.85
    assert precision >= 0.80


def test_few_false_alarms_on_ordinary_stories() -> None:
    """The 1,500 theme validation stories hold no crisis: at most 2.5 % are flagged."""
    stories = [
        s
        for path in sorted(VALIDATION.glob("*.jsonl"))
        for s in crisis_model_train._read_jsonl(path, False)
    ]
    assert len(stories) == 1500
    assert sum(is_crisis(s.text) for s in stories) <= 0.025 * len(stories)


def test_the_stored_model_was_trained_on_the_corpus_as_it_is() -> None:
    """Retrain (scripts/train-crisis) after changing training/crisis/ or the theme corpus."""
    stories = crisis_model_train.load_stories()
    about = crisis_model.load().about
    assert about["stories"] == len(stories)
    assert about["crises"] == sum(s.crisis for s in stories)


def test_training_chooses_a_threshold_and_fits_one_label() -> None:
    """A small corpus trains end to end; the model has one label and a listed threshold."""
    stories = crisis_model_train.load_stories()
    crises = [s for s in stories if s.crisis][:40]
    calm = [s for s in stories if not s.crisis][:80]
    training = crisis_model_train.train(crises + calm)
    model = training.model
    assert model.themes == (crisis_model.LABEL,)
    assert model.threshold in THRESHOLDS
    margins = [model.margins(reading(s.text).words, {})[0] for s in crises]
    # Fitted on them, the model reads most of its own crises as crises.
    assert sum(m >= 0 for m in margins) >= 30
