"""Derive ``coalition_registry/data/spdx.tsv`` from the SPDX License List's
ids, as the npm packages ``spdx-license-ids`` (CC0-1.0) and
``spdx-exceptions`` (CC-BY-3.0) publish them.

Usage::

    python tools/make_spdx.py path/to/spdx-license-ids path/to/spdx-exceptions

Each folder holds the package's ``index.json`` (current ids) and
``deprecated.json``; ``coalition_registry/data/SPDX-SOURCE.md`` names the
versions used.  The output is sorted within each kind and written with
Unix line endings, so regenerating from the same packages gives the same
bytes.

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys

from pathlib import Path
from typing import Final


#: Where the table is shipped, relative to this script.
OUTPUT: Final = (
    Path(__file__).resolve().parent.parent
    / "coalition_registry"
    / "data"
    / "spdx.tsv"
)
HEADER: Final = (
    "# id\tkind (licence, deprecated-licence, exception, "
    "deprecated-exception)\n"
)


def table(licences: Path, exceptions: Path) -> str:
    """The text of ``spdx.tsv`` from the two packages' folders."""
    out = [HEADER]
    for folder, kind in ((licences, "licence"), (exceptions, "exception")):
        for name, prefix in (
            ("index.json", ""),
            ("deprecated.json", "deprecated-"),
        ):
            ids = json.loads((folder / name).read_text(encoding="utf-8"))
            if not all(isinstance(i, str) and i for i in ids):
                msg = f"{folder / name}: not a list of ids"
                raise ValueError(msg)
            out.extend(f"{i}\t{prefix}{kind}\n" for i in sorted(ids))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Write the table; 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("licences", type=Path, help="spdx-license-ids folder")
    parser.add_argument("exceptions", type=Path, help="spdx-exceptions folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = table(args.licences, args.exceptions)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({text.count(chr(10)) - 1} ids)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
