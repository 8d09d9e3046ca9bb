"""Look-alike and invisible characters do not smuggle details past the engine."""

from __future__ import annotations

import pytest

from bot.core.redaction import get_engine


def redact(text: str) -> str:
    return get_engine().analyze(text).redacted


def test_fullwidth_at_sign() -> None:
    """A fullwidth ＠ still makes an email."""
    assert redact("jane＠example.com") == "[email]"


def test_zero_width_space_inside_email() -> None:
    """A zero-width space inside an address is removed first."""
    assert redact("ja\u200bne@exa\u200dmple.com") == "[email]"


def test_cyrillic_letters_in_a_name() -> None:
    """A name written with Cyrillic look-alikes is still found."""
    assert redact("my ex Маrcus said") == "my ex [name 1] said"


def test_fullwidth_digits_in_a_phone_number() -> None:
    """Fullwidth digits are matched like ASCII ones."""
    assert redact("call ＋４４ ７９１１ １２３４５６") == "call [phone]"


@pytest.mark.parametrize("dot", ["。", "․"])
def test_dot_look_alikes_in_a_link(dot: str) -> None:
    """Ideographic and leader dots do not hide a domain."""
    assert redact(f"see example{dot}com/me") == "see [link]"


def test_genuine_cyrillic_text_is_left_alone() -> None:
    """Whole words in another script are not rewritten."""
    assert redact("Привет, как дела") == "Привет, как дела"
