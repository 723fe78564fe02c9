"""Small-count suppression: published counts of people never single anyone
out.

A count of people from 1 to ``k - 1`` is shown as ``<k``.  Where a hidden
count could be worked out from a total (it is the only hidden cell of its
column), a second, complementary cell is hidden too: the next smallest of
that column.  A row's sum that includes a hidden count of people is hidden
with it, and so is a column total that could otherwise give a hidden cell
back.  Counts of organisations are never hidden, and zero is shown: it
names no one.
"""

from __future__ import annotations

from typing import Final

import attrs

from .aggregate import Cell, Table


__all__ = ["DEFAULT_THRESHOLD", "rule", "suppress"]

#: The default threshold: counts of people below it are hidden.
DEFAULT_THRESHOLD: Final = 3


def rule(k: int) -> str:
    """The suppression rule in words, for every output that applies it."""
    return (
        f"counts of people from 1 to {k - 1} are shown as <{k}, and a "
        "second count is hidden where the first could be worked out from "
        "the totals; counts of organisations are not hidden"
    )


def is_small(value: int | None, k: int) -> bool:
    """Whether a count of people must be hidden under threshold *k*."""
    return value is not None and 0 < value < k


def suppress(table: Table, k: int = DEFAULT_THRESHOLD) -> Table:
    """The table with small counts of people hidden (see the module's rule).

    Args:
        table: A table from :mod:`coalition_registry.aggregate`.
        k: The threshold; ``k <= 1`` hides nothing.

    Returns:
        A new table whose notes state the rule and its threshold.
    """
    if k <= 1:
        return table
    cells = [list(r.cells) for r in table.rows]
    n = len(cells)
    hidden = [
        [c.people and is_small(c.value, k) for c in row] for row in cells
    ]
    total = [False] * len(table.columns)
    sum_i = (
        table.columns.index(table.sum_column)
        if table.sum_column is not None
        else None
    )
    people = [
        i
        for i in range(len(table.columns))
        if i != sum_i and any(row[i].people for row in cells)
    ]
    checked = [*people, *([sum_i] if sum_i is not None else [])]
    changed = True
    while changed:  # until stable: one hidden cell can expose another line
        changed = False
        if sum_i is not None:
            for r in range(n):
                if not hidden[r][sum_i] and any(hidden[r][i] for i in people):
                    hidden[r][sum_i] = changed = True
        for i in checked:
            lone = [r for r in range(n) if hidden[r][i]]
            if len(lone) != 1 or total[i]:
                continue
            spare = sorted(
                (cells[r][i].value or 0, r)
                for r in range(n)
                if not hidden[r][i]
            )
            if spare:
                hidden[spare[0][1]][i] = changed = True
            else:
                # One row: only hiding the total protects the cell.
                total[i] = changed = True
        if (
            sum_i is not None
            and not total[sum_i]
            and any(total[i] for i in people)
        ):
            total[sum_i] = changed = True

    def mark(cell: Cell, flag: bool) -> Cell:
        return (
            attrs.evolve(cell, suppressed=True, threshold=k) if flag else cell
        )

    rows = tuple(
        attrs.evolve(row, cells=tuple(map(mark, row.cells, flags)))
        for row, flags in zip(table.rows, hidden, strict=True)
    )
    totals = attrs.evolve(
        table.total, cells=tuple(map(mark, table.total.cells, total))
    )
    return attrs.evolve(
        table,
        rows=rows,
        total=totals,
        notes=(*table.notes, f"Suppression: {rule(k)}."),
    )
