"""Preview hints: descriptions of how someone looks and exact dates or times."""

from __future__ import annotations

from bot.core.redaction._suggest import suggestions


def test_plain_story_has_no_hints() -> None:
    """A story without looks or timing gets no hints."""
    assert suggestions("He kept texting me after I said no.") == ()


def test_description_of_looks_is_quoted() -> None:
    """ "a tall bald man" is quoted back as a description."""
    (hint,) = suggestions("It was a tall bald man near the door.")
    assert hint.startswith('"a tall bald man" describes how someone looks.')


def test_feature_after_a_person_is_part_of_the_description() -> None:
    """ "the guy with a red beard" is quoted with its feature."""
    (hint,) = suggestions("the guy with a red beard followed me")
    assert '"the guy with a red beard"' in hint


def test_exact_date_is_quoted() -> None:
    """A day and month is an exact date."""
    (hint,) = suggestions("It happened on 14 March at 9:30pm.")
    assert hint.startswith('"on 14 March at 9:30pm" is an exact date or time')


def test_numeric_date_is_quoted() -> None:
    """ "3/4/2023" is an exact date."""
    assert any('"3/4/2023"' in h for h in suggestions("This was 3/4/2023."))


def test_month_used_as_a_word_is_no_date() -> None:
    """ "may" without a day is not a date."""
    assert suggestions("I may have overreacted, they said.") == ()


def test_repeated_fragment_gives_one_hint() -> None:
    """The same fragment twice gives a single hint."""
    assert len(suggestions("a tall man. later, a tall man.")) == 1


def test_at_most_four_hints() -> None:
    """Hints are capped so the preview stays readable."""
    text = "a tall man, a bald guy, a short woman, an old bloke, a fat dude, at 9pm"
    assert len(suggestions(text)) == 4


def test_quote_collapses_whitespace() -> None:
    """A fragment broken across lines is quoted on one line."""
    (hint,) = suggestions("a tall\n  man waited")
    assert hint.startswith('"a tall man"')
