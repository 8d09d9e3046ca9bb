"""Several workspaces at once, each its own community; roles from Slack itself."""

from __future__ import annotations

from bot.api import Role, UserRef
from bot.platforms.slack.roles import role_of
from tests.platforms.slack.conftest import SlackWorld

ACME_STORY = "At the acme office party a colleague grabbed my arm twice."
GLOBEX_STORY = "On the globex night bus a stranger kept asking for my number."


async def test_two_workspaces_are_kept_apart(world: SlackWorld) -> None:
    """Stories, posts, codes and settings of one workspace never reach the other."""
    fake, acme, globex = world.fake, world.acme, world.globex
    acme_code = await world.share(acme, ACME_STORY)
    globex_code = await world.share(globex, GLOBEX_STORY)
    for team in (acme, globex):
        await world.services.publisher.run_slot(team.community)
    [acme_post] = fake.messages(acme.stories.id)
    [globex_post] = fake.messages(globex.stories.id)
    assert acme_post.metadata and globex_post.metadata
    acme_story = await world.services.stories.get(acme_post.metadata["event_payload"]["nonce"])
    globex_story = await world.services.stories.get(globex_post.metadata["event_payload"]["nonce"])
    assert acme_story and acme_story.community_id == acme.community
    assert globex_story and globex_story.community_id == globex.community

    elsewhere = await world.command(globex.member, globex.general, "/withdraw", f"code:{acme_code}")
    assert "couldn't find" in elsewhere.text
    assert len(fake.messages(acme.stories.id)) == 1
    await world.command(globex.member, globex.general, "/withdraw", f"code:{globex_code}")
    assert fake.messages(globex.stories.id) == [] and len(fake.messages(acme.stories.id)) == 1

    new = globex.ws.add_channel("globex-voices")
    await world.command(
        globex.admin, globex.general, "/config", f"channel kind:story channel:<#{new.id}|x>"
    )
    assert await world.services.community.get(acme.community, "story_channel") == acme.stories.id
    assert sorted(
        c for c in await world.services.community.communities() if c.startswith("slack:")
    ) == [
        acme.community,
        globex.community,
    ]


async def test_roles_come_from_admin_flags_user_groups_and_hashed_lists(
    socket_world: SlackWorld,
) -> None:
    """Admin from users.info; organizer from the user group or the keyed-hash list."""
    world, team = socket_world, socket_world.acme
    client = world.platform.client_for(team.community)
    services = world.services

    async def role(user_id: str) -> Role:
        return await role_of(
            services, client, team.community, team.ws.team_id, UserRef("slack", user_id)
        )

    assert await role(team.admin.id) is Role.ADMIN
    owner = team.ws.add_user("acme_owner_okapi", is_owner=True)
    assert await role(owner.id) is Role.ADMIN
    assert await role(team.organizer.id) is Role.MEMBER

    group = team.ws.add_usergroup("organizers", [team.organizer])
    await services.community.set(team.community, organizer_group=group)
    assert await role(team.organizer.id) is Role.ORGANIZER
    assert await role(team.member.id) is Role.MEMBER

    listed = services.pseudonyms.directory_hash(team.community, UserRef("slack", team.member.id))
    await services.community.set(team.community, organizer_users=[listed])
    assert await role(team.member.id) is Role.ORGANIZER
    assert team.member.id not in str(await services.community.all(team.community))


async def test_organizer_group_set_by_mention_makes_its_members_organizers(
    socket_world: SlackWorld,
) -> None:
    """/config organizers with an @group mention stores the group id; lookups use it."""
    world, team = socket_world, socket_world.acme
    group = team.ws.add_usergroup("organizers", [team.organizer])
    answer = await world.command(
        team.admin, team.general, "/config", f"organizers role:<!subteam^{group}|@organizers>"
    )
    assert "Saved" in answer.text
    assert await world.services.community.get(team.community, "organizer_group") == group
    client = world.platform.client_for(team.community)
    role = await role_of(
        world.services, client, team.community, team.ws.team_id, UserRef("slack", team.organizer.id)
    )
    assert role is Role.ORGANIZER
