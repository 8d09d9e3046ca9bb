"""Each kind of identifying detail is replaced, and ordinary words are left alone."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine


def redact(text: str) -> str:
    return get_engine().analyze(text).redacted


def test_email_is_replaced() -> None:
    """A plain email address becomes [email]."""
    assert redact("write to jane.doe@example.org today") == "write to [email] today"


def test_obfuscated_email_is_replaced() -> None:
    """An address spelled with [at] and [dot] is still an email."""
    assert "jane" not in redact("mail jane [at] example [dot] com")


@pytest.mark.parametrize(
    "number",
    ["(614) 555-0192", "+44 7911 123456", "+1.646.555.0121", "0161 496 0732", "+971 50 123 4567"],
)
def test_phone_numbers_are_replaced(number: str) -> None:
    """Phone numbers in national and international formats become [phone]."""
    assert redact(f"he called from {number} twice") == "he called from [phone] twice"


@pytest.mark.parametrize(
    "text", ["Call 911 now", "dial 999", "or 112", "at 9:40 in 2019", "$1,200"]
)
def test_emergency_numbers_times_and_prices_stay(text: str) -> None:
    """Emergency numbers, times, years and prices are not phone numbers."""
    assert redact(text) == text


@pytest.mark.parametrize(
    "link", ["https://forum.example.cc/t/88213", "www.example.com/page", "instagram.com/someone_1"]
)
def test_links_are_replaced(link: str) -> None:
    """Links with or without a scheme become [link]."""
    assert redact(f"see {link}.") == "see [link]."


def test_a_bare_domain_ending_a_sentence_is_a_link() -> None:
    """The full stop after "brightfold.io" closes the sentence; the domain still goes."""
    assert redact("my work email at brightfold.io. Then more.") == (
        "my work email at [link]. Then more."
    )


def test_handles_are_replaced() -> None:
    """@handles and Discord tags become [handle]."""
    assert redact("it was @jay.k_99 and Rook#4821") == "it was [handle] and [handle]"


@pytest.mark.parametrize("name", ["lurk3r_jay", "lil_vixen_hunter", "Sergei_77", "xXVenomRexXx"])
def test_usernames_without_at_are_handles(name: str) -> None:
    """Gamer tags and usernames joined by "_" or framed by "xX" are handles."""
    assert redact(f"mods banned {name} at last") == "mods banned [handle] at last"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "I stream on Twitch as inkymoth. He raids me",
            "I stream on Twitch as [handle]. He raids me",
        ),
        ("my gamertag is NightJar77 and he found it", "my gamertag is [handle] and he found it"),
        ("his handle: moth.queen.", "his handle: [handle]."),
    ],
)
def test_usernames_named_by_platform_or_label_are_handles(text: str, redacted: str) -> None:
    """A username after its platform ("on Twitch as …") or its label is a handle."""
    assert redact(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "my handle was hacked last week",
        "I was on TikTok as well and he kept posting",
        "he posted it on Instagram as a joke",
    ],
)
def test_ordinary_words_after_a_platform_or_label_stay(text: str) -> None:
    """An ordinary word after a platform or a label is no username."""
    assert redact(text) == text


@pytest.mark.parametrize(
    "text",
    ["this is _italic_ and __bold__", "see #mod_mail", "in <#C01ABCDE2|eng_leads> today"],
)
def test_markdown_and_channel_names_are_not_usernames(text: str) -> None:
    """Underscores of markdown, and channel names, are not usernames."""
    assert redact(text) == text


def test_hashtags_and_at_as_verb_stay() -> None:
    """Hashtags and "@-ing" are not handles."""
    text = "he keeps @-ing me #YesAllWomen"
    assert redact(text) == text


@pytest.mark.parametrize(
    "address",
    ["Flat 3, 41 Clarendon Road", "1180 Wexford Ave, Apt 4", "Lindenstraße 42", "16 Rue des Lilas"],
)
def test_addresses_are_replaced(address: str) -> None:
    """Street addresses with a house number become [address]."""
    assert redact(f"I lived at {address} then") == "I lived at [address] then"


@pytest.mark.parametrize(
    "ident", ["HR-2023-0417", "C2281947", "GRX 4471", "CRN 4410293/22", "KX19 LPT"]
)
def test_ids_are_replaced(ident: str) -> None:
    """Case, student and plate numbers become [id]."""
    assert redact(f"the number was {ident} apparently") == "the number was [id] apparently"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his licence number 34 T 8821 and", "his licence number [id] and"),
        ("the plate was AB 123 CD, white van", "the plate was [id], white van"),
        ("the reg was B MW 1234 I think", "the reg was [id] I think"),
    ],
)
def test_plates_in_spaced_groups_after_their_cue_are_replaced(text: str, expected: str) -> None:
    """Plates from other countries come in groups of letters and digits after a cue."""
    assert redact(text) == expected


@pytest.mark.parametrize("text", ["my licence was 3 points down", "reg 2 of 3"])
def test_numbers_after_a_plate_word_that_are_no_plate_stay(text: str) -> None:
    """A count after "licence" or "reg" is no plate."""
    assert redact(text) == text


def test_hash_before_an_id_stays_outside() -> None:
    """A leading # stays in the text; the number goes."""
    assert redact("report (#24-003871)") == "report (#[id])"
    assert redact("case closed, #T9-2023-0412.") == "case closed, #[id]."


def test_a_reference_with_slashes_after_its_cue_is_an_id() -> None:
    """ "Crime ref 44/18830/22": the cue word stays, the whole reference goes."""
    assert redact("Crime ref 44/18830/22, if anyone") == "Crime ref [id], if anyone"


def test_room_and_bus_numbers_stay() -> None:
    """Room and bus numbers are not IDs."""
    text = "room 204 on bus 38"
    assert redact(text) == text


def test_names_mid_sentence_are_replaced() -> None:
    """A capitalised name inside a sentence becomes a numbered placeholder."""
    assert redact("my coworker Anneliese said it") == "my coworker [name 1] said it"


def test_a_word_name_is_a_name_when_someone_from_a_workplace() -> None:
    """ "Rob from the warehouse": only a person comes from the warehouse."""
    assert redact("flagging this: Rob from the warehouse keeps texting me") == (
        "flagging this: [name 1] from the warehouse keeps texting me"
    )


def test_name_opening_a_sentence_is_replaced() -> None:
    """An uncommon first name opening a sentence is a name."""
    assert redact("Dmitri never hit me.") == "[name 1] never hit me."


def test_possessive_stays_outside_the_name() -> None:
    """Only the name goes from "Jake's"."""
    assert redact("it was at Jake's flat") == "it was at [name 1]'s flat"


def test_title_stays_outside_the_name() -> None:
    """Dr. and Herr stay; the name goes."""
    assert redact("then Dr. Faith Okafor and Herr Vogel left") == (
        "then Dr. [name 1] and Herr [name 2] left"
    )


def test_lowercase_chat_names_are_replaced() -> None:
    """Lowercase first names in chat are names."""
    assert redact("told priya what happened w tomas") == "told [name 1] what happened w [name 2]"


def test_names_that_are_ordinary_words_need_context() -> None:
    """Will/hope/may as words stay; as names with a cue they go."""
    assert redact("I will go in may, i just hope") == "I will go in may, i just hope"
    assert redact("Will and I dated.") == "[name 1] and I dated."


def test_places_are_replaced() -> None:
    """Schools, businesses, streets and cities become [place N]."""
    out = redact("I studied at Ashworth Academy in Leeds and worked at Copper & Crane.")
    assert out == "I studied at [place 1] in [place 2] and worked at [place 3]."


def test_business_names_with_possessive_and_suffix_go_whole() -> None:
    """ "Rizzo's Auto" and "Abernathy Wells LLP" leave nothing behind."""
    out = redact("I took it to Bellamy's Garage, then to Okoro Partners LLP.")
    assert "Bellamy" not in out and "LLP" not in out and "Okoro" not in out


@pytest.mark.parametrize(
    "text",
    [
        "my boss told mom and Dad, and Nana",
        "We moved from Nigeria to Canada last summer.",
        "Thanksgiving and Christmas with HR and the VP",
        "Title IX said to Ask for Angela at the bar",
        "God knows I took an uber from the bus stop to the gym",
        "On Monday in March I went to the office.",
    ],
)
def test_ordinary_words_stay(text: str) -> None:
    """Relationship words, countries, holidays, acronyms and generic places stay."""
    assert redact(text) == text
