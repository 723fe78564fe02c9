"""The progress bar: when it shows, what it says, and what validation tells
it."""

from __future__ import annotations

import io

from pathlib import Path

import pytest

import coalition_registry as cr

from coalition_registry import workers
from coalition_registry.cli import run
from coalition_registry.progress import ProgressBar, wanted
from conftest import Recorder


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bars made by the command line show at once."""
    defaults = ProgressBar.__init__.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "delay", 0.0)


class TestWanted:
    @pytest.mark.parametrize(
        ("tty", "environ", "expected"),
        [
            (True, {}, True),
            (True, {"CI": "true"}, False),
            (True, {"TERM": "dumb"}, False),
            (False, {}, False),
        ],
    )
    def test_only_on_a_terminal_outside_ci(
        self, tty: bool, environ: dict[str, str], expected: bool
    ) -> None:
        stream = Terminal() if tty else io.StringIO()
        assert expected is wanted(stream, environ)

    def test_a_closed_stream(self) -> None:
        stream = io.StringIO()
        stream.close()
        assert wanted(stream, {}) is False


class TestBar:
    def test_nothing_in_the_first_second(self) -> None:
        out, clock = Terminal(), Clock()
        bar = ProgressBar(out, clock=clock)
        bar.start(100)
        clock.now = 0.9
        bar.advance(50, 60)
        bar.finish()
        assert "" == out.getvalue()

    def test_files_records_rate_and_time_left(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("COLUMNS", "80")
        out, clock = Terminal(), Clock()
        bar = ProgressBar(out, clock=clock)
        bar.start(1000)
        clock.now = 2.0
        bar.advance(250, 300)
        line = out.getvalue()
        assert line.startswith("\r[")
        assert "]  25%  " in line
        assert len(line) <= 80
        assert "250/1,000 files" in line
        assert "300 records" in line
        assert "125 files/s" in line
        assert "6 s left" in line

    def test_redraws_at_most_ten_times_a_second(self) -> None:
        out, clock = Terminal(), Clock()
        bar = ProgressBar(out, clock=clock)
        bar.start(1000)
        clock.now = 1.0
        for _ in range(100):
            bar.advance(1, 1)
        clock.now = 1.05
        bar.advance(1, 1)
        clock.now = 1.2
        bar.advance(1, 1)
        assert 2 == out.getvalue().count("\r")

    def test_finish_clears_the_line(self) -> None:
        out, clock = Terminal(), Clock()
        bar = ProgressBar(out, clock=clock)
        bar.start(10)
        clock.now = 3.0
        bar.advance(5, 5)
        bar.finish()
        drawn = out.getvalue()
        assert drawn.endswith("\r")
        assert drawn.split("\r")[-2].strip() == ""

    def test_says_when_reading_is_over(self) -> None:
        """The checks across records take seconds on a large registry: the
        bar says they run, instead of standing at "1 s left"."""
        out, clock = Terminal(), Clock()
        bar = ProgressBar(out, clock=clock)
        bar.start(10)
        bar.checking()  # nothing on screen yet: nothing said
        assert "" == out.getvalue()
        clock.now = 3.0
        bar.advance(10, 10)
        bar.checking()
        assert (
            out.getvalue()
            .split("\r")[-1]
            .startswith(
                "10 files read; checking the records against each other"
            )
        )
        bar.finish()
        assert "" == out.getvalue().split("\r")[-1].strip()

    def test_minutes_left(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("COLUMNS", "100")
        bar = ProgressBar(Terminal(), clock=Clock())
        bar.start(1000)
        bar.advance(10, 10)
        assert "2 min 29 s left" in bar.line(1.5)

    @pytest.mark.parametrize("columns", [30, 50, 70, 120])
    def test_fits_the_terminal_keeping_files_and_time_left(
        self, monkeypatch: pytest.MonkeyPatch, columns: int
    ) -> None:
        monkeypatch.setenv("COLUMNS", str(columns))
        bar = ProgressBar(Terminal(), clock=Clock())
        bar.start(220_024)
        bar.advance(99_012, 98_000)
        line = bar.line(12.0)
        assert len(line) < columns
        if columns >= 50:
            assert "99,012/220,024 files" in line
            assert "s left" in line
        if columns >= 120:
            assert "98,000 records" in line
            assert "8,251 files/s" in line
            assert line.startswith("[#")


@pytest.mark.parametrize("cores", [1, 2])
def test_validation_tells_every_file_and_record(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setenv("COALITION_REGISTRY_WORKERS", str(cores))
    monkeypatch.setattr(workers, "MIN_FILES_FOR_WORKERS", 1)
    recorder = Recorder()
    report = cr.validate(shipped_copy, progress=recorder)
    assert report.files - 1 == recorder.total  # registry.yaml is read apart
    assert recorder.total == pytest.approx(recorder.files)
    assert report.records == recorder.records
    assert 1 == recorder.finished


def test_parts_of_a_large_file_add_up_to_one_file(
    shipped_copy: Path, split_list: Path
) -> None:
    recorder = Recorder()
    report = cr.validate(shipped_copy, progress=recorder)
    assert recorder.total == pytest.approx(recorder.files)
    assert report.records == recorder.records


class TestCommand:
    def test_shown_on_a_terminal(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("CI", raising=False)
        no_delay(monkeypatch)
        err = Terminal()
        code = run(
            ["validate", str(shipped_copy)], stdout=io.StringIO(), stderr=err
        )
        assert 0 == code
        assert "files" in err.getvalue()
        assert err.getvalue().endswith("\r")  # and cleared

    @pytest.mark.parametrize(
        ("argv", "ci"),
        [(["--no-progress"], ""), ([], "true")],
    )
    def test_not_shown(
        self,
        shipped_copy: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: list[str],
        ci: str,
    ) -> None:
        monkeypatch.setenv("CI", ci)
        no_delay(monkeypatch)
        err = Terminal()
        run(
            ["validate", str(shipped_copy), *argv],
            stdout=io.StringIO(),
            stderr=err,
        )
        assert "" == err.getvalue()


class TestOtherCommands:
    """Every command that reads a whole registry shows the bar as validate
    does: at 100,000 signatories each was silent for half a minute or more.
    """

    COMMANDS = (
        ["coverage"],
        ["reconcile"],
        ["export", "--format", "json"],
        ["report", "--no-map", "--out", "-"],
        ["coalitions"],
        ["fmt", "--check"],
        ["diff", "{registry}"],
    )

    @pytest.mark.parametrize("argv", COMMANDS)
    def test_shown_on_a_terminal_and_cleared(
        self,
        shipped_copy: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: list[str],
    ) -> None:
        monkeypatch.delenv("CI", raising=False)
        no_delay(monkeypatch)
        err = Terminal()
        registry = str(shipped_copy)
        argv = [a.format(registry=registry) for a in argv]
        code = run([*argv, registry], stdout=io.StringIO(), stderr=err)
        assert 0 == code
        assert " files" in err.getvalue()
        assert err.getvalue().endswith("\r")  # and cleared

    @pytest.mark.parametrize("argv", COMMANDS)
    def test_not_shown_under_ci(
        self,
        shipped_copy: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: list[str],
    ) -> None:
        monkeypatch.setenv("CI", "true")
        no_delay(monkeypatch)
        err = Terminal()
        registry = str(shipped_copy)
        argv = [a.format(registry=registry) for a in argv]
        run([*argv, registry], stdout=io.StringIO(), stderr=err)
        assert "" == err.getvalue()


class Calls(Recorder):
    """Keeps every call, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def start(self, files: int) -> None:
        super().start(files)
        self.calls.append(f"start {files}")

    def finish(self) -> None:
        super().finish()
        self.calls.append("finish")


def test_fmt_tells_the_files_read_then_those_formatted(
    shipped_copy: Path,
) -> None:
    """Formatting a large registry takes longer than reading it: the bar
    starts again for the files formatted.
    """
    from coalition_registry.fmt import format_paths

    calls = Calls()
    report = format_paths([shipped_copy], check=True, progress=calls)
    formatted = len(report.results)
    assert calls.calls[-3:] == ["finish", f"start {formatted}", "finish"]
    assert calls.files == pytest.approx(calls.total)


def test_a_bar_finished_starts_anew() -> None:
    """A second pass has its own count, rate and time left; no records are
    named where none are counted.
    """
    out, clock = Terminal(), Clock()
    bar = ProgressBar(out, clock=clock)
    bar.start(1000)
    clock.now = 2.0
    bar.advance(1000, 900)
    bar.finish()
    bar.start(10)
    clock.now = 4.0
    bar.advance(5, 0)
    line = bar.line(2.0)
    assert "5/10 files" in line
    assert "2.5 files/s" in line
    assert "records" not in line
