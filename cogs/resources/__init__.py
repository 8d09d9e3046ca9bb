"""Support resources: what members see, and what admins add or remove."""

from __future__ import annotations

from bot import messages
from bot.api import Choice, Cog, Invocation, Option, Reply, Response, Role, suggest
from bot.app import Services
from bot.core.resources import REGIONS, TOPICS
from cogs.share._preview import format_resources

TOPIC_CHOICES = tuple(Choice(t.replace("-", " "), t) for t in TOPICS)
REGION_CHOICES = tuple(Choice(r, r.lower()) for r in REGIONS)


def setup(services: Services) -> Cog:
    """The resources cog."""
    cog = Cog("resources")
    resources = services.resources
    community = services.community

    @cog.command(
        "resources",
        "Support lines and organisations, shown only to you",
        Option("topic", "Only this topic", required=False, choices=TOPIC_CHOICES),
    )
    async def show(inv: Invocation, topic: str | None) -> Response:
        hidden = await community.get(inv.community_id, "hidden_resources")
        region = await community.get(inv.community_id, "region")
        found = await resources.for_community(inv.community_id, hidden, topic)
        if not found:
            return Reply(messages.RESOURCES_NONE.format(topic=topic, topics=", ".join(TOPICS)))
        # The community's region first, then the rest of the world.
        found.sort(key=lambda r: (r.region != region, r.region != "INTL", r.topic))
        title = messages.RESOURCES_HEADER.format(topic=f" — {topic}" if topic else "")
        listing = format_resources(found)
        if inv.role.allows(Role.ADMIN):
            listing = "\n".join(f"• `{r.key}` **{r.name}** — {r.contact}" for r in found)
        return Reply(f"{title}\n{listing}")

    @cog.command(
        "resource-add",
        "Add a support resource for this community",
        Option("topic", "What it helps with", choices=TOPIC_CHOICES),
        Option("name", "Its name", max_length=120),
        Option("contact", "Phone number, website or both", max_length=200),
        Option(
            "region",
            "Where it serves (default: international)",
            required=False,
            choices=REGION_CHOICES,
        ),
        role=Role.ADMIN,
        group="config",
    )
    async def add(
        inv: Invocation, topic: str, name: str, contact: str, region: str | None
    ) -> Response:
        code = (region or "intl").upper()
        await resources.add(inv.community_id, topic, code, name, contact)
        return Reply(messages.RESOURCE_ADDED.format(name=name, topic=topic, region=code))

    async def resource_keys(inv: Invocation, typed: str) -> list[Choice]:
        if not inv.role.allows(Role.ADMIN):
            return []
        shown = await resources.for_community(
            inv.community_id, await community.get(inv.community_id, "hidden_resources")
        )
        return suggest((Choice(f"{r.key} — {r.name}"[:100], r.key) for r in shown), typed)

    @cog.command(
        "resource-remove",
        "Remove a support resource (its key is shown to admins in /resources)",
        Option(
            "key",
            "The resource's key, like us-988 or own-3",
            max_length=40,
            autocomplete=resource_keys,
        ),
        role=Role.ADMIN,
        group="config",
    )
    async def remove(inv: Invocation, key: str) -> Response:
        shown = await resources.for_community(
            inv.community_id, await community.get(inv.community_id, "hidden_resources")
        )
        match = next((r for r in shown if r.key == key.lower()), None)
        if match is None:
            return Reply(messages.RESOURCE_UNKNOWN.format(name=key))
        if not await resources.remove_own(inv.community_id, match.key):
            hidden = await community.get(inv.community_id, "hidden_resources")
            await community.set(inv.community_id, hidden_resources=[*hidden, match.key])
        return Reply(messages.RESOURCE_REMOVED.format(name=match.name))

    return cog
