"""What the commands share: exit codes, streams, reading a registry."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import stat

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

# Not deferred: the validate command needs it anyway, and tests replace it.
from coalition_registry.validation import validate


if TYPE_CHECKING:
    from coalition_registry.progress import ProgressBar
    from coalition_registry.registry import Registry


EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
#: The reader of standard output went away (``| head``), as shells
#: report a command killed by SIGPIPE: 128 + 13.
EXIT_PIPE_CLOSED = 141


class UsageError(Exception):
    """A mistake in how the command was called: exit code 2."""


class WriteError(OSError):
    """A file the command writes could not be written (a full disk, a
    size limit, a folder that refuses it); the message says which and why.

    Like any OSError it leaves :func:`coalition_registry.cli.run`, and
    :func:`coalition_registry.cli.main` reports it: exit code 1.
    """


class Parser(argparse.ArgumentParser):
    """argparse exits by itself; in-process callers need an exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


@attrs.frozen
class Output:
    """Where a command writes: results to ``out``, diagnostics to ``err``."""

    out: TextIO
    err: TextIO


def discard(stream: TextIO) -> None:
    """Send what *stream* still holds nowhere, when it is a file that
    cannot be written (a pipe whose reader went away): flushing it again
    at exit would fail again, with a traceback.
    """
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # a stream with no file descriptor
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def existing(paths: list[str]) -> list[str]:
    """*paths*, or a usage error naming the first that does not exist, or
    that is neither a file nor a folder.
    """
    for p in paths:
        try:
            mode = os.stat(p).st_mode
        except (FileNotFoundError, NotADirectoryError, ValueError):
            # ValueError: a NUL in the name, which no file has.
            raise UsageError(
                f"no such file or folder: {p}{_where_run(p)}"
            ) from None
        except OSError as e:
            raise UsageError(f"cannot read {p}: {reason(e)}") from None
        if (
            stat.S_ISDIR(mode)
            and p.rstrip("/").endswith((".yaml", ".yml"))
            and not os.path.isfile(os.path.join(p, "registry.yaml"))
        ):
            # Named like a record file: the user meant one, and reading it
            # as a folder would find nothing and call that valid.
            raise UsageError(
                f"{p} is a folder, not a record file: name a record file "
                "or a registry folder"
            )
        if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
            raise UsageError(
                f"{p} is not a file or a folder (a device or a pipe): name "
                "a record file or a registry folder"
            )
    return paths


def write_file(path: str, text: str) -> None:
    """Write *text* to the file *path* as UTF-8, all or nothing: a full disk
    or a size limit leaves the file as it was (see
    :func:`coalition_registry.fmt.write_atomic`).

    Raises:
        UsageError: When it cannot be written where it is named (a folder
            that does not exist, or refuses it): *path* is the user's own
            choice (``--out``).
        WriteError: When the disk is full or a size limit is reached, as
            for any file a command writes.
    """
    # Imported here: only the commands that write files need it.
    from coalition_registry.fmt import write_atomic

    if not path:
        # A variable that was not set: "cannot write : Is a directory".
        raise UsageError("--out needs the name of a file")
    data = text.encode("utf-8")
    # Through a symbolic link, as open() would go: replacing the link by a
    # file would cut whatever it joins.
    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = stat.S_IFREG  # not there yet (or the write will say why)
    try:
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            # /dev/stdout, a pipe: nothing to replace, only to write to.
            with open(target, "wb") as f:
                f.write(data)
        else:
            write_atomic(target, data)
    except OSError as e:
        if e.errno in _OUT_OF_ROOM:
            raise WriteError(f"cannot write {path}: {reason(e)}") from None
        raise UsageError(f"cannot write {path}: {reason(e)}") from None


# A file named well, that there is no room for: not a usage error.
_OUT_OF_ROOM: Final = frozenset(
    {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
)


def reason(e: OSError) -> str:
    """Why an operation on a file failed, in words ("No space left on
    device").
    """
    return e.strerror or str(e) or type(e).__name__


def read_registry(
    path: str,
    io: Output,
    *,
    letter: str | None = None,
    one_letter: bool = False,
) -> Registry | None:
    """The registry at *path*, or ``None`` after printing its problems (as
    ``validate`` does) when it has errors.

    A *letter* it does not hold, or none where *one_letter* is needed and
    it holds several, is a usage error before the registry is read, when
    its letters alone say so (see :func:`choose_letter`).
    """
    existing([path])
    # Imported here: only the commands that read a registry need it.
    from pathlib import Path

    from coalition_registry import files

    root = files.find_root(Path(path))
    if root is not None and not (
        os.path.isdir(path) and os.path.samefile(path, root)
    ):
        # validate reads a file or a sub-folder against the registry
        # around it, but its records alone would be counted here, and a
        # count of part of a registry looks like a count of all of it.
        whole = files.display_path(root)
        raise UsageError(
            f"{path} is inside the registry {whole}: this command reads "
            f"a whole registry; give its folder, {whole}"
        )
    if root is None and not os.path.isdir(path):
        # A file in no registry (a spreadsheet named where the registry
        # goes): read, it holds no records, and an empty export or "0
        # letters" would follow.
        raise UsageError(
            f"{path} is a file, not a registry: this command reads a whole "
            "registry; give its folder"
        )
    if letter is not None or one_letter:
        from coalition_registry.validation import letters_alone

        # Half a minute of reading 100,000 signatories, then "choose one
        # with --letter", was half a minute lost.
        ids = letters_alone(Path(path))
        if ids is not None:
            _chosen(ids, letter)
    report = validate(path, progress=progress_bar(io))
    if not report.valid:
        # Imported here: only a registry with errors needs it.
        from coalition_registry import render

        render.report_text(report, io.out)
        return None
    return report.to_registry()


def progress_bar(io: Output) -> ProgressBar | None:
    """A progress bar on standard error while a registry is read, where one
    belongs (a terminal, outside CI; see :func:`progress.wanted`): reading
    100,000 signatories takes half a minute, which said nothing.
    """
    from coalition_registry.progress import ProgressBar, wanted

    return ProgressBar(io.err) if wanted(io.err, os.environ) else None


def choose_letter(registry: Registry, letter: str | None) -> str:
    """The letter asked for, or the only one; a usage error otherwise."""
    return _chosen([x.id for x in registry.letters], letter)


def _chosen(ids: list[str], letter: str | None) -> str:
    if letter is None:
        if len(ids) != 1:
            raise UsageError(
                f"the registry has {len(ids)} letters; choose one with "
                "--letter: " + ", ".join(ids)
            )
        return ids[0]
    if letter not in ids:
        # The library's own message: the closest id, or the letters.
        from coalition_registry.registry import UnknownLetterError

        # Said beside a letter like it too: "survivors-letter-2025" is
        # next year's letter, not a typo of this year's.  A coordinator
        # importing the signatures of a letter not yet recorded follows
        # docs whose examples all use the one shipped.
        raise UsageError(
            f"{UnknownLetterError(letter, ids)}; to record a new letter: "
            'coalition-registry new letter --name "<its title>"'
        )
    return letter


def add_path(parser: argparse.ArgumentParser) -> None:
    """The optional registry folder argument."""
    parser.add_argument(
        "path",
        nargs="?",
        default="registry_data",
        metavar="PATH",
        help="registry folder (default: registry_data)",
    )


def add_letter(
    parser: argparse.ArgumentParser,
    default: str = "optional when the registry has one letter",
) -> None:
    """The --letter option; *default* says what leaving it out does."""
    parser.add_argument(
        "--letter", metavar="ID", help=f"the letter's id ({default})"
    )


def made(
    letter: str | None, on: dt.date | None, threshold: int | None
) -> dict[str, Any]:
    """What a JSON output says of how it was made, before its data: a file
    kept or passed on must say which letter, as of which day (the day it
    was made, when --on gave none), under which threshold (``None`` for an
    output that counts nothing), and by which version.
    """
    from coalition_registry import __version__
    from coalition_registry.registry import day_of

    about: dict[str, Any] = {
        "letter": letter,
        "counted_on": day_of(on).isoformat(),
    }
    if threshold is not None:
        about["threshold"] = threshold
    about["made_by"] = f"coalition-registry {__version__}"
    return about


def add_on(
    parser: argparse.ArgumentParser,
    what: str = "count the signatures that stood on this day",
) -> None:
    """The --on option: the day counts are made as of; *what* says what
    the day chooses.
    """
    parser.add_argument(
        "--on",
        type=_day,
        metavar="DATE",
        help=f"{what}, as YYYY-MM-DD (default: today); the letter's date "
        "counts it as published",
    )


def _day(text: str) -> dt.date:
    """An argparse type: a day written as YYYY-MM-DD."""
    day = text.strip()
    # Only YYYY-MM-DD: fromisoformat also takes 20230918 and 2023-W38-1,
    # which the help does not offer and a reader may take for others.
    if len(day) == 10 and day[4] == day[7] == "-":
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(day)
    from coalition_registry.schema import date_hint

    # Only a day, or two, that the text surely is: the advice on a date
    # known to the month is about a record's fields.
    hint = date_hint(day)
    if not hint.startswith(("; did you mean '", "; write '")):
        hint = ", such as 2023-09-18"
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a day: write it as YYYY-MM-DD{hint}"
    )


def add_threshold(parser: argparse.ArgumentParser) -> None:
    """The --suppress-below option."""
    # Here: the commands that count import it, validate need not.
    from coalition_registry.suppression import DEFAULT_THRESHOLD

    parser.add_argument(
        "--suppress-below",
        type=_threshold,
        default=DEFAULT_THRESHOLD,
        metavar="K",
        help="hide counts of people from 1 to K-1, shown as <K (default: "
        f"{DEFAULT_THRESHOLD}; 1 shows every count; 2 is refused, since a "
        "count hidden below 2 could only be 1); see docs/counting.md for "
        "what else is hidden",
    )


def _threshold(text: str) -> int:
    """An argparse type: a suppression threshold, 1 (none) or 3 and more.

    Under 2 a hidden count is always exactly 1, so where one row of each
    table holds people who are not public, the tables name the row and
    the count: a threshold that hides no one is refused, not applied.
    """
    from coalition_registry.suppression import checked_threshold

    k = positive("the threshold")(text)
    try:
        return checked_threshold(k)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def positive(what: str, at_most: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number of at least 1 (and *at_most*, if
    given), named *what*.
    """

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number"
            ) from None
        if n < 1:
            raise argparse.ArgumentTypeError(f"{what} is at least 1")
        if at_most is not None and n > at_most:
            raise argparse.ArgumentTypeError(f"{what} is at most {at_most}")
        return n

    return parse


def refuse_linked_folder(root: Path, folder: Path, shown: str) -> None:
    """Refuse to write *shown* in *folder* of the registry at *root* when a
    folder on the way is a symbolic link, which validate does not follow:
    the file would not be read, and may land outside the registry.

    Raises:
        WriteError: When one is; it names the link.
    """
    from coalition_registry import files

    linked = files.linked_folder(root, folder)
    if linked is not None:
        raise WriteError(
            f"cannot write {shown}: {files.display_path(linked)} is a "
            "symbolic link to a folder, which validate does not follow; make "
            "it a folder of the registry (nothing was written)"
        )


def create_file(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write a new file at *path*, all or nothing, never over another.

    With *sync* false, the file is written in place and not flushed to
    disk, for a caller that writes many and flushes them all at once
    after: a flush, and a file renamed over another, take a millisecond
    each, minutes for the 40,000 files of a large import.  Until that
    flush, a power cut, or a process killed outright (SIGKILL), can leave
    the new file cut short (never another file): validate then reports
    it.  With *sync*, the whole file takes its name at once.

    Raises:
        FileExistsError: When *path* exists (or appeared meanwhile).
        OSError: When it cannot be written; nothing is left behind.
    """
    from coalition_registry import files
    from coalition_registry.fmt import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    if sync:
        # The whole file, flushed, is linked in under the name: never
        # over a file made meanwhile, and never seen empty or cut short.
        write_atomic(path, data, exclusive=True)
        return
    # Claim the name (so that a file made meanwhile is never replaced,
    # and the new one gets the usual permissions), and write it there: a
    # full disk or a size limit leaves no half a record.
    fd = files.create(
        os.fspath(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666
    )
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _where_run(path: str) -> str:
    """What to do when the default folder, ``registry_data``, is not here:
    most often, the command was run inside it.
    """
    if path != "registry_data":
        return ""
    from coalition_registry import files

    try:
        inside = files.find_root(Path.cwd())
    except OSError:  # the current folder was deleted
        inside = None
    if inside is not None:
        shown = os.path.relpath(inside)
        return (
            f" (the current folder is in the registry {shown}: give "
            f"{shown} as the path, or run this in the folder above the "
            "registry)"
        )
    return (
        " (run this in the folder that holds registry_data/, or give the "
        "registry's folder)"
    )


def registry_root(path: str) -> Path:
    """The registry's root at or above *path*."""
    from coalition_registry import files

    folder = Path(path)
    if not folder.is_dir():
        raise UsageError(f"no such folder: {path}{_where_run(path)}")
    root = files.find_root(folder)
    if root is None:
        raise UsageError(
            f"{path} is not in a registry (no {files.REGISTRY_FILE} in it "
            "or above it)"
        )
    return root


def ids_in(root: Path) -> dict[str, str]:
    """Every id in use, by file name, with its file relative to *root*."""
    from coalition_registry import files

    found: dict[str, str] = {}
    # walk() joins each path to the root's text with os.sep: cut it off as
    # text, since a Path for each of 220,000 files took seconds.
    start = len(os.fspath(root)) + len(os.sep)
    for entry in files.walk(root):
        if entry.ignored:
            continue
        relative = entry.path[start:]
        if os.sep != "/":
            relative = relative.replace(os.sep, "/")
        found.setdefault(entry.stem, relative)
    return found


def intermixed(parser: argparse.ArgumentParser) -> None:
    """Let an optional PATH come after the options (``new group --name X
    PATH``, ``import x.csv --letter ID PATH``).

    Before Python 3.12.7, argparse matches the optional PATH, empty, with
    the positional before it, and then refuses a PATH given after an
    option; its intermixed parsing reads positionals wherever they are.
    """
    plain = parser.parse_known_args

    def parse_known_args(
        args: Sequence[str] | None = None,
        namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        # Intermixed parsing calls parse_known_args itself: the plain one.
        setattr(parser, "parse_known_args", plain)  # noqa: B010
        try:
            return parser.parse_known_intermixed_args(args, namespace)
        finally:
            setattr(parser, "parse_known_args", parse_known_args)  # noqa: B010

    setattr(parser, "parse_known_args", parse_known_args)  # noqa: B010
