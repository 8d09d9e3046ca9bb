"""Bot messages with files, and finding posts again after a restart."""

from __future__ import annotations

from bot.api import Attachment, Post
from tests.platforms.slack.conftest import SlackWorld


async def test_send_posts_text_and_uploads_files(socket_world: SlackWorld) -> None:
    """A digest is escaped mrkdwn; its chart goes through the external upload flow."""
    world, team = socket_world, socket_world.acme
    chart = Attachment("trend.png", b"\x89PNG fake chart", "image/png")
    await world.platform.send(team.community, team.organizers.id, "**Weekly** <!here>", (chart,))
    text, upload = world.fake.messages(team.organizers.id)
    assert text.text == "*Weekly* &lt;!here&gt;"
    assert upload.files and upload.files[0]["name"] == "trend.png"
    assert world.fake.files[upload.files[0]["id"]]["data"] == chart.data
    assert [c.method for c in world.fake.calls if c.method.startswith("files.")] == [
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
    ]


async def test_find_post_pages_through_history_by_nonce(socket_world: SlackWorld) -> None:
    """A post made before many others is found by the nonce in its metadata."""
    world, team = socket_world, socket_world.acme
    first = await world.platform.post(team.community, team.stories.id, Post("nonce-old", "old"))
    for i in range(250):
        await world.platform.send(team.community, team.stories.id, f"filler {i}")
    found = await world.platform.find_post(team.community, team.stories.id, "nonce-old")
    assert found == first
    assert len(world.fake.calls_to("conversations.history")) == 2
    assert await world.platform.find_post(team.community, team.stories.id, "nope") is None
