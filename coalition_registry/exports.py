"""Exports: a letter's signatories as plain rows, ready for ``csv`` or a
DataFrame, that honour disclosure.

Only organisations, groups and public people are listed, and only for
active signatures.  People who are not public and withdrawn signatures are
counted in :attr:`Export.unlisted`, never listed.  A field a record marks
private is left empty.

A signatory who signed for an organisation has ``capacity`` ``on-behalf-of``
and that organisation's id in ``on_behalf_of``, so that a row never reads
as a signature in their own name.
"""

from __future__ import annotations

import datetime as dt

from typing import Any, Final

import attrs

from .aggregate import active_signatures
from .countries import country_name, normalise
from .model import Organisation, Person, Signatory, Signature
from .query import country_of, is_hidden
from .registry import Registry, checked, day_of
from .schema import hidden_fields
from .suppression import (
    DEFAULT_THRESHOLD,
    changes_by_day,
    checked_threshold,
    is_small,
    totals_hidden,
)


__all__ = ["COLUMNS", "Export", "export"]

#: The columns of every exported row, in order.
COLUMNS: Final = (
    "letter",
    "signatory",
    "kind",
    "disclosure",
    "name",
    "name_as_printed",
    "role",
    "capacity",
    "on_behalf_of",
    "country",
    "country_name",
    "scope",
    "verification",
    "signed_on",
    "source",
)


@attrs.frozen
class Export:
    """The listable signatories of one or more letters.

    Attributes:
        rows: One mapping per listed signature, with the keys of
            :data:`COLUMNS`.
        unlisted: Active signatures counted but not listed (people who are
            not public), by letter: the counts themselves, small ones
            included; publish :meth:`shown_unlisted` or :meth:`notes`.
        withdrawn: Withdrawn signatures of organisations, groups and public
            people, never listed, by letter.
        withdrawn_unlisted: Withdrawn signatures of people who are not
            public, by letter: a count of people, apart, so that the
            public withdrawals cannot be taken from it; small counts
            included, as in ``unlisted``.  For a letter whose counts of
            such people change from day to day (see
            :func:`~coalition_registry.suppression.changes_by_day`), those
            withdrawn on any day.  Never published for a letter in
            ``undisclosed``, whose notes say only "some".
        threshold: Counts of people below it are shown only as "fewer
            than" it.
        undisclosed: The letters whose published tables hide their totals
            of people (see :func:`~coalition_registry.suppression.totals_hidden`):
            their counts of people who are not public are not given either,
            since the tables' other rows would give the total back with them.
        leaving: Signatures of organisations, groups and public people that
            count on the day but are withdrawn on a later one, never
            listed, by letter.
        on: The day counted as of, when one was asked for (``None``:
            the day the export was made).
    """

    rows: tuple[dict[str, str], ...]
    # Not in the repr: a notebook that shows the object would show a count
    # of people the notes give as "some".
    unlisted: dict[str, int] = attrs.field(repr=False)
    withdrawn: dict[str, int]
    withdrawn_unlisted: dict[str, int] = attrs.field(factory=dict, repr=False)
    threshold: int = DEFAULT_THRESHOLD
    undisclosed: frozenset[str] = frozenset()
    leaving: dict[str, int] = attrs.Factory(dict)
    on: dt.date | None = None

    def notes(self) -> tuple[str, ...]:
        """What the rows leave out, and why, for the reader; and the day
        counted as of, when one was asked for.
        """
        # An export of another day than today, unsaid, reads as today's.
        out = [] if self.on is None else [f"counted as of {self.on}"]
        for letter, n in sorted(self.unlisted.items()):
            if n:
                out.append(
                    f"{letter}: {self.shown_unlisted(letter)} signatories who "
                    "are not public are counted but not listed"
                )
        for letter, n in sorted(self.withdrawn.items()):
            if n:
                out.append(
                    f"{letter}: {n} withdrawn signature(s) are not listed"
                )
        for letter, n in sorted(self.leaving.items()):
            if n:
                out.append(
                    f"{letter}: {n} signature(s) withdrawn on a later day "
                    "are counted but not listed"
                )
        for letter, n in sorted(self.withdrawn_unlisted.items()):
            if n and letter in self.undisclosed:
                # No count: set beside another day's, it would give how
                # many withdrew between them.
                out.append(
                    f"{letter}: some signatures of people who are not public "
                    "are withdrawn (on this day or another), and are not "
                    "listed"
                )
            elif n == 1 and not is_small(n, self.threshold):
                # Shown as 1 only when every count is shown.
                out.append(
                    f"{letter}: 1 withdrawn signature of a person who is "
                    "not public is not listed"
                )
            elif n:
                out.append(
                    f"{letter}: {self._count(n)} withdrawn signatures of "
                    "people who are not public are not listed"
                )
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        """The export as JSON-ready data."""
        return {
            "columns": list(COLUMNS),
            "rows": list(self.rows),
            "unlisted": {
                k: self.shown_unlisted(k)
                if n and k in self.undisclosed
                else self._public(n)
                for k, n in self.unlisted.items()
            },
            "withdrawn": dict(self.withdrawn),
            "leaving": dict(self.leaving),
            "withdrawn_unlisted": {
                k: None if k in self.undisclosed else self._public(n)
                for k, n in self.withdrawn_unlisted.items()
            },
            "notes": list(self.notes()),
            "on": None if self.on is None else self.on.isoformat(),
        }

    def shown_unlisted(self, letter: str) -> str:
        """How many signatories of *letter* who are not public are counted,
        as it may be published: "some" where the tables hide their totals,
        "fewer than K" when small, or the number.
        """
        if letter in self.undisclosed:
            return "some"
        return self._count(self.unlisted.get(letter, 0))

    def _count(self, n: int) -> str:
        """A count of people as it may be published (small ones hidden)."""
        k = self.threshold
        return f"fewer than {k}" if is_small(n, k) else str(n)

    def _public(self, n: int) -> int | str:
        return self._count(n) if is_small(n, self.threshold) else n


def _hidden_among(registry: Registry, signatures: list[Signature]) -> int:
    """How many of *signatures* are by people who are not public."""
    return sum(
        is_hidden(who)
        for s in signatures
        if (who := registry.signatory(s.signatory)) is not None
    )


def _shown(record: Any, name: str) -> str:
    """A field's value, or empty when it is private, or would tell a
    private one: the organisation signed for tells a private capacity.
    """
    if name in hidden_fields(type(record), getattr(record, "private", ())):
        return ""
    value = getattr(record, name, None)
    return "" if value is None else str(value)


def _row(signature: Signature, who: Signatory) -> dict[str, str]:
    country = country_of(who) or ""
    source = signature.sources[0].url if signature.sources else ""
    name = "" if "name" in who.private else (who.name or "")
    return {
        "letter": signature.letter,
        "signatory": who.id,
        "kind": who.kind_name,
        # Only public people are listed; said, so that an export imports
        # into a registry without them (import asks a person's disclosure).
        "disclosure": who.disclosure if isinstance(who, Person) else "",
        "name": name,
        # The name as printed is the name: hidden with it.
        "name_as_printed": ""
        if "name" in who.private
        else _shown(signature, "name_as_printed"),
        "role": _shown(signature, "role"),
        "capacity": _shown(signature, "capacity"),
        "on_behalf_of": _shown(signature, "on_behalf_of"),
        "country": country,
        "country_name": country_name(country) if country else "",
        "scope": _shown(who, "scope") if isinstance(who, Organisation) else "",
        "verification": _shown(signature, "verification"),
        "signed_on": _shown(signature, "signed_on"),
        # The page that reports a signature most often prints the name:
        # hidden with it.
        "source": ""
        if "sources" in signature.private or "name" in who.private
        else source,
    }


def export(
    registry: Registry,
    letter_id: str | None = None,
    *,
    on: dt.date | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Export:
    """The listable signatories of a letter, or of every letter; counts of
    people who are not public below *threshold* are shown only as "fewer
    than" it.

    >>> rows = export(load("registry_data")).rows
    >>> len(rows), rows[0]["kind"]
    (10, 'organisation')
    """
    registry = checked(registry, "export")
    threshold = checked_threshold(threshold)
    # Only None means every letter: an empty id is a mistake, not "all".
    letters = (
        [letter_id]
        if letter_id is not None
        else [x.id for x in registry.letters]
    )
    rows: list[dict[str, str]] = []
    unlisted: dict[str, int] = {}
    withdrawn: dict[str, int] = {}
    withdrawn_unlisted: dict[str, int] = {}
    leaving: dict[str, int] = {}
    day = day_of(on)
    for letter in letters:
        active = active_signatures(registry, letter, on=day)
        counted = {id(s) for s in active}
        # Withdrawn here means not counted on the day, as the tables count;
        # one made after the day was not there to withdraw.
        # Before the letter's date, none was there to withdraw either.
        gone = (
            []
            if registry.unpublished(letter, day)
            else [
                s
                for s in registry.signatures_of(letter)
                if id(s) not in counted
                and (
                    s.comparable_signed_on is None
                    or s.comparable_signed_on <= day
                )
            ]
        )
        hidden = _hidden_among(registry, gone)
        withdrawn[letter] = len(gone) - hidden
        if changes_by_day(registry, letter):
            # Those withdrawn on any day: counted as of the day, the note
            # would come, day after day, on the day of a withdrawal.
            hidden = _hidden_among(
                registry,
                [s for s in registry.signatures_of(letter) if not s.active],
            )
        withdrawn_unlisted[letter] = hidden
        unlisted[letter] = 0
        leaving[letter] = 0
        for signature in active:
            who = registry.signatory(signature.signatory)
            if who is None:
                continue
            if is_hidden(who):
                unlisted[letter] += 1
            elif not signature.active:
                # Withdrawn from a later day: counted, but never listed.
                leaving[letter] += 1
            else:
                rows.append(_row(signature, who))
    rows.sort(
        key=lambda r: (
            r["letter"],
            r["kind"] != "organisation",
            # As folded for look-ups: "École" among the E's whether its
            # accent is one character or two (as a Mac may save it).
            normalise(r["name"]),
            r["name"].casefold(),
            r["signatory"],
        )
    )
    undisclosed = frozenset(
        letter
        for letter, n in unlisted.items()
        if (n or withdrawn_unlisted[letter])
        and totals_hidden(registry, letter, threshold, on)
    )
    return Export(
        tuple(rows),
        unlisted,
        withdrawn,
        withdrawn_unlisted,
        threshold,
        undisclosed,
        leaving,
        None if on is None else day,
    )
