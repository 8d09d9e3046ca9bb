"""Typed command text, as on the console and in Slack."""

from __future__ import annotations

from bot.app import Services, load_cogs
from bot.platforms.textcommands import Parsed, ParseProblem, parse


async def test_positional_and_named_values(services: Services) -> None:
    """Positional words fill options in order; name:value sets one by name."""
    registry = load_cogs(services)
    parsed = parse('/config resource-add crisis "Night Line" call 555 region:uk', registry)
    assert isinstance(parsed, Parsed)
    assert parsed.values == {
        "topic": "crisis",
        "name": "Night Line",
        "contact": "call 555",
        "region": "uk",
    }


async def test_channel_and_role_mentions_are_unwrapped(services: Services) -> None:
    """Slack and Discord mention syntax becomes a plain id."""
    registry = load_cogs(services)
    parsed = parse("/config channel story <#C01ABCDE2|stories>", registry)
    assert isinstance(parsed, Parsed) and parsed.values["channel"] == "C01ABCDE2"
    parsed = parse("/config organizers <!subteam^S0614TZR7|@orgs>", registry)
    assert isinstance(parsed, Parsed) and parsed.values["role"] == "S0614TZR7"
    parsed = parse("/config channel story #stories", registry)
    assert isinstance(parsed, Parsed) and parsed.values["channel"] == "stories"


async def test_groups_need_a_known_subcommand(services: Services) -> None:
    """A bare or wrong group subcommand lists the right ones."""
    registry = load_cogs(services)
    bare = parse("/config", registry)
    assert isinstance(bare, ParseProblem) and "show" in bare.message
    wrong = parse("/config explode", registry)
    assert isinstance(wrong, ParseProblem) and "no `explode`" in wrong.message


async def test_unbalanced_quotes_do_not_crash(services: Services) -> None:
    """An unmatched quote falls back to plain words."""
    registry = load_cogs(services)
    parsed = parse('/status "ABCD-2345', registry)
    assert isinstance(parsed, Parsed) and parsed.values["code"] == '"ABCD-2345'
