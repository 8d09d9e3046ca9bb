"""Properties that hold for any text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.core.redaction import get_engine

words = st.lists(
    st.sampled_from(
        ["he", "said", "my", "boss", "Will", "at", "the", "bus", "stop", "and", "I", "hope",
         "Kevin", "#YesAllWomen", "911", "in", "May", "ok", "lol", "\n", ",", "."]
    ),
    max_size=20,
).map(" ".join)  # fmt: skip
local = st.from_regex(r"[a-z][a-z0-9._]{1,10}[a-z0-9]", fullmatch=True)
plants = st.one_of(
    st.builds(lambda u, d: f"{u}@{d}.com", local, st.from_regex(r"[a-z]{3,10}", fullmatch=True)),
    st.builds(lambda n: f"+44 7{n:03d} 123456", st.integers(100, 999)),
    st.builds(lambda n: f"(614) 555-{n:04d}", st.integers(0, 9999)),
    st.builds(lambda p: f"https://example.org/{p}", local),
    st.builds(lambda h: f"@{h}", local),
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes(text: str) -> None:
    """Any text at all is analysed without error."""
    analysis = get_engine().analyze(text)
    assert isinstance(analysis.redacted, str)


@settings(max_examples=300, deadline=None)
@given(words, plants, words)
def test_planted_contact_detail_never_survives(before: str, plant: str, after: str) -> None:
    """An email, phone number, URL or handle planted in text is always removed."""
    out = get_engine().analyze(f"{before} {plant} {after}").redacted
    assert plant not in out


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.builds(lambda a, p, b: f"{a} {p} {b}", words, plants, words)))
# A word after a placeholder does not open a clause ("[name 1] boss said").
@example("0 Aa boss said")
# A combining mark after a name goes with it, not onto the placeholder's "]".
@example("Àßᩳ")
def test_idempotent(text: str) -> None:
    """Redacting redacted text changes nothing."""
    engine = get_engine()
    once = engine.analyze(text).redacted
    assert engine.analyze(once).redacted == once
