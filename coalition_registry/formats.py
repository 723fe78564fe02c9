"""More ways to show a validation report: GitHub Actions annotations, SARIF
2.1.0 for code-scanning tools, and text with coloured severities for a
terminal.

Like :mod:`coalition_registry.render`, nothing here decides anything about
the registry: each function turns a :class:`~coalition_registry.Report`
into text on the stream it is given.  :func:`write_report` picks the
reporter by name, and :func:`resolve_format` picks the name when the user
gave none.
"""

from __future__ import annotations

import io
import json

from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any, Final, TextIO
from urllib.parse import quote

from . import render
from ._version import __version__
from .problems import CODES, Location, Problem, Severity
from .validation import Report


__all__ = [
    "DOCS_ERRORS_URL",
    "FORMATS",
    "INFORMATION_URI",
    "github_annotation",
    "github_escape_data",
    "github_escape_property",
    "github_line",
    "report_github",
    "report_sarif",
    "report_text",
    "resolve_format",
    "sarif_log",
    "use_colour",
    "write_report",
]

#: The project's home page, named in SARIF output.
INFORMATION_URI: Final = (
    "https://github.com/coalition-registry/coalition_registry"
)

#: The errors page; each code has a section anchored by its name.
DOCS_ERRORS_URL: Final = f"{INFORMATION_URI}/blob/main/docs/errors.md"

_SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"

# ANSI "select graphic rendition" sequences: red, yellow, and reset.
_COLOURS: Final = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m"}
_RESET: Final = "\x1b[0m"


# -- choosing ---------------------------------------------------------------


def resolve_format(requested: str | None, environ: Mapping[str, str]) -> str:
    """The format to use: *requested*, else ``github`` inside GitHub Actions
    (which sets ``GITHUB_ACTIONS=true``), else ``text``.

    >>> resolve_format(None, {"GITHUB_ACTIONS": "true"})
    'github'
    >>> resolve_format("json", {"GITHUB_ACTIONS": "true"})
    'json'
    >>> resolve_format(None, {})
    'text'
    """
    if requested is not None:
        return requested
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_colour(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour text written to *stream*.

    Only for a terminal, and never when ``NO_COLOR`` is set (to any value,
    even empty) or ``TERM`` is ``dumb``.
    """
    if "NO_COLOR" in environ or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed stream
        return False


# -- text -------------------------------------------------------------------


def _paint(problem: Problem) -> str:
    line = str(problem)
    prefix = f"{problem.location}: {problem.severity}"
    if not line.startswith(prefix):  # pragma: no cover - format changed
        return line
    word = f"{_COLOURS[problem.severity]}{problem.severity}{_RESET}"
    return f"{problem.location}: {word}{line[len(prefix) :]}"


def report_text(report: Report, out: TextIO, *, colour: bool = False) -> None:
    """The text report of :func:`coalition_registry.render.report_text`;
    with *colour*, each problem's severity word is red (error) or yellow
    (warning), and nothing else changes.
    """
    if not colour:
        render.report_text(report, out)
        return
    for problem in report.problems:
        print(_paint(problem), file=out)
    print(_summary_line(report), file=out)


def _summary_line(report: Report) -> str:
    # render's own summary line, so that the formats can never drift apart.
    buffer = io.StringIO()
    render.report_text(report, buffer)
    return buffer.getvalue().splitlines()[-1]


# -- GitHub Actions -----------------------------------------------------------


def github_escape_data(text: str) -> str:
    r"""Escape a workflow command's message, as the Actions runner does.

    >>> github_escape_data("50%\nof it")
    '50%25%0Aof it'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``):
    as a message, and ``:`` and ``,`` too.

    >>> github_escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(problem: Problem) -> str:
    """*problem* as a GitHub Actions workflow command, which the run shows
    as an annotation on the line it concerns.

    >>> where = Location("a,b.yaml", 3, 1)
    >>> print(github_line(Problem("invalid-value", "50%", where)))
    ::error file=a%2Cb.yaml,line=3,col=1,title=invalid-value::50%25
    """
    return github_annotation(
        str(problem.severity),
        problem.location,
        problem.code,
        problem.message,
    )


def github_annotation(
    level: str, location: Location | None, title: str, message: str
) -> str:
    """A GitHub Actions workflow command (``::error file=...::message``)
    at *location* (or about the run, with none), escaped as GitHub reads
    it.

    >>> github_annotation("warning", None, "cache", "not written: 100%")
    '::warning title=cache::not written: 100%25'
    """
    props = []
    if location is not None:
        props.append(("file", _posix(location.path)))
        if location.line > 0:
            props.append(("line", str(location.line)))
            if location.column > 0:
                props.append(("col", str(location.column)))
    props.append(("title", title))
    shown = ",".join(f"{k}={github_escape_property(v)}" for k, v in props)
    return f"::{level} {shown}::{github_escape_data(message)}"


def report_github(report: Report, out: TextIO) -> None:
    """One GitHub Actions workflow command a problem (``::error ...`` or
    ``::warning ...``), so that each appears as an annotation on the line
    it concerns; then the summary line, which the log shows as it is.
    """
    for problem in report.problems:
        print(github_line(problem), file=out)
    print(_summary_line(report), file=out)


# -- SARIF ----------------------------------------------------------------------


def _posix(path: str) -> str:
    return PurePath(path).as_posix()


def _artifact_uri(path: str) -> str:
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    # A relative reference: forward slashes, and anything that is not
    # allowed in a URI (spaces, '#', '%'...) percent-encoded.
    return quote(pure.as_posix(), safe="/")


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": code.name,
            "shortDescription": {"text": code.title},
            "help": {"text": code.fix},
            "helpUri": f"{DOCS_ERRORS_URL}#{code.name}",
            "defaultConfiguration": {"level": _level(code.severity)},
        }
        for code in CODES.values()
    ]


def _result(problem: Problem, index: Mapping[str, int]) -> dict[str, Any]:
    loc = problem.location
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": _artifact_uri(loc.path)}
    }
    if loc.line > 0:
        region = {"startLine": loc.line}
        if loc.column > 0:
            region["startColumn"] = loc.column
        physical["region"] = region
    return {
        "ruleId": problem.code,
        "ruleIndex": index[problem.code],
        "level": _level(problem.severity),
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": physical}],
        "properties": {"pointer": problem.pointer},
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log: one run, one rule per problem code
    (with its title, its fix and a link to its section of the errors page),
    one result per problem.

    Columns count characters (``columnKind: unicodeCodePoints``), as
    everywhere in coalition-registry.
    """
    index = {name: i for i, name in enumerate(CODES)}
    return {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "coalition-registry",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": _rules(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(p, index) for p in report.problems],
            }
        ],
    }


def report_sarif(report: Report, out: TextIO) -> None:
    """The report as a SARIF 2.1.0 JSON document."""
    json.dump(sarif_log(report), out, indent=2, ensure_ascii=False)
    out.write("\n")


# -- by name ------------------------------------------------------------------

Reporter = Callable[[Report, TextIO], None]

#: Every report format, by the name ``--format`` takes.
FORMATS: Final[dict[str, Reporter]] = {
    "text": render.report_text,
    "json": render.report_json,
    "github": report_github,
    "sarif": report_sarif,
}


def write_report(
    report: Report, fmt: str, out: TextIO, environ: Mapping[str, str]
) -> None:
    """Write *report* to *out* in the format named *fmt* (see
    :data:`FORMATS`); text is coloured when :func:`use_colour` says so.
    """
    if fmt == "text":
        report_text(report, out, colour=use_colour(out, environ))
    else:
        FORMATS[fmt](report, out)
