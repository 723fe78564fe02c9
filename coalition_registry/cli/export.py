"""Write a letter's signatories (or every letter's) as CSV, JSON, JSON Lines
or Markdown: organisations, groups and public people with active
signatures.  People who are not public are counted, never listed; withdrawn
signatures are not listed; fields marked private are left empty.  CSV
and JSON Lines hold the rows alone: the notes (how many, or "some", are
counted but not listed, and the day counted as of when --on gives one) go
to stderr, so that a list is never taken for all who signed.
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


HELP = "write signatories as CSV, JSON, JSON Lines or Markdown"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``export``."""
    add_path(parser)
    add_letter(parser, "default: every letter")
    add_threshold(parser)
    add_on(parser)
    parser.add_argument(
        "--format",
        choices=("csv", "json", "jsonl", "markdown"),
        default="csv",
        help="output format (default: csv)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``export``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import render
    from coalition_registry.exports import export

    registry = read_registry(args.path, io, letter=args.letter)
    if registry is None:
        return EXIT_INVALID
    if args.letter is not None:
        choose_letter(registry, args.letter)
    data = export(
        registry, args.letter, threshold=args.suppress_below, on=args.on
    )
    if args.format == "json":
        about = made(args.letter, args.on, args.suppress_below)
        render.export_json(data, io.out, about=about)
    else:
        {
            "csv": render.export_csv,
            "jsonl": render.export_jsonl,
            "markdown": render.export_markdown,
        }[args.format](data, io.out)
    if args.format in ("csv", "jsonl"):
        # The rows alone would read as everyone who signed.
        for note in data.notes():
            print(
                f"coalition-registry: note: {render.visible(note)}",
                file=io.err,
            )
    return EXIT_OK
