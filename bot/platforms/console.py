"""The console platform: a local community in the terminal, also scriptable.

You act as a member, organizer or admin (``/as admin dana``), type the same slash
commands as on Discord, answer forms field by field, press buttons by typing
their label, and see the story channel's posts as they appear. Posts are kept
in a small JSON file beside the database, standing in for a platform's channel
history, so posting stays exactly-once across restarts here too.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import secrets
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import singledispatchmethod
from pathlib import Path
from typing import Any, TextIO

from bot.api import (
    CHANNEL_MENTION,
    Attachment,
    Button,
    Field,
    FieldStyle,
    Form,
    FormErrors,
    Invocation,
    Post,
    Reply,
    Response,
    Role,
    UserRef,
)
from bot.app import App
from bot.platforms import textcommands
from bot.platforms.base import PostFailure, PostingError

COMMUNITY = "console:local"
STORY_CHANNEL = "stories"
ORGANIZER_CHANNEL = "organizers"
CHANNELS = (STORY_CHANNEL, ORGANIZER_CHANNEL)

GRAMMAR = """Console commands:
  /as ROLE NAME     act as someone: ROLE is member, organizer or admin (e.g. /as admin dana)
  /help             what Chorus can do
  /channel NAME     show what has been posted in #NAME
  /quit             leave
Forms ask field by field: a long answer ends with an empty line; an empty answer skips an
optional field; choices take their number. Press a button by typing its label (or /cancel)."""


@dataclass
class _OpenForm:
    form: Form
    values: dict[str, str] = field(default_factory=dict)
    pending: list[Field] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class ChannelLog:
    """The local channels' history, persisted atomically as one JSON file.

    Private to one process: each keeps its own copy in memory and rewrites the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # Writes run in worker threads; one at a time, as they share one file.
        self._mutex = threading.Lock()
        self.channels: dict[str, list[dict[str, Any]]] = {c: [] for c in CHANNELS}
        if path.exists():
            self.channels.update(json.loads(path.read_text(encoding="utf-8")))

    def names(self) -> list[str]:
        """The channels that exist."""
        return list(self.channels)

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """A channel's messages, oldest first (a copy)."""
        return list(self.channels.get(channel, []))

    def append(self, channel: str, message: dict[str, Any]) -> None:
        """Add a message and make it durable before returning."""
        with self._mutex:
            self.channels[channel].append(message)
            self.save()

    def delete(self, channel: str, message_id: str) -> None:
        """Remove a message and make that durable before returning."""
        with self._mutex:
            kept = [m for m in self.channels.get(channel, []) if m["id"] != message_id]
            self.channels[channel] = kept
            self.save()

    def save(self) -> None:
        """Write the history and make it durable before returning."""
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(self.channels, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self.path)


class SharedChannelLog(ChannelLog):
    """Channels' history as an append-only JSON-lines file several processes share.

    Each line is one message (``{"channel", "id", ...}``) or a deletion
    (``{"channel", "deleted": id}``). Writers append whole lines under an exclusive
    ``flock`` with ``O_APPEND``; readers take a shared lock and read only what was
    added since they last looked, so every process sees every other's posts.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # flock excludes other processes only; threads of this one take the mutex.
        self._mutex = threading.Lock()
        self.channels = {c: [] for c in CHANNELS}
        self._offset = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        self._refresh()

    def _read_new(self) -> None:
        size = os.fstat(self._fd).st_size
        if size <= self._offset:
            return
        data = os.pread(self._fd, size - self._offset, self._offset)
        end = data.rfind(b"\n") + 1  # a line is whole once its newline is written
        for line in data[:end].splitlines():
            record = json.loads(line)
            name = record.pop("channel")
            channel = self.channels.setdefault(name, [])
            if "deleted" in record:
                self.channels[name] = [m for m in channel if m["id"] != record["deleted"]]
            else:
                channel.append(record)
        self._offset += end

    def _refresh(self) -> None:
        with self._mutex:
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            try:
                self._read_new()
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def names(self) -> list[str]:
        """The channels that exist."""
        self._refresh()
        return list(self.channels)

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """A channel's messages as every process wrote them, oldest first."""
        self._refresh()
        return list(self.channels.get(channel, []))

    def _write(self, channel: str, record: dict[str, Any]) -> None:
        line = json.dumps({"channel": channel, **record}, ensure_ascii=False).encode() + b"\n"
        with self._mutex:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                os.write(self._fd, line)
                os.fsync(self._fd)
                self._read_new()
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def append(self, channel: str, message: dict[str, Any]) -> None:
        """Append a message and make it durable before returning."""
        self._write(channel, message)

    def delete(self, channel: str, message_id: str) -> None:
        """Append a deletion record for a message."""
        self._write(channel, {"deleted": message_id})

    def save(self) -> None:
        """Nothing to do: every change is written as it happens."""


def open_channel_log(path: Path) -> ChannelLog:
    """The channel history at ``path``: shared JSON lines for ``.jsonl``, else one JSON file."""
    return SharedChannelLog(path) if path.suffix == ".jsonl" else ChannelLog(path)


class ConsolePlatform:
    """A terminal community; implements the Platform protocol for the publisher."""

    name = "console"

    def __init__(self, app: App, out: TextIO | None = None) -> None:
        self._app = app
        self._out = out or sys.stdout
        data_dir = app.services.settings.store.data_dir
        self._log = open_channel_log(app.services.settings.store.console_channels_path)
        self._files = data_dir / "console-files"
        self.user = "alex"
        self.role = Role.MEMBER
        self._form: _OpenForm | None = None
        self._submitted: _OpenForm | None = None
        self._buttons: tuple[Button, ...] = ()
        self._lock = asyncio.Lock()

    # --- Platform protocol -----------------------------------------------------------

    async def start(self) -> None:
        """Create the local community with its two channels on first run."""
        services = self._app.services
        if await services.community.ensure_community(COMMUNITY, self.name):
            await services.community.set(
                COMMUNITY, story_channel=STORY_CHANNEL, organizer_channel=ORGANIZER_CHANNEL
            )
        await services.add_community(COMMUNITY, self.name)

    async def stop(self) -> None:
        """Nothing to disconnect."""

    def _check_channel(self, channel_id: str) -> None:
        if channel_id not in self._log.channels:
            raise PostingError(PostFailure.CHANNEL_MISSING, channel_id)

    async def post(self, community_id: str, channel_id: str, post: Post) -> str:
        """Append a post to the channel and show it."""
        self._check_channel(channel_id)
        message_id = secrets.token_hex(6)
        message = {
            "id": message_id,
            "nonce": post.nonce,
            "text": post.text,
            "note": post.content_note,
        }
        await asyncio.to_thread(self._log.append, channel_id, message)
        self._show_post(channel_id, post.text, post.content_note)
        return message_id

    async def find_post(self, community_id: str, channel_id: str, nonce: str) -> str | None:
        """The id of the message carrying ``nonce``, if it was made."""
        for message in await asyncio.to_thread(self._log.messages, channel_id):
            if message.get("nonce") == nonce:
                return str(message["id"])
        return None

    async def delete_post(self, community_id: str, channel_id: str, message_id: str) -> None:
        """Remove a message from the channel."""
        await asyncio.to_thread(self._log.delete, channel_id, message_id)
        self._write(f"(a post was removed from #{channel_id})")

    async def send(
        self,
        community_id: str,
        channel_id: str,
        text: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        nonce: str | None = None,
    ) -> str | None:
        """Show a bot message in a channel; with ``nonce``, ``find_post`` finds it later."""
        message_id = secrets.token_hex(6)
        message: dict[str, Any] = {"id": message_id, "text": text}
        if nonce is not None:
            message["nonce"] = nonce
        self._check_channel(channel_id)
        await asyncio.to_thread(self._log.append, channel_id, message)
        self._write(f"\n#{channel_id} │ Chorus\n{_indent(text)}")
        self._save_files(attachments)
        return message_id

    def history(self, channel_id: str) -> list[dict[str, Any]]:
        """What a channel holds now."""
        return self._log.messages(channel_id)

    # --- the prompt ----------------------------------------------------------------

    @property
    def prompt(self) -> str:
        """The prompt shown in a terminal."""
        if self._form is not None and self._form.pending:
            return f"{self._form.pending[0].label} › "
        return f"{self.user} ({self.role.value}) › "

    def _invocation(self) -> Invocation:
        return Invocation(
            platform=self.name,
            community_id=COMMUNITY,
            user=UserRef(self.name, self.user),
            role=self.role,
            channel_id="general",
        )

    async def handle_line(self, line: str) -> bool:
        """Handle one typed line; return False when the session should end."""
        async with self._lock:
            return await self._handle(line.rstrip("\n"))

    async def _handle(self, line: str) -> bool:
        stripped = line.strip()
        if self._form is not None and stripped.lower() != "/cancel":
            await self._answer(line)
            return True
        if not stripped:
            return True
        lowered = stripped.lower()
        if lowered in ("/quit", "/exit"):
            return False
        if lowered == "/cancel":
            self._form = None
            self._buttons = ()
            self._private("Cancelled. Nothing was stored.")
            return True
        button = self._button_for(stripped)
        if button is not None:
            self._buttons = ()
            await self._respond(
                self._app.dispatcher.press(self._invocation(), button.action, button.payload)
            )
            return True
        if lowered.startswith("/as"):
            self._switch(stripped)
        elif lowered.startswith("/channel"):
            self._show_channel(stripped)
        elif stripped.startswith("/"):
            await self._command(stripped)
        else:
            self._private("Type a command such as /share or /help, or a button's label.")
        return True

    def _button_for(self, text: str) -> Button | None:
        label = text.removeprefix("/press").strip().strip("[]").lower()
        return next((b for b in self._buttons if b.label.lower() == label), None)

    def _switch(self, line: str) -> None:
        parts = line.split()
        roles = {r.value: r for r in Role}
        if len(parts) != 3 or parts[1].lower() not in roles or not parts[2].isidentifier():
            self._private("Usage: /as member|organizer|admin NAME (a single word)")
            return
        self.role = roles[parts[1].lower()]
        self.user = parts[2]
        self._buttons = ()
        self._write(f"— you are now {self.user}, {self.role.value} —")

    def _show_channel(self, line: str) -> None:
        name = line.split(maxsplit=1)[1].lstrip("#") if " " in line else STORY_CHANNEL
        names = self._log.names()
        if name not in names:
            self._private(f"There is no #{name}. Channels: {', '.join(names)}")
            return
        messages = self._log.messages(name)
        if not messages:
            self._write(f"#{name} is empty.")
        for message in messages:
            self._show_post(name, message["text"], message.get("note"))

    async def _command(self, line: str) -> None:
        if line.lower().split()[0] == "/help":
            self._write(GRAMMAR)
        parsed = textcommands.parse(line, self._app.registry)
        if isinstance(parsed, textcommands.ParseProblem):
            self._private(parsed.message)
            return
        await self._respond(
            self._app.dispatcher.command(
                self._invocation(), parsed.command.qualified_name, parsed.values
            )
        )

    async def _respond(self, call: Awaitable[Response]) -> None:
        self.render(await call)

    # --- forms -------------------------------------------------------------------

    async def _answer(self, line: str) -> None:
        form = self._form
        if form is None:
            return
        current = form.pending[0]
        if current.style is FieldStyle.PARAGRAPH:
            if line.strip():
                form.lines.append(line)
                return
            value = "\n".join(form.lines)
            form.lines = []
        elif current.style is FieldStyle.CHOICE:
            chosen = _choose(current, line.strip())
            if chosen is None:
                self._private("Please answer with one of the numbers shown.")
                self._ask(current)
                return
            value = chosen
        else:
            value = line.strip()
        form.values[current.id] = value
        form.pending.pop(0)
        if form.pending:
            self._ask(form.pending[0])
            return
        self._form = None
        self._submitted = form
        await self._respond(
            self._app.dispatcher.submit(
                self._invocation(), form.form.id, form.values, form.form.state
            )
        )

    def _ask(self, f: Field) -> None:
        need = "required" if f.required else "optional, empty line to skip"
        if f.style is FieldStyle.PARAGRAPH:
            need += "; end with an empty line"
        self._write(f"  {f.label} ({need})")
        if f.default and f.style is not FieldStyle.CHOICE:
            self._write(f"  was: {_indent(f.default, '       ')}")
        for i, choice in enumerate(f.choices, 1):
            mark = " (default)" if choice.value == f.default else ""
            self._write(f"    {i}) {choice.label}{mark}")

    # --- rendering ---------------------------------------------------------------

    @singledispatchmethod
    def render(self, response: object) -> None:
        """Show a neutral response in the terminal."""
        raise TypeError(f"cannot render {type(response).__name__}")

    @render.register
    def _(self, response: Reply) -> None:
        if response.public:
            self._write(f"\n#general │ Chorus\n{_indent(_channels(response.text))}")
        else:
            self._private(response.text)
        self._save_files(response.attachments)
        self._buttons = response.buttons
        if response.buttons:
            self._write("  " + "  ".join(f"[{b.label}]" for b in response.buttons))

    @render.register
    def _(self, response: Form) -> None:
        self._write(f"🔒 {response.title} — only you can see this form (/cancel to stop)")
        self._form = _OpenForm(response, pending=list(response.fields))
        self._ask(response.fields[0])

    @render.register
    def _(self, response: FormErrors) -> None:
        form = self._submitted
        for problem in response.errors.values():
            self._private(problem)
        if form is None:
            return
        redo = [f for f in form.form.fields if f.id in response.errors]
        self._form = _OpenForm(form.form, dict(form.values), redo)
        self._ask(redo[0])

    # --- output ------------------------------------------------------------------

    def _private(self, text: str) -> None:
        self._write(f"🔒 only you can see this:\n{_indent(_channels(text))}")

    def _show_post(self, channel: str, text: str, note: str | None) -> None:
        body = f"[content note: {note}]\n{text}" if note else text
        self._write(f"\n📣 #{channel} │ new post\n{_indent(body)}\n")

    def _save_files(self, attachments: tuple[Attachment, ...]) -> None:
        for attachment in attachments:
            self._files.mkdir(parents=True, exist_ok=True)
            path = self._files / attachment.filename
            path.write_bytes(attachment.data)
            self._write(f"  📎 {attachment.filename} saved to {path}")

    def _write(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()


def _channels(text: str) -> str:
    # Console channels are named by their ids, so a mention reads as the name.
    return CHANNEL_MENTION.sub(r"#\1", text)


def _indent(text: str, pad: str = "  ") -> str:
    return "\n".join(pad + line for line in text.splitlines())


def _choose(f: Field, answer: str) -> str | None:
    if not answer:
        return f.default or None
    for i, choice in enumerate(f.choices, 1):
        if answer in (str(i), choice.value) or answer.lower() == choice.label.lower():
            return choice.value
    return None


async def run_console(app: App, stdin: TextIO, out: TextIO) -> None:
    """Read lines until end of input or /quit, handling each in turn."""
    console = next(p for p in app.services.platforms.values() if isinstance(p, ConsolePlatform))
    interactive = stdin.isatty()
    if interactive:
        out.write("Chorus console — a local community. Type /help to start.\n")
    read: Callable[[], str] = stdin.readline
    while True:
        if interactive:
            out.write(console.prompt)
            out.flush()
        line = await asyncio.to_thread(read)
        if not line:
            break
        if not interactive:
            # Echo scripted input so a transcript reads like the session it was.
            out.write(f"{console.prompt}{line.rstrip()}\n")
        if not await console.handle_line(line):
            break
