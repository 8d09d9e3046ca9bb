"""Venues and businesses written in lowercase are places; generic venues are not."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine
from bot.core.redaction._venues import venues


def redact(text: str) -> str:
    return get_engine().analyze(text).redacted


def test_lowercase_venue_with_a_venue_word_is_a_place() -> None:
    """ "the copper kettle cafe" is replaced, venue word and all."""
    assert (
        redact("we met at the copper kettle cafe on friday") == "we met at the [place 1] on friday"
    )


def test_lowercase_business_after_at_is_a_place() -> None:
    """A business suffix after "at" makes a lowercase name a place."""
    assert "kestrel" not in redact("he works at kestrel dynamics now")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my review at koto burger said smile", "my review at [place 1] said smile"),
        ("a cook job at marrow & fig and", "a cook job at [place 1] and"),
    ],
)
def test_lowercase_eateries_where_someone_works_are_places(text: str, expected: str) -> None:
    """A food word after a name, or two words joined by "&", name where someone works."""
    assert redact(text) == expected


@pytest.mark.parametrize("text", ["we ate at the burger place", "good at maths & science"])
def test_food_and_joined_words_alone_stay(text: str) -> None:
    """A burger place, or two school subjects, name nothing."""
    assert redact(text) == text


def test_lowercase_pub_name_is_a_place() -> None:
    """ "at the golden fleece" follows the pattern of pub names."""
    assert redact("we were at the golden fleece") == "we were at [place 1]"


def test_pub_name_joined_by_and_is_a_place() -> None:
    """ "the rose and crown" is one place."""
    assert "crown" not in redact("drinks outside the rose and crown")


@pytest.mark.parametrize(
    "text",
    [
        "we went to the hotel bar",
        "my local pub was packed",
        "i was walking to school",
        "he waited at the bus station",
        "the whole school laughed",
        "she left school early",
        "at the back bar of the club",
    ],
)
def test_generic_venues_are_left_alone(text: str) -> None:
    """Venues described, not named, are not places."""
    assert list(venues(text)) == []


def test_name_words_start_after_the_last_function_word() -> None:
    """Only the words after "at the" are the venue's name."""
    text = "the party at the crooked spoon bar"
    assert [text[s.start : s.end] for s in venues(text)] == ["crooked spoon bar"]


@pytest.mark.parametrize("text", ["we met on oxford street", "he lives on elm street"])
def test_lowercase_named_street_is_a_place(text: str) -> None:
    """A lowercase name before "street" is a street name."""
    out = get_engine().analyze(text).redacted
    assert "oxford" not in out and "elm" not in out


@pytest.mark.parametrize(
    "text",
    ["he followed me down the street", "i live on a quiet road", "walking down main street"],
)
def test_generic_streets_stay(text: str) -> None:
    """ "the street", "a quiet road" and "main street" in lowercase are not names."""
    assert get_engine().analyze(text).redacted == text
