"""Reading in parallel gives the same report as reading in one process."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import files, validation, workers


def _report(path: Path | str) -> list[str]:
    return [f"{p} ({p.pointer})" for p in cr.validate(path).problems]


def _bulk(root: Path, count: int, *, broken: int | None = None) -> Path:
    """A list file of *count* organisations; item *broken* has a bad country."""
    lines = []
    for i in range(count):
        country = "UK" if i == broken else "GB"
        lines += [
            f"- id: bulk-org-{i}",
            f'  name: "Bulk organisation {i}"',
            f"  hq_country: {country}",
            "  sources:",
            '    - url: "https://example.org/"',
        ]
    path = root / "organisations" / "bulk.yaml"
    path.write_text("# imported in bulk\n" + "\n".join(lines) + "\n")
    return path


@pytest.fixture(name="small_parts")
def _small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split any list file above 2 KiB into parts of about 1 KiB."""
    monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
    monkeypatch.setattr(workers, "PART_BYTES", 1024)


class TestSplitting:
    def test_a_large_list_file_is_split(
        self, shipped_copy: Path, small_parts: None
    ) -> None:
        bulk = str(_bulk(shipped_copy, 100))
        entry = next(e for e in files.walk(shipped_copy) if e.path == bulk)
        units = workers._split(entry, cr.Limits())
        assert len(units) > 5
        assert [u.part for u in units] == list(range(len(units)))
        assert 1 == units[0].first_line
        assert 0 == units[0].first_index

    @pytest.mark.parametrize("char", ["\u2028", "\x85", "\x07"])
    def test_a_forbidden_character_is_reported_as_in_a_whole_file(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, char: str
    ) -> None:
        """A line break some readers see and others do not is refused in a
        large file too, where it could otherwise split a record in two."""
        bulk = _bulk(shipped_copy, 100)
        text = bulk.read_text("utf-8")
        bulk.write_text(text.replace("Bulk organisation 50", f"Bulk{char}x"))
        whole = _report(shipped_copy)
        assert any("invalid-character" in line for line in whole), whole
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        assert whole == _report(shipped_copy)

    @pytest.mark.parametrize("n", [1, 2])
    def test_parts_give_the_same_positions_and_pointers(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, n: int
    ) -> None:
        _bulk(shipped_copy, 100, broken=77)
        whole = _report(shipped_copy)
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        monkeypatch.setattr(workers, "available_cores", lambda: n)
        assert whole == _report(shipped_copy)
        (line,) = whole
        assert ":389:15: error unknown-country:" in line
        assert line.endswith("($[77].hq_country)")
        # The shipped 30 and the 99 valid bulk records.
        assert 129 == len(cr.validate(shipped_copy).registry_records)

    def test_a_split_inside_a_quoted_value_falls_back_to_the_whole_file(
        self, shipped_copy: Path, small_parts: None
    ) -> None:
        path = _bulk(shipped_copy, 60)
        text = path.read_text()
        # A quoted value running over lines, one of which starts with "- ".
        text = text.replace(
            '  name: "Bulk organisation 30"',
            '  name: "Bulk organisation\n- thirty"',
        )
        path.write_text(text)
        report = cr.validate(shipped_copy)
        assert report.valid
        org = cr.load(shipped_copy).organisations.get("bulk-org-30")
        assert org is not None
        assert "Bulk organisation - thirty" == org.name

    def test_a_lone_carriage_return_is_a_line_in_the_parts_after_it(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Found by fuzzing: YAML breaks a line at a CR alone, and the parts
        after one were placed a line too high."""
        path = _bulk(shipped_copy, 100, broken=77)
        text = path.read_text()
        # The LF ending line 3 (in the first part) becomes a CR.
        at = text.index("\n", text.index("\n", text.index("\n") + 1) + 1)
        path.write_bytes((text[:at] + "\r" + text[at + 1 :]).encode())
        whole = _report(shipped_copy)
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        assert whole == _report(shipped_copy)
        (line,) = whole
        assert ":389:15: error unknown-country:" in line

    def test_an_item_start_inside_a_quoted_value_keeps_the_pointers(
        self, shipped_copy: Path, small_parts: None
    ) -> None:
        """Found by fuzzing: a line starting "- " inside a quoted value was
        counted as an item, and every pointer after it was one too high."""
        path = _bulk(shipped_copy, 100, broken=77)
        text = path.read_text()
        # Item 3 is in the first part, not where a part starts.
        text = text.replace(
            '  name: "Bulk organisation 3"', '  name: "Bulk organisation\n- 3"'
        )
        path.write_text(text)
        (line,) = _report(shipped_copy)
        assert line.endswith("($[77].hq_country)"), line

    def test_a_document_end_where_a_part_ends_is_reported(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Found by differential testing: a part ending with "..." read
        alone as one document, so the file's records were taken, where the
        whole file has a second document after it, an error."""
        path = _bulk(shipped_copy, 100)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        entry = next(
            e for e in files.walk(shipped_copy) if e.path == str(path)
        )
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        second = workers._split(entry, cr.Limits())[1]
        lines = path.read_text().splitlines(keepends=True)
        lines.insert(second.first_line - 1, "...\n")
        path.write_text("".join(lines))
        split = _report(shipped_copy)
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 1 << 40)
        whole = _report(shipped_copy)
        assert any("multiple-documents" in line for line in whole), whole
        assert whole == split

    def test_a_reader_error_in_one_part_counts_for_the_whole_file(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Found by differential testing: a field given twice in the first
        record keeps every record of the file from counting, but read in
        parts only those of its own part, and the others were checked on
        (here: a record citing no source, far below)."""
        path = _bulk(shipped_copy, 100)
        text = path.read_text().replace(
            "  hq_country: GB\n", "  hq_country: GB\n  hq_country: GB\n", 1
        )
        path.write_text(
            text.replace(
                '    - url: "https://example.org/"\n- id: bulk-org-90\n',
                '    - url: "https://example.org/"\n- id: bulk-org-90\n'
                "  name: No source\n- id: bulk-org-90b\n",
            )
        )
        whole = _report(shipped_copy)
        assert not any("no-source" in line for line in whole), whole
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        for n in (1, 2):
            monkeypatch.setattr(workers, "available_cores", lambda n=n: n)
            assert whole == _report(shipped_copy)

    def test_the_values_limit_counts_the_whole_file(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Found by fuzzing: each part was held to the limit, so a file over
        it passed when each of its parts was under it."""
        _bulk(shipped_copy, 100)
        limits = cr.Limits(max_values=1500)
        whole = [
            str(p) for p in cr.validate(shipped_copy, limits=limits).problems
        ]
        assert any("limit-exceeded" in line for line in whole), whole
        monkeypatch.setattr(workers, "MIN_BYTES_TO_SPLIT", 2048)
        monkeypatch.setattr(workers, "PART_BYTES", 1024)
        split = [
            str(p) for p in cr.validate(shipped_copy, limits=limits).problems
        ]
        assert whole == split


class TestPool:
    def test_many_files_in_two_processes_give_the_same_report(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        folder = shipped_copy / "organisations"
        for i in range(60):
            country = "UK" if i % 7 == 0 else "GB"
            (folder / f"org-{i}.yaml").write_text(
                f"id: org-{i}\nname: Org {i}\nhq_country: {country}\n"
                "sources: [{url: 'https://example.org/'}]\n"
            )
        one = _report(shipped_copy)
        monkeypatch.setattr(workers, "MIN_FILES_FOR_WORKERS", 1)
        monkeypatch.setattr(workers, "available_cores", lambda: 2)
        assert one == _report(shipped_copy)
        assert 9 == len(one)

    @pytest.mark.parametrize("cores", [1, 2])
    def test_each_file_is_finished_once_in_this_process(
        self,
        shipped_copy: Path,
        monkeypatch: pytest.MonkeyPatch,
        small_parts: None,
        cores: int,
    ) -> None:
        """``finish`` sees every file's whole result once, here: a helper's
        as it arrives, a split file's once joined."""
        bulk = _bulk(shipped_copy, 100)
        monkeypatch.setattr(workers, "MIN_FILES_FOR_WORKERS", 1)
        entries = files.walk(shipped_copy)
        here = os.getpid()
        seen: list[tuple[str, int]] = []

        def finish(entry: files.FileEntry, result: object) -> object:
            seen.append((entry.shown, os.getpid()))
            return ("finished", result)

        out = list(
            workers.read_all(
                entries,
                cr.Limits(),
                validation._read_files,
                workers=cores,
                finish=finish,
            )
        )
        assert sorted((e.shown, here) for e in entries) == sorted(seen)
        assert all(
            r[0] == "finished" and type(r[1]) is validation.FileRecords
            for r in out
        )
        joined = out[[e.path for e in entries].index(str(bulk))][1]
        assert 100 == joined.count


@pytest.mark.parametrize("setting", ["²", "9" * 5000, "0", "two", ""])
def test_a_workers_setting_int_cannot_read_is_ignored(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    """A superscript is a digit to str.isdigit, but int() refuses it, as it
    does thousands of digits: such a setting stopped with a traceback.
    """
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", setting)
    assert len(os.sched_getaffinity(0)) == workers.available_cores()


def test_a_workers_setting_is_the_number_of_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "3")
    assert 3 == workers.available_cores()


def test_a_workers_setting_has_a_ceiling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """99999 typed for 9 forked a process each until the machine gave out."""
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", "99999")
    assert 64 == workers.available_cores()


def test_no_more_helpers_than_batches(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A helper with no batch to take is not started."""
    started: list[object] = []
    context = multiprocessing.get_context("fork")
    real = type(context.Process(target=print)).start

    def start(self: object) -> None:
        started.append(self)
        real(self)  # type: ignore[arg-type]

    monkeypatch.setattr(type(context.Process(target=print)), "start", start)
    monkeypatch.setattr(workers, "MIN_FILES_FOR_WORKERS", 1)
    entries = files.walk(shipped_copy)
    batches = len(
        workers._batches(workers._plan(entries, cr.Limits(), None), 50)
    )
    out = list(
        workers.read_all(
            entries, cr.Limits(), validation._read_files, workers=50
        )
    )
    assert len(entries) == len(out)
    assert batches - 1 == len(started)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_a_helper_ends_on_sigterm_at_once_and_leaves_ctrl_c_to_its_parent() -> (
    None
):
    """The command's handlers raise: inherited, a helper stopped as the
    command ended printed a traceback from wherever it was."""
    stops = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def raising(signum: int, frame: object) -> None:
        raise RuntimeError

    previous = [signal.signal(signum, raising) for signum in stops]
    parent = os.getpid()

    def read_files(
        entries: Sequence[files.FileEntry], limits: cr.Limits
    ) -> list[Any]:
        if os.getpid() == parent:
            time.sleep(0.01)  # leave batches to the helper
            return [(parent,)] * len(entries)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        found = tuple(int(signal.getsignal(s)) for s in stops)  # type: ignore[arg-type]
        return [(os.getpid(), *found, len(held & set(stops)))] * len(entries)

    units = [
        workers.Unit(files.FileEntry(f"x/{i}.yaml", f"x/{i}.yaml", "people"))
        for i in range(200)
    ]
    try:
        out = workers._read_in_parallel(
            units, cr.Limits(), (read_files, read_files, None), 2
        )
        # This process's signals are not left held back.
        assert not signal.pthread_sigmask(signal.SIG_BLOCK, []) & set(stops)
    finally:
        for signum, handler in zip(stops, previous, strict=True):
            signal.signal(signum, handler)
    helped = {row[1:] for row in out if row[0] != parent}
    assert helped, "the helper read no batch"
    default, ignored = int(signal.SIG_DFL), int(signal.SIG_IGN)
    assert {(default, default, ignored, 0)} == helped
