"""Names told apart from ordinary words by general cues, not by lists alone."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine


def redact(text: str) -> str:
    return get_engine().analyze(text).redacted


def test_slash_cue_marks_an_ordinary_word_as_a_name() -> None:
    """ "w/ faith" is a person, as "w faith" is."""
    assert "faith" not in redact("i was w/ faith when it happened")


def test_possessive_before_a_relative_marks_a_name() -> None:
    """ "Summer's boyfriend" is someone called Summer."""
    assert redact("Summer's boyfriend grabbed me.") == "[name 1]'s boyfriend grabbed me."


def test_from_a_department_marks_a_name() -> None:
    """ "Bill from IT" is a person."""
    assert "Bill" not in redact("Bill from IT kept staring.")


def test_past_tense_verb_after_an_ordinary_word_marks_a_name() -> None:
    """ "Hope thinks" cannot be the verb "hope"."""
    assert redact("Hope thinks I'm overreacting.") == "[name 1] thinks I'm overreacting."


def test_auxiliary_use_is_not_a_name() -> None:
    """ "Will you help?" keeps its "Will"."""
    assert redact("Will you help?") == "Will you help?"


@pytest.mark.parametrize("cue", ["my ex", "a guy named", "my boss", "dude"])
def test_unlisted_lowercase_word_after_a_person_cue_is_a_name(cue: str) -> None:
    """A rare word on no list right after "my ex", "named"... is a name."""
    assert "dornquist" not in redact(f"{cue} dornquist keeps texting")


@pytest.mark.parametrize("text", ["my boss finaly apologised", "my ex is gross", "my bf lol"])
def test_typos_and_common_words_after_a_cue_stay(text: str) -> None:
    """Misspelt adverbs and ordinary words after a cue are not names."""
    assert redact(text) == text
