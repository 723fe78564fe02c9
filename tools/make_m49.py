"""Derive ``coalition_registry/data/m49.csv`` from datasets/country-codes.

Usage::

    python tools/make_m49.py path/to/country-codes.csv [--output FILE]

The source is ``data/country-codes.csv`` of github.com/datasets/country-codes
(ODC-PDDL-1.0); ``coalition_registry/data/M49-SOURCE.md`` names the commit.
Only the UN M49 columns are kept, cleaned and checked; codes are zero-padded
to three digits as M49 writes them, and Kosovo, which M49 does not list, is
added.  The output is sorted by alpha-2 code and written with Unix line
endings, so regenerating from the same source gives the same bytes.

Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final


#: Where the table is shipped, relative to this script.
DEFAULT_OUTPUT: Final = (
    Path(__file__).resolve().parent.parent
    / "coalition_registry"
    / "data"
    / "m49.csv"
)

HEADER: Final = (
    "alpha_2",
    "region_code",
    "region",
    "sub_region_code",
    "sub_region",
    "intermediate_region_code",
    "intermediate_region",
)

#: The source's columns for each level: (code column, name column).
LEVELS: Final = (
    ("Region Code", "Region Name"),
    ("Sub-region Code", "Sub-region Name"),
    ("Intermediate Region Code", "Intermediate Region Name"),
)
ALPHA_2: Final = "ISO3166-1-Alpha-2"

#: Rows M49 lacks.  Kosovo (user-assigned code XK) is not in M49; it goes
#: with all its neighbours (RS, AL, MK, ME): Europe / Southern Europe.
ADDED: Final = (("XK", "150", "Europe", "039", "Southern Europe", "", ""),)

_ALPHA_2_RE: Final = re.compile(r"[A-Z]{2}")
_CODE_RE: Final = re.compile(r"[0-9]{1,3}")


class SourceError(ValueError):
    """The source CSV is not what this script expects."""


def clean(cell: str) -> str:
    r"""Strip a cell, turning non-breaking and repeated spaces into one space.

    >>> clean("\u00a0 Northern\u00a0 Europe ")
    'Northern Europe'
    """
    return " ".join(cell.replace("\u00a0", " ").split())


def _level(
    row: dict[str, str], line: int, code_col: str, name_col: str
) -> tuple[str, str]:
    """One level's (zero-padded code, name), or ``("", "")``."""
    code = clean(row.get(code_col) or "")
    name = clean(row.get(name_col) or "")
    if not code and not name:
        return "", ""
    if not _CODE_RE.fullmatch(code):
        raise SourceError(
            f"line {line}: {code_col} {code!r} is not an M49 code"
        )
    if not name:
        raise SourceError(f"line {line}: {code_col} {code} has no {name_col}")
    return code.zfill(3), name


def extract(rows: Iterable[dict[str, str]]) -> list[tuple[str, ...]]:
    """The M49 rows of the source, checked, with Kosovo added, sorted.

    Raises:
        SourceError: A column is missing, an alpha-2 code is malformed or
            repeated, a code is not numeric or lacks a name, a level is
            filled while the one above it is empty, or one M49 code is
            given two names.
    """
    out: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        alpha_2 = clean(row.get(ALPHA_2) or "")
        if not _ALPHA_2_RE.fullmatch(alpha_2):
            raise SourceError(f"line {line}: alpha-2 code {alpha_2!r}")
        if alpha_2 in out:
            raise SourceError(f"line {line}: {alpha_2} is repeated")
        cells: list[str] = [alpha_2]
        for code_col, name_col in LEVELS:
            code, name = _level(row, line, code_col, name_col)
            if code and not cells[-1]:
                raise SourceError(
                    f"line {line}: {alpha_2} has {code_col} {code} but "
                    "no level above it"
                )
            if code and names.setdefault(code, name) != name:
                raise SourceError(
                    f"line {line}: M49 {code} is called both "
                    f"{names[code]!r} and {name!r}"
                )
            cells += [code, name]
        out[alpha_2] = tuple(cells)
    for added in ADDED:
        out.setdefault(added[0], added)
    return [out[k] for k in sorted(out)]


def read(source: Path) -> list[tuple[str, ...]]:
    """Read and extract the source CSV at *source*."""
    with source.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = {ALPHA_2, *(c for pair in LEVELS for c in pair)} - set(
            reader.fieldnames or ()
        )
        if missing:
            raise SourceError(f"missing columns: {', '.join(sorted(missing))}")
        return extract(reader)


def render(rows: Sequence[Sequence[str]]) -> bytes:
    """The shipped CSV's bytes: UTF-8, Unix line endings, header first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Write the table; 0 on success, 1 if the source is unusable."""
    parser = argparse.ArgumentParser(
        description="Derive m49.csv from datasets/country-codes."
    )
    parser.add_argument("source", type=Path, help="country-codes.csv")
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write (default: the package's data/m49.csv)",
    )
    args = parser.parse_args(argv)
    try:
        rows = read(args.source)
    except (OSError, SourceError) as e:
        sys.stderr.write(f"{args.source}: {e}\n")
        return 1
    args.output.write_bytes(render(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
