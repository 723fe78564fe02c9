"""Check registry folders, or single files against the registry above them,
and list every problem as ``file:line:column: severity code: message``.

Exit 0 when there are no errors (warnings allowed), 1 when there are
errors, 2 for a usage error or a PATH that does not exist.
"""

from __future__ import annotations

import argparse
import os

from coalition_registry import formats
from coalition_registry.parsing import DEFAULT_LIMITS, Limits
from coalition_registry.validation import validate

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
        choices=tuple(formats.FORMATS),
        default=None,
        help="output format: text (coloured on a terminal unless NO_COLOR "
        "is set), json, github (GitHub Actions annotations) or sarif "
        "(SARIF 2.1.0); default: github when GITHUB_ACTIONS=true, else "
        "text",
    )
    limits = parser.add_argument_group(
        "limits",
        "Bounds that stop hostile input exhausting the machine; hitting one\n"
        "is a problem naming the limit (see docs/limits.md).",
    )
    limits.add_argument(
        "--max-file-bytes",
        type=_positive,
        default=DEFAULT_LIMITS.max_file_bytes,
        metavar="N",
        help="largest file read, in bytes (default: "
        f"{DEFAULT_LIMITS.max_file_bytes})",
    )
    limits.add_argument(
        "--max-depth",
        type=_positive,
        default=DEFAULT_LIMITS.max_depth,
        metavar="N",
        help="deepest nesting of lists and mappings (default: "
        f"{DEFAULT_LIMITS.max_depth})",
    )
    limits.add_argument(
        "--max-values",
        type=_positive,
        default=DEFAULT_LIMITS.max_values,
        metavar="N",
        help="most values in one file, which bounds memory (default: "
        f"{DEFAULT_LIMITS.max_values})",
    )
    limits.add_argument(
        "--max-records",
        type=_positive,
        default=DEFAULT_LIMITS.max_records,
        metavar="N",
        help="most records in one registry (default: "
        f"{DEFAULT_LIMITS.max_records})",
    )


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number"
        ) from None
    if n < 1:
        raise argparse.ArgumentTypeError("a limit is at least 1")
    return n


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``validate``."""
    limits = Limits(
        max_file_bytes=args.max_file_bytes,
        max_depth=args.max_depth,
        max_records=args.max_records,
        max_values=args.max_values,
    )
    report = validate(*existing(args.paths), limits=limits)
    fmt = formats.resolve_format(args.format, os.environ)
    formats.write_report(report, fmt, io.out, os.environ)
    return EXIT_OK if report.valid else EXIT_INVALID
