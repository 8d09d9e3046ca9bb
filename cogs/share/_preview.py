"""How a draft is shown back to the member before they confirm."""

from __future__ import annotations

from bot import messages
from bot.core.intake import Draft, Mode
from bot.core.publisher import expected_delay
from bot.core.resources import Resource
from bot.core.settings import Schedule


def format_resources(resources: list[Resource]) -> str:
    """Resources as a bulleted list."""
    return "\n".join(f"• **{r.name}** — {r.contact}" for r in resources)


def delay_phrase(schedule: Schedule) -> str:
    """The expected wait, in words."""
    hours = round(
        expected_delay(schedule.cadence_minutes, schedule.min_delay_minutes).total_seconds() / 3600
    )
    return messages.DELAY_SOON if hours <= 3 else messages.DELAY_LATER.format(hours=hours)


def preview_text(
    draft: Draft,
    schedule: Schedule,
    needs_review: bool,
    theme_labels: list[str],
    crisis: list[Resource],
) -> str:
    """The full preview: crisis help first when needed, then exactly what would be posted."""
    parts: list[str] = []
    if crisis:
        parts += [messages.CRISIS_LEAD, format_resources(crisis), messages.CRISIS_ASK, ""]
    if draft.mode is Mode.COUNT:
        themes = ", ".join(theme_labels) or "none detected"
        parts.append(messages.PREVIEW_COUNT_ONLY.format(themes=themes))
    else:
        parts.append(messages.PREVIEW_HEADER)
        if draft.content_note:
            parts.append(messages.PREVIEW_NOTE.format(note=draft.content_note))
        parts.append(
            "\n".join(f"> {line}" if line else ">" for line in draft.analysis.redacted.splitlines())
        )
        if draft.analysis.suggestions:
            parts.append(messages.PREVIEW_SUGGESTIONS)
            parts.extend(f"• {hint}" for hint in draft.analysis.suggestions)
        footer = (
            messages.PREVIEW_FOOTER_REVIEW
            if needs_review
            else messages.PREVIEW_FOOTER.format(delay=delay_phrase(schedule))
        )
        parts.append(footer)
    return "\n\n".join(parts)
