"""Spreading the reading of a registry over the machine's cores.

Reading is per file and CPU-bound, so a registry of many files is split
into batches that this process and forked helpers read in parallel; a
registry of a few large list files is split at its top-level items (``- ``
at the start of a line) into parts that parse independently.  Results come back in the order
of the files, so the problems printed are the same whatever the number of
workers.  A part that does not parse on its own (the split fell inside a
multi-line quoted value, or an alias refers to another part), or that has
an error of the YAML reader, which counts for the whole file, is not
trusted: its file is read again whole, in one piece.
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import gc
import os
import pickle
import re
import signal
import threading

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from . import files
from .model import FOLDERS
from .parsing import (
    _FIRST_VALUES,
    _FORBIDDEN,
    Limits,
    YSeq,
    _value_starts,
    parse_text,
)


if TYPE_CHECKING:
    from .progress import Progress


__all__ = ["available_cores", "read_all"]

# Below these sizes a worker process costs more than it saves.
MIN_FILES_FOR_WORKERS: Final = 400
MIN_BYTES_TO_SPLIT: Final = 2 * 1024 * 1024
PART_BYTES: Final = 1024 * 1024
# Files read together, stage by stage; beyond this the gain is flat.
BATCH: Final = 64
# Linux's F_SETPIPE_SZ (fcntl has it by name from Python 3.10, on Linux).
_SETPIPE_SZ: Final = getattr(fcntl, "F_SETPIPE_SZ", 1031)
_ITEM_START: Final = re.compile(r"^- ", re.MULTILINE)


#: The most processes ``COALITION_REGISTRY_WORKERS`` may ask for.
_MOST_WORKERS: Final = 64


def available_cores() -> int:
    """The cores this process may use, or ``COALITION_REGISTRY_WORKERS`` when
    it is set (1 reads everything in this process).
    """
    setting = os.environ.get("COALITION_REGISTRY_WORKERS", "")
    try:
        chosen = int(setting) if setting.isdigit() else 0
    except ValueError:  # digits int() refuses: "²", or thousands of them
        chosen = 0
    if chosen > 0:
        # More processes than this can only slow a run down, and a number
        # typed wrong (99999) would fork until the machine gave out.
        return min(chosen, _MOST_WORKERS)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@attrs.frozen
class Unit:
    """One piece of work: a whole file, or a part of a large list file.

    Attributes:
        entry: The file.
        text: For a part, its text; ``None`` to read the whole file.
        digest: For a part, the digest of its whole file.
        first_line: The line of the file the part starts at.
        first_index: The list index of the part's first item.
        part: Which part of its file this is.
        parts: How many parts its file was split into.
    """

    entry: files.FileEntry
    text: str | None = None
    digest: str | None = None
    first_line: int = 1
    first_index: int = 0
    part: int = 0
    parts: int = 1


#: Reads whole files, giving one result for each, in their order.
ReadFiles = Callable[[Sequence[files.FileEntry], Limits], list[Any]]
Finish = Callable[[files.FileEntry, Any], Any]


def _split(
    entry: files.FileEntry,
    limits: Limits,
    cached: Callable[[str, str], bool] | None = None,
) -> list[Unit]:
    """A large list file as parts of about PART_BYTES, or itself."""
    try:
        size = os.stat(entry.path).st_size
    except OSError:
        return [Unit(entry)]
    if size < MIN_BYTES_TO_SPLIT or size > limits.max_file_bytes:
        return [Unit(entry)]
    try:
        with open(entry.path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return [Unit(entry)]  # read whole, to report it properly
    if _FORBIDDEN.search(text) is not None:
        return [Unit(entry)]  # read whole, to report it properly
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        # A CR alone breaks a line too, where no "^" finds it: the items
        # and lines of the parts after it would be numbered wrong.
        return [Unit(entry)]
    if "\n..." in text or "\n---" in text or "\n%" in text:
        # A document's end or start, or a directive: a part that ends
        # with "..." reads alone as one document, where the file holds a
        # second after it (an error).
        return [Unit(entry)]
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if not starts or not all(
        not line.strip() or line.lstrip().startswith("#")
        for line in text[: starts[0]].splitlines()
    ):
        return [Unit(entry)]  # not a top-level list
    cuts = [0]
    for start in starts:
        if start - cuts[-1] >= PART_BYTES:
            cuts.append(start)
    if len(cuts) == 1:
        return [Unit(entry)]
    cuts.append(len(text))
    digest = None
    if cached is not None:  # only the cache needs the digest
        digest = files.digest(raw, entry.path)
        if cached(entry.shown, digest):
            return [Unit(entry)]
    units = []
    line = 1
    index = 0
    for k in range(len(cuts) - 1):
        piece = text[cuts[k] : cuts[k + 1]]
        units.append(Unit(entry, piece, digest, line, index, k, len(cuts) - 1))
        line += piece.count("\n")
        index += _items(piece)
    return units


def _items(piece: str) -> int:
    """How many items of a top-level list *piece* holds, if every line
    starting "- " starts one (a piece starts at an item, and has no CR
    alone: see _split).
    """
    return piece.count("\n- ") + piece.startswith("- ")


@attrs.frozen
class _Part:
    """What a part of a file yielded, and how many values it may hold, which
    the file's limit is on (see :func:`parsing._value_starts`).
    """

    result: Any
    values: int

    @property
    def count(self) -> int:
        """Its records, for the progress bar."""
        return int(self.result.count)


def _plan(
    entries: list[files.FileEntry],
    limits: Limits,
    cached: Callable[[str, str], bool] | None = None,
) -> list[Unit]:
    if len(entries) > 64:
        return [Unit(e) for e in entries]
    units: list[Unit] = []
    for entry in entries:
        if entry.problem is None and entry.folder in FOLDERS:
            units.extend(_split(entry, limits, cached))
        else:
            units.append(Unit(entry))
    return units


def _read_units(
    units: list[Unit], limits: Limits, read_files: ReadFiles
) -> list[Any]:
    """The results of *units*, in their order; whole files are read
    together, in one call of *read_files*.
    """
    if all(unit.text is None for unit in units):
        return read_files([unit.entry for unit in units], limits)
    from .validation import records_from

    out = []
    for unit in units:
        if unit.text is None:
            out.extend(read_files([unit.entry], limits))
            continue
        doc = parse_text(
            unit.text, unit.entry.shown, limits, first_line=unit.first_line
        )
        if isinstance(doc.data, YSeq) and len(doc.data) != _items(unit.text):
            # A line starting "- " inside a quoted value running over
            # lines: the items of the parts after this one were numbered
            # wrong.  None has the file read whole.
            out.append(None)
            continue
        if any(p.is_error for p in doc.problems):
            # Not only a part that does not stand alone: records_from
            # judges a file by all its reader's errors (none of its
            # records counts, and none of its messages repeats a key if
            # any record is private), which a part alone cannot.
            out.append(None)
            continue
        result = records_from(
            doc, FOLDERS[unit.entry.folder], first_index=unit.first_index
        )
        # Counted here, in the process that reads the part, not in the one
        # that plans them, which would count every large file alone.
        out.append(_Part(result, _value_starts(unit.text, 0, len(unit.text))))
    return out


def _batches(units: list[Unit], n: int) -> list[list[Unit]]:
    # Small enough that the processes finish close together, large enough
    # that handing them out costs nothing and that the files of a batch
    # go through each stage of reading together (see _read_files).
    size = max(1, min(BATCH, len(units) // (n * 16)))
    return [units[i : i + size] for i in range(0, len(units), size)]


def read_all(
    entries: list[files.FileEntry],
    limits: Limits,
    read_files: ReadFiles,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    cached: Callable[[str, str], bool] | None = None,
    finish: Finish | None = None,
) -> Iterable[Any]:
    """Read every file, in parallel where it pays, yielding one result per
    file in the order of *entries*.

    Args:
        entries: The files.
        limits: Size and depth bounds.
        read_files: Reads whole files into their results.
        workers: How many processes; default: the available cores.
        progress: Told of each file read (and each record in it).
        cached: Whether a cache holds the result for a file (by its path
            as shown, and the digest of its bytes): such a file is not
            split, but read whole, from the cache.
        finish: Turns what *read_files* gave for a file into the result
            yielded, in this process, as soon as that is here: while the
            helpers go on reading (a cache unpickles its entries with it).
    """
    n = available_cores() if workers is None else max(1, workers)
    units = _plan(entries, limits, cached)
    # This process's own reading gives finished results; helpers' results
    # are finished as they are taken in.
    own = read_files if finish is None else _finished(read_files, finish)
    use_pool = (
        n > 1
        and (len(units) >= MIN_FILES_FOR_WORKERS or len(units) > len(entries))
        and _can_fork()
    )
    results: Iterable[Any]
    if use_pool:
        results = _read_in_parallel(
            units, limits, (read_files, own, finish), n, progress
        )
    else:
        results = _read_here(units, limits, own, progress)
    yield from _merge(units, results, limits, own, finish)


def _can_fork() -> bool:
    """Whether helpers can be forked (not on Windows)."""
    import multiprocessing  # 15 ms: for large registries only

    return "fork" in multiprocessing.get_all_start_methods()


def _finished(read_files: ReadFiles, finish: Finish) -> ReadFiles:
    def read(entries: Sequence[files.FileEntry], limits: Limits) -> list[Any]:
        return [
            finish(entry, result)
            for entry, result in zip(
                entries, read_files(entries, limits), strict=True
            )
        ]

    return read


def _read_here(
    units: list[Unit],
    limits: Limits,
    read_files: ReadFiles,
    progress: Progress | None,
) -> Iterator[Any]:
    # A batch at a time, so that a caller that stops early (a limit
    # reached) has read at most one batch more.
    for i in range(0, len(units), BATCH):
        batch = units[i : i + BATCH]
        results = _read_units(batch, limits, read_files)
        _tell(progress, batch, results)
        yield from results


def _tell(
    progress: Progress | None, batch: list[Unit], results: list[Any]
) -> None:
    if progress is not None:
        progress.advance(
            sum(1 / u.parts for u in batch),
            sum(getattr(r, "count", 0) for r in results),
        )


def _read_in_parallel(
    units: list[Unit],
    limits: Limits,
    readers: tuple[ReadFiles, ReadFiles, Finish | None],
    n: int,
    progress: Progress | None = None,
) -> list[Any]:
    """Read *units* in this process and n - 1 forked helpers.

    *readers* are how a helper reads a file, how this process does, and
    what finishes a helper's result here (see :func:`read_all`).

    The processes take batches in turn from a shared counter, so whoever is
    free takes the next one.  This process works too: its own results need
    no sending, and it takes in the helpers' results (sent as pickles, read
    off the pipes by threads so that a helper never waits) between batches.
    A batch a helper took but never sent (it died) is read here at the end.
    """
    read_files, own, finish = readers
    batches = _batches(units, n)
    # A helper with no batch to take would only be forked and wait:
    # COALITION_REGISTRY_WORKERS=100000 must not start a process for each.
    n = min(n, len(batches))
    import multiprocessing  # 15 ms: for large registries only

    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    done: list[list[Any] | None] = [None] * len(batches)
    inbox: collections.deque[bytes] = collections.deque()
    helpers = []
    drains = []
    try:
        for _ in range(n - 1):
            receiving, sending = context.Pipe(duplex=False)
            _widen(sending)
            # fork: the helper starts with this process's memory, so the
            # batches are not sent to it.
            helper = context.Process(
                target=_help,
                args=(batches, counter, sending, limits, read_files),
                daemon=True,
            )
            with _signals_held():
                helper.start()
            sending.close()  # so that the pipe ends when the helper does
            helpers.append(helper)
            drains.append(
                threading.Thread(
                    target=_drain, args=(receiving, inbox), daemon=True
                )
            )
        # Threads start once every helper is forked: a process forked while
        # a thread runs could copy a lock that thread holds.
        for drain in drains:
            drain.start()
        while (i := _take(counter)) < len(batches):
            results = _read_units(batches[i], limits, own)
            done[i] = results
            _tell(progress, batches[i], results)
            _unpack(inbox, done, batches, progress, finish)
        while any(drain.is_alive() for drain in drains):
            # Helpers are finishing their last batches: keep counting.
            for drain in drains:
                drain.join(0.1)
            _unpack(inbox, done, batches, progress, finish)
        _unpack(inbox, done, batches, progress, finish)
    finally:
        for helper in helpers:
            if helper.is_alive():
                helper.terminate()
            helper.join()
    out: list[Any] = []
    for batch, result in zip(batches, done, strict=True):
        if result is None:  # taken by a helper that died
            result = _read_units(batch, limits, own)  # noqa: PLW2901 - filled in
            _tell(progress, batch, result)
        out.extend(result)
    return out


def _widen(conn: Any) -> None:
    """Give the pipe a buffer of a megabyte where the system allows, so that
    a helper does not wait while this process is busy with a batch.
    """
    with contextlib.suppress(OSError):  # a smaller system limit
        fcntl.fcntl(conn.fileno(), _SETPIPE_SZ, 1024 * 1024)


def _take(counter: Any) -> int:
    """The next batch to read."""
    with counter.get_lock():
        i: int = counter.value
        counter.value = i + 1
    return i


def _help(
    batches: list[list[Unit]],
    counter: Any,
    conn: Any,
    limits: Limits,
    read_files: ReadFiles,
) -> None:
    """A helper process: read batches until none is left, sending each."""
    _stopped_as_by_default()
    gc.disable()  # nothing read here forms a cycle worth collecting
    try:
        while (i := _take(counter)) < len(batches):
            results = _read_units(batches[i], limits, read_files)
            conn.send_bytes(
                pickle.dumps((i, results), pickle.HIGHEST_PROTOCOL)
            )
        conn.close()
    except BaseException:  # noqa: BLE001 - the parent reads what is missing
        # Never a traceback: the parent reads whatever this did not send.
        os._exit(1)


# What stops a command (see coalition_registry.cli): Ctrl+C, and what a CI
# runner cancelling a job or a closed terminal sends.
_STOPS: Final = frozenset(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)
)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the signals that stop a command while a helper is forked:
    it would inherit this process's handlers, which raise, and print a
    traceback from wherever it was (see :func:`_stopped_as_by_default`).
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    held = mask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, held)


def _stopped_as_by_default() -> None:
    """In a helper: end at once on SIGTERM or SIGHUP (this process is the
    one that stops it, and a handler that raises would print a traceback
    from wherever the helper was), and leave Ctrl+C, which a terminal
    sends to every process of the command, to this process; then take the
    signals held back while it was forked.
    """
    for signum in _STOPS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(
                signum,
                signal.SIG_IGN if signum == signal.SIGINT else signal.SIG_DFL,
            )
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is not None:
        mask(signal.SIG_UNBLOCK, _STOPS)


def _drain(conn: Any, inbox: collections.deque[bytes]) -> None:
    try:
        while True:
            inbox.append(conn.recv_bytes())
    except (EOFError, OSError):
        pass
    finally:
        conn.close()


def _unpack(
    inbox: collections.deque[bytes],
    done: list[list[Any] | None],
    batches: list[list[Unit]],
    progress: Progress | None,
    finish: Finish | None,
) -> None:
    while inbox:
        i, results = pickle.loads(inbox.popleft())  # noqa: S301 - from our own forked helper
        if finish is not None:
            results = [
                finish(u.entry, r) if u.parts == 1 else r
                for u, r in zip(batches[i], results, strict=True)
            ]
        done[i] = results
        _tell(progress, batches[i], results)


def _merge(
    units: list[Unit],
    results: Iterable[Any],
    limits: Limits,
    read_files: ReadFiles,
    finish: Finish | None,
) -> Iterator[Any]:
    """Join the parts of each file; read a file whole if a part failed.

    Whole files' results come finished; a joined file is finished here.
    """
    from .validation import FileRecords

    pending: list[Any] = []
    for unit, result in zip(units, results, strict=True):
        if unit.parts == 1:
            yield result
            continue
        pending.append(result)
        if unit.part + 1 < unit.parts:
            continue
        done, pending = pending, []
        if (
            any(part is None for part in done)
            or _FIRST_VALUES + sum(part.values for part in done)
            > limits.max_values
        ):
            # Read whole: a part did not stand alone or had a reader's
            # error, or the file passes the limit on its values, which
            # each part alone could pass under (read whole, it is
            # reported).
            yield read_files([unit.entry], limits)[0]
            continue
        parts = [part.result for part in done]
        joined = FileRecords(
            unit.entry.shown,
            tuple(x for r in parts for x in r.records),
            tuple(x for r in parts for x in r.problems),
            tuple(x for r in parts for x in r.refs),
            tuple(x for r in parts for x in r.ids),
            sum(r.count for r in parts),
            unit.digest,
        )
        yield joined if finish is None else finish(unit.entry, joined)
