"""The validation cache: the same report, fewer files read, never stale, and
a cache file that cannot make the validator run code."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
import warnings

from pathlib import Path
from typing import Any

import attrs
import pytest

import coalition_registry as cr

from coalition_registry import cache as cache_module
from coalition_registry import files, workers
from coalition_registry.cache import Cache, _check
from coalition_registry.cli import run
from coalition_registry.files import display_path
from coalition_registry.validation import CacheWarning
from conftest import Recorder, interrupt_open


def report_lines(report: cr.Report) -> list[str]:
    return [str(p) for p in report.problems]


def plant_unknown_country(root: Path) -> None:
    """Give Barnardo's the country "UK": one unknown-country error."""
    barnardos = root / "organisations" / "barnardos.yaml"
    barnardos.write_text(
        barnardos.read_text("utf-8").replace(
            'hq_country: "GB"', "hq_country: UK"
        )
    )


def test_second_run_reads_nothing_and_reports_the_same(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    assert 30 == len(reads)
    reads.clear()
    second = cr.validate(shipped_copy, cache=cache)
    assert [] == reads
    assert report_lines(first) == report_lines(second)
    assert any("unknown-country" in line for line in report_lines(second))
    assert (first.files, first.records) == (second.files, second.records)
    assert first.registry_records == second.registry_records
    assert [r.positions for r in first.registry_records] == [
        r.positions for r in second.registry_records
    ]


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    cr.validate(shipped_copy, cache=cache)
    before = nspcc.stat()
    text = nspcc.read_text("utf-8")
    changed = text.replace('hq_country: "GB"', 'hq_country: "GX"')
    assert len(changed) == len(text)
    assert changed != text
    nspcc.write_text(changed, "utf-8")
    os.utime(nspcc, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (before.st_size, before.st_mtime_ns) == (
        nspcc.stat().st_size,
        nspcc.stat().st_mtime_ns,
    )
    reads.clear()
    report = cr.validate(shipped_copy, cache=cache)
    assert [display_path(nspcc)] == reads
    assert ["unknown-country"] == [p.code for p in report.problems]
    # And back: the first content is found again.
    nspcc.write_text(text, "utf-8")
    reads.clear()
    assert cr.validate(shipped_copy, cache=cache).valid
    assert [display_path(nspcc)] == reads


# Files not read at all: their inode, size and times stand for their bytes.


@pytest.fixture(name="settled", params=[False, True], ids=["new", "settled"])
def _settled(request: pytest.FixtureRequest, mp: pytest.MonkeyPatch) -> bool:
    """Whether the registry's files count as changed long enough ago for
    their inode, size and times to stand for their bytes, as most files of
    a registry are; else each is read, as a file just changed is.
    """
    settled = bool(request.param)
    mp.setattr(cache_module, "SETTLED_NS", 0 if settled else 10**18)
    return settled


@pytest.fixture(name="mp")
def _mp(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    return monkeypatch


@pytest.fixture(name="opened")
def _opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files each validation reads the bytes of (in this
    process; registry.yaml is read in every run).
    """
    seen: list[str] = []
    real = files.read_bytes

    def counting(path: str, shown: str, max_bytes: int, *more: Any) -> Any:
        if os.path.basename(path) != "registry.yaml":
            seen.append(shown)
        return real(path, shown, max_bytes, *more)

    monkeypatch.setattr(files, "read_bytes", counting)
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "1")
    return seen


def rewrite_keeping_size_and_time(path: Path, text: str) -> None:
    """Write *text* over *path*'s text of the same size, and set its
    modification time back; again, until its change time moves (it moves
    with the clock's tick, which is coarse on some systems).
    """
    before = path.stat()
    assert len(text.encode()) == before.st_size
    while True:
        path.write_text(text, "utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        if after.st_ctime_ns != before.st_ctime_ns:
            break
        time.sleep(0.01)
    assert (before.st_size, before.st_mtime_ns) == (
        after.st_size,
        after.st_mtime_ns,
    )


def test_a_settled_file_is_not_read_again(
    shipped_copy: Path, tmp_path: Path, settled: bool, opened: list[str]
) -> None:
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    assert 30 == len(opened)
    for keep_records in (True, False):
        opened.clear()
        again = cr.validate(
            shipped_copy, cache=cache, keep_records=keep_records
        )
        assert report_lines(first) == report_lines(again)
        assert (first.files, first.records) == (again.files, again.records)
        assert ([] if settled else 30) == (opened if settled else len(opened))
    assert (
        first.registry_records
        == cr.validate(shipped_copy, cache=cache).registry_records
    )


def test_progress_counts_the_files_known_without_reading(
    shipped_copy: Path, tmp_path: Path, settled: bool, opened: list[str]
) -> None:
    cache = tmp_path / "cache"
    plant_unknown_country(shipped_copy)
    first = cr.validate(shipped_copy, cache=cache)
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    with nspcc.open("a", encoding="utf-8") as f:
        f.write("# checked again\n")
    opened.clear()
    told = Recorder()
    report = cr.validate(shipped_copy, cache=cache, progress=told)
    assert (1 if settled else 30) == len(opened)
    assert display_path(nspcc) in opened
    assert (30, 30, 30) == (told.total, told.files, told.records)
    assert report_lines(first) == report_lines(report)


def test_a_settled_file_changed_with_its_size_and_time_kept_is_read(
    shipped_copy: Path, tmp_path: Path, settled: bool, opened: list[str]
) -> None:
    cache = tmp_path / "cache"
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    text = nspcc.read_text("utf-8")
    assert cr.validate(shipped_copy, cache=cache).valid
    rewrite_keeping_size_and_time(
        nspcc, text.replace('hq_country: "GB"', 'hq_country: "GX"')
    )
    opened.clear()
    report = cr.validate(shipped_copy, cache=cache, keep_records=False)
    assert ["unknown-country"] == [p.code for p in report.problems]
    assert display_path(nspcc) in opened
    assert (1 if settled else 30) == len(opened)
    # And back, with its size and times again those the cache has kept.
    rewrite_keeping_size_and_time(nspcc, text)
    opened.clear()
    assert cr.validate(shipped_copy, cache=cache).valid
    assert display_path(nspcc) in opened


def test_a_file_replaced_by_another_is_read(
    shipped_copy: Path, tmp_path: Path, settled: bool, opened: list[str]
) -> None:
    """Another file moved into its place (a checkout, an editor saving
    through a temporary file), with the same size and modification time."""
    cache = tmp_path / "cache"
    assert cr.validate(shipped_copy, cache=cache).valid
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    before = nspcc.stat()
    other = tmp_path / "nspcc.yaml"
    other.write_text(
        nspcc.read_text("utf-8").replace(
            'hq_country: "GB"', 'hq_country: "GX"'
        )
    )
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(other, nspcc)
    opened.clear()
    report = cr.validate(shipped_copy, cache=cache)
    assert ["unknown-country"] == [p.code for p in report.problems]
    assert (1 if settled else 30) == len(opened)


def test_a_path_that_led_to_another_file_as_it_was_read_keeps_no_times(
    shipped_copy: Path, tmp_path: Path, mp: pytest.MonkeyPatch
) -> None:
    """Two folders' names swapped between the look and the read, and back
    after the run: the result of the file read was kept under the times of
    the one looked at, and served as valid when the path led back."""
    mp.setattr(cache_module, "SETTLED_NS", 0)
    mp.setenv("COALITION_REGISTRY_WORKERS", "1")
    letter = shipped_copy / "letters"
    variant = tmp_path / "variant"
    shutil.copytree(letter, variant)
    for path in letter.glob("*.yaml"):  # the registry's own made invalid
        path.write_text(path.read_text().replace("date: 2023", "date: x2023"))
    time.sleep(0.05)
    truth = report_lines(cr.validate(shipped_copy))
    assert truth

    def swap() -> None:
        os.rename(letter, tmp_path / "held")
        os.rename(variant, letter)
        os.rename(tmp_path / "held", variant)

    look = Cache.look

    def look_then_swap(self: Cache, entries: Any) -> None:
        look(self, entries)
        swap()

    mp.setattr(Cache, "look", look_then_swap)
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache, keep_records=False)
    mp.setattr(Cache, "look", look)
    swap()
    assert truth == report_lines(
        cr.validate(shipped_copy, cache=cache, keep_records=False)
    )


def test_look_takes_only_files_that_last_changed_a_while_ago(
    shipped_copy: Path, tmp_path: Path, mp: pytest.MonkeyPatch
) -> None:
    entries = files.walk(shipped_copy)
    store = Cache(tmp_path, display_path(shipped_copy), cr.Limits())
    mp.setattr(cache_module, "SETTLED_NS", 10**18)
    store.look(entries)
    assert {} == store._stats
    mp.setattr(cache_module, "SETTLED_NS", 0)
    store.look(entries)
    assert {e.shown for e in entries} == set(store._stats)
    assert {} == store.known_files()  # nothing was kept to compare with
    # A file changed in the future (a clock set wrong) is never settled.
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    later = time.time_ns() + 3600 * 10**9
    os.utime(nspcc, ns=(later, later))
    store = Cache(tmp_path, display_path(shipped_copy), cr.Limits())
    store.look(entries)
    assert display_path(nspcc) not in store._stats
    assert len(entries) - 1 == len(store._stats)


@pytest.mark.skipif(
    sys.platform == "darwin", reason="macOS names must be UTF-8"
)
def test_a_file_whose_name_is_shown_escaped_is_read_every_time(
    shipped_copy: Path,
    tmp_path: Path,
    mp: pytest.MonkeyPatch,
    opened: list[str],
) -> None:
    """Renamed to another name shown alike, it could keep its times."""
    mp.setattr(cache_module, "SETTLED_NS", 0)
    folder = os.fsencode(shipped_copy / "organisations")
    os.rename(folder + b"/nspcc.yaml", folder + b"/x\x85.yaml")
    cache = tmp_path / "cache"
    expected = report_lines(cr.validate(shipped_copy, cache=cache))
    opened.clear()
    assert expected == report_lines(cr.validate(shipped_copy, cache=cache))
    assert [
        display_path(shipped_copy) + "/organisations/x\\x85.yaml"
    ] == opened


@pytest.mark.parametrize(
    "stats",
    [
        "garbage",
        {"x": "y"},
        None,
        "ALL-WRONG",
        "ALL-LISTS",
    ],
)
def test_damaged_sizes_and_times_in_the_cache_are_ignored(
    shipped_copy: Path,
    tmp_path: Path,
    mp: pytest.MonkeyPatch,
    opened: list[str],
    stats: Any,
) -> None:
    mp.setattr(cache_module, "SETTLED_NS", 0)
    cache = tmp_path / "cache"
    plant_unknown_country(shipped_copy)
    expected = report_lines(cr.validate(shipped_copy, cache=cache))
    (cache_file,) = cache.iterdir()
    with open(cache_file, "rb") as f:
        data = pickle.load(f)  # noqa: S301 - our own test file
    assert len(data["stats"]) == 30
    if stats == "ALL-WRONG":
        stats = {k: (*v[:-1], v[-1] + 1) for k, v in data["stats"].items()}
    elif stats == "ALL-LISTS":
        stats = {k: list(v) for k, v in data["stats"].items()}
    data["stats"] = stats
    with open(cache_file, "wb") as f:
        pickle.dump(data, f)
    opened.clear()
    assert expected == report_lines(cr.validate(shipped_copy, cache=cache))
    assert 30 == len(opened)
    # Mended.
    opened.clear()
    assert expected == report_lines(cr.validate(shipped_copy, cache=cache))
    assert [] == opened


def test_a_month_is_served_as_it_was_read(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    """A letter dated to the month: its PartialDate is one of the few
    classes an entry may name."""
    path = shipped_copy / "letters" / "survivors-letter-2023.yaml"
    path.write_text(
        path.read_text("utf-8").replace("date: 2023-09-18", "date: 2023-09")
    )
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    reads.clear()
    second = cr.validate(shipped_copy, cache=cache)
    assert [] == reads
    assert second.registry is not None
    letter = second.registry.letter("survivors-letter-2023")
    assert cr.PartialDate(2023, 9) == letter.date
    assert first.registry_records == second.registry_records


def test_removed_and_added_files(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache)
    (shipped_copy / "organisations" / "eurochild.yaml").unlink()
    reads.clear()
    report = cr.validate(shipped_copy, cache=cache)
    assert [] == reads
    assert "unknown-reference" in {p.code for p in report.problems}


def test_other_limits_use_another_cache(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache)
    reads.clear()
    report = cr.validate(
        shipped_copy, cache=cache, limits=cr.Limits(max_depth=3)
    )
    assert 30 == len(reads)
    assert "too-deep" in {p.code for p in report.problems}


class Boom:
    """Unpickling this would run a command."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch boom-was-run",))


def poison(cache_file: Path, make: Any, *, checked: bool = True) -> None:
    """Replace each entry's pickle with ``make(blob)``; with its checksum
    made again when *checked*, as whoever can write the cache can.
    """
    with open(cache_file, "rb") as f:
        data = pickle.load(f)  # noqa: S301 - our own test file
    data["files"] = {
        path: (
            digest,
            count,
            new := make(blob),
            _check(new) if checked else check,
        )
        for path, (digest, count, blob, check) in data["files"].items()
    }
    with open(cache_file, "wb") as f:
        pickle.dump(data, f)


def tamper(**changes: Any) -> Any:
    """Make an entry that unpickles to its file's result with *changes*
    (``SHOWN`` standing for the file's path as shown).
    """

    def make(blob: bytes) -> bytes:
        result = pickle.loads(blob)  # noqa: S301 - our own test file
        fixed = {
            k: tuple(
                tuple(result.path if x == "SHOWN" else x for x in v)
                if isinstance(v, tuple)
                else v
                for v in value
            )
            for k, value in changes.items()
        }
        return pickle.dumps(attrs.evolve(result, **fixed))

    return make


@pytest.mark.parametrize(
    "make",
    [
        lambda blob: pickle.dumps(Boom()),
        lambda blob: pickle.dumps([Boom()]),
        lambda blob: blob[: len(blob) // 2],
        lambda blob: b"not a pickle",
        lambda blob: pickle.dumps("a text"),
        # FileRecords made without its constructor: no field is set.
        lambda blob: (
            b"\x80\x02ccoalition_registry.validation\nFileRecords\n)\x81."
        ),
        # Results whose parts the checks across records would trip on.
        tamper(refs=((1,),)),
        tamper(ids=((),)),
        tamper(ids=(("x", "organisation", "elsewhere.yaml", 1, 1),)),
        tamper(ids=(("x", "organisation", "SHOWN", "1", 1),)),
        tamper(problems=("not a problem",)),
        tamper(records=(1,)),
        lambda blob: b"\x80\x05\x96" + (2**62).to_bytes(8, "little") + b".",
    ],
    ids=[
        "code",
        "code-inside",
        "cut",
        "garbage",
        "not-a-result",
        "no-init",
        "short-reference",
        "empty-id",
        "id-elsewhere",
        "text-line",
        "not-a-problem",
        "not-a-record",
        "huge-bytearray",
    ],
)
@pytest.mark.usefixtures("settled")
def test_a_hostile_or_damaged_entry_is_a_miss(
    shipped_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    reads: list[str],
    make: Any,
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    expected = report_lines(cr.validate(shipped_copy, cache=cache))
    (cache_file,) = cache.iterdir()
    poison(cache_file, make)
    reads.clear()
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        report = cr.validate(shipped_copy, cache=cache)
    assert "" == printed.getvalue()
    assert not (tmp_path / "boom-was-run").exists()
    assert 30 == len(reads)
    assert expected == report_lines(report)
    # The cache is mended.
    reads.clear()
    cr.validate(shipped_copy, cache=cache)
    assert [] == reads


def flip_a_bit_in(text: bytes) -> Any:
    """A *make* for :func:`poison` that flips one bit of *text*, where an
    entry holds it.
    """

    def make(blob: bytes) -> bytes:
        at = blob.find(text)
        if at < 0:
            return blob
        return blob[:at] + bytes([blob[at] ^ 0x01]) + blob[at + 1 :]

    return make


@pytest.mark.usefixtures("settled")
def test_an_entry_changed_by_accident_is_a_miss(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    expected = report_lines(cr.validate(shipped_copy, cache=cache))
    (cache_file,) = cache.iterdir()
    # "Barnardo's" would become "Carnardo's", a valid name.
    flip = flip_a_bit_in(b"Barnardo's")
    poison(cache_file, flip, checked=False)
    reads.clear()
    report = cr.validate(shipped_copy, cache=cache)
    assert [display_path(shipped_copy / "organisations/barnardos.yaml")] == (
        reads
    )
    assert expected == report_lines(report)
    names = {getattr(r, "name", None) for r in report.registry_records}
    assert "Barnardo's" in names
    assert "Carnardo's" not in names


@pytest.mark.usefixtures("settled")
def test_an_entry_whose_count_changed_is_a_miss(
    shipped_copy: Path, tmp_path: Path, reads: list[str]
) -> None:
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache)
    (cache_file,) = cache.iterdir()
    with open(cache_file, "rb") as f:
        data = pickle.load(f)  # noqa: S301 - our own test file
    data["files"] = {
        path: (digest, count + 1, blob, check)
        for path, (digest, count, blob, check) in data["files"].items()
    }
    with open(cache_file, "wb") as f:
        pickle.dump(data, f)
    reads.clear()
    report = cr.validate(shipped_copy, cache=cache)
    assert 30 == len(reads)
    assert report.valid


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        pickle.dumps(Boom()),
        pickle.dumps({"format": 1}),
        # A bytearray of 2**62 bytes: CPython's unpickler printed
        # "SystemError: deallocated bytearray object has exported buffers".
        b"\x80\x05\x96" + (2**62).to_bytes(8, "little") + b"abc.",
    ],
    ids=["empty", "garbage", "code", "wrong-shape", "huge-bytearray"],
)
def test_a_hostile_or_damaged_cache_file_is_ignored(
    shipped_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache)
    (cache_file,) = cache.iterdir()
    cache_file.write_bytes(content)
    capsys.readouterr()
    assert cr.validate(shipped_copy, cache=cache).valid
    assert ("", "") == capsys.readouterr()
    assert not (tmp_path / "boom-was-run").exists()
    assert Cache(cache, display_path(shipped_copy), cr.Limits()).load()


def test_a_cache_that_cannot_be_written_is_a_warning(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.warns(CacheWarning, match="could not be written"):
        assert cr.validate(shipped_copy, cache=blocker / "cache").valid
    err = io.StringIO()
    code = run(
        ["validate", str(shipped_copy), "--cache", str(blocker / "cache")],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert 0 == code
    assert err.getvalue().startswith(
        "coalition-registry: warning: the cache could not be written"
    )
    # In GitHub Actions, where a passing job's log goes unread, it is an
    # annotation on the run.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    err = io.StringIO()
    run(
        ["validate", str(shipped_copy), "--cache", str(blocker / "cache")],
        stdout=io.StringIO(),
        stderr=err,
    )
    assert err.getvalue().startswith(
        "::warning title=cache::the cache could not be written"
    )


@pytest.mark.filterwarnings("default::RuntimeWarning")
def test_a_warning_not_about_the_cache_is_not_titled_cache(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing warns of a slow reader (no ruamel.yaml.clib) as validate
    runs: in GitHub Actions, that was an annotation titled "cache"."""
    from coalition_registry.cli import validate as command

    def slow(*args: Any, **kwargs: Any) -> cr.Report:
        warnings.warn("the reader is slow", RuntimeWarning, stacklevel=1)
        return cr.validate(*args, **kwargs)

    monkeypatch.setattr(command, "validate", slow)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    err = io.StringIO()
    run(["validate", str(shipped_copy)], stdout=io.StringIO(), stderr=err)
    assert (
        "::warning title=coalition-registry::the reader is slow\n"
        == err.getvalue()
    )


def test_an_interruption_as_the_cache_is_written_leaves_no_file(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C (or SIGTERM) during os.open is raised as the call returns,
    once the temporary file is made: mkstemp lost its name, and a copy of
    the registry's data, private fields included, stayed in the folder.
    """
    cache = tmp_path / "cache"
    interrupt_open(monkeypatch, lambda name, flags: bool(flags & os.O_CREAT))
    with pytest.raises(KeyboardInterrupt):
        cr.validate(shipped_copy, cache=cache)
    monkeypatch.undo()
    assert [] == list(cache.iterdir())


def test_a_cache_folder_that_is_a_file_says_so(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """``--cache`` naming a file warned "(file exists)"."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.warns(CacheWarning, match=r"\(not a directory\)"):
        assert cr.validate(shipped_copy, cache=blocker).valid
    assert "not a folder" == blocker.read_text()


def test_a_cache_in_the_registry_folder_is_a_warning(
    shipped_copy: Path,
) -> None:
    """``git add`` would publish it, private values and all."""
    inside = shipped_copy / "people" / "cache"
    with pytest.warns(CacheWarning, match="inside the registry folder"):
        assert cr.validate(shipped_copy, cache=inside).valid
    # It is still a cache: the warning says where it is, not that it failed.
    assert [p.suffix for p in inside.iterdir()] == [".pickle"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_cache_git_ignores_in_the_registry_folder_is_no_warning(
    shipped_copy: Path,
) -> None:
    git = shutil.which("git")
    assert git is not None
    subprocess.run(  # noqa: S603 - git, in a test
        [git, "init", "-q", os.fspath(shipped_copy)], check=True
    )
    (shipped_copy / ".gitignore").write_text(".cache/\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        assert cr.validate(shipped_copy, cache=shipped_copy / ".cache").valid
    with pytest.warns(CacheWarning, match="list it in .gitignore"):
        cr.validate(shipped_copy, cache=shipped_copy / "kept")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_cache_in_the_repository_git_does_not_ignore_is_a_warning(
    shipped_copy: Path,
) -> None:
    """Beside the registry folder, but in its repository, git add -A
    would publish it as surely."""
    git = shutil.which("git")
    assert git is not None
    repository = shipped_copy.parent
    subprocess.run(  # noqa: S603 - git, in a test
        [git, "init", "-q", os.fspath(repository)], check=True
    )
    with pytest.warns(CacheWarning, match="inside the git repository"):
        cr.validate(shipped_copy, cache=repository / ".cache")
    (repository / ".gitignore").write_text(".cache/\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        assert cr.validate(shipped_copy, cache=repository / ".cache").valid


def test_a_cache_beside_the_registry_folder_is_no_warning(
    shipped_copy: Path,
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        assert cr.validate(shipped_copy, cache=shipped_copy.parent / "c").valid


def test_the_cache_file_is_private_to_its_owner(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """It holds the registry's private fields."""
    cr.validate(shipped_copy, cache=tmp_path / "cache")
    (cache_file,) = (tmp_path / "cache").iterdir()
    assert 0o600 == cache_file.stat().st_mode & 0o777


def test_a_registry_keeps_one_cache_file(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """Another version or other limits replace its cache; another
    registry's cache in the same folder is kept."""
    cache = tmp_path / "cache"
    other = tmp_path / "other" / "registry_data"
    shutil.copytree(shipped_copy, other)
    cr.validate(other, cache=cache)
    cr.validate(shipped_copy, cache=cache)
    assert 2 == len(list(cache.iterdir()))
    cr.validate(shipped_copy, cache=cache, limits=cr.Limits(max_depth=30))
    assert 2 == len(list(cache.iterdir()))
    assert Cache(cache, display_path(other), cr.Limits()).load()


def test_an_empty_cache_option_is_no_cache(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run(
        ["validate", str(shipped_copy), "--cache", ""],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert [] == list(tmp_path.rglob("validate-*.pickle"))


def test_command_line_option_and_environment(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    code = run(
        ["validate", str(shipped_copy), "--cache", str(tmp_path / "a")],
        stdout=out,
        stderr=io.StringIO(),
    )
    assert 0 == code
    assert 1 == len(list((tmp_path / "a").iterdir()))
    monkeypatch.setenv("COALITION_REGISTRY_CACHE", str(tmp_path / "b"))
    run(["validate", str(shipped_copy)], stdout=out, stderr=io.StringIO())
    assert 1 == len(list((tmp_path / "b").iterdir()))


def test_large_list_files_are_cached_whole(
    shipped_copy: Path, tmp_path: Path, split_list: Path, reads: list[str]
) -> None:
    """A list file read in parts is cached with its whole file's digest."""
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    assert len(reads) > 31  # in parts
    reads.clear()
    second = cr.validate(shipped_copy, cache=cache)
    assert [] == reads
    assert first.records == second.records == 70
    assert report_lines(first) == report_lines(second)


@pytest.mark.usefixtures("settled")
def test_helpers_send_hits_and_nothing_is_rewritten(
    shipped_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "2")
    monkeypatch.setattr(workers, "MIN_FILES_FOR_WORKERS", 1)
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    (cache_file,) = cache.iterdir()
    written = cache_file.stat().st_mtime_ns
    second = cr.validate(shipped_copy, cache=cache)
    assert report_lines(first) == report_lines(second)
    assert first.registry_records == second.registry_records
    assert written == cache_file.stat().st_mtime_ns


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_cache_file_that_is_a_pipe_is_ignored(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """Opening a FIFO for reading would wait for a writer for ever: it is
    ignored, and replaced by a cache file, never written into."""
    folder = tmp_path / "cache"
    folder.mkdir()
    store = Cache(folder, display_path(shipped_copy), cr.Limits())
    os.mkfifo(store.path)
    loaded: list[bool] = []
    reader = threading.Thread(target=lambda: loaded.append(store.load()))
    reader.start()
    reader.join(10)
    if reader.is_alive():  # waiting for a writer: be one, and fail
        os.close(os.open(store.path, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
        pytest.fail("loading a cache file that is a pipe waited for a writer")
    assert [False] == loaded
    assert cr.validate(shipped_copy, cache=folder).valid
    assert store.path.is_file()
    assert Cache(folder, display_path(shipped_copy), cr.Limits()).load()


def test_a_cache_file_that_is_a_folder_is_ignored(
    shipped_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    store = Cache(folder, display_path(shipped_copy), cr.Limits())
    store.path.mkdir(parents=True)
    assert store.load() is False
    with pytest.warns(CacheWarning, match="could not be written"):
        assert cr.validate(shipped_copy, cache=folder).valid


@pytest.mark.skipif(
    sys.platform == "darwin", reason="macOS names must be UTF-8"
)
@pytest.mark.usefixtures("settled")
def test_two_names_shown_alike_are_two_entries(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte that is not UTF-8 and the character of that number are both
    shown as ``\\x85``, but the messages about the file name it as it is.
    """
    monkeypatch.chdir(tmp_path)
    folder = os.fsencode(shipped_copy / "organisations")
    nspcc = folder + b"/nspcc.yaml"
    raw_byte = folder + b"/x\x85.yaml"
    character = folder + "/x\u0085.yaml".encode()
    os.rename(nspcc, raw_byte)
    cache = tmp_path / "cache"
    cr.validate(shipped_copy, cache=cache)
    os.rename(raw_byte, character)
    expected = report_lines(cr.validate(shipped_copy))
    assert expected == report_lines(cr.validate(shipped_copy, cache=cache))


@pytest.mark.parametrize("overwritten", ["raw byte", "character"])
@pytest.mark.usefixtures("settled")
def test_two_names_shown_alike_never_serve_a_report(
    shipped_copy: Path, tmp_path: Path, overwritten: str
) -> None:
    """Both files there, one copied over the other: its result is the one
    the other's entry, under the same name shown, holds, but the registry
    now has one id twice.
    """
    folder = os.fsencode(shipped_copy / "organisations")
    raw_byte = folder + b"/example\x85.yaml"
    character = folder + "/example\u0085.yaml".encode()
    record = (
        "id: example-{0}\nname: Example {0}\nkind: charity\n"
        'hq_country: "GB"\nsources:\n  - url: "https://example.org/{0}"\n'
    )
    one, two = (
        (raw_byte, character)
        if overwritten == "raw byte"
        else (character, raw_byte)
    )
    with open(one, "w", encoding="utf-8") as f:
        f.write(record.format("one"))
    with open(two, "w", encoding="utf-8") as f:
        f.write(record.format("two"))
    cache = tmp_path / "cache"
    problems_only(shipped_copy, cache)
    with open(one, "w", encoding="utf-8") as f:
        f.write(record.format("two"))
    expected = report_lines(cr.validate(shipped_copy))
    assert any("duplicate-id" in line for line in expected)
    assert expected == report_lines(problems_only(shipped_copy, cache))


def test_a_crafted_entry_cannot_change_a_severity(
    shipped_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only allowed globals, but pickle's BUILD on a shared enum member:
    every error, in every file, would be printed as a warning.
    """
    monkeypatch.chdir(tmp_path)
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    expected = report_lines(cr.validate(shipped_copy, cache=cache))
    assert any(" error unknown-country" in line for line in expected)
    evil = (
        pickle.PROTO
        + b"\x02"
        + pickle.GLOBAL
        + b"coalition_registry.problems\nSeverity\n"
        + pickle.MARK
        + pickle.UNICODE
        + b"error\n"
        + pickle.TUPLE
        + pickle.REDUCE
        + pickle.EMPTY_DICT
        + pickle.UNICODE
        + b"_value_\n"
        + pickle.UNICODE
        + b"warning\n"
        + pickle.SETITEM
        + pickle.BUILD
        + pickle.STOP
    )
    (cache_file,) = cache.iterdir()
    poison(cache_file, lambda blob: evil)
    try:
        report = cr.validate(shipped_copy, cache=cache)
        assert "error" == cr.Severity.ERROR.value
        assert expected == report_lines(report)
    finally:
        vars(cr.Severity.ERROR)["_value_"] = "error"


def test_the_key_changes_with_python_and_the_dependencies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer pycountry (a country added or renamed) or another Python
    (another Unicode database) can change what a file yields.
    """
    from coalition_registry import cache as cache_module

    package = tmp_path / "example_dependency"
    (package / "databases").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "databases" / "countries.json").write_text('["GB"]')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(
        cache_module,
        "_DEPENDENCY_FILES",
        (("example_dependency", ("databases/countries.json",)),),
    )

    def key() -> str:
        cache_module.code_digest.cache_clear()
        return Cache(tmp_path / "cache", "registry_data", cr.Limits()).key

    try:
        first = key()
        assert first == key()
        (package / "databases" / "countries.json").write_text('["GB", "QZ"]')
        second = key()
        assert first != second
        monkeypatch.setattr(sys, "version", "3.99.0 (an example)")
        assert second != key()
    finally:
        monkeypatch.undo()
        cache_module.code_digest.cache_clear()


def test_a_date_after_today_is_never_served_stale(
    shipped_copy: Path,
    tmp_path: Path,
    reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """implausible-date for a date after today holds until the day comes:
    a file that has one is read again each run, not kept, so the warning
    goes on that day though the file has not changed."""
    from coalition_registry import schema

    source = shipped_copy / "organisations" / "apple.yaml"
    source.write_text(
        source.read_text("utf-8").replace(
            "    publisher:", "    published: 2099-01-01\n    publisher:", 1
        )
    )
    cache = tmp_path / "cache"
    first = cr.validate(shipped_copy, cache=cache)
    assert any("after today" in line for line in report_lines(first))
    reads.clear()
    monkeypatch.setattr(schema, "_latest_date", lambda: "2099-12-31")
    later = cr.validate(shipped_copy, cache=cache)
    assert 1 == len(reads)
    assert reads[0].endswith("apple.yaml")  # read again; the rest from cache
    assert not any("after today" in line for line in report_lines(later))


# The last run's report, served again when no file's result changed.


@pytest.fixture(name="loads")
def _loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose results each validation reads back from the cache."""
    seen: list[str] = []
    real = Cache._load

    def counting(self: Cache, shown: str, entry: Any) -> Any:
        seen.append(shown)
        return real(self, shown, entry)

    monkeypatch.setattr(Cache, "_load", counting)
    return seen


def problems_only(root: Path, cache: Path) -> cr.Report:
    return cr.validate(root, cache=cache, keep_records=False)


def test_a_comment_edited_serves_the_last_report_and_reads_back_nothing(
    shipped_copy: Path, tmp_path: Path, reads: list[str], loads: list[str]
) -> None:
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    first = problems_only(shipped_copy, cache)
    assert ["unknown-country"] == [p.code for p in first.problems]
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    with nspcc.open("a", encoding="utf-8") as f:
        f.write("# checked again on 2026-12-03\n")
    reads.clear()
    loads.clear()
    second = problems_only(shipped_copy, cache)
    assert [display_path(nspcc)] == reads
    assert [] == loads
    assert report_lines(first) == report_lines(second)
    assert (first.files, first.records) == (second.files, second.records)
    assert () == second.registry_records
    assert second.registry is None
    # Nothing changed at all: the same, reading no file either.
    reads.clear()
    assert report_lines(first) == report_lines(
        problems_only(shipped_copy, cache)
    )
    assert [] == reads
    assert [] == loads


def test_a_value_changed_is_checked_across_records_again(
    shipped_copy: Path, tmp_path: Path, loads: list[str]
) -> None:
    cache = tmp_path / "cache"
    assert problems_only(shipped_copy, cache).valid
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    nspcc.write_text(
        nspcc.read_text("utf-8").replace("id: nspcc", "id: barnardos")
    )
    report = problems_only(shipped_copy, cache)
    assert report_lines(report) == report_lines(cr.validate(shipped_copy))
    assert {"duplicate-id", "unknown-reference"} <= {
        p.code for p in report.problems
    }
    assert loads  # the other files' records were read back for the checks


def test_a_source_or_note_changed_serves_the_report_with_its_own_problems(
    shipped_copy: Path, tmp_path: Path, loads: list[str]
) -> None:
    """No check across records reads a source or a note: a file changed
    only there is checked alone, and its own problems replace those it
    had in the last report.
    """
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    problems_only(shipped_copy, cache)
    nspcc = shipped_copy / "organisations" / "nspcc.yaml"
    text = nspcc.read_text("utf-8")
    shown = display_path(nspcc)
    for changed, codes in [
        # A comment where a quote's text was meant: a warning of its own.
        (
            text.replace("number 216401", "number 216401 #1"),
            ["unknown-country", "comment-in-value"],
        ),
        (
            text.replace("Based in London.", "Based in Leeds."),
            ["unknown-country"],
        ),
        # A date added to the last source: only the notes below it move.
        (
            text.replace(
                'spearheaded by a survivor"\n',
                'spearheaded by a survivor"\n    accessed: 2023-09-30\n',
            ),
            ["unknown-country"],
        ),
    ]:
        nspcc.write_text(changed, "utf-8")
        loads.clear()
        report = problems_only(shipped_copy, cache)
        assert [shown] == loads  # its last result only, to compare
        assert codes == [p.code for p in report.problems]
        assert report_lines(report) == report_lines(cr.validate(shipped_copy))
    # Its name, read across: every record is read back for the checks.
    nspcc.write_text(text.replace("name: National", "name: Royal"), "utf-8")
    loads.clear()
    report = problems_only(shipped_copy, cache)
    assert len(loads) > 1
    assert report_lines(report) == report_lines(cr.validate(shipped_copy))


def test_a_claim_moved_down_a_line_is_checked_again(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """A line above a claim moves it, and its problems with it: a claim's
    equality leaves out where it is written, and the report served said
    the old line, in every run after.
    """
    letter = shipped_copy / "letters" / "survivors-letter-2023.yaml"
    text = letter.read_text("utf-8").replace("value: 43", "value: 3", 1)
    letter.write_text(text, "utf-8")
    cache = tmp_path / "cache"
    first = problems_only(shipped_copy, cache)
    assert "claim-exceeded" in {p.code for p in first.problems}
    letter.write_text(
        text.replace(
            "    value: 3\n",
            "    # checked against the source\n    value: 3\n",
        ),
        "utf-8",
    )
    for _ in range(2):
        assert report_lines(problems_only(shipped_copy, cache)) == (
            report_lines(cr.validate(shipped_copy))
        )


@pytest.mark.parametrize(
    "change",
    ["add", "remove", "registry.yaml", "day", "keep records"],
)
def test_what_else_the_report_depends_on_is_checked(
    change: str,
    shipped_copy: Path,
    tmp_path: Path,
    loads: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coalition_registry import cache as cache_module

    cache = tmp_path / "cache"
    problems_only(shipped_copy, cache)
    keep = False
    if change == "add":
        shutil.copy(
            shipped_copy / "organisations" / "nspcc.yaml",
            shipped_copy / "organisations" / "nspcc-copy.yaml",
        )
    elif change == "remove":
        (shipped_copy / "organisations" / "eurochild.yaml").unlink()
    elif change == "registry.yaml":
        info = shipped_copy / "registry.yaml"
        info.write_text(info.read_text("utf-8") + "extra: 1\n")
    elif change == "day":
        monkeypatch.setattr(cache_module, "_today", lambda: "2099-01-01")
    else:
        keep = True
    loads.clear()
    report = cr.validate(shipped_copy, cache=cache, keep_records=keep)
    assert report_lines(report) == report_lines(cr.validate(shipped_copy))
    assert loads
    # Each change of the registry's files is one its checks report.
    assert report.valid == (change in {"day", "keep records"})


def test_a_damaged_report_is_not_served(
    shipped_copy: Path, tmp_path: Path, loads: list[str]
) -> None:
    plant_unknown_country(shipped_copy)
    cache = tmp_path / "cache"
    expected = report_lines(problems_only(shipped_copy, cache))
    (cache_file,) = cache.iterdir()
    with open(cache_file, "rb") as f:
        data = pickle.load(f)  # noqa: S301 - our own test file
    key, uncached, blob, check = data["run"]
    assert b"is not an ISO" in blob
    for damaged, checked in [
        # Changed by accident, its checksum left as it was.
        (blob.replace(b"is not an ISO", b"is not an IOS"), check),
        # Crafted: a class no report may name, with its checksum made.
        (crafted := pickle.dumps(os.system), _check(crafted)),
    ]:
        data["run"] = (key, uncached, damaged, checked)
        with open(cache_file, "wb") as f:
            pickle.dump(data, f)
        loads.clear()
        assert expected == report_lines(problems_only(shipped_copy, cache))
        assert loads


def test_a_report_without_records_says_so_when_counted(
    shipped_copy: Path, tmp_path: Path
) -> None:
    report = cr.validate(shipped_copy, keep_records=False)
    assert report.valid
    with pytest.raises(ValueError, match="keep_records=False"):
        report.to_registry()
    assert cr.validate(shipped_copy).to_registry().letters


def test_a_result_is_the_same_whichever_objects_its_pickle_shares(
    shipped_copy: Path,
) -> None:
    """Read by another process, or after other files, a result may share a
    text between two fields that another reading held twice: its pickle
    differs, its values do not.  A position moved is a change.
    """
    from coalition_registry import cache as cache_module
    from coalition_registry.validation import read_records

    raw = (shipped_copy / "organisations" / "nspcc.yaml").read_bytes()
    shown = "registry_data/organisations/nspcc.yaml"
    one = read_records(raw, shown, cr.Organisation, stem="nspcc")
    # The same path as a text of its own, equal but not the same object.
    other_path = "".join(shown)
    assert other_path is not shown
    two = attrs.evolve(one, path=other_path)
    first, second = pickle.dumps(one), pickle.dumps(two)
    assert first != second
    assert cache_module._same_values(first, second)
    moved = read_records(b"\n" + raw, shown, cr.Organisation, stem="nspcc")
    assert not cache_module._same_values(first, pickle.dumps(moved))
    assert not cache_module._same_values(b"not a pickle", second)
