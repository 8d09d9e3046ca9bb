"""From Discord events to neutral invocations: commands, forms, buttons and DMs."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import messages
from bot.api import Form, Invocation, Option, Reply, Response, Role, UserRef
from bot.platforms.discord import views
from bot.platforms.discord.acks import Acknowledgements
from bot.platforms.discord.ids import ComponentId, Kind, decode
from bot.platforms.discord.pending import Pending
from bot.platforms.discord.render import (
    MessageOut,
    ModalOut,
    RenderContext,
    open_form_message,
    render,
)
from bot.platforms.discord.respond import answer, first_response, send_to_channel
from bot.platforms.dispatch import Dispatcher, role_for

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

PLATFORM = "discord"
# Past this many guilds, probing each for a DM author's membership costs too much.
MUTUAL_PROBE_MAX = 25
ROLE_CACHE_SECONDS = 10.0
LOAD_STEP = 200
# With this many interactions in hand, message answers are acknowledged before their
# work starts: each one's work would otherwise delay every acknowledgement behind it.
BURST = 50
# Discord's deadline for the first response, counted from the interaction's creation.
DEADLINE = 3.0
# Kept back, beyond twice the way in, for a command's answer to reach Discord.
COMMAND_SLACK = 0.5
# The longest a message answer waits before deferring: deciding any later leaves a
# burst that is still building too little time to get the deferral itself out.
MESSAGE_BUDGET_MAX = 1.0


def community_id(guild_id: int | str) -> str:
    """The community id of a guild."""
    return f"{PLATFORM}:{guild_id}"


def form_values(components: list[dict[str, Any]]) -> dict[str, str]:
    """Submitted values by input custom id, from a modal submit's components."""
    values: dict[str, str] = {}
    for component in components:
        ctype = component.get("type")
        if ctype == 1:
            values.update(form_values(component.get("components") or []))
        elif ctype == 18:
            values.update(form_values([component["component"]]))
        elif "custom_id" in component:
            if "values" in component:
                chosen = component.get("values") or []
                values[component["custom_id"]] = str(chosen[0]) if chosen else ""
            else:
                values[component["custom_id"]] = str(component.get("value") or "")
    return values


class Handler:
    """Turns interactions and direct messages into dispatcher calls and answers them."""

    def __init__(
        self,
        client: discord.Client,
        services: Services,
        dispatcher: Dispatcher,
        *,
        budget: float,
    ) -> None:
        self.client = client
        self.services = services
        self.dispatcher = dispatcher
        self.budget = budget
        self.pending = Pending()
        self._roles: dict[str, tuple[asyncio.Future[Any], float]] = {}
        self.in_flight = 0
        self.acks = Acknowledgements()
        self.templates: dict[str, Form] = {
            form_id: template
            for cog in dispatcher.registry.cogs
            for form_id, (template, _) in cog.forms.items()
        }

    def _budget(self, interaction: discord.Interaction[Any]) -> float:
        """Seconds after its creation by which an interaction's answer must be ready.

        Later than that we defer.  A command may answer with a form, which can only
        be the first answer (/share must), so it waits as long as is safe: its answer
        waits on the same busy event loop the interaction waited on to reach us, so
        twice the way in (and some slack) is kept back for the way out.  Other
        answers are messages, which lose nothing by following a deferral: they wait
        at most a second, and as the event loop gets busier every answer is delayed,
        so their wait shrinks with the work in flight; in a burst there is none.
        """
        if interaction.type is discord.InteractionType.application_command:
            age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
            # Clamped, so a skewed local clock cannot make it absurd.
            way_in = min(max(age, 0.0), DEADLINE)
            return min(self.budget, DEADLINE - COMMAND_SLACK - 2 * way_in)
        if self.in_flight >= BURST:
            return 0.0
        return min(self.budget, MESSAGE_BUDGET_MAX) / (1 + self.in_flight / LOAD_STEP)

    # -- who and where ------------------------------------------------------------------

    async def _organizer_role(self, community: str) -> Any:
        # Every interaction needs it, so a burst would queue on the store for it;
        # a short cache keeps role checks off the database (a change shows within seconds).
        # The cache holds the read itself, so members arriving while it is under way
        # share it instead of each starting their own.
        now = time.monotonic()
        cached = self._roles.get(community)
        if cached is None or cached[1] <= now:
            read = asyncio.ensure_future(self.services.community.get(community, "organizer_role"))
            cached = (read, now + ROLE_CACHE_SECONDS)
            self._roles[community] = cached
        try:
            # Shielded: one member giving up must not cancel the read the others wait on.
            return await asyncio.shield(cached[0])
        except Exception:
            if self._roles.get(community) is cached:
                del self._roles[community]  # a failed read is not remembered
            raise

    async def _forget_role_after(self, community: str, work: Awaitable[Response]) -> Response:
        # An admin command may have just set the organizer role; forgetting the cached
        # one before the admin sees the reply lets organizers in at once, not seconds later.
        try:
            return await work
        finally:
            self._roles.pop(community, None)

    async def _is_organizer(self, community: str, user: discord.abc.User) -> bool:
        if not isinstance(user, discord.Member):
            return False
        role_id = await self._organizer_role(community)
        if not role_id or not isinstance(user, discord.Member):
            return False
        try:
            return user.get_role(int(role_id)) is not None
        except (TypeError, ValueError):
            return False

    async def guild_invocation(self, interaction: discord.Interaction[Any]) -> Invocation:
        """The invocation for an interaction inside a guild."""
        assert interaction.guild_id is not None
        community = community_id(interaction.guild_id)
        is_admin = interaction.permissions.manage_guild
        is_organizer = not is_admin and await self._is_organizer(community, interaction.user)
        return Invocation(
            platform=PLATFORM,
            community_id=community,
            user=UserRef(PLATFORM, str(interaction.user.id)),
            role=role_for(is_admin, is_organizer),
            channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        )

    async def _is_member(self, guild_id: int, user_id: int) -> bool:
        guild = self.client.get_guild(guild_id)
        if guild is None:
            return False
        if guild.get_member(user_id) is not None:
            return True
        try:
            await guild.fetch_member(user_id)
        except (discord.NotFound, discord.Forbidden):
            return False
        return True

    async def mutual_guilds(self, user_id: int) -> list[discord.Guild] | None:
        """Guilds shared with ``user_id``; None when there are too many to probe."""
        guilds = list(self.client.guilds)
        if len(guilds) > MUTUAL_PROBE_MAX:
            return None
        found = await asyncio.gather(*(self._is_member(g.id, user_id) for g in guilds))
        return [g for g, member in zip(guilds, found, strict=True) if member]

    async def direct_invocation(self, guild_id: str, user_id: int) -> Invocation | None:
        """A DM invocation for ``guild_id``, if the user really is a member there."""
        if not guild_id.isdigit() or not await self._is_member(int(guild_id), user_id):
            return None
        return Invocation(
            platform=PLATFORM,
            community_id=community_id(guild_id),
            user=UserRef(PLATFORM, str(user_id)),
            role=Role.MEMBER,
            is_direct=True,
        )

    async def _choose_community(
        self, user_id: int, held: tuple[Any, ...]
    ) -> tuple[str | None, MessageOut | None]:
        """The one guild a DM is for, or the message that asks (or says none fits)."""
        guilds = await self.mutual_guilds(user_id)
        if guilds is None:
            return None, MessageOut([messages.DISCORD_TOO_MANY_COMMUNITIES])
        if not guilds:
            return None, MessageOut([messages.DISCORD_NO_COMMUNITY])
        if len(guilds) == 1:
            return str(guilds[0].id), None
        token = self.pending.put(held)
        picker = views.community_picker(
            token, [(str(g.id), g.name) for g in guilds], messages.DISCORD_PICK_PLACEHOLDER
        )
        return None, MessageOut([messages.DISCORD_PICK_COMMUNITY], picker)

    def _ctx(self, dm_guild: str = "", **kwargs: Any) -> RenderContext:
        return RenderContext(self.pending, dm_guild=dm_guild, **kwargs)

    # -- slash commands -----------------------------------------------------------------

    async def command(
        self, interaction: discord.Interaction[Any], qualified_name: str, raw: dict[str, Any]
    ) -> None:
        """A slash command from the command tree."""
        self.in_flight += 1
        try:
            await self._command(interaction, qualified_name, raw)
        finally:
            self.in_flight -= 1

    async def _command(
        self, interaction: discord.Interaction[Any], qualified_name: str, raw: dict[str, Any]
    ) -> None:
        if interaction.guild_id is not None:
            inv = await self.guild_invocation(interaction)
            work = self.dispatcher.command(inv, qualified_name, raw)
            if inv.role is Role.ADMIN:
                work = self._forget_role_after(inv.community_id, work)
            await answer(
                interaction,
                work,
                self._ctx(),
                on_message=False,
                acks=self.acks,
                budget=self._budget(interaction),
            )
            return
        guild_id, ask = await self._choose_community(
            interaction.user.id, ("command", qualified_name, raw)
        )
        if ask is not None:
            await first_response(interaction, ask, self._ctx(), on_message=False)
            return
        assert guild_id is not None
        dm_inv = await self.direct_invocation(guild_id, interaction.user.id)
        if dm_inv is None:
            await first_response(
                interaction,
                MessageOut([messages.DISCORD_NO_COMMUNITY]),
                self._ctx(),
                on_message=False,
            )
            return
        await answer(
            interaction,
            self.dispatcher.command(dm_inv, qualified_name, raw),
            self._ctx(guild_id),
            on_message=False,
            acks=self.acks,
            budget=self._budget(interaction),
        )

    async def autocomplete(
        self, interaction: discord.Interaction[Any], option: Option, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggestions for an option with autocompletion."""
        if option.autocomplete is None or interaction.guild_id is None:
            return []
        inv = await self.guild_invocation(interaction)
        choices = await option.autocomplete(inv, current)
        return [app_commands.Choice(name=c.label[:100], value=c.value) for c in choices[:25]]

    # -- components and modals ------------------------------------------------------------

    async def interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Any interaction; components and modal submits with our custom ids are handled."""
        data: Mapping[str, Any] = interaction.data or {}
        custom_id = data.get("custom_id")
        if not isinstance(custom_id, str):
            return
        cid = decode(custom_id)
        if cid is None:
            return
        self.in_flight += 1
        try:
            await self._route(interaction, cid, data)
        finally:
            self.in_flight -= 1

    async def _route(
        self, interaction: discord.Interaction[Any], cid: ComponentId, data: Mapping[str, Any]
    ) -> None:
        if interaction.type is discord.InteractionType.modal_submit and cid.kind is Kind.FORM:
            await self._submit(interaction, cid, list(data.get("components") or []))
        elif interaction.type is discord.InteractionType.component:
            await self._component(interaction, cid, list(data.get("values") or []))

    async def _invocation_for(
        self, interaction: discord.Interaction[Any], cid: ComponentId
    ) -> Invocation | None:
        if interaction.guild_id is not None:
            return await self.guild_invocation(interaction)
        return await self.direct_invocation(cid.guild, interaction.user.id)

    async def _expired(self, interaction: discord.Interaction[Any], on_message: bool) -> None:
        await first_response(
            interaction,
            render(Reply(messages.EXPIRED, final=True), self._ctx()),
            self._ctx(),
            on_message=on_message,
        )

    async def _submit(
        self, interaction: discord.Interaction[Any], cid: ComponentId, components: list[Any]
    ) -> None:
        inv = await self._invocation_for(interaction, cid)
        if inv is None:
            await self._expired(interaction, on_message=False)
            return
        values = form_values(components)
        ctx = self._ctx(
            cid.guild, template=self.templates.get(cid.first), form_state=cid.rest, values=values
        )
        await answer(
            interaction,
            self.dispatcher.submit(inv, cid.first, values, cid.rest),
            ctx,
            on_message=False,
            acks=self.acks,
            budget=self._budget(interaction),
        )

    async def _component(
        self, interaction: discord.Interaction[Any], cid: ComponentId, values: list[str]
    ) -> None:
        if cid.kind is Kind.REOPEN:
            form = self.pending.take(cid.first)
            if not isinstance(form, Form):
                await self._expired(interaction, on_message=True)
                return
            await first_response(
                interaction,
                ModalOut(views.form_modal(form, cid.guild), form),
                self._ctx(cid.guild),
                on_message=True,
            )
            return
        if cid.kind is Kind.PICK_COMMUNITY:
            await self._picked(interaction, cid, values)
            return
        if cid.kind is not Kind.BUTTON:
            return
        inv = await self._invocation_for(interaction, cid)
        if inv is None:
            await self._expired(interaction, on_message=True)
            return
        await answer(
            interaction,
            self.dispatcher.press(inv, cid.first, cid.rest),
            self._ctx(cid.guild),
            on_message=True,
            acks=self.acks,
            budget=self._budget(interaction),
        )

    async def _picked(
        self, interaction: discord.Interaction[Any], cid: ComponentId, values: list[str]
    ) -> None:
        held = self.pending.take(cid.first)
        guild_id = values[0] if values else ""
        inv = await self.direct_invocation(guild_id, interaction.user.id) if held else None
        if inv is None or not isinstance(held, tuple):
            await self._expired(interaction, on_message=True)
            return
        if held[0] == "command":
            work = self.dispatcher.command(inv, held[1], held[2])
        else:
            work = self._direct(inv, held[1])
        budget = self._budget(interaction)
        await answer(
            interaction, work, self._ctx(guild_id), on_message=True, acks=self.acks, budget=budget
        )

    async def _direct(self, inv: Invocation, text: str) -> Response:
        response = await self.dispatcher.direct_message(inv, text)
        return response if response is not None else Reply(messages.NOT_IN_DM, final=True)

    # -- direct messages ------------------------------------------------------------------

    async def message(self, message: discord.Message) -> None:
        """A direct message from a member: the same flow, in the DM."""
        if message.guild is not None or message.author.bot or not message.content.strip():
            return
        if self.dispatcher.registry.direct_message is None:
            return
        guild_id, ask = await self._choose_community(
            message.author.id, ("message", message.content)
        )
        if ask is not None:
            await send_to_channel(message.channel, ask)
            return
        assert guild_id is not None
        inv = await self.direct_invocation(guild_id, message.author.id)
        if inv is None:
            await send_to_channel(message.channel, MessageOut([messages.DISCORD_NO_COMMUNITY]))
            return
        ctx = self._ctx(guild_id)
        rendered = render(await self._direct(inv, message.content), ctx)
        if isinstance(rendered, ModalOut):
            rendered = open_form_message(rendered.form, ctx)
        await send_to_channel(message.channel, rendered)
