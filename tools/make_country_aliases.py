"""Derive ``coalition_registry/data/country-aliases.tsv`` from countrynames.

countrynames (opensanctions, MIT) lists 27,000 real-world spellings of
country names.  Each is folded the way :func:`coalition_registry.countries
.normalise` folds what a contributor writes; a folded spelling that could
mean more than one country is marked ``?`` (it gets no suggestion), and the
spellings countrynames lists as naming no country (``FAIL``: "N/A",
"Europe"...) are marked ``-``.  So are those of the places it keeps under
codes of their own that are no country's: former states ("Soviet Union"),
disputed territories ("Crimea", "Somaliland") and the EU; left out, they
would be compared for typing mistakes, and "Republic of Somaliland" taken
for a misspelt "Republic of Poland".  The parts of a country whose status
no one disputes ("N.Ireland", "Shanghai") are spellings of that country;
Tibet gets none.

Usage::

    python tools/make_country_aliases.py SOURCE.yaml [--output FILE]
"""

from __future__ import annotations

import argparse
import sys

from collections import defaultdict
from pathlib import Path

from coalition_registry.countries import is_country, normalise
from coalition_registry.parsing import parse


HERE = Path(__file__).resolve().parent.parent
OUTPUT = HERE / "coalition_registry" / "data" / "country-aliases.tsv"

#: Countries whose parts countrynames lists under codes such as ``GB-NIR``,
#: and whose status is not in dispute: each part names its country.
PARTS_OF = frozenset({"GB", "CN"})
#: ... except these parts, whose status is disputed: an organisation
#: writing "Tibet" is as likely to work in exile as in China, and a code
#: chosen for it would be counted as fact.  (Listed by name: countrynames
#: keeps Tibet under the code it gives Tianjin's districts.)
DISPUTED_PARTS = frozenset({"tibet", "tibetan", "tibet autonomous region"})


def aliases(source: bytes) -> dict[str, str]:
    """Folded spelling -> alpha-2 code, ``?`` (ambiguous) or ``-`` (none)."""
    doc = parse(source, "countrynames-data.yaml")
    if doc.problems:
        raise SystemExit(f"cannot read the source: {doc.problems[0]}")
    codes: dict[str, set[str]] = defaultdict(set)
    never: set[str] = set()
    for code, names in doc.data.items():
        for name in names or ():
            key = normalise(str(name))
            if not key:
                continue
            if key in DISPUTED_PARTS:
                never.add(key)
            elif is_country(code):
                codes[key].add(code)
            elif code.partition("-")[0] in PARTS_OF:
                codes[key].add(code.partition("-")[0])
            else:
                never.add(key)
    out = {k: (v.pop() if len(v) == 1 else "?") for k, v in codes.items()}
    for key in never:
        out.setdefault(key, "-")
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    """Write the table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("source", type=Path)
    p.add_argument("--output", type=Path, default=OUTPUT)
    args = p.parse_args(argv)
    table = aliases(args.source.read_bytes())
    with args.output.open("w", encoding="utf-8", newline="\n") as f:
        for key, code in table.items():
            f.write(f"{key}\t{code}\n")
    ambiguous = sum(v == "?" for v in table.values())
    print(f"{len(table)} spellings, {ambiguous} ambiguous", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
