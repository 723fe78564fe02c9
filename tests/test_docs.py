"""
The documentation agrees with the code, and every code block in it is run.

- docs/errors.md documents every problem code, in the catalogue's order, and
  each example there makes the validator print the lines shown under it.
- docs/data-format.md has a generated field table for every record kind,
  and every complete example in it validates.
- Every other page is played like a script on a copy of the shipped data:
  files are written, commands run, and their output compared with what the
  page shows.  docs/counting.md shows the coverage table the shipped data
  gives, and docs/index.md the README's commands.
- Every code block on every page is one of the kinds these tests run; the
  ``pycon`` blocks are run as doctests (``--doctest-glob=*.md``).

Examples are marked with HTML comments just before their code block:

- ``<!-- file: PATH -->`` writes the next ``yaml`` block to PATH, relative to
  the registry folder; ``; encoding: latin-1`` writes it as Latin-1 and
  ``; escapes`` turns ``\\xNN`` and ``\\uNNNN`` into the characters they name;
- ``<!-- symlink: PATH -> TARGET -->`` makes a symbolic link;
- ``<!-- sparse-file: PATH SIZE -->`` makes a file of SIZE bytes;
- ``<!-- limits: NAME=VALUE -->`` validates with those limits through the
  API; the ``python`` block after it, which does that, is run and what it
  prints compared;
- ``<!-- fragment -->`` marks a block that is not a whole file, and
  ``<!-- fragment: KIND -->`` one that holds a part (a source, a claim...),
  which is built on its own;
- ``<!-- output: COMMAND -->`` and ``<!-- json-of: CODE -->`` mark output
  the tests compare with what the command prints;
- ``<!-- contents: PATH -->`` marks a ``yaml`` block that shows the file
  at PATH, relative to the registry folder, as it is at that point of the
  page (after a ``fmt``, say); the tests compare the two;
- ``<!-- run -->`` marks a ``sh`` block that is run with bash in the folder
  that holds the copy of the registry; it must succeed;
- ``<!-- ci -->`` marks a ``sh`` block whose lines .ci/run runs verbatim;
- ``<!-- layout -->`` marks the folder tree, whose every entry must exist;
- ``<!-- scenario: NAME -->`` starts again from a fresh copy of the shipped
  registry, for the blocks that follow it on the page.

The field tables, the table of codes and the command line reference are
generated when Sphinx builds the site (docs/_ext/registry_docs.py).

Run ``python tests/test_docs.py errors`` to print what each example in
docs/errors.md makes the validator say, and ``python tests/test_docs.py
outputs`` to rewrite every ``output:`` block of the other pages with what
its command prints now.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

from pathlib import Path
from typing import Any

import attrs
import pytest

from coalition_registry import cli, load, render, signatories
from coalition_registry.model import KINDS, PARTS, RegistryInfo
from coalition_registry.parsing import Limits, YMap, YSeq, parse
from coalition_registry.problems import CODES
from coalition_registry.schema import Context, build, yaml_fields
from coalition_registry.validation import Report, validate


ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
SHIPPED = ROOT / "registry_data"
ERRORS = DOCS / "errors.md"
DATA_FORMAT = DOCS / "data-format.md"
#: The pages of the documentation.
PAGES = sorted(DOCS.glob("*.md"))

#: The data-format section heading for each record class.
SECTIONS: dict[str, type[Any]] = {
    "registry.yaml": RegistryInfo,
    **{cls.__name__: cls for cls in (*KINDS.values(), *PARTS)},
}
PART_NAMES = {cls.__name__.lower(): cls for cls in PARTS}

_COMMENT = re.compile(r"^<!--\s*(.*?)\s*-->$")
_FENCE = re.compile(r"^```(\{[\w-]+\}|[\w-]*)(?:\s+\S.*)?\s*$")
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
    python = [
        text
        for kind, lang, text, _ in tokens(section)
        if kind == "code" and lang == "python"
    ]
    out = io.StringIO()
    here = Path.cwd()
    os.chdir(base)
    try:
        if python:  # the page's own code, which validates with its limits
            with contextlib.redirect_stdout(out):
                exec(compile(python[0], ERRORS.name, "exec"), {})  # noqa: S102
        elif limits:
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
        """Lines quoted before the codes also appear under a code."""
        intro = _errors().split("## All codes")[0]
        examples = "".join(_code_sections().values())
        quoted = [
            line
            for b in blocks(intro)
            if b.lang == "text"
            for line in b.text.splitlines()
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


def _field_tables() -> Any:
    """docs/_ext/field_tables.py, which needs no Sphinx."""
    spec = importlib.util.spec_from_file_location(
        "field_tables", ROOT / "docs" / "_ext" / "field_tables.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestDataFormatTables:
    @pytest.mark.parametrize("heading", list(SECTIONS))
    def test_table_is_generated(self, heading: str) -> None:
        """The kind's section holds the field table of its class, between
        the comments that name it."""
        name = SECTIONS[heading].__name__
        section = sections(_data_format())[heading]
        assert f"<!-- field-table {name} -->\n\n| field |" in section

    def test_tables_are_up_to_date(self) -> None:
        """The page's own copy of each table, which GitHub shows, is the
        one the code gives: the docs build writes it afresh, but a reader
        of the Markdown sees this one."""
        tables = _field_tables()
        fresh, names = tables.render(_data_format())
        assert sorted(tables.RECORD_CLASSES) == sorted(names)
        assert fresh == _data_format(), "run python docs/_ext/field_tables.py"

    @pytest.mark.parametrize("heading", list(SECTIONS))
    def test_fields_are_described(self, heading: str) -> None:
        """Every field the table will show has a meaning to show."""
        undescribed = [
            name
            for name, spec in yaml_fields(SECTIONS[heading]).items()
            if not spec.doc
        ]
        assert [] == undescribed


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

        assert commands(readme)[:2] == commands(index)[:2]

    @pytest.mark.parametrize(
        "page", sorted(p.name for p in PAGES if p.name != "index.md")
    )
    def test_links_to_every_page(self, page: str) -> None:
        """The start page links to each page, and lists it in its toctree."""
        index = (DOCS / "index.md").read_text(encoding="utf-8")
        toctrees = [b.text for b in blocks(index) if b.lang == "{toctree}"]
        listed = {line.strip() for text in toctrees for line in text.split()}
        assert (True, True) == (
            f"]({page})" in index,
            page.removesuffix(".md") in listed,
        )

    def test_recorded_signatories_are_the_datas(self) -> None:
        """README and the start page say how many signatories of the 2023
        letter the shipped data records, in the same words.
        """
        words = "zero one two three four five six seven eight nine ten"
        number = dict(enumerate(words.split()))
        signed = signatories(load(SHIPPED), "survivors-letter-2023")
        kinds = [type(s).__name__ for s in signed]
        organisations, groups = (
            kinds.count("Organisation"),
            kinds.count("Group"),
        )
        assert len(signed) == organisations + groups, (
            "the pages name two kinds"
        )
        said = (
            f"{number[len(signed)]} signatories, which are "
            f"{number[organisations]} organisations and "
            f"{number[groups]} groups of survivors"
        )
        for page in (ROOT / "README.md", DOCS / "index.md"):
            assert said in page.read_text(encoding="utf-8"), page.name

    def test_readme_links_every_page(self) -> None:
        """README's list of pages links to every page of the docs."""
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        missing = [
            p.name
            for p in PAGES
            if p.name != "changelog.md" and f"](docs/{p.name})" not in readme
        ]
        assert [] == missing


class TestCiPage:
    def test_workflow_is_the_repositorys(self) -> None:
        """The workflow shown is the repository's own, its header comment
        aside, so the docs' steps are the checks a pull request runs.
        """
        text = (DOCS / "ci.md").read_text(encoding="utf-8")
        shown = next(b.text for b in blocks(text) if b.lang == "yaml")
        real = (ROOT / ".github" / "workflows" / "validate.yml").read_text(
            encoding="utf-8"
        )
        body = real.splitlines(keepends=True)
        while body and body[0].startswith("#"):
            del body[0]
        assert "".join(body) == shown


# -- every page -------------------------------------------------------------

#: The pages played as scripts: errors.md has an example per code instead.
PLAYED = [p for p in PAGES if p != ERRORS]


def scenarios(markdown: str) -> dict[str, list[tuple[str, str, str, int]]]:
    """The page's tokens, split where ``<!-- scenario: NAME -->`` starts a
    fresh copy of the registry; the first scenario is named ``page``.
    """
    out: dict[str, list[tuple[str, str, str, int]]] = {"page": []}
    current = out["page"]
    for token in tokens(markdown):
        kind, _, text, _ = token
        if kind == "comment" and text.startswith("scenario:"):
            current = out.setdefault(text.partition(":")[2].strip(), [])
        else:
            current.append(token)
    return out


def run_command(command: str, base: Path) -> str:
    """What ``coalition-registry ...`` prints when run in *base*."""
    argv = shlex.split(command)
    assert argv[0] == "coalition-registry", f"not a command: {command}"
    out = io.StringIO()
    with contextlib.chdir(base):
        cli.run(argv[1:], stdout=out, stderr=out)
    return out.getvalue()


def run_shell(script: str, base: Path) -> subprocess.CompletedProcess[str]:
    """Run a ``sh`` block with bash in *base*, with this Python's scripts
    (``coalition-registry``, ``python3``) first on the path.
    """
    bash = shutil.which("bash")
    assert bash is not None
    scripts = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": scripts + os.pathsep + os.environ["PATH"]}
    return subprocess.run(  # noqa: S603 (the docs' own commands)
        [bash, "-euo", "pipefail", "-c", script],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def play(
    steps: list[tuple[str, str, str, int]],
    base: Path,
    printed: dict[int, str] | None = None,
) -> list[str]:
    """Follow a scenario on a copy of the shipped registry in *base*, as a
    reader would; returns how what the page shows differs from what
    happened.  What each command printed goes into *printed*, by the line
    of the block that shows it.
    """
    shutil.copytree(SHIPPED, base / "registry_data", symlinks=True)
    root = base / "registry_data"
    differences = []
    marker: str | None = None
    for kind, lang, text, line in steps:
        if kind == "comment":
            marker = text
            continue
        if marker is None:
            pass
        elif marker.startswith("file:"):
            apply(root, marker, Block(lang, text, marker, line))
        elif marker == "run":
            done = run_shell(text, base)
            if done.returncode:
                differences.append(
                    f"line {line}: {text!r} failed:\n{done.stderr}"
                )
        elif marker.startswith("output:"):
            actual = run_command(marker.partition(":")[2].strip(), base)
            if printed is not None:
                printed[line] = actual
            if actual != text:
                differences.append(f"line {line}: {marker} printed:\n{actual}")
        elif marker.startswith("contents:"):
            path = root / marker.partition(":")[2].strip()
            actual = path.read_text(encoding="utf-8") if path.is_file() else ""
            if actual != text:
                differences.append(f"line {line}: {marker} holds:\n{actual}")
        marker = None
    return differences


def _played() -> list[tuple[str, str]]:
    return [
        (page.name, name)
        for page in PLAYED
        for name in scenarios(page.read_text(encoding="utf-8"))
    ]


class TestEveryPage:
    @pytest.mark.parametrize(("page", "scenario"), _played())
    def test_page_plays_as_shown(
        self,
        page: str,
        scenario: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Each file, command and output on the page is what happens."""
        # The pages show what a reader's terminal prints, not CI annotations.
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        text = (DOCS / page).read_text(encoding="utf-8")
        assert [] == play(scenarios(text)[scenario], tmp_path)

    @pytest.mark.parametrize("page", [p.name for p in PAGES])
    def test_every_block_is_run(self, page: str) -> None:
        """Every code block is of a kind that these tests or doctests run."""
        text = (DOCS / page).read_text(encoding="utf-8")
        untested = [
            f"{page}:{b.line}: ```{b.lang} after <!-- {b.marker} -->"
            for b in blocks(text)
            if not _is_run(page, b)
        ]
        assert [] == untested

    @pytest.mark.parametrize("page", [p.name for p in PAGES])
    def test_ci_runs_the_ci_blocks(self, page: str) -> None:
        """A block marked ci is run, line by line, by .ci/run."""
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        shown = [
            line
            for b in blocks((DOCS / page).read_text(encoding="utf-8"))
            if b.marker == "ci"
            for line in b.text.splitlines()
        ]
        assert [] == [line for line in shown if line not in ci]

    @pytest.mark.parametrize("page", [p.name for p in PAGES])
    def test_bare_fragments_are_yaml(self, page: str) -> None:
        """A YAML fragment that is not built on its own still parses."""
        fragments = [
            b
            for b in blocks((DOCS / page).read_text(encoding="utf-8"))
            if b.lang == "yaml" and b.marker == "fragment"
        ]
        problems = [
            str(p)
            for b in fragments
            for p in parse(b.text.encode(), f"{page}:{b.line}").problems
        ]
        assert [] == problems

    @pytest.mark.parametrize("page", [p.name for p in PAGES])
    def test_commands_named_exist(self, page: str) -> None:
        """Every ``coalition-registry COMMAND`` a page names is a command."""
        text = (DOCS / page).read_text(encoding="utf-8")
        named = set(
            re.findall(
                r"(?:`|^|output: )coalition-registry ([a-z][a-z-]*)",
                text,
                re.MULTILINE,
            )
        )
        assert set() == named - _commands()

    def test_layout_is_the_registrys(self) -> None:
        """The folder tree names only folders and files that exist (or the
        folder of a kind of record), and every kind's folder.
        """
        trees = [b for b in blocks(_data_format()) if b.marker == "layout"]
        assert len(trees) == 1
        paths = tree_paths(trees[0].text)
        kinds = {f"registry_data/{c.folder}" for c in KINDS.values()}
        missing = [
            p for p in paths if p not in kinds and not (ROOT / p).exists()
        ]
        assert ([], set()) == (missing, kinds - set(paths))

    def test_editor_settings_reach_every_record_file(self) -> None:
        """The ``yaml.schemas`` patterns of editors.md match the registry's
        files, those in sub-folders (``signatures/<letter-id>/``) too, as
        the YAML language server matches them: a glob whose ``*`` stops at
        a ``/`` and ``**`` spans folders, anywhere in the path.
        """
        text = (DOCS / "editors.md").read_text(encoding="utf-8")
        found = re.search(r"<<'EOF'\n(.*?)\nEOF\n", text, re.DOTALL)
        assert found is not None
        settings = json.loads(found.group(1))["yaml.schemas"]

        def matches(pattern: str, path: str) -> bool:
            parts = re.split(r"(\*\*/|\*)", pattern)
            glob = "".join(
                "(?:.*/)?"
                if p == "**/"
                else "[^/]*"
                if p == "*"
                else re.escape(p)
                for p in parts
            )
            return re.fullmatch(f"(?:.*/)?{glob}", path) is not None

        unmatched = [
            str(path.relative_to(ROOT))
            for path in sorted(SHIPPED.rglob("*.yaml"))
            if not any(
                matches(pattern, str(path.relative_to(ROOT)))
                for patterns in settings.values()
                for pattern in patterns
            )
        ]
        assert [] == unmatched


class TestMarkers:
    def test_contents_that_differ_are_reported(self, tmp_path: Path) -> None:
        """A ``contents:`` block that is not the file's text is a difference."""
        page = (
            "<!-- file: organisations/x.yaml -->\n```yaml\nid: x\n```\n\n"
            "<!-- contents: organisations/x.yaml -->\n```yaml\nid: y\n```\n"
        )
        differences = play(tokens(page), tmp_path)
        assert ["line 7: contents: organisations/x.yaml holds:\nid: x\n"] == (
            differences
        )


def _commands() -> set[str]:
    """The names of the command line's commands."""
    out = io.StringIO()
    cli.run(["--help"], stdout=out, stderr=out)
    listed = re.findall(r"^ {4}([a-z][a-z-]*)", out.getvalue(), re.MULTILINE)
    return set(listed)


def _is_run(page: str, block: Block) -> bool:
    """Whether a test runs the block (see the module's docstring)."""
    marker = block.marker or ""
    if block.lang.startswith("{"):
        return True  # a directive: generated from the code at build time
    if block.lang == "pycon":
        return ">>>" in block.text
    if block.lang == "yaml":
        return marker.startswith(("file:", "fragment", "contents:"))
    if block.lang == "none":  # a file an example of its problem code writes
        return page == ERRORS.name and marker.startswith("file:")
    if block.lang == "sh":
        return marker in {"run", "ci"}
    if block.lang == "python":  # run by the example of its problem code
        return page == ERRORS.name and marker.startswith("limits:")
    if block.lang in {"text", "json"}:
        return marker.startswith(("output:", "json-of:", "layout")) or (
            page == ERRORS.name and block.lang == "text"
        )
    return False


def tree_paths(tree: str) -> list[str]:
    """The paths a folder tree drawn with ``├──`` names, "..." left out."""
    stack: list[str] = []
    out = []
    for line in tree.splitlines():
        name_at = len(line) - len(line.lstrip(" │├└─"))
        name = line[name_at:].split()[0] if line[name_at:].strip() else ""
        if not name or name == "...":
            continue
        depth = name_at // 4
        del stack[depth:]
        stack.append(name.rstrip("/"))
        out.append("/".join(stack))
    return out


# -- helpers for writing the docs ---------------------------------------------


def _print_errors() -> None:
    import tempfile

    for code, section in _code_sections().items():
        with tempfile.TemporaryDirectory() as base:
            output = run_example(section, Path(base))
        sys.stdout.write(f"## {code}\n\n{output}\n")


def _write_outputs() -> None:
    """Rewrite every ``output:`` block of the played pages with what its
    command prints now (review the changes before committing them).
    """
    import tempfile

    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.chdir(ROOT))
        for page in PLAYED:
            text = page.read_text(encoding="utf-8")
            printed: dict[int, str] = {}
            for steps in scenarios(text).values():
                with tempfile.TemporaryDirectory() as base:
                    for difference in play(steps, Path(base), printed):
                        if " printed:" not in difference.partition("\n")[0]:
                            sys.stderr.write(f"{page.name}: {difference}\n")
            lines = text.splitlines(keepends=True)
            for fence in sorted(printed, reverse=True):
                end = lines.index("```\n", fence)
                lines[fence:end] = [printed[fence]]
            new = "".join(lines)
            if new != text:
                page.write_text(new, encoding="utf-8")
                sys.stdout.write(f"rewrote the outputs in {page.name}\n")


if __name__ == "__main__":
    {"errors": _print_errors, "outputs": _write_outputs}[sys.argv[1]]()
