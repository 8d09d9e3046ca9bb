"""Modal views for forms, previews and closings, built from typed Block Kit models.

A whole form flow lives in one modal: the form, then the preview with its
buttons, then a short closing view. Slack keeps modals out of message history
and exports, which is why the preview is never posted as a message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextInputElement,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.blocks import Option as SlackOption
from slack_sdk.models.views import View

from bot import messages
from bot.api import FORM_TITLE_MAX, Button, ButtonStyle, Field, FieldStyle, Form
from bot.platforms.slack.text import chunks, mrkdwn, truncate

FORM_CALLBACK = "chorus_form"
MESSAGE_CALLBACK = "chorus_message"
ACTION_PREFIX = "chorus:"
VALUE_ACTION = "value"
BUTTONS_BLOCK = "chorus_buttons"
RADIO_MAX = 5
PLACEHOLDER_MAX = 150
OPTION_TEXT_MAX = 75
SUBMIT_MAX = 24
BLOCKS_MAX = 100


@dataclass(frozen=True)
class FlowMeta:
    """What a modal carries between interactions in ``private_metadata``."""

    form_id: str
    state: str = ""
    channel_id: str | None = None

    def encode(self) -> str:
        """Compact JSON for ``private_metadata`` (at most 3000 characters)."""
        data = {"f": self.form_id, "s": self.state, "c": self.channel_id}
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def decode(cls, raw: str | None) -> FlowMeta:
        """Read metadata back; anything unreadable becomes an empty flow."""
        try:
            data = json.loads(raw or "{}")
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        channel = data.get("c")
        return cls(str(data.get("f") or ""), str(data.get("s") or ""), channel or None)


def form_view(form: Form, meta: FlowMeta, errors: Mapping[str, str] | None = None) -> View:
    """Build a modal with one input per field; ``errors`` are shown under their fields.

    Errors passed here are for a form re-shown with ``views.update``; errors
    answered in the acknowledgement use ``response_action: errors`` instead.
    """
    blocks: list[Block] = []
    for f in form.fields:
        blocks.append(
            InputBlock(
                block_id=f.id,
                label=PlainTextObject(text=f.label),
                element=_element(f),
                optional=not f.required,
            )
        )
        if errors and f.id in errors:
            blocks.append(
                ContextBlock(elements=[MarkdownTextObject(text=f"⚠️ {mrkdwn(errors[f.id])}")])
            )
    return View(
        type="modal",
        callback_id=FORM_CALLBACK,
        title=PlainTextObject(text=truncate(form.title, FORM_TITLE_MAX)),
        submit=PlainTextObject(text=truncate(form.submit_label, SUBMIT_MAX)),
        close=PlainTextObject(text=messages.CANCEL),
        private_metadata=meta.encode(),
        blocks=blocks,
    )


def _element(f: Field) -> PlainTextInputElement | RadioButtonsElement | StaticSelectElement:
    if f.style is FieldStyle.CHOICE:
        options = [
            SlackOption(
                value=c.value, text=PlainTextObject(text=truncate(c.label, OPTION_TEXT_MAX))
            )
            for c in f.choices
        ]
        initial = next(
            (o for o, c in zip(options, f.choices, strict=True) if c.value == f.default), None
        )
        if len(options) <= RADIO_MAX:
            return RadioButtonsElement(
                action_id=VALUE_ACTION, options=options, initial_option=initial
            )
        return StaticSelectElement(
            action_id=VALUE_ACTION,
            placeholder=PlainTextObject(text=truncate(f.placeholder or f.label, PLACEHOLDER_MAX)),
            options=options,
            initial_option=initial,
        )
    return PlainTextInputElement(
        action_id=VALUE_ACTION,
        multiline=f.style is FieldStyle.PARAGRAPH,
        max_length=f.max_length,
        min_length=f.min_length or None,
        initial_value=f.default or None,
        placeholder=(
            PlainTextObject(text=truncate(f.placeholder, PLACEHOLDER_MAX))
            if f.placeholder
            else None
        ),
    )


def message_view(text: str, buttons: tuple[Button, ...], meta: FlowMeta, title: str) -> View:
    """Build a modal showing reply text and its buttons (the preview)."""
    return View(
        type="modal",
        callback_id=MESSAGE_CALLBACK,
        title=PlainTextObject(text=truncate(title, FORM_TITLE_MAX)),
        close=PlainTextObject(text=messages.SLACK_CLOSE),
        private_metadata=meta.encode(),
        blocks=message_blocks(text, buttons),
    )


def message_blocks(text: str, buttons: tuple[Button, ...]) -> list[Block]:
    """Reply text as mrkdwn sections, then its buttons."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=piece)) for piece in chunks(mrkdwn(text))
    ]
    blocks = blocks[: BLOCKS_MAX - 1]
    if buttons:
        blocks.append(
            ActionsBlock(
                block_id=BUTTONS_BLOCK,
                elements=[_button(i, b) for i, b in enumerate(buttons)],
            )
        )
    return blocks


def _button(index: int, button: Button) -> ButtonElement:
    style = {ButtonStyle.PRIMARY: "primary", ButtonStyle.DANGER: "danger"}.get(button.style)
    return ButtonElement(
        text=PlainTextObject(text=button.label),
        action_id=button_action_id(index, button.action),
        value=button.payload or None,
        style=style,
    )


def button_action_id(index: int, action: str) -> str:
    """Return the ``action_id`` of a neutral button: unique in its view, naming the action."""
    return f"{ACTION_PREFIX}{index}:{action}"


def parse_action_id(action_id: str) -> str | None:
    """Return the neutral action named by an ``action_id``, or None if it is not ours."""
    if not action_id.startswith(ACTION_PREFIX):
        return None
    _, _, action = action_id.removeprefix(ACTION_PREFIX).partition(":")
    return action or None


def closing_view(text: str, title: str) -> View:
    """Build a short last view with only a Close button."""
    return View(
        type="modal",
        callback_id=MESSAGE_CALLBACK,
        title=PlainTextObject(text=truncate(title, FORM_TITLE_MAX)),
        close=PlainTextObject(text=messages.SLACK_CLOSE),
        blocks=[SectionBlock(text=MarkdownTextObject(text=p)) for p in chunks(mrkdwn(text))][
            :BLOCKS_MAX
        ],
    )


def working_view(meta: FlowMeta, title: str) -> View:
    """Shown when a submission takes longer than the acknowledgement allows."""
    return View(
        type="modal",
        callback_id=MESSAGE_CALLBACK,
        title=PlainTextObject(text=truncate(title or messages.SLACK_WORKING_TITLE, FORM_TITLE_MAX)),
        close=PlainTextObject(text=messages.SLACK_CLOSE),
        private_metadata=meta.encode(),
        blocks=[SectionBlock(text=PlainTextObject(text=messages.SLACK_WORKING))],
    )


def submitted_values(state: Mapping[str, Any]) -> dict[str, str]:
    """Field values from a ``view.state.values`` payload, keyed by field id."""
    values: dict[str, str] = {}
    for block_id, actions in (state or {}).items():
        if not isinstance(actions, Mapping):
            continue
        entry = actions.get(VALUE_ACTION)
        if not isinstance(entry, Mapping):
            continue
        if "selected_option" in entry:
            option = entry.get("selected_option") or {}
            values[block_id] = str(option.get("value") or "")
        else:
            values[block_id] = str(entry.get("value") or "")
    return values


def field_errors(errors: Mapping[str, str]) -> dict[str, str]:
    """Errors for ``response_action: errors``: plain text keyed by block id (= field id)."""
    # Slack shows these as plain text, so markdown emphasis is dropped, not converted.
    return {field_id: text.replace("**", "")[:1000] for field_id, text in errors.items()}


def view_title(view: Mapping[str, Any] | None) -> str:
    """Return the title text of a view payload."""
    title = (view or {}).get("title") or {}
    return str(title.get("text") or "")
