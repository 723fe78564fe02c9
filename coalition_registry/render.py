"""Rendering: reports and tables as text, JSON or CSV.  No logic, no I/O
beyond the stream it is given.
"""

from __future__ import annotations

import csv
import json

from typing import TextIO

from .aggregate import Coverage
from .validate import Report


__all__ = [
    "coverage_csv",
    "coverage_json",
    "coverage_table",
    "report_json",
    "report_text",
]


def report_text(report: Report, out: TextIO) -> None:
    """One ``file:line:column: severity code: message`` line a problem."""
    for problem in report.problems:
        print(problem, file=out)
    s = report.summary
    verdict = "valid" if report.valid else "invalid"
    print(
        f"{verdict}: {s['files']} file(s), {s['records']} record(s), "
        f"{s['errors']} error(s), {s['warnings']} warning(s)",
        file=out,
    )


def report_json(report: Report, out: TextIO) -> None:
    """The report as one JSON object."""
    json.dump(
        {
            "valid": report.valid,
            "problems": [p.as_dict() for p in report.problems],
            "summary": report.summary,
        },
        out,
        indent=2,
        ensure_ascii=False,
    )
    out.write("\n")


def coverage_table(cov: Coverage, out: TextIO, *, title: str = "") -> None:
    """A plain-text table: code, country, signatories, international."""
    rows = [
        (r.country or "--", r.name, str(r.signatories), str(r.international))
        for r in (*cov.rows, cov.unknown)
    ]
    header = ("code", "country", "signatories", "of which international")
    total = (
        "",
        "Total",
        str(cov.total),
        str(sum(r.international for r in (*cov.rows, cov.unknown))),
    )
    widths = [max(len(r[i]) for r in (header, *rows, total)) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i >= 2 else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    if title:
        print(title, file=out)
    print(line(header), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in rows:
        print(line(row), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    print(line(total), file=out)
    claimed = (
        f" (the letter's sources claim {cov.claimed_countries})"
        if cov.claimed_countries is not None
        else ""
    )
    print(
        f"\nDistinct countries in the records: {cov.countries}{claimed}",
        file=out,
    )


def coverage_json(cov: Coverage, out: TextIO) -> None:
    """The coverage table as JSON."""
    json.dump(cov.as_dict(), out, indent=2, ensure_ascii=False)
    out.write("\n")


def coverage_csv(cov: Coverage, out: TextIO) -> None:
    """The coverage table as CSV, with the unknown row and a total row."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "name", "signatories", "international"])
    for r in (*cov.rows, cov.unknown):
        writer.writerow(
            [r.country or "", r.name, r.signatories, r.international]
        )
    writer.writerow(
        [
            "",
            "Total",
            cov.total,
            sum(r.international for r in (*cov.rows, cov.unknown)),
        ]
    )
