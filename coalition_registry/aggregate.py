"""Aggregations: counts over a registry, as small pure functions returning
immutable tables that say what they count.

The rules, stated once here and in ``docs/counting.md``:

- Each active signature counts once (a signature withdrawn on or before the
  day counted, by default today, does not count).
- A signatory counts in *its* country: an organisation in its headquarters
  country, a person or a group in their country.  A signatory without a
  known country, or whose country is private, counts under "Unknown", which
  is never dropped.
- Counting **signatories**, a group is one signatory.  Counting **people**
  (:func:`people`), an organisation is one, a person is one, and a group
  counts as its declared number of members; a group whose size is unknown
  is reported as such, never as 1 or 0.
"""

from __future__ import annotations

import datetime as dt

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

import attrs

from .countries import country_name, normalise
from .model import Claim, Group, Organisation, Person, Signatory, Signature
from .query import country_of, is_hidden
from .registry import Registry, checked, day_of, look_up_all


__all__ = [
    "BY",
    "Cell",
    "Coverage",
    "CoverageRow",
    "Row",
    "Table",
    "active_signatures",
    "claim_figure",
    "coverage",
    "people",
    "signatory_table",
]

UNKNOWN: Final = "Unknown"


def active_signatures(
    registry: Registry, letter_id: str, *, on: dt.date | None = None
) -> tuple[Signature, ...]:
    """The signatures of a letter that count on the day *on* (default today):
    active ones, and those withdrawn after that day.

    Raises:
        UnknownLetterError: When no letter has the id (so do the counts and
            tables of this module).
    """
    registry.letter(letter_id)
    return tuple(registry.standing(letter_id, day_of(on)))


# -- keys: what a row of a table is --------------------------------------


def _country_key(who: Signatory, _: Signature) -> tuple[str | None, str]:
    code = country_of(who)
    return code, country_name(code) if code else UNKNOWN


def _region_key(
    level: str,
) -> Callable[[Signatory, Signature], tuple[str | None, str]]:
    def key(who: Signatory, _: Signature) -> tuple[str | None, str]:
        from . import regions

        code = country_of(who)
        name = None
        if code:
            place = regions.placement(code)
            region = getattr(place, level)
            name = region.name if region is not None else None
        return name, name or UNKNOWN

    return key


def _kind_key(who: Signatory, _: Signature) -> tuple[str | None, str]:
    if isinstance(who, Organisation):
        # Not "organisation" alone: beside "organisation: charity", a row
        # of that name reads as every organisation.  A private kind is
        # not told apart from a missing one.
        kind = None if "kind" in who.private else who.kind
        label = f"organisation: {kind or 'not stated'}"
        return label, label
    return who.kind_name, who.kind_name


def _role_key(_: Signatory, signature: Signature) -> tuple[str | None, str]:
    if "role" in signature.private:
        return None, "not stated"
    return signature.role, signature.role


def _scope_key(who: Signatory, _: Signature) -> tuple[str | None, str]:
    if (
        isinstance(who, Organisation)
        and who.scope
        and "scope" not in who.private
    ):
        return who.scope, who.scope
    return None, "not stated"


def _verification_key(
    _: Signatory, signature: Signature
) -> tuple[str | None, str]:
    if "verification" in signature.private:
        return None, "not stated"
    return signature.verification, signature.verification


Key = Callable[[Signatory, Signature], tuple[str | None, str]]

#: The ways a table can be broken down, by the name the CLI uses.
BY: Final[dict[str, Key]] = {
    "country": _country_key,
    "region": _region_key("region"),
    "sub-region": _region_key("sub_region"),
    "kind": _kind_key,
    "role": _role_key,
    "scope": _scope_key,
    "verification": _verification_key,
}

_RULES: Final = {
    "country": "an organisation counts in its headquarters country, a person "
    "or group in their country; no known country: Unknown",
    "region": "by the UN M49 region of the country counted (an "
    "organisation's headquarters country, a person's or group's country)",
    "sub-region": "by the UN M49 sub-region of the country counted (an "
    "organisation's headquarters country, a person's or group's country)",
    "kind": "by record kind, and by kind for organisations",
    "role": "by the role given in each signature",
    "scope": "by an organisation's scope; people and groups: not stated",
    "verification": "by who vouches for each signature",
}


# -- tables ---------------------------------------------------------------


@attrs.frozen(repr=False)
class Cell:
    """One count in a table.

    Attributes:
        value: The count; ``None`` when it is unknown (a group of unknown
            size), never a guess, and when it is hidden: suppression drops
            the count, so a table it made holds none it hides.
        suppressed: Whether it is hidden (small-count suppression).
        threshold: The suppression threshold it was hidden under.
        people: Whether it counts people (and may be suppressed).
        bounded: Whether a hidden cell is shown as ``<threshold`` (a count
            of people below it) rather than as ``suppressed``.
        individuals: For a count of people, how many are people who are
            not public: the part suppression protects, since a group's
            declared size and a public person (named in the export) are
            known to a reader.  ``None`` when every person counted is to
            be protected, and when the count is hidden.
    """

    value: int | None
    suppressed: bool = False
    threshold: int = 0
    people: bool = False
    bounded: bool = False
    individuals: int | None = None

    def __str__(self) -> str:
        if self.suppressed:
            return f"<{self.threshold}" if self.bounded else "suppressed"
        return "unknown" if self.value is None else str(self.value)

    def __repr__(self) -> str:
        # A notebook shows a table by its repr: a hidden count must not
        # be in it (``value`` still holds it, for the data's owner).
        if self.suppressed:
            return (
                f"Cell({str(self)!r}, suppressed=True, "
                f"threshold={self.threshold}, people={self.people})"
            )
        return (
            f"Cell(value={self.value!r}, people={self.people}, "
            f"individuals={self.individuals!r})"
        )

    @property
    def nonzero(self) -> bool:
        """Whether it counts anyone: a hidden count always does, since
        suppression hides only counts from 1.
        """
        return self.suppressed or bool(self.value)

    def public(self) -> int | str | None:
        """The value as it may be published: a number, or a stand-in."""
        if self.suppressed:
            return str(self)
        return self.value


#: Under a printed table that counts people and hides none of them.
NOT_SUPPRESSED: Final = (
    "Not suppressed: every count of people is shown, small ones too; to "
    "publish, make the table with coalition_registry.published()"
)


@attrs.frozen
class Row:
    """A row of a table.

    Attributes:
        key: What it counts (a country code, a role...); ``None`` for the
            unknown row and for the total.
        label: The key for people ("United Kingdom", "Unknown", "Total").
        cells: One cell per column.
    """

    key: str | None
    label: str
    cells: tuple[Cell, ...]

    def __getitem__(self, column: int) -> Cell:
        return self.cells[column]


@attrs.frozen
class Table:
    """An immutable table of counts that says what it counts and how.

    ``print(table)`` shows it as ``coalition-registry coverage`` prints it.

    Attributes:
        title: What the table shows.
        by: What a row is (``country``, ``role``...).
        columns: The columns' names.
        rows: The rows, largest first, the unknown row last.
        total: The totals row.
        rule: The counting rule, in words.
        notes: Anything a reader must know: suppression and its
            threshold, unknown group sizes.
        sum_column: The column that adds up the others in each row, if any.
    """

    title: str
    by: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row
    rule: str
    notes: tuple[str, ...] = ()
    sum_column: str | None = None

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of one column, rows in order (total excluded)."""
        i = self.columns.index(name)
        return tuple(r.cells[i] for r in self.rows)

    def __str__(self) -> str:
        """The table as aligned text, with its title, rule and notes, and
        hidden counts shown as hidden: as ``coalition-registry coverage``
        prints it, but for the notes on countries that the command adds
        under a table by country (see :func:`country_summary`).
        """
        import io

        from .render import table_text

        out = io.StringIO()
        table_text(self, out)
        if not any(n.startswith("Suppression:") for n in self.notes) and any(
            cell.people and cell.value
            for row in self.rows
            for cell in row.cells
        ):
            # Printed, it looks like what the commands publish: say that
            # it is not, before it is pasted somewhere.
            out.write(NOT_SUPPRESSED + "\n")
        # print() ends the line.
        return out.getvalue().removesuffix("\n")

    def as_records(self) -> list[dict[str, int | str | None]]:
        """Plain rows for ``csv.DictWriter`` or a DataFrame, total last.

        A count is an ``int``, text where it is hidden (``"<3"``,
        ``"suppressed"``), or ``None`` where it is unknown; typed so, a
        type checker asks code that adds counts up to set those aside
        first.  The ``key`` of the Unknown and Total rows is ``None``.
        """
        return [
            {
                self.by: r.label,
                "key": r.key,
                **{
                    c: cell.public()
                    for c, cell in zip(self.columns, r.cells, strict=True)
                },
            }
            for r in (*self.rows, self.total)
        ]

    def as_dict(self) -> dict[str, Any]:
        """The table as JSON-ready data."""
        return {
            "title": self.title,
            "by": self.by,
            "rule": self.rule,
            "notes": list(self.notes),
            "columns": list(self.columns),
            "rows": self.as_records(),
        }


def sorted_rows(rows: Iterable[Row], sum_i: int | None) -> tuple[Row, ...]:
    """Rows largest first, then by label, the unknown row last.

    A row's size is what it shows: its sum (column *sum_i*) when that is
    shown, otherwise the sum of its shown counts.  A hidden count never
    moves a row, so the order of a suppressed table gives nothing away.
    """

    def order(r: Row) -> tuple[bool, int, str]:
        if sum_i is not None and not r.cells[sum_i].suppressed:
            size = r.cells[sum_i].value or 0
        else:
            size = sum(
                c.value or 0
                for i, c in enumerate(r.cells)
                if i != sum_i and not c.suppressed
            )
        return (r.key is None, -size, r.label)

    return tuple(sorted(rows, key=order))


def _key(by: object) -> Key:
    """What a row is, for a breakdown named *by*."""
    # Checked first: a list of breakdowns is not one, and would fail as
    # unhashable in whatever looked it up first.
    key = BY.get(by) if isinstance(by, str) else None
    if key is None:
        msg = f"by must be one of {', '.join(BY)}, not {by!r}"
        raise ValueError(msg)
    return key


def _counted(
    registry: Registry, letter_id: str, by: str, on: dt.date | None
) -> Iterator[tuple[tuple[str | None, str], Signatory]]:
    """Each counted signature's row and signatory (recorded ones only)."""
    key = _key(by)
    for signature in active_signatures(registry, letter_id, on=on):
        who = registry.signatory(signature.signatory)
        if who is not None:
            yield key(who, signature), who


def _unknown_row_always(
    counts: dict[tuple[str | None, str], list[int]], by: str
) -> None:
    """By place, the Unknown row is there even at 0: a table without it
    would read as if every signatory's country were known, and its absence
    would differ between letters for no visible reason.
    """
    if by in _BY_PLACE:
        counts[None, UNKNOWN] = [0, 0, 0, 0]


_BY_PLACE: Final = frozenset({"country", "region", "sub-region"})


SIGNATORY_COLUMNS: Final = (
    "organisations",
    "groups",
    "individuals",
    "signatories",
)


def signatory_table(
    registry: Registry,
    letter_id: str | None = None,
    *,
    by: str = "country",
    on: dt.date | None = None,
) -> Table:
    """Count a letter's signatories by country, region, kind, role, scope or
    verification: organisations, groups and individuals apart, and in all.
    Without *letter_id*, it is of the registry's only letter.

    Nothing is hidden: the ``individuals`` column counts people, small
    counts included.  To publish a table, make it with
    :func:`coalition_registry.published` (``published(signatory_table,
    registry, letter_id, by=...)``), which hides what the commands hide,
    consistently across the letter's tables;
    :func:`~coalition_registry.suppress` protects one table on its own only.
    """
    letter_id = checked(registry, "signatory_table").which_letter(letter_id)
    _key(by)
    # organisations, groups, individuals, of whom not public
    counts: dict[tuple[str | None, str], list[int]] = defaultdict(
        lambda: [0, 0, 0, 0]
    )
    _unknown_row_always(counts, by)
    for row_key, who in _counted(registry, letter_id, by, on):
        row = counts[row_key]
        if isinstance(who, Organisation):
            row[0] += 1
        elif isinstance(who, Group):
            row[1] += 1
        else:
            row[2] += 1
            row[3] += is_hidden(who)
    rows = [
        Row(k, label, _signatory_cells(values))
        for (k, label), values in counts.items()
    ]
    totals = [sum(v[i] for v in counts.values()) for i in range(4)]
    return Table(
        title=f"Signatories of {_title(registry, letter_id)}, by {by}",
        by=by,
        columns=SIGNATORY_COLUMNS,
        rows=sorted_rows(rows, SIGNATORY_COLUMNS.index("signatories")),
        total=Row(None, "Total", _signatory_cells(totals)),
        rule=_RULES[by]
        + "; one per active signature; a group is one signatory",
        sum_column="signatories",
    )


def _title(registry: Registry, letter_id: str) -> str:
    letter = registry.letters.get(letter_id)
    return letter.display_title if letter is not None else letter_id


def _signatory_cells(values: list[int]) -> tuple[Cell, ...]:
    orgs, groups, individuals, secret = values
    return (
        Cell(orgs),
        Cell(groups),
        Cell(individuals, people=True, individuals=secret),
        Cell(orgs + groups + individuals, people=individuals > 0),
    )


def headcount(who: Signatory) -> int | None:
    """How many people and organisations a signatory stands for."""
    if isinstance(who, Group):
        return None if "member_count" in who.private else who.member_count
    return 1


PEOPLE_COLUMNS: Final = ("organisations", "people", "groups of unknown size")


def people(
    registry: Registry,
    letter_id: str | None = None,
    *,
    by: str = "country",
    on: dt.date | None = None,
) -> Table:
    """Count the people and organisations behind a letter's signatures: a
    group counts as its declared members; a group of unknown size is
    counted in its own column, never as 1 or 0.
    Without *letter_id*, it is of the registry's only letter.

    Nothing is hidden: the ``people`` column counts people, small counts
    included.  To publish a table, make it with
    :func:`coalition_registry.published` (``published(people, registry,
    letter_id, by=...)``).
    """
    letter_id = checked(registry, "people").which_letter(letter_id)
    _key(by)
    # organisations, people, groups of unknown size, individual people
    counts: dict[tuple[str | None, str], list[int]] = defaultdict(
        lambda: [0, 0, 0, 0]
    )
    _unknown_row_always(counts, by)
    for row_key, who in _counted(registry, letter_id, by, on):
        size = headcount(who)
        row = counts[row_key]
        if isinstance(who, Organisation):
            row[0] += 1
        elif size is None:
            row[2] += 1
        else:
            row[1] += size
            row[3] += is_hidden(who)
    rows = [
        Row(k, label, _people_cells(v)) for (k, label), v in counts.items()
    ]
    totals = [sum(v[i] for v in counts.values()) for i in range(4)]
    unknown_groups = totals[2]
    notes = (
        (
            (
                f"{unknown_groups} group(s) of unknown size: the people count is "
                "a lower bound."
            ),
        )
        if unknown_groups
        else ()
    )
    return Table(
        title=f"People and organisations behind {_title(registry, letter_id)}, by {by}",
        by=by,
        columns=PEOPLE_COLUMNS,
        rows=sorted_rows(rows, None),
        total=Row(None, "Total", _people_cells(totals)),
        rule=_RULES[by] + "; a group counts as its declared members",
        notes=notes,
    )


def _people_cells(values: list[int]) -> tuple[Cell, ...]:
    orgs, persons, unknown, individuals = values
    return (
        Cell(orgs),
        Cell(persons, people=True, individuals=individuals),
        Cell(unknown),
    )


# -- the simple coverage table of the core ------------------------------


@attrs.frozen
class CoverageRow:
    """One country's line in a coverage table.

    Attributes:
        country: The alpha-2 code, or ``None`` for the unknown row.
        name: The country's name ("Unknown" for the unknown row).
        signatories: Active signatures whose signatory counts here.
        international: How many of those are international organisations.
    """

    country: str | None
    name: str
    signatories: int
    international: int = 0


@attrs.frozen
class Coverage:
    """Coverage of one letter by country.

    Attributes:
        letter: The letter's id.
        rows: One row per country, most signatories first, then by name.
        unknown: Signatories whose country is unknown or private.
        claimed_countries: The number of countries a claim states, if any.
        missing: Countries a claim lists that no record covers yet.
    """

    letter: str
    rows: tuple[CoverageRow, ...]
    unknown: CoverageRow
    claimed_countries: int | None = None
    missing: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """Every active signature: the countries' rows plus unknown."""
        return sum(r.signatories for r in self.rows) + self.unknown.signatories

    @property
    def countries(self) -> int:
        """How many distinct countries the records cover."""
        return len(self.rows)

    def as_dict(self) -> dict[str, Any]:
        """The table as plain JSON-ready data."""
        return {
            "letter": self.letter,
            "countries": self.countries,
            "claimed_countries": self.claimed_countries,
            "missing_countries": list(self.missing),
            "total": self.total,
            "rows": [attrs.asdict(r) for r in (*self.rows, self.unknown)],
        }


def coverage(
    registry: Registry,
    letter_id: str | None = None,
    *,
    on: dt.date | None = None,
) -> Coverage:
    """Count a letter's active signatories by country.
    Without *letter_id*, it is of the registry's only letter.

    Nothing is hidden: a row's count takes in people, small counts of
    people who are not public included, so these figures are for the data's
    owner, not for publication.  Publish a table made with
    :func:`coalition_registry.published` instead.

    >>> cov = coverage(load("registry_data"), "survivors-letter-2023")
    >>> cov.countries, cov.claimed_countries, cov.unknown.signatories
    (7, 24, 2)
    """
    letter_id = checked(registry, "coverage").which_letter(letter_id)
    letter = registry.letter(letter_id)
    countries, international_ids = registry.places()
    ids = registry.signatory_ids(letter_id, day_of(on))
    counts: Counter[str | None] = Counter(look_up_all(countries, ids))
    international: Counter[str | None] = Counter(
        international_ids[i] for i in international_ids.keys() & ids
    )
    rows = sorted(
        (
            CoverageRow(code, country_name(code), n, international[code])
            for code, n in counts.items()
            if code is not None
        ),
        # Ties in the alphabet's order: Türkiye before Turkmenistan, not
        # after Zimbabwe as its ü would sort.
        key=lambda r: (-r.signatories, normalise(r.name), r.name),
    )
    unknown = CoverageRow(None, UNKNOWN, counts[None], international[None])
    claim = _countries_claim(letter.claims)
    missing = (
        tuple(sorted(set(claim.countries) - set(counts)))
        if claim is not None
        else ()
    )
    return Coverage(
        letter_id,
        tuple(rows),
        unknown,
        claim.value if claim is not None else None,
        missing,
    )


def _countries_claim(claims: Iterable[Claim]) -> Claim | None:
    for claim in claims:
        if claim.measure == "countries":
            return claim
    return None


@attrs.frozen
class Figure:
    """What the records show for one claim.

    Attributes:
        known: The part the records establish.
        people: How much of ``known`` is individual people (for
            suppression).
        unknown_groups: Groups of unknown size counted in, each making the
            figure a lower bound.
        individuals: How much of ``people`` is people who are not public,
            rather than public people or the declared members of groups
            (for suppression: those are known to a reader).
    """

    known: int
    people: int = 0
    unknown_groups: int = 0
    individuals: int = 0

    @property
    def exact(self) -> bool:
        """Whether the figure is exact rather than a lower bound."""
        return self.unknown_groups == 0


def claim_figure(
    records: Registry | Iterable[Any],
    letter_id: str,
    claim: Claim,
    *,
    on: dt.date | None = None,
) -> Figure:
    """What the records show for the figure a claim states: for
    ``signatories``, the people and organisations behind the active
    signatures with the claim's roles (a group as its declared members);
    for ``countries``, the distinct countries covered.
    """
    registry = records if isinstance(records, Registry) else Registry(records)
    registry.letter(letter_id)
    on = day_of(on)
    if claim.measure == "countries":
        # coverage() would name every country, and load pycountry for it.
        countries, _ = registry.places()
        found = set(
            look_up_all(countries, registry.signatory_ids(letter_id, on))
        )
        found.discard(None)
        return Figure(len(found))
    roles = claim.roles
    ids = (
        [
            s.signatory
            for s in registry.standing(letter_id, on)
            if s.role in roles and "role" not in s.private
        ]
        if roles
        else registry.signatory_ids(letter_id, on)
    )
    # This runs over every signature of a letter, for each exact claim:
    # look up and count in C loops.
    who = registry.signatories_by_id(ids)
    kinds = Counter(map(type, who))
    persons = kinds[Person]
    individuals = (
        sum(type(w) is Person and w.hides_everything for w in who)
        if persons
        else 0
    )
    known = kinds[Organisation] + persons
    unknown = 0
    if kinds[Group]:
        for group in who:
            if type(group) is Group:
                size = headcount(group)
                if size is None:
                    unknown += 1
                else:
                    known += size
                    persons += size
    return Figure(known, persons, unknown, individuals)


def counted_as_of(registry: Registry, letter_id: str, on: dt.date) -> str:
    """The note under a table or map counted as of the day *on*: the day,
    and, before the letter's date, that nothing counts yet, since a total
    of 0 alone reads as "nobody signed".
    """
    if registry.unpublished(letter_id, on):
        return (
            f"Counted as of {on.isoformat()}, before the letter was "
            "published: no signature counts before its date."
        )
    return f"Counted as of {on.isoformat()}."


def country_summary(
    registry: Registry, letter_id: str, *, on: dt.date | None = None
) -> tuple[str, ...]:
    """What a reader of a table by country should also know, in sentences:
    the distinct countries against the claim, the countries a claim lists
    that no record covers, the unknown row, and international bodies.

    ``coalition-registry coverage`` prints them under its table by
    country; to do the same in Python::

        table = published(signatory_table, registry, letter_id)
        table = attrs.evolve(
            table, notes=(*country_summary(registry, letter_id), *table.notes)
        )
        print(table)
    """
    cov = coverage(registry, letter_id, on=on)
    claim = _countries_claim(registry.letter(letter_id).claims)
    claimed = ""
    if claim is not None:
        # "7 of 6" would read as a part of the claim; "5 of 20" beside
        # "over 20 countries" as all but 15.
        claimed = (
            f" of {claim.stated} the letter's sources claim"
            if cov.countries <= claim.value
            else f"; the letter's sources claim {claim.stated}"
        )
    out = [f"Distinct countries in the records: {cov.countries}{claimed}."]
    if cov.missing:
        out.append(
            "Claimed but not yet covered: " + ", ".join(cov.missing) + "."
        )
    if cov.unknown.signatories:
        # No number here: the table's Unknown row may be suppressed.
        out.append(
            "Signatories with no known country are counted under Unknown."
        )
    international = [
        who
        for s in active_signatures(registry, letter_id, on=on)
        if isinstance(who := registry.signatory(s.signatory), Organisation)
        and who.scope == "international"
        and "scope" not in who.private
    ]
    # One with no known headquarters country is in the Unknown row, not
    # in a country's: say so, rather than name a country it is not in.
    placed = sorted(o.display_name for o in international if o.country)
    unplaced = sorted(o.display_name for o in international if not o.country)
    if placed:
        out.append(
            "International organisations, counted in their headquarters "
            "country: " + ", ".join(placed) + "."
        )
    if unplaced:
        out.append(
            "International organisations with no known headquarters "
            "country, counted under Unknown: " + ", ".join(unplaced) + "."
        )
    return tuple(out)
