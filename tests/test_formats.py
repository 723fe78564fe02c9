"""The report formats of ``validate``: GitHub Actions annotations, SARIF
2.1.0 and coloured text.
"""

from __future__ import annotations

import importlib
import io
import json
import re

from pathlib import Path
from typing import Any

import pytest

from coalition_registry import __version__, formats
from coalition_registry.cli import run
from coalition_registry.problems import CODES, Location, Problem
from coalition_registry.validation import Report
from conftest import DATA, WriteFile


# jsonschema ships no type information, and its stubs are not a test
# dependency: use it untyped.
jsonschema: Any = importlib.import_module("jsonschema")
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"

#: An organisation with an error on line 3.
BAD_ORGANISATION = (
    "id: new-org\nname: New\nkind: shop\n"
    'sources:\n  - url: "https://example.org/about"\n'
)
#: An organisation with a warning (it cites no source).
UNSOURCED = "id: another-org\nname: Another\n"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        super().isatty()  # raises ValueError once closed, as files do
        return True


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No variable of the developer's shell or of CI changes the format."""
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def cli(*argv: str, stdout: io.StringIO | None = None) -> tuple[int, str]:
    out = io.StringIO() if stdout is None else stdout
    code = run(list(argv), stdout=out, stderr=io.StringIO())
    return code, out.getvalue()


def problem(
    code: str, message: str, path: str, line: int = 0, column: int = 0
) -> Problem:
    return Problem(code, message, Location(path, line, column))


def _warning_and_error(write: WriteFile) -> None:
    write("organisations/another-org.yaml", UNSOURCED)
    write("organisations/new-org.yaml", BAD_ORGANISATION)


def report(*problems: Problem) -> Report:
    return Report(problems, files=1, records=1)


class TestChoosingTheFormat:
    def test_github_inside_github_actions(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With GITHUB_ACTIONS=true and no --format, annotations are made."""
        write("organisations/new-org.yaml", BAD_ORGANISATION)
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        code, out = cli("validate")
        assert 1 == code
        assert out.startswith("::error file=registry_data/organisations/")

    def test_explicit_format_wins(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """--format text inside GitHub Actions prints text."""
        write("organisations/new-org.yaml", BAD_ORGANISATION)
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        _, out = cli("validate", "--format", "text")
        assert out.startswith("registry_data/organisations/new-org.yaml:3:7:")

    @pytest.mark.parametrize("value", ["false", "1", ""])
    def test_text_elsewhere(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch, value: str
    ) -> None:
        """Only GITHUB_ACTIONS=true itself turns annotations on."""
        write("organisations/new-org.yaml", BAD_ORGANISATION)
        monkeypatch.setenv("GITHUB_ACTIONS", value)
        _, out = cli("validate")
        assert out.startswith("registry_data/organisations/new-org.yaml:3:7:")

    def test_every_format_is_offered(self, shipped_copy: Path) -> None:
        """--help lists the four formats."""
        _, out = cli("validate", "--help")
        for name in ("text", "json", "github", "sarif"):
            assert name in out

    def test_unknown_format_is_a_usage_error(self, shipped_copy: Path) -> None:
        """An unknown format exits 2."""
        assert 2 == cli("validate", "--format", "xml")[0]


class TestGitHubEscaping:
    def test_data(self) -> None:
        """A message escapes %, CR and LF, and keeps : and , as they are."""
        assert "100%25 a%0D%0Ab: c, d" == formats.github_escape_data(
            "100% a\r\nb: c, d"
        )

    def test_property(self) -> None:
        """A property also escapes : and , (which would end it)."""
        assert "a%3Ab%2Cc%25%0A" == formats.github_escape_property("a:b,c%\n")

    def test_percent_first(self) -> None:
        """An escape is never escaped twice."""
        assert "%250A" == formats.github_escape_data("%0A")


class TestGitHub:
    def test_errors_and_warnings(self, write: WriteFile) -> None:
        """Each problem is one ::error or ::warning line, then the summary."""
        _warning_and_error(write)
        code, out = cli("validate", "--format", "github")
        path = "registry_data/organisations/new-org.yaml"
        other = "registry_data/organisations/another-org.yaml"
        assert 1 == code
        assert [
            (
                f"::warning file={other},line=1,col=1,title=no-source::this "
                "organisation cites no source; add a sources list with the "
                "URL where the facts were found"
            ),
            (
                f"::error file={path},line=3,col=7,title=invalid-value::"
                "'shop' is not allowed here; use one of: charity, foundation, "
                "network, alliance, campaign, collective, company, academic, "
                "government, other"
            ),
            "invalid: 33 file(s), 32 record(s), 1 error(s), 1 warning(s)",
        ] == out.splitlines()

    def test_valid_registry(self, shipped_copy: Path) -> None:
        """A valid registry gives no annotation, only the summary."""
        code, out = cli("validate", "--format", "github")
        assert (0, 1) == (code, len(out.splitlines()))
        assert out.startswith("valid: ")

    def test_whole_file_problem_has_no_line(self) -> None:
        """A problem with no line gives neither line nor col."""
        out = io.StringIO()
        formats.report_github(
            report(problem("file-unreadable", "gone", "a/b.yaml")), out
        )
        assert (
            "::error file=a/b.yaml,title=file-unreadable::gone"
            == out.getvalue().splitlines()[0]
        )

    def test_properties_and_message_are_escaped(self) -> None:
        """A file name with : or , and a message with a newline stay one
        command each.
        """
        out = io.StringIO()
        formats.report_github(
            report(
                problem("yaml-syntax", "50% bad\nhere", "a,b:c.yaml", 2, 3)
            ),
            out,
        )
        assert (
            "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=yaml-syntax::"
            "50%25 bad%0Ahere"
        ) == out.getvalue().splitlines()[0]


@pytest.fixture(name="sarif_validator", scope="module")
def _sarif_validator() -> Any:
    """The official SARIF 2.1.0 schema (draft-07), with format checks."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out = cli("validate", "--format", "sarif", *argv)
    data: dict[str, Any] = json.loads(out)
    return code, data


class TestSarif:
    def test_valid_registry_is_valid_sarif(
        self,
        shipped_copy: Path,
        sarif_validator: Any,
    ) -> None:
        """The shipped registry gives a valid log with no result."""
        code, log = sarif()
        sarif_validator.validate(log)
        assert (0, "2.1.0", []) == (
            code,
            log["version"],
            log["runs"][0]["results"],
        )

    def test_problems_are_valid_sarif(
        self,
        write: WriteFile,
        sarif_validator: Any,
    ) -> None:
        """Errors, warnings and a whole-file problem give a valid log."""
        _warning_and_error(write)
        write("misc/stray file.yaml", "id: stray\n")
        code, log = sarif()
        sarif_validator.validate(log)
        assert 1 == code
        results = log["runs"][0]["results"]
        assert [
            ("wrong-folder", "error", "registry_data/misc/stray%20file.yaml"),
            (
                "no-source",
                "warning",
                "registry_data/organisations/another-org.yaml",
            ),
            (
                "invalid-value",
                "error",
                "registry_data/organisations/new-org.yaml",
            ),
        ] == [
            (
                r["ruleId"],
                r["level"],
                r["locations"][0]["physicalLocation"]["artifactLocation"][
                    "uri"
                ],
            )
            for r in results
        ]

    def test_regions(self, write: WriteFile) -> None:
        """A region is given only for a problem with a line."""
        _warning_and_error(write)
        write("misc/stray.yaml", "id: stray\n")
        _, log = sarif()
        regions = [
            r["locations"][0]["physicalLocation"].get("region")
            for r in log["runs"][0]["results"]
        ]
        assert [
            None,
            {"startLine": 1, "startColumn": 1},
            {"startLine": 3, "startColumn": 7},
        ] == regions

    def test_tool(self, shipped_copy: Path) -> None:
        """The driver names the tool, its version and its home page."""
        _, log = sarif()
        (run_,) = log["runs"]
        driver = run_["tool"]["driver"]
        assert (
            "coalition-registry",
            __version__,
            "https://github.com/coalition-registry/coalition_registry",
        ) == (driver["name"], driver["version"], driver["informationUri"])
        assert "unicodeCodePoints" == run_["columnKind"]

    def test_one_rule_per_code(self, shipped_copy: Path) -> None:
        """Each code is a rule with its title, its fix and its docs link."""
        _, log = sarif()
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert list(CODES) == [r["id"] for r in rules]
        for rule in rules:
            code = CODES[rule["id"]]
            assert {
                "id": code.name,
                "shortDescription": {"text": code.title},
                "help": {"text": code.fix},
                "helpUri": "https://github.com/coalition-registry/"
                f"coalition_registry/blob/main/docs/errors.md#{code.name}",
                "defaultConfiguration": {"level": code.severity.value},
            } == rule

    def test_results_point_at_their_rule(self, write: WriteFile) -> None:
        """Each result's ruleIndex is the index of its ruleId's rule."""
        write("organisations/new-org.yaml", BAD_ORGANISATION)
        _, log = sarif()
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        results = log["runs"][0]["results"]
        assert results
        for result in results:
            assert result["ruleId"] == rules[result["ruleIndex"]]["id"]

    def test_message_and_pointer(self, write: WriteFile) -> None:
        """A result carries the problem's message, and its pointer."""
        write("organisations/new-org.yaml", BAD_ORGANISATION)
        _, log = sarif()
        result = log["runs"][0]["results"][-1]
        assert result["message"]["text"].startswith("'shop' is not allowed")
        assert {"pointer": "$.kind"} == result["properties"]

    @pytest.mark.parametrize(
        ("path", "uri"),
        [
            ("a/b c#d.yaml", "a/b%20c%23d.yaml"),
            ("/srv/reg/a.yaml", "file:///srv/reg/a.yaml"),
        ],
    )
    def test_uris(self, path: str, uri: str) -> None:
        """Paths become relative URI references, absolute ones file URIs."""
        log = formats.sarif_log(report(problem("encoding", "bad", path)))
        (result,) = log["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]
        assert {"artifactLocation": {"uri": uri}} == location


class TestColour:
    def test_terminal_is_coloured(self, write: WriteFile) -> None:
        """On a terminal the severity words are red and yellow."""
        _warning_and_error(write)
        _, out = cli("validate", stdout=Terminal())
        lines = out.splitlines()
        assert f": {YELLOW}warning{RESET} no-source: " in lines[0]
        assert f": {RED}error{RESET} invalid-value: " in lines[1]

    def test_only_the_severity_changes(self, write: WriteFile) -> None:
        """Without its colour codes, the output is the plain output."""
        _warning_and_error(write)
        _, coloured = cli("validate", stdout=Terminal())
        _, plain = cli("validate")
        assert coloured != plain
        assert plain == ANSI.sub("", coloured)
        assert 4 == len(ANSI.findall(coloured))

    def test_not_a_terminal(self, write: WriteFile) -> None:
        """Into a file or a pipe, no colour."""
        _warning_and_error(write)
        _, out = cli("validate")
        assert "\x1b" not in out

    @pytest.mark.parametrize("value", ["1", "", "false"])
    def test_no_color(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch, value: str
    ) -> None:
        """NO_COLOR, whatever its value, turns colour off."""
        _warning_and_error(write)
        monkeypatch.setenv("NO_COLOR", value)
        _, out = cli("validate", stdout=Terminal())
        assert "\x1b" not in out

    def test_dumb_terminal(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """TERM=dumb turns colour off."""
        _warning_and_error(write)
        monkeypatch.setenv("TERM", "dumb")
        _, out = cli("validate", stdout=Terminal())
        assert "\x1b" not in out

    def test_other_terminals(
        self, write: WriteFile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Another TERM keeps colour."""
        _warning_and_error(write)
        monkeypatch.setenv("TERM", "xterm-256color")
        _, out = cli("validate", stdout=Terminal())
        assert RED in out

    @pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
    def test_other_formats_are_never_coloured(
        self, write: WriteFile, fmt: str
    ) -> None:
        """Colour is for text only."""
        _warning_and_error(write)
        _, out = cli("validate", "--format", fmt, stdout=Terminal())
        assert "\x1b" not in out

    def test_closed_stream(self) -> None:
        """A stream that cannot say whether it is a terminal is not one."""
        stream = Terminal()
        stream.close()
        assert not formats.use_colour(io.StringIO(), {})
        assert not formats.use_colour(stream, {})
        assert formats.use_colour(Terminal(), {"TERM": "xterm"})


def test_the_summary_groups_thousands_as_the_counts_by_code_do() -> None:
    """At 1,000 problems and more, the summary said "1430 warning(s)"
    under "title-in-name 1,430 (warning)"."""
    from coalition_registry import render

    many = Report(
        tuple(
            Problem(
                "no-source",
                "no source",
                Location("p.yaml", i + 1, 1),
                severity=CODES["no-source"].severity,
            )
            for i in range(1430)
        ),
        files=12_345,
        records=67_890,
    )
    out = io.StringIO()
    render.report_text(many, out)
    lines = out.getvalue().splitlines()
    assert "by code: no-source 1,430 (warning)" == lines[-2]
    assert (
        "valid: 12,345 file(s), 67,890 record(s), 0 error(s), 1,430 warning(s)"
    ) == lines[-1]
