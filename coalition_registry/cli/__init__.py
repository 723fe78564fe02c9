"""The command line, ``coalition-registry``: it only wires the library
together (parse arguments, call, render, return an exit code).

Each command is a module of this package with ``HELP``,
``add_arguments(parser)`` and ``run(args, out) -> int``; adding a command
is adding a module and naming it in ``COMMANDS`` (a command named by a
keyword, ``import``, is the module ``import_``).  Only the module of the
command run is imported.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import gc
import importlib
import io
import keyword
import os
import signal
import sys

from collections.abc import Sequence
from typing import Final, NoReturn, TextIO, cast

from coalition_registry._version import __version__


__all__ = ["COMMANDS", "console", "main", "parser", "run"]

#: Stopped by Ctrl+C (SIGINT), as shells report it: 128 + 2.
EXIT_INTERRUPTED: Final = 130


class Terminated(KeyboardInterrupt):
    """Stopped by a signal (SIGTERM, SIGHUP), which is handled as Ctrl+C
    is: a file being written is left whole, an import is taken back, and
    the exit code is the shell's for the signal (143 for SIGTERM).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The commands, in the order ``--help`` lists them: each is the module of
#: this package with that name.
COMMANDS: Final = (
    "validate",
    "coverage",
    "reconcile",
    "export",
    "coalitions",
    "schema",
    "new",
    "import",
    "fmt",
    "diff",
    "report",
    "map",
)


def _module(command: str) -> str:
    """The module of *command*: ``import`` is a keyword, so ``import_``."""
    return command + "_" if keyword.iskeyword(command) else command


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference): for
    every command, or only for *command*, which then imports only the
    modules that command needs.

    Raises:
        ValueError: When *command* is not one of :data:`COMMANDS`.
    """
    if command is not None and command not in COMMANDS:
        msg = f"no command {command!r}; the commands are {COMMANDS}"
        raise ValueError(msg)
    from . import _common

    p = _common.Parser(
        prog="coalition-registry",
        description="Validate and query a registry of who signed which "
        "open letter. Exit codes: 0 success, 1 the registry has errors (or "
        "a file cannot be written), 2 usage error, 130 interrupted (Ctrl+C), "
        "141 output closed by its reader (| head), 143 terminated (SIGTERM).",
    )
    p.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = p.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_common.Parser
    )
    for name in COMMANDS if command is None else (command,):
        module = importlib.import_module(f"{__name__}.{_module(name)}")
        cp = sub.add_parser(
            name,
            help=module.HELP,
            description=module.__doc__,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(cp)
        cp.set_defaults(run=module.run)
    return p


def run(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    """Run the command line with *argv*, writing to the given streams.

    Raises:
        OSError: When a stream or a file cannot be written (:func:`main`
            reports it).
    """
    from . import _common

    try:
        # argparse prints --help and --version to sys.stdout itself.
        with contextlib.redirect_stdout(stdout):
            # A command named first is all that needs building.
            chosen = argv[0] if argv and argv[0] in COMMANDS else None
            args = parser(chosen).parse_args(argv)
    except _common.UsageError as e:
        print(f"coalition-registry: error: {e}", file=stderr)
        # The help of the command that was mistyped, when one was named.
        named = f" {chosen}" if chosen is not None else ""
        print(f"Try 'coalition-registry{named} --help'.", file=stderr)
        return _common.EXIT_USAGE
    except SystemExit as e:  # --help and --version
        return int(e.code or 0)
    if args.command is None:
        parser().print_help(stdout)
        return _common.EXIT_USAGE
    try:
        code: int = args.run(args, _common.Output(stdout, stderr))
    except _common.UsageError as e:
        print(f"coalition-registry: error: {e}", file=stderr)
        return _common.EXIT_USAGE
    return code


def console() -> NoReturn:
    """The ``coalition-registry`` command: :func:`main`, in a process of its
    own.

    The process holds a registry only to report on it and exit, so the
    cyclic garbage collector stays off (with millions of records it would
    walk them all again and again, for no garbage: records form no cycles),
    and the process ends without freeing them one by one.
    """
    gc.disable()
    # Started with a stream closed (">&-", "2>&-"), Python has None for
    # it: writing results fails as writing to a closed descriptor does,
    # and what would go to standard error goes nowhere.
    if sys.stdout is None:
        sys.stdout = cast("TextIO", _Closed())
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole process
    for stream in (sys.stdout, sys.stderr):
        _never_unencodable(stream)
    for name in _STOPPING:
        signum = getattr(signal, name, None)
        # Not a signal the caller chose to ignore (nohup ignores SIGHUP).
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _stop)
    # The commands are imported in main(), where Ctrl+C during the imports
    # (a fifth of a second) is handled as at any other time.
    code = main()
    with contextlib.suppress(OSError, ValueError):  # a closed stream
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


# What a CI runner cancelling a job, ``timeout`` or ``kill`` sends, and
# what closing the terminal sends: each stops the command as Ctrl+C does.
_STOPPING: Final = ("SIGTERM", "SIGHUP")


def _stop(signum: int, _frame: object) -> NoReturn:
    """Stop as Ctrl+C does, so that a file being written is left whole and
    an import takes back what it wrote: by default these signals end the
    process at once, leaving temporary files in the registry and half an
    import.
    """
    raise Terminated(signum)


class _Closed(io.TextIOBase):
    """Standard output when the process was started without one."""

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _never_unencodable(stream: TextIO) -> None:
    """Let *stream* write any text: a character its encoding lacks (a Greek
    name on a Windows code page, or under PYTHONIOENCODING=ascii) is
    written as a visible escape, never a traceback.
    """
    encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8")
    if encoding.name != "utf-8" and isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(OSError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point."""
    try:
        from . import _common
    except KeyboardInterrupt as e:  # while the commands were imported
        return _stopped(e)
    try:
        code = run(
            sys.argv[1:] if argv is None else argv,
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
        sys.stdout.flush()
    except KeyboardInterrupt as e:
        return _stopped(e)
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as the Python
        # documentation advises, without a traceback at exit, and with
        # the code of a command SIGPIPE stopped, as `yes | head` gives: 1
        # would say the registry has errors.
        _common.discard(sys.stdout)
        return _common.EXIT_PIPE_CLOSED
    except OSError as e:
        # The output cannot be written (a full disk, a size limit,
        # /dev/full).  Only OSError: any other exception is a bug, whose
        # traceback must show.  The commands name the files they write in
        # their own errors, so an error naming no file is the output's.
        if isinstance(e, _common.WriteError):
            message = str(e)
        elif e.filename is None:
            message = f"cannot write standard output: {_common.reason(e)}"
        else:
            message = f"cannot read or write {e.filename}: {_common.reason(e)}"
        with contextlib.suppress(OSError):  # standard error too
            sys.stderr.write(f"coalition-registry: error: {message}\n")
        _common.discard(sys.stdout)
        return _common.EXIT_INVALID
    return code


def _stopped(e: KeyboardInterrupt) -> int:
    """Say the command was stopped by Ctrl+C or a signal (*e*, see
    :class:`Terminated`), and drop its pending output, with no traceback;
    the shell's exit code for it.
    """
    how = "terminated" if isinstance(e, Terminated) else "interrupted"
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"\ncoalition-registry: {how}\n")
    # Stopped while it was imported, nothing was written to drop.
    common = sys.modules.get(f"{__name__}._common")
    if common is not None and hasattr(common, "discard"):
        common.discard(sys.stdout)
    return 128 + e.signum if isinstance(e, Terminated) else EXIT_INTERRUPTED
