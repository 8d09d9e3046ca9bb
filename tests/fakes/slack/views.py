"""Slack's documented limits on modals, checked so a view Slack would refuse fails here too."""

from __future__ import annotations

from typing import Any

TITLE_MAX = 24
BUTTON_TEXT_MAX = 24
BLOCKS_MAX = 100
PRIVATE_METADATA_MAX = 3000
CALLBACK_ID_MAX = 255
LABEL_MAX = 2000
SECTION_TEXT_MAX = 3000
ACTION_BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
ACTION_ID_MAX = 255
INPUT_MAX_LENGTH = 3000
OPTION_TEXT_MAX = 75
OPTIONS_MAX = 100
RADIO_OPTIONS_MAX = 10
ELEMENTS_MAX = 25


def validate_view(view: dict[str, Any]) -> list[str]:
    """Return what Slack would reject in ``view`` (empty when it is acceptable)."""
    problems: list[str] = []
    if view.get("type") != "modal":
        problems.append("view type must be modal")
    _plain(problems, view.get("title"), TITLE_MAX, "title", required=True)
    _plain(problems, view.get("submit"), BUTTON_TEXT_MAX, "submit")
    _plain(problems, view.get("close"), BUTTON_TEXT_MAX, "close")
    if len(view.get("private_metadata", "")) > PRIVATE_METADATA_MAX:
        problems.append("private_metadata too long")
    if len(view.get("callback_id", "")) > CALLBACK_ID_MAX:
        problems.append("callback_id too long")
    blocks = view.get("blocks", [])
    if len(blocks) > BLOCKS_MAX:
        problems.append("too many blocks")
    has_input = False
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]"
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in block_ids:
                problems.append(f"{where}: duplicate block_id {block_id}")
            block_ids.add(block_id)
        kind = block.get("type")
        if kind == "input":
            has_input = True
            _plain(problems, block.get("label"), LABEL_MAX, f"{where}.label", required=True)
            _element(problems, block.get("element") or {}, where)
        elif kind == "section":
            text = block.get("text") or {}
            if len(text.get("text", "")) > SECTION_TEXT_MAX:
                problems.append(f"{where}: section text over {SECTION_TEXT_MAX}")
            if not text and not block.get("fields"):
                problems.append(f"{where}: section needs text or fields")
            if block.get("accessory"):
                _element(problems, block["accessory"], where)
        elif kind == "actions":
            elements = block.get("elements", [])
            if not 0 < len(elements) <= ELEMENTS_MAX:
                problems.append(f"{where}: actions need 1-{ELEMENTS_MAX} elements")
            for element in elements:
                _element(problems, element, where)
        elif kind in {"context", "divider", "header", "rich_text"}:
            continue
        else:
            problems.append(f"{where}: unknown block type {kind!r}")
    if has_input and view.get("submit") is None:
        problems.append("a modal with inputs needs a submit button")
    return problems


def _plain(
    problems: list[str], obj: Any, limit: int, where: str, *, required: bool = False
) -> None:
    if obj is None:
        if required:
            problems.append(f"{where} is required")
        return
    if obj.get("type") != "plain_text":
        problems.append(f"{where} must be plain_text")
    text = obj.get("text", "")
    if not 0 < len(text) <= limit:
        problems.append(f"{where} must be 1-{limit} characters (got {len(text)})")


def _element(problems: list[str], element: dict[str, Any], where: str) -> None:
    kind = element.get("type")
    if len(element.get("action_id", "")) > ACTION_ID_MAX:
        problems.append(f"{where}: action_id too long")
    if kind == "button":
        _plain(problems, element.get("text"), ACTION_BUTTON_TEXT_MAX, f"{where}.button.text")
        if len(element.get("value", "")) > BUTTON_VALUE_MAX:
            problems.append(f"{where}: button value too long")
    elif kind == "plain_text_input":
        if element.get("max_length", 0) > INPUT_MAX_LENGTH:
            problems.append(f"{where}: max_length over {INPUT_MAX_LENGTH}")
        if len(element.get("initial_value", "")) > element.get("max_length", INPUT_MAX_LENGTH):
            problems.append(f"{where}: initial_value longer than max_length")
    elif kind in {"static_select", "radio_buttons"}:
        options = element.get("options", [])
        limit = RADIO_OPTIONS_MAX if kind == "radio_buttons" else OPTIONS_MAX
        if not 0 < len(options) <= limit:
            problems.append(f"{where}: {kind} needs 1-{limit} options")
        for option in options:
            _plain(problems, option.get("text"), OPTION_TEXT_MAX, f"{where}.option")
        initial = element.get("initial_option")
        if initial is not None and initial.get("value") not in {o.get("value") for o in options}:
            problems.append(f"{where}: initial_option is not one of the options")
    else:
        problems.append(f"{where}: element type {kind!r} not supported by the fake")


def state_values(view: dict[str, Any], answers: dict[str, str]) -> dict[str, Any]:
    """Build ``view.state.values`` as Slack sends it, from answers keyed by action or block id.

    Inputs not answered keep their initial value, as they do on screen.
    """
    values: dict[str, dict[str, Any]] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block.get("element") or {}
        block_id = block.get("block_id", "")
        action_id = element.get("action_id", "")
        kind = element.get("type")
        if action_id in answers:
            answer: str | None = answers[action_id]
        elif block_id in answers:
            answer = answers[block_id]
        elif kind == "plain_text_input":
            answer = element.get("initial_value")
        else:
            initial = element.get("initial_option")
            answer = initial.get("value") if initial else None
        if kind == "plain_text_input":
            values[block_id] = {action_id: {"type": kind, "value": answer}}
        else:
            chosen = None
            for option in element.get("options", []):
                if option.get("value") == answer:
                    chosen = option
            values[block_id] = {action_id: {"type": kind, "selected_option": chosen}}
    return values


def find_button(view: dict[str, Any], label_or_action: str) -> tuple[str, dict[str, Any]]:
    """The block id and button element whose text or action id matches."""
    for block in view.get("blocks", []):
        elements = list(block.get("elements", [])) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") != "button":
                continue
            text = (element.get("text") or {}).get("text", "")
            if label_or_action in {text, element.get("action_id")}:
                return block.get("block_id", ""), element
    raise LookupError(f"no button {label_or_action!r} in the view")


def view_text(view: dict[str, Any]) -> str:
    """Every piece of text shown in a view, joined, for assertions."""
    parts: list[str] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            if isinstance(obj.get("text"), str):
                parts.append(obj["text"])
            for key, value in obj.items():
                if key != "text" or not isinstance(value, str):
                    walk(value)
        elif isinstance(obj, list):
            for item in obj:
                walk(item)

    walk(view.get("title"))
    walk(view.get("blocks", []))
    return "\n".join(parts)
