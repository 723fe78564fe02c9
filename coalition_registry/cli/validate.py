"""Check registry folders, or single files against the registry above them,
and list every problem as ``file:line:column: severity code: message``.

Exit 0 when there are no errors (warnings allowed), 1 when there are
errors, 2 for a usage error or a PATH that does not exist.
"""

from __future__ import annotations

import argparse

from coalition_registry import render
from coalition_registry.validate import validate

from ._common import EXIT_INVALID, EXIT_OK, Output, existing


NAME = "validate"
HELP = "check registry folders or files and list every problem"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``validate``."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=["registry_data"],
        help="registry folders or files (default: registry_data)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``validate``."""
    report = validate(*existing(args.paths))
    if args.format == "json":
        render.report_json(report, io.out)
    else:
        render.report_text(report, io.out)
    return EXIT_OK if report.valid else EXIT_INVALID
