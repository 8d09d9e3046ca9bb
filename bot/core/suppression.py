"""Small-count suppression for published figures, with complementary suppression.

A count below the threshold is never shown (primary suppression). Because
published figures are tied together by identities — a group is the sum of its
themes, stories received are published plus count-only plus the rest — a hidden
count could still be worked out from the figures around it. So more cells are
hidden (complementary suppression) until the published figures, read with every
identity we publish, pin down no hidden cell:

* exactly, by linear algebra (an exact audit over the rationals), and
* by bounds: a reader knows a primary cell lies in ``0..threshold-1``, a
  complementary one is at least the threshold, and every count is non-negative;
  propagating those bounds through the identities must not leave a primary cell
  with a single possible value.

Week-over-week changes are published only between two shown cells (:func:`change`),
so they never add an identity. Everything here is pure and deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
_MAX_PASSES = 100


class Status(StrEnum):
    """How one cell is published."""

    SHOWN = "shown"
    FEWER = "fewer"
    """Below the threshold: shown as "fewer than N"."""
    HIDDEN = "hidden"
    """At or above the threshold, hidden so that a smaller count cannot be worked out."""
    UNPUBLISHED = "unpublished"
    """Never published (e.g. a remainder); an unknown to the reader, not itself sensitive."""


@dataclass(frozen=True)
class Relation:
    """A published identity: ``total`` equals the sum of ``parts``."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Release:
    """The outcome of suppression: every cell's status, and the values that may be shown."""

    values: Mapping[str, int]
    status: Mapping[str, Status]
    threshold: int

    def shown(self, key: str) -> int | None:
        """The value of ``key`` if it may be shown, else None."""
        if self.status.get(key) is Status.SHOWN:
            return self.values[key]
        return None

    def is_shown(self, key: str) -> bool:
        """Whether ``key`` is shown as a number."""
        return self.status.get(key) is Status.SHOWN

    def hidden(self) -> frozenset[str]:
        """Every cell that is not shown."""
        return frozenset(k for k, s in self.status.items() if s is not Status.SHOWN)


def effective_threshold(setting: object) -> int:
    """The threshold to apply: the setting, but never below :data:`MIN_THRESHOLD`."""
    try:
        value = int(str(setting))
    except ValueError:
        return DEFAULT_THRESHOLD
    return max(MIN_THRESHOLD, value)


def change(now: Release, before: Release, key: str) -> int | None:
    """The change of ``key`` between two releases, only when both values are shown.

    A change next to a hidden cell would reveal it (this week minus the change);
    between two shown cells it adds nothing a reader could not compute already.
    """
    a, b = now.shown(key), before.shown(key)
    if a is None or b is None:
        return None
    return a - b


def suppress(
    values: Mapping[str, int],
    relations: Sequence[Relation] = (),
    threshold: int = DEFAULT_THRESHOLD,
    unpublished: Collection[str] = (),
    prefer: Collection[str] = (),
) -> Release:
    """Decide which cells may be shown so that no hidden cell can be worked out.

    ``values`` holds every cell (totals included); ``relations`` are the identities
    a reader knows; ``unpublished`` cells take part in identities but are never shown;
    ``prefer`` names cells to hide first when another cell needs protecting (say, a
    group total that matters less than the themes it adds up).
    """
    t = max(MIN_THRESHOLD, threshold)
    for rel in relations:
        for key in (rel.total, *rel.parts):
            if key not in values:
                raise KeyError(key)
    status: dict[str, Status] = {}
    for key, value in values.items():
        if key in unpublished:
            status[key] = Status.UNPUBLISHED
        elif value < t:
            status[key] = Status.FEWER
        else:
            status[key] = Status.SHOWN
    for _ in range(len(values) + 1):
        exposed = exposed_cells(values, relations, status, t)
        if not exposed:
            break
        extra = _complement_for(sorted(exposed)[0], values, relations, status, set(prefer))
        if extra is None:
            break
        status[extra] = Status.HIDDEN
    return Release(dict(values), status, t)


def exposed_cells(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    status: Mapping[str, Status],
    threshold: int,
) -> set[str]:
    """Hidden cells a reader could pin down from shown cells and the identities."""
    hidden = [k for k, s in status.items() if s is not Status.SHOWN]
    sensitive = {k for k in hidden if status[k] is not Status.UNPUBLISHED}
    found = determined(values, relations, set(hidden)) & sensitive
    bounds = propagate_bounds(values, relations, status, threshold)
    for key in sensitive:
        lo, hi = bounds[key]
        if status[key] is Status.FEWER and math.ceil(lo) >= math.floor(hi):
            found.add(key)
    return found


def _equations(
    values: Mapping[str, int], relations: Iterable[Relation], hidden: Collection[str]
) -> list[tuple[dict[str, int], int]]:
    """Each identity as ``sum(coef * hidden cell) = constant`` after substituting shown cells."""
    out: list[tuple[dict[str, int], int]] = []
    for rel in relations:
        coefs: dict[str, int] = {}
        constant = 0
        for key, sign in ((rel.total, 1), *((p, -1) for p in rel.parts)):
            if key in hidden:
                coefs[key] = coefs.get(key, 0) + sign
            else:
                constant -= sign * values[key]
        coefs = {k: c for k, c in coefs.items() if c}
        if coefs:
            out.append((coefs, constant))
    return out


def determined(
    values: Mapping[str, int], relations: Sequence[Relation], hidden: Collection[str]
) -> set[str]:
    """Hidden cells whose exact value follows from the shown cells by the identities.

    A cell is determined exactly when its unit vector lies in the row space of the
    identities restricted to hidden cells: in reduced row echelon form, a row with
    a single non-zero entry.
    """
    equations = _equations(values, relations, hidden)
    keys = sorted({k for coefs, _ in equations for k in coefs})
    index = {k: i for i, k in enumerate(keys)}
    rows = []
    for coefs, _ in equations:
        row = [Fraction(0)] * len(keys)
        for k, c in coefs.items():
            row[index[k]] = Fraction(c)
        rows.append(row)
    reduced = _rref(rows, len(keys))
    found: set[str] = set()
    for row in reduced:
        nonzero = [i for i, v in enumerate(row) if v != 0]
        if len(nonzero) == 1:
            found.add(keys[nonzero[0]])
    return found


def _rref(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    rows = [r[:] for r in rows]
    pivot_row = 0
    for col in range(width):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
        if pivot_row == len(rows):
            break
    return rows[:pivot_row]


def propagate_bounds(
    values: Mapping[str, int],
    relations: Sequence[Relation],
    status: Mapping[str, Status],
    threshold: int,
) -> dict[str, tuple[float, float]]:
    """What a reader can bound each hidden cell to, from its label and the identities.

    Starts from what the labels say (primary: below the threshold; complementary:
    at least the threshold; any count: non-negative) and tightens through every
    identity until nothing changes. For identities that share no hidden cell, as in
    our summaries, the bounds are exact.
    """
    bounds: dict[str, tuple[float, float]] = {}
    for key, s in status.items():
        if s is Status.FEWER:
            bounds[key] = (0.0, float(threshold - 1))
        elif s is Status.HIDDEN:
            bounds[key] = (float(threshold), math.inf)
        elif s is Status.UNPUBLISHED:
            bounds[key] = (0.0, math.inf)
    hidden = set(bounds)
    equations = _equations(values, relations, hidden)
    for _ in range(_MAX_PASSES):
        changed = False
        for coefs, constant in equations:
            for key, c in coefs.items():
                # c * x_key = constant - sum(others); with c in {+1, -1} after merging.
                low_rest, high_rest = 0.0, 0.0
                for other, oc in coefs.items():
                    if other == key:
                        continue
                    lo, hi = bounds[other]
                    low_rest += oc * lo if oc > 0 else oc * hi
                    high_rest += oc * hi if oc > 0 else oc * lo
                span = (constant - high_rest, constant - low_rest)
                lo_k, hi_k = (span[0] / c, span[1] / c) if c > 0 else (span[1] / c, span[0] / c)
                cur_lo, cur_hi = bounds[key]
                new = (max(cur_lo, _ceil(lo_k)), min(cur_hi, _floor(hi_k)))
                if new != (cur_lo, cur_hi):
                    bounds[key] = (float(new[0]), float(new[1]))
                    changed = True
        if not changed:
            break
    return bounds


def _ceil(x: float) -> float:
    return x if math.isinf(x) else float(math.ceil(x))


def _floor(x: float) -> float:
    return x if math.isinf(x) else float(math.floor(x))


def _complement_for(
    exposed: str,
    values: Mapping[str, int],
    relations: Sequence[Relation],
    status: Mapping[str, Status],
    prefer: set[str],
) -> str | None:
    """The shown cell to hide next to protect ``exposed``.

    Preferred cells go first; then the smallest shown part, before totals, so that
    a headline total, the broader figure, stays visible where it can.
    """
    touching = [r for r in relations if exposed == r.total or exposed in r.parts]
    if not touching:
        touching = list(relations)
    near = {k for r in touching for k in (r.total, *r.parts) if status[k] is Status.SHOWN}
    if near & prefer:
        return min(near & prefer, key=lambda k: (values[k], k))
    parts = {p for r in touching for p in r.parts if status[p] is Status.SHOWN}
    if parts:
        return min(parts, key=lambda k: (values[k], k))
    totals = {r.total for r in touching if status[r.total] is Status.SHOWN}
    if totals:
        return min(totals, key=lambda k: (values[k], k))
    # Everything next to it is hidden already; widen to any identity with a shown cell.
    anywhere = {k for r in relations for k in (r.total, *r.parts) if status[k] is Status.SHOWN}
    return min(anywhere, key=lambda k: (values[k], k)) if anywhere else None
