"""The ``chorus`` command."""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Annotated

import typer

from bot.app import App, build_services
from bot.config import Settings, SettingsError, load_settings
from bot.logs import configure_logging
from bot.platforms.console import ConsolePlatform, run_console
from bot.store.db import Database
from bot.store.migrate import MigrationError, migrate

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="Chorus: share safely.")


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log.level, settings.log.format)
    return settings


async def _wait_for_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


async def _run(settings: Settings, console: bool) -> None:
    services = await build_services(settings)
    app = App(services)
    use_console = console or not settings.platforms
    if use_console:
        app.add_platform(ConsolePlatform(app))
    await app.start()
    try:
        if use_console:
            await run_console(app, sys.stdin, sys.stdout)
        else:
            await _wait_for_signal()
    finally:
        await app.stop()


@cli.command()
def run(
    console: Annotated[
        bool, typer.Option("--console", help="Use the console platform even if tokens are set.")
    ] = False,
) -> None:
    """Start the bot on every platform with credentials (the console when none are set)."""
    settings = _settings()
    try:
        asyncio.run(_run(settings, console))
    except MigrationError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


@cli.command("migrate")
def migrate_command() -> None:
    """Bring the database schema up to date."""
    settings = _settings()

    async def go() -> int:
        db = await Database.open(settings.store.sqlite_path)
        try:
            return await migrate(db)
        finally:
            await db.close()

    try:
        version = asyncio.run(go())
    except MigrationError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Database is at schema version {version}.")


@cli.command()
def redact() -> None:
    """Anonymize JSON lines {"id", "text"} from standard input; write results to standard output."""
    from bot.core.redaction.stream import redact_stream

    _, bad = redact_stream(sys.stdin, sys.stdout, sys.stderr, progress=sys.stderr.isatty())
    if bad:
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the console script."""
    cli()
