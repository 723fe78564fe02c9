"""Hypothesis strategies for small registries that tables are built from.

The registries are built in memory (no YAML), with few countries so that
rows collide, people of every disclosure level, groups of known, unknown
and private size, and signatures that may be withdrawn before or after the
day counted.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import attrs

from hypothesis import strategies as st

from coalition_registry.aggregate import Cell, Row, Table
from coalition_registry.dump import dump
from coalition_registry.model import (
    DISCLOSURES,
    QUALIFIERS,
    ROLES,
    VERIFICATIONS,
    Claim,
    Group,
    Letter,
    Organisation,
    Person,
    Signature,
    Source,
)
from coalition_registry.registry import Registry


#: The letter every generated registry is about.
LETTER: Final = "the-letter"

#: The day tables are counted on.
DAY: Final = dt.date(2025, 6, 1)

#: Few countries, on several continents, so that rows (and regions) fill.
COUNTRY_POOL: Final = ("GB", "IE", "FR", "CA", "US", "TH", "KE")

SOURCE: Final = (Source(url="https://example.org/source"),)

countries = st.none() | st.sampled_from(COUNTRY_POOL)
withdrawal_days = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


class Generated:
    """A generated registry and what it was built from."""

    def __init__(self, records: tuple[Any, ...]) -> None:
        self.records = records

    @property
    def registry(self) -> Registry:
        """The records as a registry."""
        return Registry(self.records)

    def __repr__(self) -> str:
        # Hypothesis prints failing examples: show every value (these are
        # made-up records, not private data).
        lines = [f"  {_short(r)}" for r in self.records]
        return "Generated(\n" + "\n".join(lines) + "\n)"


@st.composite
def signatory(draw: st.DrawFn, i: int) -> Any:
    """An organisation, a person or a group, numbered *i*."""
    kind = draw(st.sampled_from(("organisation", "person", "person", "group")))
    if kind == "organisation":
        private = draw(st.sampled_from(((), (), ("hq_country",), ("kind",))))
        return Organisation(
            id=f"org-{i}",
            name=f"Organisation {i}",
            kind=draw(st.sampled_from((None, "charity", "network"))),
            hq_country=draw(countries),
            scope=draw(st.sampled_from((None, "national", "international"))),
            private=private,
            sources=SOURCE,
        )
    if kind == "group":
        return Group(
            id=f"group-{i}",
            name=f"Group {i}",
            country=draw(countries),
            member_count=draw(st.none() | st.integers(1, 12)),
            private=draw(
                st.sampled_from(((), (), ("member_count",), ("country",)))
            ),
            sources=SOURCE,
        )
    disclosure = draw(st.sampled_from(DISCLOSURES))
    return Person(
        id=f"person-{i:04d}zz",
        disclosure=disclosure,
        name=None if disclosure == "anonymous" else f"Person {i}",
        country=draw(countries),
        private=draw(st.sampled_from(((), (), (), ("country",)))),
        sources=SOURCE,
    )


@st.composite
def signature(draw: st.DrawFn, who: Any) -> Signature:
    """A signature of the letter by *who*, perhaps withdrawn, perhaps added
    after the letter."""
    status = draw(st.sampled_from(("active", "active", "active", "withdrawn")))
    return Signature(
        id=f"{LETTER}--{who.id}",
        letter=LETTER,
        signatory=who.id,
        role=draw(st.sampled_from(ROLES)),
        verification=draw(st.sampled_from(VERIFICATIONS)),
        status=status,
        withdrawn_on=draw(withdrawal_days) if status == "withdrawn" else None,
        # Added after the letter, on a day before or after DAY.
        signed_on=draw(st.none() | st.none() | withdrawal_days),
        sources=SOURCE,
    )


# Roles belong to a claim of signatories only; two of those to one of
# countries.
claims = st.sampled_from(("signatories", "signatories", "countries")).flatmap(
    lambda measure: st.builds(
        Claim,
        measure=st.just(measure),
        value=st.integers(0, 40),
        roles=(
            st.lists(st.sampled_from(ROLES), max_size=2, unique=True).map(
                tuple
            )
            if measure == "signatories"
            else st.just(())
        ),
        qualifier=st.sampled_from(tuple(QUALIFIERS)),
        sources=st.just(SOURCE),
    )
)


@st.composite
def registries(
    draw: st.DrawFn, *, max_signatories: int = 20, with_claims: bool = False
) -> Generated:
    """One letter, up to *max_signatories* signatories and their signatures
    (and, with *with_claims*, claims on the letter).
    """
    n = draw(st.integers(0, max_signatories))
    signatories = [draw(signatory(i)) for i in range(n)]
    signatures = [draw(signature(who)) for who in signatories]
    letter_claims = (
        tuple(draw(st.lists(claims, max_size=4))) if with_claims else ()
    )
    letter = Letter(
        id=LETTER, title="The letter", claims=letter_claims, sources=SOURCE
    )
    return Generated((letter, *signatories, *signatures))


def _short(record: Any) -> str:
    skip = {"sources", "location", "positions"}
    fields = ", ".join(
        f"{k}={v!r}"
        for k, v in attrs.asdict(record, recurse=False).items()
        if k not in skip and v not in (None, ())
    )
    return f"{type(record).__name__}({fields})"


# -- hand-built tables ------------------------------------------------------

SIGNATORY_COLUMNS: Final = (
    "organisations",
    "groups",
    "individuals",
    "signatories",
)


def signatory_row(
    label: str, organisations: int, groups: int, individuals: int
) -> Row:
    """A row shaped like :func:`coalition_registry.signatory_table`'s."""
    return Row(
        label,
        label,
        (
            Cell(organisations),
            Cell(groups),
            Cell(individuals, people=True),
            Cell(
                organisations + groups + individuals,
                people=individuals > 0,
            ),
        ),
    )


def signatory_like_table(*rows: tuple[str, int, int, int]) -> Table:
    """A table shaped like a signatory table, from (label, organisations,
    groups, individuals) rows, with its total row.
    """
    built = tuple(signatory_row(*r) for r in rows)
    total = signatory_row(
        "Total",
        sum(r[1] for r in rows),
        sum(r[2] for r in rows),
        sum(r[3] for r in rows),
    )
    return Table(
        title="Hand-built",
        by="country",
        columns=SIGNATORY_COLUMNS,
        rows=built,
        total=attrs.evolve(total, key=None),
        rule="by hand",
        sum_column="signatories",
    )


# -- registries on disk -----------------------------------------------------

REGISTRY_YAML: Final = (
    "name: Test registry\nschema_version: 1\ndata_licence: CC-BY-4.0\n"
)


def write_records(root: Path, records: Iterable[Any]) -> Path:
    """Write *records* as a registry folder at *root*, one file each."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "registry.yaml").write_text(REGISTRY_YAML, encoding="utf-8")
    for record in records:
        folder = root / record.folder
        if isinstance(record, Signature):
            folder /= record.letter
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record.id}.yaml").write_text(
            dump(record), encoding="utf-8"
        )
    return root
