"""Member journeys through the real discord.py client against the fake Discord."""

from __future__ import annotations

from tests.fakes.discord import buttons_of, modal_inputs
from tests.platforms.discord.conftest import World, post_text, receipt_code

EPHEMERAL = 1 << 6
SUPPRESS_EMBEDS = 1 << 2
COMPONENTS_V2 = 1 << 15

STORY = (
    "My manager Greg asked why I never smile. He emails greg.boss@example.com "
    "and says @everyone should see how I dress."
)


async def test_share_preview_confirm_then_posted(world: World) -> None:
    """/share opens a modal, the preview is private, and the confirmed story is posted."""
    fake = world.fake
    opened = await fake.slash(world.guild, world.member, "share")
    modal = await opened.wait_modal()
    inputs = {i["custom_id"]: i for i in modal_inputs(modal)}
    assert set(inputs) == {"story", "note", "mode"}
    assert inputs["story"]["type"] == 4 and inputs["story"]["style"] == 2
    assert inputs["mode"]["type"] == 21
    submitted = await fake.submit_modal(opened, {"story": STORY, "note": "workplace"})
    preview = await submitted.reply()
    assert preview["flags"] & EPHEMERAL
    assert "[email]" in preview["content"]
    assert [b["label"] for b in buttons_of(preview)] == ["Confirm", "Edit", "Cancel"]
    assert fake.bot_messages(fake.channel(world.guild, "stories")) == []

    confirmed = await fake.click(preview, "Confirm")
    receipt = await confirmed.reply()
    code = receipt_code(receipt["content"])
    assert receipt["flags"] & EPHEMERAL
    assert buttons_of(receipt) == []

    await world.run_slot()
    posts = fake.bot_messages(fake.channel(world.guild, "stories"))
    assert len(posts) == 1
    text = post_text(posts[0])
    assert "[email]" in text and "greg.boss" not in text
    assert text.startswith("**CN:**") and "||" in text
    assert posts[0]["flags"] & SUPPRESS_EMBEDS and posts[0]["flags"] & COMPONENTS_V2
    request = fake.requests_to("POST", "/channels/{channel_id}/messages")[-1]
    assert request.json["allowed_mentions"]["parse"] == []
    assert request.json["enforce_nonce"] is True
    assert len(request.json["nonce"]) <= 25

    status = await fake.slash(world.guild, world.member, "status", {"code": code})
    assert "posted" in (await status.reply())["content"].lower()


async def test_edit_reopens_modal_prefilled(world: World) -> None:
    """Edit on the preview answers with the modal, prefilled with what was typed."""
    submitted = await world.share(world.guild, world.member, "Someone followed me home.")
    preview = await submitted.reply()
    edit = await world.fake.click(preview, "Edit")
    modal = await edit.wait_modal()
    story = next(i for i in modal_inputs(modal) if i["custom_id"] == "story")
    assert story["value"] == "Someone followed me home."
    again = await world.fake.submit_modal(edit, {"story": "Someone followed me to the bus."})
    assert "bus" in (await again.reply())["content"]


async def test_empty_story_gets_problems_and_reopen_button(world: World) -> None:
    """A rejected form is answered privately with the problems and a button to fix it."""
    submitted = await world.share(world.guild, world.member, "   ")
    problems = await submitted.reply()
    assert problems["flags"] & EPHEMERAL
    [fix] = buttons_of(problems)
    reopened = await world.fake.click(problems, fix["label"])
    await reopened.wait_modal()


async def test_withdraw_after_posting_deletes_message(world: World) -> None:
    """Withdrawing a posted story deletes its message from the channel."""
    fake = world.fake
    preview = await (await world.share(world.guild, world.member, "A man grabbed my arm.")).reply()
    code = receipt_code((await (await fake.click(preview, "Confirm")).reply())["content"])
    await world.run_slot()
    channel = fake.channel(world.guild, "stories")
    [posted] = fake.bot_messages(channel)
    withdrawn = await fake.slash(world.guild, world.member, "withdraw", {"code": code})
    await withdrawn.reply()
    assert fake.bot_messages(channel) == []
    assert [m["id"] for m in fake.deleted_messages] == [posted["id"]]


async def test_member_refused_on_config(world: World) -> None:
    """/config is hidden from members, and refused if an admin un-hid it anyway."""
    from tests.fakes.discord import CommandUnavailable

    fake = world.fake
    try:
        await fake.slash(world.guild, world.member, "config show")
    except CommandUnavailable:
        pass
    else:
        raise AssertionError("members should not be offered /config")
    refused = await fake.slash(world.guild, world.member, "config show", override_permissions=True)
    reply = await refused.reply()
    assert reply["flags"] & EPHEMERAL
    assert "admins" in reply["content"]
    command = fake.find_command(world.guild, "config")
    assert command["default_member_permissions"] == str(1 << 5)
