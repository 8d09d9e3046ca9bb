"""Rate limits, server errors and dropped connections lose nothing and post nothing twice."""

from __future__ import annotations

import pytest

from bot.platforms.base import PostFailure, PostingError
from tests.fakes.slack import view_text
from tests.platforms.slack.conftest import SlackWorld

STORY = "A man on the train kept leaning over me and would not stop."


async def test_rate_limited_calls_are_retried_and_the_flow_completes(world: SlackWorld) -> None:
    """429 with Retry-After on views.open, postEphemeral and postMessage: all retried once."""
    fake, team = world.fake, world.acme
    fake.fail("views.open", status=429, retry_after=0)
    fake.fail("chat.postEphemeral", status=429, retry_after=0)
    fake.fail("chat.postMessage", status=429, retry_after=0)
    await world.share(team, STORY)
    result = await world.services.publisher.run_slot(team.community)
    assert result.posted == 1
    assert len(fake.messages(team.stories.id)) == 1
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert fake.late_acks == []


async def test_server_errors_are_retried_and_nothing_is_lost(world: SlackWorld) -> None:
    """500s on views.update and a story post are retried until they succeed."""
    fake, team = world.fake, world.acme
    fake.fail("views.update", status=500)
    fake.fail("chat.postMessage", status=503)
    await world.share(team, STORY)
    result = await world.services.publisher.run_slot(team.community)
    assert result.posted == 1
    assert len(fake.messages(team.stories.id)) == 1
    updates = await fake.wait_for(
        lambda: [c.status for c in fake.calls_to("views.update")][:2] == [500, 200],
        what="the retried views.update",
    )
    assert updates


async def test_a_post_that_failed_after_posting_is_found_not_repeated(world: SlackWorld) -> None:
    """Slack posting then answering 500 leaves exactly one message, found by its nonce."""
    fake, team = world.fake, world.acme
    await world.share(team, STORY)
    fake.fail("chat.postMessage", status=500, after=True)
    result = await world.services.publisher.run_slot(team.community)
    assert result.posted == 1
    [post] = fake.messages(team.stories.id)
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert fake.calls_to("conversations.history")
    assert post.metadata is not None
    story = await world.services.stories.get(post.metadata["event_payload"]["nonce"])
    assert story is not None and story.message_id == post.ts


async def test_missing_channel_and_missing_membership_map_to_posting_errors(
    world: SlackWorld,
) -> None:
    """channel_not_found is CHANNEL_MISSING; not_in_channel and missing_scope are FORBIDDEN."""
    from bot.api import Post

    team = world.acme
    post = Post("nonce-1", "text")
    with pytest.raises(PostingError) as missing:
        await world.platform.post(team.community, "CNOSUCH", post)
    assert missing.value.failure is PostFailure.CHANNEL_MISSING
    outside = team.ws.add_channel("private-ish", bot_member=False)
    with pytest.raises(PostingError) as forbidden:
        await world.platform.post(team.community, outside.id, post)
    assert forbidden.value.failure is PostFailure.FORBIDDEN
    world.fake.fail("chat.postMessage", error="missing_scope")
    with pytest.raises(PostingError) as scope:
        await world.platform.post(team.community, team.stories.id, post)
    assert scope.value.failure is PostFailure.FORBIDDEN


async def test_deleting_a_post_that_is_already_gone_is_fine(world: SlackWorld) -> None:
    """delete_post ignores message_not_found."""
    team = world.acme
    await world.platform.delete_post(team.community, team.stories.id, "1.000001")
    [call] = world.fake.calls_to("chat.delete")
    assert call.error == "message_not_found"


@pytest.mark.parametrize("how", ["close", "disconnect"])
async def test_dropped_socket_reconnects_and_loses_nothing(
    socket_world: SlackWorld, how: str
) -> None:
    """After the connection drops, the app reconnects; a command sent meanwhile is served."""
    world, fake, team = socket_world, socket_world.fake, socket_world.acme
    view = await world.preview(team, STORY)
    await fake.drop_socket(how)
    await fake.click(view, "Confirm")
    code = await fake.wait_for(lambda: world.receipt(team.member), what="the receipt")
    assert code
    assert fake.socket.connects >= 2
    answer = await world.command(team.member, team.general, "/status", f"code:{code}")
    assert code in answer.text
    assert fake.late_acks == []
    assert "Confirm" not in view_text(view.view)
