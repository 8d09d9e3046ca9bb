"""Acknowledging everyone first in a burst: the gate, and the member's view of it."""

from __future__ import annotations

import asyncio

import pytest

from bot.platforms.discord import acks as acks_module
from bot.platforms.discord import handler as handler_module
from bot.platforms.discord.acks import Acknowledgements
from tests.fakes.discord import buttons_of
from tests.fakes.discord.interactions import (
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    EPHEMERAL,
)
from tests.platforms.discord.conftest import World, receipt_code


async def test_work_waits_until_everyone_in_hand_is_acknowledged() -> None:
    """Deferred work goes on once the last waiting interaction has its first response."""
    acks = Acknowledgements()
    await asyncio.wait_for(acks.after_others(), 0.1)  # nobody waiting: at once
    with acks.awaiting():
        waiter = asyncio.create_task(acks.after_others())
        with acks.awaiting():
            await asyncio.sleep(0.02)
            assert not waiter.done()
        await asyncio.sleep(0.02)
        assert not waiter.done()
    await asyncio.wait_for(waiter, 0.1)


async def test_work_is_not_held_back_for_ever(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream of interactions that never ends delays deferred work only a while."""
    monkeypatch.setattr(acks_module, "LONGEST_WAIT", 0.05)
    acks = Acknowledgements()
    with acks.awaiting():
        await asyncio.wait_for(acks.after_others(), 1.0)


async def test_a_burst_of_members_is_acknowledged_privately_then_answered(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a burst the preview and the receipt follow a private acknowledgement."""
    monkeypatch.setattr(handler_module, "BURST", 0)  # every interaction counts as a burst
    fake = world.fake
    submitted = await world.share(world.guild, world.member, "A man followed me home.")
    preview = await submitted.reply()
    assert submitted.callback is not None
    assert submitted.callback["type"] == DEFERRED_CHANNEL_MESSAGE
    assert submitted.callback["data"]["flags"] & EPHEMERAL
    assert preview["flags"] & EPHEMERAL
    assert [b["label"] for b in buttons_of(preview)] == ["Confirm", "Edit", "Cancel"]

    confirmed = await fake.click(preview, "Confirm")
    await confirmed.response()
    assert confirmed.callback is not None
    assert confirmed.callback["type"] == DEFERRED_UPDATE_MESSAGE

    def receipt() -> dict[str, object]:
        # A deferred button answer edits the message the button was on.
        return fake.interaction_messages[preview["id"]][1]

    await confirmed.wait_until(lambda: receipt()["content"] != preview["content"], what="receipt")
    assert receipt_code(str(receipt()["content"]))
    assert buttons_of(receipt()) == []
