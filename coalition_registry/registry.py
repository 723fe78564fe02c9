"""The registry: validated records in immutable collections, with indices
built once, in the shape of pycountry's databases.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import operator

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Generic, TypeVar, overload

from .countries import normalise
from .model import (
    Coalition,
    Group,
    Letter,
    Membership,
    Organisation,
    Person,
    Record,
    RegistryInfo,
    Signatory,
    Signature,
    as_day,
    as_text,
    is_hidden,
)
from .parsing import DEFAULT_LIMITS, Limits
from .problems import Location, Problem, RegistryError
from .schema import a, hidden_fields
from .validation import validate


__all__ = [
    "Collection",
    "Registry",
    "UnknownLetterError",
    "checked",
    "day_of",
    "load",
]

_SIGNATORY: Final = operator.attrgetter("signatory")
_ID: Final = operator.attrgetter("id")
_ON_BEHALF_OF: Final = operator.attrgetter("on_behalf_of")
_COUNTRY: Final = operator.attrgetter("country")
#: The kinds of record a registry holds.
_KINDS: Final = (Letter, Organisation, Person, Group, Signature, Coalition)

R = TypeVar("R", Letter, Organisation, Person, Group, Signature, Coalition)
D = TypeVar("D")


class Collection(Generic[R]):
    """The records of one kind: iterable, sized, read by id as a mapping is
    (``[]`` raises :class:`KeyError`, :meth:`get` gives a default), and
    searchable by name or alias.

    >>> reg = load("registry_data")
    >>> reg.organisations["barnardos"].name
    "Barnardo's"
    >>> reg.organisations.lookup("barnardo’s").id
    'barnardos'
    """

    __slots__ = ("_by_id", "_by_name", "_kind")

    def __init__(self, kind: str, records: Iterable[R]) -> None:
        self._kind = kind
        in_order = sorted(records, key=_ID)
        self._by_id: dict[str, R] = dict(
            zip(map(_ID, in_order), in_order, strict=True)
        )
        # Built on the first lookup by name: validation never needs it, and
        # folding a million names costs seconds.
        self._by_name: dict[str, list[R]] | None = None

    def __iter__(self) -> Iterator[R]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __getitem__(self, record_id: str) -> R:
        """The record with this id.

        Raises:
            KeyError: When no record has this id (:meth:`lookup` finds one
                by its name).
        """
        try:
            return self._by_id[record_id]
        except KeyError:
            msg = (
                f"no {self._kind} record has the id {record_id!r}; "
                "lookup() finds one by its name"
            )
            raise KeyError(msg) from None

    def __repr__(self) -> str:
        return f"<Collection of {len(self)} {self._kind} record(s)>"

    @property
    def kind(self) -> str:
        """The kind of record it holds (``organisation``...)."""
        return self._kind

    @overload
    def get(self, record_id: str) -> R | None: ...
    @overload
    def get(self, record_id: str, default: D) -> R | D: ...
    def get(self, record_id: str, default: object = None) -> object:
        """The record with this id, or *default*; never raises."""
        return self._by_id.get(record_id, default)

    def lookup(self, text: str) -> R:
        """The record whose id, name or alias is *text*, ignoring case,
        accents, apostrophes and punctuation.

        People who are not public are found by id only.

        Raises:
            LookupError: When no record matches (the message suggests the
                id of one whose name is close), or when the name is that of
                more than one record (the message lists their ids).
            TypeError: When *text* is not text.
        """
        text = as_text(text, "lookup()", "Barnardo's")
        exact = self._by_id.get(text)
        if exact is not None:
            return exact
        key = normalise(text)
        by_name = self._names()
        matches = by_name.get(key, [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(repr(m.id) for m in matches)
            msg = (
                f"{text!r} is the name of {len(matches)} records ({ids}); "
                "look one up by its id"
            )
            raise LookupError(msg)
        close = difflib.get_close_matches(key, by_name, n=1, cutoff=0.8)
        hint = f"; did you mean {by_name[close[0]][0].id!r}?" if close else ""
        msg = f"{text!r} is not the id, name or alias of any record{hint}"
        raise LookupError(msg)

    def named(self, text: str) -> list[R]:
        """The records whose name or alias is *text*, folded as
        :meth:`lookup` folds it; people who are not public never.  Unlike
        :meth:`lookup`, a miss costs one dictionary look-up: no close name
        is searched for.
        """
        text = as_text(text, "named()", "Barnardo's")
        return list(self._names().get(normalise(text), ()))

    def _names(self) -> dict[str, list[R]]:
        if self._by_name is None:
            by_name: dict[str, list[R]] = {}
            for record in self._by_id.values():
                for name in _searchable_names(record):
                    found = by_name.setdefault(normalise(name), [])
                    # A record's names are indexed one after the other, so
                    # one it has already is the last: searched (and compared
                    # field by field) through the whole list, 100,000
                    # people of one name took most of an hour.
                    if not found or found[-1] is not record:
                        found.append(record)
            self._by_name = by_name
        return self._by_name


def _searchable_names(record: Any) -> list[str]:
    private = hidden_fields(type(record), getattr(record, "private", ()))
    if is_hidden(record):
        return []
    names = []
    if "name" not in private and getattr(record, "name", None):
        names.append(record.name)
    if "aliases" not in private:
        names.extend(getattr(record, "aliases", ()))
    if isinstance(record, Letter) and "title" not in private:
        names.append(record.title)
    return names


class Registry:
    """Every record of a registry.

    Build one with :func:`load`, which validates the files, or from
    records, as ``Registry([*reg, coalition])``: a :class:`TypeError` for
    anything that is not a record, and a :class:`ValueError` for two
    records of one kind with one id.  Nothing else is checked: a signature whose
    signatory is not among the records counts in no country (as unknown),
    so give every record, not ``reg.letters`` and ``reg.signatures``
    alone.  All collections are immutable; the indices used by queries
    are built once, here.

    Attributes:
        info: The registry's ``registry.yaml``.
        letters: The letters.
        organisations: The organisations.
        people: The people.
        groups: The groups.
        signatures: The signatures.
        coalitions: The coalitions.
    """

    __slots__ = (
        "_by_id",
        "_by_letter",
        "_by_signatory",
        "_memberships",
        "_places",
        "_signatories",
        "_signers_of",
        "_standing",
        "coalitions",
        "groups",
        "info",
        "letters",
        "organisations",
        "people",
        "signatures",
    )

    def __init__(
        self, records: Iterable[Any], info: RegistryInfo | None = None
    ) -> None:
        by_kind: dict[type[Any], list[Any]] = defaultdict(list)
        for record in records:
            by_kind[type(record)].append(record)
        # Anything else would be left out in silence, and every count of
        # the registry made without it.
        stray = [c for c in by_kind if c not in _KINDS]
        if stray:
            given = a(stray[0].__name__.lower())
            hint = (
                ": unpack each collection, as in "
                "Registry([*reg.letters, *reg.organisations]), or the "
                "whole registry, Registry([*reg, record])"
                if issubclass(stray[0], Collection)
                else ""
            )
            msg = (
                "a Registry is made of records (Letter, Organisation, "
                f"Person, Group, Signature, Coalition), not {given}{hint}"
            )
            raise TypeError(msg)
        passed: object = info  # typed, not checked by Python
        if passed is not None and not isinstance(passed, RegistryInfo):
            # Registry(reg.letters, reg.signatures): the second collection
            # taken for info, and every record of it left out in silence.
            hint = (
                ": give every record in one list, as in "
                "Registry([*reg.letters, *reg.organisations]), or the "
                "whole registry, Registry([*reg, record])"
                if isinstance(passed, Iterable) and not isinstance(passed, str)
                else ""
            )
            msg = (
                "a Registry's info is its RegistryInfo (reg.info), not "
                f"{a(type(passed).__name__.lower())}{hint}"
            )
            raise TypeError(msg)
        _check_whole(by_kind)
        self._fill(by_kind, info)

    @classmethod
    def _of_kinds(
        cls,
        by_kind: Mapping[type[Any], Sequence[Any]],
        info: RegistryInfo | None = None,
    ) -> Registry:
        """The registry of records already grouped by class, as validation
        has them (grouping a million records again costs a second).
        """
        registry = cls.__new__(cls)
        registry._fill(by_kind, info)  # noqa: SLF001 - same class
        return registry

    def _fill(
        self,
        by_kind: Mapping[type[Any], Sequence[Any]],
        info: RegistryInfo | None,
    ) -> None:
        self.info = info
        self.letters: Collection[Letter] = Collection(
            "letter", by_kind.get(Letter, ())
        )
        self.organisations: Collection[Organisation] = Collection(
            "organisation", by_kind.get(Organisation, ())
        )
        self.people: Collection[Person] = Collection(
            "person", by_kind.get(Person, ())
        )
        self.groups: Collection[Group] = Collection(
            "group", by_kind.get(Group, ())
        )
        self.signatures: Collection[Signature] = Collection(
            "signature", by_kind.get(Signature, ())
        )
        self.coalitions: Collection[Coalition] = Collection(
            "coalition", by_kind.get(Coalition, ())
        )
        # Built on first use: merging a million ids costs seconds, and
        # validation needs only the signatories.
        self._by_id: dict[str, Any] | None = None
        self._signatories: dict[str, Signatory] | None = None
        by_letter: dict[str, list[Signature]] = defaultdict(list)
        for signature in self.signatures:
            by_letter[signature.letter].append(signature)
        self._by_letter = {k: tuple(v) for k, v in by_letter.items()}
        self._by_signatory: dict[str, tuple[Signature, ...]] | None = None
        self._signers_of: dict[
            str,
            tuple[
                dict[str, Signature],
                dict[str, tuple[Signature, ...]],
                dict[str, tuple[Signature, ...]],
            ],
        ] = {}
        self._memberships: (
            dict[str, tuple[tuple[Coalition, Membership], ...]] | None
        ) = None
        self._places: (
            tuple[dict[str, str | None], dict[str, str | None]] | None
        ) = None
        # By letter: the standing signatures, their signatories' ids, and
        # the withdrawn signatures (which count until their day).
        self._standing: dict[
            str,
            tuple[
                tuple[Signature, ...], tuple[str, ...], tuple[Signature, ...]
            ],
        ] = {}

    def _collections(self) -> tuple[Collection[Any], ...]:
        return (
            self.letters,
            self.organisations,
            self.people,
            self.groups,
            self.signatures,
            self.coalitions,
        )

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(c)} {c.kind}(s)" for c in self._collections()
        )
        return f"<Registry: {counts}>"

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Record]:
        """Every record, kind by kind (letters, organisations, people,
        groups, signatures, coalitions): ``Registry([*reg, record])`` is
        the registry with one more.
        """
        return itertools.chain.from_iterable(self._collections())

    def _all(self) -> dict[str, Any]:
        if self._by_id is None:
            # The first collection to hold an id keeps it: merge in reverse.
            by_id: dict[str, Any] = {}
            for collection in reversed(self._collections()):
                by_id.update(collection._by_id)  # noqa: SLF001 - same module
            self._by_id = by_id
        return self._by_id

    @overload
    def get(self, record_id: str) -> Record | None: ...
    @overload
    def get(self, record_id: str, default: D) -> Record | D: ...
    def get(self, record_id: str, default: object = None) -> object:
        """The record of any kind with this id, or *default*; never
        raises.  It is a :class:`Letter`, :class:`Organisation`,
        :class:`Person`, :class:`Group`, :class:`Signature` or
        :class:`Coalition`: narrow it with ``isinstance``, or ask the
        collection of its kind (``registry.organisations.get``).
        """
        return self._all().get(record_id, default)

    def signatory(self, record_id: str) -> Signatory | None:
        """The organisation, person or group with this id, or ``None``:
        from a signature, ``registry.signatory(signature.signatory)``.
        """
        return self._signatory_index().get(record_id)

    def signatories_by_id(
        self, record_ids: Sequence[str]
    ) -> Sequence[Signatory | None]:
        """The organisation, person or group with each id, in order
        (``None`` where there is none), looked up in one C loop.
        """
        return look_up_all(self._signatory_index(), record_ids)

    def _signatory_index(self) -> dict[str, Signatory]:
        if self._signatories is None:
            # What get() holds for each id, where that is a signatory: the
            # first collection to hold an id keeps it, so merge in reverse,
            # and an id a letter holds is the letter's.
            found: dict[str, Signatory] = {}
            for collection in (self.groups, self.people, self.organisations):
                found.update(collection._by_id)  # noqa: SLF001 - same module
            letters = self.letters._by_id  # noqa: SLF001 - same module
            for record_id in letters.keys() & found.keys():
                del found[record_id]
            self._signatories = found
        return self._signatories

    def places(self) -> tuple[dict[str, str | None], dict[str, str | None]]:
        """Where every signatory counts: by id, the country it counts in
        (``None`` when unknown or private); and the same for international
        organisations only.  Built once, on first use.
        """
        if self._places is None:
            # The same as query.country_of for each signatory, in C loops
            # where the records allow: this runs over a million of them.
            countries: dict[str, str | None] = {}
            international: dict[str, str | None] = {}
            collections: tuple[Collection[Any], ...] = (
                self.organisations,
                self.people,
                self.groups,
            )
            for collection in collections:
                records = collection._by_id  # noqa: SLF001 - same module
                countries.update(
                    zip(records, map(_COUNTRY, records.values()), strict=True)
                )
                if collection is not self.organisations:
                    # A person's or a group's country may be private.
                    for who in records.values():
                        if "country" in who.private:
                            countries[who.id] = None
            for org in self.organisations:
                if org.scope == "international" and "scope" not in org.private:
                    international[org.id] = org.country
            self._places = (countries, international)
        return self._places

    def letter(self, letter_id: str) -> Letter:
        """The letter with this id.

        Raises:
            UnknownLetterError: When no letter has it; the message names
                the closest id, or the letters there are.
            TypeError: When *letter_id* is not text (a :class:`Letter`,
                say): every function that takes a letter's id says so.
        """
        letter_id = as_text(letter_id, "letter_id", "survivors-letter-2023")
        found = self.letters.get(letter_id)
        if found is None:
            raise UnknownLetterError(letter_id, [x.id for x in self.letters])
        return found

    def which_letter(self, letter_id: str | None = None) -> str:
        """The id of the letter meant: *letter_id*, once checked, or, when
        it is ``None``, the id of the registry's only letter, as the
        commands choose it.

        Raises:
            UnknownLetterError: When no letter has the id, or none is named
                and the registry has more than one letter, or none.
            TypeError: When *letter_id* is not text.
        """
        if letter_id is None:
            ids = [x.id for x in self.letters]
            if len(ids) != 1:
                raise UnknownLetterError(None, ids)
            return ids[0]
        return self.letter(letter_id).id

    def signatures_of(self, letter_id: str) -> tuple[Signature, ...]:
        """Every signature of a letter, withdrawn ones included."""
        return self._by_letter.get(letter_id, ())

    def unpublished(self, letter_id: str, on: dt.date) -> bool:
        """Whether the letter was not yet published on the day *on*: no
        signature counts before the letter's ``date`` (unless the date is
        private), nor before the month or the year it is known only to.
        """
        letter = self.letters.get(letter_id)
        published = None if letter is None else letter.comparable_start
        return published is not None and on < published

    def standing(self, letter_id: str, on: dt.date) -> Sequence[Signature]:
        """The signatures of a letter that count on the day *on* (see
        :meth:`Signature.counts_on`), in order of id; none before the
        letter's date.
        """
        # Checked first: a wrong day must fail whatever the data holds.
        on = as_day(on)
        if self.unpublished(letter_id, on):
            return ()
        standing, _, dated = self._split(letter_id)
        if not dated:
            return standing
        counted = {id(s) for s in dated if s.counts_on(on)}
        if not counted:
            return standing
        return tuple(
            s
            for s in self._by_letter.get(letter_id, ())
            if id(s) in counted or _settled(s)
        )

    def signatory_ids(self, letter_id: str, on: dt.date) -> Sequence[str]:
        """The ids of the signatories whose signature of a letter counts on
        the day *on* (see :meth:`Signature.counts_on`).

        Standing signatures are indexed once per letter, so counting over
        a million of them runs in C loops.
        """
        on = as_day(on)
        if self.unpublished(letter_id, on):
            return ()
        _, ids, dated = self._split(letter_id)
        if not dated:
            return ids
        return ids + tuple(s.signatory for s in dated if s.counts_on(on))

    def _split(
        self, letter_id: str
    ) -> tuple[tuple[Signature, ...], tuple[str, ...], tuple[Signature, ...]]:
        # Signatures that count on every day, their signatories, and those
        # whose dates say on which days they count.
        split = self._standing.get(letter_id)
        if split is None:
            signatures = self._by_letter.get(letter_id, ())
            standing = tuple(filter(_settled, signatures))
            split = self._standing[letter_id] = (
                standing,
                tuple(map(_SIGNATORY, standing)),
                tuple(itertools.filterfalse(_settled, signatures)),
            )
        return split

    def signatures_by(self, signatory_id: str) -> tuple[Signature, ...]:
        """Every signature a signatory made, withdrawn ones included."""
        if self._by_signatory is None:
            by_signatory: dict[str, list[Signature]] = defaultdict(list)
            for signature in self.signatures:
                by_signatory[signature.signatory].append(signature)
            self._by_signatory = {k: tuple(v) for k, v in by_signatory.items()}
        return self._by_signatory.get(signatory_id, ())

    def signed_by(
        self, letter_id: str, signatory_id: str, on: dt.date
    ) -> tuple[Signature, ...]:
        """The signatures of a letter by a signatory (one, unless it is
        recorded twice) that count on the day *on*, as :meth:`standing`
        counts them.  Indexed once per letter, as :meth:`signed_for` is.
        """
        by, twice, _ = self._signers(letter_id)
        found = twice.get(signatory_id)
        if found is None:
            one = by.get(signatory_id)
            found = () if one is None else (one,)
        return self._counted(letter_id, found, on)

    def signed_for(
        self, letter_id: str, organisation_id: str, on: dt.date
    ) -> tuple[Signature, ...]:
        """The signatures of a letter made on an organisation's behalf
        (``on_behalf_of``) that count on the day *on*, as :meth:`standing`
        counts them, in order of id.  Indexed once per letter: asked for
        each member of every coalition, a search of the letter's
        signatures took time in their number times the coalitions'.
        """
        found = self._signers(letter_id)[2].get(organisation_id, ())
        return self._counted(letter_id, found, on)

    def _counted(
        self, letter_id: str, found: tuple[Signature, ...], on: dt.date
    ) -> tuple[Signature, ...]:
        on = as_day(on)
        if not found or self.unpublished(letter_id, on):
            return ()
        return tuple(s for s in found if _settled(s) or s.counts_on(on))

    def _signers(
        self, letter_id: str
    ) -> tuple[
        dict[str, Signature],
        dict[str, tuple[Signature, ...]],
        dict[str, tuple[Signature, ...]],
    ]:
        # A letter's signatures by signatory (and those of a signatory
        # recorded twice), and by the organisation they were made on
        # behalf of; built on first use, in C loops where it can be: a
        # letter may have a million signatures.
        index = self._signers_of.get(letter_id)
        if index is None:
            signatures = self._by_letter.get(letter_id, ())
            by = dict(
                zip(map(_SIGNATORY, signatures), signatures, strict=True)
            )
            twice: dict[str, list[Signature]] = {}
            if len(by) < len(signatures):
                for signature in signatures:
                    twice.setdefault(signature.signatory, []).append(signature)
                twice = {k: v for k, v in twice.items() if len(v) > 1}
            behalf: dict[str, list[Signature]] = defaultdict(list)
            for signature in filter(_ON_BEHALF_OF, signatures):
                behalf[str(signature.on_behalf_of)].append(signature)
            index = self._signers_of[letter_id] = (
                by,
                {k: tuple(v) for k, v in twice.items()},
                {k: tuple(v) for k, v in behalf.items()},
            )
        return index

    def memberships_of(
        self, organisation_id: str
    ) -> tuple[tuple[Coalition, Membership], ...]:
        """Every membership of an organisation, past and present, with its
        coalition, in order of the coalition's id; those of coalitions that
        keep their members private too: to publish them, use
        :func:`coalition_registry.coalitions_of`, which leaves them out.
        """
        if self._memberships is None:
            # Built once: asked for each of a coalition's members in turn,
            # a search of every coalition took time in the square of its
            # members.
            found: dict[str, list[tuple[Coalition, Membership]]] = defaultdict(
                list
            )
            for coalition in self.coalitions:
                for membership in coalition.members:
                    found[membership.organisation].append(
                        (coalition, membership)
                    )
            self._memberships = {k: tuple(v) for k, v in found.items()}
        return self._memberships.get(organisation_id, ())


def _settled(signature: Signature) -> bool:
    """Whether a signature counts on every day: it stands, and no
    ``signed_on`` says from when (a private one is not compared).
    """
    # Attributes, not the property: this runs for every signature counted.
    return signature.status == "active" and (
        signature.signed_on is None or "signed_on" in signature.private
    )


def day_of(on: dt.date | None) -> dt.date:
    """The day counts are made as of: *on* (a datetime's day), or today
    (in UTC) when ``None``.
    """
    return dt.datetime.now(tz=dt.UTC).date() if on is None else as_day(on)


class UnknownLetterError(LookupError):
    """Raised when a letter asked for by id is not in the registry: a count
    of an unknown letter would be a silent zero.
    """

    def __init__(self, letter_id: str | None, known: Sequence[str]) -> None:
        self.letter_id = letter_id
        if letter_id is None:
            super().__init__(
                f"no letter was named, and the registry has {len(known)} "
                "letters: name one of " + ", ".join(known)
                if known
                else "no letter was named, and the registry holds no letter"
            )
            return
        close = difflib.get_close_matches(letter_id, known, n=1)
        if close:
            hint = f"; did you mean {close[0]!r}?"
        elif known:
            hint = "; letters: " + ", ".join(known)
        else:
            hint = "; the registry holds no letter"
        super().__init__(f"no letter has the id {letter_id!r}{hint}")


def look_up_all(
    mapping: dict[str, D], keys: Sequence[str]
) -> Sequence[D | None]:
    """``mapping.get(key)`` for every key, in order.

    This runs over millions of signatures: itemgetter looks them all up in
    one C loop, twice as fast as ``map(mapping.get, keys)``.
    """
    if len(keys) > 1:
        try:
            found: tuple[D, ...] = operator.itemgetter(*keys)(mapping)
        except KeyError:
            pass  # a key without a value: look up one by one
        else:
            return found
    return list(map(mapping.get, keys))


def load(
    path: str | Path = "registry_data", *, limits: Limits = DEFAULT_LIMITS
) -> Registry:
    """Read and validate a registry folder.

    Args:
        path: The registry's root folder (holding ``registry.yaml``).
        limits: Size and depth bounds.

    Returns:
        The registry.  Its warnings are not kept: :func:`validate` returns
        them, in a report whose ``registry`` is this registry.

    Raises:
        RegistryError: When the registry has errors, or *path* is not a
            registry's root folder (a file or a folder inside one, which
            would load as an empty registry); its ``problems`` hold every
            problem found.
    """
    report = validate(path, limits=limits)
    if not report.valid:
        raise RegistryError(report.problems)
    if report.registry is None:
        # validate() checks a file or a folder inside a registry, but
        # keeps the records of a whole registry only: loaded, the rest
        # would be an empty registry, and every count of it a silent zero.
        raise RegistryError((*report.problems, _not_a_root(Path(path))))
    return report.registry


def _not_a_root(path: Path) -> Problem:
    """The problem of loading *path*, which is not a registry's root."""
    from .files import display_path, find_root

    root = find_root(path)
    hint = (
        f": load {display_path(root)!r} instead"
        if root is not None
        else ", the folder holding registry.yaml"
    )
    return Problem(
        "invalid-registry-file",
        "load() reads a whole registry, not a file or a folder inside one; "
        f"name the registry's root folder{hint}",
        Location(display_path(path)),
    )


def checked(registry: object, caller: str) -> Registry:
    """*registry*, when it is a :class:`Registry`; else a :class:`TypeError`
    for the function *caller*, saying how to get one.

    A folder's name, or a validation's report, given where a registry
    belongs would otherwise fail deep inside, with an error about neither.

    >>> checked("registry_data", "coverage")
    Traceback (most recent call last):
    ...
    TypeError: coverage() takes a Registry, as cr.load() returns it, not a str; load the folder first: cr.load('registry_data')
    """
    if isinstance(registry, Registry):
        return registry
    from .validation import Report

    how = ""
    if isinstance(registry, (str, Path)):
        how = f"; load the folder first: cr.load({str(registry)!r})"
    elif isinstance(registry, Report):
        how = (
            "; a valid report gives its registry with report.to_registry(), "
            "or load the folder with cr.load()"
        )
    name = "None" if registry is None else a(type(registry).__name__)
    msg = (
        f"{caller}() takes a Registry, as cr.load() returns it, not "
        f"{name}{how}"
    )
    raise TypeError(msg)


def _check_whole(by_kind: Mapping[type[Any], Sequence[Any]]) -> None:
    """Refuse two records of one kind given to :class:`Registry` with one
    id: the last would replace the first in silence (a record changed with
    ``attrs.evolve`` beside its original, say).  Records of two kinds may
    share one, as :meth:`Registry.get` says.
    """
    for kind in _KINDS:
        seen: set[str] = set()
        for record in by_kind.get(kind, ()):
            if record.id in seen:
                msg = (
                    f"two {kind.kind_name} records have the id "
                    f"{record.id!r}; give each "
                    "record once (to change one with attrs.evolve, leave "
                    "its original out)"
                )
                raise ValueError(msg)
            seen.add(record.id)
