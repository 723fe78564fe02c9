"""Print the JSON Schemas (Draft 2020-12) of the registry's files, for
editors that complete and check YAML as you type (see docs/editors.md).

There is one schema for each kind of record (a file of a kind holds one
record or a list of them) and one, "registry", for registry.yaml.  With
--kind, print that kind's schema; without it, print a JSON object mapping
each kind to its schema.  With --out DIR, write each schema to
DIR/<kind>.schema.json instead (only the --kind one, if given), creating
DIR if needed, and list the files written.
"""

from __future__ import annotations

import argparse
import json

from pathlib import Path
from typing import Any

from coalition_registry.jsonschema_out import schema_kinds

from ._common import EXIT_OK, Output, UsageError, reason, write_file


HELP = "print JSON Schemas of the registry's files, for editors"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``schema``."""
    parser.add_argument(
        "--kind",
        choices=tuple(schema_kinds()),
        help="only this kind's schema (default: every kind)",
    )
    parser.add_argument(
        "-o",
        "--out",
        metavar="DIR",
        help="write <kind>.schema.json files into DIR instead of printing",
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``schema``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry.jsonschema_out import kind_schema

    kinds = [args.kind] if args.kind else list(schema_kinds())
    if args.out is None:
        if args.kind:
            io.out.write(_dumps(kind_schema(args.kind)))
        else:
            io.out.write(_dumps({k: kind_schema(k) for k in kinds}))
        return EXIT_OK
    if not args.out:
        # Path("") is the current folder: the files would land there.
        raise UsageError("--out needs the name of a folder")
    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(
            f"cannot write to {args.out}: it is a file, not a folder"
        ) from None
    except OSError as e:
        raise UsageError(f"cannot write to {args.out}: {reason(e)}") from None
    for kind in kinds:
        path = folder / f"{kind}.schema.json"
        # Each whole or as it was: an editor may be reading the old one.
        write_file(str(path), _dumps(kind_schema(kind)))
        print(f"wrote {path}", file=io.out)
    return EXIT_OK
