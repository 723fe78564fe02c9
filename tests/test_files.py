"""Reading a record file's bytes: whole, in as few system calls as it takes."""

from __future__ import annotations

import errno
import os

from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import files
from coalition_registry.problems import Problem


TEXT = b'id: barnardos\nname: "Barnardo\'s"\n' * 50


@pytest.fixture(name="record")
def _record(tmp_path: Path) -> Path:
    path = tmp_path / "barnardos.yaml"
    path.write_bytes(TEXT)
    return path


def counting_reads(
    monkeypatch: pytest.MonkeyPatch, at_most: int | None = None
) -> list[int]:
    """Count os.read calls; with *at_most*, give no more bytes per call, as
    a network or FUSE file system may.
    """
    calls: list[int] = []
    real = os.read

    def read(fd: int, n: int) -> bytes:
        calls.append(n)
        return real(fd, n if at_most is None else min(n, at_most))

    monkeypatch.setattr(os, "read", read)
    return calls


def test_a_file_is_read_in_one_call(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_reads(monkeypatch)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    assert [len(TEXT) + 1] == calls


def test_short_reads_are_read_to_the_end(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_reads(monkeypatch, at_most=7)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    assert len(calls) > len(TEXT) // 7


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    assert b"" == files.read_bytes(str(path), "f.yaml", 10**6)


def test_a_file_over_the_limit(record: Path) -> None:
    problem = files.read_bytes(str(record), "f.yaml", 100)
    assert isinstance(problem, Problem)
    assert "file-too-large" == problem.code
    assert f"has {len(TEXT):,} bytes" in problem.message


@pytest.mark.parametrize("said", [0, 10, len(TEXT) - 1])
def test_a_file_larger_than_fstat_says_is_read_whole(
    record: Path, monkeypatch: pytest.MonkeyPatch, said: int
) -> None:
    """A file that grew after fstat, or that gives no size (as /proc)."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = real(fd)
        fields = list(info[:10])
        fields[6] = said  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)
    assert TEXT == files.read_bytes(str(record), "f.yaml", 10**6)
    too_large = files.read_bytes(str(record), "f.yaml", 100)
    assert isinstance(too_large, Problem)
    assert "file-too-large" == too_large.code


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        (errno.ENOENT, "it was moved or deleted while being read; run again"),
        (errno.EACCES, "check its permissions"),
        (errno.EPERM, "check its permissions"),
        (errno.EISDIR, "it is a folder"),
        (errno.ENAMETOOLONG, "its path is too long"),
    ],
)
def test_the_advice_fits_the_reason(
    record: Path, monkeypatch: pytest.MonkeyPatch, number: int, advice: str
) -> None:
    """What to do about a file that cannot be read depends on why."""

    def refuse(*_: Any) -> int:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "open", refuse)
    problem = files.read_bytes(str(record), "f.yaml", 10**6)
    assert isinstance(problem, Problem)
    assert "file-unreadable" == problem.code
    reason = os.strerror(number).lower()
    assert f"the file cannot be read ({reason}); {advice}" in problem.message
    if number not in {errno.EACCES, errno.EPERM}:
        assert "permissions" not in problem.message


def test_a_file_deleted_after_the_listing(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that vanishes between the listing and the reading is reported
    as such, not as a matter of permissions."""
    gone = shipped_copy / "organisations" / "nspcc.yaml"
    real = files.walk

    def walk(root: Path) -> list[files.FileEntry]:
        entries = real(root)
        gone.unlink(missing_ok=True)
        return entries

    monkeypatch.setattr(files, "walk", walk)
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "1")
    messages = [
        p.message
        for p in cr.validate(shipped_copy).problems
        if p.location.path.endswith("organisations/nspcc.yaml")
    ]
    expected = (
        "the file cannot be read (no such file or directory); it was moved "
        "or deleted while being read; run again"
    )
    assert [expected] == messages
