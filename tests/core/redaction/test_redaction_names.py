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


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bob is my manager and he yells.", "Bob"),
        ("Gene was the CEO back then.", "Gene"),
        ("Rose, my sister, saw everything.", "Rose"),
        ("Will is my coworker.", "Will"),
    ],
)
def test_a_role_after_an_ordinary_word_marks_a_name(text: str, name: str) -> None:
    """Only a person is someone's manager, sister or CEO."""
    assert name not in redact(text)


@pytest.mark.parametrize(
    "text", ["Art is my passion.", "Hope is a good thing.", "Grace is the best."]
)
def test_an_ordinary_word_with_no_role_after_it_stays(text: str) -> None:
    """ "Art is my passion" names no one."""
    assert redact(text) == text


def test_a_first_name_paired_with_a_found_name_is_a_name() -> None:
    """ "Ivy and Jun": the opener "Ivy" is a person when paired with a name."""
    assert redact("Ivy and Jun were there too.") == "[name 1] and [name 2] were there too."


def test_regular_past_tense_after_a_capitalised_first_name_marks_it() -> None:
    """ "Rose cornered me": a capitalised subject of any past-tense verb."""
    assert redact("Rose cornered me at the party.") == "[name 1] cornered me at the party."


def test_lowercase_name_before_a_telling_verb() -> None:
    """ "rose said": chat leaves names lowercase."""
    assert redact("rose said its fine") == "[name 1] said its fine"


def test_lowercase_name_opening_a_clause_after_a_connective() -> None:
    """ "and rose kept texting": a subject may follow a word that starts a clause."""
    assert redact("i said no and rose kept texting") == "i said no and [name 1] kept texting"


@pytest.mark.parametrize(
    "text", ["The night porter kept calling me.", "the bus driver grabbed my arm"]
)
def test_nouns_before_a_telling_verb_stay(text: str) -> None:
    """After another word a lowercase noun is the subject's job, not a name."""
    assert redact(text) == text


@pytest.mark.parametrize("text", ["summer was awful", "may ended badly"])
def test_lowercase_ordinary_words_before_other_verbs_stay(text: str) -> None:
    """Seasons and months before a verb stay."""
    assert redact(text) == text


@pytest.mark.parametrize("cue", ["my friend", "my sister", "my coach"])
def test_unlisted_name_after_more_relations(cue: str) -> None:
    """Friends, sisters and coaches are named next too."""
    assert "kayleigh-ann" not in redact(f"{cue} kayleigh-ann was there")


@pytest.mark.parametrize("name", ["jas", "idris", "tomas"])
def test_unlisted_name_ending_in_s_after_a_relation(name: str) -> None:
    """A final "s" is no sign of a typo: "my friend jas" is someone."""
    assert name not in redact(f"told my friend {name} and she said leave").split()


@pytest.mark.parametrize(
    "text",
    ["moved to leeds last year", "i live in nairobi now", "from lagos to accra he kept texting"],
)
def test_lowercase_towns_after_a_place_word_are_places(text: str) -> None:
    """Towns on the gazetteer are found in lowercase after "to", "in", "from"."""
    out = redact(text)
    assert not any(town in out for town in ("leeds", "nairobi", "lagos", "accra"))
    assert "[place 1]" in out


@pytest.mark.parametrize("text", ["i was in reading last week", "back in bath we had a cat"])
def test_towns_that_are_dictionary_words_stay_in_lowercase(text: str) -> None:
    """ "reading" and "bath" are ordinary words first."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "employer"),
    [("i work at tesco now", "tesco"), ("we had drinks at nandos", "nandos")],
)
def test_unknown_word_after_work_at_is_a_place(text: str, employer: str) -> None:
    """An unknown word after "work at" or "drinks at" names an employer or a venue."""
    assert employer not in redact(text)


@pytest.mark.parametrize("text", ["i work at home", "he works for me", "we had drinks at the pub"])
def test_ordinary_words_after_work_at_stay(text: str) -> None:
    """Dictionary words there are not names."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("i'm a security engineer uncle ray", "ray"),
        ("auntie grace said it was my fault", "grace"),
        ("my uncle mark kept touching my hair", "mark"),
        ("my daughter hope is nine", "hope"),
    ],
)
def test_a_relative_named_in_lowercase_is_a_name(text: str, name: str) -> None:
    """ "uncle ray", "my daughter hope": family words name the person after them."""
    assert name not in redact(text).split()


@pytest.mark.parametrize(
    "text",
    [
        "every christmas my grandpa asks my husband about work",
        "at a family function an aunt held my arm",
        "it was about my girlfriend. The last two said worse",
    ],
)
def test_a_verb_or_a_new_sentence_after_a_relative_stays(text: str) -> None:
    """A relative's verb and its object, or the next sentence, name nobody."""
    assert redact(text) == text


@pytest.mark.parametrize("text", ["Jordan texted me at 2am", "Georgia said I was lying"])
def test_a_country_that_is_also_a_name_doing_what_people_do_is_a_name(text: str) -> None:
    """Countries never text or say anything; people called Jordan do."""
    assert text.split()[0] not in redact(text)


@pytest.mark.parametrize("text", ["We moved to Jordan in 2019", "Georgia was beautiful in May"])
def test_a_country_named_as_a_place_stays(text: str) -> None:
    """Countries are not PII."""
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "surname"),
    [("a viewer who signed himself K. Marsh wrote in", "Marsh"), ("I met J. Smith there", "Smith")],
)
def test_a_surname_after_an_initial_is_a_name(text: str, surname: str) -> None:
    """An initial's dot does not open a sentence: "K. Marsh" is someone."""
    assert surname not in redact(text)


@pytest.mark.parametrize("text", ["Plan B. The rest is easy", "Vitamin D. After that we left"])
def test_a_common_word_after_a_letter_and_a_dot_stays(text: str) -> None:
    """After "Plan B." a new sentence starts."""
    assert redact(text) == text


def test_portuguese_street_connectors_join_a_name() -> None:
    """ "Rua dos Fanqueiros" is one place, "dos" and all."""
    assert "dos" not in redact("he hangs around Rua dos Fanqueiros every day").split()
