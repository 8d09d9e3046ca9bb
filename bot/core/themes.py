"""Theme catalogue: the default themes, their groups, and per-community changes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    """A theme id, its readable label, the group it rolls up into, and its keywords."""

    id: str
    label: str
    group: str
    keywords: tuple[str, ...] = ()
    content_note: bool = False


GROUPS = ("verbal", "non-verbal", "physical", "online", "institutional")

DEFAULT_THEMES: tuple[Theme, ...] = (
    Theme("street_harassment", "street harassment", "verbal", ("catcall", "whistled", "honked")),
    Theme(
        "unwanted_advances",
        "unwanted advances",
        "verbal",
        ("boyfriend", "rejected", "asked me out"),
    ),
    Theme("sexual_assault", "sexual assault", "physical", ("groped", "assault", "raped"), True),
    Theme(
        "intimate_partner_violence",
        "intimate partner violence",
        "physical",
        ("my ex", "husband"),
        True,
    ),
    Theme(
        "stalking_threats",
        "stalking and threats",
        "non-verbal",
        ("followed", "stalk", "threat"),
        True,
    ),
    Theme("online_harassment", "online harassment", "online", ("dm", "dms", "online", "posted")),
    Theme(
        "workplace_discrimination",
        "workplace discrimination",
        "institutional",
        ("promotion", "boss", "paid"),
    ),
    Theme(
        "safety_precautions", "safety precautions", "non-verbal", ("keys", "home safe", "location")
    ),
    Theme("victim_blaming", "victim blaming", "verbal", ("wearing", "compliment", "overreacting")),
    Theme(
        "institutional_failure",
        "institutional failure",
        "institutional",
        ("police", "hr", "nothing happened"),
    ),
    Theme(
        "objectification_appearance",
        "objectification and appearance",
        "non-verbal",
        ("body", "dress", "smile"),
    ),
    Theme(
        "everyday_sexism", "everyday sexism", "verbal", ("explained", "talked over", "women can't")
    ),
)


@dataclass(frozen=True)
class ThemeCatalog:
    """The themes one community uses."""

    themes: tuple[Theme, ...] = field(default_factory=lambda: DEFAULT_THEMES)

    def ids(self) -> list[str]:
        """Theme ids in catalogue order."""
        return [t.id for t in self.themes]

    def get(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, if the community has it."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def tag(self, text: str) -> tuple[str, ...]:
        """Theme ids whose keywords occur in ``text`` as whole words."""
        low = text.lower()
        return tuple(
            t.id
            for t in self.themes
            if any(re.search(rf"\b{re.escape(k)}\b", low) for k in t.keywords)
        )

    def with_changes(
        self,
        added: tuple[Theme, ...] = (),
        removed: tuple[str, ...] = (),
        extra_keywords: dict[str, tuple[str, ...]] | None = None,
    ) -> ThemeCatalog:
        """A catalogue with themes added, removed, and keywords extended."""
        extra = extra_keywords or {}
        kept = [
            Theme(t.id, t.label, t.group, t.keywords + extra.get(t.id, ()), t.content_note)
            for t in self.themes
            if t.id not in removed
        ]
        kept.extend(
            Theme(t.id, t.label, t.group, t.keywords + extra.get(t.id, ()), t.content_note)
            for t in added
        )
        return ThemeCatalog(tuple(kept))


def default_catalog() -> ThemeCatalog:
    """The twelve default themes."""
    return ThemeCatalog()
