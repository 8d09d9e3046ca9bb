"""Theme tagging with the default catalogue and with a community's changes."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine
from bot.core.themes import GROUPS, Theme, default_catalog


def test_defaults_have_twelve_themes_in_known_groups() -> None:
    """Every default theme has a group from GROUPS."""
    catalog = default_catalog()
    assert len(catalog.ids()) == 12
    assert all(t.group in GROUPS for t in catalog.themes)


def test_content_note_themes() -> None:
    """Assault, partner violence and stalking call for a content note."""
    noted = {t.id for t in default_catalog().themes if t.content_note}
    assert {"sexual_assault", "intimate_partner_violence", "stalking_threats"} <= noted


def test_street_harassment_is_tagged() -> None:
    """Catcalling from a car is street harassment."""
    assert "street_harassment" in default_catalog().tag("Two men catcalled me from a car.")


def test_multi_label() -> None:
    """A story can carry several themes."""
    tags = default_catalog().tag(
        "My manager groped me at the office party and HR did nothing when I reported it."
    )
    assert {"sexual_assault", "institutional_failure", "workplace_discrimination"} <= set(tags)


def test_whole_words_only() -> None:
    """A keyword inside a longer word does not count."""
    assert "online_harassment" not in default_catalog().tag("The dmv was slow.")


def test_at_most_three_themes() -> None:
    """Stories get one to three themes."""
    text = (
        "He groped me on the bus, followed me home, posted my photos online, my boss laughed, "
        "the police did nothing, and they asked what I was wearing; I carry my keys now."
    )
    assert 1 <= len(default_catalog().tag(text)) <= 3


def test_added_theme_is_tagged() -> None:
    """A community's own theme is tagged when its keywords occur."""
    catalog = default_catalog().with_changes(
        added=(Theme("healthcare", "healthcare", "institutional", ("doctor", "nurse*")),)
    )
    tags = get_engine().analyze("The doctor dismissed my pain.", catalog).themes
    assert "healthcare" in tags


def test_removed_theme_is_not_tagged() -> None:
    """A removed theme is never returned."""
    catalog = default_catalog().with_changes(removed=("street_harassment",))
    assert "street_harassment" not in catalog.tag("Two men catcalled me from a car.")


def test_extra_keywords_extend_a_default_theme() -> None:
    """Keywords a community adds to a default theme make it fire."""
    catalog = default_catalog().with_changes(extra_keywords={"safety_precautions": ("buddy app",)})
    assert "safety_precautions" in catalog.tag("I always open the buddy app.")


def test_wildcard_in_a_phrase_matches_any_ending() -> None:
    """ "wolf whistl*" finds "wolf whistled"."""
    assert "street_harassment" in default_catalog().tag("Builders wolf whistled at me.")


def test_one_weak_cue_is_not_enough() -> None:
    """A single cue does not tag a theme."""
    assert "safety_precautions" not in default_catalog().tag("It was dark.")


def test_two_different_cues_tag_a_theme() -> None:
    """Two different cues together do."""
    assert "safety_precautions" in default_catalog().tag("It was dark and I was alone.")


def test_keyword_theme_survives_a_much_stronger_one() -> None:
    """A theme with a keyword is kept even when another theme scores far higher."""
    text = (
        "My manager and my coworkers at the office cut my pay, passed me over for promotion "
        "and gave my project to a junior colleague. Then he groped me."
    )
    assert "sexual_assault" in default_catalog().tag(text)


@pytest.mark.parametrize(
    "phrase",
    [
        "they asked what were you wearing",
        "she said I was asking for it",
        "everyone asked why didn't you leave",
        "he said I was overreacting",
        "you're too sensitive, they said",
        "it was just a joke, he said",
        "boys will be boys, said the teacher",
        "my aunt said to take it as a compliment",
        "I should have known better, apparently",
        "nobody believed me",
        "I was punished for reporting it",
    ],
)
def test_victim_blaming_phrasings(phrase: str) -> None:
    """Common ways of blaming or doubting the person harmed are victim blaming."""
    assert "victim_blaming" in default_catalog().tag(phrase)


def test_tagging_is_stable_across_calls() -> None:
    """The per-word cache gives the same answer the second time."""
    catalog = default_catalog()
    text = "He catcalled me from a car and followed me home."
    assert catalog.tag(text) == catalog.tag(text)
