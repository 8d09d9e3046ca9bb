"""Interactions the fake has sent and everything the bot answered to each."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.discord.payloads import FakeChannel, FakeGuild, FakeUser

# Interaction types
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Callback types
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

EPHEMERAL = 1 << 6
LOADING = 1 << 7
SUPPRESS_EMBEDS = 1 << 2

DEFAULT_WAIT = 10.0


class NoResponse(AssertionError):
    """The bot did not answer an interaction in time."""


@dataclass
class SentFile:
    """A file the bot uploaded."""

    filename: str
    data: bytes
    content_type: str | None


@dataclass
class InteractionRecord:
    """One interaction and the bot's answers to it, in order."""

    id: str
    token: str
    type: int
    user: FakeUser
    guild: FakeGuild | None
    channel: FakeChannel
    payload: dict[str, Any]
    dispatched_at: float = field(default_factory=time.perf_counter)
    responded_at: float | None = None
    callback: dict[str, Any] | None = None
    original: dict[str, Any] | None = None
    followups: list[dict[str, Any]] = field(default_factory=list)
    files: list[SentFile] = field(default_factory=list)
    errors: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def notify(self) -> None:
        """Wake anyone waiting on this record."""
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(
        self, check: Callable[[], bool], timeout: float = DEFAULT_WAIT, what: str = "response"
    ) -> None:
        """Wait until ``check()`` holds, or raise :class:`NoResponse`."""
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(check)
        except TimeoutError:
            raise NoResponse(f"no {what} to interaction {self.id} within {timeout}s") from None

    async def response(self, timeout: float = DEFAULT_WAIT) -> dict[str, Any]:
        """The initial response (``{"type", "data"}``), waiting for it."""
        await self.wait_until(lambda: self.callback is not None, timeout, "initial response")
        assert self.callback is not None
        return self.callback

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the initial response."""
        if self.responded_at is None:
            return None
        return self.responded_at - self.dispatched_at

    @property
    def modal(self) -> dict[str, Any] | None:
        """The modal shown as the initial response, if one was."""
        if self.callback is not None and self.callback["type"] == MODAL:
            data: dict[str, Any] = self.callback["data"]
            return data
        return None

    async def wait_modal(self, timeout: float = DEFAULT_WAIT) -> dict[str, Any]:
        """Wait for the initial response and require it to be a modal."""
        response = await self.response(timeout)
        if response["type"] != MODAL:
            raise AssertionError(f"expected a modal, got response type {response['type']}")
        modal = self.modal
        assert modal is not None
        return modal

    def messages(self) -> list[dict[str, Any]]:
        """Messages the member can see: the original response (once loaded), then followups."""
        shown = []
        if self.original is not None and not self.original["flags"] & LOADING:
            shown.append(self.original)
        shown.extend(self.followups)
        return shown

    async def wait_messages(
        self, count: int = 1, timeout: float = DEFAULT_WAIT
    ) -> list[dict[str, Any]]:
        """Wait until at least ``count`` visible messages exist and return them."""
        await self.wait_until(lambda: len(self.messages()) >= count, timeout, f"{count} message(s)")
        return self.messages()

    async def reply(self, timeout: float = DEFAULT_WAIT) -> dict[str, Any]:
        """The first visible message answering this interaction."""
        return (await self.wait_messages(1, timeout))[0]

    async def last_message(self, count: int = 1, timeout: float = DEFAULT_WAIT) -> dict[str, Any]:
        """The newest visible message once at least ``count`` exist."""
        return (await self.wait_messages(count, timeout))[-1]


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every button in a message's components (action rows and nested layouts)."""
    found: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") == 2:
                found.append(item)
            walk(item.get("components") or [])
            if isinstance(item.get("component"), dict):
                walk([item["component"]])
            if isinstance(item.get("accessory"), dict):
                walk([item["accessory"]])

    walk(message.get("components") or [])
    return found


def selects_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every select menu in a message's components."""
    found: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("type") in (3, 5, 6, 7, 8):
                found.append(item)
            walk(item.get("components") or [])

    walk(message.get("components") or [])
    return found


def modal_inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
    """The inputs of a modal, each with ``label`` copied in when wrapped in a Label."""
    found: list[dict[str, Any]] = []
    for top in modal.get("components") or []:
        if top.get("type") == 1:
            for inner in top.get("components") or []:
                found.append(dict(inner))
        elif top.get("type") == 18:
            inner = dict(top["component"])
            inner.setdefault("label", top.get("label"))
            inner["_label_description"] = top.get("description")
            found.append(inner)
    return found


def modal_submit_components(
    modal: dict[str, Any], values: dict[str, str | list[str] | None]
) -> list[dict[str, Any]]:
    """The ``data.components`` of a modal submit, in the shape Discord sends.

    ``values`` maps a custom_id to the text typed, the option chosen, or a list
    of options; inputs not given submit their default (or nothing).
    """
    unknown = set(values) - {i["custom_id"] for i in modal_inputs(modal)}
    if unknown:
        raise AssertionError(f"modal has no inputs {sorted(unknown)}")
    out: list[dict[str, Any]] = []
    next_id = 1

    def submitted(component: dict[str, Any]) -> dict[str, Any]:
        nonlocal next_id
        cid = component["custom_id"]
        ctype = component["type"]
        given = values.get(cid)
        data: dict[str, Any] = {"type": ctype, "id": component.get("id", next_id), "custom_id": cid}
        next_id += 1
        if ctype == 4:
            text = given if isinstance(given, str) else component.get("value", "")
            if component.get("required", True) and not text:
                raise AssertionError(f"required text input {cid!r} left empty")
            max_length = component.get("max_length", 4000)
            if len(text) > max_length:
                raise AssertionError(f"{cid!r} is longer than its max_length {max_length}")
            data["value"] = text
        elif ctype == 21:
            options = [o["value"] for o in component.get("options", [])]
            chosen = given if isinstance(given, str) else None
            if chosen is None:
                chosen = next((o["value"] for o in component["options"] if o.get("default")), None)
            if chosen is not None and chosen not in options:
                raise AssertionError(f"{chosen!r} is not an option of {cid!r}")
            if chosen is None and component.get("required", True):
                raise AssertionError(f"required radio group {cid!r} left empty")
            data["value"] = chosen
        elif ctype == 3:
            options = [o["value"] for o in component.get("options", [])]
            if isinstance(given, str):
                chosen_list = [given]
            elif isinstance(given, list):
                chosen_list = given
            else:
                chosen_list = [o["value"] for o in component["options"] if o.get("default")]
            for value in chosen_list:
                if value not in options:
                    raise AssertionError(f"{value!r} is not an option of {cid!r}")
            if len(chosen_list) < component.get("min_values", 1) and component.get(
                "required", True
            ):
                raise AssertionError(f"required select {cid!r} left empty")
            data["values"] = chosen_list
        else:
            raise AssertionError(f"the fake cannot submit component type {ctype}")
        return data

    for top in modal.get("components") or []:
        if top.get("type") == 1:
            out.append(
                {"type": 1, "id": next_id, "components": [submitted(c) for c in top["components"]]}
            )
            next_id += 1
        elif top.get("type") == 18:
            label_id = top.get("id", next_id)
            next_id += 1
            out.append({"type": 18, "id": label_id, "component": submitted(top["component"])})
        elif top.get("type") == 10:
            out.append({"type": 10, "id": top.get("id", next_id), "content": top["content"]})
            next_id += 1
    return out
