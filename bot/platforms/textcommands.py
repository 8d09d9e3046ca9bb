"""Parsing typed command text (console lines, Slack command text) into option values.

Grammar: ``/name [subcommand] [value ...] [option:value ...]``. Positional values
fill the command's options in order; ``option:value`` sets one by name; quotes
group words; the last positional option takes the rest of the line.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from bot.api import Command, OptionType, Registry
from bot.platforms.dispatch import usage

_CHANNEL = re.compile(r"^<#([A-Z0-9]+)(?:\|[^>]*)?>$|^#?([\w-]+)$", re.IGNORECASE)
_ROLE = re.compile(r"^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$|^<@&(\d+)>$|^@?([\w-]+)$", re.I)


@dataclass(frozen=True)
class Parsed:
    """A command found in text, with its raw option values."""

    command: Command
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParseProblem:
    """Text that names no command, or a group without a valid subcommand."""

    message: str
    group: str | None = None


def _tokens(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unmatched quote: fall back to plain words
        return text.split()


def parse(text: str, registry: Registry, name: str | None = None) -> Parsed | ParseProblem:
    """Parse ``text``; ``name`` is the command when the platform gives it separately (Slack)."""
    tokens = _tokens(text.strip())
    if name is None:
        if not tokens or not tokens[0].startswith("/"):
            return ParseProblem("Commands start with /, like /help.")
        name = tokens.pop(0)[1:].lower()
    if name in registry.groups:
        subs = sorted(c.name for c in registry.in_group(name))
        if not tokens:
            return ParseProblem(f"/{name} needs one of: {', '.join(subs)}", group=name)
        sub = tokens.pop(0).lower()
        command = registry.commands.get(f"{name} {sub}")
        if command is None:
            return ParseProblem(
                f"/{name} has no `{sub[:30]}`. Try one of: {', '.join(subs)}", group=name
            )
    else:
        found = registry.commands.get(name)
        if found is None:
            return ParseProblem(f"I don't know the command `/{name[:30]}`. Type `/help`.")
        command = found
    values, extra = _assign(command, tokens)
    if extra:
        return ParseProblem(f"I didn't understand `{extra[:60]}`. Usage: `{usage(command)}`")
    return Parsed(command, values)


def _assign(command: Command, tokens: list[str]) -> tuple[dict[str, str], str]:
    options = {o.name: o for o in command.options}
    values: dict[str, str] = {}
    positional: list[str] = []
    for token in tokens:
        key, sep, value = token.partition(":")
        if sep and key.lower() in options and key.lower() not in values:
            values[key.lower()] = value
        else:
            positional.append(token)
    free = [o for o in command.options if o.name not in values]
    for i, opt in enumerate(free):
        if not positional:
            break
        is_last = i == len(free) - 1
        values[opt.name] = " ".join(positional) if is_last else positional.pop(0)
        if is_last:
            positional = []
    for opt_name, raw in list(values.items()):
        kind = options[opt_name].type if opt_name in options else None
        if kind is OptionType.CHANNEL:
            values[opt_name] = _match(_CHANNEL, raw)
        elif kind is OptionType.ROLE:
            values[opt_name] = _match(_ROLE, raw)
    return values, " ".join(positional)


def _match(pattern: re.Pattern[str], raw: str) -> str:
    m = pattern.match(raw.strip())
    if m is None:
        return raw
    return next(g for g in m.groups() if g)
