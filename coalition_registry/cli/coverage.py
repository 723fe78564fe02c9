"""Count a letter's active signatories by country: an organisation counts in
its headquarters country, a person or group in their country, and any
signatory without a known country under "Unknown", which is never dropped.
"""

from __future__ import annotations

import argparse

from coalition_registry import render
from coalition_registry.aggregate import coverage

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    add_letter,
    add_path,
    choose_letter,
    read_registry,
)


NAME = "coverage"
HELP = "count a letter's signatories by country"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``coverage``."""
    add_path(parser)
    add_letter(parser)
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``coverage``."""
    registry = read_registry(args.path, io)
    if registry is None:
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    cov = coverage(registry, letter)
    if args.format == "json":
        render.coverage_json(cov, io.out)
    elif args.format == "csv":
        render.coverage_csv(cov, io.out)
    else:
        chosen = registry.letters.get(letter)
        title = chosen.title if chosen is not None else letter
        render.coverage_table(
            cov, io.out, title=f"Coverage by country: {title}\n"
        )
    return EXIT_OK
