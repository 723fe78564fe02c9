"""bench/generate.py: the benchmarks' registry is one a contributor could
have written: it validates, and fmt leaves every file as it is.
"""

from __future__ import annotations

import io
import subprocess
import sys

from pathlib import Path

import pytest

from coalition_registry.cli import run
from conftest import ROOT


@pytest.mark.parametrize("layout", ["many", "few"])
def test_generated_registry_is_valid_and_canonical(
    tmp_path: Path, layout: str
) -> None:
    """The registry validates with no error, and ``fmt --check`` finds
    every file canonical, so the benchmarks time the common case."""
    out = tmp_path / "reg"
    subprocess.run(  # noqa: S603 - our own script
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--signatories",
            "300",
            "--layout",
            layout,
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["validate", "--no-progress", str(out)]
    assert 0 == run(argv, stdout=stdout, stderr=stderr), stdout.getvalue()
    assert " 0 error(s)" in stdout.getvalue()
    stdout = io.StringIO()
    assert 0 == run(["fmt", "--check", str(out)], stdout=stdout, stderr=stderr)
    assert "0 file(s) would be reformatted" in stdout.getvalue()
