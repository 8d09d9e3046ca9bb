"""The 8-week trend chart: a PNG drawn with matplotlib's Agg canvas, no display needed.

Rendering is CPU work; callers run :func:`render_trend` in a thread. It uses a
``Figure`` with its own Agg canvas rather than pyplot, so no global state is
shared between threads. Suppressed values are drawn as a shaded band from zero
to the threshold, never as a number; values held back to protect another cell
leave a gap in their line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot import messages
from bot.core.suppression import Status

# Okabe–Ito: distinguishable with the common forms of colour blindness.
OKABE_ITO = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
)
# Markers and dashes as a second cue, so series differ even in greyscale.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", "--", "-.", ":", "-", "--", "-.", ":")


@dataclass(frozen=True)
class Series:
    """One line of the chart: a value per week, or None where it is not shown."""

    name: str
    values: tuple[int | None, ...]
    statuses: tuple[Status, ...]


@dataclass(frozen=True)
class Trend:
    """What the chart shows; holds no hidden value."""

    weeks: tuple[str, ...]
    series: tuple[Series, ...]
    threshold: int
    timezone: str


def render_trend(trend: Trend) -> bytes:
    """Draw ``trend`` as a PNG and return its bytes."""
    fig = Figure(figsize=(8.0, 4.5), dpi=100)
    FigureCanvasAgg(fig)
    # Fixed margins, room for the legend on the right: cheaper than an automatic layout.
    fig.subplots_adjust(left=0.08, right=0.69, bottom=0.2, top=0.9)
    ax = fig.add_subplot()
    x = list(range(len(trend.weeks)))
    n = max(1, len(trend.series))
    width = 0.8 / n
    for i, series in enumerate(trend.series):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        ys = [float(v) if v is not None else float("nan") for v in series.values]
        ax.plot(
            x,
            ys,
            color=colour,
            linestyle=DASHES[i % len(DASHES)],
            marker=MARKERS[i % len(MARKERS)],
            linewidth=2,
            markersize=6,
            label=series.name,
        )
        for j, status in enumerate(series.statuses):
            if status is Status.FEWER:
                # A slim hatched bar per series inside the band: "somewhere below N".
                ax.bar(
                    j - 0.4 + width * (i + 0.5),
                    trend.threshold,
                    width=width,
                    bottom=0,
                    color=colour,
                    alpha=0.25,
                    hatch="//",
                    edgecolor=colour,
                    linewidth=0,
                )
    ax.axhspan(0, trend.threshold, color="#999999", alpha=0.15, zorder=0)
    shown = [v for s in trend.series for v in s.values if v is not None]
    top = max([trend.threshold, *shown]) * 1.15 + 1
    ax.set_ylim(0, top)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_xticks(x, list(trend.weeks), rotation=30, ha="right")
    ax.set_title(messages.CHART_TITLE.format(week=trend.weeks[-1] if trend.weeks else ""))
    ax.set_xlabel(messages.CHART_X.format(tz=trend.timezone))
    ax.set_ylabel(messages.CHART_Y)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Patch(facecolor="#999999", alpha=0.3, hatch="//"))
    labels.append(messages.CHART_BAND.format(threshold=trend.threshold))
    if any(s is Status.HIDDEN for series in trend.series for s in series.statuses):
        handles.append(Patch(facecolor="none", edgecolor="none"))
        labels.append(messages.CHART_GAP)
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
