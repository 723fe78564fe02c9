"""
The invalid-input corpus: one folder under tests/data/invalid/ per kind of
mistake, with the exact lines `coalition-registry validate` must print
beside it (see tests/data/invalid/README.md).  The few problem codes a
checked-out file cannot produce are tested here directly.
"""

from __future__ import annotations

import io
import os
import re
import shutil

from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import fmt
from coalition_registry.cli import run
from coalition_registry.problems import CODES


CASES_DIR = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir())
# Files of a case folder that are about the case, not laid over the copy.
META_FILES = frozenset({"expected.txt", "delete.txt", "absent.txt"})

#: Codes no case folder can show, each with why: they are tested below.
NOT_FROM_A_CHECKED_OUT_FILE: dict[str, str] = {
    "file-unreadable": "needs a permission change or a link loop, which "
    "a checked-out file does not carry",
    "file-too-large": "needs a file over the default limit of 64 MiB",
    "limit-exceeded": "needs over 5,000,000 records (the default limit)",
    "outside-registry": "needs a symbolic link, which the overlay copies "
    "as a plain file",
}

LINE = re.compile(
    r"^(?P<path>registry_data\S*?(?: \S+?)*?)(?::\d+:\d+)?: "
    r"(?P<severity>error|warning) (?P<code>[a-z][a-z0-9-]*): "
    r"(?P<message>.+)$"
)
SUMMARY = re.compile(r"^(valid|invalid): \d{1,3}(?:,\d{3})* file\(s\), ")


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()


def overlay(case: Path, target: Path) -> None:
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case)
        if source.is_dir() or (len(rel.parts) == 1 and rel.name in META_FILES):
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / rel)
    for line in _lines(case / "delete.txt"):
        if line.strip():
            (target / line.strip()).unlink()


def _validate(*options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = run(["validate", "registry_data", *options], stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, shipped_copy: Path) -> None:
    expected = _lines(case / "expected.txt")
    overlay(case, shipped_copy)

    rc, out, err = _validate()

    assert "Traceback" not in out + err
    assert err == ""
    lines = out.splitlines()
    assert lines, "validate printed nothing"
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[:-1] == expected
    assert rc == (1 if any(" error " in line for line in expected) else 0)

    absent = [s for s in _lines(case / "absent.txt") if s.strip()]
    if absent:
        _, json_out, json_err = _validate("--format", "json")
        for secret in absent:
            assert secret not in out + err
            assert secret not in json_out + json_err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_from_the_cache(
    case: Path, shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    """Run again with a cache, every case prints the same and parses no
    file: what a file yields, down to the checks across records, is kept
    as the cache's check of an entry's shape accepts.
    """
    overlay(case, shipped_copy)
    cache = str(tmp_path / "cache")
    first = _validate("--cache", cache)
    reads.clear()
    assert first == _validate("--cache", cache)
    # But a file with a date after today, whose warning holds until the
    # day comes, and is never kept.
    lines = first[1].splitlines()
    dated = {line.split(":", 1)[0] for line in lines if "after today" in line}
    assert dated <= set(reads)
    # And a signature by a signatory that may not be public (a person who
    # is not public but whose id is not opaque, a signatory whose name is
    # private), checked again once it is known, to repeat nothing.
    again = set(reads) - dated
    assert not again or any(
        hint in first[1] for hint in ("not-opaque-id", "(not shown: private)")
    )
    assert all("/signatures/" in path for path in again)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_with_comments_added_from_the_cache(
    case: Path, shipped_copy: Path, tmp_path: Path
) -> None:
    """With a comment added to every file, a run with the cache (which may
    serve the last run's report, when no file's result changed) prints
    what a run without one prints.
    """
    overlay(case, shipped_copy)
    cache = str(tmp_path / "cache")
    _validate("--cache", cache)
    for path in shipped_copy.rglob("*.y*ml"):
        with path.open("ab") as f:
            f.write(b"\n# checked again\n")
    assert _validate() == _validate("--cache", cache)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_with_sources_and_notes_changed_from_the_cache(
    case: Path, shipped_copy: Path, tmp_path: Path
) -> None:
    """With a source's date and a note changed in every file, and a line
    added above each claim's value, a run with the cache (which may serve
    the last report with those files' own problems replaced, see
    validation.read_across) prints what a run without one prints.
    """
    overlay(case, shipped_copy)
    cache = str(tmp_path / "cache")
    _validate("--cache", cache)
    for path in shipped_copy.rglob("*.y*ml"):
        text = path.read_bytes()
        changed = re.sub(rb"(\n *(?:- )?accessed: )20", rb"\g<1>19", text)
        changed = re.sub(
            rb"(\n *notes: )([A-Za-z])", rb"\1Checked. \2", changed
        )
        # A line above a claim's value: the claim, read across records,
        # moves.
        changed = re.sub(rb"\n(    value: )", rb"\n    # moved\n\1", changed)
        if changed != text:
            path.write_bytes(changed)
    assert _validate() == _validate("--cache", cache)


def test_expected_lines_are_well_formed() -> None:
    for case in CASES:
        expected = _lines(case / "expected.txt")
        assert expected, f"{case.name}: expected.txt is missing or empty"
        for line in expected:
            match = LINE.match(line)
            assert match, f"{case.name}: {line!r}"
            code = CODES.get(match["code"])
            assert code is not None, f"{case.name}: {line!r}"
            assert match["severity"] == code.severity.value, line


def test_every_code_has_a_case() -> None:
    shown = {
        match["code"]
        for case in CASES
        for line in _lines(case / "expected.txt")
        if (match := LINE.match(line))
    }
    exempt = set(NOT_FROM_A_CHECKED_OUT_FILE)
    assert exempt <= set(CODES)
    assert not exempt & shown, "a case shows it: drop it from the exemptions"
    assert set(CODES) - exempt - shown == set()


# -- codes a checked-out file cannot produce ---------------------------------

SOURCE = 'sources:\n  - url: "https://example.org/about"\n'
ORG = "id: example-charity\nname: Example Charity\n" + SOURCE


DEFAULT_LIMITS = cr.Limits()


def _problems(limits: cr.Limits = DEFAULT_LIMITS) -> list[str]:
    report = cr.validate("registry_data", limits=limits)
    return [str(p) for p in report.problems]


def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target)
    except OSError as e:  # pragma: no cover - Windows without privilege
        pytest.skip(f"cannot create a symbolic link: {e}")


def test_file_unreadable_permission(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shipped_copy / "organisations" / "example-charity.yaml"
    path.write_text(ORG, encoding="utf-8")
    path.chmod(0)
    # Root reads a file whatever its mode: make the refusal certain.
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file).resolve() == path.resolve():
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    try:
        problems = _problems()
    finally:
        path.chmod(0o644)
    assert problems == [
        (
            "registry_data/organisations/example-charity.yaml: error "
            "file-unreadable: the file cannot be read (permission denied); "
            "check its permissions"
        )
    ]


def test_file_unreadable_link_loop(shipped_copy: Path) -> None:
    link = shipped_copy / "organisations" / "loop.yaml"
    _symlink(link, link)
    assert _problems() == [
        (
            "registry_data/organisations/loop.yaml: error file-unreadable: "
            "this symbolic link is broken or loops; replace it by the file"
        )
    ]


def test_outside_registry_file_link(shipped_copy: Path) -> None:
    outside = shipped_copy.parent / "example-charity.yaml"
    outside.write_text(ORG, encoding="utf-8")
    _symlink(shipped_copy / "organisations" / "example-charity.yaml", outside)
    assert _problems() == [
        (
            "registry_data/organisations/example-charity.yaml: error "
            "outside-registry: this symbolic link points outside the registry "
            "folder; replace it by the file itself"
        )
    ]


def test_a_link_named_is_the_link(shipped_copy: Path) -> None:
    """Named on its own (as pre-commit names a changed file), a link out of
    the registry was matched against what it points to, found in no
    registry folder, and left out: "valid: 0 file(s)"; fmt called it "not
    a record file".  It is refused, and what it points to left alone.
    """
    outside = shipped_copy.parent / "example-charity.yaml"
    outside.write_text(ORG, encoding="utf-8")
    link = shipped_copy / "organisations" / "example-charity.yaml"
    _symlink(link, outside)
    report = cr.validate("registry_data/organisations/example-charity.yaml")
    assert ["outside-registry"] == [p.code for p in report.problems]
    assert 1 == report.files
    result = fmt.format_paths([link]).results
    assert [("refused", ("outside-registry",))] == [
        (r.status, tuple(p.code for p in r.problems)) for r in result
    ]
    assert ORG == outside.read_text(encoding="utf-8")


def test_outside_registry_folder_link(shipped_copy: Path) -> None:
    outside = shipped_copy.parent / "more"
    outside.mkdir()
    (outside / "example-charity.yaml").write_text(ORG, encoding="utf-8")
    _symlink(shipped_copy / "organisations" / "more", outside)
    assert _problems() == [
        (
            "registry_data/organisations/more: error outside-registry: this "
            "folder is a symbolic link, which is not followed; move its files "
            "into the registry"
        )
    ]


def test_file_too_large(shipped_copy: Path) -> None:
    limit = max(
        p.stat().st_size for p in shipped_copy.rglob("*") if p.is_file()
    )
    text = (
        ORG + "notes: >-\n" + "  padding padding padding\n" * (limit // 20 + 1)
    )
    path = shipped_copy / "organisations" / "example-charity.yaml"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    assert size > limit
    assert _problems(cr.Limits(max_file_bytes=limit)) == [
        (
            f"registry_data/organisations/example-charity.yaml: error "
            f"file-too-large: the file has {size:,} bytes, more than the limit "
            f"of {limit:,} (limit max_file_bytes)"
        )
    ]


def _small_registry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    root = tmp_path / "registry_data"
    root.mkdir()
    shutil.copyfile(
        CASES_DIR.parents[2] / "registry_data" / "registry.yaml",
        root / "registry.yaml",
    )
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


LETTER = (
    """\
id: example-letter
title: Example letter
publisher: example-c
claims:
  - measure: signatories
    value: 3
    sources:
      - url: "https://example.org/letter"
"""
    + SOURCE
)


def test_too_deep_small_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The claim's source is the fifth level: over a limit of 4.  (The case
    # folder too-deep shows the default limit, read event by event.)
    _small_registry(
        tmp_path,
        monkeypatch,
        {
            "letters/example-letter.yaml": LETTER.replace(
                "publisher: example-c\n", ""
            )
        },
    )
    assert _problems(cr.Limits(max_depth=4)) == [
        (
            "registry_data/letters/example-letter.yaml:7:9: error too-deep: the "
            "data is nested more than 4 levels deep (limit max_depth)"
        )
    ]


def test_limit_exceeded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    orgs = {
        f"organisations/example-{x}.yaml": ORG.replace(
            "example-charity", f"example-{x}"
        )
        for x in "abc"
    }
    _small_registry(
        tmp_path,
        monkeypatch,
        {"letters/example-letter.yaml": LETTER, **orgs},
    )
    # letters/ is read first, then example-a: example-b is one too many,
    # and example-c, which the letter cites, is never read.
    assert _problems(cr.Limits(max_records=2)) == [
        (
            "registry_data/organisations/example-b.yaml: error limit-exceeded: "
            "the registry holds more than 2 records (limit max_records); "
            "reading stopped here"
        )
    ]


def test_cases_are_plain_files() -> None:
    # The corpus must survive a checkout: no links, nothing executable.
    for path in CASES_DIR.rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file():
            assert not os.access(path, os.X_OK) or os.name == "nt", path
