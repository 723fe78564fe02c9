# ruff: noqa: INP001 - a script run by hand, not a package
r"""Coverage-guided fuzzing of ``validate`` on raw bytes, with atheris.

The property: for any bytes in any file of a registry, :func:`validate`
returns a :class:`~coalition_registry.Report` and raises nothing; every
position it gives lies inside its file; every output format renders it;
and the registry's files are left as they were.

Not part of the test suite (it runs until stopped, and needs atheris):

    pip install atheris
    python fuzz/fuzz_validate.py -max_total_time=180 -rss_limit_mb=4096 \
        /tmp/fuzz-corpus tests/data/hostile

See fuzz/README.md for what it found.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import sys
import tempfile

from pathlib import Path


try:
    import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]
except ImportError:  # pragma: no cover - a hint, not a test
    sys.exit("atheris is not installed: pip install atheris")

with atheris.instrument_imports(include=["coalition_registry", "ruamel"]):
    from coalition_registry import formats
    from coalition_registry.files import display_path
    from coalition_registry.problems import CODES
    from coalition_registry.validation import Report, validate


ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "registry_data"
#: Where the bytes go: a first byte of 1 to 6 picks another file than a
#: new organisation, so the seeds (whole files) land in organisations/.
TARGETS = {
    1: "registry.yaml",
    2: "people/example-person.yaml",
    3: "letters/example-letter.yaml",
    4: "groups/example-group.yaml",
    5: "signatures/example-signature.yaml",
    6: "organisations/nspcc.yaml",
}
DEFAULT_TARGET = "organisations/example-charity.yaml"
#: Line breaks as libyaml counts them.
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Problem codes whose positions are not checked, comma-separated: to fuzz
#: on past a known bug until it is fixed (see fuzz/README.md).
UNCHECKED = frozenset(os.environ.get("FUZZ_UNCHECKED_CODES", "").split(","))


#: A few shipped files, so that references resolve: the whole registry
#: would make each run several times slower.
KEPT = (
    "registry.yaml",
    "organisations/nspcc.yaml",
    "groups/phoenix-11.yaml",
    "people/tim-cook.yaml",
)


def _setup() -> Path:
    """A small registry in a temporary folder (in memory where the system
    has one).
    """
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder
    base = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else None))
    for rel in KEPT:
        (base / "registry_data" / rel).parent.mkdir(
            parents=True, exist_ok=True
        )
        shutil.copyfile(SHIPPED / rel, base / "registry_data" / rel)
    return base / "registry_data"


REGISTRY = _setup()
ORIGINALS = {
    rel: (REGISTRY / rel).read_bytes()
    for rel in TARGETS.values()
    if (REGISTRY / rel).exists()
}


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _lines(raw: bytes) -> list[str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [""]
    return BREAK.split(raw.decode("utf-8-sig", errors="replace"))


def _check(report: Report, raw: bytes, shown: str) -> None:
    assert isinstance(report, Report)
    lines = _lines(raw)
    for problem in report.problems:
        assert problem.code in CODES, problem
        loc = problem.location
        if loc.path != shown or not loc.line or problem.code in UNCHECKED:
            continue
        assert 1 <= loc.line <= len(lines) + 1, problem
        if loc.line <= len(lines):
            assert 1 <= loc.column <= len(lines[loc.line - 1]) + 1, problem
    for fmt in formats.FORMATS:
        formats.write_report(report, fmt, io.StringIO(), {})


def test_one_input(data: bytes) -> None:
    """One run: write the bytes into the registry, validate, check, undo."""
    target = TARGETS.get(data[0], DEFAULT_TARGET) if data else DEFAULT_TARGET
    raw = data[1:] if data and data[0] in TARGETS else data
    path = REGISTRY / target
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    before = _digest(REGISTRY)
    try:
        report = validate(REGISTRY)
        _check(report, raw, display_path(path))
        assert _digest(REGISTRY) == before, "validate changed a file"
    finally:
        if target in ORIGINALS:
            path.write_bytes(ORIGINALS[target])
        else:
            path.unlink()


def main() -> None:
    """Fuzz until libFuzzer's options say stop."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
