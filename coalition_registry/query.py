"""Queries: small pure functions over a loaded :class:`Registry`.

None of them does any I/O or changes anything; each returns a new tuple,
in a stable order.
"""

from __future__ import annotations

from .model import Letter, Organisation, Person, Signatory, Signature
from .registry import Registry


__all__ = [
    "cosigners",
    "country_of",
    "letters_signed_by",
    "organisations",
    "overlap",
    "signatories",
    "signatures",
]


def signatures(
    registry: Registry,
    letter_id: str,
    *,
    include_withdrawn: bool = False,
    role: str | None = None,
) -> tuple[Signature, ...]:
    """The signatures of a letter: active ones unless *include_withdrawn*,
    of one *role* if given.
    """
    return tuple(
        s
        for s in registry.signatures_of(letter_id)
        if (include_withdrawn or s.active)
        and (role is None or (s.role == role and "role" not in s.private))
    )


def signatories(
    registry: Registry,
    letter_id: str,
    *,
    country: str | None = None,
    kind: str | None = None,
    role: str | None = None,
) -> tuple[Signatory, ...]:
    """Who signed a letter (active signatures), optionally filtered.

    Args:
        registry: The registry.
        letter_id: The letter.
        country: Only signatories counted in this country (see
            :func:`country_of`).
        kind: Only signatories of this record kind (``organisation``,
            ``person`` or ``group``) or organisation kind (``charity``...).
        role: Only signatures with this role (``survivor``...).

    >>> reg = load("registry_data")
    >>> [o.id for o in signatories(reg, "survivors-letter-2023", country="CA")]
    ['canadian-centre-for-child-protection']
    """
    out = []
    for signature in signatures(registry, letter_id, role=role):
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
    registry: Registry, signatory_id: str, *, include_withdrawn: bool = False
) -> tuple[Letter, ...]:
    """The letters an organisation, person or group signed."""
    out = []
    for signature in registry.signatures_by(signatory_id):
        letter = registry.letters.get(signature.letter)
        if letter is not None and (include_withdrawn or signature.active):
            out.append(letter)
    return tuple(sorted(set(out), key=lambda letter: letter.id))


def organisations(
    registry: Registry,
    *,
    country: str | None = None,
    kind: str | None = None,
    scope: str | None = None,
) -> tuple[Organisation, ...]:
    """Organisations filtered by headquarters country, kind and scope."""
    return tuple(
        o
        for o in registry.organisations
        if (country is None or o.country == country)
        and (kind is None or (o.kind == kind and "kind" not in o.private))
        and (scope is None or (o.scope == scope and "scope" not in o.private))
    )


def country_of(signatory: Signatory) -> str | None:
    """The country a signatory counts in: an organisation's headquarters
    country, a person's or group's country; ``None`` when unknown or
    private.
    """
    if isinstance(signatory, Organisation):
        return signatory.country
    return None if "country" in signatory.private else signatory.country


def cosigners(
    registry: Registry, signatory_id: str
) -> dict[str, tuple[str, ...]]:
    """Who signed the same letters as a signatory: for each other signatory,
    the letters they both signed (active signatures only).  Signatories
    who are not public are left out: they are counted, never listed.

    >>> together = cosigners(load("registry_data"), "barnardos")
    >>> together["eurochild"]
    ('survivors-letter-2023',)
    """
    shared: dict[str, set[str]] = {}
    for letter in letters_signed_by(registry, signatory_id):
        for who in signatories(registry, letter.id):
            if who.id == signatory_id or _hidden(who):
                continue
            shared.setdefault(who.id, set()).add(letter.id)
    return {k: tuple(sorted(v)) for k, v in sorted(shared.items())}


def overlap(
    registry: Registry, first: str, second: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """How two letters' signatories overlap: the ids of those who signed
    both, only the first, and only the second (active signatures; people
    who are not public are left out).

    >>> both, _, _ = overlap(load("registry_data"), "survivors-letter-2023",
    ...                      "survivors-letter-2023")
    >>> len(both)
    10
    """
    a = {w.id for w in signatories(registry, first) if not _hidden(w)}
    b = {w.id for w in signatories(registry, second) if not _hidden(w)}
    return tuple(sorted(a & b)), tuple(sorted(a - b)), tuple(sorted(b - a))


def _hidden(who: Signatory) -> bool:
    return isinstance(who, Person) and who.hides_everything
