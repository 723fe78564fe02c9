"""The command line, run in-process."""

from __future__ import annotations

import csv
import errno
import html
import io
import json
import os
import re
import subprocess
import sys

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coalition_registry import __version__
from coalition_registry import cli as cli_package
from coalition_registry.cli import COMMANDS, main, parser, run
from coalition_registry.cli import validate as validate_command
from conftest import (
    LATE_SIGNATURE,
    LATE_SIGNATURE_PATH,
    ROOT,
    SHIPPED,
    WriteFile,
    interrupt_open,
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


class TestValidate:
    def test_shipped_data_default_path(self, shipped_copy: Path) -> None:
        code, out, err = cli("validate")
        assert (0, "") == (code, err)
        assert out.startswith("valid: ")
        assert "0 error(s), 0 warning(s)" in out

    def test_errors_exit_1_with_positioned_lines(
        self, write: WriteFile
    ) -> None:
        write(
            "organisations/barnardos.yaml",
            "id: barnardos\nname: Barnardo's\nhq_country: UK\n"
            "sources: [{url: 'https://example.org'}]\n",
        )
        code, out, _ = cli("validate", "registry_data")
        assert 1 == code
        assert [
            (
                "registry_data/organisations/barnardos.yaml:3:13: error unknown-country: "
                "'UK' is not an ISO 3166-1 alpha-2 code; did you mean \"GB\" (United Kingdom)?"
            ),
            "invalid: 31 file(s), 30 record(s), 1 error(s), 0 warning(s)",
        ] == out.splitlines()

    def test_warnings_exit_0(self, write: WriteFile) -> None:
        write("organisations/new-org.yaml", "id: new-org\nname: New\n")
        code, out, _ = cli("validate")
        assert 0 == code
        assert "warning no-source" in out

    def test_json(self, write: WriteFile) -> None:
        write(
            "organisations/new-org.yaml",
            "id: new-org\nname: New\nkind: shop\n"
            'sources:\n  - url: "https://example.org/about"\n',
        )
        code, out, _ = cli("validate", "--format", "json")
        data = json.loads(out)
        assert 1 == code
        assert {"valid", "problems", "summary"} == set(data)
        assert data["valid"] is False
        (problem,) = data["problems"]
        assert {
            "code": "invalid-value",
            "severity": "error",
            "file": "registry_data/organisations/new-org.yaml",
            "line": 3,
            "column": 7,
            "pointer": "$.kind",
        } == {k: v for k, v in problem.items() if k != "message"}
        assert {"files", "records", "errors", "warnings"} == set(
            data["summary"]
        )

    def test_single_file(self, write: WriteFile) -> None:
        path = write(
            "organisations/new-org.yaml",
            "id: new-org\nname: New\nscope: global\n",
        )
        code, out, _ = cli("validate", str(path.relative_to(path.parents[2])))
        assert 1 == code
        assert "invalid-value" in out

    def test_missing_path_is_a_usage_error(self, shipped_copy: Path) -> None:
        code, _, err = cli("validate", "nope")
        assert 2 == code
        assert "no such file or folder: nope" in err

    def test_no_registry_here_says_where_to_run(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        code, _, err = cli("coverage")
        assert 2 == code
        assert "run this in the folder that holds registry_data/" in err

    def test_run_in_a_deleted_folder_is_a_usage_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()
        code, _, err = cli("validate")
        assert 2 == code
        assert "no such file or folder: registry_data" in err

    @pytest.mark.parametrize(
        ("argv", "where"),
        [
            (("validate",), "organisations"),
            (("coverage",), "organisations"),
            (("new", "organisation", "--name", "Example Trust"), "."),
        ],
    )
    def test_run_inside_the_registry_says_which_folder_to_give(
        self,
        shipped_copy: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: tuple[str, ...],
        where: str,
    ) -> None:
        """Run in registry_data/ (or below it), the default folder is not
        there: the registry is.
        """
        monkeypatch.chdir(shipped_copy / where)
        shown = ".." if where != "." else "."
        code, _, err = cli(*argv)
        assert 2 == code
        assert (
            f"the current folder is in the registry {shown}: give {shown} as the path"
            in err
        )

    def test_no_traceback_for_garbage(self, write: WriteFile) -> None:
        write("organisations/barnardos.yaml", b"\x00\xff{[: - &*!")
        code, out, err = cli("validate")
        assert 1 == code
        assert "Traceback" not in out + err

    @pytest.mark.parametrize("command", ["validate", "fmt", "export"])
    def test_a_device_is_a_usage_error(
        self, shipped_copy: Path, command: str
    ) -> None:
        """Neither a file nor a folder: never "valid: 0 file(s)"."""
        code, out, err = cli(command, os.devnull)
        assert (2, "") == (code, out)
        assert f"{os.devnull} is not a file or a folder" in err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_a_pipe_is_a_usage_error(self, shipped_copy: Path) -> None:
        """Reading a FIFO would wait for a writer: it is refused at once."""
        fifo = shipped_copy / "organisations" / "pipe.yaml"
        os.mkfifo(fifo)
        code, out, err = cli(
            "validate", "registry_data/organisations/pipe.yaml"
        )
        assert (2, "") == (code, out)
        assert "is not a file or a folder (a device or a pipe)" in err

    def test_a_folder_named_like_a_record_is_a_usage_error(
        self, shipped_copy: Path
    ) -> None:
        (shipped_copy / "organisations" / "d.yaml").mkdir()
        code, out, err = cli("validate", "registry_data/organisations/d.yaml")
        assert (2, "") == (code, out)
        assert (
            "registry_data/organisations/d.yaml is a folder, not a record "
            "file" in err
        )

    def test_a_registry_folder_named_like_a_record_is_read(
        self, shipped_copy: Path
    ) -> None:
        """A folder holding registry.yaml is a registry, whatever its name."""
        shipped_copy.rename(shipped_copy.with_name("data.yaml"))
        code, out, _ = cli("validate", "data.yaml")
        assert 0 == code
        assert out.startswith("valid: 31 file(s)")


class TestCoverage:
    def test_table(self, shipped_copy: Path) -> None:
        code, out, _ = cli("coverage")
        assert 0 == code
        lines = out.splitlines()
        assert lines[0].startswith("Signatories of Survivors'")
        assert any(line.startswith("United Kingdom ") for line in lines)
        assert any(line.startswith("Unknown ") for line in lines)
        assert "Distinct countries in the records: 7 of 24" in out
        assert (
            "Rule: an organisation counts in its headquarters country" in out
        )
        assert (
            "Suppression: counts of people from 1 to 2 are hidden, shown as <3"
            in out
        )

    def test_the_claimed_total_is_named_with_where_to_compare_it(
        self, shipped_copy: Path
    ) -> None:
        """A first reader of "Total 10" learns that the sources say 104, and
        which command sets the records beside that; the claim counts groups
        as their members, so the note does not compare the two itself.
        """
        _, out, _ = cli("coverage")
        assert (
            "The letter's sources claim 104 signatories; coalition-registry "
            "reconcile sets the records beside each claim, counting a group "
            "as its members." in out.splitlines()
        )
        _, out, _ = cli("coverage", "--by", "role")
        assert "sources claim 104" not in out

    @pytest.mark.parametrize(
        ("qualifier", "said"),
        [("at-least", "at least 104"), ("about", "about 104")],
    )
    def test_the_claimed_total_as_the_source_gives_it(
        self, write: WriteFile, qualifier: str, said: str
    ) -> None:
        """Bug: a round claim ("about 104") was noted as exactly 104."""
        path = SHIPPED / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text("utf-8")
        changed = text.replace(
            "    value: 104\n    qualifier: exact\n",
            f"    value: 104\n    qualifier: {qualifier}\n",
            1,
        )
        assert changed != text
        write("letters/survivors-letter-2023.yaml", changed)
        _, out, _ = cli("coverage")
        assert f"The letter's sources claim {said} signatories; " in out

    def test_a_claim_of_one_signatory_is_one(self, write: WriteFile) -> None:
        path = SHIPPED / "letters" / "survivors-letter-2023.yaml"
        text = path.read_text("utf-8")
        write(
            "letters/survivors-letter-2023.yaml",
            text.replace("    value: 104\n", "    value: 1\n", 1),
        )
        _, out, _ = cli("coverage")
        assert "The letter's sources claim 1 signatory; " in out

    def test_csv_adds_up(self, shipped_copy: Path) -> None:
        code, out, _ = cli("coverage", "registry_data", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 0 == code
        total = rows.pop()
        assert "Total" == total["country"]
        assert ("", "GB") == (total["key"], rows[0]["key"])
        assert int(total["signatories"]) == sum(
            int(r["signatories"]) for r in rows
        )

    def test_json(self, shipped_copy: Path) -> None:
        _, out, _ = cli(
            "coverage", "--format", "json", "--letter", "survivors-letter-2023"
        )
        data = json.loads(out)
        assert 10 == data["rows"][-1]["signatories"]
        assert data["rule"]
        assert any("Suppression" in n for n in data["notes"])

    @pytest.mark.parametrize(
        "by",
        [
            "country",
            "region",
            "sub-region",
            "kind",
            "role",
            "scope",
            "verification",
        ],
    )
    def test_by(self, shipped_copy: Path, by: str) -> None:
        code, out, _ = cli("coverage", "--by", by, "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 0 == code
        assert "10" == rows[-1]["signatories"]

    def test_people_view(self, shipped_copy: Path) -> None:
        code, out, _ = cli("coverage", "--people", "--format", "markdown")
        assert 0 == code
        assert "| **Total** | **8** | **11** | **1** |" in out
        assert "lower bound" in out

    def test_threshold_must_be_positive(self, shipped_copy: Path) -> None:
        code, _, err = cli("coverage", "--suppress-below", "0")
        assert 2 == code
        assert "at least 1" in err

    @pytest.mark.parametrize(
        "command", ["coverage", "reconcile", "export", "report", "map"]
    )
    def test_a_threshold_of_two_is_refused(
        self, shipped_copy: Path, command: str
    ) -> None:
        """Under 2 a hidden count is always 1: one anonymous expert in
        Ireland, the only row hidden by country and by role, would be
        named by the tables set side by side.
        """
        code, out, err = cli(command, "--suppress-below", "2")
        assert (2, "") == (code, out)
        assert "2 protects no one" in err
        assert f"Try 'coalition-registry {command} --help'." in err
        assert 0 == cli(command, "--suppress-below", "3")[0]

    def test_unknown_letter(self, shipped_copy: Path) -> None:
        code, _, err = cli("coverage", "--letter", "nope")
        assert 2 == code
        assert "survivors-letter-2023" in err

    @pytest.mark.parametrize(
        "argv",
        [
            ("coverage",),
            ("reconcile",),
            ("map",),
            ("report", "--out", "-"),
            ("coverage", "--letter", "nope"),
            ("export", "--letter", "nope"),
            ("coalitions", "--letter", "nope"),
        ],
    )
    def test_a_letter_not_chosen_is_said_before_the_registry_is_read(
        self, write: WriteFile, reads: list[str], argv: tuple[str, ...]
    ) -> None:
        """Reading 100,000 signatories took half a minute before "choose
        one with --letter": the letters alone say it."""
        write(
            "letters/example-letter.yaml",
            "id: example-letter\ntitle: An example letter\n"
            "sources:\n  - url: https://example.org/letter\n",
        )
        code, out, err = cli(*argv)
        assert (2, "") == (code, out)
        assert "survivors-letter-2023" in err
        assert "example-letter" in err
        assert all("/letters/" in path for path in reads), reads

    def test_letters_with_errors_are_left_to_the_whole_validation(
        self, write: WriteFile, reads: list[str]
    ) -> None:
        write("letters/example-letter.yaml", "id: example-letter\n")
        code, out, _ = cli("coverage")
        assert 1 == code
        assert "missing-field" in out
        assert any("/signatures/" in path for path in reads)

    def test_invalid_registry_prints_problems(self, write: WriteFile) -> None:
        write("organisations/barnardos.yaml", "id: barnardos\n")
        code, out, _ = cli("coverage")
        assert 1 == code
        assert "missing-field" in out


class TestReconcile:
    def test_text(self, shipped_copy: Path) -> None:
        code, out, _ = cli("reconcile")
        assert 0 == code
        assert "claimed:      104" in out
        assert "records show: 19+" in out
        assert "17 countries not yet covered by a record" in out

    def test_json_difference_is_claim_minus_computed(
        self, shipped_copy: Path
    ) -> None:
        _, out, _ = cli("reconcile", "--format", "json")
        for line in json.loads(out)["lines"]:
            assert line["claimed"] - line["computed"] == line["difference"]

    def test_markdown(self, shipped_copy: Path) -> None:
        code, out, _ = cli("reconcile", "--format", "markdown")
        assert 0 == code
        assert "| countries | 24 | 7+ | at most 17 |" in out

    def test_invalid_registry_exits_1(self, write: WriteFile) -> None:
        write("organisations/barnardos.yaml", "id: barnardos\n")
        assert 1 == cli("reconcile")[0]


class TestExport:
    @pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "markdown"])
    def test_formats(self, shipped_copy: Path, fmt: str) -> None:
        code, out, _ = cli("export", "--format", fmt)
        assert 0 == code
        assert "Barnardo's" in out

    def test_csv_rows(self, shipped_copy: Path) -> None:
        _, out, _ = cli("export")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 10 == len(rows)
        assert {"organisation", "group"} == {r["kind"] for r in rows}

    @pytest.mark.parametrize(
        ("fmt", "noted"),
        [("csv", True), ("jsonl", True), ("json", False), ("markdown", False)],
    )
    def test_rows_alone_say_who_is_not_listed(
        self, write: WriteFile, fmt: str, noted: bool
    ) -> None:
        """CSV and JSON Lines hold rows alone, so their notes go to stderr:
        a list of signatories must not read as everyone who signed.  JSON
        and Markdown carry the notes themselves.
        """
        write(
            "people/person-7k2m9x.yaml",
            "id: person-7k2m9x\ndisclosure: anonymous\ncountry: IE\n"
            'sources:\n  - url: "https://example.org/signatories"\n',
        )
        signature = "survivors-letter-2023--person-7k2m9x"
        write(
            f"signatures/survivors-letter-2023/{signature}.yaml",
            f"id: {signature}\nletter: survivors-letter-2023\n"
            "signatory: person-7k2m9x\nrole: survivor\n"
            'sources:\n  - url: "https://example.org/signatories"\n',
        )
        code, out, err = cli("export", "--format", fmt)
        assert 0 == code
        note = "some signatories who are not public are counted but not listed"
        assert (note in err) is noted
        assert (note in out) is not noted
        assert "person-7k2m9x" not in out + err

    def test_unknown_letter(self, shipped_copy: Path) -> None:
        code, _, err = cli("export", "--letter", "nope")
        assert 2 == code
        assert "letters: survivors-letter-2023" in err
        _, _, err = cli("export", "--letter", "survivors-letter-2024")
        assert "did you mean 'survivors-letter-2023'?" in err


class TestOn:
    """--on counts as of a day: the letter as published, before a
    signature added since.
    """

    def test_a_signature_added_later(self, write: WriteFile) -> None:
        write(LATE_SIGNATURE_PATH, LATE_SIGNATURE)
        assert 0 == cli("validate")[0]
        for command in ("coverage", "export"):
            _, now, _ = cli(command, "--format", "json")
            _, then, _ = cli(command, "--format", "json", "--on", "2023-09-18")
            late = '"signatory": "nspcc"'
            assert late in now or command == "coverage"
            assert late not in then
        now_total = json.loads(cli("coverage", "--format", "json")[1])
        then_total = json.loads(
            cli("coverage", "--format", "json", "--on", "2023-09-18")[1]
        )
        organisations = [
            t["rows"][-1]["organisations"] for t in (now_total, then_total)
        ]
        assert organisations[0] == organisations[1] + 1
        assert "Counted as of 2023-09-18." in then_total["notes"]
        _, text, _ = cli("reconcile")
        assert "signatures added after the letter was published" in text
        _, text, _ = cli("reconcile", "--on", "2023-09-18")
        assert "signatures added after the letter was published" not in text
        assert "as of 2023-09-18" in text

    @pytest.mark.parametrize(
        "day", ["20230918", "2023-W38-1", "2023-9-18", "18/09/2023"]
    )
    def test_on_takes_only_yyyy_mm_dd(self, day: str) -> None:
        """Python reads 20230918 and 2023-W38-1 as days too: a reader of
        the command line might not."""
        code, _, err = cli("coverage", "--on", day)
        assert 2 == code
        assert f"{day!r} is not a day: write it as YYYY-MM-DD" in err
        # The day meant is said, as validate says it of a record's date,
        # where it is sure (a week's day is not read).
        assert ("'2023-09-18'" in err) == ("W" not in day)

    def test_on_says_both_readings_of_an_ambiguous_day(self) -> None:
        err = cli("coverage", "--on", "12/09/2023")[2]
        assert "write '2023-09-12' or '2023-12-09', whichever is meant" in err

    def test_an_export_says_its_day(self, shipped_copy: Path) -> None:
        """A file exported as of another day would read as today's: the
        day is in its notes (stderr for CSV), and only when asked for."""
        code, _, err = cli("export", "--on", "2023-09-18")
        assert 0 == code
        assert "coalition-registry: note: counted as of 2023-09-18" in err
        data = json.loads(
            cli("export", "--format", "json", "--on", "2023-09-18")[1]
        )
        assert "2023-09-18" == data["on"]
        assert "counted as of 2023-09-18" in data["notes"]
        _, text, _ = cli(
            "export", "--format", "markdown", "--on", "2023-09-18"
        )
        assert text.rstrip().endswith("counted as of 2023-09-18")
        data = json.loads(cli("export", "--format", "json")[1])
        assert (None, []) == (data["on"], data["notes"])

    def test_a_csv_table_says_its_notes_on_stderr(
        self, shipped_copy: Path
    ) -> None:
        """The CSV holds the rows alone: the day counted as of and the
        suppression rule go to stderr, as export's notes do."""
        code, out, err = cli(
            "coverage", "--format", "csv", "--on", "2023-09-18"
        )
        assert 0 == code
        assert "Counted as of" not in out
        assert "coalition-registry: note: Counted as of 2023-09-18." in err
        assert "coalition-registry: note: Suppression:" in err

    def test_a_map_says_its_day(self, shipped_copy: Path) -> None:
        """A map of another day than today says which, as coverage does."""
        assert 0 == cli("map", "--out", "m.svg", "--on", "2023-09-18")[0]
        assert "Counted as of 2023-09-18." in Path("m.svg").read_text()
        assert 0 == cli("map", "--out", "today.svg")[0]
        assert "Counted as of" not in Path("today.svg").read_text()

    def test_before_the_letter_nothing_counts_and_it_says_so(
        self, shipped_copy: Path
    ) -> None:
        """Bug: a table or map counted before the letter's date showed
        "Total 0" with nothing to say why, while reconcile and coalitions
        said the letter was not yet published."""
        said = (
            "Counted as of 2023-09-17, before the letter was published: "
            "no signature counts before its date."
        )
        _, out, _ = cli("coverage", "--on", "2023-09-17")
        assert said in out
        assert 0 == cli("map", "--out", "m.svg", "--on", "2023-09-17")[0]
        assert said in Path("m.svg").read_text(encoding="utf-8")
        # On the letter's date, it counts.
        _, out, _ = cli("coverage", "--on", "2023-09-18")
        assert "Counted as of 2023-09-18.\n" in out

    def test_a_day_written_otherwise_is_a_usage_error(self) -> None:
        code, out, err = cli("coverage", "--on", "18/09/2023")
        assert (2, "") == (code, out)
        assert "write it as YYYY-MM-DD" in err


@pytest.mark.parametrize(
    "command", ["coverage", "reconcile", "export", "report", "map"]
)
@pytest.mark.parametrize(
    "part", ["registry_data/signatures", "registry_data/registry.yaml"]
)
def test_part_of_a_registry_is_not_counted_as_all_of_it(
    shipped_copy: Path, command: str, part: str
) -> None:
    """validate checks a sub-folder against the registry around it; the
    commands that count would count its records alone (an empty export,
    "0 letters"), so they say which folder to give instead.
    """
    code, out, err = cli(command, part)
    assert (2, "") == (code, out)
    assert (
        f"{part} is inside the registry registry_data: this command reads a "
        "whole registry; give its folder, registry_data"
    ) in err


@pytest.mark.parametrize(
    "command", ["coverage", "reconcile", "export", "report", "map"]
)
def test_a_file_outside_any_registry_is_a_usage_error(
    shipped_copy: Path, command: str
) -> None:
    """``export signatories.csv``, naming a file where the registry goes:
    it held no records, so export printed an empty list and exited 0, and
    the others said the registry had "0 letters".
    """
    table = shipped_copy.parent / "signatories.csv"
    table.write_text("kind,name\norganisation,Example Org\n", "utf-8")
    code, out, err = cli(command, "signatories.csv")
    assert (2, "") == (code, out)
    assert (
        "coalition-registry: error: signatories.csv is a file, not a "
        "registry: this command reads a whole registry; give its folder\n"
    ) == err


class TestHelp:
    def test_export_letter_defaults_to_every_letter(self) -> None:
        """export without --letter writes every letter's signatories."""
        _, out, _ = cli("export", "--help")
        assert "the letter's id (default: every letter)" in " ".join(
            out.split()
        )
        assert "optional when" not in out

    def test_the_other_commands_need_a_letter_when_there_are_two(
        self,
    ) -> None:
        for command in ("coverage", "reconcile", "report", "map"):
            _, out, _ = cli(command, "--help")
            assert "optional when the registry has one letter" in " ".join(
                out.split()
            )


class TestUsage:
    def test_version(self) -> None:
        code, out, _ = cli("--version")
        assert 0 == code
        assert f"coalition-registry {__version__}\n" == out

    def test_help_goes_to_the_given_stream(self) -> None:
        code, out, _ = cli("validate", "--help")
        assert 0 == code
        assert "--format" in out

    def test_unknown_option(self) -> None:
        code, _, err = cli("validate", "--format", "xml")
        assert 2 == code
        assert "invalid choice" in err

    def test_no_command(self) -> None:
        code, out, _ = cli()
        assert 2 == code
        assert "validate" in out

    def test_help_lists_every_command(self) -> None:
        code, out, _ = cli("--help")
        assert 0 == code
        for name in COMMANDS:
            assert f"\n    {name}" in out

    def test_an_unknown_command(self) -> None:
        code, _, err = cli("valdiate")
        assert 2 == code
        assert "invalid choice: 'valdiate'" in err

    def test_a_parser_for_no_such_command(self) -> None:
        with pytest.raises(ValueError, match="no command '_common'"):
            parser("_common")

    def test_a_command_imports_only_its_own_module(self) -> None:
        script = (
            "import sys\n"
            "from coalition_registry.cli import COMMANDS, main\n"
            "main(['validate', 'registry_data'])\n"
            "print(sorted(c for c in COMMANDS"
            " if 'coalition_registry.cli.' + c in sys.modules))\n"
        )
        done = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.endswith("['validate']\n")

    def test_a_closed_pipe_is_not_a_traceback(self) -> None:
        """``coalition-registry export | head -1`` stops quietly."""
        command = (
            f"{sys.executable} -m coalition_registry export --format jsonl"
            " | head -c 10"
        )
        done = subprocess.run(  # noqa: S602 - a fixed command line
            command,
            shell=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert "Traceback" not in done.stderr
        assert 10 == len(done.stdout)

    def test_a_closed_pipe_exits_as_sigpipe_would(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """141, as ``yes | head`` gives under ``set -o pipefail``: not 1,
        which says the registry has errors.
        """

        class Closed(io.StringIO):
            def write(self, _text: str) -> int:
                raise BrokenPipeError(32, "Broken pipe")

        err = io.StringIO()
        monkeypatch.setattr(sys, "stdout", Closed())
        monkeypatch.setattr(sys, "stderr", err)
        assert 141 == main(["export", "registry_data"])
        assert "" == err.getvalue()

    def test_an_output_that_cannot_encode_a_name_is_not_a_traceback(
        self,
    ) -> None:
        """A Windows code page, or ``PYTHONIOENCODING=ascii``: a character
        the output cannot encode is written as an escape."""
        done = subprocess.run(
            [sys.executable, "-m", "coalition_registry", "export"],
            cwd=ROOT,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "ascii"},
            check=False,
        )
        assert (0, b"") == (done.returncode, done.stderr)
        assert b"Barnardo\\u2019s" in done.stdout

    def test_python_m(self) -> None:
        """``python -m coalition_registry`` runs the same command line."""
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "coalition_registry",
                "validate",
                "registry_data",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode, done.stderr
        assert done.stdout.startswith("valid:")

    @pytest.mark.parametrize(
        ("argv", "code", "where"),
        [
            (["validate", "registry_data"], 0, "stdout"),
            (["validate", "BROKEN"], 1, "stdout"),
            (["validate", "--no-such-option"], 2, "stderr"),
        ],
    )
    def test_the_process_exits_with_the_code_and_all_its_output(
        self, shipped_copy: Path, argv: list[str], code: int, where: str
    ) -> None:
        """The command ends its process at once (os._exit): its output must
        still be flushed, and its exit code kept."""
        (shipped_copy / "organisations" / "nspcc.yaml").write_text(
            "id: nspcc\nname: [\n", "utf-8"
        )
        argv = [str(shipped_copy) if a == "BROKEN" else a for a in argv]
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "coalition_registry", *argv],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert code == done.returncode
        output = getattr(done, where)
        assert output.endswith("\n"), output
        if code == 1:
            assert "nspcc.yaml:2:7: error yaml-syntax" in done.stdout
            assert done.stdout.rstrip().splitlines()[-1].startswith("invalid:")


#: Runs the command line, as the installed command does, in a process that
#: sends itself SIGTERM when its command runs (as a CI runner cancelling a
#: job, or ``timeout``, would).
TERMINATED = """
import os, signal, sys, time
from coalition_registry import cli
from coalition_registry.cli import validate

def run(args, io):
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(60)

validate.run = run
cli.console()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM to handle")
def test_sigterm_stops_as_ctrl_c_does() -> None:
    """SIGTERM ended the process at once: fmt left its temporary files in
    the registry, an import half its files, a cache its temporary file.
    It is now handled as Ctrl+C is (each of those cleans up), with the
    shell's code for SIGTERM.
    """
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", TERMINATED, "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (143, "", "\ncoalition-registry: terminated\n") == (
        done.returncode,
        done.stdout,
        done.stderr,
    )


BAD_DESCRIPTOR = (
    "coalition-registry: error: cannot write standard output: Bad file "
    "descriptor\n"
)


@pytest.mark.skipif(sys.platform == "win32", reason="no >&- to test")
@pytest.mark.parametrize(
    ("closed", "argv", "code", "err"),
    [
        (1, ["validate"], 1, BAD_DESCRIPTOR),
        (1, ["export"], 1, BAD_DESCRIPTOR),
        (2, ["validate"], 0, ""),
        (2, ["validate", "nowhere"], 2, ""),
    ],
)
def test_a_closed_standard_stream(
    closed: int, argv: list[str], code: int, err: str
) -> None:
    """``coalition-registry validate >&-`` and ``2>&-``: Python starts with
    no stream there; writing to it was a traceback, and a valid registry
    exited 1 with standard error closed.
    """
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "coalition_registry", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE if closed == 2 else None,
        stderr=subprocess.PIPE if closed == 1 else None,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(closed),
    )
    assert code == done.returncode
    if closed == 1:
        assert err == done.stderr
    else:
        # A usage error's message went to standard output instead.
        assert (
            done.stdout.startswith("valid:") if code == 0 else not done.stdout
        )


def test_create_file_takes_back_a_file_made_as_it_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C during os.open is raised as the call returns, once the file
    is made: it was left behind, empty (``new`` then found it there)."""
    from coalition_registry.cli._common import create_file

    interrupt_open(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        create_file(tmp_path / "a.yaml", b"id: a\n")
    monkeypatch.undo()
    assert [] == list(tmp_path.iterdir())


def limited(
    argv: list[str], cwd: Path, max_bytes: int
) -> subprocess.CompletedProcess[str]:
    """The command line in a process that may write files of at most
    *max_bytes* (as under ``ulimit -f``): writing more fails with EFBIG.
    """
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "coalition_registry", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=limit,
    )


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in *folder* (write_atomic's are hidden)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.skipif(sys.platform == "win32", reason="no RLIMIT_FSIZE")
class TestWritingFails:
    """A full disk or a size limit: a one-line error, exit non-zero, and
    every file whole, as it was or as written."""

    def test_new_leaves_nothing(self, shipped_copy: Path) -> None:
        done = limited(
            [
                "new",
                "organisation",
                "--name",
                "Example Charity With Long Name",
            ],
            shipped_copy.parent,
            max_bytes=1024,
        )
        path = (
            "registry_data/organisations/example-charity-with-long-name.yaml"
        )
        assert 1 == done.returncode
        assert "Traceback" not in done.stderr
        assert (
            f"coalition-registry: error: cannot write {path}: File too large "
            "(nothing was written)\n"
        ) == done.stderr
        assert not (shipped_copy.parent / path).exists()
        assert [] == leftovers(shipped_copy / "organisations")

    @pytest.mark.parametrize(
        ("argv", "written"),
        [
            (["report", "--out", "out/r.html"], "out/r.html"),
            (["map", "--out", "out/m.svg"], "out/m.svg"),
            (["schema", "--out", "out"], "out/letter.schema.json"),
        ],
    )
    def test_out_keeps_the_last_good_copy(
        self, shipped_copy: Path, argv: list[str], written: str
    ) -> None:
        out = shipped_copy.parent / "out"
        out.mkdir()
        target = shipped_copy.parent / written
        target.write_text("the last good copy\n", encoding="utf-8")
        done = limited(argv, shipped_copy.parent, max_bytes=10)
        # No room is no usage error: 1, as for any file a command writes.
        assert 1 == done.returncode
        assert (
            f"coalition-registry: error: cannot write {written}: File too "
            "large\n"
        ) == done.stderr
        assert "the last good copy\n" == target.read_text("utf-8")
        assert [] == leftovers(out)

    @pytest.mark.parametrize("command", ["report", "map"])
    def test_an_empty_out_names_no_file(
        self, command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.chdir(tmp_path)
        code, _, err = cli(command, str(SHIPPED), "--out", "")
        assert (2, []) == (code, list(tmp_path.iterdir()))
        assert (
            "coalition-registry: error: --out needs the name of a file\n"
            == err
        )

    def test_fmt_leaves_every_file_whole(self, write: WriteFile) -> None:
        path = write(
            "organisations/apple.yaml",
            "name: Apple\nid: apple\nsources:\n  - url: 'https://a.org'\n",
        )
        before = path.read_bytes()
        done = limited(["fmt"], path.parents[2], max_bytes=0)
        assert 1 == done.returncode
        assert "" == done.stderr
        assert done.stdout.startswith(
            "registry_data/organisations/apple.yaml: left unchanged: cannot "
            "write it: File too large; it is as it was"
        )
        assert before == path.read_bytes()
        assert [] == leftovers(path.parent)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["coverage"],
        ["reconcile"],
        ["export"],
        ["schema"],
        ["fmt", "--check"],
        ["diff", "registry_data", "registry_data"],
        ["report", "--out", "-"],
        ["map", "--out", "-"],
    ],
    ids=" ".join,
)
def test_a_full_standard_output_is_one_line(
    shipped_copy: Path, argv: list[str]
) -> None:
    """``coalition-registry export > /dev/full``: an error, no traceback."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(  # noqa: S603 - our own command
            [sys.executable, "-m", "coalition_registry", *argv],
            cwd=shipped_copy.parent,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert 1 == done.returncode
    assert (
        "coalition-registry: error: cannot write standard output: No space "
        "left on device\n"
    ) == done.stderr


class TestMainReportsOutputErrors:
    """main() turns an OSError into one line, and nothing else."""

    @pytest.fixture(name="raising")
    def _raising(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> Callable[[BaseException], tuple[int, str]]:
        def call(error: BaseException) -> tuple[int, str]:
            def fail(*_: Any) -> int:
                raise error

            # The command, as the parser finds it: run() lets it through.
            monkeypatch.setattr(validate_command, "run", fail)
            err = io.StringIO()
            monkeypatch.setattr(sys, "stdout", io.StringIO())
            monkeypatch.setattr(sys, "stderr", err)
            return main(["validate"]), err.getvalue()

        return call

    def test_standard_output(
        self, raising: Callable[[BaseException], tuple[int, str]]
    ) -> None:
        error = OSError(errno.EFBIG, "File too large")
        message = (
            "coalition-registry: error: cannot write standard output: File "
            "too large\n"
        )
        assert (1, message) == raising(error)

    def test_a_file_named_by_the_error(
        self, raising: Callable[[BaseException], tuple[int, str]]
    ) -> None:
        error = OSError(errno.ENOSPC, "No space left on device", "x.yaml")
        message = (
            "coalition-registry: error: cannot read or write x.yaml: No "
            "space left on device\n"
        )
        assert (1, message) == raising(error)

    def test_a_bug_is_not_hidden(
        self, raising: Callable[[BaseException], tuple[int, str]]
    ) -> None:
        with pytest.raises(ValueError, match="a bug"):
            raising(ValueError("a bug"))

    def test_ctrl_c_is_one_line(
        self, raising: Callable[[BaseException], tuple[int, str]]
    ) -> None:
        """Ctrl+C: no traceback, and the shell's code for SIGINT."""
        message = "\ncoalition-registry: interrupted\n"
        try:
            got = raising(KeyboardInterrupt())
        except KeyboardInterrupt:
            pytest.fail("Ctrl+C left main() as a traceback")
        assert (130, message) == got


@pytest.mark.parametrize(
    ("stop", "code", "said"),
    [
        (KeyboardInterrupt, 130, "interrupted"),
        (lambda: cli_package.Terminated(15), 143, "terminated"),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_stopped_while_the_commands_are_imported(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stop: Callable[[], BaseException],
    code: int,
    said: str,
) -> None:
    """Importing them takes a fifth of a second: Ctrl+C then printed a
    traceback."""

    class Stopping:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "coalition_registry.cli._common":
                raise stop()

    monkeypatch.delitem(sys.modules, "coalition_registry.cli._common")
    monkeypatch.delattr(cli_package, "_common")
    monkeypatch.setattr(sys, "meta_path", [Stopping(), *sys.meta_path])
    assert code == main(["validate", "registry_data"])
    assert f"\ncoalition-registry: {said}\n" == capsys.readouterr().err


def test_a_direction_override_is_shown_in_every_output(
    write: WriteFile,
) -> None:
    """A right-to-left override in a name ('Trojan Source') would show it
    as another, and turn round the rest of its line: validate warns, and
    every published output shows it as its code point, never the
    character itself."""
    write(
        "organisations/example-org.yaml",
        'id: example-org\nname: "Example \\u202eytirahC"\nhq_country: "IE"\n'
        'scope: international\nsources:\n  - url: "https://example.org/"\n',
    )
    write(
        "signatures/survivors-letter-2023/"
        "survivors-letter-2023--example-org.yaml",
        "id: survivors-letter-2023--example-org\n"
        "letter: survivors-letter-2023\nsignatory: example-org\n"
        'role: organisation\nsources:\n  - url: "https://example.org/"\n',
    )
    code, out, _ = cli("validate")
    assert 0 == code
    assert "warning suspicious-character" in out
    outputs = {
        "csv": cli("export")[1],
        "markdown": cli("export", "--format", "markdown")[1],
        "coverage": cli("coverage")[1],
    }
    assert 0 == cli("report", "--out", "r.html")[0]
    outputs["report"] = Path("r.html").read_text(encoding="utf-8")
    for name, text in outputs.items():
        assert "\u202e" not in text, name
        assert "U+202E>ytirahC" in html.unescape(text), name


@pytest.mark.parametrize(
    "command",
    [
        ("coverage",),
        ("coverage", "--format", "markdown"),
        ("reconcile",),
        ("reconcile", "--format", "markdown"),
    ],
)
def test_a_direction_override_in_a_title_is_shown_as_its_code(
    shipped_copy: Path, command: tuple[str, ...]
) -> None:
    """A letter's title heads the coverage and reconciliation tables."""
    path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: \"Survivors'"
    assert old in text
    path.write_text(
        text.replace(old, "title: \"Survi\\u202evors'"), encoding="utf-8"
    )
    code, out, _ = cli(*command)
    assert 0 == code
    assert "\u202e" not in out
    assert "<U+202E>vors'" in out  # after a backslash in Markdown


@pytest.mark.parametrize(
    ("command", "letter"),
    [
        (("coverage",), "survivors-letter-2023"),
        (("reconcile",), "survivors-letter-2023"),
        (("export",), None),
        (("coverage", "--suppress-below", "5"), "survivors-letter-2023"),
    ],
)
def test_json_outputs_say_how_they_were_made(
    shipped_copy: Path, command: tuple[str, ...], letter: str | None
) -> None:
    """A JSON file kept apart says which letter, as of which day (today,
    when --on gives none), under which threshold and by which version."""
    import datetime as dt

    from coalition_registry import __version__

    before = dt.datetime.now(tz=dt.UTC).date().isoformat()
    data = json.loads(cli(*command, "--format", "json")[1])
    after = dt.datetime.now(tz=dt.UTC).date().isoformat()  # past midnight?
    threshold = 5 if "5" in command else 3
    assert data["counted_on"] in {before, after}
    assert {
        "letter": letter,
        "threshold": threshold,
        "made_by": f"coalition-registry {__version__}",
    }.items() <= data.items()
    data = json.loads(
        cli(*command, "--format", "json", "--on", "2023-09-18")[1]
    )
    assert "2023-09-18" == data["counted_on"]


def test_a_long_report_counts_its_problems_by_code(write: WriteFile) -> None:
    """Hundreds of problem lines: one more line says how many of each
    code, most first, so a reader knows where to start."""
    letter = "survivors-letter-2023"
    for i in range(21):
        write(
            f"signatures/{letter}/{letter}--gone-{i}.yaml",
            f"id: {letter}--gone-{i}\nletter: {letter}\nsignatory: gone-{i}\n"
            "role: organisation\nsources:\n  - url: https://example.org/\n",
        )
    write("organisations/loose.yaml", "id: loose\nname: Loose\n")
    code, out, _ = cli("validate")
    assert 1 == code
    lines = out.splitlines()
    assert lines[-2] == (
        "by code: unknown-reference 21 (error), no-source 1 (warning)"
    )
    _, out, _ = cli("validate", "registry_data/organisations/loose.yaml")
    assert "by code" not in out  # one problem: nothing to count


class TestCoalitions:
    """Coalitions' members, and which of them signed a letter."""

    @pytest.fixture(autouse=True)
    def _coalitions(self, write: WriteFile) -> None:
        write(
            "coalitions/example-coalition.yaml",
            "id: example-coalition\nname: Example Coalition\nmembers:\n"
            "  - organisation: barnardos\n    joined: 2022-01-10\n"
            "  - organisation: eurochild\n    joined: 2022-01-10\n"
            "    left: 2023-06-30\n"
            "  - organisation: example-trust\n"
            "  - organisation: meta\n",
        )
        write(
            "coalitions/example-network.yaml",
            "id: example-network\nname: Example Network\nmembers:\n"
            "  - organisation: barnardos\nprivate:\n  - members\n",
        )
        write(
            "organisations/example-trust.yaml",
            "id: example-trust\nname: Example Child Safety Trust\n"
            "hq_country: GB\n",
        )
        write(
            "people/jane-example.yaml",
            "id: jane-example\nname: Jane Example\ndisclosure: public\n",
        )
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--jane-example.yaml",
            "id: survivors-letter-2023--jane-example\n"
            "letter: survivors-letter-2023\nsignatory: jane-example\n"
            "role: academic\ncapacity: on-behalf-of\n"
            "on_behalf_of: example-trust\n",
        )

    def test_members_on_a_day(self) -> None:
        code, out, err = cli("coalitions", "--on", "2023-01-01")
        assert (0, "") == (code, err)
        assert [
            "Example Coalition (example-coalition): 4 members",
            "  barnardos      Barnardo's",
            "  eurochild      Eurochild",
            "  example-trust  Example Child Safety Trust",
            "  meta           Meta",
            "",
            "Example Network (example-network): its members are private",
            "",
            "Members as of 2023-01-01.",
        ] == out.splitlines()

    def test_which_members_signed(self) -> None:
        code, out, _ = cli(
            "coalitions", "--coalition", "example-coalition", "--letter",
            "survivors-letter-2023",
        )  # fmt: skip
        assert 0 == code
        # Eurochild left before the letter; Meta did not sign; the trust
        # signed through someone who signed on its behalf.
        assert [
            (
                "Example Coalition (example-coalition): 2 of 3 members "
                "signed survivors-letter-2023"
            ),
            "  signed         barnardos      Barnardo's",
            (
                "  signed for it  example-trust  Example Child Safety Trust  "
                "(by jane-example)"
            ),
            "  not signed     meta           Meta",
        ] == out.splitlines()

    def test_signed_itself_and_for_it(self, write: WriteFile) -> None:
        """The text dropped who also signed on behalf of a member that
        signed itself; the CSV showed it."""
        write(
            "signatures/survivors-letter-2023/"
            "survivors-letter-2023--example-trust.yaml",
            "id: survivors-letter-2023--example-trust\n"
            "letter: survivors-letter-2023\nsignatory: example-trust\n"
            "role: organisation\n",
        )
        code, out, _ = cli(
            "coalitions", "--coalition", "example-coalition", "--letter",
            "survivors-letter-2023",
        )  # fmt: skip
        assert 0 == code
        assert (
            "  signed      example-trust  Example Child Safety Trust  "
            "(also by jane-example, on its behalf)"
        ) in out.splitlines()

    def test_csv_and_json(self) -> None:
        code, out, err = cli(
            "coalitions", "--letter", "survivors-letter-2023", "--format",
            "csv",
        )  # fmt: skip
        assert 0 == code
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [
            ("barnardos", "signed", ""),
            ("example-trust", "signed for it", "jane-example"),
            ("meta", "not signed", ""),
        ] == [(r["organisation"], r["signed"], r["signed_for"]) for r in rows]
        assert "example-network keeps its members private" in err
        code, out, _ = cli(
            "coalitions", "--letter", "survivors-letter-2023", "--format",
            "json", "--on", "2023-09-18",
        )  # fmt: skip
        data = json.loads(out)
        assert ("survivors-letter-2023", "2023-09-18") == (
            data["letter"],
            data["counted_on"],
        )
        assert "threshold" not in data  # nothing is counted under one
        network, coalition = sorted(
            data["coalitions"], key=lambda c: c["id"], reverse=True
        )
        assert None is network["members"]
        assert 2 == coalition["signing"]
        assert {"id": "meta", "name": "Meta", "signed": False,
                "signed_for": []} in coalition["members"]  # fmt: skip

    def test_an_unknown_coalition_is_a_usage_error(self) -> None:
        code, _, err = cli("coalitions", "--coalition", "example-coalitoin")
        assert 2 == code
        assert "did you mean 'example-coalition'?" in err
        # Nothing close: the ids to choose from, as for a letter.
        code, _, err = cli("coalitions", "--coalition", "zzz")
        assert 2 == code
        assert "coalitions: example-coalition, example-network" in err

    def test_a_private_name_is_no_name_in_data(self, write: WriteFile) -> None:
        """Text shows a placeholder for a private name; CSV and JSON leave
        the name out, as the export does: there the placeholder would read
        as the name itself.
        """
        write(
            "coalitions/coalition-4h5j6k.yaml",
            "id: coalition-4h5j6k\nname: Example Secret Coalition\n"
            "members:\n  - organisation: org-7k2m9x\nprivate:\n  - name\n",
        )
        write(
            "organisations/org-7k2m9x.yaml",
            "id: org-7k2m9x\nname: Example Secret Shelter\n"
            "private:\n  - name\n",
        )
        one = ("coalitions", "--coalition", "coalition-4h5j6k")
        _, out, _ = cli(*one)
        assert [
            "A coalition whose name is private (coalition-4h5j6k): 1 member",
            "  org-7k2m9x  an organisation whose name is private",
        ] == out.splitlines()
        _, out, _ = cli(*one, "--format", "csv")
        assert [
            "coalition,coalition_name,organisation,name",
            "coalition-4h5j6k,,org-7k2m9x,",
        ] == out.splitlines()
        _, out, _ = cli(*one, "--format", "json")
        (coalition,) = json.loads(out)["coalitions"]
        assert (None, [None]) == (
            coalition["name"],
            [m["name"] for m in coalition["members"]],
        )
        assert "Secret" not in out

    def test_before_the_letter_was_published(self) -> None:
        """A day before the letter's date says why no member signed."""
        one = (
            "coalitions", "--coalition", "example-coalition", "--letter",
            "survivors-letter-2023", "--on", "2023-01-01",
        )  # fmt: skip
        code, out, _ = cli(*one)
        assert 0 == code
        assert out.splitlines()[0].endswith(
            "0 of 4 members signed survivors-letter-2023"
        )
        assert out.endswith(
            "Members as of 2023-01-01.\n"
            "The letter survivors-letter-2023 was not yet published on "
            "2023-01-01: no signature counts before its date.\n"
        )
        _, out, err = cli(*one, "--format", "csv")
        assert [
            (
                "coalition-registry: note: the letter survivors-letter-2023 "
                "was not yet published on 2023-01-01: no signature counts "
                "before its date"
            ),
            "coalition-registry: note: members as of 2023-01-01",
        ] == err.splitlines()
        _, out, _ = cli(*one, "--format", "json")
        assert 1 == len(json.loads(out)["notes"])
        _, out, _ = cli(*one[:-2], "--on", "2023-09-18", "--format", "json")
        assert [] == json.loads(out)["notes"]

    def test_a_coalition_without_members_on_the_day(
        self, write: WriteFile
    ) -> None:
        write(
            "coalitions/example-new-coalition.yaml",
            "id: example-new-coalition\nname: Example New Coalition\n"
            "members:\n  - organisation: barnardos\n    joined: 2024-01-01\n",
        )
        code, out, _ = cli(
            "coalitions", "--coalition", "example-new-coalition", "--letter",
            "survivors-letter-2023", "--on", "2023-12-31",
        )  # fmt: skip
        assert 0 == code
        # Not "0 of 0 members signed".
        assert [
            "Example New Coalition (example-new-coalition): no members",
            "",
            "Members as of 2023-12-31.",
        ] == out.splitlines()

    def test_help(self) -> None:
        code, out, _ = cli("coalitions", "--help")
        assert 0 == code
        assert "``" not in out  # reStructuredText, not help
        assert "not public" in out
        assert "list the members on this day" in " ".join(out.split())


def test_coalitions_of_a_registry_with_none(shipped_copy: Path) -> None:
    assert (0, "The registry records no coalition.\n", "") == cli("coalitions")


def test_text_columns_align_by_what_a_terminal_shows() -> None:
    """A Chinese name takes two columns a character: padded by its length,
    the column after it stood out of line.
    """
    import coalition_registry as cr

    from coalition_registry import render
    from coalition_registry.query import MemberSigning

    coalition = cr.Coalition(id="example-coalition", name="Example Coalition")
    members = tuple(
        MemberSigning(
            cr.Organisation(id=i, name=name), False, ("jane-example",)
        )
        for i, name in (
            ("example-cjk", "例子基金会"),
            ("example-org", "Example Org"),
        )
    )
    out = io.StringIO()
    render.coalitions_text(
        [(coalition, members)], out, letter="example-letter"
    )
    rows = out.getvalue().splitlines()[1:]
    # "(by ...)" starts in one column of the terminal on both rows.
    starts = {render._width(r.partition("(by")[0]) for r in rows}
    assert 1 == len(starts), rows


def test_members_signing_counted_as_members_are() -> None:
    """Both numbers of "8,276 of 10,004 members signed" are written alike:
    it read "8276 of 10,004".
    """
    import coalition_registry as cr

    from coalition_registry import render
    from coalition_registry.query import MemberSigning

    coalition = cr.Coalition(id="example-coalition", name="Example Coalition")
    members = tuple(
        MemberSigning(cr.Organisation(id=f"example-{i}", name="E"), i > 2, ())
        for i in range(1002)
    )
    out = io.StringIO()
    render.coalitions_text(
        [(coalition, members)], out, letter="example-letter"
    )
    assert out.getvalue().startswith(
        "Example Coalition (example-coalition): 999 of 1,002 members signed"
    )


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        # Thai, with vowels above and below its letters
        ("\u0e21\u0e39\u0e25\u0e19\u0e34\u0e18\u0e34", 4),
        ("\u092c\u0902\u0917", 2),  # Hindi: the anusvara stands on a letter
        ("Example \u2764\ufe0f", 10),  # an emoji of a symbol: two columns
        ("\u1100\u1161\u11ab", 2),  # a Korean syllable written as jamo
        ("\u200f\u05d0\u05d1\u200f", 2),  # right-to-left marks: unseen
        ("Socie\u0301te\u0301", 7),  # accents written apart (NFD)
    ],
)
def test_text_columns_count_marks_on_letters_as_none(
    name: str, columns: int
) -> None:
    """Vowel signs above or below a letter, variation selectors and
    invisible marks take no column; counted as one each, the names of
    Thai or Hindi organisations pushed the next column out of line.
    """
    from coalition_registry import render

    assert columns == render._width(name)


class TestPreCommitHooks:
    """The hooks this repository offers pre-commit (.pre-commit-hooks.yaml)."""

    @staticmethod
    def hooks() -> list[dict[str, Any]]:
        from ruamel.yaml import YAML

        text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
        hooks: list[dict[str, Any]] = YAML(typ="safe").load(text)
        return hooks

    def test_they_match_the_registry_files_only(self) -> None:
        """Matching every YAML file, a hook failed on a workflow file
        unless the user narrowed it."""
        for hook in self.hooks():
            # pre-commit matches with re.search on paths with slashes.
            files = re.compile(hook["files"])
            assert files.search("registry_data/people/person-7k2m9x.yaml")
            assert files.search("registry_data/registry.yaml")
            assert not files.search(".github/workflows/ci.yml")
            assert not files.search("docs/example.yaml")

    def test_their_commands_pass_on_the_shipped_files(
        self, shipped_copy: Path
    ) -> None:
        """Each entry, run as pre-commit runs it (the changed files after
        its arguments), passes on files in the layout."""
        names = [
            "registry_data/organisations/nspcc.yaml",
            "registry_data/letters/survivors-letter-2023.yaml",
        ]
        for hook in self.hooks():
            program, *args = hook["entry"].split()
            assert "coalition-registry" == program
            assert 0 == cli(*args, *names)[0], hook["id"]


@pytest.mark.parametrize("letter", ["survivors-letter-2025", "example-letter"])
def test_an_unknown_letter_says_how_to_record_one(
    shipped_copy: Path, letter: str
) -> None:
    """Next year's letter is no typo of this year's (found by a review)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(
        ["coverage", "registry_data", "--letter", letter],
        stdout=out,
        stderr=err,
    )
    assert 2 == code
    assert (
        'coalition-registry new letter --name "<its title>"' in err.getvalue()
    )
