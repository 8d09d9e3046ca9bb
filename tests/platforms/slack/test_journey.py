"""A member's whole journey on Slack, over Socket Mode and over signed HTTP."""

from __future__ import annotations

from bot import messages
from tests.fakes.slack import view_text
from tests.platforms.slack.conftest import SlackWorld

STORY = "A stranger followed me from the bus stop and wrote to me at zq.stalker@example.com."
PLAIN = "My manager keeps calling me sweetie in meetings <!channel> <@U0BADBAD1> <!here>."


async def test_share_preview_confirm_receipt_and_scheduled_post(world: SlackWorld) -> None:
    """/share opens a modal, the preview stays in it, confirm gives a receipt, a slot posts it."""
    fake, team = world.fake, world.acme
    view = await world.open_share(team)
    assert {b.get("block_id") for b in view.view["blocks"]} >= {"story", "note", "mode"}

    ack = await fake.submit(view, {"story": STORY, "mode": "publish"})
    assert ack.payload is not None and ack.payload["response_action"] == "update"
    shown = view_text(view.view)
    assert "[email]" in shown and "zq.stalker@example.com" not in shown
    assert not fake.calls_to("chat.postMessage") and not fake.ephemerals

    await fake.click(view, "Confirm")
    code = await fake.wait_for(lambda: world.receipt(team.member), what="receipt")
    receipt = fake.ephemerals_for(team.member)[0]
    assert receipt.channel == team.general.id and receipt.via == "chat.postEphemeral"
    await fake.wait_for(lambda: "Confirm" not in view_text(view.view), what="closing view")

    result = await world.services.publisher.run_slot(team.community)
    assert result.posted == 1
    [post] = fake.messages(team.stories.id)
    assert post.metadata is not None and post.metadata["event_type"] == "chorus_story"
    assert post.unfurl_links is False and post.unfurl_media is False
    assert code and not fake.late_acks


async def test_content_note_is_shown_and_the_story_is_behind_a_button(world: SlackWorld) -> None:
    """A post with a content note shows only the note; Show story reveals it privately."""
    fake, team = world.fake, world.acme
    await world.share(team, STORY, note="stalking")
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)
    assert "stalking" in post.text and "bus stop" not in post.text
    assert "bus stop" not in view_text({"blocks": post.blocks})

    reader = team.organizer
    await fake.click_message(reader, team.stories, messages.SLACK_SHOW_STORY, message=post)
    shown = await fake.wait_for(lambda: fake.ephemerals_for(reader), what="the story")
    assert "bus stop" in shown[0].text and "[email]" in shown[0].text
    assert shown[0].via == "response_url"


async def test_posts_never_ping_or_unfurl(world: SlackWorld) -> None:
    """<!channel>, <!here> and user mentions in a story are escaped in the post."""
    fake, team = world.fake, world.acme
    await world.share(team, PLAIN)
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)
    assert fake.pings(team.stories.id) == []
    assert "&lt;!channel&gt;" in post.text and "&lt;!here&gt;" in post.text
    assert post.unfurl_links is False and post.unfurl_media is False


async def test_withdraw_after_posting_deletes_the_message(world: SlackWorld) -> None:
    """/withdraw with the receipt code deletes the posted message (chat.delete)."""
    fake, team = world.fake, world.acme
    code = await world.share(team, STORY)
    await world.services.publisher.run_slot(team.community)
    [post] = fake.messages(team.stories.id)

    answer = await world.command(team.member, team.general, "/withdraw", f"code:{code}")
    assert code in answer.text and answer.via == "response_url"
    [delete] = fake.calls_to("chat.delete")
    assert delete.ok and delete.args["ts"] == post.ts
    assert fake.messages(team.stories.id) == []


async def test_member_is_refused_config_and_admin_is_not(world: SlackWorld) -> None:
    """/config is refused to a member with a private message; an admin gets the settings."""
    team = world.acme
    refused = await world.command(team.member, team.general, "/config", "show")
    assert refused.text.startswith("That command is for admins")
    shown = await world.command(team.admin, team.general, "/config", "show")
    assert not shown.text.startswith("That command is for admins")


async def test_every_ack_is_inside_three_seconds(world: SlackWorld) -> None:
    """Commands, submissions and button presses are all acknowledged within 3 s."""
    team = world.acme
    await world.share(team, STORY)
    await world.command(team.member, team.general, "/resources")
    await world.command(team.admin, team.general, "/config", "show")
    assert len(world.fake.acks) >= 5
    assert world.fake.late_acks == []
