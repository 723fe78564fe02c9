"""Change summaries: what changes between two versions of a registry, for a
reviewer.

:func:`compare` is a pure function of two :class:`Registry` values; it
returns an immutable :class:`Changes`, which :func:`as_text` and
:func:`as_markdown` render.

Privacy: a person who is not public (on either side) is never shown by
name or id, nor is a signature of theirs (its id holds theirs): they appear
only in counts such as "1 anonymous signatory added".  Fields a record
lists as private are counted ("a private field changed"), never named, and
no field's value is ever shown.
"""

from __future__ import annotations

import datetime as dt

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from .aggregate import active_signatures, coverage, people
from .countries import country_name
from .model import KINDS, Person, Signature
from .registry import Registry
from .schema import hidden_fields, yaml_fields


__all__ = [
    "Changes",
    "LetterEffect",
    "RecordChange",
    "SignatureChange",
    "as_markdown",
    "as_text",
    "compare",
]

_HIDDEN_AS: Final = {"anonymous": "anonymous", "pseudonym": "pseudonymous"}
# Signature fields whose change is the signature's withdrawal itself.
_STATUS_FIELDS: Final = frozenset({"status", "withdrawn_on"})
# The order changes are listed in.
_RANK: Final = {
    c: i
    for i, c in enumerate(
        ("added", "withdrawn", "reinstated", "changed", "removed")
    )
}


@attrs.frozen
class RecordChange:
    """A record added, removed or changed (signatures apart).

    Attributes:
        kind: The kind of record (``organisation``...).
        change: ``added``, ``removed`` or ``changed``.
        id: Its id; ``None`` for a person who is not public.
        hidden_as: For a person who is not public: ``anonymous`` or
            ``pseudonymous``.
        fields: The fields that changed, which may be named.
        private_fields: How many fields changed that may not be named.
    """

    kind: str
    change: str
    id: str | None
    hidden_as: str | None = None
    fields: tuple[str, ...] = ()
    private_fields: int = 0


@attrs.frozen
class SignatureChange:
    """A signature added, withdrawn, reinstated, removed or changed.

    Attributes:
        letter: The letter's id.
        change: ``added``, ``withdrawn``, ``reinstated``, ``removed`` or
            ``changed``.
        signatory: The signatory's id; ``None`` when it is a person who is
            not public.
        signatory_kind: ``organisation``, ``person`` or ``group``.
        hidden_as: For a person who is not public: ``anonymous`` or
            ``pseudonymous``.
        active: Whether the signature stands afterwards.
        fields: The fields that changed, which may be named.
        private_fields: How many fields changed that may not be named.
    """

    letter: str
    change: str
    signatory: str | None
    signatory_kind: str
    hidden_as: str | None = None
    active: bool = True
    fields: tuple[str, ...] = ()
    private_fields: int = 0


@attrs.frozen
class LetterEffect:
    """How a letter's figures change.

    Attributes:
        letter: The letter's id.
        signatures: Active signatures, before and after.
        countries: Distinct countries covered, before and after.
        people: People behind the active signatures (a group as its
            declared members), before and after.
        unknown_groups: Groups of unknown size among them, before and
            after (the people count is then a lower bound).
        newly_covered: Countries covered after but not before.
        no_longer_covered: Countries covered before but not after.
    """

    letter: str
    signatures: tuple[int, int]
    countries: tuple[int, int]
    people: tuple[int, int]
    unknown_groups: tuple[int, int] = (0, 0)
    newly_covered: tuple[str, ...] = ()
    no_longer_covered: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any figure or the coverage changes."""
        return (
            _moved(self.signatures)
            or _moved(self.countries)
            or _moved(self.people)
            or _moved(self.unknown_groups)
            or bool(self.newly_covered or self.no_longer_covered)
        )


def _moved(pair: tuple[int, int]) -> bool:
    return pair[0] != pair[1]


@attrs.frozen
class Changes:
    """Everything that changes from one registry to another.

    Attributes:
        records: Records added, removed or changed, signatures apart.
        signatures: Signatures added, withdrawn, reinstated, removed or
            changed.
        letters: The effect on each letter whose figures change.
    """

    records: tuple[RecordChange, ...] = ()
    signatures: tuple[SignatureChange, ...] = ()
    letters: tuple[LetterEffect, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether nothing changes."""
        return not (self.records or self.signatures or self.letters)

    def count(self, change: str) -> int:
        """How many signatures have this change (``added``...)."""
        return sum(1 for s in self.signatures if s.change == change)

    def records_count(self, change: str) -> int:
        """How many records (signatures apart) have this change."""
        return sum(1 for r in self.records if r.change == change)


# -- comparing ----------------------------------------------------------------


def _hidden(record: Any) -> str | None:
    """How a person who is not public is described, else ``None``."""
    if isinstance(record, Person) and record.hides_everything:
        return _HIDDEN_AS.get(record.disclosure, "anonymous")
    return None


def _changed_fields(old: Any, new: Any) -> tuple[tuple[str, ...], int]:
    """The fields that differ: those that may be named, and how many may
    not (private on either side, or everything of a hidden person).
    """
    secret = _hidden(old) is not None or _hidden(new) is not None
    # With the fields that would tell a private one (on_behalf_of for a
    # private capacity).
    private = hidden_fields(
        type(old), getattr(old, "private", ())
    ) | hidden_fields(type(new), getattr(new, "private", ()))
    named: list[str] = []
    hidden = 0
    for name in yaml_fields(type(new)):
        if getattr(old, name) == getattr(new, name):
            continue
        if secret or name in private:
            hidden += 1
        else:
            named.append(name)
    return tuple(named), hidden


def _records(old: Registry, new: Registry) -> Iterator[RecordChange]:
    for kind, cls in KINDS.items():
        if cls is Signature:
            continue
        # Registry's collections are named after the kinds' folders.
        before = {r.id: r for r in getattr(old, cls.folder)}
        after = {r.id: r for r in getattr(new, cls.folder)}
        for record_id in sorted(before.keys() | after.keys()):
            was, now = before.get(record_id), after.get(record_id)
            hidden_as = _hidden(now) or _hidden(was)
            shown = None if hidden_as else record_id
            if was is None:
                yield RecordChange(kind, "added", shown, hidden_as)
            elif now is None:
                yield RecordChange(kind, "removed", shown, hidden_as)
            elif was != now:
                named, secret = _changed_fields(was, now)
                if hidden_as:
                    named, secret = (), secret + len(named)
                yield RecordChange(
                    kind, "changed", shown, hidden_as, named, secret
                )


def _signatory(
    registries: Iterable[Registry], signature: Signature
) -> tuple[str, str | None]:
    """The signatory's kind, and how it is hidden (if it is)."""
    kind = "signatory"
    hidden_as = None
    for registry in registries:
        who = registry.signatory(signature.signatory)
        if who is None:
            continue
        kind = who.kind_name
        hidden_as = hidden_as or _hidden(who)
    return kind, hidden_as


def _signatures(old: Registry, new: Registry) -> Iterator[SignatureChange]:
    before = {s.id: s for s in old.signatures}
    after = {s.id: s for s in new.signatures}
    both = (old, new)
    for signature_id in sorted(before.keys() | after.keys()):
        was, now = before.get(signature_id), after.get(signature_id)
        some = now or was
        assert some is not None
        kind, hidden_as = _signatory(both, some)
        shown = None if hidden_as else some.signatory
        base = SignatureChange(some.letter, "added", shown, kind, hidden_as)
        if was is None:
            assert now is not None
            yield attrs.evolve(base, active=now.active)
            continue
        if now is None:
            yield attrs.evolve(base, change="removed", active=False)
            continue
        if was == now:
            continue
        named, secret = _changed_fields(was, now)
        if hidden_as:
            named, secret = (), secret + len(named)
        if was.active != now.active:
            change = "withdrawn" if was.active else "reinstated"
            named = tuple(n for n in named if n not in _STATUS_FIELDS)
        else:
            change = "changed"
        yield attrs.evolve(
            base,
            change=change,
            active=now.active,
            fields=named,
            private_fields=secret,
        )


def _effect(
    old: Registry, new: Registry, letter: str, on: dt.date | None
) -> LetterEffect:
    def figures(registry: Registry) -> tuple[int, set[str], int, int]:
        if letter not in registry.letters:
            return 0, set(), 0, 0
        active = len(active_signatures(registry, letter, on=on))
        covered = {
            row.country
            for row in coverage(registry, letter, on=on).rows
            if row.country is not None
        }
        total = people(registry, letter, on=on).total
        return active, covered, total[1].value or 0, total[2].value or 0

    a, covered_a, people_a, unknown_a = figures(old)
    b, covered_b, people_b, unknown_b = figures(new)
    return LetterEffect(
        letter,
        (a, b),
        (len(covered_a), len(covered_b)),
        (people_a, people_b),
        (unknown_a, unknown_b),
        tuple(sorted(covered_b - covered_a)),
        tuple(sorted(covered_a - covered_b)),
    )


def compare(
    old: Registry, new: Registry, *, on: dt.date | None = None
) -> Changes:
    """What changes from the registry *old* to the registry *new*.

    Args:
        old: The registry before.
        new: The registry after.
        on: The day signatures are counted on (default today): see
            :func:`coalition_registry.aggregate.active_signatures`.

    Returns:
        The changes, with no private value and no hidden person in them.
    """
    kinds = list(KINDS)
    records = tuple(
        sorted(
            _records(old, new),
            key=lambda r: (kinds.index(r.kind), _RANK[r.change], r.id or ""),
        )
    )
    signatures = tuple(
        sorted(
            _signatures(old, new),
            key=lambda s: (s.letter, _RANK[s.change], s.signatory or ""),
        )
    )
    letter_ids = sorted(
        {x.id for x in old.letters}
        | {x.id for x in new.letters}
        | {s.letter for s in signatures}
    )
    effects = tuple(
        e
        for e in (_effect(old, new, lid, on) for lid in letter_ids)
        if e.changed
    )
    return Changes(records, signatures, effects)


# -- rendering ----------------------------------------------------------------


def _delta(
    pair: tuple[int, int], *, lower_bound: tuple[int, int] = (0, 0)
) -> str:
    a, b = pair
    before = f"at least {a}" if lower_bound[0] else str(a)
    after = f"at least {b}" if lower_bound[1] else str(b)
    if a == b:
        return after
    return f"{before} → {after} ({b - a:+d})"


def _countries(codes: Iterable[str]) -> str:
    return ", ".join(f"{country_name(c)} ({c})" for c in codes)


def _fields(named: tuple[str, ...], private: int) -> str:
    parts = list(named)
    if private == 1:
        parts.append("a private field")
    elif private > 1:
        parts.append(f"{private} private fields")
    return ", ".join(parts)


def _signature_lines(changes: Changes, code: str) -> list[str]:
    """One line for each named signature change, one for each group of
    hidden ones.
    """
    lines: list[str] = []
    hidden: Counter[tuple[str, str, str]] = Counter()
    for s in changes.signatures:
        if s.signatory is None:
            hidden[s.letter, s.change, s.hidden_as or "anonymous"] += 1
            continue
        what = f"{s.change}: {code}{s.signatory}{code} ({s.signatory_kind}) on {code}{s.letter}{code}"
        if s.change == "added" and not s.active:
            what += ", already withdrawn"
        detail = _fields(s.fields, s.private_fields)
        lines.append(what + (f": {detail}" if detail else ""))
    for (letter, change, hidden_as), n in sorted(hidden.items()):
        noun = "signatory" if n == 1 else "signatories"
        lines.append(
            f"{change}: {n} {hidden_as} {noun} on {code}{letter}{code}"
        )
    return lines


def _record_lines(changes: Changes, code: str) -> list[str]:
    lines: list[str] = []
    hidden: Counter[tuple[str, str, str]] = Counter()
    for r in changes.records:
        if r.id is None:
            hidden[r.change, r.kind, r.hidden_as or "anonymous"] += 1
            continue
        detail = _fields(r.fields, r.private_fields)
        lines.append(
            f"{r.change}: {r.kind} {code}{r.id}{code}"
            + (f": {detail}" if detail else "")
        )
    for (change, kind, hidden_as), n in sorted(hidden.items()):
        noun = kind if n == 1 else "people"
        lines.append(f"{change}: {n} {hidden_as} {noun}")
    return lines


def _headline(changes: Changes) -> str:
    if changes.empty:
        return "No records change."
    parts = []
    for change in ("added", "withdrawn", "reinstated", "removed", "changed"):
        n = changes.count(change)
        if n:
            parts.append(f"{n} signature(s) {change}")
    counts = [
        f"{changes.records_count(c)} {c}"
        for c in ("added", "changed", "removed")
        if changes.records_count(c)
    ]
    if counts:
        parts.append("other records: " + ", ".join(counts))
    return "; ".join(parts) + "."


def _effect_lines(effect: LetterEffect) -> list[str]:
    lines = [
        f"active signatures: {_delta(effect.signatures)}",
        f"countries: {_delta(effect.countries)}",
        "people: " + _delta(effect.people, lower_bound=effect.unknown_groups),
    ]
    if effect.newly_covered:
        lines.append("newly covered: " + _countries(effect.newly_covered))
    if effect.no_longer_covered:
        lines.append(
            "no longer covered: " + _countries(effect.no_longer_covered)
        )
    return lines


def as_text(changes: Changes, *, old: str = "OLD", new: str = "NEW") -> str:
    """The changes as plain text, headline first."""
    out = [f"Changes from {old} to {new}: {_headline(changes)}"]
    for effect in changes.letters:
        out.append("")
        out.append(f"Letter {effect.letter}:")
        out.extend(f"  {line}" for line in _effect_lines(effect))
    signatures = _signature_lines(changes, "")
    if signatures:
        out.extend(("", "Signatures:"))
        out.extend(f"  {line}" for line in signatures)
    records = _record_lines(changes, "")
    if records:
        out.extend(("", "Records:"))
        out.extend(f"  {line}" for line in records)
    return "\n".join(out) + "\n"


def as_markdown(
    changes: Changes, *, old: str = "OLD", new: str = "NEW"
) -> str:
    """The changes as Markdown for a pull request comment: the headline and
    each letter's figures first, the details folded away.
    """
    out = [
        "### Registry changes",
        "",
        f"**{_headline(changes)}** (`{old}` → `{new}`)",
    ]
    if changes.letters:
        out.extend(
            (
                "",
                "| Letter | Active signatures | Countries | People |",
                "|---|---|---|---|",
            )
        )
        for e in changes.letters:
            people_delta = _delta(e.people, lower_bound=e.unknown_groups)
            out.append(
                f"| `{e.letter}` | {_delta(e.signatures)} | "
                f"{_delta(e.countries)} | {people_delta} |"
            )
        for e in changes.letters:
            for what, codes in (
                ("Newly covered", e.newly_covered),
                ("No longer covered", e.no_longer_covered),
            ):
                if codes:
                    covered = _countries(codes)
                    out.extend(("", f"{what} by `{e.letter}`: {covered}."))
    details = [
        *(f"- Signature {line}" for line in _signature_lines(changes, "`")),
        *(f"- Record {line}" for line in _record_lines(changes, "`")),
    ]
    if details:
        out.extend(
            (
                "",
                "<details><summary>Details</summary>",
                "",
                *details,
                "",
                "</details>",
            )
        )
    return "\n".join(out) + "\n"
