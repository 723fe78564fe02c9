"""Write a letter's coverage report: one HTML page that opens offline,
with a world map shading each country by its number of signatories, the
coverage tables by country and by region, the letter's claims beside the
records, the organisations that signed with their sources, and the date
and registry version it describes.

The map needs the 'report' extra (python -m pip install '.[report]' in the
repository's folder, or python -m pip install geo-intel-offline); --no-map
writes the page without it.  Counts of people below the
threshold (--suppress-below, default 3) are hidden, on the map too, by the
rules of coverage (a hidden count holds at least one person, and may hold
many), and people who did not sign publicly are counted, never named.
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
    write_file,
)


HELP = "write a letter's coverage report as one offline HTML page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``report``."""
    add_path(parser)
    add_letter(parser)
    parser.add_argument(
        "-o",
        "--out",
        metavar="FILE",
        default="report.html",
        help="the HTML file to write, '-' for standard output (default: "
        "report.html)",
    )
    add_threshold(parser)
    add_on(parser)
    parser.add_argument(
        "--no-map",
        action="store_true",
        help="leave the world map out (it needs the 'report' extra)",
    )


def write_text(path: str, text: str, io: Output) -> None:
    """Write *text* to the file *path*, or to standard output for ``-``,
    and say where it went.
    """
    if path == "-":
        io.out.write(text)
        return
    # All or nothing: a full disk must not cost the last good copy.
    write_file(path, text)
    print(f"wrote {path}", file=io.out)


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``report``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry.report import html_report
    from coalition_registry.worldmap import GeometryMissingError

    registry = read_registry(
        args.path, io, letter=args.letter, one_letter=True
    )
    if registry is None:
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    try:
        page = html_report(
            registry,
            letter,
            threshold=args.suppress_below,
            include_map=not args.no_map,
            on=args.on,
        )
    except GeometryMissingError as e:
        raise UsageError(f"{e}; or leave the map out with --no-map") from e
    write_text(args.out, page, io)
    return EXIT_OK
