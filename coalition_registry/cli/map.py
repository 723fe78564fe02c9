"""Write a letter's world map alone, as one SVG file: each country shaded
by its number of signatories, with a title, a legend, a detail panel for
small countries, and the rules the counts follow.

The map needs the 'report' extra (python -m pip install '.[report]' in the
repository's folder, or python -m pip install geo-intel-offline).
A country whose count of people is below the threshold (--suppress-below,
default 3), or that takes in people who are not public while any count of
them is small or any of their signatures has a day of its own (signed_on,
withdrawn_on), is hatched, shown in the legend as "number hidden", never
with its number: it holds at least one person, and may hold many.  With
--on, the map's notes say the day it counts as of.
"""

from __future__ import annotations

import argparse

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    UsageError,
    add_letter,
    add_on,
    add_path,
    add_threshold,
    choose_letter,
    read_registry,
)
from .report import write_text


HELP = "draw a letter's signatories by country on a world map (SVG)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``map``."""
    add_path(parser)
    add_letter(parser)
    parser.add_argument(
        "-o",
        "--out",
        metavar="FILE",
        default="map.svg",
        help="the SVG file to write, '-' for standard output (default: "
        "map.svg)",
    )
    add_threshold(parser)
    add_on(parser)


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``map``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry.report import svg_map
    from coalition_registry.worldmap import GeometryMissingError

    registry = read_registry(
        args.path, io, letter=args.letter, one_letter=True
    )
    if registry is None:
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    try:
        svg = svg_map(
            registry, letter, threshold=args.suppress_below, on=args.on
        )
    except GeometryMissingError as e:
        raise UsageError(str(e)) from e
    write_text(args.out, svg, io)
    return EXIT_OK
