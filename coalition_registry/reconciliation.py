"""Claims against records: what a letter's sources say beside what the
registry shows, the difference, and why the two can differ.

The registry never fills a gap: it reports it.  A computed figure that
counts people is suppressed like any other published count of people, and
so is the difference, since claim minus difference would give it back.
A figure is suppressed too where the published tables by role hide a role
it takes in, and a figure of every role where any table hides its total:
the total less the other roles would otherwise give a small count back.
Where the totals are hidden, a hidden figure has no bound, as no hidden
count in the tables has.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Callable, Collection, Sequence
from typing import Any, Final

import attrs

from .aggregate import Figure, active_signatures, claim_figure, headcount
from .model import (
    Claim,
    Group,
    Organisation,
    Person,
    Signature,
    is_hidden,
)
from .registry import Registry, checked, day_of
from .suppression import (
    DEFAULT_THRESHOLD,
    changes_by_day,
    checked_threshold,
    hidden_rows,
    is_small,
    rule,
    totals_hidden,
)


__all__ = [
    "BOUND_NOTE",
    "Line",
    "Reconciliation",
    "difference_text",
    "reconcile",
]

#: What a figure written ``N+`` means, under every reconciliation.
BOUND_NOTE: Final = (
    "'N+' means at least N: the records cannot say more (for signatories, "
    "groups of unknown size are not counted in N; for countries, "
    "signatories with no known country may add some), so the difference "
    "is at most what is shown."
)


@attrs.frozen
class Line:
    """One claim beside the records.

    Attributes:
        claim: The claim.
        label: What it counts, in words ("signatories: survivor").
        computed: What the records show; ``None`` when suppressed.
        lower_bound: Whether ``computed`` is only a lower bound (groups of
            unknown size; for countries, signatories with no known
            country, who may add some).
        difference: ``claim.value - computed``; ``None`` when suppressed.
            With ``lower_bound`` the true difference is at most this, for
            a claim with ``qualifier`` ``at-least`` at least it (or
            unknown, with both), for ``at-most`` at most it, and for
            ``about`` about it:
            ``reconcile`` prints it in those words.
        suppressed: Whether computed and difference are hidden.
        reasons: Why the two can differ, as the records show it.
        bounded: Whether a hidden figure is below the threshold, and may
            be shown as ``<threshold``; otherwise it is shown only as
            hidden.
    """

    claim: Claim
    label: str
    computed: int | None
    lower_bound: bool
    difference: int | None
    suppressed: bool
    reasons: tuple[str, ...]
    bounded: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The line as JSON-ready data."""
        return {
            "claim": self.label,
            "qualifier": self.claim.qualifier,
            "claimed": self.claim.value,
            "computed": self.computed,
            "lower_bound": self.lower_bound,
            "difference": self.difference,
            "suppressed": self.suppressed,
            "bounded": self.bounded,
            "reasons": list(self.reasons),
            "source": self.claim.sources[0].url
            if self.claim.sources
            else None,
        }


def difference_text(line: Line) -> str:
    """A shown line's difference as words: ``at most N`` when the records
    show only a lower bound, ``at least N`` when the claim is one ("over
    100"), ``unknown`` when both are: two lower bounds bound nothing;
    ``at most N`` for an upper bound ("up to 100"); ``about N`` for a round
    claim ("about 100"), and ``at most about N`` beside a lower bound.  Below zero, it says how many more the records
    show: ``at most -1 (the records show at least 1 more than the claim)``.
    """
    difference = line.difference
    qualifier = line.claim.qualifier
    at_least = qualifier == "at-least"
    about = "about " if qualifier == "about" else ""
    if at_least:
        # The true figure is at least the claim and at least the records.
        return (
            "unknown"
            if line.lower_bound
            else f"at least {max(difference or 0, 0)}"
        )
    # Below an upper bound ("up to 500"), the true figure is at most the
    # claim, and the records' shortfall at most the difference.
    shown = (
        f"at most {about}{difference}"
        if line.lower_bound or qualifier == "at-most"
        else f"{about}{difference}"
    )
    if difference is not None and difference < 0:
        # "at most -1" is right, and read by few: say it in words too.
        more = (
            f"at least {-difference}" if line.lower_bound else f"{-difference}"
        )
        return f"{shown} (the records show {more} more than the claim)"
    return shown


@attrs.frozen
class Reconciliation:
    """Every claim of one letter beside the records.

    Attributes:
        letter: The letter's id.
        lines: One line per claim, in the letter's order.
        threshold: The suppression threshold applied.
        notes: The rules applied, stated for the reader.
    """

    letter: str
    lines: tuple[Line, ...]
    threshold: int
    notes: tuple[str, ...]

    @property
    def shows_bounds(self) -> bool:
        """Whether a figure the records show is only a lower bound, shown
        as ``N+`` (which :data:`BOUND_NOTE` explains).
        """
        return any(
            line.lower_bound and line.computed is not None
            for line in self.lines
        )

    def as_dict(self) -> dict[str, Any]:
        """The reconciliation as JSON-ready data."""
        return {
            "letter": self.letter,
            "threshold": self.threshold,
            "notes": list(self.notes),
            "lines": [line.as_dict() for line in self.lines],
        }


def _label(claim: Claim) -> str:
    if claim.measure == "signatories" and claim.roles:
        return "signatories: " + " and ".join(claim.roles)
    return claim.measure


def reconcile(
    registry: Registry,
    letter_id: str | None = None,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    on: dt.date | None = None,
) -> Reconciliation:
    """Set every claim of a letter beside what the records show.
    Without *letter_id*, it is of the registry's only letter.

    >>> rec = reconcile(load("registry_data"), "survivors-letter-2023")
    >>> [(x.label, x.claim.value, x.computed, x.difference) for x in rec.lines]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('signatories', 104, 19, 85), ('signatories: survivor', 43, 11, 32),
     ('signatories: organisation and academic', 61, 8, 53),
     ('countries', 24, 7, 17)]
    """
    letter_id = checked(registry, "reconcile").which_letter(letter_id)
    threshold = checked_threshold(threshold)
    claims = registry.letter(letter_id).claims
    active = active_signatures(registry, letter_id, on=on)
    hide_total = threshold > 1 and totals_hidden(
        registry, letter_id, threshold, on
    )
    # What the published tables by role hide, in both views: no figure
    # may show it.
    hidden_roles = (
        hidden_rows(
            registry, letter_id, "role", threshold, on, hide_total=hide_total
        )
        if threshold > 1
        else set()
    )
    signed_as = {None if "role" in s.private else s.role for s in active}
    countries, _ = registry.places()
    no_country = any(countries.get(s.signatory) is None for s in active)
    in_records = {c for s in active if (c := countries.get(s.signatory))}
    lines = []
    # Claims of one measure and roles have one figure, and the same reasons
    # but for the value they state: each is worked out once, since each
    # looks at every signature of the letter (a letter of many claims took
    # time in their number times its signatures').
    figures: dict[tuple[str, frozenset[str]], Figure] = {}
    said: dict[tuple[str, frozenset[str], bool], tuple[str, ...]] = {}
    for claim in claims:
        kind = (claim.measure, frozenset(claim.roles))
        figure = figures.get(kind)
        if figure is None:
            figure = figures[kind] = claim_figure(
                registry, letter_id, claim, on=on
            )
        # A figure of every role a signature has is the tables' total.
        covered = set(claim.roles) if claim.roles else signed_as
        hide = (
            threshold > 1
            and claim.measure != "countries"
            and (
                is_small(figure.people, threshold)
                or is_small(figure.individuals, threshold)
                or bool(set(claim.roles) & hidden_roles)
                or (hide_total and signed_as <= covered)
            )
        )
        said_of = said.get((*kind, hide))
        if said_of is None:
            said_of = said[(*kind, hide)] = _reasons(
                registry,
                letter_id,
                claim,
                figure,
                active,
                hidden=hide,
                no_country=no_country,
                on=day_of(on),
                shows_all=threshold <= 1,
            )
        reasons = (
            said_of
            if hide
            else (*_shortfall(claim, figure, in_records), *said_of)
        )
        lines.append(
            Line(
                claim=claim,
                label=_label(claim),
                computed=None if hide else figure.known,
                lower_bound=not figure.exact
                or (claim.measure == "countries" and no_country),
                difference=None if hide else claim.value - figure.known,
                suppressed=hide,
                reasons=reasons,
                # Under hidden totals, the tables give no hidden count a
                # bound: set beside them, this one would pin their rows.
                bounded=hide and figure.known < threshold and not hide_total,
            )
        )
    computed = (
        "computed: the people and organisations behind the active "
        "signatures with the claim's roles, a group counting as its "
        "declared members; for countries, the distinct countries covered"
    )
    # Today goes unsaid, so that the same records read the same each day.
    notes: tuple[str, ...] = (
        computed if on is None else f"{computed}; as of {day_of(on)}",
        f"Suppression: {rule(threshold)}.",
    )
    if not claims:
        # Else the output is its notes alone, and reads as nothing wrong.
        nothing = (
            "the letter's record holds no claims, so there is nothing to "
            "compare: the figures its sources state (how many signed, from "
            f"how many countries) go under claims in letters/{letter_id}.yaml"
        )
        notes = (nothing, *notes)
    return Reconciliation(letter_id, tuple(lines), threshold, notes)


def _shortfall(
    claim: Claim, figure: Figure, covered: Collection[str]
) -> tuple[str, ...]:
    """The first reasons a claim and the records can differ: those that
    depend on what the claim states (its value, the countries it lists),
    and come before the others (:func:`_reasons`).  *covered* are the
    countries the records cover.
    """
    out = []
    named: list[str] = []
    if claim.measure == "countries" and claim.countries:
        # The claim names its countries: the figures can agree while the
        # countries do not ("6 of 6", one of them not a claimed one), as
        # coverage's note "Claimed but not yet covered" would show.
        listed = set(claim.countries)
        named = sorted(listed - set(covered))
        extra = sorted(set(covered) - listed)
        if named:
            out.append(
                "claimed but not yet covered by a record: " + ", ".join(named)
            )
        if extra:
            out.append(
                "covered by a record but not among the countries the claim "
                "lists: " + ", ".join(extra)
            )
    short = claim.value - figure.known
    # A round figure ("about 100") may be passed without a mistake.
    if short < 0 and claim.qualifier == "exact":
        # "difference: -1" with no word of why reads as a wrong count.
        out.append(
            "more countries covered than the claim states: look for a "
            "signatory's country recorded wrongly, or for signatures added "
            "after the letter was published that have no signed_on day"
            if claim.measure == "countries"
            else "more recorded than the claim states: look for a "
            "signatory recorded twice or who did not sign this letter, or "
            "for signatures added after the letter was published that have "
            "no signed_on day"
        )
    if short <= 0:
        return tuple(out)
    if claim.measure != "countries":
        return ("signatories not yet recorded",)
    if short != len(named):
        # A list shorter than the figure, or countries beyond it.
        countries = "country" if short == 1 else "countries"
        out.insert(0, f"{short} {countries} not yet covered by a record")
    return tuple(out)


def _reasons(
    registry: Registry,
    letter_id: str,
    claim: Claim,
    figure: Figure,
    active: Sequence[Signature],
    *,
    hidden: bool,
    no_country: bool,
    on: dt.date,
    shows_all: bool = False,
) -> tuple[str, ...]:
    """Why a claim and the records can differ, in this registry, from the
    letter's signatures that count (*active*) and whether some signatory of
    them has no known country.

    No reason gives a number of people: a reason's presence or its count
    could give a suppressed figure back.  A suppressed line says only that.
    Those that depend on the value the claim states come from
    :func:`_shortfall`: these depend only on its measure and roles.
    """
    if hidden:
        reason = (
            "the records' figure takes in people who are not public, some "
            "of whose signatures have a day of their own (signed_on or "
            "withdrawn_on): it and the difference are hidden, on every day, "
            "so that two days set side by side do not give them"
            if changes_by_day(registry, letter_id)
            else "the records' figure is, or takes in, a small count of "
            "people: it and the difference are hidden"
        )
        return (reason,)
    reasons = []

    def mine(s: Signature) -> bool:
        # A signature in another role changes another claim's figure, not
        # this one's.
        return not claim.roles or (
            s.role in claim.roles and "role" not in s.private
        )

    if claim.measure == "countries":
        if no_country:
            reasons.append(
                "signatories without a known country could add countries"
            )
    else:
        if figure.unknown_groups:
            reasons.append(
                f"{figure.unknown_groups} group(s) of unknown size: the "
                "computed figure is a lower bound"
            )
        relevant = [registry.signatory(s.signatory) for s in active if mine(s)]
        if (
            claim.roles
            and "academic" in claim.roles
            and any(isinstance(who, Organisation) for who in relevant)
        ):
            reasons.append(
                "the source does not say how many are organisations and "
                "how many are academics"
            )
        sized = sum(
            isinstance(who, Group) and headcount(who) is not None
            for who in relevant
        )
        if sized:
            reasons.append(
                f"{sized} group(s) counted as their declared members"
            )
        if any(who is not None and is_hidden(who) for who in relevant):
            reasons.append("some signatories are counted but not named")
        if claim.roles:
            reasons.extend(_on_behalf(registry, claim, active, mine))
    # A private date is never compared, nor, unless every count is shown,
    # the days of a person who is not public: day after day (--on), the
    # reasons would come and go on the day they signed or withdrew, which
    # every table hides.
    published = registry.letter(letter_id).comparable_date

    def dated(s: Signature) -> bool:
        if not mine(s):
            return False
        if shows_all or (
            s.comparable_signed_on is None
            and s.comparable_withdrawn_on is None
        ):
            return True
        who = registry.signatory(s.signatory)
        return who is None or not is_hidden(who)

    def added_after(s: Signature, day: dt.date) -> bool:
        return (
            s.comparable_signed_on is not None and s.comparable_signed_on > day
        )

    if published is not None and any(
        added_after(s, published) and dated(s) for s in active
    ):
        # The claims describe the letter as published.
        reasons.append(
            "signatures added after the letter was published (signed_on) "
            "are counted"
        )
    everyone = [s for s in registry.signatures_of(letter_id) if dated(s)]
    counted = sum(map(dated, active))
    if registry.unpublished(letter_id, on):
        reasons.append("the letter was not yet published on the day counted")
    elif counted < len(everyone):
        later = sum(added_after(s, on) for s in everyone)
        if counted + later < len(everyone):
            reasons.append("withdrawn signatures are not counted")
        if later:
            reasons.append(
                "signatures added after the day counted are not counted"
            )
    return tuple(reasons)


def _on_behalf(
    registry: Registry,
    claim: Claim,
    active: Sequence[Signature],
    mine: Callable[[Signature], bool],
) -> tuple[str, ...]:
    """The reason a claim of some roles can differ from the records when
    people signed on behalf of organisations: a list of "Name, Example
    Trust" lines is one signature per organisation to its publisher, and
    one per person to the records, which count each person in the role
    they signed in ("60 organisations" beside 0 organisations recorded,
    all 60 of them signed for).

    Only signatures whose capacity and role may be shown, by people who
    are public, are looked at: the reason's presence must not tell that
    someone hidden signed for an organisation.
    """
    shown = [
        s
        for s in active
        if s.capacity == "on-behalf-of"
        and "capacity" not in s.private
        and "role" not in s.private
        and s.role != "organisation"
        and isinstance(who := registry.signatory(s.signatory), Person)
        and not is_hidden(who)
    ]
    if not shown:
        return ()
    if "organisation" in claim.roles:
        return (
            (
                "some people signed on behalf of an organisation: the "
                "records count them as people, in the roles they signed in, "
                "not among the organisations, where the source may count "
                "them"
            ),
        )
    if any(map(mine, shown)):
        return (
            (
                "some of these people signed on behalf of an organisation: "
                "the source may count them among the organisations instead"
            ),
        )
    return ()
