"""The one path every adapter takes from an interaction to a cog handler.

It checks roles, converts and validates option values, and turns any failure
into a kind private reply, so each adapter only translates and renders.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from bot import messages
from bot.api import (
    Command,
    Invocation,
    Option,
    OptionType,
    Registry,
    Reply,
    Response,
    Role,
)
from bot.core.textclean import clean_text

log = logging.getLogger(__name__)

_TRUE = {"on", "true", "yes", "1", "enable", "enabled"}
_FALSE = {"off", "false", "no", "0", "disable", "disabled"}

Observer = Callable[[str, float, bool], None]


class OptionError(ValueError):
    """An option value that cannot be used; the message is shown to the member."""


class Dispatcher:
    """Routes neutral invocations to the registry's handlers."""

    def __init__(self, registry: Registry, observe: Observer | None = None) -> None:
        self.registry = registry
        self._observe = observe

    def find(self, qualified_name: str) -> Command | None:
        """The command typed as ``qualified_name`` (``config show``), if any."""
        return self.registry.commands.get(qualified_name)

    async def command(
        self, inv: Invocation, qualified_name: str, raw: Mapping[str, Any]
    ) -> Response:
        """Run a command with raw option values as the platform delivered them."""
        cmd = self.find(qualified_name)
        if cmd is None:
            return Reply(messages.UNKNOWN_COMMAND.format(name=qualified_name))
        if not inv.role.allows(cmd.role):
            return Reply(messages.REFUSED[cmd.role])
        if inv.is_direct and not cmd.dm_allowed:
            return Reply(messages.NOT_IN_DM)
        try:
            kwargs = convert_options(cmd.options, raw)
        except OptionError as exc:
            return Reply(messages.BAD_OPTION.format(problem=str(exc), usage=usage(cmd)))
        return await self._guard(f"command:{cmd.qualified_name}", cmd.handler(inv, **kwargs))

    async def submit(
        self, inv: Invocation, form_id: str, values: Mapping[str, str], state: str
    ) -> Response:
        """Hand a submitted form to its handler."""
        handler = self.registry.forms.get(form_id)
        if handler is None:
            return Reply(messages.EXPIRED, final=True)
        needed = self.registry.role_for(f"form:{form_id}")
        if not inv.role.allows(needed):
            return Reply(messages.REFUSED[needed], final=True)
        return await self._guard(f"form:{form_id}", handler(inv, dict(values), state))

    async def press(self, inv: Invocation, action: str, payload: str) -> Response:
        """Hand a button press to its handler."""
        handler = self.registry.buttons.get(action)
        if handler is None:
            return Reply(messages.EXPIRED, final=True)
        needed = self.registry.role_for(f"button:{action}")
        if not inv.role.allows(needed):
            return Reply(messages.REFUSED[needed], final=True)
        return await self._guard(f"button:{action}", handler(inv, payload))

    async def direct_message(self, inv: Invocation, text: str) -> Response | None:
        """Hand a direct message to the cog that takes them, if one does."""
        handler = self.registry.direct_message
        if handler is None:
            return None
        return await self._guard("direct_message", handler(inv, text))

    async def _guard(self, what: str, call: Awaitable[Response]) -> Response:
        started = time.perf_counter()
        ok = True
        try:
            return await call
        except Exception:
            ok = False
            # The exception may carry story text in its arguments: log the type only.
            log.exception("handler %s failed", what, extra={"scrub_exception": True})
            return Reply(messages.INTERNAL_ERROR)
        finally:
            if self._observe is not None:
                self._observe(what, time.perf_counter() - started, ok)


def convert_options(options: tuple[Option, ...], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check and convert raw option values into the handler's keyword arguments."""
    known = {o.name for o in options}
    unknown = [k for k in raw if k not in known]
    if unknown:
        raise OptionError(messages.UNKNOWN_OPTION.format(name=unknown[0]))
    out: dict[str, Any] = {}
    for opt in options:
        value = raw.get(opt.name)
        if isinstance(value, str):
            value = clean_text(value).strip() or None
        if value is None:
            if opt.required:
                raise OptionError(messages.MISSING_OPTION.format(name=opt.name))
            out[opt.name.replace("-", "_")] = None
            continue
        out[opt.name.replace("-", "_")] = _convert(opt, value)
    return out


def _convert(opt: Option, value: Any) -> Any:
    if opt.type is OptionType.INTEGER:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise OptionError(messages.NOT_A_NUMBER.format(name=opt.name)) from None
        if (opt.min_value is not None and number < opt.min_value) or (
            opt.max_value is not None and number > opt.max_value
        ):
            raise OptionError(
                messages.OUT_OF_RANGE.format(name=opt.name, low=opt.min_value, high=opt.max_value)
            )
        return number
    if opt.type is OptionType.BOOLEAN:
        if isinstance(value, bool):
            return value
        word = str(value).lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise OptionError(messages.NOT_ON_OFF.format(name=opt.name))
    text = str(value)
    if opt.max_length is not None and len(text) > opt.max_length:
        raise OptionError(messages.TOO_LONG_OPTION.format(name=opt.name, limit=opt.max_length))
    if opt.choices and text.lower() not in {c.value for c in opt.choices}:
        allowed = ", ".join(c.value for c in opt.choices)
        raise OptionError(messages.NOT_A_CHOICE.format(name=opt.name, allowed=allowed))
    return text.lower() if opt.choices else text


def usage(cmd: Command) -> str:
    """A one-line usage string such as ``/withdraw code:<code>``."""
    parts = [f"/{cmd.qualified_name}"]
    for opt in cmd.options:
        shown = f"{opt.name}:<{opt.name}>"
        parts.append(shown if opt.required else f"[{shown}]")
    return " ".join(parts)


def role_for(is_admin: bool, is_organizer: bool) -> Role:
    """The strongest role a person holds."""
    if is_admin:
        return Role.ADMIN
    if is_organizer:
        return Role.ORGANIZER
    return Role.MEMBER
