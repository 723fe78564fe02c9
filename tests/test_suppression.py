"""Small-count suppression: hand-built tables, and properties of tables built
by the real counting functions from random registries.
"""

from __future__ import annotations

import datetime as dt
import itertools

from collections.abc import Callable, Sequence

import attrs
import pytest

from hypothesis import given
from hypothesis import strategies as st

import coalition_registry as cr

from coalition_registry.aggregate import BY, Row, Table
from coalition_registry.suppression import (
    DATED_PEOPLE_NOTE,
    DEFAULT_THRESHOLD,
    FEW_PEOPLE_NOTE,
    FEW_PUBLIC_PEOPLE_NOTE,
    published,
    rule,
    suppress,
    totals_hidden,
)
from conftest import SHIPPED
from strategies_tables import (
    DAY,
    LETTER,
    SOURCE,
    Generated,
    registries,
    signatory_like_table,
)


Count = Callable[..., Table]
COUNTS: dict[str, Count] = {
    "signatories": cr.signatory_table,
    "people": cr.people,
}


def shown(table: Table) -> list[list[str]]:
    """Every row, the total last, as printed."""
    return [[r.label, *map(str, r.cells)] for r in (*table.rows, table.total)]


def hidden(table: Table) -> set[tuple[str, str]]:
    """(row label, column) of every suppressed cell, the total included."""
    return {
        (r.label, c)
        for r in (*table.rows, table.total)
        for c, cell in zip(table.columns, r.cells, strict=True)
        if cell.suppressed
    }


def by_label(table: Table, column: str) -> dict[str, object]:
    """One column's cells, by row label (suppression may reorder rows)."""
    i = table.columns.index(column)
    return {r.label: r.cells[i] for r in table.rows}


# -- hand-built tables ----------------------------------------------------


class TestHandBuilt:
    def test_a_row_with_only_people_counts_at_least_one(self) -> None:
        """IE + PL = 2 with each at least 1 (their rows count no one else)
        would give IE = PL = 1."""
        table = suppress(
            signatory_like_table(
                ("FR", 0, 0, 3), ("IE", 0, 0, 1), ("PL", 0, 0, 1)
            )
        )
        assert [] == pinned(table, DEFAULT_THRESHOLD)
        assert "suppressed" == str(table.total.cells[2])

    def test_row_order_does_not_tell_hidden_counts(self) -> None:
        # IE above AU would say IE's hidden count is 2, pinning GB's at 1.
        one = signatory_like_table(
            ("AU", 1, 0, 0), ("GB", 0, 0, 1), ("IE", 0, 0, 2), ("US", 0, 0, 2)
        )
        two = signatory_like_table(
            ("AU", 1, 0, 0), ("GB", 0, 0, 2), ("IE", 0, 0, 1), ("US", 0, 0, 2)
        )
        assert shown(suppress(one)) == shown(suppress(two))
        assert ["AU", "GB", "IE", "US"] == [
            r.label for r in suppress(one).rows
        ]

    def test_single_row_hides_its_total_too(self) -> None:
        table = suppress(signatory_like_table(("GB", 1, 0, 1)))
        # A sum is never shown with a bound: "<3" for 1 + 0 + x pins x.
        assert [
            ["GB", "1", "0", "suppressed", "suppressed"],
            ["Total", "1", "0", "suppressed", "suppressed"],
        ] == shown(table)

    def test_a_hidden_total_has_no_bound(self) -> None:
        """'<3' above two rows of people alone would make both 1."""
        table = suppress(
            signatory_like_table(
                ("GB", 3, 0, 0), ("IE", 0, 0, 1), ("NZ", 0, 0, 1)
            )
        )
        assert ["Total", "3", "0", "suppressed", "suppressed"] == shown(table)[
            -1
        ]

    def test_a_hidden_count_beside_an_organisation_is_not_taken_for_zero(
        self,
    ) -> None:
        """With one person each in GB (beside an organisation), IE and NZ,
        and the total of 3 shown, a reader who knows the rule knows GB's
        hidden count is at least 1, so all three would be 1."""
        table = suppress(
            signatory_like_table(
                ("GB", 1, 1, 1),
                ("IE", 0, 0, 1),
                ("NZ", 0, 0, 1),
                ("FR", 5, 0, 0),
            )
        )
        assert "suppressed" == str(table.total.cells[2])
        assert [] == pinned(table, DEFAULT_THRESHOLD)

    def test_one_small_cell_gets_a_complement(self) -> None:
        table = suppress(
            signatory_like_table(
                ("GB", 2, 0, 5), ("FR", 1, 0, 1), ("CA", 0, 1, 4)
            )
        )
        # FR's 1 is hidden, and its row's sum; no other count below 3 can
        # hide it (showing 4 as "<3" would be false), so the column's total
        # is hidden, and with it the grand total.
        assert {
            ("FR", "individuals"),
            ("FR", "signatories"),
            ("Total", "individuals"),
            ("Total", "signatories"),
        } == hidden(table)
        assert ["Total", "3", "1", "suppressed", "suppressed"] == shown(table)[
            -1
        ]

    def test_zero_is_shown(self) -> None:
        table = suppress(
            signatory_like_table(("GB", 3, 0, 0), ("FR", 1, 2, 0))
        )
        assert set() == hidden(table)
        assert ["GB", "3", "0", "0", "3"] in shown(table)

    def test_counts_at_the_threshold_are_shown(self) -> None:
        table = suppress(
            signatory_like_table(("GB", 0, 0, 3), ("FR", 0, 0, 7))
        )
        assert set() == hidden(table)

    def test_k_of_1_hides_nothing(self) -> None:
        table = signatory_like_table(("GB", 0, 0, 1), ("FR", 1, 0, 2))
        assert table == suppress(table, 1)
        with pytest.raises(ValueError, match="at least 1"):
            suppress(table, 0)

    def test_larger_k(self) -> None:
        table = suppress(
            signatory_like_table(
                ("GB", 0, 0, 4), ("FR", 0, 0, 3), ("CA", 0, 0, 9)
            ),
            threshold=5,
        )
        assert ["GB", "0", "0", "<5", "suppressed"] in shown(table)
        assert ["Total", "0", "0", "16", "16"] == shown(table)[-1]

    def test_organisations_are_never_hidden(self) -> None:
        before = signatory_like_table(
            ("GB", 1, 1, 0), ("FR", 2, 0, 1), ("CA", 1, 2, 1)
        )
        after = suppress(before)
        for column in ("organisations", "groups"):
            assert by_label(before, column) == by_label(after, column)
        i = before.columns.index("organisations")
        assert before.total.cells[i] == after.total.cells[i]
        assert ("GB", "signatories") not in hidden(after)

    def test_notes_state_the_rule_and_threshold(self) -> None:
        table = signatory_like_table(("GB", 0, 0, 5))
        for k in (3, 4, 5):
            notes = suppress(table, k).notes
            assert notes[-1].startswith(f"Suppression: {rule(k)}.")
            assert f"from 1 to {k - 1} are hidden, shown as <{k}" in notes[-1]
            assert "organisations are not hidden" in notes[-1]
        # Under a table it changed nothing in, the rule says so; under one
        # it hid a count in, it does not.
        assert notes[-1].endswith(". No count in this table is hidden.")
        hiding = suppress(signatory_like_table(("GB", 0, 0, 5)), 6)
        assert f"Suppression: {rule(6)}." == hiding.notes[-1]
        # Where nothing is hidden, the rule says so, not "from 1 to 0".
        assert "none: every count is shown (a threshold of 1)" == rule(1)

    def test_suppressed_cells_are_published_as_text(self) -> None:
        table = suppress(
            signatory_like_table(
                ("GB", 0, 0, 1), ("FR", 0, 0, 2), ("CA", 0, 0, 5)
            )
        )
        gb = next(r for r in table.as_records() if r["key"] == "GB")
        assert "<3" == gb["individuals"]
        assert "suppressed" == gb["signatories"]
        assert 0 == gb["organisations"]
        alone = suppress(signatory_like_table(("GB", 0, 0, 1)))
        (gb, total) = alone.as_records()
        # Under a hidden total, no hidden count has a bound.
        assert ["suppressed"] * 2 == [gb["individuals"], total["signatories"]]

    def test_default_threshold_is_3(self) -> None:
        assert 3 == DEFAULT_THRESHOLD

    def test_two_hidden_cells_are_not_pinned_by_their_bound(self) -> None:
        """Bug: both 2s are shown as <3, and the total gives 9 - 5 = 4 to
        share between two cells each below 3: both are exactly 2.
        """
        table = suppress(
            signatory_like_table(
                ("GB", 0, 0, 2), ("FR", 0, 0, 2), ("CA", 0, 0, 5)
            )
        )
        assert not pinned(table, DEFAULT_THRESHOLD)

    def test_a_complement_is_not_published_as_below_the_threshold(
        self,
    ) -> None:
        """Bug: the complement of FR's 1 is GB's 50, and it is printed as
        '<3', which says something false about it.
        """
        table = suppress(
            signatory_like_table(("GB", 0, 0, 50), ("FR", 0, 0, 1))
        )
        for row in table.rows:
            for cell in row.cells:
                if cell.suppressed and (cell.value or 0) >= cell.threshold:
                    assert f"<{cell.threshold}" != str(cell)

    def test_a_small_total_of_people_is_hidden(self) -> None:
        """Bug: one person in the whole table is a count of people below
        the threshold, yet the total row prints it.
        """
        table = suppress(
            signatory_like_table(("GB", 0, 0, 1), ("FR", 5, 0, 0))
        )
        assert not visible_small(table, DEFAULT_THRESHOLD)


class TestPeopleTable:
    def test_a_small_group_is_hidden_as_people(self) -> None:
        records = [
            cr.Letter(id=LETTER, title="L", sources=SOURCE),
            cr.Group(
                id="g", name="G", country="GB", member_count=2, sources=SOURCE
            ),
            cr.Organisation(id="o", name="O", hq_country="GB", sources=SOURCE),
            cr.Signature(
                id=f"{LETTER}--g",
                letter=LETTER,
                signatory="g",
                role="survivor",
            ),
            cr.Signature(
                id=f"{LETTER}--o",
                letter=LETTER,
                signatory="o",
                role="organisation",
            ),
        ]
        table = suppress(cr.people(cr.Registry(records), LETTER))
        assert [
            ["United Kingdom", "1", "suppressed", "0"],
            ["Unknown", "0", "0", "0"],
            ["Total", "1", "suppressed", "0"],
        ] == shown(table)


class TestGroupsArePublic:
    """A group's declared size is public, so a count of people that takes in
    its members must not show the individuals beside it."""

    def registry(self, individuals: int) -> cr.Registry:
        people = [
            cr.Person(
                id=f"person-{i}aaaaa", disclosure="anonymous", country="IE"
            )
            for i in range(individuals)
        ]
        group = cr.Group(id="g1", name="G", country="IE", member_count=5)
        ids = [group.id, *(p.id for p in people)]
        signatures = [
            cr.Signature(
                id=f"l--{i}", letter="l", signatory=i, role="survivor"
            )
            for i in ids
        ]
        return cr.Registry(
            [cr.Letter(id="l", title="L"), group, *people, *signatures]
        )

    @pytest.mark.parametrize("individuals", [1, 2])
    def test_people_hides_the_individuals_beside_a_group(
        self, individuals: int
    ) -> None:
        table = suppress(cr.people(self.registry(individuals), "l"))
        ireland, unknown = table.rows
        assert "Unknown" == unknown.label
        assert "suppressed" == str(ireland.cells[1])
        assert "suppressed" == str(table.total.cells[1])
        # Dropped, not only not shown: [c.value for c in ...] gives none.
        for cell in (ireland.cells[1], table.total.cells[1]):
            assert (None, None) == (cell.value, cell.individuals)
        # The signatories view hides the same person.
        signatories = suppress(cr.signatory_table(self.registry(1), "l"))
        assert str(signatories.rows[0].cells[2]) == "suppressed"

    def test_a_group_alone_is_shown(self) -> None:
        table = suppress(cr.people(self.registry(0), "l"))
        assert "5" == str(table.rows[0].cells[1])

    def test_three_individuals_are_shown(self) -> None:
        table = suppress(cr.people(self.registry(3), "l"))
        assert "8" == str(table.rows[0].cells[1])


# -- properties -----------------------------------------------------------


def owners_view(after: Table, before: Table) -> Table:
    """*after*, a suppressed *before*, with its hidden counts put back from
    *before* (by row label), as only the data's owner knows them.
    """
    rows = {r.label: r for r in before.rows}

    def restored(row: Row, raw: Row) -> Row:
        return attrs.evolve(
            row,
            cells=tuple(
                attrs.evolve(c, value=b.value, individuals=b.individuals)
                if c.suppressed
                else c
                for c, b in zip(row.cells, raw.cells, strict=True)
            ),
        )

    return attrs.evolve(
        after,
        rows=tuple(restored(r, rows[r.label]) for r in after.rows),
        total=restored(after.total, before.total),
    )


def visible_small(table: Table, k: int) -> list[tuple[str, str, int]]:
    """Cells of people from 1 to k - 1 left visible, the total included."""
    return [
        (r.label, c, cell.value)
        for r in (*table.rows, table.total)
        for c, cell in zip(table.columns, r.cells, strict=True)
        if cell.people
        and not cell.suppressed
        and cell.value is not None
        and (0 < cell.value < k or 0 < (cell.individuals or 0) < k)
    ]


def pinned(table: Table, k: int) -> list[tuple[str, str, int]]:
    """Hidden cells of people whose value a reader can work out from what
    is published: the column's total, each hidden cell's bound ('<k' is at
    most k - 1; 'suppressed' under a shown total is at least k, since it
    would otherwise read '<k'), and that a hidden count is at least 1 (a
    reader who knows the rule knows that only such counts are hidden).
    Found by trying every value each hidden cell could take, as a reader
    would.  A hidden total must have no bound at all.
    """
    out: list[tuple[str, str, int]] = []
    for i, column in enumerate(table.columns):
        if table.total.cells[i].suppressed or column == table.sum_column:
            assert not str(table.total.cells[i]).startswith("<")
            continue
        rows = [r for r in table.rows if r.cells[i].suppressed]
        if not rows:
            continue
        shown = [
            str(r.cells[i]) for r in table.rows if not r.cells[i].suppressed
        ]
        rest = int(str(table.total.cells[i])) - sum(map(int, shown))
        ranges = []
        for r in rows:
            if str(r.cells[i]).startswith("<"):
                ranges.append(range(1, k))
            else:
                ranges.append(range(k, rest + 1))
        seen: list[set[int]] = [set() for _ in rows]
        for values in itertools.product(*ranges):
            if sum(values) == rest:
                for found, value in zip(seen, values, strict=True):
                    found.add(value)
        out.extend(
            (r.label, column, min(found))
            for r, found in zip(rows, seen, strict=True)
            # A public group's members alone are no secret.
            if len(found) == 1 and r.cells[i].individuals != 0
        )
    return out


def tables(generated: Generated) -> list[Table]:
    """Every table the counting functions give for the registry."""
    registry = generated.registry
    return [
        count(registry, LETTER, by=by, on=DAY)
        for count in COUNTS.values()
        for by in BY
    ]


thresholds = st.integers(3, 5)


class TestProperties:
    @given(registries())
    def test_rows_add_up_to_the_total(self, generated: Generated) -> None:
        for table in tables(generated):
            for i, column in enumerate(table.columns):
                assert table.total.cells[i].value == sum(
                    r.cells[i].value or 0 for r in table.rows
                ), (table.by, column)

    @given(registries())
    def test_each_row_sums_its_columns(self, generated: Generated) -> None:
        registry = generated.registry
        for by in BY:
            table = cr.signatory_table(registry, LETTER, by=by, on=DAY)
            for row in (*table.rows, table.total):
                *parts, whole = (c.value for c in row.cells)
                assert whole == sum(p or 0 for p in parts)

    @given(registries())
    def test_every_partition_has_the_same_total(
        self, generated: Generated
    ) -> None:
        registry = generated.registry
        active = cr.aggregate.active_signatures(registry, LETTER, on=DAY)
        for name, count in COUNTS.items():
            totals = {
                count(registry, LETTER, by=by, on=DAY).total for by in BY
            }
            assert 1 == len(totals), name
        table = cr.signatory_table(registry, LETTER, on=DAY)
        assert len(active) == table.total.cells[-1].value

    @given(registries(), thresholds)
    def test_a_day_hides_one_total_of_people_in_every_table(
        self, generated: Generated, k: int
    ) -> None:
        """The published tables of a day agree: a total of people hidden in
        one is hidden in every other that counts anyone, with the note that
        says so; a total of 0 is shown, since every row then shows 0.
        """
        registry = generated.registry
        hidden_totals = set()
        for count in COUNTS.values():
            for by in BY:
                table = published(
                    count, registry, LETTER, by=by, threshold=k, on=DAY
                )
                column = "people" if count is cr.people else "individuals"
                i = table.columns.index(column)
                total = table.total.cells[i]
                noted = bool(
                    {
                        DATED_PEOPLE_NOTE,
                        FEW_PEOPLE_NOTE,
                        FEW_PUBLIC_PEOPLE_NOTE,
                    }
                    & set(table.notes)
                )
                assert noted == total.suppressed, (count, by)
                raw = count(registry, LETTER, by=by, on=DAY).total.cells[i]
                if raw.value:
                    hidden_totals.add(total.suppressed)
                else:
                    assert not total.suppressed, (count, by)
        assert len(hidden_totals) <= 1

    @given(registries(), thresholds)
    def test_no_small_count_of_people_is_visible(
        self, generated: Generated, k: int
    ) -> None:
        for table in tables(generated):
            assert [] == visible_small(suppress(table, k), k), table.by

    @given(registries(), thresholds)
    def test_other_columns_are_unchanged(
        self, generated: Generated, k: int
    ) -> None:
        for table in tables(generated):
            after = suppress(table, k)
            for i, column in enumerate(table.columns):
                if column in {"individuals", "people", table.sum_column}:
                    continue
                assert by_label(table, column) == by_label(after, column)
                assert table.total.cells[i] == after.total.cells[i]
            rows_after = {r.label: r for r in after.rows}
            for before_row in (*table.rows, table.total):
                after_row = rows_after.get(before_row.label, after.total)
                # A hidden count is dropped, not kept out of sight.
                assert [
                    (c.value, c.individuals) for c in before_row.cells
                ] == [
                    (b.value, b.individuals)
                    if a.suppressed
                    else (a.value, a.individuals)
                    for a, b in zip(
                        after_row.cells, before_row.cells, strict=True
                    )
                ]
                assert all(
                    (a.value, a.individuals) == (None, None)
                    for a in after_row.cells
                    if a.suppressed
                )

    @given(registries(), thresholds)
    def test_no_hidden_cell_is_the_only_one_of_its_line(
        self, generated: Generated, k: int
    ) -> None:
        for table in tables(generated):
            after = owners_view(suppress(table, k), table)
            for i, column in enumerate(after.columns):
                if after.total.cells[i].suppressed:
                    if after.sum_column is not None and any(
                        r.cells[i].people for r in (*after.rows, after.total)
                    ):
                        sum_i = after.columns.index(after.sum_column)
                        assert after.total.cells[sum_i].suppressed
                    continue
                if column == after.sum_column:
                    continue  # hidden with its row's count of people
                alone = [
                    r.cells[i] for r in after.rows if r.cells[i].suppressed
                ]
                if len(alone) == 1:
                    # Only public people and groups' members: no secret.
                    assert 0 == alone[0].individuals, (after.by, column)
            if after.sum_column is None:
                continue
            sum_i = after.columns.index(after.sum_column)
            for row in (*after.rows, after.total):
                if not row.cells[sum_i].suppressed:
                    assert not any(c.suppressed for c in row.cells), row

    @given(registries(), thresholds)
    def test_no_hidden_cell_is_pinned_by_its_bound(
        self, generated: Generated, k: int
    ) -> None:
        for table in tables(generated):
            after = owners_view(suppress(table, k), table)
            assert [] == pinned(after, k), table.by

    @given(registries(), thresholds)
    def test_suppression_keeps_the_shape(
        self, generated: Generated, k: int
    ) -> None:
        for table in tables(generated):
            after = suppress(table, k)
            assert sorted(r.label for r in table.rows) == sorted(
                r.label for r in after.rows
            )
            assert table.columns == after.columns
            note = f"Suppression: {rule(k)}."
            if not any(c.suppressed for r in after.rows for c in r.cells) and (
                not any(c.suppressed for c in after.total.cells)
            ):
                note += " No count in this table is hidden."
            assert (*table.notes, note) == after.notes

    @given(registries(), thresholds)
    def test_no_published_count_of_no_one_is_hidden(
        self, generated: Generated, k: int
    ) -> None:
        """A hidden count reads as at least 1 ('<k' or 'suppressed'): a 0
        shown so would tell of people who are not there."""
        registry = generated.registry
        hide_total = totals_hidden(registry, LETTER, k, DAY)
        for count in COUNTS.values():
            for by in BY:
                table = published(
                    count,
                    registry,
                    LETTER,
                    by=by,
                    threshold=k,
                    on=DAY,
                    hide_total=hide_total,
                )
                table = owners_view(
                    table, count(registry, LETTER, by=by, on=DAY)
                )
                assert [] == [
                    (r.label, column)
                    for r in table.rows
                    for column, cell in zip(
                        table.columns, r.cells, strict=True
                    )
                    if cell.suppressed and cell.value == 0
                ], by

    @given(registries())
    def test_threshold_1_changes_nothing(self, generated: Generated) -> None:
        for table in tables(generated):
            assert table == suppress(table, 1)
            assert not any(c.suppressed for r in table.rows for c in r.cells)


@st.composite
def twin_tables(draw: st.DrawFn) -> tuple[Table, Table]:
    """A signatory-like table, and one with its small counts of individuals
    (1 and 2) shuffled between rows: the same totals.
    """
    labels = draw(
        st.lists(st.sampled_from("ABCDEFGH"), unique=True, min_size=2)
    )
    rows = [
        (
            label,
            draw(st.integers(0, 3)),
            draw(st.integers(0, 2)),
            draw(st.integers(0, 4)),
        )
        for label in labels
    ]
    small = [n for _, _, _, n in rows if 0 < n < 3]
    shuffled = iter(draw(st.permutations(small)))
    twin = [
        (lb, o, g, next(shuffled) if 0 < n < 3 else n) for lb, o, g, n in rows
    ]
    return signatory_like_table(*rows), signatory_like_table(*twin)


@given(twin_tables())
def test_where_a_row_stands_tells_nothing_hidden(
    twins: tuple[Table, Table],
) -> None:
    one, two = (suppress(t) for t in twins)
    published = [
        {r.label: [str(c) for c in r.cells] for r in (*t.rows, t.total)}
        for t in (one, two)
    ]
    if published[0] == published[1]:  # a reader cannot tell them apart
        assert [r.label for r in one.rows] == [r.label for r in two.rows]


def letter_of(*countries: str, role: str = "survivor") -> cr.Registry:
    """A letter signed by one anonymous person from each of *countries*."""
    people = [
        cr.Person(id=f"p{i}", disclosure="anonymous", country=country)
        for i, country in enumerate(countries)
    ]
    signatures = [
        cr.Signature(id=f"l--p{i}", letter="l", signatory=f"p{i}", role=role)
        for i in range(len(countries))
    ]
    return cr.Registry([cr.Letter(id="l", title="L"), *people, *signatures])


class TestReprs:
    """A notebook shows an object by its repr: what a published table or
    an export hides must not be in it.
    """

    def test_a_hidden_cell_shows_no_count(self) -> None:
        # Seven people: France's 6 is shown, Germany's 1 hidden, and the
        # total with it.
        registry = letter_of(*["FR"] * 6, "DE")
        table = published(cr.signatory_table, registry, "l")
        germany = next(r for r in table.rows if r.key == "DE")
        assert all(c.suppressed for c in germany.cells if c.people)
        for cell in (*germany.cells, *table.total.cells):
            if cell.suppressed:
                assert "value" not in repr(cell)
                assert "individuals" not in repr(cell)
        assert "value=1," not in repr(table)
        assert "value=7," not in repr(table)

    def test_print_shows_the_table_as_the_command_does(self) -> None:
        registry = letter_of(*["FR"] * 6, "DE")
        table = published(cr.signatory_table, registry, "l")
        text = str(table)
        assert text.startswith(table.title)
        germany = next(line for line in text.splitlines() if "Germany" in line)
        assert ["suppressed", "suppressed"] == germany.split()[-2:]
        assert "7" not in text

    def test_a_table_not_suppressed_says_so_when_printed(self) -> None:
        """Printed, a raw table looks like a published one."""
        registry = letter_of(*["FR"] * 6, "DE")
        raw = str(cr.signatory_table(registry, "l"))
        assert raw.endswith(cr.aggregate.NOT_SUPPRESSED)
        shown = str(published(cr.signatory_table, registry, "l"))
        assert cr.aggregate.NOT_SUPPRESSED not in shown

    def test_a_cell_shown_keeps_its_count(self) -> None:
        cell = cr.aggregate.Cell(6, people=True, individuals=6)
        assert "Cell(value=6, people=True, individuals=6)" == repr(cell)

    def test_an_export_shows_no_count_of_people_not_listed(self) -> None:
        registry = letter_of("FR")
        export = cr.export(registry, "l")
        assert {"l": 1} == export.unlisted
        assert "unlisted" not in repr(export)
        note = "l: some signatories who are not public are counted but "
        assert (f"{note}not listed",) == export.notes()


class TestThresholdTwo:
    """2 protects no one: a count hidden below 2 could only be 1.  Every
    output meant for publication refuses it, as the commands do.
    """

    @pytest.mark.parametrize(
        "make",
        [
            lambda r: published(cr.signatory_table, r, "l", threshold=2),
            lambda r: published(cr.people, r, "l", threshold=2),
            lambda r: cr.reconcile(r, "l", threshold=2),
            lambda r: cr.export(r, "l", threshold=2),
            lambda r: totals_hidden(r, "l", 2),
            lambda r: cr.suppress(cr.signatory_table(r, "l"), 2),
        ],
        ids=[
            "signatory_table",
            "people",
            "reconcile",
            "export",
            "totals",
            "suppress",
        ],
    )
    def test_refused(self, make: Callable[[cr.Registry], object]) -> None:
        registry = letter_of("FR", "FR", "DE")
        with pytest.raises(ValueError, match="2 protects no one"):
            make(registry)

    @pytest.mark.parametrize("k", [0, -5])
    def test_a_threshold_below_1_is_refused(self, k: int) -> None:
        """As --suppress-below refuses it: 0 from a setting meaning "the
        default" showed every count (found by a privacy review)."""
        registry = letter_of("FR", "FR", "DE")
        with pytest.raises(ValueError, match="at least 1"):
            published(cr.signatory_table, registry, "l", threshold=k)

    @pytest.mark.parametrize("k", [2.5, "3", True])
    def test_a_threshold_is_a_whole_number(self, k: object) -> None:
        registry = letter_of("FR", "FR", "DE")
        with pytest.raises(TypeError, match="whole number"):
            published(cr.signatory_table, registry, "l", threshold=k)  # type: ignore[arg-type]

    def test_what_is_not_a_count_is_refused_plainly(self) -> None:
        """A table passed to published(), or a coverage to suppress(),
        failed inside ("'Table' object is not callable", "'CoverageRow'
        object has no attribute 'cells'").
        """
        registry = letter_of("FR", "FR", "DE")
        table = cr.signatory_table(registry, "l")
        with pytest.raises(TypeError, match="takes the counting function"):
            published(table, registry, "l")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not a coverage"):
            cr.suppress(cr.coverage(registry, "l"))  # type: ignore[arg-type]
        # As coverage() is called: it told to load the letter as a folder.
        with pytest.raises(TypeError) as raised:
            published(registry, "l")  # type: ignore[arg-type]
        assert "cr.published(cr.signatory_table, registry, letter)" in str(
            raised.value
        )
        assert "cr.load" not in str(raised.value)

    @pytest.mark.parametrize("k", [1, 3, 10])
    def test_others_are_taken(self, k: int) -> None:
        registry = letter_of("FR", "FR", "DE")
        published(cr.signatory_table, registry, "l", threshold=k)
        cr.reconcile(registry, "l", threshold=k)

    def test_k_is_the_former_name(self) -> None:
        """k= still works, with a warning, and means what threshold= does;
        given both, it is an error, not one silently chosen."""
        registry = letter_of("FR", "FR", "FR", "DE")
        table = cr.signatory_table(registry, "l")
        calls = [
            (published, (cr.signatory_table, registry, "l")),
            (suppress, (table,)),
            (totals_hidden, (registry, "l")),
        ]
        for function, args in calls:
            with pytest.warns(DeprecationWarning, match="threshold="):
                old = function(*args, k=5)  # type: ignore[operator]
            assert function(*args, threshold=5) == old  # type: ignore[operator]
            assert function(*args, threshold=1) != old  # type: ignore[operator]
            with pytest.raises(TypeError, match="once"):
                function(*args, threshold=4, k=5)  # type: ignore[operator]


class TestPublished:
    """Two published tables of one letter must not give a hidden count back
    together."""

    def test_every_table_hides_the_total_another_hides(self) -> None:
        """By country, 6 - France's 5 would give Germany's hidden 1."""
        registry = letter_of("FR", "FR", "FR", "FR", "FR", "DE")
        by_country = published(cr.signatory_table, registry, "l")
        assert "suppressed" == str(by_country.total.cells[-1])
        for count in COUNTS.values():
            for by in BY:
                table = published(count, registry, "l", by=by)
                shown = [
                    str(c)
                    for c in table.total.cells
                    if c.people and not c.suppressed
                ]
                assert [] == shown, (count, by)
        claimed = cr.Claim(measure="signatories", value=10)
        with_claim = cr.Registry(
            [
                cr.Letter(id="l", title="L", claims=(claimed,)),
                *registry.people,
                *registry.signatures,
            ]
        )
        (line,) = cr.reconcile(with_claim, "l").lines
        assert (True, None) == (line.suppressed, line.computed)

    def test_a_region_holding_a_hidden_country_is_hidden(self) -> None:
        registry = letter_of("SE", "SE", "SE", "IE", "IE", "JP")
        by_region = published(cr.signatory_table, registry, "l", by="region")
        cells = {r.label: str(r.cells[2]) for r in by_region.rows}
        # Ireland's two hide the totals, and with them every count of the
        # anonymous, Japan's one too, with no bound.
        assert {
            "Europe": "suppressed",
            "Asia": "suppressed",
            "Unknown": "0",
        } == cells
        by_sub = published(cr.signatory_table, registry, "l", by="sub-region")
        assert (
            "suppressed"
            == {r.label: str(r.cells[2]) for r in by_sub.rows}[
                "Northern Europe"
            ]
        )

    def test_a_hidden_total_cannot_be_added_up_from_any_table(self) -> None:
        """France 3 and Ireland <3 hide the total, 4; a table by kind with
        its one row of 4 people would give it, and Ireland's 1, back."""
        registry = letter_of("FR", "FR", "FR", "IE")
        for count in COUNTS.values():
            for by in BY:
                table = published(count, registry, "l", by=by)
                i = next(
                    j for j, c in enumerate(table.total.cells) if c.people
                )
                assert table.total.cells[i].suppressed, (count, by)
                assert any(r.cells[i].suppressed for r in table.rows), by

    def test_both_views_hide_the_same_rows(self) -> None:
        """A row shown in one view gives the other's count back through a
        group's public size: Canada's 5 people are its group of 5."""
        people = [("IE", 2), ("FR", 3)]
        registry = letter_of(*(c for c, n in people for _ in range(n)))
        group = cr.Group(id="g", name="G", country="CA", member_count=5)
        registry = cr.Registry(
            [
                *registry.letters,
                *registry.people,
                *registry.signatures,
                group,
                cr.Signature(
                    id="l--g", letter="l", signatory="g", role="survivor"
                ),
            ]
        )
        for by in ("country", "region", "role"):
            hidden = [
                {
                    r.key
                    for r in published(count, registry, "l", by=by).rows
                    if any(c.suppressed for c in r.cells)
                }
                for count in COUNTS.values()
            ]
            assert hidden[0] == hidden[1], by

    def test_a_count_of_no_one_is_never_hidden(self) -> None:
        """Austria's only people are a group of 2, hidden as people; its
        count of individuals, 0, hidden with it to keep the views agreed,
        read '<3' (1 or 2) above a total shown, and three '<3' adding up to
        3 read one each: two public people in France and one in the United
        States, and one individual in Austria, where there is none."""
        public = [
            cr.Person(
                id=f"example-public-{i}",
                disclosure="public",
                name=f"Example Public {i}",
                country=country,
            )
            for i, country in enumerate(("FR", "FR", "US", *["GB"] * 5))
        ]
        group = cr.Group(id="g", name="G", country="AT", member_count=2)
        signatures = [
            cr.Signature(
                id=f"l--{who}", letter="l", signatory=who, role="survivor"
            )
            for who in (*(p.id for p in public), group.id)
        ]
        registry = cr.Registry(
            [cr.Letter(id="l", title="L"), *public, group, *signatures]
        )
        for by in ("country", "region"):
            table = published(cr.signatory_table, registry, "l", by=by)
            row = next(
                r for r in table.rows if r.label in {"Austria", "Europe"}
            )
            if by == "country":
                assert ["Austria", "0", "1", "0", "1"] == [
                    row.label,
                    *map(str, row.cells),
                ]
            for r in (*table.rows, table.total):
                for cell in r.cells:
                    assert not (cell.suppressed and cell.value == 0), (by, r)
        people = published(cr.people, registry, "l")
        austria = next(r for r in people.rows if r.key == "AT")
        assert "<3" == str(austria.cells[1])

    def test_a_group_of_public_size_bounds_its_row(self) -> None:
        """UK: a group of 5 and one person, hidden; Ireland <3; France 3;
        Total 9: the UK is 6 or 7, so Ireland would be 1 or 0."""
        registry = letter_of("GB", "IE", "FR", "FR", "FR")
        group = cr.Group(id="g", name="G", country="GB", member_count=5)
        registry = cr.Registry(
            [
                *registry.letters,
                *registry.people,
                *registry.signatures,
                group,
                cr.Signature(
                    id="l--g", letter="l", signatory="g", role="survivor"
                ),
            ]
        )
        for table in (
            suppress(cr.people(registry, "l")),
            published(cr.people, registry, "l"),
        ):
            hidden = [r.label for r in table.rows if r.cells[1].suppressed]
            assert table.total.cells[1].suppressed or len(hidden) >= 3, hidden

    def test_public_people_named_in_the_export_are_known(self) -> None:
        """Jane and John are listed by name; a total of 3 would give the
        one anonymous person beside them."""
        public = [
            cr.Person(id=n, disclosure="public", name=n, country="GB")
            for n in ("jane-doe", "john-roe")
        ]
        anon = cr.Person(
            id="person-a1b2c3", disclosure="anonymous", country="GB"
        )
        signatures = [
            cr.Signature(
                id=f"l--{p.id}", letter="l", signatory=p.id, role="survivor"
            )
            for p in (*public, anon)
        ]
        registry = cr.Registry(
            [cr.Letter(id="l", title="L"), *public, anon, *signatures]
        )
        for count in COUNTS.values():
            for by in BY:
                table = published(count, registry, "l", by=by)
                totals = [c for c in table.total.cells if c.people]
                assert all(c.suppressed for c in totals), (count, by)
        notes = cr.export(registry).notes()
        assert (
            "l: some signatories who are not public are counted but not listed",
        ) == notes

    def test_suppressed_beside_public_people_is_at_least_the_threshold(
        self,
    ) -> None:
        """The UK: a public person and two anonymous ones, hidden for
        them and shown as 'suppressed', which under a shown total says 3
        or more (a smaller count would read '<3'); France's public person
        and Ireland's anonymous one '<3'; a total of 5 would make the UK 3,
        France 1 and Ireland 1."""
        public = [
            cr.Person(
                id=f"example-public-{c.lower()}",
                disclosure="public",
                name=f"Example Public {c}",
                country=c,
            )
            for c in ("GB", "FR")
        ]
        anonymous = letter_of("GB", "GB", "IE")
        signatures = [
            cr.Signature(
                id=f"l--{p.id}", letter="l", signatory=p.id, role="survivor"
            )
            for p in public
        ]
        registry = cr.Registry(
            [
                *anonymous.letters,
                *anonymous.people,
                *anonymous.signatures,
                *public,
                *signatures,
            ]
        )
        for count in COUNTS.values():
            table = suppress(count(registry, "l"))
            assert [] == pinned(table, DEFAULT_THRESHOLD), count
            published_table = published(count, registry, "l")
            assert [] == pinned(published_table, DEFAULT_THRESHOLD), count


# -- a reader who knows the rule ------------------------------------------------


SHIPPED_LETTER = "survivors-letter-2023"
# Anonymous people added to the shipped letter: from a country no other
# signatory is from (NZ), from one organisations are from too (GB), or from
# none known (beside an organisation and a group under Unknown); in one of
# two roles.
PEOPLE = [(c, r) for c in ("NZ", "GB", None) for r in ("survivor", "expert")]
MOST = 6  # people in a world; every world of up to MOST // 2 is judged


@pytest.fixture(scope="module", name="shipped")
def _shipped() -> cr.Report:
    return cr.validate(SHIPPED)


# Public people, named in the export, so known to every reader: three
# survivors in the United Kingdom and three experts in France (fictional).
PUBLIC = [("GB", "survivor")] * 3 + [("FR", "expert")] * 3
# Anonymous people beside them: in a country no other signatory is from
# (IE), or beside the public survivors (GB), in the same two roles.  One
# anonymous expert in Ireland, beside an anonymous survivor there, was
# worked out from the tables by country and by role.
BESIDE_PUBLIC = [(c, r) for c in ("IE", "GB") for r in ("survivor", "expert")]

Kinds = tuple[tuple[str | None, str], ...]


def world(
    shipped: cr.Report,
    people: Kinds,
    public: Sequence[tuple[str | None, str]] = (),
) -> cr.Registry:
    """The shipped letter, signed as well by anonymous *people* and by
    *public* people, each a (country, role)."""
    added: list[object] = []
    for i, (country, role) in enumerate(public):
        who = f"example-public-person-{i}"
        added += [
            cr.Person(
                id=who,
                disclosure="public",
                name=f"Example Public Person {i}",
                country=country,
            ),
            cr.Signature(
                id=f"{SHIPPED_LETTER}--{who}",
                letter=SHIPPED_LETTER,
                signatory=who,
                role=role,
            ),
        ]
    for i, (country, role) in enumerate(people):
        who = f"person-w{i:03d}"
        added += [
            cr.Person(id=who, disclosure="anonymous", country=country),
            cr.Signature(
                id=f"{SHIPPED_LETTER}--{who}",
                letter=SHIPPED_LETTER,
                signatory=who,
                role=role,
            ),
        ]
    return cr.Registry([*shipped.registry_records, *added], shipped.info)


def what_is_published(registry: cr.Registry) -> tuple[object, ...]:
    """Every table of the letter, in both views, and its claims, as the
    commands publish them."""
    hide_total = totals_hidden(registry, SHIPPED_LETTER, DEFAULT_THRESHOLD)
    tables = tuple(
        tuple(
            map(
                tuple,
                shown(
                    published(
                        count,
                        registry,
                        SHIPPED_LETTER,
                        by=by,
                        hide_total=hide_total,
                    )
                ),
            )
        )
        for by in BY
        for count in COUNTS.values()
    )
    claims = tuple(
        (line.label, None if line.suppressed else line.computed, line.bounded)
        for line in cr.reconcile(registry, SHIPPED_LETTER).lines
    )
    return (*tables, claims)


def facts(people: tuple[tuple[str | None, str], ...]) -> dict[object, int]:
    """What a reader must not learn exactly when it is from 1 to K - 1:
    how many people, by country, by role and by both."""
    out: dict[object, int] = {"people": len(people)}
    for country, role in people:
        for key in (country, role, (country, role)):
            out[key] = out.get(key, 0) + 1
    return out


def pinned_in_some_world(
    shipped: cr.Report,
    kinds: Sequence[tuple[str | None, str]],
    public: Sequence[tuple[str | None, str]],
) -> list[tuple[object, int, Kinds]]:
    """Small counts a reader who knows the rule works out: every world of
    up to MOST anonymous people of *kinds*, beside the *public* people, is
    published, and a count is pinned where every world that publishes the
    same (of those small enough to judge) has it, from 1 to K - 1."""
    looks: dict[tuple[object, ...], list[Kinds]] = {}
    for n in range(MOST + 1):
        for people in itertools.combinations_with_replacement(kinds, n):
            looks.setdefault(
                what_is_published(world(shipped, people, public)), []
            ).append(people)
    pinned: list[tuple[object, int, Kinds]] = []
    for worlds in looks.values():
        if min(map(len, worlds)) > MOST // 2:
            continue  # its other worlds may have more than MOST people
        seen = [facts(w) for w in worlds]
        for key in set().union(*seen):
            values = {s.get(key, 0) for s in seen}
            if (
                len(values) == 1
                and 0 < (v := values.pop()) < DEFAULT_THRESHOLD
            ):
                pinned.append((key, v, worlds[0]))
    return pinned


class TestReaderWhoKnowsTheRule:
    """Whoever knows how the tables are made, and sees every table of a
    letter, cannot tell a small count exactly: every world of a few
    anonymous people looks the same as another world in which that count
    differs.  Found by trying every world, as such a reader would."""

    def test_no_small_count_is_pinned(self, shipped: cr.Report) -> None:
        assert [] == pinned_in_some_world(shipped, PEOPLE, ())

    def test_no_small_count_is_pinned_across_breakdowns(
        self, shipped: cr.Report
    ) -> None:
        """The reader sets the tables by country and by role (and every
        other), in both views, side by side, and takes away the public
        people the export names: one anonymous survivor and one anonymous
        expert in Ireland, with no one else hidden, showed as Ireland
        hidden (so fewer than 3) beside two hidden roles (so at least one
        each), which makes both exactly 1."""
        assert [] == pinned_in_some_world(shipped, BESIDE_PUBLIC, PUBLIC)


class TestDays:
    """Tables of two days, side by side, give back no count of people who
    are not public: where such a person's signature has a day of its own,
    every day's tables hide their counts, as for a small count.
    """

    WITHDRAWN = dt.date(2024, 2, 1)

    def registry(self, withdrawn_on: dt.date | None) -> cr.Registry:
        """Seven anonymous people, four in Ireland, one of whom withdrew."""
        countries = ("IE", "IE", "IE", "IE", "FR", "FR", "FR")
        people = [
            cr.Person(id=f"p{i}", disclosure="anonymous", country=country)
            for i, country in enumerate(countries)
        ]
        signatures = [
            cr.Signature(
                id=f"l--p{i}",
                letter="l",
                signatory=f"p{i}",
                role="survivor",
                status="withdrawn" if i == 3 else "active",
                withdrawn_on=withdrawn_on if i == 3 else None,
            )
            for i in range(len(countries))
        ]
        letter = cr.Letter(id="l", title="L", date=dt.date(2023, 9, 18))
        return cr.Registry([letter, *people, *signatures])

    def test_a_dated_withdrawal_changes_no_published_table(self) -> None:
        registry = self.registry(self.WITHDRAWN)
        before = self.WITHDRAWN - dt.timedelta(days=1)
        assert totals_hidden(registry, "l", on=before)
        for count in (cr.signatory_table, cr.people):
            for by in BY:
                tables = [
                    str(published(count, registry, "l", by=by, on=day))
                    for day in (before, self.WITHDRAWN)
                ]
                assert tables[0] == tables[1], (count, by)
        table = published(cr.signatory_table, registry, "l")
        assert DATED_PEOPLE_NOTE in table.notes  # the reason that holds
        assert FEW_PEOPLE_NOTE not in table.notes
        export = cr.export(registry, "l", on=self.WITHDRAWN)
        counts = [n for n in export.notes() if not n.startswith("counted")]
        assert counts
        assert not any(c.isdigit() for note in counts for c in note)
        assert {"l": None} == export.as_dict()["withdrawn_unlisted"]

    def test_an_undated_withdrawal_keeps_the_counts(self) -> None:
        """Withdrawn with no date, the signature counts on no day: no day
        differs from another, and counts of 3 or more are shown."""
        registry = self.registry(None)
        assert not totals_hidden(registry, "l")
        table = published(cr.signatory_table, registry, "l")
        ireland = next(r for r in table.rows if r.key == "IE")
        assert 3 == ireland.cells[-1].value

    def test_a_day_that_counts_no_one_shows_a_total_of_0(self) -> None:
        """Before a dated signature of a person who is not public, a day
        that counts no person shows its total of people as 0 in every
        table: 'suppressed' above rows that all show 0 would say they do
        not add up to it, and a table with no row (by kind) showed 0 while
        the table by country said 'suppressed'.
        """
        signed = dt.date(2024, 2, 1)
        registry = cr.Registry(
            [
                cr.Letter(id="l", title="L", date=dt.date(2023, 9, 18)),
                cr.Person(id="p0", disclosure="anonymous", country="IE"),
                cr.Signature(
                    id="l--p0",
                    letter="l",
                    signatory="p0",
                    role="survivor",
                    signed_on=signed,
                ),
            ]
        )
        day_before = signed - dt.timedelta(days=1)
        for count in (cr.signatory_table, cr.people):
            column = "people" if count is cr.people else "individuals"
            for by in BY:
                before = published(count, registry, "l", by=by, on=day_before)
                assert not hidden(before), (count, by)
                assert DATED_PEOPLE_NOTE not in before.notes
                after = published(count, registry, "l", by=by, on=signed)
                assert ("Total", column) in hidden(after)
                assert DATED_PEOPLE_NOTE in after.notes


@pytest.mark.parametrize(
    ("disclosure", "note"),
    [("public", FEW_PUBLIC_PEOPLE_NOTE), ("anonymous", FEW_PEOPLE_NOTE)],
)
def test_the_note_of_a_hidden_total_tells_of_no_one_who_is_not_there(
    disclosure: str, note: str
) -> None:
    """Two public people in France hid the total, and the note went on "so
    is every count of people that takes in a person who is not public",
    of a letter that had none.
    """
    people = [
        cr.Person(
            id=f"person-{i}",
            disclosure=disclosure,
            name=None if disclosure == "anonymous" else f"Example {i}",
            country="FR",
        )
        for i in ("a", "b")
    ]
    registry = cr.Registry(
        [
            cr.Letter(id="l", title="L"),
            *people,
            *(
                cr.Signature(
                    id=f"l--{p.id}", letter="l", signatory=p.id, role="expert"
                )
                for p in people
            ),
        ]
    )
    for count in (cr.signatory_table, cr.people):
        notes = published(count, registry, "l").notes
        assert note in notes
        assert {FEW_PEOPLE_NOTE, FEW_PUBLIC_PEOPLE_NOTE} - {note} & set(
            notes
        ) == set()
