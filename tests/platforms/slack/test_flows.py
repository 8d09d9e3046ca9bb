"""Form errors, edit, cancel, slow submissions and command text on Slack."""

from __future__ import annotations

from bot import messages
from tests.fakes.slack import view_text
from tests.platforms.slack.conftest import SlackWorld

STORY = "Someone shouted at me on the tram about my skirt."


async def test_empty_story_gets_errors_in_the_acknowledgement(world: SlackWorld) -> None:
    """Submitting an empty story answers response_action errors keyed by the field."""
    view = await world.open_share(world.acme)
    ack = await world.fake.submit(view, {"story": "   ", "mode": "publish"})
    assert ack.payload is not None and ack.payload["response_action"] == "errors"
    assert ack.payload["errors"]["story"] == messages.STORY_EMPTY
    assert not view.closed and view.errors


async def test_edit_reopens_the_form_prefilled_in_the_same_modal(world: SlackWorld) -> None:
    """Edit shows the form again with the story filled in; resubmitting shows a new preview."""
    fake = world.fake
    view = await world.preview(world.acme, STORY)
    await fake.click(view, messages.EDIT)
    await fake.wait_for(lambda: view.view.get("callback_id") == "chorus_form", what="the form")
    story_block = next(b for b in view.view["blocks"] if b.get("block_id") == "story")
    assert story_block["element"]["initial_value"] == STORY
    ack = await fake.submit(view, {"story": STORY + " Twice."})
    assert ack.payload is not None and ack.payload["response_action"] == "update"
    assert "Twice." in view_text(view.view)


async def test_cancel_ends_privately_and_stores_nothing(world: SlackWorld) -> None:
    """Cancel closes the flow with a private message and queues nothing."""
    fake, team = world.fake, world.acme
    view = await world.preview(team, STORY)
    await fake.click(view, messages.CANCEL)
    await fake.wait_for(lambda: fake.ephemerals_for(team.member), what="the cancel message")
    assert fake.ephemerals_for(team.member)[0].text.startswith("Cancelled.")
    assert await world.services.stories.queued(team.community) == []


async def test_slow_submission_shows_a_waiting_view_then_the_preview(world: SlackWorld) -> None:
    """When work outlasts the budget, the ack updates to a waiting view; the preview follows."""
    fake = world.fake
    world.platform.interactions._budget = 0.0
    view = await world.open_share(world.acme)
    ack = await fake.submit(view, {"story": STORY, "mode": "publish"})
    assert ack.payload is not None and ack.payload["response_action"] == "update"
    assert messages.SLACK_WORKING in view_text(ack.payload["view"])
    await fake.wait_for(lambda: messages.CONFIRM in view_text(view.view), what="the preview")
    assert fake.calls_to("views.update")


async def test_slow_submission_errors_reshow_the_form_with_the_error(world: SlackWorld) -> None:
    """Errors after a waiting view come back as the form, values kept, error under the field."""
    fake = world.fake
    world.platform.interactions._budget = 0.0
    view = await world.open_share(world.acme)
    await fake.submit(view, {"story": " ", "note": "kept note", "mode": "publish"})
    await fake.wait_for(lambda: messages.STORY_EMPTY in view_text(view.view), what="errors")
    note = next(b for b in view.view["blocks"] if b.get("block_id") == "note")
    assert note["element"]["initial_value"] == "kept note"


async def test_command_text_is_parsed_into_subcommand_and_options(world: SlackWorld) -> None:
    """/config channel kind:story channel:<#C…|name> sets the story channel."""
    team = world.acme
    new = team.ws.add_channel("voices")
    text = f"channel kind:story channel:<#{new.id}|voices>"
    answer = await world.command(team.admin, team.general, "/config", text)
    assert "Saved" in answer.text
    assert await world.services.community.get(team.community, "story_channel") == new.id


async def test_bad_command_text_gets_usage_help(world: SlackWorld) -> None:
    """A missing option or an unknown subcommand answers with usage, privately."""
    team = world.acme
    missing = await world.command(team.member, team.general, "/withdraw")
    assert "code" in missing.text and "Usage" in missing.text
    unknown = await world.command(team.admin, team.general, "/config", "frobnicate")
    assert "frobnicate" in unknown.text and "show" in unknown.text


async def test_share_from_a_direct_message_keeps_the_receipt_in_the_modal(
    world: SlackWorld,
) -> None:
    """Where an ephemeral cannot be shown, the closing view carries the whole receipt."""
    fake, team = world.fake, world.acme
    await fake.slash(team.member, "/share", "", None)
    view = await fake.wait_view(team.member)
    await fake.submit(view, {"story": STORY, "mode": "publish"})
    await fake.click(view, messages.CONFIRM)
    await fake.wait_for(lambda: "receipt code" in view_text(view.view), what="the receipt")
    assert fake.ephemerals_for(team.member) == []


async def test_a_renamed_command_still_reaches_its_handler(world: SlackWorld) -> None:
    """/chorus-status works like /status, for workspaces where /status clashes."""
    team = world.acme
    answer = await world.command(team.member, team.general, "/chorus-status", "code:ABCD-2345")
    assert "ABCD-2345" in answer.text and "don't know the command" not in answer.text
