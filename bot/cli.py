"""The ``chorus`` command."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO, cast

import asyncpg  # type: ignore[import-untyped]
import typer

from bot.app import App, build_services
from bot.config import Settings, SettingsError, load_settings
from bot.logs import configure_logging, safe
from bot.ops import eventloop
from bot.ops.runlock import AlreadyRunning, RunLock
from bot.ops.shutdown import StoppableInput, run_until_signalled
from bot.platforms.console import ConsolePlatform, run_console
from bot.store.db import is_postgres_url, open_database
from bot.store.migrate import MigrationError, migrate

log = logging.getLogger("bot.cli")

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="Chorus: share safely.")


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log.level, settings.log.format)
    return settings


async def _run(settings: Settings, console: bool) -> None:
    log.info("event loop: %s", safe(eventloop.describe()))
    services = await build_services(settings)
    app = App(services)
    use_console = console or not settings.platforms
    if use_console:
        app.add_platform(ConsolePlatform(app))
    else:
        # Imported only when used, so the console needs neither library at start.
        if "discord" in settings.platforms:
            from bot.platforms.discord import DiscordPlatform

            app.add_platform(DiscordPlatform(app.services, settings.discord, app.dispatcher))
        if "slack" in settings.platforms:
            from bot.platforms.slack import SlackPlatform

            app.add_platform(SlackPlatform(app, settings.slack))
    stop = asyncio.Event()
    # Read through a daemon thread, so a signal ends input at once instead of after a line.
    stdin = StoppableInput(sys.stdin) if use_console else None

    def stop_taking_interactions() -> None:
        stop.set()
        if stdin is not None:
            stdin.close()

    async def serve() -> None:
        await app.start()
        if stdin is not None:
            await run_console(app, cast(TextIO, stdin), sys.stdout)
        else:
            await stop.wait()

    try:
        await run_until_signalled(asyncio.create_task(serve()), stop_taking_interactions)
    finally:
        await app.stop()


def _is_sqlite(settings: Settings) -> bool:
    return not settings.store.database.startswith(("postgres://", "postgresql://"))


@cli.command()
def run(
    console: Annotated[
        bool, typer.Option("--console", help="Use the console platform even if tokens are set.")
    ] = False,
) -> None:
    """Start the bot on every platform with credentials (the console when none are set)."""
    settings = _settings()
    lock = RunLock(settings.store.sqlite_path) if _is_sqlite(settings) else None
    try:
        if lock is not None:
            lock.acquire()
        eventloop.run(_run(settings, console))
    except (MigrationError, AlreadyRunning) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    finally:
        if lock is not None:
            lock.release()


@cli.command("migrate")
def migrate_command(
    copy_to: Annotated[
        str | None,
        typer.Option(
            "--copy-to",
            help="Copy this SQLite database into an empty PostgreSQL database "
            "(postgresql://user:password@host:port/dbname).",
        ),
    ] = None,
) -> None:
    """Bring the database schema up to date, or copy the database into PostgreSQL."""
    settings = _settings()
    if copy_to is not None:
        _copy_to(settings, copy_to)
        return

    async def go() -> int:
        db = await open_database(settings.store.database)
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


def _copy_to(settings: Settings, url: str) -> None:
    from bot.store.copy import CopyError, copy_database

    if settings.store.is_postgres or not is_postgres_url(url):
        typer.echo(
            "--copy-to copies the SQLite database in CHORUS_DATABASE into a PostgreSQL "
            "database given as postgresql://...",
            err=True,
        )
        raise typer.Exit(2)

    async def go() -> tuple[int, dict[str, int]]:
        source = await open_database(settings.store.database)
        try:
            target = await open_database(url)
        except BaseException:
            await source.close()
            raise
        try:
            result = await copy_database(source, target)
            return result.version, result.rows
        finally:
            await target.close()
            await source.close()

    try:
        version, rows = asyncio.run(go())
    except (CopyError, MigrationError, OSError, asyncpg.PostgresError) as exc:
        typer.echo(f"Nothing was copied: {exc}", err=True)
        raise typer.Exit(2) from None
    for table, n in sorted(rows.items()):
        typer.echo(f"  {table}: {n} rows")
    typer.echo(
        f"Copied {sum(rows.values())} rows at schema version {version}. "
        "Point CHORUS_DATABASE at the PostgreSQL URL to use it."
    )


@cli.command()
def redact() -> None:
    """Anonymize JSON lines {"id", "text"} from standard input; write results to standard output."""
    from bot.core.redaction.stream import redact_stream

    _, bad = redact_stream(sys.stdin, sys.stdout, sys.stderr, progress=sys.stderr.isatty())
    if bad:
        raise typer.Exit(1)


@cli.command()
def export(
    community: Annotated[
        str | None,
        typer.Option(help="Which community, when the database holds several."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(help="Last ISO week to include, e.g. 2026-W47 (default: last complete)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Write a community's weekly counts as CSV: suppressed figures only, never story text."""
    from bot.ops.export import ExportError, export_counts

    settings = _settings()
    try:
        result = asyncio.run(export_counts(settings.store.database, community, week))
    except ExportError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if output is None:
        sys.stdout.write(result.csv)
    else:
        output.write_text(result.csv, encoding="utf-8")
        typer.echo(f"Weekly counts of {result.community_id} to {result.week} written to {output}.")


@cli.command()
def backup(
    path: Annotated[Path, typer.Argument(help="Where to write the backup file.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Copy the database to PATH, consistently, even while Chorus is running."""
    from bot.ops.backup import BackupError, backup_database

    settings = _settings()
    if not _is_sqlite(settings):
        typer.echo("PostgreSQL databases are backed up with pg_dump.", err=True)
        raise typer.Exit(2)
    try:
        info = asyncio.run(
            asyncio.to_thread(backup_database, settings.store.sqlite_path, path, force)
        )
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"Backed up {info.stories} stories in {info.communities} communities "
        f"(schema version {info.schema_version}) to {path}."
    )
    typer.echo(
        "The backup holds queued story text: keep it private. It does not hold the "
        "secret key; keep that apart, as without it receipts and limits start afresh."
    )


@cli.command()
def restore(
    path: Annotated[Path, typer.Argument(help="The backup file to restore.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data.")
    ] = False,
) -> None:
    """Replace the database with a checked backup; Chorus must be stopped."""
    from bot.ops.backup import BackupError, restore_database

    settings = _settings()
    if not _is_sqlite(settings):
        typer.echo("PostgreSQL databases are restored with pg_restore.", err=True)
        raise typer.Exit(2)
    try:
        info = asyncio.run(
            asyncio.to_thread(restore_database, path, settings.store.sqlite_path, force)
        )
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"Restored {info.stories} stories in {info.communities} communities "
        f"(schema version {info.schema_version}) to {settings.store.sqlite_path}."
    )


@cli.command()
def doctor() -> None:
    """Check configuration, database, secret, tokens and channels; print what to fix."""
    from bot.ops.doctor import Finding, Level, diagnose, failed, render

    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(render([Finding(Level.FAIL, "config", str(exc))]))
        raise typer.Exit(1) from None
    findings: list[Any] = asyncio.run(diagnose(settings))
    typer.echo(render(findings))
    if failed(findings):
        raise typer.Exit(1)


@cli.command("invite-url")
def invite_url_command(
    application_id: Annotated[
        str | None,
        typer.Option(help="The Discord application id (default: DISCORD_APPLICATION_ID)."),
    ] = None,
) -> None:
    """Print the link that installs Chorus in a Discord server, with the least permissions."""
    from bot.platforms.discord import invite_url

    settings = _settings()
    app_id = application_id or settings.discord.application_id
    if not app_id or not app_id.isdigit():
        typer.echo(
            "Give the application id from the Discord developer portal: "
            "--application-id 123… or DISCORD_APPLICATION_ID.",
            err=True,
        )
        raise typer.Exit(2)
    typer.echo(invite_url(app_id))


@cli.command("slack-manifest")
def slack_manifest_command(
    request_url: Annotated[
        str | None,
        typer.Option(help="Public HTTPS address of /slack/events; omit for Socket Mode."),
    ] = None,
    redirect_url: Annotated[
        str | None,
        typer.Option(
            help="Public HTTPS address of /slack/oauth_redirect, for an app each workspace "
            "installs from /slack/install (SLACK_CLIENT_ID); omit for one bot token."
        ),
    ] = None,
) -> None:
    """Print a Slack app manifest that creates a working Chorus app in one paste."""
    from bot.platforms.slack import slack_manifest

    settings = _settings()

    async def build() -> str:
        services = await build_services(settings)
        try:
            return slack_manifest(
                App(services).registry, request_url=request_url, redirect_url=redirect_url
            )
        finally:
            await services.db.close()

    typer.echo(asyncio.run(build()))


def main() -> None:
    """Entry point of the console script."""
    cli()
