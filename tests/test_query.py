"""Queries over the shipped registry."""

from __future__ import annotations

import datetime as dt
import re

from typing import Any

import attrs
import pytest

import coalition_registry as cr

from conftest import SHIPPED


LETTER = "survivors-letter-2023"


@pytest.fixture(name="reg", scope="module")
def _reg() -> cr.Registry:
    return cr.load(SHIPPED)


def ids(records: tuple[object, ...]) -> list[str]:
    return [r.id for r in records]  # type: ignore[attr-defined]


class TestSignatories:
    def test_all(self, reg: cr.Registry) -> None:
        assert 10 == len(cr.signatories(reg, LETTER))

    def test_by_country(self, reg: cr.Registry) -> None:
        assert ["barnardos", "nspcc-survivor-campaigners"] == sorted(
            ids(cr.signatories(reg, LETTER, country="GB"))
        )

    def test_by_role(self, reg: cr.Registry) -> None:
        assert ["nspcc-survivor-campaigners", "phoenix-11"] == sorted(
            ids(cr.signatories(reg, LETTER, role="survivor"))
        )

    def test_by_record_kind_and_organisation_kind(
        self, reg: cr.Registry
    ) -> None:
        assert 2 == len(cr.signatories(reg, LETTER, kind="group"))
        assert ["barnardos"] == [
            o.id
            for o in cr.signatories(reg, LETTER, kind="charity")
            if o.id == "barnardos"
        ]

    def test_publisher_is_not_a_signatory(self, reg: cr.Registry) -> None:
        assert "nspcc" not in ids(cr.signatories(reg, LETTER))

    def test_withdrawn_signatures_are_left_out(self, reg: cr.Registry) -> None:
        records = [
            attrs.evolve(s, status="withdrawn")
            if s.signatory == "barnardos"
            else s
            for s in reg.signatures
        ]
        others = [*reg.letters, *reg.organisations, *reg.people, *reg.groups]
        changed = cr.Registry([*others, *records])
        assert "barnardos" not in ids(cr.signatories(changed, LETTER))
        assert 10 == len(
            cr.signatures(changed, LETTER, include_withdrawn=True)
        )


class TestLettersSignedBy:
    def test_signatory(self, reg: cr.Registry) -> None:
        assert [LETTER] == ids(cr.letters_signed_by(reg, "eurochild"))

    def test_non_signatory(self, reg: cr.Registry) -> None:
        assert () == cr.letters_signed_by(reg, "apple")


class TestOrganisations:
    def test_filters(self, reg: cr.Registry) -> None:
        assert ["canadian-centre-for-child-protection"] == ids(
            cr.organisations(reg, country="CA")
        )
        assert ["ecpat-international"] == ids(
            cr.organisations(reg, scope="international")
        )

    def test_country_of(self, reg: cr.Registry) -> None:
        ecpat = reg.organisations.get("ecpat-international")
        assert ecpat is not None
        assert "TH" == cr.country_of(ecpat)
        group = reg.groups.get("phoenix-11")
        assert group is not None
        assert cr.country_of(group) is None


class TestAcrossLetters:
    def _two_letters(self, reg: cr.Registry) -> cr.Registry:
        """The shipped registry plus a second letter signed by two of its
        signatories and by an anonymous person."""
        second = cr.Letter(id="second-letter", title="Second")
        anonymous = cr.Person(id="person-9z8y7x", disclosure="anonymous")
        signed = [
            cr.Signature(
                id=f"second-letter--{who}",
                letter="second-letter",
                signatory=who,
                role="organisation" if who != anonymous.id else "survivor",
            )
            for who in ("barnardos", "eurochild", anonymous.id)
        ]
        records = [
            *reg.letters, *reg.organisations, *reg.people, *reg.groups,
            *reg.signatures, second, anonymous, *signed,
        ]  # fmt: skip
        return cr.Registry(records)

    def test_cosigners(self, reg: cr.Registry) -> None:
        together = cr.cosigners(self._two_letters(reg), "barnardos")
        assert ("second-letter", LETTER) == together["eurochild"]
        assert (LETTER,) == together["phoenix-11"]
        assert "person-9z8y7x" not in together
        assert "barnardos" not in together

    def test_overlap(self, reg: cr.Registry) -> None:
        both, only_first, only_second = cr.overlap(
            self._two_letters(reg), LETTER, "second-letter"
        )
        assert ("barnardos", "eurochild") == both
        assert 8 == len(only_first)
        assert () == only_second  # the anonymous signatory is not listed


class TestOnADay:
    """The queries list the signatures the counts count, on the same day:
    a signature withdrawn on a later day still stands until then.
    """

    DAY = dt.date(2099, 2, 1)

    def _leaving(self, reg: cr.Registry) -> cr.Registry:
        """The shipped registry with Eurochild's signature withdrawn from
        *DAY*."""
        records = [
            *reg.letters, *reg.organisations, *reg.people, *reg.groups,
            *(
                attrs.evolve(s, status="withdrawn", withdrawn_on=self.DAY)
                if s.signatory == "eurochild" else s
                for s in reg.signatures
            ),
        ]  # fmt: skip
        return cr.Registry(records)

    @pytest.mark.parametrize(
        ("on", "listed"),
        [
            (dt.date(2025, 1, 1), True),
            (dt.datetime(2099, 1, 31, 23, 59, tzinfo=dt.UTC), True),
            (DAY, False),
            (dt.date(2100, 1, 1), False),
        ],
    )
    def test_what_is_listed_is_what_is_counted(
        self, reg: cr.Registry, on: dt.date, listed: bool
    ) -> None:
        leaving = self._leaving(reg)
        listed_ids = ids(cr.signatories(leaving, LETTER, on=on))
        assert listed == ("eurochild" in listed_ids)
        coverage = cr.coverage(leaving, LETTER, on=on)
        assert coverage.total == len(listed_ids)
        assert listed == bool(
            cr.letters_signed_by(leaving, "eurochild", on=on)
        )
        assert listed == (
            "eurochild" in cr.cosigners(leaving, "barnardos", on=on)
        )
        both, _, _ = cr.overlap(leaving, LETTER, LETTER, on=on)
        assert listed == ("eurochild" in both)

    @pytest.mark.parametrize("on", ["2025-01-01", 20250101])
    def test_a_day_that_is_no_date_is_refused(
        self, reg: cr.Registry, on: object
    ) -> None:
        """Whatever the data holds: it failed only once a signature had a
        date, deep inside the library.
        """
        for registry in (reg, self._leaving(reg)):
            with pytest.raises(TypeError, match="on= takes a datetime"):
                cr.coverage(registry, LETTER, on=on)  # type: ignore[arg-type]
            with pytest.raises(TypeError, match="on= takes a datetime"):
                cr.signatories(registry, LETTER, on=on)  # type: ignore[arg-type]

    def test_by_default_today(self, reg: cr.Registry) -> None:
        leaving = self._leaving(reg)
        assert "eurochild" in ids(cr.signatories(leaving, LETTER))
        assert cr.coverage(leaving, LETTER).total == len(
            cr.signatures(leaving, LETTER)
        )

    def test_every_signature_with_include_withdrawn(
        self, reg: cr.Registry
    ) -> None:
        leaving = self._leaving(reg)
        assert len(reg.signatures) == len(
            cr.signatures(
                leaving, LETTER, include_withdrawn=True, on=dt.date(2100, 1, 1)
            )
        )


class TestFiltersThatCanMatchNothing:
    """A filter no record can match is a mistake; an empty answer would
    read as "no signatories"."""

    @pytest.mark.parametrize(
        ("filters", "message"),
        [
            (
                {"country": "UK"},
                "'UK' is not an ISO 3166-1 alpha-2 code; did you mean 'GB'?",
            ),
            ({"country": "Canada"}, "did you mean 'CA'?"),
            (
                {"role": "survivors"},
                "'survivors' is not a role; did you mean 'survivor'?",
            ),
            ({"kind": "charities"}, "did you mean 'charity'?"),
        ],
    )
    def test_signatories(
        self, reg: cr.Registry, filters: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(ValueError, match=re.escape(message)):
            cr.signatories(reg, LETTER, **filters)

    def test_a_code_in_lower_case_is_understood(
        self, reg: cr.Registry
    ) -> None:
        assert ids(cr.signatories(reg, LETTER, country="ca")) == ids(
            cr.signatories(reg, LETTER, country="CA")
        )
        assert cr.organisations(reg, country="gb")

    def test_organisations(self, reg: cr.Registry) -> None:
        with pytest.raises(ValueError, match="did you mean 'international'"):
            cr.organisations(reg, scope="internationl")
        with pytest.raises(ValueError, match="use one of"):
            cr.organisations(reg, kind="zzz")

    def test_an_unknown_letter(self, reg: cr.Registry) -> None:
        with pytest.raises(cr.UnknownLetterError, match="did you mean"):
            cr.signatories(reg, LETTER + "x")


class TestMistakes:
    """A query that can match nothing is a mistake, not an empty answer."""

    def test_a_misspelt_signatory(self) -> None:
        reg = cr.load(SHIPPED)
        for query in (cr.cosigners, cr.letters_signed_by):
            with pytest.raises(LookupError, match="'barnado'"):
                query(reg, "barnado")

    def test_a_name_given_for_an_id(self) -> None:
        """The message said only that no record has the id."""
        reg = cr.load(SHIPPED)
        for query in (cr.cosigners, cr.letters_signed_by):
            with pytest.raises(
                LookupError,
                match="it is the name of 'barnardos': pass the id",
            ):
                query(reg, "Barnardo’s")
            with pytest.raises(LookupError, match="it is a letter's"):
                query(reg, LETTER)

    def test_a_record_given_for_an_id(self) -> None:
        """Its whole repr was printed as the id that no record has."""
        reg = cr.load(SHIPPED)
        barnardos = reg.organisations.lookup("barnardos")
        for query in (cr.cosigners, cr.letters_signed_by, cr.coalitions_of):
            with pytest.raises(
                TypeError, match="not an organisation; pass its id"
            ):
                query(reg, barnardos)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="coalition_id takes text"):
            cr.coalition_members(reg, None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "filters",
        [{"country": 49}, {"country": ["GB"]}, {"kind": ["group"]}],
    )
    def test_a_filter_that_is_not_text(self, filters: dict[str, Any]) -> None:
        """It failed inside the library (``object of type 'int' has no
        len()``, ``'list' object has no attribute 'upper'``).
        """
        reg = cr.load(SHIPPED)
        (name,) = filters
        with pytest.raises(TypeError, match=f"{name}= takes text"):
            cr.signatories(reg, LETTER, **filters)
        if name == "country":
            with pytest.raises(TypeError, match=f"{name}= takes text"):
                cr.organisations(reg, **filters)

    @pytest.mark.parametrize("count", [cr.signatory_table, cr.people])
    def test_a_misspelt_breakdown(self, count: Any) -> None:
        with pytest.raises(ValueError, match="by must be one of country"):
            count(cr.load(SHIPPED), "survivors-letter-2023", by="countries")


class TestCoalitions:
    """A coalition's members on a day, and an organisation's coalitions."""

    JOINED = dt.date(2022, 1, 10)
    LEFT = dt.date(2023, 6, 30)

    @staticmethod
    def signature(who: str, role: str, **fields: Any) -> cr.Signature:
        """*who*'s signature of the letter these tests make."""
        return cr.Signature(
            id=f"example-letter--{who}",
            letter="example-letter",
            signatory=who,
            role=role,
            **fields,
        )

    def registry(
        self, *, private: tuple[str, ...] = (), extra: tuple[Any, ...] = ()
    ) -> cr.Registry:
        orgs = [
            cr.Organisation(id=f"org-{i}", name=f"Organisation {i}")
            for i in range(3)
        ]
        coalition = cr.Coalition(
            id="example-coalition",
            name="Example Coalition",
            members=(
                cr.Membership(organisation="org-0", joined=self.JOINED),
                cr.Membership(
                    organisation="org-1", joined=self.JOINED, left=self.LEFT
                ),
                cr.Membership(organisation="org-2", joined=self.LEFT),
            ),
            private=private,
        )
        return cr.Registry([*orgs, coalition, *extra])

    def test_members_on_a_day(self) -> None:
        registry = self.registry()
        before = self.LEFT - dt.timedelta(days=1)
        at = dt.datetime(2023, 6, 30, 12, tzinfo=dt.UTC)  # counts as its day
        assert ["org-0", "org-1"] == ids(
            cr.coalition_members(registry, "example-coalition", on=before)
        )
        assert ["org-0", "org-2"] == ids(
            cr.coalition_members(registry, "example-coalition", on=at)
        )
        assert [] == ids(
            cr.coalition_members(
                registry, "example-coalition", on=dt.date(2021, 1, 1)
            )
        )

    def test_coalitions_of_an_organisation(self) -> None:
        registry = self.registry()
        assert ["example-coalition"] == ids(
            cr.coalitions_of(registry, "org-1", on=self.JOINED)
        )
        assert [] == ids(cr.coalitions_of(registry, "org-1", on=self.LEFT))

    def test_coalitions_of_looks_at_the_organisations_own_memberships(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Asked for each member of a large coalition in turn, a search of
        every coalition's members took time in the square of their number
        (20,000 members, minutes): only the organisation's memberships are
        looked at.
        """
        registry = self.registry()
        many = cr.Coalition(
            id="large-coalition",
            name="Large Coalition",
            members=tuple(
                cr.Membership(organisation=f"member-{i}") for i in range(500)
            ),
        )
        registry = cr.Registry(
            [
                *registry.organisations,
                *registry.coalitions,
                many,
                *(
                    cr.Organisation(id=f"member-{i}", name=f"Member {i}")
                    for i in range(500)
                ),
            ]
        )
        asked = _asked(monkeypatch, cr.Membership, "member_on", "organisation")
        assert ["example-coalition"] == ids(
            cr.coalitions_of(registry, "org-1", on=self.JOINED)
        )
        assert ["large-coalition"] == ids(
            cr.coalitions_of(registry, "member-7", on=self.JOINED)
        )
        assert ["org-1", "member-7"] == asked

    def test_members_signing_looks_at_the_members_signatures_only(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every coalition is asked in turn: each went through all of the
        letter's signatures (a thousand coalitions, a million signatures:
        minutes).  Only its members' own signatures, and those made on
        their behalf, are looked at.
        """
        letter = cr.Letter(id="example-letter", title="Example Letter")
        later = dt.date(2023, 1, 2)
        others = [
            cr.Organisation(id=f"other-{i}", name=f"Other {i}")
            for i in range(300)
        ]
        registry = self.registry(
            extra=(
                letter,
                *others,
                cr.Person(
                    id="jane-example", name="Jane Example", disclosure="public"
                ),
                *(
                    self.signature(o.id, "organisation", signed_on=later)
                    for o in others
                ),
                self.signature("org-0", "organisation", signed_on=later),
                self.signature(
                    "jane-example",
                    "academic",
                    capacity="on-behalf-of",
                    on_behalf_of="org-1",
                    signed_on=later,
                ),
            )
        )
        asked = _asked(monkeypatch, cr.Signature, "counts_on", "signatory")
        signing = cr.members_signing(
            registry, "example-coalition", "example-letter", on=later
        )
        assert [
            ("org-0", True, ()),
            ("org-1", False, ("jane-example",)),
        ] == [(m.organisation.id, m.signed, m.signed_for) for m in signing]
        assert {"org-0", "jane-example"} == set(asked)

    def test_private_members_are_never_listed(self) -> None:
        registry = self.registry(private=("members",))
        with pytest.raises(ValueError, match="are private"):
            cr.coalition_members(registry, "example-coalition")
        assert () == cr.coalitions_of(registry, "org-0")

    def test_who_signed_for_a_member_is_told_only_when_public(
        self,
    ) -> None:
        letter = cr.Letter(id="example-letter", title="Example Letter")
        people = [
            cr.Person(
                id="jane-example", name="Jane Example", disclosure="public"
            ),
            cr.Person(id="person-7k2m9x", disclosure="anonymous"),
            cr.Person(
                id="john-example", name="John Example", disclosure="public"
            ),
        ]

        def signature(who: str, **fields: Any) -> cr.Signature:
            return self.signature(
                who,
                "survivor" if who.startswith("person-") else "academic",
                capacity="on-behalf-of",
                on_behalf_of="org-0",
                **fields,
            )

        registry = self.registry(
            extra=(
                letter,
                *people,
                signature("jane-example"),
                signature("person-7k2m9x"),
                signature("john-example", private=("capacity",)),
                self.signature("org-1", "organisation", status="withdrawn"),
            )
        )
        on = self.LEFT - dt.timedelta(days=1)
        signing = cr.members_signing(
            registry, "example-coalition", "example-letter", on=on
        )
        # Neither the anonymous person nor the one whose capacity is
        # private is named; a withdrawn signature does not count.
        assert [
            ("org-0", False, ("jane-example",), True),
            ("org-1", False, (), False),
        ] == [
            (m.organisation.id, m.signed, m.signed_for, m.signs)
            for m in signing
        ]
        with pytest.raises(cr.UnknownLetterError):
            cr.members_signing(registry, "example-coalition", "no-letter")
        private = self.registry(private=("members",), extra=(letter,))
        with pytest.raises(ValueError, match="are private"):
            cr.members_signing(private, "example-coalition", "example-letter")

    def test_members_signing_counts_as_signatures_count(self) -> None:
        """A member signed on a day when its signature counts then, as
        :func:`signatures` counts it: not before the letter's date, nor
        before its signed_on, nor from its withdrawn_on; so with a
        signature made on its behalf.
        """
        published = dt.date(2023, 1, 1)
        letter = cr.Letter(
            id="example-letter", title="Example Letter", date=published
        )
        later = dt.date(2023, 3, 1)
        jane = cr.Person(
            id="jane-example", name="Jane Example", disclosure="public"
        )
        registry = self.registry(
            extra=(
                letter,
                jane,
                self.signature("org-0", "organisation", signed_on=later),
                self.signature(
                    "org-1",
                    "organisation",
                    status="withdrawn",
                    withdrawn_on=later,
                ),
                self.signature(
                    "jane-example",
                    "academic",
                    capacity="on-behalf-of",
                    on_behalf_of="org-1",
                    signed_on=later,
                ),
            )
        )

        def signing(day: dt.date) -> list[tuple[str, bool, tuple[str, ...]]]:
            return [
                (m.organisation.id, m.signed, m.signed_for)
                for m in cr.members_signing(
                    registry, "example-coalition", "example-letter", on=day
                )
            ]

        before = published - dt.timedelta(days=1)
        assert [("org-0", False, ()), ("org-1", False, ())] == signing(before)
        assert [("org-0", False, ()), ("org-1", True, ())] == signing(
            published
        )
        # The day the withdrawal is dated, and the day signed_on gives.
        assert [
            ("org-0", True, ()),
            ("org-1", False, ("jane-example",)),
        ] == signing(later)
        for day in (before, published, later):
            counted = {
                s.signatory
                for s in cr.signatures(registry, "example-letter", on=day)
            }
            assert {m for m, signed, _ in signing(day) if signed} == (
                counted & {"org-0", "org-1"}
            )

    def test_mistaken_ids(self) -> None:
        registry = self.registry()
        with pytest.raises(LookupError, match="did you mean 'example-coa"):
            cr.coalition_members(registry, "example-coalitoin")
        with pytest.raises(LookupError, match="coalitions: example-coal"):
            cr.coalition_members(registry, "zzz")
        with pytest.raises(LookupError, match="no organisation has the id"):
            cr.coalitions_of(registry, "example-coalition")
        with pytest.raises(LookupError, match="it is a coalition's"):
            cr.letters_signed_by(registry, "example-coalition")


def _asked(
    monkeypatch: pytest.MonkeyPatch, cls: type[Any], method: str, about: str
) -> list[str]:
    """Whom ``cls.method`` is asked about from now on: the attribute
    *about* of each record it is called on, in order.
    """
    real = getattr(cls, method)
    asked: list[str] = []

    def counted(self: Any, *args: Any) -> Any:
        asked.append(getattr(self, about))
        return real(self, *args)

    monkeypatch.setattr(cls, method, counted)
    return asked


@pytest.mark.parametrize(
    "function",
    [
        cr.coverage,
        cr.signatory_table,
        cr.people,
        cr.signatures,
        cr.signatories,
        cr.reconcile,
        cr.export,
        cr.organisations,
    ],
)
@pytest.mark.parametrize(
    ("given", "said"),
    [
        (str(SHIPPED), "not a str; load the folder first: cr.load("),
        (None, "not None"),
        ("report", "not a Report; a valid report gives its registry"),
    ],
)
def test_a_registry_is_asked_for_by_name(
    function: Any, given: Any, said: str
) -> None:
    """A folder's name or a report where a registry belongs failed deep
    inside: "'str' object has no attribute 'which_letter'".
    """
    if given == "report":
        given = cr.validate(SHIPPED)
    with pytest.raises(TypeError) as caught:
        function(given)
    assert str(caught.value).startswith(
        f"{function.__name__}() takes a Registry, as cr.load() returns it"
    )
    assert said in str(caught.value)


def test_published_says_coverage_is_not_a_table() -> None:
    with pytest.raises(TypeError, match="not coverage: published"):
        cr.published(cr.coverage, cr.load(SHIPPED))  # type: ignore[arg-type]


@pytest.mark.parametrize("given", ["barnardos", None])
def test_country_of_takes_a_record(given: Any) -> None:
    with pytest.raises(TypeError, match="takes a signatory's record"):
        cr.country_of(given)
