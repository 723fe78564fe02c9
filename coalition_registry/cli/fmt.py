"""Rewrite record files in one canonical form: fields in the documented
order, plain words unquoted and any other text in double quotes (one with
an apostrophe, an accent, a comma, a colon or a web address; country codes
and registry numbers always), two-space indentation, and the line endings
of the file's first line (LF, or CRLF as git on Windows checks files out).
Every comment and every value is kept; a file that does not validate is
left alone.

With --check nothing is written: the files that would change are listed,
with the lines that would change (the first ten after the first) and,
where it can be said without repeating a value, what to change on each
("put its value in double quotes"), and the exit code is 1 if there are
any.  With --fix, countries
written as a name, in lower case or as an alpha-3 code become their
two-letter codes, where the code is certain (the file must validate
afterwards).

Exit 0 when every file is (now) canonical, 1 when a file was left alone or,
with --check, would change, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os

from typing import TYPE_CHECKING

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    WriteError,
    existing,
    progress_bar,
    reason,
)


if TYPE_CHECKING:
    from coalition_registry.fmt import Fix, FmtReport
    from coalition_registry.problems import Problem


HELP = "rewrite record files in the canonical form, keeping comments"

#: How many lines that would change are said for a file after its first:
#: enough to fix a file by hand in one go, not a page for a file that was
#: written in another layout throughout (one run of fmt fixes that).
MORE_LINES = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``fmt``."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=["registry_data"],
        help="registry folders or record files (default: registry_data)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list the files that would change, and exit 1 "
        "if there are any",
    )
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default=None,
        help="output format: text, or github (GitHub Actions annotations: "
        "each file that would change is marked at its first changed line); "
        "default: github when GITHUB_ACTIONS=true, else text",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="also write countries given as names, lower-case or alpha-3 "
        "codes as their alpha-2 codes, where certain",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``fmt``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry.fmt import format_paths
    from coalition_registry.formats import resolve_format

    try:
        report = format_paths(
            existing(args.paths),
            check=args.check,
            fix=args.fix,
            progress=progress_bar(io),
        )
    except OSError as e:
        # Each file is replaced whole or not at all (write_atomic), so a
        # failure part way leaves every file as it was or reformatted.
        # A file fmt could not read or write is its result, said with
        # the others: this is a folder that could not be listed, say.
        name = os.fsdecode(e.filename) if e.filename else ""
        what = f"read {name}" if name else "read the registry"
        raise WriteError(
            f"cannot {what}: {reason(e)}; every file is whole, either "
            "reformatted or as it was: fix the cause and run fmt again"
        ) from e
    if resolve_format(args.format, os.environ) == "github":
        _print(report, io, _Annotations())
    else:
        _print(report, io, _Text())
    return EXIT_OK if report.ok else EXIT_INVALID


class _Text:
    """Lines for a terminal or a log."""

    def problem(self, problem: Problem) -> str:
        return str(problem)

    def fix(self, fix: Fix) -> str:
        return str(fix)

    def left(self, shown: str, why: str) -> str:
        return f"{shown}: left unchanged: {why}"

    def changed(
        self, verb: str, shown: str, line: int | None, change: str | None
    ) -> str:
        what = f": {change}" if change is not None else ""
        where = (
            f" (first change on line {line}{what})" if line is not None else ""
        )
        return f"{verb} {shown}{where}"

    def also(self, shown: str, line: int, change: str | None) -> str:  # noqa: ARG002 - under the file's own line
        what = f": {change}" if change is not None else ""
        return f"  and on line {line}{what}"

    def unsaid(self, shown: str, count: int) -> str:  # noqa: ARG002 - under the file's own line
        return f"  and {count} more line(s)"


class _Annotations(_Text):
    """GitHub Actions workflow commands, which mark the lines concerned in
    a pull request: a contributor editing on GitHub's website, who cannot
    run fmt, sees where each file differs from the layout.
    """

    def problem(self, problem: Problem) -> str:
        from coalition_registry.formats import github_line

        return github_line(problem)

    def fix(self, fix: Fix) -> str:
        from coalition_registry.formats import github_annotation

        return github_annotation(
            "notice",
            fix.location,
            "fmt --fix",
            f"{fix.pointer}: {fix.message}",
        )

    def left(self, shown: str, why: str) -> str:
        from coalition_registry.formats import github_annotation
        from coalition_registry.problems import Location

        return github_annotation(
            "error", Location(shown), "fmt", f"left unchanged: {why}"
        )

    def changed(
        self, verb: str, shown: str, line: int | None, change: str | None
    ) -> str:
        from coalition_registry.formats import github_annotation
        from coalition_registry.problems import Location

        if verb == "reformatted":
            return super().changed(verb, shown, line, change)
        return github_annotation(
            "error",
            Location(shown, line or 0, 0),
            "fmt",
            "this file is not in the registry's layout "
            + (f"from line {line} on" if line is not None else "")
            + (f" (on that line, {change})" if change is not None else "")
            + ": run coalition-registry fmt on it, or copy the quoting and "
            "the order of the fields from the examples in docs/data-format.md",
        )

    def also(self, shown: str, line: int, change: str | None) -> str:
        from coalition_registry.formats import github_annotation
        from coalition_registry.problems import Location

        return github_annotation(
            "error",
            Location(shown, line, 0),
            "fmt",
            "this line is not in the registry's layout"
            + (f": {change}" if change is not None else "")
            + " (or run coalition-registry fmt on the file)",
        )

    def unsaid(self, shown: str, count: int) -> str:
        from coalition_registry.formats import github_annotation
        from coalition_registry.problems import Location

        return github_annotation(
            "error",
            Location(shown),
            "fmt",
            f"{count} more line(s) are not in the registry's layout: run "
            "coalition-registry fmt on the file",
        )


def _print(report: FmtReport, io: Output, lines: _Text) -> None:
    for problem in report.problems:
        print(lines.problem(problem), file=io.out)
    verb = "would reformat" if report.check else "reformatted"
    for result in report.results:
        if result.status == "refused":
            for problem in result.problems:
                print(lines.problem(problem), file=io.out)
            why = result.failure or "it does not validate (see above)"
            print(lines.left(result.shown, why), file=io.out)
        elif result.status == "changed":
            for fix in result.fixes:
                print(lines.fix(fix), file=io.out)
            print(
                lines.changed(verb, result.shown, result.line, result.change),
                file=io.out,
            )
            for line, change in result.more[:MORE_LINES]:
                print(lines.also(result.shown, line, change), file=io.out)
            if len(result.more) > MORE_LINES:
                print(
                    lines.unsaid(result.shown, len(result.more) - MORE_LINES),
                    file=io.out,
                )
    changed = len(report.changed)
    unchanged = len(report.results) - changed - len(report.refused)
    done = "would be reformatted" if report.check else "reformatted"
    parts = [f"{changed} file(s) {done}", f"{unchanged} already canonical"]
    if report.refused:
        parts.append(f"{len(report.refused)} left unchanged")
    print(", ".join(parts), file=io.out)
