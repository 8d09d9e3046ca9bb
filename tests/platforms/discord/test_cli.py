"""`chorus run` with a Discord token, as an operator starts it, against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import SECRET
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.server import CommandUnavailable


async def test_chorus_run_with_a_token_serves_discord_and_stops_on_sigterm(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    """The CLI connects with DISCORD_TOKEN, answers a command, and exits cleanly on SIGTERM."""
    guild = fake.add_guild("cli")
    member = fake.add_member(guild, "cli-member")
    env = {
        **os.environ,
        "CHORUS_DATABASE": str(tmp_path / "chorus.sqlite3"),
        "CHORUS_SECRET_KEY": SECRET,
        "DISCORD_TOKEN": fake.token,
        "DISCORD_API_BASE_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }
    for key in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        env.pop(key, None)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        await fake.wait_for_sessions(1, timeout=60)

        def synced() -> bool:
            try:
                fake.find_command(guild, "help")
            except CommandUnavailable:
                return False
            return True

        await fake.wait_for(synced, timeout=60, what="commands synced")
        record = await fake.slash(guild, member, "help", timeout=30)
        message = await record.reply(timeout=30)
        assert "/share" in str(message)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, stderr.decode()
    assert member.id not in stderr.decode()
