"""Small-count suppression: published counts of people never single anyone
out.

The rule, applied to every table that counts people:

- A count of people from 1 to ``k - 1`` is hidden and shown as ``<k``;
  zero is shown, since it names no one.
- In a column whose total is shown, no hidden cell may be worked out from
  the total and what a reader knows of each hidden cell: at most ``k - 1``
  when it shows ``<k``, and at least 1, since a reader who knows this rule
  knows that a count is hidden only for being from 1 to ``k - 1``, or to
  hide another such count (and only a count of at least 1 is hidden for
  that).  Two cells showing ``<3`` that add up to 4 must both be 2; two
  that add up to 2 must both be 1.  Otherwise the column's total is
  hidden: hiding a zero as well would hide nothing from such a reader.
- A column total of people from 1 to ``k - 1`` is hidden.
- A hidden total is shown as ``suppressed``, with no bound: ``<3`` above
  two hidden counts of at least 1 would make both 1.  So is every hidden
  count under it: the bounds of rows add up to a bound on the total, and
  set beside another table of the letter (``survivor <3`` by role, above
  ``Ireland <3`` and ``New Zealand <3`` by country) they would pin them.
- A row's sum (``signatories``) that includes a hidden count is hidden, and
  shown as ``suppressed`` with no bound, since a bound on the sum would be
  a bound on the count.  So is the grand total when a column total is.
- Counts of organisations are never hidden.
- A count of people that takes in the members of groups is hidden too
  when its individual people (``Cell.individuals``) are from 1 to
  ``k - 1``: a group's size is public, so 6 people in a row with a group
  of 5 would show the one person.  Such a cell is shown as
  ``suppressed``.
- Rows are ordered again by what they show, so that where a row stands
  does not tell how large its hidden counts are.

Across a letter's published tables (:func:`published`):

- When any table of the letter, by any breakdown and in either view,
  counts from 1 to ``k - 1`` people who are not public in a row or its
  total, or hides its total of people, or when a signature of such a
  person has a day of its own (``signed_on``, ``withdrawn_on``; see
  :func:`changes_by_day`), every table, on every day, hides its totals
  of people and the count of every row that takes in a person who is
  not public, whatever its size.  What the tables then say of such people is
  only which rows hold some, and that some count of them is small: one
  more (or one fewer) of them in a row that holds some changes nothing
  shown while a count stays small, so, for k of 3 or more, a reader who
  sets the tables by country, role, region and so on side by side learns
  a lower bound on each count, not the count.
  Hiding only the small counts would not do: set beside another
  breakdown, "Ireland hidden" (fewer than k, by this rule) and "survivor
  hidden, expert hidden" (at least one each) make one of each in Ireland.
"""

from __future__ import annotations

import warnings

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Final

import attrs

from .aggregate import Cell, Table, sorted_rows
from .schema import a


if TYPE_CHECKING:
    import datetime as dt

    from .registry import Registry


__all__ = [
    "DEFAULT_THRESHOLD",
    "changes_by_day",
    "checked_threshold",
    "hidden_rows",
    "is_small",
    "published",
    "rule",
    "suppress",
    "totals_hidden",
]

#: A counting function of :mod:`coalition_registry.aggregate`:
#: ``signatory_table`` or ``people``.
Count = Callable[..., Table]

#: The default threshold: counts of people below it are hidden.
DEFAULT_THRESHOLD: Final = 3


def checked_threshold(k: int) -> int:
    """*k*, when it is a threshold a published output may use: a whole
    number, 1 (nothing hidden) or 3 and more.

    Under 2, a hidden count is always exactly 1, so where one row of each
    table holds a person who is not public, the tables name the row and
    the count: a threshold that protects no one is refused, not applied.

    >>> checked_threshold(2)
    Traceback (most recent call last):
    ...
    ValueError: 2 protects no one: a count hidden below 2 could only be 1, which a reader can place; use 3 or more (the default is 3), or 1 to show every count

    Raises:
        ValueError: When *k* is 2, or less than 1: 0 read from a setting
            where it meant "the default" would show every count.
        TypeError: When *k* is not a whole number.
    """
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(
            f"the threshold must be a whole number, not {type(k).__name__}"
        )
    if k < 1:
        raise ValueError(
            f"the threshold is at least 1, not {k}: use 3 or more (the "
            f"default is {DEFAULT_THRESHOLD}), or 1 to show every count"
        )
    if k == 2:  # the one threshold that protects no one
        raise ValueError(
            "2 protects no one: a count hidden below 2 could only be 1, "
            "which a reader can place; use 3 or more (the default is "
            f"{DEFAULT_THRESHOLD}), or 1 to show every count"
        )
    return k


def _renamed(threshold: int, k: int | None) -> int:
    """The threshold given, under its name or under ``k``, the name it had
    in this module (``reconcile()`` and ``export()`` called it threshold).
    """
    if k is None:
        return threshold
    if threshold != DEFAULT_THRESHOLD:
        msg = "give the threshold once, as threshold="
        raise TypeError(msg)
    warnings.warn(
        "k= is deprecated: give threshold=, as reconcile() and export() take",
        DeprecationWarning,
        stacklevel=3,
    )
    return k


def rule(k: int) -> str:
    """The suppression rule in words, for every output that applies it."""
    if k <= 1:
        return "none: every count is shown (a threshold of 1)"
    return (
        f"counts of people from 1 to {k - 1} are hidden, shown as <{k} where "
        "their column's total is shown; further counts are hidden where a "
        "hidden one could otherwise be worked out from the totals, or from "
        "the letter's other tables; counts of organisations are not hidden"
    )


def is_small(value: int | None, k: int) -> bool:
    """Whether a count of people must be hidden under threshold *k*."""
    return value is not None and 0 < value < k


def _hides(cell: Cell, k: int) -> bool:
    """Whether a count of people is hidden for itself (rule 1 and the
    individuals beside groups).
    """
    return is_small(cell.value, k) or is_small(cell.individuals, k)


# Stands for "no bound" on a hidden count shown as ``suppressed``.
_UNBOUNDED: Final = 10**12


def _bounds(cell: Cell, k: int) -> tuple[int, int]:
    """What a reader knows of the hidden count of people in *cell*: at
    least 1, since only such counts are hidden (see the module's
    rule), at most ``k - 1`` when it is shown as ``<k``; and the members of
    groups in it, whose sizes are public, with at most ``k - 1`` individuals
    beside them when it is hidden for those.
    """
    value = cell.value or 0
    members = 0 if cell.individuals is None else value - cell.individuals
    if value >= k:
        # Only its few individuals hide a count this large, and it is
        # shown as ``suppressed``, not ``<k``: so it is at least k.
        if cell.individuals is None:
            return (k, _UNBOUNDED)
        return (max(members + 1, k), members + k - 1)
    return (max(members, 1), k - 1)


def _any_pinned(
    bounds: list[tuple[int, int]], total: int, cells: list[Cell]
) -> bool:
    """Whether a reader who knows the hidden counts add up to *total*, and
    each count's bounds, can work out any one of them that counts an
    individual (a count of a public group's members alone is no secret).
    """
    lows = sum(low for low, _ in bounds)
    highs = sum(high for _, high in bounds)
    for (low, high), cell in zip(bounds, cells, strict=True):
        least = max(low, total - (highs - high))
        most = min(high, total - (lows - low))
        secret = cell.individuals != 0
        if least >= most and secret:
            return True
    return False


def suppress(
    table: Table,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    k: int | None = None,
    hide_total: bool = False,
    hidden_keys: Collection[str | None] | None = None,
    also_hide: Collection[str | None] = (),
) -> Table:
    """The table with small counts of people hidden (see the module's rule).

    This protects one table on its own.  Two tables of the same letter set
    side by side (by country and by region, say) can give a count hidden in
    one back from the other: to publish a letter's tables, make each with
    :func:`published`, which hides the same people in all of them.

    Args:
        table: A table from :mod:`coalition_registry.aggregate`.
        threshold: Counts of people below it are
            hidden; 1 hides nothing, and 2 is refused (see
            :func:`checked_threshold`).
        k: The threshold's former name, deprecated.
        hide_total: Hide the totals of people too (another table of the
            same letter hides them).
        hidden_keys: Hide the counts of people of exactly these rows,
            instead of working them out: for a table by region, the
            regions of the countries hidden by country (see
            :func:`published`).
        also_hide: Hide the counts of people of these rows as well, before
            working out the rest (another view hides them).

    Returns:
        A new table whose notes state the rule and its threshold.

    Raises:
        ValueError: When the threshold is 2.
        TypeError: When *table* is not a :class:`Table`.
    """
    given: object = table  # typed, but not checked by Python
    if not isinstance(given, Table):
        # A Coverage, say, has no cells: it would fail deep inside.
        msg = (
            "suppress() takes a Table, such as signatory_table() or "
            f"people() makes, not {a(type(given).__name__.lower())}"
        )
        raise TypeError(msg)
    k = _renamed(threshold, k)
    if checked_threshold(k) <= 1:
        return table
    rows = [r.cells for r in table.rows]
    n = len(rows)
    sum_i = (
        table.columns.index(table.sum_column)
        if table.sum_column is not None
        else None
    )
    people = [
        i
        for i in range(len(table.columns))
        if i != sum_i and any(row[i].people for row in rows)
    ]
    hidden = [[False] * len(table.columns) for _ in range(n)]
    total = [False] * len(table.columns)
    for i in people:
        for r in range(n):
            # A count of no one is shown: hidden, it would read as at least
            # 1 ('<k' or 'suppressed'), people who are not there, and it
            # hides no one, since a row holding a person counts at least 1
            # (another view, or a region, hides the row for its own count).
            hidden[r][i] = bool(rows[r][i].value) and (
                (
                    _hides(rows[r][i], k)
                    if hidden_keys is None
                    else table.rows[r].key in hidden_keys
                )
                or (table.rows[r].key in also_hide)
            )
        # A total of no one is shown, as a row's is: every row then shows
        # 0, so hiding it hides nothing, and 'suppressed' would say the
        # rows do not add up to it (a table with no row showed 0 beside).
        total[i] = _hides(table.total.cells[i], k) or (
            hide_total and bool(table.total.cells[i].value)
        )

    for i in people if hidden_keys is None else ():
        cells = [rows[r][i] for r in range(n) if hidden[r][i]]
        if total[i] or not cells:
            continue
        # Where the total would give a hidden count back, it is hidden:
        # hiding another count would not help, since every count from 1
        # to k - 1 already is, a larger one would show as no bound at all,
        # and a hidden zero hides nothing from a reader who knows the rule.
        total[i] = _any_pinned(
            [_bounds(c, k) for c in cells],
            sum(c.value or 0 for c in cells),
            cells,
        )
    for i in people:
        counted = [r for r in range(n) if rows[r][i].value]
        if total[i] and counted and not any(hidden[r][i] for r in counted):
            # With every row shown, they would add up to the hidden total.
            smallest = min(counted, key=lambda r: rows[r][i].value or 0)
            hidden[smallest][i] = True
    if sum_i is not None:
        for r in range(n):
            hidden[r][sum_i] = any(hidden[r][i] for i in people)
        total[sum_i] = any(total[i] for i in people)

    def mark(
        cell: Cell, flag: bool, column: int, *, in_total: bool = False
    ) -> Cell:
        if not flag:
            return cell
        # Under a hidden total, bounds on its rows would add up to one on
        # it, and, set beside another table's rows, pin them.
        bounded = (
            not in_total
            and column in people
            and not total[column]
            and (cell.value or 0) < k
        )
        # The count is dropped, not only not shown: a table is published
        # by whoever turns it into rows, and [c.value for c in ...] is the
        # first thing they write.
        return attrs.evolve(
            cell,
            value=None,
            individuals=None,
            suppressed=True,
            threshold=k,
            bounded=bounded,
        )

    columns = range(len(table.columns))
    new_rows = tuple(
        attrs.evolve(row, cells=tuple(map(mark, row.cells, flags, columns)))
        for row, flags in zip(table.rows, hidden, strict=True)
    )
    totals = attrs.evolve(
        table.total,
        cells=tuple(
            mark(cell, flag, column, in_total=True)
            for cell, flag, column in zip(
                table.total.cells, total, columns, strict=True
            )
        ),
    )
    note = f"Suppression: {rule(k)}."
    if not any(
        cell.suppressed for row in (*new_rows, totals) for cell in row.cells
    ):
        # The rule alone, under a table it changed nothing in, reads as if
        # its figures were not the whole story.
        note += " No count in this table is hidden."
    return attrs.evolve(
        table,
        rows=sorted_rows(new_rows, sum_i),
        total=totals,
        notes=(*table.notes, note),
    )


def published(
    count: Count,
    registry: Registry,
    letter_id: str | None = None,
    *,
    by: str = "country",
    threshold: int = DEFAULT_THRESHOLD,
    on: dt.date | None = None,
    hide_total: bool | None = None,
    k: int | None = None,
) -> Table:
    """A table of a letter as it may be published: suppressed (see
    :func:`suppress`), and consistent with the letter's other published
    tables, so that no two of them together give a hidden count back.
    Without *letter_id*, it is of the registry's only letter.

    - The totals of people are hidden in every table when any table of the
      letter, by any ``by`` and in either count, hides them, or when a
      signature of a person who is not public has a ``signed_on`` or a
      ``withdrawn_on`` (see :func:`totals_hidden`): every table has the
      same total, on every day.
    - When they are hidden, every table hides as well each row that
      counts a person who is not public: the tables then tell only which
      rows hold such people, never how many, so that tables of different
      breakdowns (by country and by role, say) set side by side pin no
      count of them.
    - By region and sub-region, the counts of people hidden are exactly
      those of the regions that hold a country hidden by country: a
      region shown is then the sum of countries shown.

    Args:
        count: :func:`~coalition_registry.signatory_table` or
            :func:`~coalition_registry.people`.
        registry: The registry.
        letter_id: The letter.
        by: What a row is (see :data:`coalition_registry.aggregate.BY`).
        threshold: Counts of people below it are
            hidden; 1 hides nothing, and 2 is refused (see
            :func:`checked_threshold`).
        on: Count the signatures that stand on this day (default today).
        hide_total: What :func:`totals_hidden` says, when already known.
        k: The threshold's former name, deprecated.

    Raises:
        ValueError: When the threshold is 2.
        TypeError: When *count* is not a function (a table, say).
    """
    from .registry import Registry, checked

    given: object = count  # typed, but not checked by Python
    if isinstance(given, Registry):
        # published(registry, letter), as coverage(registry, letter) is
        # called: "load the folder first" would be said of the letter.
        msg = (
            "published() takes the counting function first, then the "
            "registry and the letter: cr.published(cr.signatory_table, "
            "registry, letter) (or cr.people, for people only)"
        )
        raise TypeError(msg)
    letter_id = checked(registry, "published").which_letter(letter_id)
    if not callable(given):
        # A table already made cannot be made consistent with the
        # letter's others: published() makes it.
        msg = (
            "published() takes the counting function, signatory_table or "
            f"people, not {a(type(given).__name__.lower())}; it makes the "
            "table itself (to hide the small counts of one table alone, "
            "use suppress())"
        )
        raise TypeError(msg)
    if getattr(given, "__name__", None) == "coverage":
        # Printed side by side in the README, and the first one tried.
        msg = (
            "published() takes the counting function signatory_table or "
            "people, not coverage: published(cr.signatory_table, registry) "
            "is the coverage by country as it may be published"
        )
        raise TypeError(msg)
    k = checked_threshold(_renamed(threshold, k))
    table = count(registry, letter_id, by=by, on=on)
    if k <= 1:
        return table
    if hide_total is None:
        hide_total = totals_hidden(registry, letter_id, k, on)
    if hide_total and _counts_anyone(table):
        table = _warned(table, dated=changes_by_day(registry, letter_id))
    regional = by in _REGIONAL
    keys, _ = _agreed(
        registry,
        letter_id,
        "country" if regional else by,
        k,
        on,
        hide_total=hide_total,
    )
    if not regional:
        return suppress(table, k, hide_total=hide_total, also_hide=keys)
    level = "region" if by == "region" else "sub_region"
    hidden = {_placed(key, level) for key in keys}
    return suppress(table, k, hide_total=hide_total, hidden_keys=hidden)


#: Said under every table whose letter has its total of people hidden.
FEW_PEOPLE_NOTE: Final = (
    "The total of people is hidden, since a small count of people could "
    "otherwise be worked out from it, or from this letter's tables set side "
    "by side; so is every count of people that takes in a person who is not "
    "public."
)


#: Said instead when every person the table counts is public, or a group's
#: member: the rest of the note would tell of people who are not there.
FEW_PUBLIC_PEOPLE_NOTE: Final = (
    "The total of people is hidden, since a small count of people could "
    "otherwise be worked out from it, or from this letter's tables set side "
    "by side."
)


#: Said instead when the letter's counts of such people change from day
#: to day (see :func:`changes_by_day`).
DATED_PEOPLE_NOTE: Final = (
    "The total of people is hidden, and so is every count of people that "
    "takes in a person who is not public, on every day: some of their "
    "signatures have a day of their own (signed_on, withdrawn_on), and the "
    "tables of two days set side by side would otherwise give how many "
    "joined or left."
)


def _counts_anyone(table: Table) -> bool:
    """Whether *table* counts a person: a total of no one is shown (see
    :func:`suppress`), and a note saying it is hidden would be wrong.
    """
    return any(cell.people and cell.value for cell in table.total.cells)


def _warned(table: Table, *, dated: bool) -> Table:
    note = (
        DATED_PEOPLE_NOTE
        if dated
        else FEW_PEOPLE_NOTE
        if _counts_anyone_not_public(table)
        else FEW_PUBLIC_PEOPLE_NOTE
    )
    return attrs.evolve(table, notes=(*table.notes, note))


def _counts_anyone_not_public(table: Table) -> bool:
    """Whether *table* counts a person who is not public, or may: a count
    that does not say how many of its people are counts them all as such.
    """
    return any(
        cell.people and cell.value and cell.individuals != 0
        for column, cell in zip(table.columns, table.total.cells, strict=True)
        # The sum takes in the columns beside it, and says nothing of them.
        if column != table.sum_column
    )


def totals_hidden(
    registry: Registry,
    letter_id: str,
    threshold: int = DEFAULT_THRESHOLD,
    on: dt.date | None = None,
    *,
    k: int | None = None,
) -> bool:
    """Whether some table of the letter, by any ``by``, counting signatories
    or people, counts from 1 to ``threshold - 1`` people who are not public in a
    row or its total, or hides its total of people, or the letter's counts
    of such people change from day to day (a signature of one has a
    ``signed_on`` or a ``withdrawn_on``): then every output must hide the
    totals, and every table the rows that count such people (see
    :func:`published`).

    Tables by region and sub-region are left out: what they hide follows
    from the table by country (see :func:`published`), not from their own
    counts.  The cost is linear in the letter's signatures.  ``k`` is the
    threshold's former name, deprecated.
    """
    from .aggregate import BY

    k = _renamed(threshold, k)
    if checked_threshold(k) <= 1:
        return False
    if changes_by_day(registry, letter_id):
        return True
    breakdowns = [
        _views(registry, letter_id, by, on) for by in BY if by not in _REGIONAL
    ]
    # A small count of people who are not public anywhere is enough: set
    # beside another breakdown, the rows hiding it could pin it, unless
    # the tables show nothing of such people but which rows hold some.
    return any(
        _hides_someone(table, k) for tables in breakdowns for table in tables
    ) or any(
        _agreed_on(tables, k, hide_total=False)[1] for tables in breakdowns
    )


def changes_by_day(registry: Registry, letter_id: str) -> bool:
    """Whether a signature of the letter by a person who is not public has
    a day of its own (``signed_on``, ``withdrawn_on``) that is not private
    (a private one is never compared).

    The letter's counts of such people then change from one day to
    another, and the tables of two days, set side by side, would give the
    change: how many joined or left, from which row, on which day.  Every
    day's tables must then hide the totals and each count that takes in
    such a person, as for a small count.
    """
    from .query import is_hidden

    for signature in registry.signatures_of(letter_id):
        if (
            signature.comparable_signed_on is None
            and signature.comparable_withdrawn_on is None
        ):
            continue  # no day of its own that counting compares
        who = registry.signatory(signature.signatory)
        if who is not None and is_hidden(who):
            return True
    return False


def _hides_someone(table: Table, k: int) -> bool:
    """Whether *table* counts, in a row or its total, from 1 to ``k - 1``
    people who are not public.
    """
    columns = _counts(table)
    return any(
        is_small(_protected(row.cells[i]), k)
        for row in (*table.rows, table.total)
        for i in columns
    )


def _counts(table: Table) -> list[int]:
    """The columns of *table* that count, not the one adding them up: a
    row's sum takes in its organisations too.
    """
    return [i for i, c in enumerate(table.columns) if c != table.sum_column]


def _protected(cell: Cell) -> int:
    """How many people a cell counts whose count suppression protects:
    those who are not public, or all of them when it does not say.
    """
    if not cell.people:
        return 0
    if cell.individuals is None:
        return cell.value or 0
    return cell.individuals


_REGIONAL: Final = frozenset({"region", "sub-region"})


def hidden_rows(
    registry: Registry,
    letter_id: str,
    by: str,
    k: int,
    on: dt.date | None = None,
    *,
    hide_total: bool,
) -> set[str | None]:
    """The keys of the rows by *by* whose counts of people the published
    tables hide, in both views (``None``: the unknown row); *hide_total* is
    what :func:`totals_hidden` says.
    """
    return _agreed(registry, letter_id, by, k, on, hide_total=hide_total)[0]


def _agreed(
    registry: Registry,
    letter_id: str,
    by: str,
    k: int,
    on: dt.date | None,
    *,
    hide_total: bool,
) -> tuple[set[str | None], bool]:
    """The rows by *by* whose counts of people both views (signatories and
    people) hide, each hiding what the other does until they agree: a row
    one view shows gives the other's count back through the public sizes
    of groups.  And whether either hides its total.

    Under hidden totals, every row that counts a person who is not public
    is hidden from the start (see :func:`published`).
    """
    return _agreed_on(
        _views(registry, letter_id, by, on), k, hide_total=hide_total
    )


def _views(
    registry: Registry, letter_id: str, by: str, on: dt.date | None
) -> tuple[Table, Table]:
    """The letter's tables by *by* in both views: signatories and people."""
    from .aggregate import people, signatory_table

    return (
        signatory_table(registry, letter_id, by=by, on=on),
        people(registry, letter_id, by=by, on=on),
    )


def _agreed_on(
    tables: tuple[Table, Table], k: int, *, hide_total: bool
) -> tuple[set[str | None], bool]:
    """:func:`_agreed`, on the two views' tables."""
    keys: set[str | None] = (
        _secret_rows(tables[0]) | _secret_rows(tables[1])
        if hide_total
        else set()
    )
    while True:
        done = [
            suppress(t, k, hide_total=hide_total, also_hide=keys)
            for t in tables
        ]
        found = {
            row.key
            for t in done
            for row in t.rows
            if any(cell.suppressed for cell in row.cells)
        }
        total = any(
            cell.suppressed and cell.people
            for t in done
            for cell in t.total.cells
        )
        if found <= keys:
            return keys, total
        keys |= found


def _secret_rows(table: Table) -> set[str | None]:
    """The keys of the rows of *table* that count a person who is not
    public.
    """
    columns = _counts(table)
    return {
        row.key
        for row in table.rows
        if any(_protected(row.cells[i]) for i in columns)
    }


def _placed(code: str | None, level: str) -> str | None:
    """The row key of a country's region (or sub-region) in a table."""
    if code is None:
        return None
    from . import regions

    place = getattr(regions.placement(code), level)
    return None if place is None else str(place.name)
