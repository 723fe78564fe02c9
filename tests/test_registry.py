"""The registry's collections: get, lookup, iteration, indices."""

from __future__ import annotations

import datetime as dt

from pathlib import Path
from typing import Any

import attrs
import pytest

from hypothesis import given

import coalition_registry as cr

from coalition_registry import aggregate
from conftest import SHIPPED, WriteFile
from strategies_tables import (
    DAY,
    LETTER,
    SOURCE,
    Generated,
    registries,
    withdrawal_days,
)


@pytest.fixture(name="reg", scope="module")
def _reg() -> cr.Registry:
    return cr.load(SHIPPED)


class TestCollections:
    def test_sizes(self, reg: cr.Registry) -> None:
        assert (1, 13, 4, 2, 10) == (
            len(reg.letters),
            len(reg.organisations),
            len(reg.people),
            len(reg.groups),
            len(reg.signatures),
        )

    def test_iteration_is_sorted_by_id(self, reg: cr.Registry) -> None:
        ids = [o.id for o in reg.organisations]
        assert sorted(ids) == ids

    def test_get(self, reg: cr.Registry) -> None:
        org = reg.organisations.get("barnardos")
        assert org is not None
        assert "Barnardo's" == org.name
        assert reg.organisations.get("nope") is None
        assert "fallback" == reg.organisations.get("nope", "fallback")

    def test_subscript_by_id(self, reg: cr.Registry) -> None:
        assert (
            reg.organisations.get("barnardos")
            is reg.organisations["barnardos"]
        )

    def test_subscript_of_an_unknown_id_raises_key_error(
        self, reg: cr.Registry
    ) -> None:
        with pytest.raises(KeyError, match=r"lookup\(\) finds one"):
            reg.organisations["Barnardo's"]
        with pytest.raises(KeyError, match="no group record"):
            reg.groups["barnardos"]

    def test_get_is_per_kind(self, reg: cr.Registry) -> None:
        assert reg.people.get("barnardos") is None
        assert isinstance(reg.get("barnardos"), cr.Organisation)

    def test_contains(self, reg: cr.Registry) -> None:
        assert "phoenix-11" in reg.groups
        assert "phoenix-11" not in reg.organisations


class TestLookup:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("barnardos", "barnardos"),
            ("Barnardo’s", "barnardos"),
            ("BARNARDOS", "barnardos"),
            (
                "Canadian Center for Child Protection",
                "canadian-centre-for-child-protection",
            ),
            (
                "the canadian centre for child protection",
                "canadian-centre-for-child-protection",
            ),
            ("ECPAT  International", "ecpat-international"),
        ],
    )
    def test_by_id_name_or_alias(
        self, reg: cr.Registry, text: str, expected: str
    ) -> None:
        assert expected == reg.organisations.lookup(text).id

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # As typed on another keyboard, or saved on a Mac (accents
            # apart), each finds the one record of its name.
            ("ışık derneği", "example-isik"),
            ("ISIK DERNEGI", "example-isik"),
            ("Socie\u0301te\u0301 Example", "example-societe"),
            ("Lodz Kids", "example-lodz"),
            ("Kinderschutz", "example-kinderschutz"),
            ("ﾊﾞｽ協会", "example-basu"),
            ("パス協会", "example-pasu"),
            ("बोल संघ", "example-bol"),
        ],
    )
    def test_names_in_other_scripts(self, text: str, expected: str) -> None:
        reg = cr.Registry(
            [
                cr.Organisation(id="example-isik", name="IŞIK DERNEĞİ"),
                cr.Organisation(id="example-societe", name="Société Example"),
                cr.Organisation(id="example-lodz", name="Łódź Kids"),
                cr.Organisation(
                    id="example-kinderschutz", name="Kinder\u00adschutz"
                ),
                cr.Organisation(id="example-basu", name="バス協会"),
                cr.Organisation(id="example-pasu", name="パス協会"),
                cr.Organisation(id="example-bal", name="बाल संघ"),
                cr.Organisation(id="example-bol", name="बोल संघ"),
            ]
        )
        assert expected == reg.organisations.lookup(text).id

    def test_not_found_raises_lookup_error(self, reg: cr.Registry) -> None:
        with pytest.raises(LookupError):
            reg.organisations.lookup("ECPAT UK")

    def test_a_near_miss_suggests_an_id(self, reg: cr.Registry) -> None:
        with pytest.raises(LookupError, match="did you mean 'barnardos'"):
            reg.organisations.lookup("Barnardoss")

    def test_a_name_of_two_records_is_not_one_of_them(self) -> None:
        reg = cr.Registry(
            [
                cr.Organisation(id="barnardos", name="Barnardo's"),
                cr.Organisation(id="barnardos-uk", name="Barnardo’s"),
            ]
        )
        with pytest.raises(
            LookupError, match="2 records \\('barnardos', 'barnardos-uk'\\)"
        ):
            reg.organisations.lookup("barnardo's")
        assert "barnardos-uk" == reg.organisations.lookup("barnardos-uk").id

    def test_a_record_is_found_once_under_names_alike(self) -> None:
        o = cr.Organisation(
            id="example-org",
            name="Example Org",
            aliases=("Example-Org", "Other", "EXAMPLE ORG"),
        )
        reg = cr.Registry([o, cr.Organisation(id="b", name="Other")])
        assert [o] == reg.organisations.named("example org")
        assert ["b", "example-org"] == sorted(
            r.id for r in reg.organisations.named("other")
        )

    def test_many_records_of_one_name_take_no_time(self) -> None:
        """Each was looked for among those of its name already indexed:
        50,000 people named alike took minutes (100,000, most of an hour).
        """
        reg = cr.Registry(
            [
                cr.Person(
                    id=f"jane-example-{i}",
                    disclosure="public",
                    name="Jane Example",
                )
                for i in range(50_000)
            ]
        )
        assert 50_000 == len(reg.people.named("jane example"))

    @pytest.mark.parametrize("text", [None, 5, ["barnardos"]])
    def test_what_is_not_text_is_refused_plainly(
        self, reg: cr.Registry, text: object
    ) -> None:
        """It failed inside the folding of names (``'NoneType' object has
        no attribute 'isascii'``).
        """
        with pytest.raises(TypeError, match=r"lookup\(\) takes text"):
            reg.organisations.lookup(text)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"named\(\) takes text"):
            reg.organisations.named(text)  # type: ignore[arg-type]

    def test_people_who_are_not_public_are_found_by_id_only(
        self, tmp_path: Path
    ) -> None:
        person = cr.Person(
            id="person-4x9k2m", disclosure="pseudonym", name="Robin"
        )
        reg = cr.Registry([person])
        assert person == reg.people.lookup("person-4x9k2m")
        with pytest.raises(LookupError):
            reg.people.lookup("Robin")


class TestIndices:
    def test_signatures_of_and_by(self, reg: cr.Registry) -> None:
        assert 10 == len(reg.signatures_of("survivors-letter-2023"))
        (sig,) = reg.signatures_by("phoenix-11")
        assert "survivor" == sig.role

    def test_signatory(self, reg: cr.Registry) -> None:
        assert isinstance(reg.signatory("phoenix-11"), cr.Group)
        assert reg.signatory("survivors-letter-2023") is None

    def test_repr(self, reg: cr.Registry) -> None:
        assert "13 organisation(s)" in repr(reg)

    def test_a_letter_given_for_its_id_is_refused_plainly(
        self, reg: cr.Registry
    ) -> None:
        """A letter found by lookup() is what a user has at hand: passed
        whole, it failed inside difflib ("'Letter' object is not
        iterable"), from every function that takes a letter's id.
        """
        letter = reg.letters.lookup("survivors-letter-2023")
        for ask in (
            reg.letter,
            lambda x: cr.signatories(reg, x),
            lambda x: cr.coverage(reg, x),
            lambda x: cr.export(reg, x),
        ):
            with pytest.raises(TypeError, match=r"pass its id, letter\.id"):
                ask(letter)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="not None"):
            reg.letter(None)  # type: ignore[arg-type]

    def test_get_says_it_gives_a_record(self) -> None:
        """Typed as Any, a user's ``reg.get(x).nmae`` passed mypy --strict."""
        import typing

        assert ["Record | None", "Record | D"] == [
            f.__annotations__["return"]
            for f in typing.get_overloads(cr.Registry.get)
        ]


class TestMadeOfRecords:
    """A registry made in Python of what is not records left them out in
    silence, and every count of it was a count of nothing.
    """

    def test_a_collection_is_unpacked(self, reg: cr.Registry) -> None:
        with pytest.raises(TypeError, match=r"unpack each collection"):
            cr.Registry([reg.letters, reg.signatures])

    def test_anything_else(self) -> None:
        with pytest.raises(TypeError, match="not a str"):
            cr.Registry(["barnardos"])

    def test_two_collections_as_two_arguments(self, reg: cr.Registry) -> None:
        """The second was taken for info= and its records left out: every
        signature gone, and coverage an empty table."""
        with pytest.raises(TypeError, match=r"give every record in one list"):
            cr.Registry(reg.letters, reg.signatures)  # type: ignore[arg-type]
        assert cr.Registry([*reg.letters], reg.info).info == reg.info

    def test_records(self, reg: cr.Registry) -> None:
        again = cr.Registry([*reg.letters, *reg.organisations])
        assert len(again.organisations) == len(reg.organisations)


@given(registries(), withdrawal_days)
def test_signatory_ids_are_those_of_the_counted_signatures(
    generated: Generated, day: dt.date
) -> None:
    """The index coverage counts from agrees with the signatures that count
    on the day, withdrawn ones included, whatever day is asked twice."""
    registry = generated.registry
    for on in (day, DAY, day):
        counted = [
            s for s in registry.signatures_of(LETTER) if s.counts_on(on)
        ]
        assert counted == list(registry.standing(LETTER, on))
        assert counted == list(
            aggregate.active_signatures(registry, LETTER, on=on)
        )
        assert sorted(s.signatory for s in counted) == sorted(
            registry.signatory_ids(LETTER, on)
        )


class TestSignatoriesById:
    """Registry.signatories_by_id answers as Registry.signatory does, for
    many ids at once.
    """

    @staticmethod
    def _shared_ids() -> cr.Registry:
        # The same ids held by records of several kinds: the first kind in
        # the registry's order keeps each, as get() says.
        return cr.Registry(
            [
                cr.Letter(id="x", title="A letter", sources=SOURCE),
                cr.Organisation(id="x", name="Org X", sources=SOURCE),
                cr.Organisation(id="y", name="Org Y", sources=SOURCE),
                cr.Person(id="y", disclosure="anonymous", sources=SOURCE),
                cr.Person(id="p", disclosure="anonymous", sources=SOURCE),
                cr.Group(id="g", name="A group", sources=SOURCE),
            ]
        )

    def test_as_one_by_one(self) -> None:
        reg = self._shared_ids()
        ids = ["x", "y", "p", "g", "nope", "y"]
        assert [reg.signatory(i) for i in ids] == list(
            reg.signatories_by_id(ids)
        )
        # Both say what get() holds, where that is a signatory.
        signatory_kinds = (cr.Organisation, cr.Person, cr.Group)
        assert [
            who if isinstance(who := reg.get(i), signatory_kinds) else None
            for i in ids
        ] == [reg.signatory(i) for i in ids]

    def test_a_letters_id_is_no_signatory(self) -> None:
        reg = self._shared_ids()
        assert [None, "Org Y"] == [
            getattr(who, "name", None)
            for who in reg.signatories_by_id(["x", "y"])
        ]

    def test_one_and_none(self) -> None:
        reg = self._shared_ids()
        assert [reg.get("g")] == list(reg.signatories_by_id(["g"]))
        assert [] == list(reg.signatories_by_id([]))

    def test_places_as_one_by_one(self) -> None:
        # The last record holding an id says where it counts, as when each
        # signatory was looked at in turn: here a group after a person whose
        # country is private.
        reg = cr.Registry(
            [
                cr.Person(
                    id="z",
                    disclosure="anonymous",
                    country="FR",
                    private=("country",),
                    sources=SOURCE,
                ),
                cr.Group(id="z", name="A group", country="DE", sources=SOURCE),
                cr.Group(
                    id="g",
                    name="Another group",
                    country="IT",
                    private=("country",),
                    sources=SOURCE,
                ),
            ]
        )
        everyone = [*reg.organisations, *reg.people, *reg.groups]
        countries, _ = reg.places()
        assert {w.id: cr.country_of(w) for w in everyone} == countries
        assert {"z": "DE", "g": None} == countries

    def test_len_counts_each_id_once(self) -> None:
        assert 4 == len(self._shared_ids())


class TestLoadNeedsARoot:
    """load() of a file or a folder inside a registry, which validate()
    checks against its registry but does not keep, would be an empty
    registry, and every count of it a silent zero.
    """

    @pytest.mark.parametrize(
        "inside",
        [
            "registry.yaml",
            "letters/survivors-letter-2023.yaml",
            "organisations",
        ],
    )
    def test_a_path_inside_a_registry_is_refused(
        self, shipped_copy: Path, inside: str
    ) -> None:
        with pytest.raises(cr.RegistryError) as raised:
            cr.load(shipped_copy / inside)
        (problem,) = raised.value.errors
        assert problem.code == "invalid-registry-file"
        assert "registry_data" in problem.message

    def test_the_root_loads(self, shipped_copy: Path) -> None:
        assert len(cr.load(shipped_copy).signatures) == 10


def test_a_datetime_counts_as_its_day(write: WriteFile) -> None:
    """A datetime is a date to a type checker (a pandas Timestamp too):
    counting as of one counts as of its day, instead of failing to compare
    it with a withdrawal's date.
    """
    write(
        "signatures/survivors-letter-2023/"
        "survivors-letter-2023--barnardos.yaml",
        "id: survivors-letter-2023--barnardos\n"
        "letter: survivors-letter-2023\n"
        "signatory: barnardos\n"
        "role: organisation\n"
        "status: withdrawn\n"
        "withdrawn_on: 2024-02-01\n"
        "sources:\n"
        '  - url: "https://example.org/letter"\n',
    )
    reg = cr.load("registry_data")
    letter = "survivors-letter-2023"
    for moment, total in (
        (dt.datetime(2024, 1, 31, 23, 59, tzinfo=dt.UTC), 10),
        (dt.datetime(2024, 2, 1, 0, 0, tzinfo=dt.UTC), 9),
    ):
        assert cr.coverage(reg, letter, on=moment).total == total
        table = cr.signatory_table(reg, letter, on=moment)
        assert table.total.cells[-1].value == total


def test_the_package_says_it_is_typed() -> None:
    """Without py.typed, a user's type checker ignores every annotation of
    the package (PEP 561), whatever its classifiers say.
    """
    from importlib.resources import files

    assert files("coalition_registry").joinpath("py.typed").is_file()


class TestTheOnlyLetter:
    """`cr.coverage(reg)` raised TypeError where the commands choose the
    registry's only letter."""

    LETTER = "survivors-letter-2023"

    @pytest.mark.parametrize(
        "count",
        [
            cr.coverage,
            cr.reconcile,
            cr.signatories,
            cr.signatures,
            cr.signatory_table,
            cr.people,
            lambda reg, *a: cr.published(cr.signatory_table, reg, *a),
        ],
    )
    def test_each_count_takes_the_only_letter(self, count: Any) -> None:
        reg = cr.load(SHIPPED)
        assert count(reg) == count(reg, self.LETTER)

    def test_two_letters_must_be_named(self) -> None:
        reg = cr.load(SHIPPED)
        (letter,) = reg.letters
        other = attrs.evolve(letter, id="example-letter")
        two = cr.Registry([*reg.letters, other, *reg.organisations])
        with pytest.raises(cr.UnknownLetterError) as raised:
            cr.coverage(two)
        assert str(raised.value) == (
            "no letter was named, and the registry has 2 letters: name one "
            "of example-letter, survivors-letter-2023"
        )
        assert raised.value.letter_id is None
        assert "example-letter" == two.which_letter("example-letter")

    def test_no_letter_is_said(self) -> None:
        with pytest.raises(cr.UnknownLetterError, match="holds no letter"):
            cr.reconcile(cr.Registry([]))


def test_a_registry_iterates_over_every_record_and_remakes_itself() -> None:
    """The how-to's Registry([*reg.letters, *reg.organisations,
    *reg.signatures, coalition]) left out the groups that sign, and counted
    their signatures in no country, with no word.
    """
    reg = cr.load(SHIPPED)
    again = cr.Registry([*reg])
    assert len(reg) == len(again) == len(list(reg))
    assert cr.coverage(reg) == cr.coverage(again)
    assert [*reg.groups] == [r for r in reg if isinstance(r, cr.Group)]


def test_two_records_with_one_id_are_refused() -> None:
    """The last had replaced the first in silence: a record changed with
    attrs.evolve beside its original moved Barnardo's to France.
    """
    reg = cr.load(SHIPPED)
    moved = attrs.evolve(reg.organisations["barnardos"], hq_country="FR")
    with pytest.raises(
        ValueError, match="two organisation records have the id 'barnardos'"
    ):
        cr.Registry([*reg, moved])
