"""The narrow, platform-neutral API between cogs and platform adapters.

Cogs declare commands, forms and buttons; adapters turn platform events into
:class:`Invocation` values, call the handlers and render the neutral responses
they return.  Nothing here knows about Discord or Slack.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from bot.app import Services

# The intersection of what Discord modals and Slack modals accept.
FORM_TITLE_MAX = 24
FORM_FIELDS_MAX = 5
FIELD_LABEL_MAX = 45
FIELD_TEXT_MAX = 3000
BUTTON_LABEL_MAX = 75
COMMAND_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
DESCRIPTION_MAX = 100
CHOICES_MAX = 25


class Role(StrEnum):
    """Who someone is in a community, in increasing order of power."""

    MEMBER = "member"
    ORGANIZER = "organizer"
    ADMIN = "admin"

    def allows(self, required: Role) -> bool:
        """Return whether this role may run something that requires ``required``."""
        order = [Role.MEMBER, Role.ORGANIZER, Role.ADMIN]
        return order.index(self) >= order.index(required)


class OptionType(StrEnum):
    """The kinds of value a command option takes."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHANNEL = "channel"
    ROLE = "role"


class FieldStyle(StrEnum):
    """How a form field is shown."""

    SHORT = "short"
    PARAGRAPH = "paragraph"
    CHOICE = "choice"


class ButtonStyle(StrEnum):
    """The emphasis of a button."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    DANGER = "danger"


@dataclass(frozen=True)
class UserRef:
    """A platform user for the duration of one interaction; never stored or logged."""

    platform: str
    id: str

    def __repr__(self) -> str:
        return f"UserRef({self.platform}, <hidden>)"


@dataclass(frozen=True)
class Invocation:
    """Who did something, where, and with which role."""

    platform: str
    community_id: str
    user: UserRef
    role: Role
    channel_id: str | None = None
    is_direct: bool = False


@dataclass(frozen=True)
class Choice:
    """One allowed value of an option or a choice field."""

    label: str
    value: str


Autocomplete: TypeAlias = Callable[[Invocation, str], Awaitable[list[Choice]]]


# A channel named inside reply text; each platform shows it its own way.
CHANNEL_MENTION = re.compile(r"<#([A-Za-z0-9_-]{1,40})>")


def channel_mention(channel_id: str) -> str:
    """A reference to a channel in reply text: a link on Discord and Slack, #name on the console."""
    return f"<#{channel_id}>"


def suggest(choices: Iterable[Choice], typed: str) -> list[Choice]:
    """The choices whose label or value contains ``typed``, ignoring case, in their order.

    At most :data:`CHOICES_MAX`, the most Discord shows.
    """
    wanted = typed.strip().casefold()
    found = [c for c in choices if wanted in c.label.casefold() or wanted in c.value.casefold()]
    return found[:CHOICES_MAX]


@dataclass(frozen=True)
class Option:
    """One argument of a slash command."""

    name: str
    description: str
    type: OptionType = OptionType.STRING
    required: bool = True
    choices: tuple[Choice, ...] = ()
    autocomplete: Autocomplete | None = None
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class Field:
    """One input of a form."""

    id: str
    label: str
    style: FieldStyle = FieldStyle.SHORT
    required: bool = True
    max_length: int = FIELD_TEXT_MAX
    min_length: int = 0
    placeholder: str = ""
    default: str = ""
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Form:
    """A form shown as the first response to a command or button (a modal)."""

    id: str
    title: str
    fields: tuple[Field, ...]
    submit_label: str = "Preview"
    state: str = ""

    def validate(self) -> None:
        """Raise ``ValueError`` if this form exceeds what either platform accepts."""
        if not 0 < len(self.title) <= FORM_TITLE_MAX:
            raise ValueError(f"form {self.id!r}: title must be 1-{FORM_TITLE_MAX} characters")
        if not 0 < len(self.fields) <= FORM_FIELDS_MAX:
            raise ValueError(f"form {self.id!r}: 1-{FORM_FIELDS_MAX} fields")
        for f in self.fields:
            if not 0 < len(f.label) <= FIELD_LABEL_MAX:
                raise ValueError(f"form {self.id!r}: label of {f.id!r} too long")
            if not 0 < f.max_length <= FIELD_TEXT_MAX:
                raise ValueError(f"form {self.id!r}: {f.id!r} max_length over {FIELD_TEXT_MAX}")
            if f.style is FieldStyle.CHOICE and not f.choices:
                raise ValueError(f"form {self.id!r}: choice field {f.id!r} has no choices")

    def prefilled(self, values: dict[str, str], state: str | None = None) -> Form:
        """A copy of this form with ``values`` as field defaults (for Edit)."""
        fields = tuple(replace(f, default=values.get(f.id, f.default)) for f in self.fields)
        return replace(self, fields=fields, state=self.state if state is None else state)


@dataclass(frozen=True)
class Button:
    """A button; pressing it calls the handler registered for ``action`` with ``payload``."""

    label: str
    action: str
    payload: str = ""
    style: ButtonStyle = ButtonStyle.SECONDARY


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply: a chart or an export."""

    filename: str
    data: bytes
    mime_type: str


@dataclass(frozen=True)
class Reply:
    """A message to the person who acted; private unless ``public`` is set."""

    text: str
    buttons: tuple[Button, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    public: bool = False
    final: bool = False
    """Marks the end of a form flow: adapters that keep flows in a dialog close it."""


@dataclass(frozen=True)
class FormErrors:
    """Validation errors for a submitted form, keyed by field id; the form stays open."""

    errors: dict[str, str]


@dataclass(frozen=True)
class Post:
    """An anonymized story as it is posted to a community's story channel."""

    nonce: str
    text: str
    content_note: str | None = None


Response: TypeAlias = Reply | Form | FormErrors
CommandHandler: TypeAlias = Callable[..., Awaitable[Response]]
FormHandler: TypeAlias = Callable[[Invocation, dict[str, str], str], Awaitable[Response]]
ButtonHandler: TypeAlias = Callable[[Invocation, str], Awaitable[Response]]
MessageHandler: TypeAlias = Callable[[Invocation, str], Awaitable[Response]]


@dataclass(frozen=True)
class Command:
    """A slash command; ``group`` makes it a subcommand (``/config show``)."""

    name: str
    description: str
    handler: CommandHandler
    options: tuple[Option, ...] = ()
    role: Role = Role.MEMBER
    group: str | None = None
    dm_allowed: bool = False

    @property
    def qualified_name(self) -> str:
        """The name as typed: ``config show`` or ``share``."""
        return f"{self.group} {self.name}" if self.group else self.name


@dataclass(frozen=True)
class CommandGroup:
    """Metadata for a command group such as ``/config``."""

    name: str
    description: str
    role: Role = Role.MEMBER


@dataclass
class Cog:
    """A feature: its commands, form handlers and button handlers."""

    name: str
    commands: list[Command] = field(default_factory=list)
    groups: list[CommandGroup] = field(default_factory=list)
    forms: dict[str, tuple[Form, FormHandler]] = field(default_factory=dict)
    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    direct_message: MessageHandler | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    """The role a form (``form:<id>``) or button (``button:<action>``) requires."""

    def command(
        self,
        name: str,
        description: str,
        *options: Option,
        role: Role = Role.MEMBER,
        group: str | None = None,
        dm_allowed: bool = False,
    ) -> Callable[[CommandHandler], CommandHandler]:
        """Register the decorated coroutine as a command handler."""

        def decorate(fn: CommandHandler) -> CommandHandler:
            self.commands.append(
                Command(name, description, fn, tuple(options), role, group, dm_allowed)
            )
            return fn

        return decorate

    def form(
        self, template: Form, role: Role = Role.MEMBER
    ) -> Callable[[FormHandler], FormHandler]:
        """Register ``template`` and the decorated coroutine as its submit handler.

        Forms shown later are ``template.prefilled(...)`` copies, so checking the
        template against the platforms' limits here checks every form of this id.
        """

        def decorate(fn: FormHandler) -> FormHandler:
            self.forms[template.id] = (template, fn)
            self.roles[f"form:{template.id}"] = role
            return fn

        return decorate

    def button(
        self, action: str, role: Role = Role.MEMBER
    ) -> Callable[[ButtonHandler], ButtonHandler]:
        """Register the decorated coroutine as the handler of button ``action``."""

        def decorate(fn: ButtonHandler) -> ButtonHandler:
            self.buttons[action] = fn
            self.roles[f"button:{action}"] = role
            return fn

        return decorate


SetupFunction: TypeAlias = Callable[["Services"], Cog]


@dataclass
class Registry:
    """Every loaded cog's commands and handlers, checked for collisions and limits."""

    commands: dict[str, Command] = field(default_factory=dict)
    groups: dict[str, CommandGroup] = field(default_factory=dict)
    forms: dict[str, FormHandler] = field(default_factory=dict)
    buttons: dict[str, ButtonHandler] = field(default_factory=dict)
    direct_message: MessageHandler | None = None
    roles: dict[str, Role] = field(default_factory=dict)
    cogs: list[Cog] = field(default_factory=list)

    def add(self, cog: Cog) -> None:
        """Add a cog, refusing duplicate names and anything a platform would reject."""
        for group in cog.groups:
            if group.name in self.groups:
                raise ValueError(f"command group {group.name!r} defined twice")
            _check_name(group.name, group.description)
            self.groups[group.name] = group
        for cmd in cog.commands:
            _check_name(cmd.name, cmd.description)
            if cmd.qualified_name in self.commands:
                raise ValueError(f"command {cmd.qualified_name!r} defined twice")
            if cmd.group is None and cmd.name in self.groups:
                raise ValueError(f"command {cmd.name!r} collides with a group")
            for opt in cmd.options:
                _check_name(opt.name, opt.description)
                if len(opt.choices) > CHOICES_MAX:
                    raise ValueError(f"option {opt.name!r} has too many choices")
            self.commands[cmd.qualified_name] = cmd
        for key, (template, handler) in cog.forms.items():
            if key in self.forms:
                raise ValueError(f"form {key!r} handled twice")
            template.validate()
            self.forms[key] = handler
        for key, bhandler in cog.buttons.items():
            if key in self.buttons:
                raise ValueError(f"button {key!r} handled twice")
            self.buttons[key] = bhandler
        self.roles.update(cog.roles)
        if cog.direct_message is not None:
            if self.direct_message is not None:
                raise ValueError("two cogs handle direct messages")
            self.direct_message = cog.direct_message
        self.cogs.append(cog)

    def role_for(self, key: str) -> Role:
        """The role a form or button needs (``form:<id>``, ``button:<action>``)."""
        return self.roles.get(key, Role.MEMBER)

    def top_level(self) -> list[Command]:
        """Commands that are not part of a group."""
        return [c for c in self.commands.values() if c.group is None]

    def in_group(self, group: str) -> list[Command]:
        """The subcommands of ``group``."""
        return [c for c in self.commands.values() if c.group == group]


def _check_name(name: str, description: str) -> None:
    if not COMMAND_NAME_RE.match(name):
        raise ValueError(f"{name!r} is not a valid command or option name")
    if not 0 < len(description) <= DESCRIPTION_MAX:
        raise ValueError(f"description of {name!r} must be 1-{DESCRIPTION_MAX} characters")
