"""Suppression: small counts hidden, and no hidden count recoverable from what is shown."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.suppression import (
    Relation,
    Release,
    Status,
    change,
    effective_threshold,
    propagate_bounds,
    suppress,
)

# --- a table of weeks x themes with the identities a reader could know -----------------


def _table(
    cells: list[list[int]], row_totals: bool, column_totals: bool
) -> tuple[dict[str, int], list[Relation]]:
    values: dict[str, int] = {}
    relations: list[Relation] = []
    rows, cols = len(cells), len(cells[0])
    for r in range(rows):
        for c in range(cols):
            values[f"c{r}.{c}"] = cells[r][c]
    if row_totals:
        for r in range(rows):
            values[f"row{r}"] = sum(cells[r])
            relations.append(Relation(f"row{r}", tuple(f"c{r}.{c}" for c in range(cols))))
    if column_totals:
        for c in range(cols):
            values[f"col{c}"] = sum(cells[r][c] for r in range(rows))
            relations.append(Relation(f"col{c}", tuple(f"c{r}.{c}" for r in range(rows))))
    if row_totals and column_totals:
        values["all"] = sum(map(sum, cells))
        relations.append(Relation("all", tuple(f"row{r}" for r in range(rows))))
        relations.append(Relation("all", tuple(f"col{c}" for c in range(cols))))
    return values, relations


def _differences(release: Release, rows: int, cols: int) -> list[tuple[str, str, int]]:
    """The week-over-week changes a summary would publish (row r against row r-1)."""
    out = []
    for r in range(1, rows):
        for c in range(cols):
            d = change(release, release, f"c{r}.{c}")
            now, before = release.shown(f"c{r}.{c}"), release.shown(f"c{r - 1}.{c}")
            if now is not None and before is not None and d is not None:
                out.append((f"c{r}.{c}", f"c{r - 1}.{c}", now - before))
    return out


def _recoverable(release: Release, relations: list[Relation], diffs: list[tuple[str, str, int]]):
    """Hidden cells an attacker can solve for exactly, by an independent rank test (numpy).

    A hidden cell x is determined by A·h = b exactly when deleting x's column lowers the rank.
    """
    hidden = sorted(release.hidden())
    index = {k: i for i, k in enumerate(hidden)}
    rows = []
    for rel in relations:
        row = np.zeros(len(hidden))
        for key, sign in ((rel.total, 1.0), *((p, -1.0) for p in rel.parts)):
            if key in index:
                row[index[key]] += sign
        rows.append(row)
    for a, b, _ in diffs:
        row = np.zeros(len(hidden))
        for key, sign in ((a, 1.0), (b, -1.0)):
            if key in index:
                row[index[key]] += sign
        rows.append(row)
    if not rows or not hidden:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for key, i in index.items():
        if release.status[key] is Status.UNPUBLISHED:
            continue
        if np.linalg.matrix_rank(np.delete(matrix, i, axis=1)) < rank:
            found.add(key)
    return found


counts = st.integers(min_value=0, max_value=14)
tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables, st.booleans(), st.booleans(), st.integers(3, 6))
def test_no_hidden_cell_is_recoverable_from_totals_and_differences(
    cells: list[list[int]], row_totals: bool, column_totals: bool, threshold: int
) -> None:
    """For random tables, row and column totals and week-over-week changes pin no hidden cell."""
    values, relations = _table(cells, row_totals, column_totals)
    release = suppress(values, relations, threshold)
    diffs = _differences(release, len(cells), len(cells[0]))
    assert _recoverable(release, relations, diffs) == set()


@settings(max_examples=300, deadline=None)
@given(tables, st.booleans(), st.integers(3, 6))
def test_every_count_below_the_threshold_is_hidden(
    cells: list[list[int]], column_totals: bool, threshold: int
) -> None:
    """No shown cell is ever below the threshold."""
    values, relations = _table(cells, True, column_totals)
    release = suppress(values, relations, threshold)
    assert all(v >= threshold for k, v in values.items() if release.is_shown(k))


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=1, max_size=6), st.integers(3, 6))
def test_one_group_never_narrows_a_small_count_to_one_value(parts: list[int], t: int) -> None:
    """With a group total, bounds a reader can derive leave each small count more than one value."""
    values = {f"p{i}": v for i, v in enumerate(parts)} | {"group": sum(parts)}
    relations = [Relation("group", tuple(f"p{i}" for i in range(len(parts))))]
    release = suppress(values, relations, t)
    # An independent brute force over every completion consistent with what is shown.
    hidden = [k for k in values if k != "group" and not release.is_shown(k)]
    for key in hidden:
        if release.status[key] is not Status.FEWER:
            continue
        possible = _possible_values(release, parts, key, t)
        assert len(possible) > 1, (key, possible)


def _possible_values(release: Release, parts: list[int], key: str, t: int) -> set[int]:
    """Every value ``key`` could take given shown cells, labels and the group identity."""
    keys = [f"p{i}" for i in range(len(parts))]
    total = release.shown("group")
    ranges = []
    for k in keys:
        s = release.status[k]
        if s is Status.SHOWN:
            ranges.append([release.values[k]])
        elif s is Status.FEWER:
            ranges.append(list(range(t)))
        else:
            ranges.append(list(range(t, t + 6 * 14)))
    target = keys.index(key)
    if total is None:
        return set(ranges[target])
    # Sums the other cells can reach together, built one cell at a time.
    reachable = {0}
    for i, options in enumerate(ranges):
        if i != target:
            reachable = {a + v for a in reachable for v in options if a + v <= total}
    return {v for v in ranges[target] if total - v in reachable}


def test_total_minus_shown_themes_cannot_reveal_the_last_one() -> None:
    """With one small theme under a shown total, another theme is hidden too."""
    values = {"a": 9, "b": 7, "c": 2, "total": 18}
    release = suppress(values, [Relation("total", ("a", "b", "c"))], 5)
    assert release.status["c"] is Status.FEWER
    assert sum(1 for k in ("a", "b", "c", "total") if not release.is_shown(k)) >= 2


def test_a_zero_is_not_revealed_by_a_total_equal_to_the_shown_parts() -> None:
    """A total equal to its shown parts would say the hidden ones are zero; it is held back."""
    values = {"a": 9, "b": 0, "c": 0, "total": 9}
    release = suppress(values, [Relation("total", ("a", "b", "c"))], 5, prefer=["total"])
    assert not release.is_shown("total")
    assert release.shown("a") == 9


def test_this_week_minus_change_cannot_reveal_last_week() -> None:
    """A change is only published between two shown counts."""
    now = suppress({"x": 12}, threshold=5)
    before = suppress({"x": 3}, threshold=5)
    assert change(now, before, "x") is None
    assert change(now, suppress({"x": 8}, threshold=5), "x") == 4


def test_a_hidden_remainder_keeps_a_headline_identity_safe() -> None:
    """received = published + count-only + an unshown rest: a small count-only is not pinned."""
    values = {"received": 12, "published": 9, "count_only": 3, "rest": 0}
    release = suppress(
        values, [Relation("received", ("published", "count_only", "rest"))], 5, ["rest"]
    )
    bounds = propagate_bounds(values, [], release.status, 5)
    assert release.status["count_only"] is Status.FEWER
    assert bounds["count_only"] == (0.0, 4.0)


def test_a_remainder_of_zero_would_pin_count_only_so_more_is_hidden() -> None:
    """When published equals received, count-only (zero) would follow; published is held back."""
    values = {"received": 12, "published": 12, "count_only": 0, "rest": 0}
    relations = [Relation("received", ("published", "count_only", "rest"))]
    release = suppress(values, relations, 5, ["rest"])
    assert release.is_shown("received") and not release.is_shown("published")
    lo, hi = propagate_bounds(values, relations, release.status, 5)["count_only"]
    assert math.ceil(lo) < math.floor(hi)


def test_threshold_is_never_below_three() -> None:
    """A configured threshold under 3 is raised to 3."""
    assert effective_threshold(1) == 3
    assert effective_threshold("7") == 7
    assert suppress({"x": 2}, threshold=1).status["x"] is Status.FEWER


def test_unpublished_cells_are_never_shown() -> None:
    """A remainder named unpublished stays unshown however large."""
    release = suppress({"rest": 40}, unpublished=["rest"])
    assert release.status["rest"] is Status.UNPUBLISHED and release.shown("rest") is None
