"""Modals built for forms: the blank one is shared, a filled-in one is never kept."""

from __future__ import annotations

from dataclasses import replace

from bot.platforms.discord import views
from cogs.share import FORM

WRITTEN = "Quillon the night porter kept calling me."


async def test_the_blank_share_form_is_built_once() -> None:
    """Every member's /share sends the same blank modal."""
    assert views.form_modal(FORM) is views.form_modal(FORM)
    assert views.form_modal(FORM, "123") is not views.form_modal(FORM)


async def test_a_filled_in_form_is_built_each_time_and_not_kept() -> None:
    """A modal prefilled with a member's story is new each time and stays in no cache."""
    story, *rest = FORM.fields
    filled = replace(FORM, fields=(replace(story, default=WRITTEN), *rest), state="d1")
    before = views._blank_modal.cache_info()
    first, second = views.form_modal(filled), views.form_modal(filled)
    after = views._blank_modal.cache_info()
    assert first is not second
    assert WRITTEN in str(first.to_dict())
    # The cache was not even consulted, so it cannot hold the story.
    assert (after.hits, after.misses, after.currsize) == (
        before.hits,
        before.misses,
        before.currsize,
    )
