"""Importing a spreadsheet of signatories: the table reader's values and
positions, the plan, and ``coalition-registry import`` on a copy of the
shipped registry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

from pathlib import Path
from typing import Any

import pytest

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry import Organisation, Person, Registry, imports, load
from coalition_registry.cli import _common, run
from coalition_registry.imports import Import, plan_import, read_table
from coalition_registry.parsing import _decode
from conftest import WriteFile, interrupt_open
from strategies import cell_texts


LETTER = "survivors-letter-2023"
SOURCE = "https://example.org/signatories"
HEADER = "kind,name,country,role,disclosure\n"
NO_KIND = (
    "sig.csv:1:1: error missing-field: no row gives a kind (the spreadsheet "
    "has no kind column, or its cells are empty)"
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def codes(out: str) -> list[str]:
    """The code of each problem line *out* holds."""
    return [line.split()[2].rstrip(":") for line in out.splitlines()]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def plan_of(text: str) -> Import:
    """The plan of importing the CSV *text* into the shipped registry,
    every row citing SOURCE.
    """
    rows, _ = read_table(text, "t.csv")
    registry = load("registry_data")
    return plan_import(registry, rows, "t.csv", LETTER, source=SOURCE)


def table(tmp_path: Path, text: str, name: str = "sig.csv") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


class _Failing(io.StringIO):
    """Standard output whose every write raises *error*: piped to a reader
    that went away, or written as Ctrl+C is pressed.
    """

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def write(self, _text: str) -> int:
        raise self.error


class TestReadTable:
    def test_values_and_positions(self) -> None:
        text = 'Name,Country\n"Example, Org",FR\n"Two\nLines","Say ""hi"""\n'
        rows, problems = read_table(text, "t.csv")
        assert [] == problems
        first, second = rows
        assert ("Example, Org", 2, 1) == (
            first[0]["name"].text,
            first[0]["name"].line,
            first[0]["name"].column,
        )
        assert ("FR", 2, 16) == (
            first[0]["country"].text,
            first[0]["country"].line,
            first[0]["country"].column,
        )
        assert "Two\nLines" == second[0]["name"].text
        # The cell after a quoted line break: line 4, after 'Lines",'.
        assert ('Say "hi"', 4, 8) == (
            second[0]["country"].text,
            second[0]["country"].line,
            second[0]["country"].column,
        )
        assert [2, 3] == [line for _, line in rows]

    def test_a_spreadsheet_with_semicolons_and_crlf(self) -> None:
        text, problems = _decode(
            b"\xef\xbb\xbfName;Country\r\nExample Org;France\r\n", "t.csv"
        )
        assert text is not None
        assert [] == problems
        rows, problems = read_table(text, "t.csv")
        assert [] == problems
        ((row, _),) = rows
        assert {"name": "Example Org", "country": "France"} == {
            k: c.text for k, c in row.items()
        }

    def test_column_names_are_folded(self) -> None:
        rows, problems = read_table("Name As Printed,ROLE\nX,expert\n", "t")
        assert [] == problems
        assert {"name_as_printed", "role"} == set(rows[0][0])

    def test_columns_with_no_name_are_left_out_when_empty(self) -> None:
        """Spreadsheets save empty columns after the last: ``name;;``."""
        rows, problems = read_table("name;;\r\nX;;\r\n;;\r\n", "t")
        assert [] == problems
        assert [{"name": "X"}] == [
            {k: c.text for k, c in row.items()} for row, _ in rows
        ]

    def test_line_breaks_as_a_cr_alone(self) -> None:
        rows, problems = read_table("name,country\rX,FR\rY,DE\r", "t")
        assert [] == problems
        assert [("X", 2), ("Y", 3)] == [(r["name"].text, n) for r, n in rows]

    def test_the_sep_line_excel_reads(self) -> None:
        """Excel reads the delimiter from a first line ``sep=;``, and does
        not show it: the header is the sheet's row 1, and the line was
        taken for a title.
        """
        rows, problems = read_table(
            "sep=;\r\nname;country\r\nExample, Org;FR\r\n", "t.csv"
        )
        assert [] == problems
        ((row, line),) = rows
        assert {"name": "Example, Org", "country": "FR"} == {
            k: c.text for k, c in row.items()
        }
        assert (3, 2) == (line, row["name"].row)

    def test_no_kind_column_is_said_at_the_header_after_sep(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """The header is line 2 after a "sep=" line, which Excel hides."""
        path = table(tmp_path, "sep=,\nname,country\nExample Org,FR\n")
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert out.startswith(NO_KIND.replace(":1:1:", ":2:1:"))

    def test_a_cells_row_is_the_sheets(self) -> None:
        """A quoted line break (Google Sheets' notes) makes the lines after
        it other numbers than the sheet's rows; empty rows count."""
        rows, _ = read_table('name,notes\nX,"one\ntwo"\n,\nY,\n', "t.csv")
        assert [(2, 2), (5, 4)] == [(line, r["name"].row) for r, line in rows]

    def test_header_problems_name_the_sheets_column(self) -> None:
        """``first at column 6`` counted characters: a spreadsheet's column
        6 is F, and the name was in column B."""
        _, problems = read_table("kind,name,name,Contry\nX,Y,Z,W\n", "t")
        assert {
            "unknown-field": (
                "unknown column 'Contry': did you mean country? rename it "
                "[column D]"
            ),
            "duplicate-key": (
                "the column 'name' is named twice (first in column B); keep "
                "one [column C]"
            ),
        } == {p.code: p.message for p in problems}

    @pytest.mark.parametrize(
        ("column", "meant"),
        [
            ("Type", "kind"),
            ("Members", "member_count"),
            ("URL", "website"),
            # Microsoft Forms' and Excel's heading.
            ("Country/Region", "country"),
            ("Country / Region", "country"),
        ],
    )
    def test_another_word_for_a_column_suggests_it(
        self, column: str, meant: str
    ) -> None:
        """ "Type" is nowhere near "kind" as a spelling: a list of 17 names
        left the coordinator to guess."""
        _, problems = read_table(f"name,{column}\nX,Y\n", "t")
        (problem,) = problems
        assert problem.message == (
            f"unknown column {column!r}: did you mean {meant}? rename it "
            "[column B]"
        )

    @pytest.mark.parametrize(
        "column",
        [
            "privat",
            "privte",
            "private fields",
            "keep_private",
            "Fields to hide",
            "Confidential",
            "Do not publish",
        ],
    )
    def test_a_misspelt_private_column_still_hides_its_fields(
        self, shipped_copy: Path, tmp_path: Path, column: str
    ) -> None:
        """Found by a privacy review: the row's country and role, listed
        under a column named "privat", were quoted in their errors."""
        path = table(
            tmp_path,
            f"kind,name,country,role,disclosure,{column}\n"
            "person,Jane Example,Icelnd,survivr,public,role;country\n",
        )
        code, out, _ = cli("import", "--dry-run", path, "--source", SOURCE)
        assert 1 == code
        if "publish" not in column:  # else said as a consent column
            assert f"unknown column {column!r}: did you mean private?" in out
        assert "Icelnd" not in out
        assert "survivr" not in out
        assert out.count("(not shown: private)") == 2

    def test_another_word_is_not_suggested_for_a_column_there(self) -> None:
        _, problems = read_table("kind,name,Type\nperson,X,Y\n", "t")
        (problem,) = problems
        assert "did you mean" not in problem.message

    def test_a_missing_kind_column_is_said_before_the_headers_others(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(tmp_path, "Name,Type,Members\nExample Org,x,3\n")
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert [":1:1:", ":1:6:", ":1:11:"] == [
            line.split(" ")[0][line.index(":") :]
            for line in out.splitlines()[:3]
        ]

    def test_a_missing_kind_column_is_said_first_at_the_same_cell(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(tmp_path, "Type,Name\nx,Example Org\n")
        _, out, _ = cli("import", path, "--source", SOURCE)
        first, second = out.splitlines()[:2]
        assert ":1:1: error missing-field: no row gives a kind" in first
        assert ":1:1: error unknown-field: unknown column 'Type'" in second

    def test_contact_details_are_not_a_column(self) -> None:
        _, problems = read_table("name,E-mail\nX,x@example.org\n", "t")
        (problem,) = problems
        assert "contact details" in problem.message
        assert "rename" not in problem.message

    @pytest.mark.parametrize(
        ("column", "said"),
        [
            ("Email address (not published)", "holds contact details"),
            ("Mobile number", "holds contact details"),
            ("WhatsApp", "holds contact details"),
            (
                "Consent to publish name",
                "turn its answers into a disclosure column",
            ),
            (
                "I wish to sign anonymously",
                "turn its answers into a disclosure column",
            ),
        ],
    )
    def test_a_sign_up_forms_columns_are_named_for_what_they_are(
        self, column: str, said: str
    ) -> None:
        """Its contact and consent columns got "unknown column"."""
        _, problems = read_table(f"name,{column}\nX,Yes\n", "t")
        (problem,) = problems
        assert said in problem.message

    @pytest.mark.parametrize(
        "column", ["Organisation", "Affiliation", "organization"]
    )
    def test_an_affiliation_column_is_not_taken_for_on_behalf_of(
        self, column: str
    ) -> None:
        """A list of "Name, Role, Organisation, Country" lines: "rename or
        remove it" led to on_behalf_of, recording people who signed in a
        personal capacity as signing for the organisation that only
        identified them.
        """
        _, problems = read_table(f"kind,name,{column}\nperson,X,Y\n", "t")
        (problem,) = problems
        assert problem.code == "unknown-field"
        assert "only if the source says the people in it signed" in (
            problem.message
        )
        assert "name_as_printed or notes" in problem.message

    def test_an_organisation_column_beside_no_name_column_is_the_name(
        self,
    ) -> None:
        """A list of organisations headed "Organisation": the name column
        comes first in what to do, not last."""
        _, problems = read_table("kind,Organisation\norganisation,X\n", "t")
        (problem,) = problems
        assert problem.message.startswith(
            "the column 'Organisation' is not read: if it holds the names "
            "of the organisations that signed, rename it name"
        )

    def test_a_job_column_says_where_a_job_goes(self) -> None:
        _, problems = read_table("kind,name,Job Title\nperson,X,Y\n", "t")
        (problem,) = problems
        assert "a job is no field of the registry" in problem.message

    def test_a_field_no_column_sets_says_where_it_goes(self) -> None:
        """A group's description in the sheet: "rename or remove it" left
        the coordinator with a value and nowhere to put it."""
        _, problems = read_table("kind,name,Description\ngroup,X,Y\n", "t")
        (problem,) = problems
        assert problem.code == "unknown-field"
        assert problem.message == (
            "the column 'Description' is a field of the files written that "
            "import does not read: remove the column, and after the import "
            "add description to the files that need it [column C]"
        )

    @pytest.mark.parametrize(
        ("text", "code", "where"),
        [
            ("name,nom\nX,Y\n", "unknown-field", (1, 6)),
            ("name,\nX,Y\n", "wrong-shape", (2, 3)),
            (
                'name,notes\nX,"' + "," * 100_001 + '"\n',
                "limit-exceeded",
                (2, 3),
            ),
            ("name,Name\nX,Y\n", "duplicate-key", (1, 6)),
            ("name\nX,Y\n", "wrong-shape", (2, 3)),
            ('name\n"X\n', "wrong-shape", (2, 1)),
            ("", "empty-file", (1, 1)),
            # A title above the columns: said once, not for every row.
            (
                (
                    "Signatories as of 12 March 2024,,\nkind,name,country\n"
                    "organisation,X,FR\norganisation,Y,DE\n"
                ),
                "wrong-shape",
                (1, 1),
            ),
        ],
    )
    def test_problems(
        self, text: str, code: str, where: tuple[int, int]
    ) -> None:
        _, problems = read_table(text, "t.csv")
        assert [(code, where)] == [
            (p.code, (p.location.line, p.location.column)) for p in problems
        ]

    @given(
        st.sampled_from([",", ";", "\t"]),
        st.lists(
            st.lists(cell_texts, min_size=2, max_size=2),
            min_size=1,
            max_size=5,
        ),
    )
    def test_what_csv_writes_is_read_back_where_it_is(
        self, delimiter: str, cells: list[list[str]]
    ) -> None:
        """Every value csv.writer writes is read back, and its position is
        where the cell starts in the text.
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(["name", "notes"])
        writer.writerows(cells)
        text = buffer.getvalue()
        rows, problems = read_table(text, "t.csv")
        assert [] == problems
        lines = text.split("\n")
        read = []
        for row, _ in rows:
            read.append([row.get("name"), row.get("notes")])
            for cell in row.values():
                start = lines[cell.line - 1][cell.column - 1 :]
                assert start.startswith(('"', cell.text[:1]))
        assert [
            [c for c in r if c.strip()]
            for r in cells
            if any(c.strip() for c in r)
        ] == [[c.text for c in r if c is not None] for r in read]


class TestPlan:
    def test_a_name_already_recorded_is_reused(self) -> None:
        plan = plan_of(
            "kind,name\norganisation,BARNARDO'S\norganisation,Example Org\n"
        )
        assert (1, 1) == (plan.reused, plan.present)
        assert [
            "organisations/example-org.yaml",
            f"signatures/{LETTER}/{LETTER}--example-org.yaml",
        ] == [f.path for f in plan.files]

    def test_a_name_with_its_country_after_it_is_the_recorded_one(
        self,
    ) -> None:
        """Signatory lists print "Barnardo's (UK)" or "Eurochild –
        Belgium": the organisation recorded under the name, in that
        country, is reused, not recorded a second time without a country
        (and counted twice). In another country, it is another one."""
        plan = plan_of(
            "kind,name\n"
            "organisation,Barnardo's (UK)\n"
            "organisation,Eurochild \u2013 Belgium\n"
            "organisation,Eurochild - Ireland\n"
        )
        assert (2, 2) == (plan.reused, plan.present)
        assert [
            "organisations/eurochild-ireland.yaml",
            f"signatures/{LETTER}/{LETTER}--eurochild-ireland.yaml",
        ] == [f.path for f in plan.files]

    def test_a_job_in_the_role_column_says_where_a_job_goes(self) -> None:
        """A list's "Role" column holds jobs: the refusal listed the roles
        alone, and a coordinator picked one no source gives."""
        plan = plan_of(
            "kind,name,disclosure,role\n"
            "person,Jane Example,public,Executive Director\n"
        )
        (problem,) = (p for p in plan.problems if p.code == "invalid-value")
        assert "role is why they signed, not their job" in problem.message
        assert problem.message.endswith("[column D: role]")

    def test_rows_of_a_name_many_records_share(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each row of a name that thousands of people share went through
        all of them, and its message listed every id: a sheet of 1,000
        such rows took 10 seconds and wrote 7 MB.  The records are looked
        up once for each name and country, and a message names a few.
        """
        shipped = load("registry_data")
        people = [
            Person(
                id=f"example-smith-{i:02d}",
                disclosure="public",
                name="Ex Smith",
            )
            for i in range(15)
        ]
        registry = Registry([*shipped.letters, *people])
        looked_up: list[str] = []
        named = type(registry.people).named

        def counted(self: Any, text: str) -> Any:
            looked_up.append(text)
            return named(self, text)

        monkeypatch.setattr(type(registry.people), "named", counted)
        rows, _ = read_table(
            "kind,name,disclosure\n" + "person,Ex Smith,public\n" * 3, "t.csv"
        )
        plan = plan_import(registry, rows, "t.csv", LETTER, source=SOURCE)
        ids = ", ".join(repr(f"example-smith-{i:02d}") for i in range(10))
        said = (
            f"15 records are named so ({ids} and 5 more); give the one "
            "meant in a signatory column"
        )
        assert [said] * 3 == [
            p.message.partition(" [")[0] for p in plan.problems
        ]
        assert ["Ex Smith"] == looked_up

    def test_a_taken_id_gets_a_number(self) -> None:
        registry = load("registry_data")
        rows, _ = read_table("kind,name\norganisation,Example Org\n", "t.csv")
        plan = plan_import(
            registry,
            rows,
            "t.csv",
            LETTER,
            source=SOURCE,
            taken={"example-org"},
        )
        assert "organisations/example-org-2.yaml" == plan.files[0].path

    def test_what_a_paste_leaves_in_a_cell_is_not_written(self) -> None:
        """Curly quotes around a cell's name, a zero-width space inside it:
        written into the files, and warned of there, in words about YAML
        quotes that made no sense of a spreadsheet's cell."""
        plan = plan_of(
            "kind,name,country\n"
            "organisation,\u201cExample Youth Forum\u201d,GB\n"
            "organisation,Example\u200b Family Network,IE\n"
            "organisation,The \u201cExample\u201d Campaign,FR\n"
        )
        assert [] == [str(p) for p in plan.problems]
        texts = [f.text for f in plan.files if "organisations/" in f.path]
        assert [
            "name: Example Youth Forum\n",
            "name: Example Family Network\n",
            'name: "The \u201cExample\u201d Campaign"\n',
        ] == [
            next(
                line + "\n"
                for line in t.splitlines()
                if line.startswith("name:")
            )
            for t in texts
        ]

    def test_a_curly_quote_left_alone_is_said_as_a_sheet_mends_it(
        self,
    ) -> None:
        """One curly quote at an end of a cell, not wrapping the name, is
        not taken off (which end was meant is not known): the warning says
        to take it off in the sheet, not to use YAML's quotes.
        """
        plan = plan_of(
            "kind,name,country\norganisation,\u201cExample Forum,GB\n"
        )
        assert [
            (
                "t.csv:2:14: warning suspicious-character: the text is started "
                "or ended by a curly quote (as a word processor types them), "
                "which would be written into the file as part of the value; "
                "take it off in the sheet [column B: name]"
            )
        ] == [str(p) for p in plan.problems]

    def test_names_alike_in_their_first_60_characters_get_numbers(
        self,
    ) -> None:
        """An id is made from a name's first 60 characters; a row with an
        error takes no number from the rows after it.
        """
        long = "Example Network of Parents and Teachers for Online Safety in"
        plan = plan_of(
            "kind,name,country\n"
            f"organisation,{long} Ayr,GB\n"
            f"organisation,{long} Bree,Narnia\n"
            f"organisation,{long} Cork,IE\n"
            f"organisation,{long} Derry,GB\n"
        )
        assert ["unknown-country"] == [p.code for p in plan.errors]
        base = "example-network-of-parents-and-teachers-for-online-safety-in"
        assert [
            f"organisations/{base}.yaml",
            f"organisations/{base}-2.yaml",
            f"organisations/{base}-3.yaml",
        ] == [f.path for f in plan.files if f.path.startswith("organisations")]

    def test_many_names_alike_take_no_time(self) -> None:
        """Each new id was searched for from the first number again: 40,000
        branches of one network, alike in their first 60 characters, took
        minutes (a sheet of 100,000, an hour).
        """
        planner = imports._Planner(
            load("registry_data"),
            "t.csv",
            LETTER,
            SOURCE,
            set(),
            dt.date(2024, 1, 1),
        )
        made: list[str | None] = []
        for _ in range(40_000):
            made.append(planner.fresh_id("example-network"))
            planner.made.add(str(made[-1]))
        assert "example-network" == made[0]
        assert [f"example-network-{n}" for n in range(2, 40_001)] == made[1:]

    def test_a_device_name_of_windows_gets_a_number(self) -> None:
        """An id 'aux' would make a file no Windows checkout can hold."""
        plan = plan_of("kind,name\norganisation,AUX\norganisation,Com1\n")
        assert [
            "organisations/aux-2.yaml",
            "organisations/com1-2.yaml",
        ] == [f.path for f in plan.files if f.path.startswith("org")]

    def test_ids_in_files_of_many_records_are_taken(
        self, shipped_copy: Path
    ) -> None:
        (shipped_copy / "organisations" / "more.yaml").write_text(
            "- id: example-org\n  name: Example Organisation Worldwide\n"
            "  sources:\n    - url: https://example.org/a\n",
            "utf-8",
        )
        registry = load(shipped_copy)
        rows, _ = read_table("kind,name\norganisation,Example Org\n", "t.csv")
        plan = plan_import(registry, rows, "t.csv", LETTER, source=SOURCE)
        assert "organisations/example-org-2.yaml" == plan.files[0].path

    def test_a_new_signatory_under_the_id_given(self) -> None:
        """A name that makes no id (Chinese here) is recorded under the id
        in its signatory cell, and the name kept as written.
        """
        plan = plan_of(
            "kind,signatory,name,country\n"
            "organisation,shili-ertong,示例儿童基金会,CN\n"
        )
        assert () == plan.errors
        assert [
            "organisations/shili-ertong.yaml",
            f"signatures/{LETTER}/{LETTER}--shili-ertong.yaml",
        ] == [f.path for f in plan.files]
        assert 'name: "示例儿童基金会"\n' in plan.files[0].text

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            pytest.param(
                "organisation,barnado,Barnardo's",
                "no organisation has the id 'barnado', and \"Barnardo's\" "
                "is the name of 'barnardos': write that id",
                id="a-mistyped-id-of-a-name-recorded",
            ),
            pytest.param(
                "organisation,Example Trust,Example Trust",
                "for example 'example-trust'",
                id="not-an-id",
            ),
            pytest.param(
                "organisation,person-7k2m9x4q,Example Trust",
                "the random id of a person who is not public",
                id="an-opaque-id",
            ),
            pytest.param(
                "group,nspcc,Example Group",
                "'nspcc' is already the id of another record",
                id="an-id-of-another-kind",
            ),
        ],
    )
    def test_an_id_given_for_a_new_signatory_is_checked(
        self, row: str, message: str
    ) -> None:
        plan = plan_of(f"kind,signatory,name\n{row}\n")
        (problem,) = plan.errors
        column = len(row.split(",", maxsplit=1)[0]) + 2  # the signatory cell
        assert (2, column) == (problem.location.line, problem.location.column)
        assert message in problem.message
        assert () == plan.files

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            pytest.param(
                "organisation,nspcc,Another Example Org,ES",
                "'nspcc', the id in the signatory cell, is 'National Society "
                "for the Prevention of Cruelty to Children', not 'Another "
                "Example Org'",
                id="another-name",
            ),
            pytest.param(
                "organisation,barnardos,Barnardo's,FR",
                "'barnardos', the id in the signatory cell, is recorded in "
                "GB, not FR",
                id="another-country",
            ),
        ],
    )
    def test_an_id_recorded_for_another_signatory_is_refused(
        self, row: str, message: str
    ) -> None:
        """A mistyped id, or one copied from the row above, would give the
        signature to the wrong signatory, silently.
        """
        plan = plan_of(f"kind,signatory,name,country\n{row}\n")
        (problem,) = plan.errors
        assert message in problem.message
        assert (2, 14) == (problem.location.line, problem.location.column)
        assert () == plan.files

    @pytest.mark.parametrize(
        ("row", "secret"),
        [
            ("organisation,barnardos,Barnardo's,FR,country", "FR"),
            ("organisation,nspcc,Zebulon Shelter,GB,name", "Zebulon"),
        ],
    )
    def test_what_a_row_keeps_private_is_not_said_of_its_id(
        self, row: str, secret: str
    ) -> None:
        plan = plan_of(f"kind,signatory,name,country,private\n{row}\n")
        (problem,) = plan.errors
        assert "correct the id" in problem.message
        assert secret not in problem.message

    def test_an_alias_of_the_id_is_the_same_signatory(self) -> None:
        plan = plan_of(
            "kind,signatory,name,country\norganisation,nspcc,NSPCC,GB\n"
        )
        assert () == plan.errors

    def test_a_signature_added_later_keeps_its_day(self) -> None:
        plan = plan_of(
            "kind,name,country,signed_on\n"
            "organisation,Example Org,FR,2023-10-02\n"
        )
        assert () == plan.errors
        assert "signed_on: 2023-10-02\n" in plan.files[-1].text

    @pytest.mark.parametrize("role", ["survivor", "Family member"])
    def test_a_survivor_named_in_public_is_refused(self, role: str) -> None:
        """A sheet's "public" read as "a public letter" would name them in
        every output, and in git's history for good."""
        plan = plan_of(
            "kind,name,country,role,disclosure\n"
            f"person,Jane Example,GB,{role},public\n"
        )
        (problem,) = plan.errors
        assert "public-survivor" == problem.code
        assert (2, "[column D: role]") == (
            problem.location.line,
            problem.message[problem.message.rindex("[") :],
        )
        assert "write anonymous in the row's disclosure cell and empty " in (
            problem.message
        )
        assert "confirmed-by-signatory in a verification cell" in (
            problem.message
        )

    @pytest.mark.parametrize(
        "row",
        [
            "person,Jane Example,GB,survivor,public,confirmed-by-signatory",
            "person,Jane Example,GB,survivor,pseudonym,",
            "person,Jane Example,GB,expert,public,",
        ],
    )
    def test_a_survivor_confirmed_or_not_named_is_taken(
        self, row: str
    ) -> None:
        plan = plan_of(
            f"kind,name,country,role,disclosure,verification\n{row}\n"
        )
        assert () == plan.errors

    def test_a_signatory_column_of_names_is_told_to_be_the_name(
        self,
    ) -> None:
        """ "Signatory" is what most sheets call the column of names: "leave
        the signatory cell empty" would lose every name."""
        plan = plan_of("kind,Signatory,country\norganisation,Example Org,FR\n")
        (problem,) = plan.errors
        assert "unknown-reference" == problem.code
        assert (
            "which is no id but a name: if this column holds the "
            "signatories' names, rename it name"
        ) in problem.message
        # Beside a name column, it is an id mistyped.
        plan = plan_of(
            "kind,name,signatory,country\n"
            "organisation,Example Org,Example Org,FR\n"
        )
        assert "rename it name" not in plan.errors[0].message

    @pytest.mark.parametrize(
        "row",
        [
            "person,,NI,survivor,anonymous,",
            "person,Joan Example,NI,expert,public,country",
        ],
    )
    def test_a_code_of_two_places_is_refused_unsaid(self, row: str) -> None:
        """NI (Nicaragua, or Northern Ireland) in a row whose country is not
        shown: taken, it could count a survivor in a country no one named.
        The message names neither code nor place; that the value is one of
        five codes is told only to whoever holds the sheet."""
        plan = plan_of(f"kind,name,country,role,disclosure,private\n{row}\n")
        (problem,) = plan.errors
        assert "unknown-country" == problem.code
        assert (2, 1) == (problem.location.line, problem.location.column)
        assert "Nicaragua" not in problem.message
        assert "'NI'" not in problem.message

    @pytest.mark.parametrize(
        "public",
        [
            "person,Skylark Example,GB,expert,public",
            "organisation,The Skylark Example,GB,,",
        ],
    )
    @pytest.mark.parametrize("first", [True, False])
    def test_a_name_another_row_keeps_private_is_refused(
        self, public: str, first: bool
    ) -> None:
        """A pseudonym in one row, and a public record of that name in
        another, in either order: written, the pseudonym was published."""
        pseudonym = "person,Skylark Example,GB,survivor,pseudonym"
        rows = [public, pseudonym] if first else [pseudonym, public]
        plan = plan_of(
            "kind,name,country,role,disclosure\n" + "\n".join(rows) + "\n"
        )
        (problem,) = plan.errors
        assert "another row of this sheet, keeps private" in problem.message
        assert "Skylark" not in problem.message

    def test_every_row_needs_a_source(self) -> None:
        registry = load("registry_data")
        rows, _ = read_table("kind,name\norganisation,Example Org\n", "t.csv")
        plan = plan_import(registry, rows, "t.csv", LETTER)
        assert ["missing-field"] == [p.code for p in plan.errors]


class TestCommand:
    def test_a_volunteers_spreadsheet(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            HEADER + "organisation,Example Foundation,France,,\n"
            "person,Jane Example,United Kingdom,academic,public\n"
            "person,,Ireland,survivor,anonymous\n"
            "group,Example Survivors Network,GB,survivor,\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        written = out.splitlines()
        assert 8 == len(written)
        assert all((tmp_path / w).is_file() for w in written)
        assert "4 signature(s) added" in err
        # What was written validates, and is in fmt's canonical form.
        assert (0, "") == cli("validate")[::2]
        assert 0 == cli("fmt", "--check")[0]
        code, out, _ = cli("coverage", "--format", "json")
        counts = {r["key"]: r for r in json.loads(out)["rows"]}
        assert 1 == counts["FR"]["organisations"]
        assert "IE" in counts

    def test_a_flag_is_its_country(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A sign-up form's country column often holds flags."""
        path = table(
            tmp_path,
            "kind,name,country\n"
            "organisation,Example Flag Org,\U0001f1eb\U0001f1f7\n"
            "organisation,Example Flagless Org,\U0001f1ea\U0001f1fa\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        # The European Union's flag names no country: said at its cell.
        assert "sig.csv:3:35: error unknown-country" in out
        path = table(
            tmp_path,
            "kind,name,country\norganisation,Example Flag Org,"
            "\U0001f1eb\U0001f1f7\n",
        )
        assert 0 == cli("import", path, "--source", SOURCE)[0]
        org = load("registry_data").get("example-flag-org")
        assert isinstance(org, Organisation)
        assert "FR" == org.hq_country

    def test_a_groups_size(self, shipped_copy: Path, tmp_path: Path) -> None:
        """A group's member_count is a column: a number, unknown or empty
        (both of unknown size), or private."""
        path = table(
            tmp_path,
            "kind,name,country,member_count,private,role\n"
            "group,Example Survivors Network,GB,12,,survivor\n"
            "group,Example Parents Circle,IE,unknown,,family-member\n"
            # As a spreadsheet capitalises a cell's first word.
            "group,Example Fathers Circle,IE,Unknown,,family-member\n"
            "group,Example Quiet Circle,FR,,,survivor\n"
            "group,Example Hidden Circle,DE,7,member_count,survivor\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, out + err
        groups = load("registry_data").groups
        sizes = {
            g.name: (g.member_count, g.private)
            for g in groups
            if g.name.startswith("Example")
        }
        assert {
            "Example Survivors Network": (12, ()),
            "Example Parents Circle": (None, ()),
            "Example Fathers Circle": (None, ()),
            "Example Quiet Circle": (None, ()),
            "Example Hidden Circle": (7, ("member_count",)),
        } == sizes
        # Written as the docs write it, not left out.
        written = (
            shipped_copy / "groups" / "example-quiet-circle.yaml"
        ).read_text(encoding="utf-8")
        assert "\nmember_count: unknown\n" in written

    @pytest.mark.parametrize(
        ("size", "recorded"),
        [
            ("12", "with member_count 11"),
            ("many", "with member_count 11"),
            ("9" * 5000, "with member_count 11"),
        ],
    )
    def test_a_recorded_groups_size_is_never_dropped(
        self, shipped_copy: Path, tmp_path: Path, size: str, recorded: str
    ) -> None:
        """A row for a group recorded already, giving another size, was
        imported with the size dropped: an import never changes a recorded
        signatory, so it says where to change it."""
        before = snapshot(shipped_copy)
        path = table(
            tmp_path,
            f"kind,name,member_count,role\ngroup,Phoenix 11,{size},survivor\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert (
            "sig.csv:2:18: error invalid-value: the group is recorded "
            f"already, in groups/phoenix-11.yaml, {recorded}, and an import "
            "never changes a recorded signatory"
        ) in out
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize("size", ["11", "011", "unknown", ""])
    def test_a_recorded_groups_own_size_is_taken(
        self, shipped_copy: Path, tmp_path: Path, size: str
    ) -> None:
        path = table(
            tmp_path,
            f"kind,name,member_count,role\ngroup,Phoenix 11,{size},survivor\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, out + err
        assert "member_count" not in out + err

    def test_a_private_size_is_not_shown(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        group = shipped_copy / "groups" / "phoenix-11.yaml"
        group.write_text(
            group.read_text("utf-8") + "private: [member_count]\n", "utf-8"
        )
        path = table(
            tmp_path,
            "kind,name,member_count,role\ngroup,Phoenix 11,12,survivor\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert "another member_count (neither is shown: private)" in out
        assert "11" not in out.replace("phoenix-11", "")
        assert "12" not in out.replace("phoenix-11", "")

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (
                "group,Example Circle,lots",
                (
                    "sig.csv:2:22: error invalid-value: 'lots' is not a whole "
                    "number"
                ),
            ),
            (
                "organisation,Example Org,12",
                (
                    "sig.csv:2:26: error invalid-value: an organisation has no "
                    "member_count; leave this cell empty"
                ),
            ),
            (
                "person,Jane Example,3",
                (
                    "sig.csv:2:1: error invalid-value: a person has no "
                    "member_count; leave this cell empty"
                ),
            ),
        ],
    )
    def test_a_size_that_is_none(
        self, shipped_copy: Path, tmp_path: Path, row: str, message: str
    ) -> None:
        before = snapshot(shipped_copy)
        path = table(tmp_path, f"kind,name,member_count\n{row}\n")
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert message in out
        assert before == snapshot(shipped_copy)

    def test_many_problems_are_counted_by_code(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Thousands of rows in error gave thousands of lines and nothing
        to start from: as validate, a line counts them by code."""
        rows = "".join(
            f"organisation,Example Org {i},Atlantis\n" for i in range(25)
        )
        path = table(tmp_path, "kind,name,country\n" + rows)
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert "by code: unknown-country 25 (error)" == out.splitlines()[-1]

    def test_a_row_counting_others_is_no_signatory(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A list's "and 40 other organisations", copied as a row, was
        recorded as an organisation of that name and counted as one."""
        path = table(
            tmp_path,
            HEADER + "organisation,Example Foundation,France,,\n"
            "organisation,and 40 other organisations,,,\n"
            "person,+ 12 more,,academic,public\n",
        )
        before = snapshot(shipped_copy)
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["invalid-value", "invalid-value"] == codes(out)
        assert ":3:14: " in out
        assert ":4:8: " in out
        assert "[column B: name]" in out
        assert "count of signatories the list does not name" in out
        assert before == snapshot(shipped_copy)

    def test_a_sheet_saved_in_a_code_page_is_told_how_to_save_it(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Excel's "CSV (Comma delimited)" saves in Windows-1252: the
        message says which of its types to choose, on the byte's line
        (not its column, which would count the letters before it)."""
        path = tmp_path / "sig.csv"
        path.write_bytes(
            b"kind,name,country\norganisation,Caf\xe9 Example,FR\n"
        )
        before = snapshot(shipped_copy)
        code, out, _ = cli("import", str(path), "--source", SOURCE)
        assert 1 == code
        assert (
            "sig.csv:2:1: error encoding: a byte on this line is not valid "
            "UTF-8; "
            "save the file as UTF-8 (in Excel: File, Save As, and the type "
            "'CSV UTF-8 (Comma delimited)'"
        ) in out
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize(
        ("row", "expected"),
        [
            (
                "person,pseudonym,Example Meadow,survivor,I\aE",
                (
                    "sig.csv:2:1: error invalid-character: a character not "
                    "allowed in a CSV file (a control character, which most "
                    "editors do not show, or a code that is no character) is on "
                    "this line; delete it"
                ),
            ),
            (
                'person,pseudonym,Example Meadow,survivor,"IE',
                (
                    "sig.csv:2:1: error wrong-shape: a quote opens a cell in "
                    'column E of this row and is never closed; close it with ", '
                    'and write a " inside a cell as ""'
                ),
            ),
        ],
    )
    def test_a_rows_mistake_found_before_its_cells_gives_no_column(
        self, shipped_copy: Path, tmp_path: Path, row: str, expected: str
    ) -> None:
        """A character or a quote found while the rows are read, before
        anything tells which row is private, was placed at its character,
        whose column gave the length of a pseudonym before it."""
        path = table(tmp_path, f"kind,disclosure,name,role,country\n{row}\n")
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert expected in out
        assert "Meadow" not in out

    def test_a_quote_never_closed_in_the_header_is_placed(
        self, tmp_path: Path
    ) -> None:
        _, problems = read_table('kind,"name\nperson,X\n', "t.csv")
        (problem,) = problems
        assert (1, 6) == (problem.location.line, problem.location.column)

    @pytest.mark.parametrize(
        ("start", "what"),
        [
            (b"PK\x03\x04\x14\x00", "a Word, Excel or LibreOffice document"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "an older Word or"),
        ],
    )
    def test_a_workbook_is_told_to_be_saved_as_csv(
        self, shipped_copy: Path, tmp_path: Path, start: bytes, what: str
    ) -> None:
        """The workbook itself, given for its CSV (signatories.xlsx), is
        named as one, not as a byte that is not UTF-8."""
        path = tmp_path / "signatories.xlsx"
        path.write_bytes(start + b"\x93\x00 binary")
        before = snapshot(shipped_copy)
        code, out, _ = cli("import", str(path), "--source", SOURCE)
        assert 1 == code
        assert (
            f"signatories.xlsx:1:1: error encoding: the file is {what}" in out
        )
        assert "save the sheet as CSV in UTF-8 (in Excel: File, Save As" in out
        assert before == snapshot(shipped_copy)

    def test_a_nul_is_not_called_yaml(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A spreadsheet is not YAML: the message says where a NUL is not
        allowed in the spreadsheet's words."""
        path = tmp_path / "sig.csv"
        path.write_bytes(b"kind,name,country\norganisation,Ex\x00ample,FR\n")
        code, out, _ = cli("import", str(path), "--source", SOURCE)
        assert 1 == code
        assert "a character not allowed in a CSV file" in out
        assert "YAML" not in out

    def test_errors_write_nothing(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        before = snapshot(shipped_copy)
        path = table(
            tmp_path,
            HEADER + "organisation,Example Foundation,France,,\n"
            "organisation,Example Trust,Untied Kingdom,,\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        expected = (
            "sig.csv:3:28: error unknown-country: 'Untied Kingdom' is not "
            'an ISO 3166-1 alpha-2 code; did you mean "GB" (United '
            "Kingdom)? [column C: country]"
        )
        assert [expected] == out.splitlines()
        assert "nothing was written" in err
        assert before == snapshot(shipped_copy)

    def test_a_private_persons_row_is_never_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,name_as_printed\n"
            "person,Zebulon Quartzfeather,Quartzland,survivor,pseudonym,\n"
            "person,Zebulon Quartzfeather,GB,survivor,pseudonym,Zebulon Q\n"
            "person,Zebulon Quartzfeather,GB,survivor,anonymous,\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert [
            ("error", "unknown-country"),
            ("warning", "possible-duplicate"),
            ("error", "name-not-allowed"),
            ("warning", "possible-duplicate"),
            ("error", "name-not-allowed"),
        ] == [
            (line.split()[1], line.split()[2].rstrip(":"))
            for line in out.splitlines()
        ]
        assert "name in row 2" in out
        for secret in ("Zebulon", "Quartz", "zebulon"):
            assert secret not in out + err

    def test_a_name_given_twice_with_two_countries_is_warned_of(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A row given twice, its country changed, would count one
        signatory twice, in two countries: recorded, and said.
        """
        path = table(
            tmp_path,
            "kind,name,country,disclosure,role\n"
            "organisation,Example Trust,Kenya,,\n"
            "organisation,Example Trust,Uganda,,\n"
            "person,Jane Example,Kenya,public,supporter\n"
            "person,Jane Example,Uganda,public,supporter\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 0 == code
        assert [
            (
                "sig.csv:3:28: warning possible-duplicate: 'Example Trust' is "
                "the name in row 2, whose country is KE, not UG: a new "
                "organisation is recorded for this row; if they are one, keep "
                "one row, with the country a source gives [column C: country]"
            ),
            (
                "sig.csv:5:21: warning possible-duplicate: 'Jane Example' is "
                "the name in row 4, whose country is KE, not UG: a new person "
                "is recorded for this row; if they are one, keep one row, with "
                "the country a source gives [column C: country]"
            ),
        ] == [line for line in out.splitlines() if "warning" in line]

    def test_a_row_of_a_recorded_signatory_is_not_told_it_is_new(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """The second row is Barnardo's, recorded in GB: not "a new
        organisation is recorded for this row" for the first row's name.
        """
        path = table(
            tmp_path,
            "kind,name,country\n"
            "organisation,Barnardo's,Kenya\n"
            "organisation,Barnardo's,GB\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code
        (warning,) = [line for line in out.splitlines() if "warning" in line]
        assert warning.startswith("sig.csv:2:")
        assert "possible-duplicate" in warning
        assert "1 row(s) recorded already" in err

    def test_a_name_another_row_keeps_private_is_not_tied_to_it(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,private\n"
            "organisation,Example Hidden Trust,Kenya,name\n"
            "organisation,Example Hidden Trust,Uganda,\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["invalid-value"] == codes(out)
        assert "Hidden" not in out + err

    def test_initials_of_two_letters_are_an_alias_not_a_country(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """ "(ET)" after Example Trust is its initials, not Ethiopia: the
        row is the organisation recorded as Example Trust.
        """
        rows = "kind,name,country\norganisation,Example Trust,Kenya\n"
        assert 0 == cli("import", table(tmp_path, rows), "--source", SOURCE)[0]
        rows = "kind,name,country\norganisation,Example Trust (ET),Kenya\n"
        code, out, err = cli(
            "import", table(tmp_path, rows), "--source", SOURCE
        )
        assert (0, "") == (code, out)
        assert "1 row(s) recorded already" in err

    def test_importing_again_adds_only_new_rows(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        rows = HEADER + "organisation,Example Foundation,France,,\n"
        cli("import", table(tmp_path, rows), "--source", SOURCE)
        before = snapshot(shipped_copy)
        rows += "person,Jane Example,GB,academic,public\n"
        code, out, err = cli(
            "import", table(tmp_path, rows), "--source", SOURCE
        )
        assert 0 == code
        assert 2 == len(out.splitlines())  # Jane Example, and her signature
        assert "1 row(s) recorded already, left as they were" in err
        assert set(before) < set(snapshot(shipped_copy))

    def test_people_who_are_not_public_are_imported_once(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        rows = HEADER + "person,,IE,survivor,anonymous\n"
        path = table(tmp_path, rows)
        assert 0 == cli("import", path, "--source", SOURCE)[0]
        before = snapshot(shipped_copy)
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert "error possible-duplicate" in out
        assert "--new-private-people" in out
        # Not how many: every table hides a small count of them.
        assert "1 signature" not in out
        assert before == snapshot(shipped_copy)
        code, _, _ = cli(
            "import", path, "--source", SOURCE, "--new-private-people"
        )
        assert 0 == code
        registry = load("registry_data")
        assert 2 == sum(p.disclosure == "anonymous" for p in registry.people)

    def test_a_row_refused_as_a_possible_duplicate_has_its_own_mistakes_said(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An anonymous row with a name got only the --new-private-people
        error, and its name error on the next run (found by a review
        played as a new volunteer)."""
        path = table(tmp_path, HEADER + "person,,IE,survivor,anonymous\n")
        assert 0 == cli("import", path, "--source", SOURCE)[0]
        rows = HEADER + "person,Zyxw Quill,IE,survivor,anonymous\n"
        code, out, _ = cli("import", table(tmp_path, rows), "--source", SOURCE)
        assert 1 == code
        assert "error possible-duplicate" in out
        assert "error name-not-allowed: an anonymous person has no name" in out
        assert "Zyxw" not in out
        assert "person-000000" not in out

    def test_an_export_imports_into_another_registry(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An export's CSV names each signatory by id: removing the
        signatures and importing the export gives the same coverage.
        """
        _, exported, _ = cli("export")
        _, coverage, _ = cli("coverage")
        for path in (shipped_copy / "signatures").rglob("*.yaml"):
            path.unlink()
        code, _, err = cli(
            "import", table(tmp_path, exported), "--letter", LETTER
        )
        assert 0 == code, err
        assert coverage == cli("coverage")[1]

    def test_an_export_imports_into_a_registry_without_its_signatories(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An export's signatories are recorded anew, under their ids, in
        a registry that has none of them: people too, whose disclosure the
        export gives.
        """
        (shipped_copy / "people" / "jane-example.yaml").write_text(
            "id: jane-example\nname: Jane Example\ndisclosure: public\n"
            'country: "IE"\n',
            encoding="utf-8",
        )
        (
            shipped_copy
            / "signatures"
            / LETTER
            / f"{LETTER}--jane-example.yaml"
        ).write_text(
            f"id: {LETTER}--jane-example\nletter: {LETTER}\n"
            "signatory: jane-example\nrole: academic\n"
            "sources:\n  - url: https://example.org/letter\n",
            encoding="utf-8",
        )
        _, exported, _ = cli("export")
        ids = {
            row["signatory"] for row in csv.DictReader(io.StringIO(exported))
        }
        assert "jane-example" in ids
        for path in [
            *(shipped_copy / "signatures").rglob("*.yaml"),
            *(shipped_copy / "organisations").glob("*.yaml"),
            *(shipped_copy / "groups").glob("*.yaml"),
            *(shipped_copy / "people").glob("*.yaml"),
        ]:
            if path.stem in ids or path.parent.name == LETTER:
                path.unlink()
        code, _, err = cli(
            "import", table(tmp_path, exported), "--letter", LETTER
        )
        assert 0 == code, err
        assert 0 == cli("validate")[0]
        registry = load(shipped_copy)
        assert ids == {s.signatory for s in registry.signatures_of(LETTER)}
        jane = registry.people.get("jane-example")
        assert jane is not None
        assert "public" == jane.disclosure

    def test_a_value_an_export_kept_from_running_as_a_formula(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """export writes '=... for a name starting with =, so that a
        spreadsheet shows it as text; import reads the name as written.
        """
        path = table(
            tmp_path,
            "kind,name,country\norganisation,'=Example Org,FR\n"
            "organisation,'Example Trust,FR\n",
        )
        code, _, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        registry = load("registry_data")
        assert {"=Example Org", "'Example Trust"} <= {
            o.name for o in registry.organisations
        }

    def test_on_behalf_of_by_name(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An organisation signed for may be named, as a signatory list
        names it: one already recorded, or one new in the sheet.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of\n"
            "organisation,Example Org,FR,,,,\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,Barnardo’s\n"
            "person,Sam Example,FR,expert,public,on-behalf-of,EXAMPLE ORG\n",
        )
        code, _, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        registry = load("registry_data")
        assert {"barnardos", "example-org"} == {
            s.on_behalf_of
            for s in registry.signatures
            if s.on_behalf_of is not None
        }

    def test_a_private_column(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """The fields a row's private cell lists are private in the files
        written: the signatory's, and the signature's.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,private\n"
            'person,,IE,survivor,anonymous,"country; role"\n'
            "organisation,Example Org,FR,,,Country\n",
        )
        code, _, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        registry = load("registry_data")
        (person,) = [p for p in registry.people if p.disclosure == "anonymous"]
        assert ("country",) == person.private
        (signature,) = registry.signatures_by(person.id)
        assert ("role",) == signature.private
        org = registry.organisations.get("example-org")
        assert org is not None
        assert ("hq_country",) == org.private

    def test_a_private_name_gets_a_random_id(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An id made from a private name would print it everywhere: each
        such row was refused (not-opaque-id, telling to rename a file that
        was not written yet), so no record of a private name imported.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,private\n"
            "organisation,Example Quiet Shelter,IE,,,name\n"
            "group,Example Quiet Circle,IE,survivor,,name\n"
            "person,Example Quiet Expert,IE,expert,public,name\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, out + err
        assert "quiet" not in (out + err).lower()
        assert 0 == cli("validate")[0]
        registry = load("registry_data")
        made = {
            r.name: r.id
            for c in (registry.organisations, registry.groups, registry.people)
            for r in c
            if "name" in r.private
        }
        assert {
            "Example Quiet Shelter",
            "Example Quiet Circle",
            "Example Quiet Expert",
        } == set(made)
        for record_id in made.values():
            kind, tail = record_id.split("-", 1)
            assert kind in {"organisation", "group", "person"}
            assert not any(w in tail for w in ("example", "quiet"))
        # Imported again, each row is found by its private name, which no
        # index or check compares: nothing is recorded twice.
        before = snapshot(shipped_copy)
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, out + err
        assert "3 row(s) recorded already" in err
        assert before == snapshot(shipped_copy)

    def test_a_private_name_of_two_records_is_not_tied_to_either(
        self, write: WriteFile, tmp_path: Path
    ) -> None:
        for record_id in ("organisation-k3m9x2q7", "organisation-p8w4z1r6"):
            write(
                f"organisations/{record_id}.yaml",
                f"id: {record_id}\nname: Example Quiet Shelter\n"
                "private: [name]\n"
                'sources:\n  - url: "https://example.org/s"\n',
            )
        path = table(
            tmp_path,
            "kind,name,private\norganisation,Example Quiet Shelter,name\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert (1, ["invalid-value"]) == (code, codes(out))
        assert "organisation-" not in out
        assert "quiet" not in out.lower()
        # Nor how many records have the name: that is private too.
        assert "2 recorded" not in out
        assert "more than one recorded organisation" in out

    @pytest.mark.parametrize(
        "row",
        [
            # The private name of an organisation, and one of its aliases,
            # private with it.
            "organisation,Example Quiet Shelter,IS,,",
            "organisation,EQSX,IS,,",
            # Written as the check for names alike compares them.
            "organisation,The Example Quiet Shelter Ltd,IS,,",
            "organisation,Example Quiet Shelter (EQS),IS,,",
            # A pseudonym, given as a public person's name.
            "person,Example Skylark,NO,survivor,public",
        ],
    )
    def test_a_public_row_of_a_private_name_is_refused(
        self, write: WriteFile, shipped_copy: Path, tmp_path: Path, row: str
    ) -> None:
        """A new public record of it would publish the name, beside the
        record that keeps it private, and count the signatory twice.
        """
        write(
            "organisations/organisation-k3m9x2q7.yaml",
            "id: organisation-k3m9x2q7\nname: Example Quiet Shelter\n"
            "aliases: [EQSX]\nhq_country: IS\nprivate: [name, hq_country]\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        write(
            "people/person-q7x2m9.yaml",
            "id: person-q7x2m9\ndisclosure: pseudonym\nname: Example Skylark\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        before = snapshot(shipped_copy)
        path = table(tmp_path, HEADER + row + "\n")
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert (1, ["invalid-value"]) == (code, codes(out))
        assert "keeps private: if the row is that signatory" in out
        for word in ("quiet", "eqsx", "skylark", "k3m9x2q7", "q7x2m9"):
            assert word not in out.lower()
        # Placed at the row's start: the column the cell starts at would
        # give the length of the cells before it.
        assert "sig.csv:2:1:" in out
        assert before == snapshot(shipped_copy)

    def test_a_private_alias_in_a_row_of_a_private_name_is_found(
        self, write: WriteFile, tmp_path: Path
    ) -> None:
        write(
            "organisations/organisation-k3m9x2q7.yaml",
            "id: organisation-k3m9x2q7\nname: Example Quiet Shelter\n"
            "aliases: [EQSX]\nprivate: [name]\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        plan = plan_of("kind,name,private\norganisation,EQSX,name\n")
        assert () == plan.errors
        (signature,) = plan.files
        assert "signatory: organisation-k3m9x2q7" in signature.text

    @pytest.mark.parametrize(
        "cell",
        [
            "On Behalf Of; Capacity",
            "capacity on_behalf_of",
            "Capacity, on-behalf-of",
        ],
    )
    def test_a_private_cell_is_read_as_other_words_are(
        self, cell: str
    ) -> None:
        """With spaces for underscores and hyphens, in any case, separated
        by semicolons, commas or spaces.
        """
        plan = plan_of(
            "kind,name,country,role,disclosure,capacity,on_behalf_of,private\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,nspcc,"
            f'"{cell}"\n'
        )
        assert () == plan.errors
        signature = plan.files[-1].text
        listed = signature.split("private:\n", 1)[1].splitlines()
        assert ["  - capacity", "  - on_behalf_of"] == sorted(listed)

    def test_a_fix_in_a_spreadsheets_words(self) -> None:
        """Not "use disclosure: pseudonym", which a sheet has no place for."""
        plan = plan_of(
            "kind,name,role,disclosure\nperson,Survivor A,survivor,anonymous\n"
        )
        (problem,) = plan.errors
        assert "empty the name cell;" in problem.message
        assert "write pseudonym in the disclosure column" in problem.message
        # Never a survivor's own name kept as their pseudonym.
        assert "that name, never their own" in problem.message

    def test_a_private_cell_is_never_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """What is not a field may be a name written in the wrong column."""
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,private\n"
            "person,,IE,survivor,anonymous,Zebulon Quartzfeather\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert (1, ["invalid-private"]) == (code, codes(out))
        assert out.startswith("sig.csv:2:1: ")
        assert "Zebulon" not in out + err

    def test_a_signatory_recorded_keeps_its_own_private_list(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,private\norganisation,Barnardo's,GB,country\n",
        )
        before = snapshot(shipped_copy)
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert (1, ["invalid-private"]) == (code, codes(out))
        assert "organisations/barnardos.yaml" in out
        assert before == snapshot(shipped_copy)

    def test_on_behalf_of_a_name_not_recorded(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A name that names no organisation is said to name none, once,
        at its cell: not "not a valid id" with an id that names none
        either.  A person who is not public is not told whom they sign
        for.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,Example Nowhere\n"
            "person,,GB,survivor,anonymous,on-behalf-of,Example Hidden Place\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["unknown-reference", "unknown-reference"] == codes(out)
        first, second = out.splitlines()[:2]
        assert first.startswith("sig.csv:2:51: ")
        assert "is named 'Example Nowhere': add a row for it" in first
        assert second.startswith("sig.csv:3:1: ")
        assert "Hidden" not in out + err

    def test_on_behalf_of_not_repeated_when_capacity_is_private(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A private capacity hides on_behalf_of too: the organisation
        named would tell it."""
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of,private\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,"
            "Example Hidden Place,capacity\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert (1, ["unknown-reference"]) == (code, codes(out))
        assert "Hidden" not in out + err

    def test_words_in_any_case_and_every_problem_of_a_row(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Values of a list of words are read in any case, with spaces for
        hyphens, as a spreadsheet writes them; and a row's problems are
        all said at once (no source does not hide a bad country), with
        the registry folder given after the options.
        """
        good = table(
            tmp_path,
            "Kind,Name,Country,Role,Disclosure,Capacity,On Behalf Of\n"
            "Person,Jane Example,GB,Academic,Public,On Behalf Of,barnardos\n",
            "good.csv",
        )
        code, _, err = cli(
            "import", good, "--source", SOURCE, "--dry-run", "registry_data"
        )
        assert 0 == code, err
        bad = table(
            tmp_path,
            "kind,name,country,source\n"
            "organisation,Example Org,Untied Kingdom,\n",
            "bad.csv",
        )
        code, out, _ = cli("import", bad, "registry_data")
        assert 1 == code
        assert ["missing-field", "unknown-country"] == codes(out)

    def test_dry_run_writes_nothing(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        before = snapshot(shipped_copy)
        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        code, out, err = cli("import", path, "--source", SOURCE, "--dry-run")
        assert 0 == code
        assert 2 == len(out.splitlines())
        assert "would be added" in err
        assert before == snapshot(shipped_copy)

    def test_a_file_that_cannot_be_written_takes_back_the_others(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        before = snapshot(shipped_copy)
        real = _common.create_file
        calls: list[Path] = []

        def failing(path: Path, data: bytes, **kw: Any) -> None:
            calls.append(path)
            if len(calls) == 3:
                raise OSError(28, "No space left on device")
            real(path, data, **kw)

        monkeypatch.setattr(_common, "create_file", failing)
        from coalition_registry.cli import import_

        monkeypatch.setattr(import_, "create_file", failing)
        path = table(
            tmp_path,
            HEADER + "organisation,Example Org,FR,,\n"
            "organisation,Example Trust,DE,,\n",
        )
        with pytest.raises(OSError, match="nothing was written") as raised:
            cli("import", path, "--source", SOURCE)
        assert 3 == len(calls)
        assert set(before) == set(snapshot(shipped_copy))
        # The file that failed, not the last one taken back.
        from coalition_registry.files import display_path

        assert str(raised.value).startswith(
            f"cannot write {display_path(calls[2])}: No space left"
        )

    def test_an_interruption_as_a_file_is_made_takes_it_back(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Ctrl+C during a call is raised as the call returns: the file it
        made was left behind, whole, when it came as create_file returned,
        and empty when it came as create_file's os.open returned.
        """
        before = snapshot(shipped_copy)
        from coalition_registry.cli import import_

        real_create = _common.create_file
        made: list[Path] = []

        def create_then_interrupted(
            path: Path, data: bytes, **kw: Any
        ) -> None:
            real_create(path, data, **kw)
            made.append(path)
            if len(made) == 2:
                raise KeyboardInterrupt

        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        with monkeypatch.context() as patch:
            patch.setattr(import_, "create_file", create_then_interrupted)
            with pytest.raises(KeyboardInterrupt):
                cli("import", path, "--source", SOURCE)
        assert 2 == len(made)
        assert before == snapshot(shipped_copy)
        with monkeypatch.context() as patch:
            made_empty = interrupt_open(
                patch,
                lambda name, flags: (
                    bool(flags & os.O_EXCL) and name.endswith(".yaml")
                ),
            )
            with pytest.raises(KeyboardInterrupt):
                cli("import", path, "--source", SOURCE)
        assert 1 == len(made_empty)
        assert before == snapshot(shipped_copy)

    def test_an_interruption_takes_back_what_was_written(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Ctrl+C in a long import left signatories without signatures,
        and people who are not public recorded again by the next import.
        """
        before = snapshot(shipped_copy)
        from coalition_registry.cli import import_

        real = _common.create_file
        calls: list[Path] = []

        def interrupted(path: Path, data: bytes, **kw: Any) -> None:
            calls.append(path)
            if len(calls) == 3:
                raise KeyboardInterrupt
            real(path, data, **kw)

        monkeypatch.setattr(import_, "create_file", interrupted)
        path = table(
            tmp_path,
            HEADER + "organisation,Example Org,FR,,\n"
            "person,,DE,survivor,anonymous\n",
        )
        with pytest.raises(KeyboardInterrupt):
            cli("import", path, "--source", SOURCE)
        assert 3 == len(calls)
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize("dry_run", [False, True])
    def test_a_reader_that_stops_reading_the_list_takes_nothing_back(
        self, shipped_copy: Path, tmp_path: Path, dry_run: bool
    ) -> None:
        """``import | head``: the files are written, the summary says so,
        and the command succeeds (it exited 1 saying nothing).
        """
        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        before = snapshot(shipped_copy)
        err = io.StringIO()
        argv = ["import", path, "--source", SOURCE]
        code = run(
            [*argv, "--dry-run"] if dry_run else argv,
            stdout=_Failing(BrokenPipeError(32, "Broken pipe")),
            stderr=err,
        )
        assert 0 == code
        assert "1 signature(s) " in err.getvalue()
        added = set(snapshot(shipped_copy)) - set(before)
        assert (0 if dry_run else 2) == len(added)

    def test_stopped_while_listing_says_the_files_are_written(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Ctrl+C as the files are named, once all are written: the files
        stay, and the message says so (not only "interrupted")."""

        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        err = io.StringIO()
        with pytest.raises(KeyboardInterrupt):
            run(
                ["import", path, "--source", SOURCE],
                stdout=_Failing(KeyboardInterrupt()),
                stderr=err,
            )
        assert "the import was complete: its 2 file(s) are written" in (
            err.getvalue()
        )
        assert (shipped_copy / "organisations" / "example-org.yaml").is_file()

    def test_import_into_a_closed_pipe_in_a_process(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """The same through a real pipe whose reader has gone."""
        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        reader, writer = os.pipe()
        os.close(reader)
        try:
            done = subprocess.run(  # noqa: S603 - our own command
                [
                    sys.executable,
                    "-m",
                    "coalition_registry",
                    "import",
                    path,
                    "--source",
                    SOURCE,
                ],
                stdout=writer,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            os.close(writer)
        assert (0, "") == (
            done.returncode,
            "".join(
                line + "\n"
                for line in done.stderr.splitlines()
                if "signature(s) added" not in line
            ),
        )
        assert (shipped_copy / "organisations" / "example-org.yaml").is_file()

    def test_an_unknown_letter_is_a_usage_error(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(tmp_path, HEADER)
        code, _, err = cli("import", path, "--letter", "no-such-letter")
        assert 2 == code
        assert "no-such-letter" in err

    def test_a_missing_spreadsheet_is_a_usage_error(
        self, shipped_copy: Path
    ) -> None:
        code, _, err = cli("import", "nowhere.csv")
        assert 2 == code
        assert "nowhere.csv" in err

    def test_checks_across_records(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """What validate checks across records is checked before anything
        is written: the files written made the registry invalid.
        """
        before = snapshot(shipped_copy)
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of\n"
            "person,Alice Example,GB,expert,public,on-behalf-of,no-such-org\n"
            "person,Carl Example,GB,expert,public,on-behalf-of,phoenix-11\n"
            "person,,GB,expert,anonymous,on-behalf-of,secret-org\n"
            "organisation,Example Org,GB,survivor,,,\n"
            "person,Ian Example,GB,organisation,public,,\n"
            "organisation,The NSPCC,GB,,,,\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert [
            ("2:52", "error", "unknown-reference"),
            ("3:51", "error", "unknown-reference"),
            ("4:1", "error", "unknown-reference"),
            ("5:29", "error", "invalid-value"),
            ("6:23", "error", "invalid-value"),
            # "The NSPCC" is the NSPCC: a row that would record it again
            # is refused, with the id to give.
            ("7:14", "error", "possible-duplicate"),
        ] == [
            (
                line.split()[0].split(":", 1)[1].rstrip(":"),
                line.split()[1],
                line.split()[2].rstrip(":"),
            )
            for line in out.splitlines()
        ]
        assert "secret-org" not in out
        assert before == snapshot(shipped_copy)

    def test_names_alike_refuse_their_rows(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Rows of one organisation written three ways were recorded as
        three, each counted, with a warning the import wrote past.
        """
        before = snapshot(shipped_copy)
        rows = (
            "kind,name,country\n"
            "organisation,Example Children's Trust,GB\n"
            "organisation,The Example Childrens Trust,GB\n"
        )
        code, out, _ = cli("import", table(tmp_path, rows), "--source", SOURCE)
        assert (1, ["possible-duplicate"]) == (code, codes(out))
        assert "sig.csv:3:" in out
        assert "give the id of the one meant in a signatory column" in out
        assert before == snapshot(shipped_copy)
        # Given an id of its own, it is another signatory, as said.
        rows = rows.replace("country\n", "country,signatory\n", 1)
        rows = rows.replace(",GB\n", ",GB,\n", 1)
        rows = rows.replace(
            "Childrens Trust,GB", "Childrens Trust,GB,example-trust-two"
        )
        code, out, err = cli(
            "import", table(tmp_path, rows), "--source", SOURCE
        )
        assert 0 == code, out + err
        assert "warning possible-duplicate" in out + err
        assert "example-trust-two.yaml" in out

    def test_an_acronym_after_a_name_is_its_alias(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Lists print "Name (ACR)", and others the name or the acronym
        alone: recorded as the name, with the acronym an alias, each finds
        the record.
        """
        path = table(
            tmp_path,
            "kind,name,country\norganisation,Example Children's Trust (ECT),GB\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, out + err
        org = load("registry_data").organisations["example-childrens-trust"]
        assert ("Example Children's Trust", ("ECT",)) == (
            org.name,
            org.aliases,
        )
        again = table(
            tmp_path,
            "kind,name,country\norganisation,ECT,GB\n"
            "organisation,EXAMPLE CHILDRENS TRUST (ECT),GB\n",
            "again.csv",
        )
        before = snapshot(shipped_copy)
        code, out, err = cli("import", again, "--source", SOURCE)
        assert 0 == code, out + err
        assert "2 row(s) recorded already" in err
        assert before == snapshot(shipped_copy)

    def test_a_name_recorded_with_its_acronym_is_found_so(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/example-society-for-the-protection-of-rivers.yaml",
            "id: example-society-for-the-protection-of-rivers\n"
            "name: Example Society for the Protection of Rivers (ESPR)\n"
            'sources:\n  - url: "https://example.org/s"\n',
        )
        plan = plan_of(
            "kind,name\norganisation,"
            "Example Society for the Protection of Rivers (ESPR)\n"
        )
        assert () == plan.errors
        (signature,) = plan.files
        assert "example-society-for-the-protection-of-rivers" in signature.path

    @pytest.mark.parametrize(
        "name",
        [
            "Example Watch (USA)",  # a country, not the initials
            "Example Network (Kenya)",
            "Example Trust (ECT)",  # letters no initials spell
        ],
    )
    def test_other_brackets_stay_in_the_name(self, name: str) -> None:
        plan = plan_of(f"kind,name,country\norganisation,{name},US\n")
        assert f"name: {name}" in plan.files[0].text.replace('"', "")
        assert "aliases" not in plan.files[0].text

    def test_a_persons_id_leaves_out_their_title(self) -> None:
        plan = plan_of(
            HEADER + "person,Prof. Dr. Jane Example,IE,academic,public\n"
        )
        assert () == plan.errors
        assert "people/jane-example.yaml" == plan.files[0].path

    def test_a_placeholder_for_a_name_refuses_its_row(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A survivor who signed without a name was written as a public
        person called "Name withheld", in every output with their country.
        """
        before = snapshot(shipped_copy)
        path = table(
            tmp_path, HEADER + "person,Name withheld,GB,survivor,public\n"
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert (1, ["placeholder-value"]) == (code, codes(out))
        assert "write anonymous in the row's disclosure cell" in out
        assert before == snapshot(shipped_copy)

    def test_what_is_written_validates(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of\n"
            "person,Alice Example,GB,expert,public,on-behalf-of,new-org\n"
            "organisation,New Org,FR,,,,\n"
            "person,,GB,survivor,anonymous,on-behalf-of,barnardos\n",
        )
        code, _, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        assert (0, "") == cli("validate")[::2]

    @pytest.mark.parametrize(
        ("rows", "said"),
        [
            # No kind column: a list of names, people's or not.
            (
                "name,country\nZebulon Quartzfeather,GB\nExample Org,FR\n",
                NO_KIND,
            ),
            (
                (
                    "name,country,role,disclosure\n"
                    "Zebulon Quartzfeather,GB,expert,\n"
                    "Jane Example,GB,academic,public\n"
                ),
                NO_KIND,
            ),
            # A kind left empty in one row.
            (
                (
                    "kind,name,role\n,Zebulon Quartzfeather,Family Member\n"
                    "organisation,Example Org,\n"
                ),
                "sig.csv:2:1: error missing-field: this row gives no kind",
            ),
        ],
    )
    def test_a_row_that_may_be_a_persons_is_no_organisation(
        self, shipped_copy: Path, tmp_path: Path, rows: str, said: str
    ) -> None:
        """Taken for an organisation, a person would be named: a row's
        kind is never guessed.
        """
        before = snapshot(shipped_copy)
        code, out, err = cli(
            "import", table(tmp_path, rows), "--source", SOURCE
        )
        assert 1 == code
        assert said in out
        assert "Zebulon" not in out + err
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize(
        ("row", "column"),
        [
            ("organisation,Example Org,anonymous,", "disclosure"),
            ("group,Example Circle,pseudonym,", "disclosure"),
            ("person,Jane Example,public,https://example.org", "website"),
        ],
    )
    def test_a_column_of_another_kind_is_refused(
        self, shipped_copy: Path, tmp_path: Path, row: str, column: str
    ) -> None:
        """An organisation marked anonymous was written with its name."""
        path = table(
            tmp_path, f"kind,name,disclosure,website\n{row}\n", "k.csv"
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert f"has no {column}" in out

    def test_a_name_in_another_country_is_another_signatory(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Barnardo's in Ireland is not the Barnardo's of Great Britain
        already recorded, as the check for duplicates has it.
        """
        path = table(
            tmp_path, "kind,name,country\norganisation,Barnardo's,Ireland\n"
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        assert "warning possible-duplicate" in out
        assert "organisations/barnardos-2.yaml" in out
        assert "1 signature(s) added" in err
        _, coverage, _ = cli("coverage", "--format", "json")
        assert "IE" in {r["key"] for r in json.loads(coverage)["rows"]}

    @pytest.mark.parametrize(
        ("cell", "code"), [("No", "NO"), ("na", "NA"), ("n/a", None)]
    )
    def test_no_or_na_is_not_taken_for_a_country(
        self, shipped_copy: Path, tmp_path: Path, cell: str, code: str | None
    ) -> None:
        """A spreadsheet's "No" or "na" may be Norway and Namibia, or
        "none" and "n/a": it is left for a person, as fmt --fix leaves
        it, not silently recorded as a country.
        """
        path = table(
            tmp_path, f"kind,name,country\norganisation,Example Org,{cell}\n"
        )
        before = snapshot(shipped_copy)
        status, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == status
        assert ["unknown-country"] == codes(out)
        if code is not None:
            assert f'write "{code}" if' in out
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize(
        ("cell", "suggested"),
        [
            ("London", "GB"),
            ("Deutschland", "DE"),
            ("Rhodesia", "ZW"),
        ],
    )
    def test_a_name_that_may_not_mean_one_country_is_not_taken(
        self, shipped_copy: Path, tmp_path: Path, cell: str, suggested: str
    ) -> None:
        """A city, a name in another language, a name two countries share
        or a former state is refused with the code it suggests, for a
        person to confirm: it was recorded as that country, silently.
        """
        path = table(
            tmp_path, f"kind,name,country\norganisation,Example Org,{cell}\n"
        )
        before = snapshot(shipped_copy)
        status, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == status
        assert ["unknown-country"] == codes(out)
        assert f'did you mean "{suggested}"' in out
        assert before == snapshot(shipped_copy)

    @pytest.mark.parametrize(
        ("cell", "meant", "other"),
        [
            ("NI", "Nicaragua", "Northern Ireland, whose code is GB"),
            ("ni", "Nicaragua", "Northern Ireland, whose code is GB"),
            ("SC", "Seychelles", "Scotland, whose code is GB"),
            ("SA", "Saudi Arabia", "South Africa, whose code is ZA"),
        ],
    )
    def test_a_code_written_for_another_place_is_refused(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        cell: str,
        meant: str,
        other: str,
    ) -> None:
        """In a list of "England, Scotland, Wales, NI", NI is Northern
        Ireland: it was recorded as Nicaragua, silently.
        """
        path = table(
            tmp_path,
            "kind,name,country\n"
            "organisation,Example Org,England\n"
            f"organisation,Example Trust,{cell}\n",
        )
        before = snapshot(shipped_copy)
        status, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == status
        assert ["unknown-country"] == codes(out)
        assert f"{cell!r} is the code of {meant}" in out
        assert f"also write it for {other}" in out
        assert before == snapshot(shipped_copy)

    def test_a_name_or_flag_of_such_a_country_is_taken(self) -> None:
        plan = plan_of(
            "kind,name,country\n"
            "organisation,Example Org,Nicaragua\n"
            "organisation,Example Trust,\U0001f1f3\U0001f1ee\n"
            "organisation,Example Fund,Northern Ireland\n"
        )
        assert () == plan.problems
        assert ['"NI"', '"NI"', '"GB"'] == [
            f.text.split("hq_country: ")[1].split()[0]
            for f in plan.files
            if "hq_country" in f.text
        ]

    def test_an_exports_code_is_taken_with_its_country_name(self) -> None:
        """An export's row names the country beside its code: CH there is
        Switzerland, and its own export was refused."""
        plan = plan_of(
            "kind,name,country,country_name\n"
            "organisation,Example Org,CH,Switzerland\n"
            "organisation,Example Trust,CH,China\n"
        )
        assert [("unknown-country", 3)] == [
            (p.code, p.location.line) for p in plan.problems
        ]

    def test_contact_details_in_notes_are_refused_unseen(self) -> None:
        """A sign-up form's comments hold addresses and numbers: they were
        written into the registry, an anonymous person's too.
        """
        plan = plan_of(
            "kind,name,disclosure,country,role,notes\n"
            "person,,anonymous,GB,survivor,contact: delta@example.org\n"
            "organisation,Example Org,,GB,,call +44 7700 900123\n"
        )
        assert [
            ("contact-details", 2, 1),
            ("contact-details", 3, 31),
        ] == [
            (p.code, p.location.line, p.location.column) for p in plan.problems
        ]
        said = " ".join(p.message for p in plan.problems)
        for value in ("delta", "example.org", "7700", "900123"):
            assert value not in said
        assert () == plan.files

    def test_a_row_with_a_bad_country_is_checked_whole(self) -> None:
        """The row's signature is checked too when its signatory's values
        are wrong: every problem at once, none repeated, nothing made."""
        plan = plan_of(
            "kind,name,disclosure,country,role,private,signed_on\n"
            "person,,anonymous,Sanmarinoq,survivorqz,country,2024-13-40\n"
            "organisation,Example Org,,ZZ,organisationx,,2024-13-40\n"
        )
        assert [
            ("unknown-country", 2, 1),
            ("invalid-value", 2, 1),
            # A person who is not public is given no signed_on at all.
            ("invalid-value", 2, 1),
            ("unknown-country", 3, 27),
            ("invalid-value", 3, 30),
            ("invalid-date", 3, 45),
        ] == [
            (p.code, p.location.line, p.location.column) for p in plan.problems
        ]
        text = "\n".join(p.message for p in plan.problems[:3])
        for value in ("Sanmarinoq", "survivorqz", "2024-13-40"):
            assert value not in text
        assert () == plan.files

    def test_a_person_who_is_not_public_is_given_no_signed_on(self) -> None:
        """The day would make every table of the letter hide its totals of
        people, on every day: the docs say to leave it empty.
        """
        plan = plan_of(
            "kind,name,disclosure,country,role,signed_on\n"
            "person,,anonymous,GB,survivor,2023-10-01\n"
            "person,Jane Example,public,GB,academic,2023-10-01\n"
        )
        assert [("invalid-value", 2, 1)] == [
            (p.code, p.location.line, p.location.column) for p in plan.problems
        ]
        assert "is given no signed_on" in plan.problems[0].message

    def test_na_is_namibia_with_a_warning(self) -> None:
        """R and other tools write NA for a missing value."""
        plan = plan_of("kind,name,country\norganisation,Example Org,NA\n")
        (warning,) = plan.problems
        assert ("placeholder-value", 2, 26) == (
            warning.code,
            warning.location.line,
            warning.location.column,
        )
        assert () == plan.errors
        assert 'hq_country: "NA"\n' in plan.files[0].text

    @pytest.mark.parametrize(
        ("cell", "code"),
        [
            ("gb", "GB"),
            ("UK", "GB"),
            ("United Kingdom", "GB"),
            ("Ivory Coast", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("Republic of Korea", "KR"),
            ("DEU", "DE"),
        ],
    )
    def test_a_name_that_means_one_country_is_its_code(
        self, tmp_path: Path, cell: str, code: str
    ) -> None:
        plan = plan_of(f"kind,name,country\norganisation,Example Org,{cell}\n")
        assert () == plan.errors
        assert f'hq_country: "{code}"\n' in plan.files[0].text

    def test_no_cell_of_a_private_persons_row_is_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,role,disclosure,signatory\n"
            "person,,survivor,pseudonym,Zebulon Quartzfeather\n"
            "Zebulon,Quartzfeather,survivor,pseudonym,\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["unknown-reference", "invalid-value"] == codes(out)
        for secret in ("Zebulon", "Quartz", "zebulon"):
            assert secret not in out + err

    def test_a_row_that_is_not_public_never_has_its_id_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A person's row written as an organisation's, or a row whose
        name is private, with an id in the signatory cell: the id may be
        the name, and is not repeated, nor is the name.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,private,signatory\n"
            "organisation,Zebulon Quartzfeather,IE,survivor,anonymous,,"
            "Zebulon Quartzfeather\n"
            "organisation,Zebulon Quartzfeather,IE,,,name,"
            "Zebulon Quartzfeather\n"
            "organisation,Barnardo's,IE,,,name,zebulon-quartzfeather\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["invalid-id", "invalid-id", "unknown-reference"] == codes(out)
        for secret in ("Zebulon", "zebulon", "Barnardo", "barnardos"):
            assert secret not in out + err

    def test_a_row_not_public_is_not_a_public_signatory(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """An anonymous survivor's row with the id of a public person is
        refused: the survivor's signature would be published under the
        public person's name.
        """
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,signatory\n"
            "person,Zebulon Quartzfeather,IE,survivor,anonymous,tim-cook\n",
        )
        before = snapshot(shipped_copy)
        code, out, err = cli("import", path, "--source", SOURCE)
        assert (1, ["invalid-value"]) == (code, codes(out))
        assert "Zebulon" not in out + err
        assert before == snapshot(shipped_copy)

    def test_a_row_named_in_a_message_has_no_column_0(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Bug: a signature for an organisation that signs in its own name
        too named the other row "at sig.csv:2:0"."""
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of\n"
            "organisation,Example Trust,GB,,,,\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,"
            "Example Trust\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        assert "(at sig.csv:2);" in out
        assert ":0)" not in out

    def test_a_private_country_is_not_repeated_in_a_warning(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,private\norganisation,Barnardo's,IE,country\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        assert "warning possible-duplicate" in out
        assert "IE" not in out

    def test_a_private_organisation_signed_for_is_not_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country,role,disclosure,capacity,on_behalf_of,private\n"
            "person,Jane Example,GB,expert,public,on-behalf-of,"
            "Example Secret Employer,on_behalf_of\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert (1, ["unknown-reference"]) == (code, codes(out))
        assert "Secret" not in out + err

    def test_a_first_row_that_is_a_signatorys_is_not_repeated(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A sheet saved without the row naming its columns."""
        path = table(
            tmp_path,
            "person,Zebulon Quartzfeather,IE,survivor,anonymous\n"
            "person,Example Two,IE,survivor,anonymous\n",
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert (1, ["wrong-shape"]) == (code, codes(out))
        assert out.startswith("sig.csv:1:1: ")
        for secret in ("Zebulon", "anonymous", "IE"):
            assert secret not in out + err

    def test_a_rows_problem_names_no_column(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A problem of a row as a whole (no disclosure, a row given twice)
        was said to be in column A, with its name ([column A: country]):
        nothing was wrong there."""
        path = table(
            tmp_path,
            "country,role,name,kind\n"
            "GB,expert,Jane Example,person\n"
            "GB,,Example Org,organisation\n"
            "GB,,example org,organisation\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert [
            (
                "sig.csv:2:1: error missing-field: a person needs a "
                "disclosure: public, pseudonym or anonymous (anonymous unless "
                "they agreed to more); write one in this row's disclosure "
                "cell (adding a disclosure column, if the sheet has none)"
            ),
            (
                "sig.csv:4:1: error duplicate-signature: this row's signatory "
                "signs the letter in row 3 already; keep one row"
            ),
        ] == out.splitlines()

    def test_a_bad_source_cell_is_one_problem(self) -> None:
        """Checked in the signatory's record and in its signature's, it
        was said twice, and counted as two errors."""
        plan = plan_of(
            "kind,name,country,source\n"
            "organisation,Example Org,GB,javascript:alert(1)\n"
        )
        assert ["invalid-url"] == [p.code for p in plan.problems]

    def test_a_country_is_mended_in_the_sheet_not_by_fmt(self) -> None:
        """fmt --fix mends files: the advice for a cell was to run it."""
        plan = plan_of(
            "kind,name,disclosure,country,role\n"
            "person,,anonymous,Irland,survivor\n"
            "organisation,Example Org,,Europe,\n"
        )
        said = [p.message for p in plan.problems]
        assert 2 == len(said)
        assert "fmt" not in " ".join(said)
        assert "or the country's name in English" in said[0]
        assert "leave the cell empty (it is counted as unknown)" in said[0]
        assert (
            "else leave the cell empty, and fill the scope column" in said[1]
        )

    def test_an_empty_disclosure_cell_is_named(self) -> None:
        """It was told to add the column it is in.  A person who says no
        disclosure may not be public: the row is named by its column."""
        plan = plan_of(
            "kind,name,disclosure,role\n"
            "person,Jane Example,,expert\n"
            "person,,anonymous,survivor\n"
        )
        (problem,) = plan.problems
        assert ("missing-field", 2, 1) == (
            problem.code,
            problem.location.line,
            problem.location.column,
        )
        assert "write one in this row's disclosure cell" in problem.message

    def test_a_row_given_again_is_said_beside_its_twins_problem(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A row given twice was said only once the first was corrected:
        one more run for a mistake that was there all along."""
        path = table(
            tmp_path,
            "name,country,kind,signed_on\n"
            "Example Child Rights Trust,GB,organisation,12/09/2023\n"
            "Example Child Rights Trust,GB,organisation,\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        said = [line.split(": ")[:2] for line in out.splitlines()]
        assert [
            ["sig.csv:2:44", "error invalid-date"],
            ["sig.csv:3:1", "error duplicate-signature"],
        ] == said
        assert "signs the letter in row 2 already" in out

    def test_problems_name_the_sheets_row(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Google Sheets quotes a cell with line breaks: the lines after it
        are not the sheet's rows, nor after Excel's sep line."""
        path = table(
            tmp_path,
            "kind,name,country,notes\n"
            'organisation,Example Org,FR,"Called;\nsaid yes"\n'
            "organisation,Example Trust,Atlantis,\n"
            "organisation,example org,FR,\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        first, second = out.splitlines()
        assert first.startswith("sig.csv:4:28: error unknown-country")
        assert first.endswith("[row 3, column C: country]")
        assert second.startswith("sig.csv:5:1: error duplicate-signature")
        assert second.endswith("in row 2 already; keep one row [row 4]")
        sep = table(
            tmp_path,
            "sep=;\nkind;name;country\norganisation;Example Org;Atlantis\n",
            "sep.csv",
        )
        code, out, _ = cli("import", sep, "--source", SOURCE)
        assert 1 == code
        assert out.startswith("sep.csv:3:26: error unknown-country")
        assert out.rstrip().endswith("[row 2, column C: country]")

    def test_a_date_a_spreadsheet_formatted(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Typed as 2024-02-01, Excel saves the date as the computer shows
        dates: the fix is the cell's format, not typing it again."""
        path = table(
            tmp_path,
            "kind,name,country,signed_on\n"
            "organisation,Example Org,FR,01/02/2024\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["invalid-date"] == codes(out)
        assert (
            "format the column's cells as Text, or with the custom format "
            "yyyy-mm-dd, before saving as CSV) [column D: signed_on]"
        ) in out

    def test_a_date_cell_saved_as_its_number(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """A date cell pasted as a number gives the spreadsheet's day count
        (from 1899-12-30): the message gives the date it stands for."""
        path = table(
            tmp_path,
            "kind,name,country,signed_on\norganisation,Example Org,FR,45323\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert ["invalid-date"] == codes(out)
        assert "a spreadsheet's number for the date '2024-02-01'?" in out

    def test_a_kind_left_by_a_merged_cell(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        path = table(
            tmp_path,
            "kind,name,country\n"
            "organisation,Example Org,FR\n"
            ",Example Trust,FR\n",
        )
        code, out, _ = cli("import", path, "--source", SOURCE)
        assert 1 == code
        assert out.startswith("sig.csv:3:1: error missing-field: this row")
        assert "unmerge it, and fill the value down" in out

    def test_files_are_flushed_to_disk_at_once(
        self,
        shipped_copy: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A flush for each file took 4 minutes for 20,000 rows, where
        validating the files written took 7 seconds."""
        if not hasattr(os, "sync"):
            pytest.skip("each file is flushed where nothing flushes all")
        flushes: list[str] = []
        monkeypatch.setattr(os, "fsync", lambda _: flushes.append("fsync"))
        monkeypatch.setattr(os, "sync", lambda: flushes.append("sync"))
        path = table(
            tmp_path,
            HEADER
            + "".join(
                f"organisation,Example Org {i},FR,,\n" for i in range(20)
            ),
        )
        code, out, err = cli("import", path, "--source", SOURCE)
        assert 0 == code, err
        assert 40 == len(out.splitlines())
        assert ["sync"] == flushes
        assert load(shipped_copy).organisations.get("example-org-19")

    def test_unicode_text(self, shipped_copy: Path, tmp_path: Path) -> None:
        """A spreadsheet's "Unicode text": UTF-16, with tabs."""
        path = tmp_path / "u.txt"
        path.write_bytes(
            "kind\tname\tcountry\r\norganisation\tExample Org\tFrance\r\n".encode(
                "utf-16"
            )
        )
        code, out, err = cli("import", str(path), "--source", SOURCE)
        assert 0 == code, err
        assert "registry_data/organisations/example-org.yaml" in out

    def test_a_source_that_is_no_url_is_a_usage_error(
        self, shipped_copy: Path, tmp_path: Path
    ) -> None:
        """Said once, not once for each row."""
        path = table(tmp_path, HEADER + "organisation,Example Org,FR,,\n")
        code, out, err = cli("import", path, "--source", "example.org/x")
        assert (2, "") == (code, out)
        assert 1 == err.count("is not an absolute http(s) URL")
