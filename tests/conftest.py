"""Shared fixtures and the Hypothesis profiles."""

from __future__ import annotations

import os
import shutil

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hypothesis import HealthCheck, settings


HERE = Path(__file__).parent
ROOT = HERE.parent
SHIPPED = ROOT / "registry_data"
DATA = HERE / "data"
#: A signature of the shipped letter that a source says was added after
#: the letter was published, and where it goes in the registry.
LATE_SIGNATURE_PATH = (
    "signatures/survivors-letter-2023/survivors-letter-2023--nspcc.yaml"
)
LATE_SIGNATURE = (
    "id: survivors-letter-2023--nspcc\n"
    "letter: survivors-letter-2023\n"
    "signatory: nspcc\n"
    "role: organisation\n"
    "signed_on: 2024-01-15\n"
    "sources:\n"
    '  - url: "https://example.org/later"\n'
)

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
settings.load_profile(
    os.environ.get(
        "HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"
    )
)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the same output wherever they run: no CI or colour
    settings leak in from the environment (GitHub Actions sets
    GITHUB_ACTIONS, which switches validate to annotations)."""
    for name in (
        "GITHUB_ACTIONS",
        "NO_COLOR",
        "TERM",
        "COALITION_REGISTRY_WORKERS",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(name="shipped_copy")
def _shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of registry_data in a temporary folder, which is made current."""
    target = tmp_path / "registry_data"
    shutil.copytree(SHIPPED, target)
    monkeypatch.chdir(tmp_path)
    return target


WriteFile = Callable[[str, str | bytes], Path]


@pytest.fixture(name="write")
def _write(shipped_copy: Path) -> WriteFile:
    """Write a file (text or bytes) into the copied registry."""

    def write(relative: str, content: str | bytes) -> Path:
        path = shipped_copy / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(name="split_list")
def _split_list(shipped_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A list file of 40 people in the copied registry, which validation
    reads in parts of about 200 characters.
    """
    from coalition_registry import workers

    monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 1)
    monkeypatch.setattr(workers, "PART_BYTES", 200)
    people = "".join(
        f"- id: person-{i:06d}\n  disclosure: anonymous\n"
        "  country: GB\n  sources:\n    - url: https://example.org\n"
        for i in range(40)
    )
    path = shipped_copy / "people" / "many.yaml"
    path.write_text(people, "utf-8")
    return path


@pytest.fixture(name="reads")
def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files (or parts of files) each validation parses: those it could
    not take from the cache.
    """
    from coalition_registry import validation

    seen: list[str] = []
    real = validation.records_from

    def counting(doc: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(doc.path)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(validation, "records_from", counting)
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "1")
    return seen


class LinesLookedAt:
    """How many lines of a file's text the search for where a value starts
    (:func:`parsing.value_start`) looks at, in a test.
    """

    def __init__(self) -> None:
        self.count = 0

    def lines(self, found: list[str]) -> list[str]:
        """*found*, counting each look at one of its lines."""
        counter = self

        class Counted(list[str]):
            def __getitem__(self, index: Any) -> Any:
                counter.count += 1
                return super().__getitem__(index)

        return Counted(found)


@pytest.fixture(name="lines_looked_at")
def _lines_looked_at(monkeypatch: pytest.MonkeyPatch) -> LinesLookedAt:
    """Counts the lines the search for a value's start looks at."""
    from coalition_registry import parsing

    looked = LinesLookedAt()
    split = parsing._lines_of
    monkeypatch.setattr(
        parsing, "_lines_of", lambda text: looked.lines(split(text))
    )
    return looked


def interrupt_open(
    monkeypatch: pytest.MonkeyPatch,
    when: Callable[[str, int], bool] = lambda name, flags: True,
) -> list[str]:
    """Make ``os.open``, for a name and flags *when* accepts, make the file
    and then raise KeyboardInterrupt: Ctrl+C (or SIGTERM) during the call
    is raised as it returns, once the file exists.  The names so opened
    are listed in what this returns.
    """
    real_open = os.open
    interrupted: list[str] = []

    def open_then_interrupted(name: Any, flags: int, *args: Any) -> int:
        fd = real_open(name, flags, *args)
        if not when(os.fspath(name), flags):
            return fd
        os.close(fd)
        interrupted.append(os.fspath(name))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", open_then_interrupted)
    return interrupted


class Recorder:
    """Keeps what validation reports."""

    def __init__(self) -> None:
        self.total = 0
        self.files = 0.0
        self.records = 0
        self.finished = 0

    def start(self, files: int) -> None:
        self.total += files

    def advance(self, files: float, records: int) -> None:
        self.files += files
        self.records += records

    def finish(self) -> None:
        self.finished += 1
