"""What the commands share: exit codes, streams, reading a registry."""

from __future__ import annotations

import argparse

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import attrs

from coalition_registry.suppression import DEFAULT_THRESHOLD

# Not deferred: the validate command needs it anyway, and tests replace it.
from coalition_registry.validation import validate


if TYPE_CHECKING:
    from coalition_registry.registry import Registry


EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called: exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse exits by itself; in-process callers need an exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


@attrs.frozen
class Output:
    """Where a command writes: results to ``out``, diagnostics to ``err``."""

    out: TextIO
    err: TextIO


def existing(paths: list[str]) -> list[str]:
    """*paths*, or a usage error naming the first that does not exist."""
    for p in paths:
        if not Path(p).exists():
            hint = (
                " (run this in the folder that holds registry_data/, or "
                "give the registry's folder)"
                if p == "registry_data"
                else ""
            )
            raise UsageError(f"no such file or folder: {p}{hint}")
    return paths


def read_registry(path: str, io: Output) -> Registry | None:
    """The registry at *path*, or ``None`` after printing its problems (as
    ``validate`` does) when it has errors.
    """
    existing([path])
    report = validate(path)
    if not report.valid:
        # Imported here: only a registry with errors needs it.
        from coalition_registry import render

        render.report_text(report, io.out)
        return None
    return report.to_registry()


def choose_letter(registry: Registry, letter: str | None) -> str:
    """The letter asked for, or the only one; a usage error otherwise."""
    ids = [x.id for x in registry.letters]
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

        raise UsageError(str(UnknownLetterError(letter, ids)))
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


def add_letter(parser: argparse.ArgumentParser) -> None:
    """The --letter option."""
    parser.add_argument(
        "--letter",
        metavar="ID",
        help="the letter's id (optional when the registry has one letter)",
    )


def add_threshold(parser: argparse.ArgumentParser) -> None:
    """The --suppress-below option."""
    parser.add_argument(
        "--suppress-below",
        type=positive("the threshold"),
        default=DEFAULT_THRESHOLD,
        metavar="K",
        help="hide counts of people from 1 to K-1, shown as <K (default: "
        f"{DEFAULT_THRESHOLD}; 1 shows every count)",
    )


def positive(what: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least 1, named *what*."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number"
            ) from None
        if n < 1:
            raise argparse.ArgumentTypeError(f"{what} is at least 1")
        return n

    return parse
