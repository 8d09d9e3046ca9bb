"""The shape of the code: layering, cog loading, command names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.api import Cog, Field, FieldStyle, Form, Registry
from bot.app import load_cogs

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("discord", "slack_bolt", "slack_sdk")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("folder", ["cogs", "bot/core"])
def test_core_and_cogs_never_import_platform_libraries(folder: str) -> None:
    """Nothing below the adapters imports discord or slack libraries."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / folder).rglob("*.py")
        for name in _imports(path) & set(FORBIDDEN)
    ]
    assert offenders == []


def test_the_check_catches_a_platform_import(tmp_path: Path) -> None:
    """The import check itself finds a forbidden import."""
    bad = tmp_path / "bad.py"
    bad.write_text("import discord.ui\nfrom slack_bolt import App\n")
    assert _imports(bad) & set(FORBIDDEN) == {"discord", "slack_bolt"}


async def test_every_cog_loads_with_unique_command_names(services: object) -> None:
    """All cogs load through setup() and no two commands share a name."""
    registry = load_cogs(services)  # type: ignore[arg-type]
    names = [c.qualified_name for c in registry.commands.values()]
    assert len(names) == len(set(names))
    assert {"share", "status", "withdraw", "resources", "config show", "publish-now"} <= set(names)


def test_duplicate_command_names_are_refused() -> None:
    """Registering the same command twice fails loudly."""
    registry = Registry()

    async def handler() -> None: ...

    first, second = Cog("a"), Cog("b")
    first.command("share", "one")(handler)
    second.command("share", "two")(handler)
    registry.add(first)
    with pytest.raises(ValueError, match="defined twice"):
        registry.add(second)


def test_forms_over_platform_limits_are_refused_at_registration() -> None:
    """A form title longer than Slack allows is refused when its cog registers."""
    cog = Cog("x")
    too_long = Form("f", "A title that is far too long for Slack", (Field("a", "A"),))

    async def handler(*_: object) -> None: ...

    cog.form(too_long)(handler)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="title"):
        Registry().add(cog)


def test_choice_fields_need_choices() -> None:
    """A choice field without choices is refused."""
    with pytest.raises(ValueError, match="no choices"):
        Form("f", "Title", (Field("a", "A", FieldStyle.CHOICE),)).validate()
