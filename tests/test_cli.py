"""The command line, run in-process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from pathlib import Path

import pytest

from coalition_registry import __version__
from coalition_registry.cli import run
from conftest import ROOT, WriteFile


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
                "'UK' is not an ISO 3166-1 alpha-2 code; did you mean 'GB'?"
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
            "id: new-org\nname: New\nkind: shop\n",
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

    def test_no_traceback_for_garbage(self, write: WriteFile) -> None:
        write("organisations/barnardos.yaml", b"\x00\xff{[: - &*!")
        code, out, err = cli("validate")
        assert 1 == code
        assert "Traceback" not in out + err


class TestCoverage:
    def test_table(self, shipped_copy: Path) -> None:
        code, out, _ = cli("coverage")
        assert 0 == code
        assert "United Kingdom" in out
        assert "Unknown" in out
        assert (
            "Distinct countries in the records: 7 (the letter's sources claim 24)"
            in out
        )

    def test_csv_adds_up(self, shipped_copy: Path) -> None:
        code, out, _ = cli("coverage", "registry_data", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert 0 == code
        total = rows.pop()
        assert "Total" == total["name"]
        assert int(total["signatories"]) == sum(
            int(r["signatories"]) for r in rows
        )

    def test_json(self, shipped_copy: Path) -> None:
        _, out, _ = cli(
            "coverage", "--format", "json", "--letter", "survivors-letter-2023"
        )
        assert 10 == json.loads(out)["total"]

    def test_unknown_letter(self, shipped_copy: Path) -> None:
        code, _, err = cli("coverage", "--letter", "nope")
        assert 2 == code
        assert "survivors-letter-2023" in err

    def test_invalid_registry_prints_problems(self, write: WriteFile) -> None:
        write("organisations/barnardos.yaml", "id: barnardos\n")
        code, out, _ = cli("coverage")
        assert 1 == code
        assert "missing-field" in out


class TestUsage:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, _ = cli("--version")
        assert 0 == code
        assert __version__ in capsys.readouterr().out

    def test_unknown_option(self) -> None:
        code, _, err = cli("validate", "--format", "xml")
        assert 2 == code
        assert "invalid choice" in err

    def test_no_command(self) -> None:
        code, out, _ = cli()
        assert 2 == code
        assert "validate" in out

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
