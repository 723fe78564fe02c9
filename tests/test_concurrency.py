"""
Concurrency: several processes validating one registry at once all see the
same thing, and a file rewritten while it is being read is seen as the old
content or the new, never as a torn mixture reported as valid.

The readers are subprocesses that validate again and again; the writer is
a thread of the test's process, so each reader runs beside another process
that rewrites a file.  What each reader sees is summarised (its problems,
and the first word of the names of the records that change) and compared
with the summaries of the versions the writer writes, taken while nothing
writes.  Timing decides which versions a reader happens to see, so the
tests check only that each sighting is one of the allowed ones.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coalition_registry.model import Organisation
from coalition_registry.validation import read_records
from test_hostile import HOSTILE, snapshot


TARGET = "organisations/example-charity.yaml"
BULK = "groups/bulk.yaml"
# Above workers.MIN_BYTES_TO_SPLIT: read in parts by worker processes.
BULK_GROUPS = 24_000

#: Validates N times and prints one JSON summary a line.
READER = """
import collections, json, sys
import coalition_registry as cr
for _ in range(int(sys.argv[1])):
    report = cr.validate("registry_data")
    words = collections.Counter(
        str(r.name).split()[0]
        for r in report.registry_records
        if str(getattr(r, "id", "")).startswith(("example-", "bulk-"))
    )
    print(json.dumps({
        "problems": [str(p) for p in report.problems],
        "names": sorted(words.items()),
    }), flush=True)
"""

Summary = str


def read(root: Path, times: int, timeout: float = 300) -> list[Summary]:
    """Validate *times* in a fresh process; one summary each."""
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, "-c", READER, str(times)],
        cwd=root.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == times
    return lines


def readers(root: Path, count: int, times: int) -> list[list[Summary]]:
    """*count* processes, started together, each validating *times*."""
    procs = [
        subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, "-c", READER, str(times)],
            cwd=root.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    seen = []
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            for p in procs:
                p.kill()
                p.communicate()
            pytest.fail("a reader was still running after 300 s: a hang")
        assert "Traceback" not in err, err
        assert proc.returncode == 0, err
        seen.append(out.splitlines())
        assert len(seen[-1]) == times
    return seen


@contextlib.contextmanager
def writing(step: Callable[[int], None]) -> Iterator[list[int]]:
    """Run *step* (given a counter) again and again in a thread until the
    body ends; yields a list holding how many steps were done.
    """
    stop = threading.Event()
    done = [0]
    failure: list[BaseException] = []

    def loop() -> None:
        try:
            while not stop.is_set():
                step(done[0])
                done[0] += 1
        except BaseException as e:  # noqa: BLE001 - re-raised below
            failure.append(e)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive(), "the writer did not stop"
    if failure:
        raise failure[0]


def replace_atomically(path: Path, raw: bytes) -> None:
    """Write a hidden file beside *path* (hidden files are not read), then
    rename it over *path*: readers see the old file or the new one.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)


def rewrite_in_place(path: Path, raw: bytes) -> None:
    """Truncate *path* and write it again in two halves with a pause
    between: a reader may see it empty or half written.
    """
    half = len(raw) // 2
    with path.open("r+b") as f:
        f.truncate(0)
        f.write(raw[:half])
        f.flush()
        os.fsync(f.fileno())
        time.sleep(0.002)
        f.write(raw[half:])


ORG_SOURCES = 'sources:\n  - url: "https://example.org/about"\n'


def org(name: str, extra: str = "") -> bytes:
    """A record whose every proper prefix is invalid: the name, which is
    required, comes last and is quoted.
    """
    return (
        f'id: example-charity\n{ORG_SOURCES}{extra}name: "{name}"\n'
    ).encode()


OLD = org("Old Example Charity")
NEW = org("New Example Charity", "kind: charity\n")
NEW_INVALID = org("New Example Charity", "kind: shop\n")


def bulk(word: str, *, broken: bool = False) -> bytes:
    """A list file of groups named "<word> group <n>", over 2 MiB."""
    lines = [
        f"- id: bulk-{i:05d}\n  name: {word} group {i}\n"
        '  sources:\n    - url: "https://example.org/groups"\n'
        for i in range(BULK_GROUPS)
    ]
    if broken:
        lines.append("- id: bulk-broken\n  name: [not, text]\n")
    return "".join(lines).encode()


def summaries(root: Path, path: Path, versions: list[bytes]) -> set[str]:
    """What a reader must see with each version of *path* in place."""
    out = set()
    for raw in versions:
        path.write_bytes(raw)
        (line,) = read(root, 1)
        out.add(line)
    return out


# -- several readers, nothing written ---------------------------------------


def test_simultaneous_validations_agree(shipped_copy: Path) -> None:
    """Three processes validating one registry at once, the bulk file read
    in parts by worker processes in each: all print the same, every time,
    and no file changes.
    """
    for case in ("syntax-unknown-escape", "tag-python-apply-value"):
        raw = (HOSTILE / f"{case}.yaml").read_bytes()
        (shipped_copy / "organisations" / f"{case}.yaml").write_bytes(raw)
    (shipped_copy / BULK).write_bytes(bulk("Old", broken=True))
    (alone,) = read(shipped_copy, 1)
    before = snapshot(shipped_copy)

    seen = readers(shipped_copy, 3, 1)

    assert {line for lines in seen for line in lines} == {alone}
    assert snapshot(shipped_copy) == before
    assert json.loads(alone)["problems"], "the registry was meant to fail"


# -- a writer beside the readers -----------------------------------------------


@pytest.mark.parametrize(
    "versions",
    [
        pytest.param([OLD, NEW], id="valid-to-valid"),
        pytest.param([OLD, NEW_INVALID], id="valid-to-invalid"),
    ],
)
def test_atomic_replacement_is_read_old_or_new(
    versions: list[bytes], shipped_copy: Path
) -> None:
    path = shipped_copy / TARGET
    allowed = summaries(shipped_copy, path, versions)
    assert len(allowed) == 2

    def step(i: int) -> None:
        replace_atomically(path, versions[i % 2])

    with writing(step) as done:
        seen = readers(shipped_copy, 2, 25)

    assert done[0] > 0
    assert {line for lines in seen for line in lines} <= allowed


def test_bulk_file_read_in_parts_is_old_or_new(shipped_copy: Path) -> None:
    """A list file large enough to be split among worker processes, replaced
    while it is read: the parts must all come from one version.
    """
    path = shipped_copy / BULK
    versions = [bulk("Old"), bulk("New", broken=True)]
    allowed = summaries(shipped_copy, path, versions)
    assert len(allowed) == 2

    def step(i: int) -> None:
        replace_atomically(path, versions[i % 2])
        time.sleep(0.05)

    with writing(step) as done:
        seen = readers(shipped_copy, 2, 2)

    assert done[0] > 0
    assert {line for lines in seen for line in lines} <= allowed


def test_in_place_rewrite_is_never_valid_when_torn(shipped_copy: Path) -> None:
    """Rewritten in place, a file can be read empty or half written; the
    versions are such that every part of them is invalid, so a reader that
    sees a valid file must have seen a whole version.
    """
    path = shipped_copy / TARGET
    versions = [OLD, NEW]
    allowed = summaries(shipped_copy, path, versions)
    for raw in versions:
        # Every proper prefix is invalid (but the one without the final
        # line break, which is the same record).
        for cut in range(len(raw) - 1):
            result = read_records(
                raw[:cut], TARGET, Organisation, stem="example-charity"
            )
            assert any(p.is_error for p in result.problems), raw[:cut]
    path.write_bytes(OLD)

    def step(i: int) -> None:
        rewrite_in_place(path, versions[i % 2])

    with writing(step) as done:
        seen = readers(shipped_copy, 2, 25)

    assert done[0] > 0
    for line in (line for lines in seen for line in lines):
        if line not in allowed:
            assert any(
                " error " in problem
                for problem in json.loads(line)["problems"]
            ), f"a torn read was reported as valid: {line}"


def test_file_deleted_and_recreated_while_read(shipped_copy: Path) -> None:
    """A file that disappears between listing and reading is a problem
    (or simply absent), never a crash.
    """
    path = shipped_copy / TARGET
    allowed = summaries(shipped_copy, path, [OLD])
    path.unlink()
    (absent,) = read(shipped_copy, 1)
    allowed.add(absent)

    def step(i: int) -> None:
        if i % 2:
            replace_atomically(path, OLD)
        else:
            path.unlink(missing_ok=True)

    with writing(step) as done:
        seen = readers(shipped_copy, 2, 25)

    assert done[0] > 0
    for line in (line for lines in seen for line in lines):
        if line not in allowed:
            problems = json.loads(line)["problems"]
            assert any(
                p.startswith(f"registry_data/{TARGET}: error file-unreadable")
                for p in problems
            ), line
