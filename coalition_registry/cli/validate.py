"""Check registry folders, or single files against the registry above them,
and list every problem as "file:line:column: severity code: message".

With more than 20 problems, a line before the summary counts them by
code, most first.

Exit 0 when there are no errors (warnings allowed), 1 when there are
errors, 2 for a usage error or a PATH that does not exist, 130 when
interrupted (Ctrl+C).

Files are read on every available core; set COALITION_REGISTRY_WORKERS=N
to use N processes instead (1: this one only).
"""

from __future__ import annotations

import argparse
import os
import warnings

import attrs

from coalition_registry import formats
from coalition_registry.parsing import DEFAULT_LIMITS, MAX_DEPTH, Limits
from coalition_registry.progress import ProgressBar, wanted
from coalition_registry.validation import CacheWarning, validate

from ._common import EXIT_INVALID, EXIT_OK, Output, existing, positive


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
    parser.add_argument(
        "--cache",
        metavar="DIR",
        default=os.environ.get("COALITION_REGISTRY_CACHE") or None,
        help="keep what each file yielded in DIR (created if need be), and "
        "read again only the files whose bytes changed; when none of them "
        "yields anything new for the checks across records (a comment "
        "edited, a source or a note changed, nothing changed), the last "
        "report is printed again, with those files' own problems, without "
        "checking the records against each other anew; the cache holds the "
        "registry's data, private values included, so keep it where only "
        "those who can change the registry can write it, and where git "
        "ignores it (default: "
        "$COALITION_REGISTRY_CACHE, else no cache; see docs/ci.md)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="never show the progress bar (it appears on a terminal when "
        "validation takes more than a second, never under CI)",
    )
    limits = parser.add_argument_group(
        "limits",
        "Bounds that stop hostile input exhausting the machine; hitting one\n"
        "is a problem naming the limit (see docs/limits.md).",
    )
    for name, meaning in _LIMITS.items():
        default = getattr(DEFAULT_LIMITS, name)
        limits.add_argument(
            "--" + name.replace("_", "-"),
            type=positive("a limit", _CEILINGS.get(name)),
            default=default,
            metavar="N",
            help=f"{meaning} (default: {default}"
            + (f", at most {_CEILINGS[name]})" if name in _CEILINGS else ")"),
        )


# Every field of Limits, with what it bounds: one option each.
_LIMITS = {
    "max_file_bytes": "largest file read, in bytes",
    "max_depth": "deepest nesting of lists and mappings",
    "max_values": "most values in one file, which bounds memory",
    "max_records": "most records in one registry",
}
assert set(_LIMITS) == set(attrs.fields_dict(Limits))
# Limits deeper than the reader can go: nesting is read recursively.
_CEILINGS = {"max_depth": MAX_DEPTH}


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``validate``."""
    limits = Limits(**{name: getattr(args, name) for name in _LIMITS})
    bar = (
        ProgressBar(io.err)
        if not args.no_progress and wanted(io.err, os.environ)
        else None
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CacheWarning)
        report = validate(
            *existing(args.paths),
            limits=limits,
            progress=bar,
            cache=args.cache or None,  # --cache "" means no cache
            # Only problems are reported: a cache may then serve the last
            # run's report, without reading back any record.
            keep_records=False,
        )
    fmt = formats.resolve_format(args.format, os.environ)
    for warning in caught:
        # In GitHub Actions, an annotation on the run: a plain line in
        # the log of a passing job is never read.
        # Titled by what it is about: parsing warns too, of a slow
        # reader (no ruamel.yaml.clib), and that is no cache's.
        title = (
            "cache"
            if issubclass(warning.category, CacheWarning)
            else "coalition-registry"
        )
        print(
            formats.github_annotation(
                "warning", None, title, str(warning.message)
            )
            if fmt == "github"
            else f"coalition-registry: warning: {warning.message}",
            file=io.err,
        )
    formats.write_report(report, fmt, io.out, os.environ)
    return EXIT_OK if report.valid else EXIT_INVALID
