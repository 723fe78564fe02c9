"""The command line: ``coalition-registry``.  It only wires the library
together: parse arguments, call, render, return an exit code.
"""

from __future__ import annotations

import argparse
import sys

from collections.abc import Sequence
from typing import TextIO

from . import render
from ._version import __version__
from .aggregate import coverage
from .registry import Registry
from .validate import validate


__all__ = ["main", "run"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    # argparse exits on its own; in-process callers and tests need a code.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    p = _Parser(
        prog="coalition-registry",
        description="Validate and query a registry of who signed which "
        "open letter.",
    )
    p.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = p.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )

    v = sub.add_parser(
        "validate",
        help="check registry folders or files and list every problem",
        description="Check registry folders, or single files against the "
        "registry above them, and list every problem as "
        "file:line:column: severity code: message. Exit 0 when there are "
        "no errors (warnings allowed), 1 when there are errors, 2 for a "
        "usage error.",
    )
    v.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=["registry_data"],
        help="registry folders or files (default: registry_data)",
    )
    v.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )

    c = sub.add_parser(
        "coverage",
        help="count a letter's signatories by country",
        description="Count a letter's active signatories by country "
        "(organisations by headquarters country; people and groups by "
        "their country; others under 'unknown').",
    )
    c.add_argument(
        "path",
        nargs="?",
        default="registry_data",
        metavar="PATH",
        help="registry folder (default: registry_data)",
    )
    c.add_argument(
        "--letter",
        metavar="ID",
        help="the letter's id (optional when the registry has one)",
    )
    c.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )
    return p


def run(argv: Sequence[str], *, stdout: TextIO, stderr: TextIO) -> int:
    """Run the command line with *argv*, writing to the given streams."""
    try:
        args = parser().parse_args(argv)
    except _UsageError as e:
        print(f"coalition-registry: error: {e}", file=stderr)
        print("Try 'coalition-registry --help'.", file=stderr)
        return EXIT_USAGE
    except SystemExit as e:  # --help and --version
        return int(e.code or 0)
    if args.command is None:
        parser().print_help(stdout)
        return EXIT_USAGE
    if args.command == "validate":
        return _validate(args.paths, args.format, stdout, stderr)
    return _coverage(args.path, args.letter, args.format, stdout, stderr)


def _missing(paths: Sequence[str], stderr: TextIO) -> bool:
    from pathlib import Path

    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        print(
            f"coalition-registry: error: no such file or folder: {p}",
            file=stderr,
        )
    return bool(missing)


def _validate(
    paths: Sequence[str], fmt: str, stdout: TextIO, stderr: TextIO
) -> int:
    if _missing(paths, stderr):
        return EXIT_USAGE
    report = validate(*paths)
    (render.report_json if fmt == "json" else render.report_text)(
        report, stdout
    )
    return EXIT_OK if report.valid else EXIT_INVALID


def _coverage(
    path: str, letter: str | None, fmt: str, stdout: TextIO, stderr: TextIO
) -> int:
    if _missing([path], stderr):
        return EXIT_USAGE
    report = validate(path)
    if not report.valid:
        render.report_text(report, stdout)
        return EXIT_INVALID
    registry = Registry(report.registry_records, report.info)
    ids = [letter.id for letter in registry.letters]
    if letter is None:
        if len(ids) != 1:
            print(
                "coalition-registry: error: the registry has "
                f"{len(ids)} letters; choose one with --letter: "
                + ", ".join(ids),
                file=stderr,
            )
            return EXIT_USAGE
        letter = ids[0]
    elif letter not in ids:
        print(
            f"coalition-registry: error: no letter has the id {letter!r}; "
            "letters: " + ", ".join(ids),
            file=stderr,
        )
        return EXIT_USAGE
    cov = coverage(registry, letter)
    if fmt == "json":
        render.coverage_json(cov, stdout)
    elif fmt == "csv":
        render.coverage_csv(cov, stdout)
    else:
        chosen = registry.letters.get(letter)
        title = chosen.title if chosen is not None else letter
        render.coverage_table(
            cov, stdout, title=f"Coverage by country: {title}\n"
        )
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point."""
    return run(
        sys.argv[1:] if argv is None else argv,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )
