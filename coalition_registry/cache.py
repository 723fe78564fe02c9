"""A cache of what each file yielded, so that re-validating a registry reads
again only the files that changed.

An entry is found by the file's path and a digest of its bytes, in a cache
made for one version of this library's code (a digest of its own source
files, so an edited install never reuses old results), one set of limits
and one registry.  A file whose bytes changed, even with the same size and
modification time, misses.  A file is not even read when its inode, size
and times are those it had when its bytes were last digested, its change
time included, which every write moves and no program can set back (as
git's index knows its files; see :meth:`Cache.look`).  As for git, writes
through a shared memory map after the first may leave those times as they
were, and on Windows, where the change time is the time a file was made,
every file is read.

Entries are pickles, read back by an unpickler that can make only the
library's own record classes (and dates, texts, numbers, tuples and
dictionaries): a cache file cannot make the validator run code.  It can
still say anything about a file whose bytes it knows, so keep it only
where whoever can write it may also change the registry (a CI cache scoped
to the repository, a folder on your own machine): with the sizes and times
it keeps, it can even pass a file unread.  A cache that cannot be read or
understood is ignored, and rewritten, and an entry whose bytes
changed since they were written (a flipped bit on a disk or in a transfer,
which could still unpickle to a file's result with a letter changed) is a
miss.

The cache also keeps what the last run reported.  A run that does not
need the records themselves (``validate(..., keep_records=False)``, as
the ``validate`` command runs) reports it again, reading back none of
them, when the registry's files are the same ones, in the same places,
and each yielded what it yielded last time: the checks across records
are functions of the files' results, of ``registry.yaml`` and of the day,
and all of them are then what they were.  A comment edited, a file saved
again, or no change at all (a CI job run again) costs the reading of the
files and nothing more.  So does a change in what no check across records
reads (a source's date, a note: see ``validation.read_across``): the
changed files' own problems then replace those they had in the report.
A file's result is compared by its pickle, which is the same for the same
values, but for a large file read in parts by several processes (they
share fewer objects): the checks then run again, which costs time, never
the truth of the report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import importlib.util
import io
import operator
import os
import pickle
import stat
import sys
import time
import unicodedata
import zlib

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from . import _pickle
from ._pickle import by_fields
from ._version import __version__
from .files import blake2b, create, temp_name
from .model import FOLDERS, PARTS, RegistryInfo
from .parsing import Limits
from .problems import Location, Positions, Problem, Severity
from .schema import AFTER_TODAY, PartialDate
from .validation import FileRecords, own_problems, read_across


if TYPE_CHECKING:
    from .files import FileEntry

__all__ = ["Cache", "Hit", "code_digest"]

#: Bump when the layout of the cache file changes.
FORMAT: Final = 4

#: How long before a run a file must have last changed for its inode, size
#: and times to stand for its bytes: a second write within the tick of the
#: clock that stamps files (up to 10 ms; 2 s on FAT) would leave them all
#: as they were.  A file changed later is read, as any changed file is.
SETTLED_NS: Final = 3_000_000_000

#: What stands for a file's bytes: its device, inode, size, and times of
#: modification and of change (``st_ctime``, moved by any write).
_Stat = tuple[int, int, int, int, int]

#: An entry: the file's digest, its count of records, the pickle of its
#: result (without the digest, so that two files' equal results pickle
#: alike), and the pickle's checksum.
_Entry = tuple[str, int, bytes, int]

#: What a run reported: the key of the files and day it ran on (see
#: :meth:`Cache.begin`), a digest of the result of each file not kept in
#: an entry, the pickle of its problems, and the pickle's checksum.
_Run = tuple[str, dict[str, str], bytes, int]


def _through_constructor(obj: Any) -> Any:
    """What the unpickler gets for *obj*: a new partial that calls it, so
    that a crafted entry cannot make an instance without its constructor
    (pickle's NEWOBJ opcode refuses a partial, which is not a class), nor
    change, with pickle's BUILD, an object that later entries share.
    """
    return functools.partial(obj)


# A result's fields but its digest, the last (attrs.evolve takes three
# times as long, paid for every file a cold run keeps).
_FIELDS: Final = [a.name for a in attrs.fields(FileRecords)]
assert _FIELDS[-1] == "digest"
_ALL_BUT_DIGEST: Final = operator.attrgetter(*_FIELDS[:-1])

# The only globals an entry may name.
_ALLOWED: Final[dict[tuple[str, str], Any]] = {
    (obj.__module__, obj.__qualname__): obj  # type: ignore[attr-defined]
    for obj in (
        *FOLDERS.values(),
        *PARTS,
        RegistryInfo,
        Location,
        Positions,
        Problem,
        Severity,
        FileRecords,
        _pickle._revive,  # noqa: SLF001 - the records' own reviver
        dt.date,
        PartialDate,
    )
}


@by_fields
@attrs.frozen
class Hit:
    """A file whose result the cache holds (for these bytes).

    Attributes:
        path: The file, as shown in problems.
        digest: The digest of its bytes.
        count: How many records it holds.
    """

    path: str
    digest: str
    count: int


class _Entries(pickle.Unpickler):
    """Unpickles the library's records and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None:
            msg = f"{module}.{name} is not allowed in a cache"
            raise pickle.UnpicklingError(msg)
        return _through_constructor(found)


class _Plain(pickle.Unpickler):
    """Unpickles texts, bytes, numbers, tuples and dictionaries only."""

    def find_class(self, module: str, name: str) -> Any:
        msg = f"{module}.{name} is not allowed in a cache"
        raise pickle.UnpicklingError(msg)


@functools.cache
def code_digest() -> str:
    """A digest of this library's version and of its own source and data
    files: any change to how files are read or checked changes it.
    """
    here = Path(__file__).resolve().parent
    h = blake2b(__version__.encode(), digest_size=16)
    for path in sorted(here.rglob("*")):
        if path.suffix in {".py", ".csv", ".tsv"} and path.is_file():
            h.update(path.relative_to(here).as_posix().encode())
            h.update(path.read_bytes())
    # What else a file's result depends on: the Python that runs (its
    # Unicode database), pycountry's list of countries and ruamel.yaml's
    # version (in its __init__.py), which reads the files libyaml reads.
    h.update(f"\0{sys.version}\0{unicodedata.unidata_version}".encode())
    for module, names in _DEPENDENCY_FILES:
        h.update(f"\0{module}".encode())
        with contextlib.suppress(ImportError, ValueError, OSError):
            spec = importlib.util.find_spec(module)
            if spec is not None and spec.origin is not None:
                folder = Path(spec.origin).parent
                for name in names:
                    h.update((folder / name).read_bytes())
    return h.hexdigest()


# Files of the dependencies whose versions can change a file's result
# (without importing them: a warm run may need neither).
_DEPENDENCY_FILES: Final = (
    ("pycountry", ("databases/iso3166-1.json",)),
    ("ruamel.yaml", ("__init__.py",)),
)


class Cache:
    """The cached results for one registry, read from and written to
    *directory*.

    Each entry is pickled on its own, and unpickled only when its file's
    digest matches, so a run pays for the entries it uses; rewriting the
    cache copies them as they are.

    Args:
        directory: Where cache files are kept; created when written.
        root: The registry folder, as it is shown in problems.
        limits: The limits the results were read under.
    """

    def __init__(
        self, directory: str | Path, root: str, limits: Limits
    ) -> None:
        self.directory = Path(directory)
        self.key = blake2b(
            f"{FORMAT}\0{code_digest()}\0{root}\0{limits!r}".encode(),
            digest_size=16,
        ).hexdigest()
        # Named after the registry, then the rest of the key: a cache made
        # for this registry by another version or other limits is replaced.
        self._prefix = (
            "validate-" + blake2b(root.encode(), digest_size=8).hexdigest()
        )
        self.path = self.directory / f"{self._prefix}-{self.key}.pickle"
        # As read: each entry is checked when it is looked up (_entry).
        self._old: dict[Any, Any] = {}
        self._new: dict[str, _Entry] = {}
        self._changed = False
        self._last_run: _Run | None = None
        self._run_key = ""
        self._reusable = False
        # The own problems (see validation.own_problems) of each file that
        # changed in what no check across records reads: in the last run,
        # and in this one.
        self._patches: list[
            tuple[tuple[Problem, ...], tuple[Problem, ...]]
        ] = []
        # The digest of the result of each file not kept in an entry.
        self._uncached: dict[str, str] = {}
        # What stood for each settled file's bytes, by its path as shown:
        # when its entry's digest was taken, and in this run.
        self._old_stats: dict[str, _Stat] = {}
        self._stats: dict[str, _Stat] = {}

    def published_with(self, root: Path) -> str | None:
        """Where the cache file would be published from, private values
        and all: ``"the registry folder"`` when it is in the registry
        folder *root*, ``"the git repository"`` when it is in a git work
        tree, in either case unless git ignores it; else ``None``.
        """
        target = self.path.resolve()
        try:
            target.relative_to(root.resolve())
        except (ValueError, OSError):
            inside = False
        else:
            inside = True
        # Only a folder that holds .git is asked about: most caches are
        # in none, and a run of git costs more than a look for it.
        work_tree = next(
            (d for d in target.parents if (d / ".git").exists()), None
        )
        if not inside and work_tree is None:
            return None
        import shutil  # only in a work tree
        import subprocess

        git = shutil.which("git")
        ignored = (
            git is not None
            and work_tree is not None
            and subprocess.run(  # noqa: S603 - git, with a path
                [git, "-C", os.fspath(work_tree), "check-ignore", "-q", "--",
                 os.fspath(target)],
                capture_output=True,
                check=False,
            ).returncode == 0
        )  # fmt: skip
        if ignored:
            return None
        return "the registry folder" if inside else "the git repository"

    def load(self) -> bool:
        """Read the cache file; whether it held anything."""
        try:
            data = _read_plain(self.path)
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
            return False
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("key") != self.key
            or not isinstance(data.get("files"), dict)
        ):
            return False
        # Each entry is checked when it is looked up (see _entry): a run
        # that changed one file looks up one.
        self._old = data["files"]
        run = data.get("run")
        if (
            isinstance(run, tuple)
            and len(run) == 4
            and isinstance(run[0], str)
            and isinstance(run[1], dict)
            and all(
                type(k) is str and type(v) is str for k, v in run[1].items()
            )
            and isinstance(run[2], bytes)
            and type(run[3]) is int
        ):
            self._last_run = run
        stats = data.get("stats")
        if isinstance(stats, dict):
            # Only ever compared with a tuple of numbers, which no other
            # value the cache's unpickler can make is equal to.
            self._old_stats = stats
        return bool(self._old)

    def _entry(self, shown: str) -> _Entry | None:
        """The entry of the file *shown*, if it has one of the right form."""
        entry = self._old.get(shown)
        if (
            type(entry) is tuple
            and len(entry) == 4
            and type(entry[0]) is str
            and type(entry[1]) is int
            and type(entry[2]) is bytes
            and type(entry[3]) is int
        ):
            return cast("_Entry", entry)
        return None

    def look(self, entries: Sequence[FileEntry]) -> None:
        """Take what stands for the bytes of each of *entries* (its inode,
        size and times), before any is read: a file whose are as they were
        when its entry's digest was taken is a hit without being read (see
        :meth:`known_files`).

        Only files that last changed over :data:`SETTLED_NS` ago are
        taken; a file changed since this look moves its change time past
        the one taken, so what its bytes were read as is never kept under
        the times of bytes before them.
        """
        if os.name == "nt" or len(entries) != len({e.shown for e in entries}):
            # On Windows st_ctime is the time the file was made, which a
            # write does not move.  Two names shown alike (see begin)
            # would share one file's times, and the other could pass for
            # it.  Each is read.
            return
        horizon = time.time_ns() - SETTLED_NS
        taken = self._stats
        get = _STAT_FIELDS
        for entry in entries:
            if entry.problem is not None or not entry.path.endswith(
                entry.shown.rpartition("/")[2]
            ):
                # A name shown otherwise than it is (escaped) could be
                # renamed to another shown alike, keeping its times.
                continue
            try:
                info = os.stat(entry.path)
            except (OSError, ValueError):
                continue  # read, to be reported
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_ctime_ns < horizon
                and info.st_mtime_ns < horizon
            ):
                taken[entry.shown] = get(info)

    def read_as_looked(
        self, shown: str, read: Sequence[os.stat_result] | None
    ) -> bool:
        """Whether the file *shown* was read (its ``fstat``, *read*) as it
        was looked at (see :meth:`look`), if it was: a path that led to
        another file meanwhile (two folders' names swapped, a link set to
        another file) would keep that file's result under this one's
        times, served once the path leads back.
        """
        looked = self._stats.get(shown)
        return looked is None or (
            read is not None
            and len(read) > 0
            and _STAT_FIELDS(read[-1]) == looked
        )

    def known_files(self) -> dict[str, Hit]:
        """A hit for each file whose inode, size and times are those it had
        when its entry's digest was taken (see :meth:`look`), by its path
        as shown: known without reading it.
        """
        old = self._old_stats
        found = {}
        for shown, sig in self._stats.items():
            if old.get(shown) == sig and (entry := self._entry(shown)):
                found[shown] = Hit(shown, entry[0], entry[1])
        return found

    def begin(
        self,
        files: Sequence[tuple[str, str]],
        about: Any,
        *,
        reuse: bool,
    ) -> None:
        """Say which files this run reads (*files*, in order, each as shown
        and by its real path) and what else its checks across records
        depend on (*about*: ``registry.yaml``'s result), before any is
        taken; with *reuse*, the last run's report may serve this one, as
        long as every file taken yields what it did in that run, to the
        checks across records at least (see
        :meth:`take` and :meth:`reported`).
        """
        h = blake2b(digest_size=16)
        h.update(_today().encode())
        h.update(pickle.dumps(about, pickle.HIGHEST_PROTOCOL))
        # Joined, then encoded once: no name holds a NUL.
        h.update(
            "\0".join(shown for shown, _ in files).encode(
                "utf-8", "surrogateescape"
            )
        )
        h.update(b"\0\0" + os.fsencode("\0".join(real for _, real in files)))
        self._run_key = h.hexdigest()
        # Two names shown alike (a byte that is not UTF-8, and the
        # character it is escaped as) share an entry's key: one file's
        # result could then pass for the other's.
        alike = len({shown for shown, _ in files}) < len(files)
        self._reusable = (
            reuse
            and not alike
            and self._last_run is not None
            and self._last_run[0] == self._run_key
        )

    def take(
        self, result: FileRecords | Hit, read: Callable[[], FileRecords]
    ) -> FileRecords | Hit:
        """A file's result, kept for the next run: a hit stays a hit while
        the last run's report may serve (else it is resolved, see
        :meth:`resolve`), and a file read tells whether it may.
        """
        if isinstance(result, Hit):
            if self._reusable:
                self._new[result.path] = self._old[result.path]
                return result
            return self.resolve(result, read)
        blob = self._keep_blob(result)
        if self._reusable:
            if blob is not None:
                old = self._entry(result.path)
                self._reusable = old is not None and (
                    old[2] == blob
                    or _same_values(old[2], blob)
                    or self._patched(old, result)
                )
            else:
                last = cast("_Run", self._last_run)
                self._reusable = (
                    last[1].get(result.path) == self._uncached[result.path]
                )
        return result

    def _patched(self, old: _Entry, result: FileRecords) -> bool:
        """Whether *result*, which differs from its entry *old*, differs
        only in what no check across records reads; if so, the report is
        to be served with the file's own problems replaced.
        """
        before = self._load(result.path, old)
        # Compared by pickle: a claim's or a recipient's == leaves out
        # where it is written, which checks across records give.
        if before is None or _unshared(read_across(before)) != _unshared(
            read_across(result)
        ):
            return False
        self._patches.append((own_problems(before), own_problems(result)))
        return True

    def reported(self) -> list[Problem] | None:
        """The last run's problems, when they serve this one (every file
        taken, each yielding what it did in that run, or differing only in
        what no check across records reads, whose own problems then
        replace those it had); ``None`` when not, or when they cannot be
        read back.
        """
        if not self._reusable or self._last_run is None:
            return None
        blob = self._last_run[2]
        if _check(blob) != self._last_run[3]:
            return None
        try:
            found = _quietly(_Entries(io.BytesIO(blob)))
        except Exception:  # noqa: BLE001 - a damaged report is a miss
            return None
        if type(found) is not tuple or not all(
            type(p) is Problem for p in found
        ):
            return None
        if not self._patches:
            return list(found)
        gone = Counter(p for before, _ in self._patches for p in before)
        kept = []
        for problem in found:
            if gone[problem]:
                gone[problem] -= 1
            else:
                kept.append(problem)
        if gone.total():
            return None  # a problem the report should hold is not there
        kept.extend(p for _, now in self._patches for p in now)
        return kept

    def has(self, shown: str, file_digest: str) -> bool:
        """Whether an entry for the file *shown* with this digest is here
        (it may still turn out damaged).
        """
        entry = self._entry(shown)
        return entry is not None and entry[0] == file_digest

    def hit(self, shown: str, file_digest: str) -> Hit | None:
        """A stand-in for the entry of the file *shown* with this digest,
        if there is one: cheap to send from a helper process, and turned
        into the file's result by :meth:`resolve`.
        """
        if not self.has(shown, file_digest):
            return None
        return Hit(shown, file_digest, self._old[shown][1])

    def resolve(
        self, result: FileRecords | Hit, read: Callable[[], FileRecords]
    ) -> FileRecords:
        """The file's result, from the cache for a :class:`Hit` (or from
        *read* when its entry is damaged), kept for the next run.
        """
        if isinstance(result, Hit):
            entry = self._old[result.path]
            found = self._load(result.path, entry)
            if found is not None:
                self._new[result.path] = entry
                return found
            return self._keep(read())
        return self._keep(result)

    def _keep(self, result: FileRecords) -> FileRecords:
        self._keep_blob(result)
        return result

    def _keep_blob(self, result: FileRecords) -> bytes | None:
        """Keep *result* for the next run; the pickle kept, if it was."""
        # A date after today is warned of until the day comes: kept, the
        # warning would outlive it.  Files with no such date are as valid
        # tomorrow as today, since dates only move into the past.
        blob = pickle.dumps(
            FileRecords(*_ALL_BUT_DIGEST(result)),
            pickle.HIGHEST_PROTOCOL,
        )
        if result.digest is None or any(
            p.message.startswith(AFTER_TODAY) for p in result.problems
        ):
            # Not kept, but a report made with it is: said by a digest.
            self._uncached[result.path] = blake2b(
                blob, digest_size=16
            ).hexdigest()
            return None
        self._new[result.path] = (
            result.digest,
            result.count,
            blob,
            _check(blob),
        )
        self._changed = True
        return blob

    def _load(self, shown: str, entry: _Entry) -> FileRecords | None:
        if _check(entry[2]) != entry[3]:
            return None
        try:
            result = _quietly(_Entries(io.BytesIO(entry[2])))
            if not _well_formed(result, shown, entry[1]):
                return None
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None
        return FileRecords(*_ALL_BUT_DIGEST(result), entry[0])  # type: ignore[call-arg]

    def save(self, reported: Sequence[Problem] | None = None) -> None:
        """Write the cache file (atomically, readable by its owner only),
        when anything changed; files that were not seen this time are
        dropped from it, and this registry's caches made by other versions
        or with other limits are deleted.

        Args:
            reported: What this run reported, from every file's result
                (see :meth:`begin`); ``None`` keeps no report.

        Raises:
            OSError: When the folder or the file cannot be written.
        """
        run: _Run | None = None
        if reported is not None and self._run_key:
            blob = pickle.dumps(tuple(reported), pickle.HIGHEST_PROTOCOL)
            run = (self._run_key, self._uncached, blob, _check(blob))
        # Only for files whose entry was made from the bytes read after
        # their look (or is the one those stood for).
        new = self._new
        stats = {
            shown: sig for shown, sig in self._stats.items() if shown in new
        }
        if (
            not self._changed
            and len(self._new) == len(self._old)
            and run == self._last_run
            and stats == self._old_stats
        ):
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            # A file in its place: "file exists" would not say what is wrong.
            raise NotADirectoryError(
                errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(self.directory)
            ) from None
        data = {
            "format": FORMAT,
            "key": self.key,
            "files": self._new,
            "run": run,
            "stats": stats,
        }
        # Readable by its owner only: the cache holds the registry's data,
        # private fields included.
        temp = temp_name(os.fspath(self.directory), ".validate-")
        fd = create(temp)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(data, f, pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        for old in self.directory.glob(f"{self._prefix}-*.pickle"):
            if old != self.path:
                old.unlink(missing_ok=True)


_STAT_NAMES: Final = (
    "st_dev",
    "st_ino",
    "st_size",
    "st_mtime_ns",
    "st_ctime_ns",
)
_STAT_FIELDS: Final = cast(
    "Callable[[os.stat_result], _Stat]", operator.attrgetter(*_STAT_NAMES)
)


def _same_values(old: bytes, new: bytes) -> bool:
    """Whether two pickles of a file's result hold the same values, where
    their bytes differ only in which objects they share: a file read by
    another process, or after other files, may share a text between two
    fields that the first reading held twice.
    """
    try:
        found = _quietly(_Entries(io.BytesIO(old)))
        made = pickle.loads(new)  # noqa: S301 - pickled by this process
        return _unshared(found) == _unshared(made)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return False


def _unshared(obj: Any) -> bytes:
    """*obj* pickled with no object shared: alike for equal values."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: a text used twice is written twice
    pickler.dump(obj)
    return out.getvalue()


def _today() -> str:
    """The day a run's report holds for: a letter's counts are made as of
    today (in UTC, as :mod:`coalition_registry.registry` makes them).
    """
    return dt.datetime.now(tz=dt.UTC).date().isoformat()


# Opening a pipe for reading would wait for a writer: never wait.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def _check(blob: bytes) -> int:
    """The checksum of an entry's pickle.

    A CRC, not a digest: it is there to find bytes changed by accident,
    which a CRC-32 always finds when they are a burst of up to 32 bits, at
    a fraction of a digest's cost on every entry of a warm run.  (The
    entry's digest and count are checked against the file and the result.)
    Whoever can write the cache can make any checksum, as the module says.
    """
    return zlib.crc32(blob)


def _read_plain(path: Path) -> Any:
    """The cache file at *path*, unpickled as plain values; ``None`` when
    it is not a regular file (a pipe would wait for ever, a device give
    anything), which :meth:`Cache.save` then replaces, never writes into.
    """
    with open(os.open(path, _OPEN_FLAGS), "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return _quietly(_Plain(f))


def _quietly(unpickler: pickle.Unpickler) -> Any:
    """What *unpickler* loads, with nothing printed.

    A damaged length before a bytearray makes CPython's unpickler fail to
    make it, and print "SystemError: deallocated bytearray object has
    exported buffers" to standard error as it gives up: a line, under the
    report, about nothing the user did.  The error itself is raised as
    MemoryError, and the cache is then ignored, as any damaged one is.
    """
    # Swapped by hand, not with contextlib.redirect_stderr: a warm run
    # loads an entry per file, and this costs a tenth as much.
    shown = sys.stderr
    sys.stderr = _NOWHERE
    try:
        return unpickler.load()
    finally:
        sys.stderr = shown


class _Nowhere(io.TextIOBase):
    """A text stream that drops what is written to it."""

    def write(self, text: str) -> int:
        return len(text)


_NOWHERE: Final = _Nowhere()


def _well_formed(result: Any, shown: str, count_sent: int) -> bool:
    """Whether an unpickled entry has the shape of a file's result, down to
    what the checks across records read from it.

    Its records can only be the library's own: the unpickler makes nothing
    else.
    """
    if type(result) is not FileRecords:
        return False
    found: Any = result  # its fields, as unpickled, may be anything
    path, records, problems, refs, ids, count, digest = (
        found.path,
        found.records,
        found.problems,
        found.refs,
        found.ids,
        found.count,
        found.digest,
    )
    return (
        path == shown
        and digest is None
        and type(count) is int
        # What a helper sent ahead in a Hit, for the progress and limits.
        and count == count_sent
        and type(records) is tuple
        and (not records or type(records[0]) in _RECORD_KINDS)
        and all(type(r) is type(records[0]) for r in records)
        and type(problems) is tuple
        and all(type(p) is Problem for p in problems)
        and type(refs) is tuple
        and all(_is_reference(ref, shown) for ref in refs)
        and type(ids) is tuple
        and all(_is_id_use(use, shown) for use in ids)
    )


_RECORD_KINDS: Final = frozenset(FOLDERS.values())
# A reference's last field is None for a name written where an id belongs
# (schema.Reference), else whether its value is private.
_REFERENCE: Final = (str, tuple, str, int, int, str, bool)
_NAME_REFERENCE: Final = (*_REFERENCE[:-1], type(None))
_ID_USE: Final = (str, str, str, int, int)


def _is_reference(ref: Any, shown: str) -> bool:
    return (
        type(ref) is tuple
        and tuple(map(type, ref)) in (_REFERENCE, _NAME_REFERENCE)
        and ref[2] == shown
        and all(type(kind) is str for kind in ref[1])
    )


def _is_id_use(use: Any, shown: str) -> bool:
    return (
        type(use) is tuple
        and tuple(map(type, use)) == _ID_USE
        and use[2] == shown
    )
