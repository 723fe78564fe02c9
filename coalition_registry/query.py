"""Queries: small pure functions over a loaded :class:`Registry`.

None of them does any I/O or changes anything; each returns a new tuple,
in a stable order.
"""

from __future__ import annotations

import datetime as dt
import difflib

from collections.abc import Sequence

import attrs

from .model import (
    KINDS,
    ORGANISATION_KINDS,
    ROLES,
    SCOPES,
    Coalition,
    Letter,
    Organisation,
    Signatory,
    Signature,
    as_text,
    country_of,
    is_hidden,
)
from .registry import Registry, checked, day_of
from .schema import hidden_fields


__all__ = [
    "MemberSigning",
    "coalition_members",
    "coalitions_of",
    "cosigners",
    "country_of",
    "is_hidden",
    "letters_signed_by",
    "members_signing",
    "organisations",
    "overlap",
    "signatories",
    "signatures",
]


def signatures(
    registry: Registry,
    letter_id: str | None = None,
    *,
    include_withdrawn: bool = False,
    role: str | None = None,
    on: dt.date | None = None,
) -> tuple[Signature, ...]:
    """The signatures of a letter that count on the day *on* (default
    today), as the counts count them: active ones, and those withdrawn
    after that day, made by then (no ``signed_on``, or one on or before
    that day), and none before the letter's ``date`` (unless the date is
    private); every one with *include_withdrawn*.  Of one *role* if
    given.
    Without *letter_id*, it is of the registry's only letter.

    Raises:
        UnknownLetterError: When no letter has the id, or none is given
            and the registry has other than one letter.
        ValueError: When *role* is not a role.
    """
    letter_id = checked(registry, "signatures").which_letter(letter_id)
    _check_choice("role", role, ROLES)
    day = day_of(on)
    before = registry.unpublished(letter_id, day)
    return tuple(
        s
        for s in registry.signatures_of(letter_id)
        if (include_withdrawn or (s.counts_on(day) and not before))
        and (role is None or (s.role == role and "role" not in s.private))
    )


def signatories(
    registry: Registry,
    letter_id: str | None = None,
    *,
    country: str | None = None,
    kind: str | None = None,
    role: str | None = None,
    on: dt.date | None = None,
) -> tuple[Signatory, ...]:
    """Who signed a letter, optionally filtered: the signatories of the
    signatures that count on *on*, as :func:`signatures` gives them, so
    that a table's count can be listed.
    Without *letter_id*, it is of the registry's only letter.

    Args:
        registry: The registry.
        letter_id: The letter.
        country: Only signatories counted in this country (see
            :func:`country_of`).
        kind: Only signatories of this record kind (``organisation``,
            ``person`` or ``group``) or organisation kind (``charity``...).
        role: Only signatures with this role (``survivor``...).
        on: The day (default today).

    >>> reg = load("registry_data")
    >>> [o.id for o in signatories(reg, "survivors-letter-2023", country="CA")]
    ['canadian-centre-for-child-protection']

    Raises:
        UnknownLetterError: When no letter has the id, or none is given
            and the registry has other than one letter.
        ValueError: When a filter is not a country code, a kind or a role
            (a filter that can match nothing is a mistake, not a zero).
    """
    letter_id = checked(registry, "signatories").which_letter(letter_id)
    country = _country_code(country)
    _check_choice("kind", kind, _SIGNATORY_KINDS)
    out = []
    for signature in signatures(registry, letter_id, role=role, on=on):
        who = registry.signatory(signature.signatory)
        if who is None:
            continue
        if country is not None and country_of(who) != country:
            continue
        if kind is not None and kind not in {
            who.kind_name,
            None if "kind" in who.private else getattr(who, "kind", None),
        }:
            continue
        out.append(who)
    return tuple(out)


def letters_signed_by(
    registry: Registry,
    signatory_id: str,
    *,
    include_withdrawn: bool = False,
    on: dt.date | None = None,
) -> tuple[Letter, ...]:
    """The letters an organisation, person or group signed: those whose
    signature counts on *on* (default today; see :func:`signatures`), or
    every one with *include_withdrawn*.

    Raises:
        LookupError: When no organisation, person or group has the id: a
            misspelt id would otherwise read as "signed nothing".  Given
            a name, the message names the id of the record it is the name
            of.
        TypeError: When *signatory_id* is not text (a record, say).
    """
    registry = checked(registry, "letters_signed_by")
    signatory_id = as_text(signatory_id, "signatory_id", "barnardos")
    if registry.signatory(signatory_id) is None:
        msg = f"no organisation, person or group has the id {signatory_id!r}"
        if registry.coalitions.get(signatory_id) is not None:
            msg += (
                "; it is a coalition's, which signs through an organisation "
                "record of its own (see coalition_members())"
            )
        elif registry.letters.get(signatory_id) is not None:
            msg += "; it is a letter's: signatories() gives who signed it"
        else:
            # A name where the id is asked for: say whose it is, as
            # lookup() would find it (never a person who is not public).
            collections = (
                registry.organisations,
                registry.people,
                registry.groups,
            )
            named = sorted(
                r.id for c in collections for r in c.named(signatory_id)
            )
            if named:
                ids = ", ".join(map(repr, named))
                msg += f"; it is the name of {ids}: pass the id"
        raise LookupError(msg)
    out = []
    day = day_of(on)
    for signature in registry.signatures_by(signatory_id):
        letter = registry.letters.get(signature.letter)
        if letter is not None and (
            include_withdrawn
            or (
                signature.counts_on(day)
                and not registry.unpublished(letter.id, day)
            )
        ):
            out.append(letter)
    return tuple(sorted(set(out), key=lambda letter: letter.id))


def organisations(
    registry: Registry,
    *,
    country: str | None = None,
    kind: str | None = None,
    scope: str | None = None,
) -> tuple[Organisation, ...]:
    """Organisations filtered by headquarters country, kind and scope.

    Raises:
        ValueError: When a filter is not a country code, a kind of
            organisation or a scope.
    """
    registry = checked(registry, "organisations")
    country = _country_code(country)
    _check_choice("kind of organisation", kind, ORGANISATION_KINDS)
    _check_choice("scope", scope, SCOPES)
    return tuple(
        o
        for o in registry.organisations
        if (country is None or o.country == country)
        and (kind is None or (o.kind == kind and "kind" not in o.private))
        and (scope is None or (o.scope == scope and "scope" not in o.private))
    )


_SIGNATORY_KINDS = (
    *(k for k in KINDS if k in {"organisation", "person", "group"}),
    *ORGANISATION_KINDS,
)


def _check_choice(
    what: str, value: str | None, allowed: Sequence[str]
) -> None:
    if value is None:
        return
    # A list of choices, say, is not one of them, nor close to one.  The
    # keyword is the first word of what it is ("kind of organisation").
    value = as_text(value, f"{what.split(maxsplit=1)[0]}=", allowed[0])
    if value in allowed:
        return
    close = difflib.get_close_matches(value, allowed, n=1)
    hint = (
        f"did you mean {close[0]!r}?"
        if close
        else "use one of: " + ", ".join(allowed)
    )
    msg = f"{value!r} is not a {what}; {hint}"
    raise ValueError(msg)


def _country_code(code: str | None) -> str | None:
    """*code* as an alpha-2 code (any case), or a ValueError that says which
    code it may mean.
    """
    if code is None:
        return None
    code = as_text(code, "country=", "GB")
    from .countries import suggest

    meant = suggest(code)
    if meant is not None and meant == code.upper():
        return meant
    hint = f"; did you mean {meant!r}?" if meant else ""
    msg = f"{code!r} is not an ISO 3166-1 alpha-2 code{hint}"
    raise ValueError(msg)


def cosigners(
    registry: Registry, signatory_id: str, *, on: dt.date | None = None
) -> dict[str, tuple[str, ...]]:
    """Who signed the same letters as a signatory: for each other signatory,
    the letters they both signed (signatures that count on *on*, default
    today).  Signatories who are not public are left out: they are
    counted, never listed.

    >>> together = cosigners(load("registry_data"), "barnardos")
    >>> together["eurochild"]
    ('survivors-letter-2023',)

    Raises:
        LookupError: When no organisation, person or group has the id.
    """
    registry = checked(registry, "cosigners")
    shared: dict[str, set[str]] = {}
    for letter in letters_signed_by(registry, signatory_id, on=on):
        for who in signatories(registry, letter.id, on=on):
            if who.id == signatory_id or is_hidden(who):
                continue
            shared.setdefault(who.id, set()).add(letter.id)
    return {k: tuple(sorted(v)) for k, v in sorted(shared.items())}


def overlap(
    registry: Registry,
    first: str,
    second: str,
    *,
    on: dt.date | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """How two letters' signatories overlap: the ids of those who signed
    both, only the first, and only the second (signatures that count on
    *on*, default today; people who are not public are left out).

    >>> both, _, _ = overlap(load("registry_data"), "survivors-letter-2023",
    ...                      "survivors-letter-2023")
    >>> len(both)
    10
    """
    registry = checked(registry, "overlap")
    a = {w.id for w in signatories(registry, first, on=on) if not is_hidden(w)}
    b = {
        w.id for w in signatories(registry, second, on=on) if not is_hidden(w)
    }
    return tuple(sorted(a & b)), tuple(sorted(a - b)), tuple(sorted(b - a))


def coalition_members(
    registry: Registry, coalition_id: str, *, on: dt.date | None = None
) -> tuple[Organisation, ...]:
    """The organisations that were members of a coalition on the day *on*
    (default today), in order of id: those that joined on or before it
    and left after it.

    Raises:
        LookupError: When no coalition has the id.
        ValueError: When the coalition keeps its members private: they are
            never listed, and an empty list would read as "none".
    """
    registry = checked(registry, "coalition_members")
    coalition = _coalition(registry, coalition_id)
    if "members" in coalition.private:
        msg = f"the members of the coalition {coalition_id!r} are private"
        raise ValueError(msg)
    day = day_of(on)
    found = (registry.organisations.get(i) for i in coalition.members_on(day))
    return tuple(sorted({o.id: o for o in found if o}.values(), key=_by_id))


def coalitions_of(
    registry: Registry, organisation_id: str, *, on: dt.date | None = None
) -> tuple[Coalition, ...]:
    """The coalitions an organisation was a member of on the day *on*
    (default today), in order of id; those that keep their members
    private are left out.

    Raises:
        LookupError: When no organisation has the id.
    """
    registry = checked(registry, "coalitions_of")
    organisation_id = as_text(organisation_id, "organisation_id", "barnardos")
    if registry.organisations.get(organisation_id) is None:
        msg = f"no organisation has the id {organisation_id!r}"
        raise LookupError(msg)
    day = day_of(on)
    # Its own memberships only: every coalition's members, searched for
    # each organisation in turn, took time in the square of their number.
    found = {
        c.id: c
        for c, membership in registry.memberships_of(organisation_id)
        if "members" not in c.private and membership.member_on(day)
    }
    return tuple(sorted(found.values(), key=_by_id))


@attrs.frozen
class MemberSigning:
    """A coalition's member, and whether it signed a letter.

    Attributes:
        organisation: The member.
        signed: Whether its own signature of the letter counts.
        signed_for: The signatories whose signatures made on its behalf
            (``on_behalf_of``) count, in order of id; never a person who
            is not public, nor a signature whose ``on_behalf_of`` is
            private.
    """

    organisation: Organisation
    signed: bool
    signed_for: tuple[str, ...] = ()

    @property
    def signs(self) -> bool:
        """Whether the letter counts it in any way: itself, or on its
        behalf.
        """
        return self.signed or bool(self.signed_for)


def members_signing(
    registry: Registry,
    coalition_id: str,
    letter_id: str | None = None,
    *,
    on: dt.date | None = None,
) -> tuple[MemberSigning, ...]:
    """The members of a coalition on the day *on* (default today), in order
    of id, each with whether it signed the letter: the question a
    coalition's coordinator asks before chasing signatures.  Signatures
    count as :func:`signatures` counts them on that day.
    Without *letter_id*, it is of the registry's only letter.

    Raises:
        LookupError: When no coalition has the id.
        UnknownLetterError: When no letter has the id, or none is given
            and the registry has other than one letter.
        ValueError: When the coalition keeps its members private.
    """
    members = coalition_members(registry, coalition_id, on=on)
    letter_id = checked(registry, "members_signing").which_letter(letter_id)
    day = day_of(on)
    # A coalition has tens of members, a letter may have a million
    # signatures, and every coalition is asked in turn: each member's own
    # signatures, and those made on its behalf, are looked up, never
    # searched for among the letter's.
    own = {o.id for o in members if registry.signed_by(letter_id, o.id, day)}
    for_them: dict[str, set[str]] = {}
    for o in members:
        for signature in registry.signed_for(letter_id, o.id, day):
            who = registry.signatory(signature.signatory)
            # Who signed for an organisation is theirs to tell only when
            # the export would tell it.
            if (
                who is not None
                and not is_hidden(who)
                and "on_behalf_of"
                not in hidden_fields(Signature, signature.private)
            ):
                for_them.setdefault(o.id, set()).add(signature.signatory)
    return tuple(
        MemberSigning(o, o.id in own, tuple(sorted(for_them.get(o.id, ()))))
        for o in members
    )


def _coalition(registry: Registry, coalition_id: str) -> Coalition:
    coalition_id = as_text(coalition_id, "coalition_id", "example-coalition")
    coalition = registry.coalitions.get(coalition_id)
    if coalition is None:
        known = [c.id for c in registry.coalitions]
        close = difflib.get_close_matches(coalition_id, known, n=1)
        if close:
            hint = f"; did you mean {close[0]!r}?"
        elif known:  # as for a letter: the ids to choose from
            hint = "; coalitions: " + ", ".join(sorted(known))
        else:
            hint = ": the registry records none"
        msg = f"no coalition has the id {coalition_id!r}{hint}"
        raise LookupError(msg)
    return coalition


def _by_id(record: Organisation | Coalition) -> str:
    return record.id
