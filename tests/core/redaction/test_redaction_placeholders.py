"""Placeholders are readable and consistent within a story."""

from __future__ import annotations

from bot.core.redaction import get_engine


def test_same_person_keeps_one_number() -> None:
    """Repeated mentions of a person share a placeholder."""
    out = get_engine().analyze("Gary Pruitt laughed. Later Gary said sorry.").redacted
    assert out == "[name 1] laughed. Later [name 1] said sorry."


def test_different_people_get_different_numbers() -> None:
    """Two people get [name 1] and [name 2]."""
    out = get_engine().analyze("my ex Tomasz and his friend Rafael").redacted
    assert out == "my ex [name 1] and his friend [name 2]"


def test_redactions_point_into_the_normalised_text() -> None:
    """Each Redaction carries offsets, kind and placeholder."""
    analysis = get_engine().analyze("mail me: a@b.co")
    (red,) = analysis.redactions
    assert (red.start, red.end, red.kind, red.placeholder) == (9, 15, "email", "[email]")


def test_existing_placeholder_numbers_are_not_reused() -> None:
    """A new name in already redacted text gets the next free number."""
    out = get_engine().analyze("[name 1] met Anneliese").redacted
    assert out == "[name 1] met [name 2]"
