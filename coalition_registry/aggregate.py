"""Aggregations: counts over a registry, as small pure functions returning
immutable tables.

The rule for coverage by country: each active signature counts once, in
the country of its signatory (an organisation's headquarters country, a
person's or group's country).  A signatory without a known (or with a
private) country counts under "unknown": it is never dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from .countries import country_name
from .model import Claim, Organisation
from .query import country_of, signatures
from .registry import Registry


__all__ = ["Coverage", "CoverageRow", "claim_figure", "coverage"]


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
    """

    letter: str
    rows: tuple[CoverageRow, ...]
    unknown: CoverageRow
    claimed_countries: int | None = None

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
            "total": self.total,
            "rows": [attrs.asdict(r) for r in (*self.rows, self.unknown)],
        }


def coverage(registry: Registry, letter_id: str) -> Coverage:
    """Count a letter's active signatories by country.

    >>> cov = coverage(load("registry_data"), "survivors-letter-2023")
    >>> cov.total == len(signatures(load("registry_data"), "survivors-letter-2023"))
    True
    """
    counts: Counter[str | None] = Counter()
    international: Counter[str | None] = Counter()
    for signature in signatures(registry, letter_id):
        who = registry.signatory(signature.signatory)
        country = country_of(who) if who is not None else None
        counts[country] += 1
        if isinstance(who, Organisation) and who.scope == "international":
            international[country] += 1
    rows = sorted(
        (
            CoverageRow(code, country_name(code), n, international[code])
            for code, n in counts.items()
            if code is not None
        ),
        key=lambda r: (-r.signatories, r.name),
    )
    unknown = CoverageRow(None, "Unknown", counts[None], international[None])
    letter = registry.letters.get(letter_id)
    claimed = _claimed_countries(letter.claims) if letter else None
    return Coverage(letter_id, tuple(rows), unknown, claimed)


def _claimed_countries(claims: Iterable[Claim]) -> int | None:
    for claim in claims:
        if claim.measure == "countries":
            return claim.value
    return None


def claim_figure(
    records: Iterable[Any], letter_id: str, claim: Claim
) -> int | None:
    """What the records show for the figure a claim states: active
    signatures with the claim's roles, or distinct countries.
    """
    registry = records if isinstance(records, Registry) else Registry(records)
    if claim.measure == "countries":
        return coverage(registry, letter_id).countries
    return sum(
        1
        for s in signatures(registry, letter_id)
        if not claim.roles or s.role in claim.roles
    )
