"""Slash commands rendered from the cog registry as discord.py app commands."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, Optional

import discord
from discord import app_commands

from bot.api import Command, CommandGroup, Option, OptionType, Registry, Role

CommandRunner = Callable[[discord.Interaction[Any], str, dict[str, Any]], Awaitable[None]]
AutocompleteRunner = Callable[
    [discord.Interaction[Any], Option, str], Awaitable[list[app_commands.Choice[str]]]
]

GUILD_INSTALL = app_commands.AppInstallationType(guild=True, user=False)


def _annotation(opt: Option) -> Any:
    if opt.type is OptionType.INTEGER:
        if opt.min_value is not None or opt.max_value is not None:
            base: Any = app_commands.Range[int, opt.min_value, opt.max_value]
        else:
            base = int
    elif opt.type is OptionType.BOOLEAN:
        base = bool
    elif opt.type is OptionType.CHANNEL:
        # Only text channels can hold stories and digests.
        base = discord.TextChannel
    elif opt.type is OptionType.ROLE:
        base = discord.Role
    elif opt.max_length is not None:
        base = app_commands.Range[str, None, opt.max_length]
    else:
        base = str
    return base if opt.required else Optional[base]  # noqa: UP045 - evaluated by discord.py


def _raw(value: Any) -> Any:
    """The value as the dispatcher takes it: ids for channels and roles."""
    if isinstance(value, discord.abc.Snowflake) and not isinstance(value, (int, str, bool)):
        return str(value.id)
    return value


def _contexts(dm_allowed: bool) -> app_commands.AppCommandContext:
    return app_commands.AppCommandContext(guild=True, dm_channel=dm_allowed, private_channel=False)


def _admin_only() -> discord.Permissions:
    return discord.Permissions(manage_guild=True)


def build_command(
    cmd: Command,
    run: CommandRunner,
    complete: AutocompleteRunner,
    parent: app_commands.Group | None = None,
) -> app_commands.Command[Any, ..., None]:
    """One app command whose callback hands raw option values to ``run``."""
    names = {opt.name.replace("-", "_"): opt.name for opt in cmd.options}
    params = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    # Required options first: Discord refuses a required option after an optional one.
    for opt in sorted(cmd.options, key=lambda o: not o.required):
        params.append(
            inspect.Parameter(
                opt.name.replace("-", "_"),
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(opt),
                default=inspect.Parameter.empty if opt.required else None,
            )
        )

    async def callback(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
        raw = {names[k]: _raw(v) for k, v in kwargs.items() if v is not None}
        await run(interaction, cmd.qualified_name, raw)

    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    callback.__name__ = cmd.name.replace("-", "_")
    callback.__qualname__ = callback.__name__
    if cmd.options:
        app_commands.describe(**{k: names_opt.description for k, names_opt in _by_py(cmd)})(
            callback
        )
    renames = {py: name for py, name in names.items() if py != name}
    if renames:
        app_commands.rename(**renames)(callback)
    choices = {
        py: [
            app_commands.Choice(name=c.label[:100], value=_choice_value(opt, c.value))
            for c in opt.choices
        ]
        for py, opt in _by_py(cmd)
        if opt.choices
    }
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {
        py: _completer(opt, complete) for py, opt in _by_py(cmd) if opt.autocomplete is not None
    }
    if completers:
        app_commands.autocomplete(**completers)(callback)
    command: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=cmd.name, description=cmd.description, callback=callback, parent=parent
    )
    if parent is None:
        command.allowed_contexts = _contexts(cmd.dm_allowed)
        command.allowed_installs = GUILD_INSTALL
        if cmd.role is Role.ADMIN:
            command.default_permissions = _admin_only()
    return command


def _by_py(cmd: Command) -> list[tuple[str, Option]]:
    return [(opt.name.replace("-", "_"), opt) for opt in cmd.options]


def _choice_value(opt: Option, value: str) -> str | int:
    return int(value) if opt.type is OptionType.INTEGER else value


def _completer(opt: Option, complete: AutocompleteRunner) -> Any:
    async def autocomplete(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await complete(interaction, opt, current)

    return autocomplete


def build_group(
    group: CommandGroup, commands: list[Command], run: CommandRunner, complete: AutocompleteRunner
) -> app_commands.Group:
    """A command group (``/config``) with its subcommands."""
    dm_allowed = any(c.dm_allowed for c in commands)
    top = app_commands.Group(
        name=group.name,
        description=group.description,
        # Discord sets default permissions per top-level command only.
        default_permissions=_admin_only() if group.role is Role.ADMIN else None,
        allowed_contexts=_contexts(dm_allowed),
        allowed_installs=GUILD_INSTALL,
    )
    for cmd in commands:
        top.add_command(build_command(cmd, run, complete, parent=top))
    return top


def populate(
    tree: app_commands.CommandTree[Any],
    registry: Registry,
    run: CommandRunner,
    complete: AutocompleteRunner,
) -> None:
    """Add every registry command and group to ``tree``."""
    for cmd in registry.top_level():
        tree.add_command(build_command(cmd, run, complete))
    for group in registry.groups.values():
        tree.add_command(build_group(group, registry.in_group(group.name), run, complete))
