"""Progress of a long validation: one line on a terminal, redrawn in place.

:func:`~coalition_registry.validate` reports its progress to any object
with the :class:`Progress` methods; :class:`ProgressBar` draws it.  The bar
appears only when validation has run for about a second, only on a
terminal, and never under CI (``CI`` set) or with ``TERM=dumb``, so logs
and pipes never see it.
"""

from __future__ import annotations

import math
import shutil
import time

from collections.abc import Callable, Mapping
from typing import Protocol, TextIO


__all__ = ["Progress", "ProgressBar", "wanted"]


class Progress(Protocol):
    """What validation tells about its progress.

    An object may also have a ``checking()`` method, called when reading
    is over and the checks across records begin (:class:`ProgressBar`
    says so on screen).
    """

    def start(self, files: int) -> None:
        """*files* more files are to be read."""

    def advance(self, files: float, records: int) -> None:
        """*files* more files (a fraction for part of a large file) and
        *records* more records are read.
        """

    def finish(self) -> None:
        """Reading is over."""


def wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether a progress bar belongs on *stream*: a terminal, outside CI."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
    return tty and not environ.get("CI") and environ.get("TERM") != "dumb"


class ProgressBar:
    """A progress bar on a terminal: files and records done, rate, time left.

    Args:
        stream: Where to draw (a terminal).
        delay: Seconds of work before the bar appears: a quick validation
            shows none.
        every: Seconds between redraws.
        clock: The time source (for tests).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        every: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._every = every
        self._clock = clock
        self._width = 0  # of the line on screen, to clear it
        self._reset()

    def _reset(self) -> None:
        """Count from nothing, as from now."""
        self._began = self._clock()
        self._drawn_at = -math.inf
        self.total = 0
        self.files = 0.0
        self.records = 0

    def start(self, files: int) -> None:
        """Add *files* to the number to read."""
        self.total += files

    def advance(self, files: float, records: int) -> None:
        """Count what was read; redraw if it is time."""
        self.files += files
        self.records += records
        now = self._clock()
        if now - self._began >= self._delay and now - self._drawn_at >= (
            self._every
        ):
            self._drawn_at = now
            self._draw(self.line(now - self._began))

    def checking(self) -> None:
        """Reading is over, and the checks across records run: said, if
        the bar is on screen, so that it does not stand at "1 s left".
        """
        if self._width:
            done = f"{math.floor(min(self.files, self.total)):,} files read"
            self._draw(f"{done}; checking the records against each other...")

    def finish(self) -> None:
        """Clear the bar, so the report starts on a clean line; a later
        :meth:`start` begins a bar of its own (``fmt`` reads the files,
        then formats them).
        """
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0
        self._reset()

    def line(self, elapsed: float) -> str:
        """The bar's text after *elapsed* seconds, to fit the terminal."""
        done = min(self.files, self.total)
        share = done / self.total if self.total else 1.0
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else None
        # No records are counted where files are formatted, not read.
        records = f"{self.records:,} records" if self.records else ""
        speed = f"{rate:,.{1 if rate < 10 else 0}f} files/s"
        info = [
            f"{share:4.0%}",
            f"{math.floor(done):,}/{self.total:,} files",
            records,
            speed,
            f"{_duration(left)} left" if left is not None else "",
        ]
        width = shutil.get_terminal_size((80, 24)).columns - 1
        # On a narrow terminal, leave out the records, then the rate.
        dispensable = [part for part in (records, speed) if part]
        while True:
            text = "  ".join(part for part in info if part)
            room = width - len(text) - 3
            if room >= 10 or not dispensable:
                break
            info.remove(dispensable.pop(0))
        slots = min(30, room)
        if slots < 10:
            return text[:width]
        filled = round(share * slots)
        return f"[{'#' * filled}{'-' * (slots - filled)}] {text}"

    def _draw(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self._stream.write("\r" + text + " " * pad)
        self._stream.flush()
        self._width = len(text)


def _duration(seconds: float) -> str:
    seconds = math.ceil(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s"
