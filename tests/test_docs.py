"""
The documentation agrees with the code.

- docs/errors.md documents every problem code, in the catalogue's order, and
  each example there makes the validator print the lines shown under it.
- docs/data-format.md has a field table for every record kind that matches
  the record classes, and every complete example in it validates.
- docs/counting.md shows the coverage table the shipped data gives, and
  docs/index.md the README's commands.

Examples are marked with HTML comments just before their code block:

- ``<!-- file: PATH -->`` writes the next ``yaml`` block to PATH, relative to
  the registry folder; ``; encoding: latin-1`` writes it as Latin-1 and
  ``; escapes`` turns ``\\xNN`` and ``\\uNNNN`` into the characters they name;
- ``<!-- symlink: PATH -> TARGET -->`` makes a symbolic link;
- ``<!-- sparse-file: PATH SIZE -->`` makes a file of SIZE bytes;
- ``<!-- limits: NAME=VALUE -->`` validates with those limits through the
  API (the command line has no option for them);
- ``<!-- fragment -->`` marks a block that is not a whole file, and
  ``<!-- fragment: KIND -->`` one that holds a part (a source, a claim...),
  which is built on its own;
- ``<!-- output: COMMAND -->`` and ``<!-- json-of: CODE -->`` mark output
  the tests compare with what the command prints.

Run ``python tests/test_docs.py tables`` to print the field tables, and
``python tests/test_docs.py errors`` to print what each example in
docs/errors.md makes the validator say.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys

from pathlib import Path
from typing import Any

import attrs
import pytest

from coalition_registry import cli, render
from coalition_registry.load import Limits, YMap, YSeq, parse
from coalition_registry.model import KINDS, PARTS, RegistryInfo
from coalition_registry.problems import CODES
from coalition_registry.schema import Context, build, yaml_fields
from coalition_registry.validate import Report, validate


ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
SHIPPED = ROOT / "registry_data"
ERRORS = DOCS / "errors.md"
DATA_FORMAT = DOCS / "data-format.md"

#: The data-format section heading for each record class.
SECTIONS: dict[str, type[Any]] = {
    "registry.yaml": RegistryInfo,
    **{cls.__name__: cls for cls in (*KINDS.values(), *PARTS)},
}
PART_NAMES = {cls.__name__.lower(): cls for cls in PARTS}

_COMMENT = re.compile(r"^<!--\s*(.*?)\s*-->$")
_FENCE = re.compile(r"^```(\w*)\s*$")
_CODE_HEADING = re.compile(r"^## ([a-z]+(?:-[a-z]+)*)$", re.MULTILINE)
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


# -- reading the Markdown ---------------------------------------------------


@attrs.frozen
class Block:
    """A fenced code block, with the marker comment just before it."""

    lang: str
    text: str
    marker: str | None
    line: int


def tokens(markdown: str) -> list[tuple[str, str, str, int]]:
    """
    The comments on lines of their own and the fenced code blocks, in order,
    as ``(kind, lang, text, line)``; ``kind`` is ``comment`` or ``code``.
    """
    out = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        comment = _COMMENT.match(line.strip())
        fence = _FENCE.match(line)
        if comment:
            out.append(("comment", "", comment.group(1), i + 1))
        elif fence:
            start = i
            i += 1
            body = []
            while i < len(lines) and lines[i] != "```":
                body.append(lines[i])
                i += 1
            out.append(
                ("code", fence.group(1), "\n".join(body) + "\n", start + 1)
            )
        i += 1
    return out


def blocks(markdown: str) -> list[Block]:
    """Every fenced block, with the comment that directly precedes it."""
    out = []
    marker = None
    for kind, lang, text, line in tokens(markdown):
        if kind == "comment":
            marker = text
        else:
            out.append(Block(lang, text, marker, line))
            marker = None
    return out


def sections(markdown: str) -> dict[str, str]:
    """The text under each ``## heading``, by heading."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {
        parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)
    }


def table_rows(section: str) -> list[list[str]]:
    """The body rows of the first Markdown table in *section*, as cells."""
    rows = []
    started = False
    for line in section.splitlines():
        if line.startswith("|"):
            started = True
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            rows.append([c.strip() for c in cells])
        elif started:
            break
    return [r for r in rows[1:] if not set("".join(r)) <= {"-", ":"}]


# -- what the field tables should say ----------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _show_default(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def field_rows(cls: type[Any]) -> list[list[str]]:
    """The rows of *cls*'s field table, from its attrs metadata."""
    defaults = {a.name: a.default for a in attrs.fields(cls)}
    rows = []
    for name, spec in yaml_fields(cls).items():
        meaning = spec.doc.replace("<", "&lt;").replace(">", "&gt;")
        default = defaults[name]
        if default not in (None, (), attrs.NOTHING):
            meaning += f" Default: `{_show_default(default)}`."
        if not spec.private_ok and name != "private":
            meaning += " Cannot be made private."
        rows.append(
            [
                f"`{name}`",
                _cell(spec.type.describe()),
                "yes" if spec.required else "no",
                _cell(meaning),
                _cell(f"`{spec.example}`" if spec.example else ""),
            ]
        )
    return rows


def field_table(cls: type[Any]) -> str:
    """*cls*'s field table as Markdown."""
    lines = [
        "| field | type | required | meaning | example |",
        "|---|---|---|---|---|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in field_rows(cls))
    return "\n".join(lines)


# -- running examples ----------------------------------------------------------


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def apply(root: Path, marker: str, block: Block | None) -> dict[str, int]:
    """
    Carry out one example marker in the registry at *root*; returns any
    limits it sets.
    """
    name, _, rest = marker.partition(":")
    rest = rest.strip()
    if name == "file":
        assert block is not None, f"no code block after <!-- {marker} -->"
        where, *options = (p.strip() for p in rest.split(";"))
        path = root / where
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _unescape(block.text) if "escapes" in options else block.text
        encoding = "latin-1" if "encoding: latin-1" in options else "utf-8"
        path.write_bytes(text.encode(encoding))
    elif name == "symlink":
        where, target = (p.strip() for p in rest.split("->"))
        (root / where).parent.mkdir(parents=True, exist_ok=True)
        (root / where).symlink_to(target)
    elif name == "sparse-file":
        where, size = rest.split()
        with (root / where).open("wb") as f:
            f.truncate(int(size))
    elif name == "limits":
        key, value = rest.split("=")
        return {key.strip(): int(value)}
    else:
        pytest.fail(f"unknown example marker <!-- {marker} -->")
    return {}


def run_example(section: str, base: Path, fmt: str = "text") -> str:
    """
    Apply a section's example to a copy of the shipped registry in *base*
    and return what validating it prints, in the format *fmt*.
    """
    shutil.copytree(SHIPPED, base / "registry_data", symlinks=True)
    root = base / "registry_data"
    limits: dict[str, int] = {}
    pending: str | None = None
    for kind, lang, text, line in tokens(section):
        if kind == "comment" and text.partition(":")[0] in {
            "symlink",
            "sparse-file",
            "limits",
        }:
            limits.update(apply(root, text, None))
        elif kind == "comment" and text.startswith("file:"):
            pending = text
        elif kind == "code" and pending is not None:
            apply(root, pending, Block(lang, text, pending, line))
            pending = None
    out = io.StringIO()
    here = Path.cwd()
    os.chdir(base)
    try:
        if limits:
            render.report_text(
                validate("registry_data", limits=Limits(**limits)), out
            )
        else:
            cli.run(
                ["validate", "--format", fmt, "registry_data"],
                stdout=out,
                stderr=out,
            )
    finally:
        os.chdir(here)
    return out.getvalue()


def expected_output(section: str) -> str:
    """The ``text`` block that shows what the validator prints."""
    shown = [b for b in blocks(section) if b.lang == "text"]
    assert len(shown) == 1, "each code needs exactly one ```text block"
    return shown[0].text


# -- docs/errors.md -------------------------------------------------------------


def _errors() -> str:
    return ERRORS.read_text(encoding="utf-8")


def _code_sections() -> dict[str, str]:
    return {
        heading: text
        for heading, text in sections(_errors()).items()
        if heading in CODES
    }


class TestErrorsPage:
    def test_every_code_has_a_heading_in_catalogue_order(self) -> None:
        """Each code has a `## code` heading, in the order of CODES."""
        assert list(CODES) == _CODE_HEADING.findall(_errors())

    @pytest.mark.parametrize("code", list(CODES))
    def test_severity(self, code: str) -> None:
        """Each code's section states the code's severity."""
        section = _code_sections()[code]
        assert f"Severity: **{CODES[code].severity}**" in section

    @pytest.mark.parametrize("code", list(CODES))
    def test_example_prints_what_is_shown(
        self, code: str, tmp_path: Path
    ) -> None:
        """The lines shown under an example are what validating it prints."""
        section = _code_sections()[code]
        shown = expected_output(section)
        actual = run_example(section, tmp_path).splitlines()
        missing = [
            line for line in shown.splitlines() if line and line not in actual
        ]
        assert [] == missing, "\n".join(["validator printed:", *actual])
        severity = CODES[code].severity
        assert f" {severity} {code}: " in shown


class TestErrorsPageIntroduction:
    def test_json_example_is_what_is_printed(self, tmp_path: Path) -> None:
        """The JSON shown is what --format json prints for its example."""
        shown = [
            b
            for b in blocks(_errors())
            if (b.marker or "").startswith("json-of:")
        ]
        assert len(shown) == 1
        assert shown[0].marker is not None
        code = shown[0].marker.partition(":")[2].strip()
        actual = run_example(_code_sections()[code], tmp_path, "json")
        assert json.loads(shown[0].text) == json.loads(actual)

    def test_sample_lines_are_real(self) -> None:
        """Problem lines quoted before the codes also appear under a code."""
        intro = _errors().split("## All codes")[0]
        examples = "".join(_code_sections().values())
        quoted = [
            line
            for b in blocks(intro)
            if b.lang == "text"
            for line in b.text.splitlines()
            if line.startswith("registry_data/")
        ]
        assert quoted
        assert [] == [line for line in quoted if line not in examples]


# -- docs/data-format.md --------------------------------------------------------


def _data_format() -> str:
    return DATA_FORMAT.read_text(encoding="utf-8")


def _yaml_blocks() -> list[Block]:
    return [b for b in blocks(_data_format()) if b.lang == "yaml"]


def _complete_examples() -> list[Block]:
    return [b for b in _yaml_blocks() if (b.marker or "").startswith("file:")]


def _part_examples() -> list[Block]:
    return [
        b for b in _yaml_blocks() if (b.marker or "").startswith("fragment:")
    ]


class TestDataFormatTables:
    @pytest.mark.parametrize("heading", list(SECTIONS))
    def test_every_field_is_in_the_table(self, heading: str) -> None:
        """The kind's table lists exactly its YAML fields, in order."""
        rows = table_rows(sections(_data_format())[heading])
        documented = [row[0].strip("`") for row in rows]
        assert list(yaml_fields(SECTIONS[heading])) == documented

    @pytest.mark.parametrize("heading", list(SECTIONS))
    def test_table_matches_the_code(self, heading: str) -> None:
        """The table is the one generated from the field metadata."""
        rows = table_rows(sections(_data_format())[heading])
        assert field_rows(SECTIONS[heading]) == rows, (
            "regenerate with: python tests/test_docs.py tables"
        )


@pytest.fixture(name="report", scope="module")
def _report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """The shipped registry with every complete example written in."""
    base = tmp_path_factory.mktemp("data-format")
    root = base / "registry_data"
    shutil.copytree(SHIPPED, root)
    for block in _complete_examples():
        assert block.marker is not None
        apply(root, block.marker, block)
    return root, validate(root)


class TestDataFormatExamples:
    def test_every_yaml_block_is_marked(self) -> None:
        """Each YAML block says whether it is a whole file or a fragment."""
        unmarked = [
            b.line
            for b in _yaml_blocks()
            if not (b.marker or "").startswith(("file:", "fragment"))
        ]
        assert [] == unmarked

    def test_there_are_examples_of_every_kind(self) -> None:
        """Every record kind has a complete example, every part one too."""
        folders = {
            Path(b.marker.partition(":")[2].strip()).parts[0]
            for b in _complete_examples()
            if b.marker
        }
        assert {*(c.folder for c in KINDS.values()), "registry.yaml"} <= (
            folders
        )
        parts = {
            (b.marker or "").partition(":")[2].strip()
            for b in _part_examples()
        }
        assert set(PART_NAMES) <= parts

    def test_registry_with_examples_is_valid(
        self, report: tuple[Path, Report]
    ) -> None:
        """Together, the examples and the shipped data have no errors."""
        _, result = report
        assert [] == [str(p) for p in result.errors]

    @pytest.mark.parametrize(
        "block",
        _complete_examples(),
        ids=lambda b: (b.marker or "").partition(":")[2].strip(),
    )
    def test_complete_example_validates(
        self, block: Block, report: tuple[Path, Report]
    ) -> None:
        """A complete example has no problem at all, not even a warning."""
        root, result = report
        assert block.marker is not None
        path = (root / block.marker.partition(":")[2].strip()).resolve()
        problems = [
            str(p)
            for p in result.problems
            if Path(p.location.path).resolve() == path
        ]
        assert [] == problems

    @pytest.mark.parametrize(
        "block",
        [
            b
            for b in _complete_examples()
            if b.marker
            and (SHIPPED / b.marker.partition(":")[2].strip()).is_file()
        ],
        ids=lambda b: (b.marker or "").partition(":")[2].strip(),
    )
    def test_shipped_example_is_the_shipped_file(self, block: Block) -> None:
        """An example named after a shipped file shows that file as it is."""
        assert block.marker is not None
        path = SHIPPED / block.marker.partition(":")[2].strip()
        assert path.read_text(encoding="utf-8") == block.text

    @pytest.mark.parametrize(
        "block",
        _part_examples(),
        ids=lambda b: f"{b.marker}@{b.line}",
    )
    def test_part_example_builds(self, block: Block) -> None:
        """A source, claim or recipient example builds with no problem."""
        assert block.marker is not None
        cls = PART_NAMES[block.marker.partition(":")[2].strip()]
        doc = parse(block.text.encode(), "example")
        ctx = Context("example", list(doc.problems))
        items = doc.data if isinstance(doc.data, YSeq) else [doc.data]
        assert items
        for item in items:
            assert isinstance(item, YMap)
            build(cls, item, ctx)
        assert [] == [str(p) for p in ctx.problems]


# -- docs/counting.md and docs/index.md -------------------------------------------


class TestCountingPage:
    def test_table_is_what_coverage_prints(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The coverage table shown is the one the shipped data gives."""
        text = (DOCS / "counting.md").read_text(encoding="utf-8")
        command = "output: coalition-registry coverage registry_data"
        shown = [b.text for b in blocks(text) if b.marker == command]
        assert len(shown) == 1
        shutil.copytree(SHIPPED, tmp_path / "registry_data")
        monkeypatch.chdir(tmp_path)
        out = io.StringIO()
        code = cli.run(["coverage", "registry_data"], stdout=out, stderr=out)
        assert (0, shown[0]) == (code, out.getvalue())


class TestIndexPage:
    def test_commands_are_the_readmes(self) -> None:
        """The start page gives the README's two commands, unchanged."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        index = (DOCS / "index.md").read_text(encoding="utf-8")

        def commands(text: str) -> list[str]:
            return [b.text for b in blocks(text) if b.lang == "sh"]

        assert commands(readme)[:2] == commands(index)

    @pytest.mark.parametrize(
        "page", ["data-format.md", "errors.md", "counting.md"]
    )
    def test_links_to_every_page(self, page: str) -> None:
        """The start page links to each page of the documentation."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        assert f"]({page})" in index


# -- helpers for writing the docs ---------------------------------------------


def _print_tables() -> None:
    for heading, cls in SECTIONS.items():
        sys.stdout.write(f"## {heading}\n\n{field_table(cls)}\n\n")


def _print_errors() -> None:
    import tempfile

    for code, section in _code_sections().items():
        with tempfile.TemporaryDirectory() as base:
            output = run_example(section, Path(base))
        sys.stdout.write(f"## {code}\n\n{output}\n")


if __name__ == "__main__":
    {"tables": _print_tables, "errors": _print_errors}[sys.argv[1]]()
