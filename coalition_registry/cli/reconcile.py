"""Set each claim a letter's sources make (how many signatories, survivors,
organisations, countries) beside what the records show, with the
difference and the reasons the two can differ.

A computed count of people below the threshold (--suppress-below) is
hidden, and so is its difference: claim minus difference would give it
back.
"""

from __future__ import annotations

import argparse

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    add_letter,
    add_on,
    add_path,
    add_threshold,
    choose_letter,
    made,
    read_registry,
)


HELP = "compare a letter's claims with what the records show"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``reconcile``."""
    add_path(parser)
    add_letter(parser)
    add_threshold(parser)
    add_on(parser)
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="output format (default: text)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``reconcile``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import render
    from coalition_registry.reconciliation import reconcile

    registry = read_registry(
        args.path, io, letter=args.letter, one_letter=True
    )
    if registry is None:
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    rec = reconcile(
        registry, letter, threshold=args.suppress_below, on=args.on
    )
    chosen = registry.letters.get(letter)
    title = chosen.display_title if chosen is not None else letter
    if args.format == "json":
        about = made(letter, args.on, args.suppress_below)
        render.reconciliation_json(rec, io.out, about=about)
    elif args.format == "markdown":
        render.reconciliation_markdown(rec, io.out, title=title)
    else:
        render.reconciliation_text(rec, io.out, title=title)
    return EXIT_OK
