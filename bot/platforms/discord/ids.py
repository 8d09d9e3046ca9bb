"""Custom ids: what a button, select or modal does, carried inside the component.

Component interactions are handled statelessly from these ids, so they keep
working after a restart and nothing per-message is held in memory.  A guild id
is carried only for components shown in a direct message, where the
interaction itself has no guild.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CUSTOM_ID_MAX = 100
SEP = "|"


class Kind(StrEnum):
    """What a component does when used."""

    BUTTON = "cb"
    FORM = "cf"
    REOPEN = "cr"
    PICK_COMMUNITY = "cp"


@dataclass(frozen=True)
class ComponentId:
    """A decoded custom id: its kind, the DM guild (if any) and two fields."""

    kind: Kind
    guild: str
    first: str
    rest: str = ""

    def encode(self) -> str:
        """The custom id string; raises ``ValueError`` past Discord's 100 characters."""
        text = SEP.join((self.kind.value, self.guild, self.first, self.rest))
        if len(text) > CUSTOM_ID_MAX:
            raise ValueError(f"custom id for {self.kind.name} is {len(text)} characters")
        return text


def decode(custom_id: str) -> ComponentId | None:
    """Decode one of our custom ids, or None for anything else."""
    parts = custom_id.split(SEP, 3)
    if len(parts) != 4:
        return None
    try:
        kind = Kind(parts[0])
    except ValueError:
        return None
    return ComponentId(kind, parts[1], parts[2], parts[3])
