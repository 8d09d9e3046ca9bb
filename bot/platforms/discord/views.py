"""discord.ui objects built from neutral forms, buttons and choices.

Every view and modal built here is only a renderer: it is stopped before it is
sent, so discord.py does not track it, and the interaction it causes is handled
from its custom id (see :mod:`bot.platforms.discord.ids`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import discord

from bot.api import Button, ButtonStyle, Field, FieldStyle, Form
from bot.platforms.discord.ids import ComponentId, Kind

RADIO_MIN, RADIO_MAX = 2, 10
SELECT_MAX = 25
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")

_STYLES = {
    ButtonStyle.PRIMARY: discord.ButtonStyle.primary,
    ButtonStyle.SECONDARY: discord.ButtonStyle.secondary,
    ButtonStyle.DANGER: discord.ButtonStyle.danger,
}


def button_custom_id(button: Button, dm_guild: str = "") -> str:
    """The custom id of a neutral button."""
    return ComponentId(Kind.BUTTON, dm_guild, button.action, button.payload).encode()


def buttons_view(buttons: tuple[Button, ...], dm_guild: str = "") -> discord.ui.View:
    """A view of buttons whose custom ids carry action and payload."""
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(
            discord.ui.Button(
                label=button.label[:80],
                style=_STYLES[button.style],
                custom_id=button_custom_id(button, dm_guild),
            )
        )
    view.stop()
    return view


def single_button_view(label: str, custom_id: str) -> discord.ui.View:
    """A view with one primary button."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        discord.ui.Button(label=label[:80], style=discord.ButtonStyle.primary, custom_id=custom_id)
    )
    view.stop()
    return view


def community_picker(
    token: str, guilds: list[tuple[str, str]], placeholder: str
) -> discord.ui.View:
    """A select of (guild id, name) pairs for a member who shares several with the bot."""
    view = discord.ui.View(timeout=None)
    options = [
        discord.SelectOption(label=name[:100] or gid, value=gid)
        for gid, name in guilds[:SELECT_MAX]
    ]
    view.add_item(
        discord.ui.Select(
            custom_id=ComponentId(Kind.PICK_COMMUNITY, "", token).encode(),
            placeholder=placeholder[:150],
            options=options,
        )
    )
    view.stop()
    return view


def _field_item(field: Field) -> discord.ui.Label[discord.ui.Modal]:
    component: discord.ui.Item[discord.ui.Modal]
    if field.style is FieldStyle.CHOICE:
        if RADIO_MIN <= len(field.choices) <= RADIO_MAX:
            component = discord.ui.RadioGroup(
                custom_id=field.id,
                required=field.required,
                options=[
                    discord.RadioGroupOption(
                        label=c.label[:100], value=c.value, default=c.value == field.default
                    )
                    for c in field.choices
                ],
            )
        else:
            component = discord.ui.Select(
                custom_id=field.id,
                required=field.required,
                min_values=1 if field.required else 0,
                max_values=1,
                options=[
                    discord.SelectOption(
                        label=c.label[:100], value=c.value, default=c.value == field.default
                    )
                    for c in field.choices[:SELECT_MAX]
                ],
            )
    else:
        style = (
            discord.TextStyle.paragraph
            if field.style is FieldStyle.PARAGRAPH
            else discord.TextStyle.short
        )
        component = discord.ui.TextInput(
            custom_id=field.id,
            style=style,
            placeholder=field.placeholder[:100] or None,
            default=field.default[: field.max_length] or None,
            required=field.required,
            min_length=field.min_length or None,
            max_length=field.max_length,
        )
    return discord.ui.Label(text=field.label, component=component)


def form_modal(form: Form, dm_guild: str = "") -> discord.ui.Modal:
    """A modal for ``form``; its custom id carries the form id and its state.

    A blank form (what /share opens for everyone) is built once and reused, as
    sending a modal only reads it; a form with state or with text filled in
    carries what a member wrote, so it is built each time and never kept.
    """
    if form.state or any(f.default for f in form.fields if f.style is not FieldStyle.CHOICE):
        return _modal(form, dm_guild)
    return _blank_modal(form, dm_guild)


@lru_cache(maxsize=64)
def _blank_modal(form: Form, dm_guild: str) -> discord.ui.Modal:
    return _modal(form, dm_guild)


def _modal(form: Form, dm_guild: str) -> discord.ui.Modal:
    modal = discord.ui.Modal(
        title=form.title,
        custom_id=ComponentId(Kind.FORM, dm_guild, form.id, form.state).encode(),
        timeout=None,
    )
    for field in form.fields:
        modal.add_item(_field_item(field))
    modal.stop()
    return modal


def post_view(text: str, marker: int) -> discord.ui.LayoutView:
    """A story post as one text display whose component id carries the post's marker."""
    return marked_view(text, marker)


def marked_view(
    text: str, marker: int, files: Sequence[discord.File] = ()
) -> discord.ui.LayoutView:
    """Text whose display component's id carries ``marker``, then the files it comes with.

    Discord keeps a message's components but not its nonce, so the marker is what
    finds the message again after a crash. A components-v2 message shows only the
    files its components reference: images go in a gallery, anything else as a file.
    """
    view = discord.ui.LayoutView(timeout=None)
    view.add_item(discord.ui.TextDisplay(text, id=marker))
    images = [f for f in files if f.filename.lower().endswith(IMAGE_SUFFIXES)]
    if images:
        view.add_item(discord.ui.MediaGallery(*(discord.MediaGalleryItem(f) for f in images)))
    for file in files:
        if file not in images:
            view.add_item(discord.ui.File(file))
    view.stop()
    return view
