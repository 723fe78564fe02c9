"""Add a letter's signatories from a spreadsheet saved as CSV: one row a
signature, whose signatory is found in the registry (by the id in a
signatory column, or by name) or recorded anew from the row.

The first row names the columns, in any order and case: kind
(organisation, group or person: every row says it, since a person taken
for an organisation would be named), name, disclosure (a person's: public,
pseudonym or anonymous), country (a code or a country's English name),
website, scope, member_count (a group's, or unknown), name_as_printed,
role (why they signed; organisation for
an organisation by default), capacity, on_behalf_of (an id, or a name),
signed_on (for a signature added after the letter was published),
verification, source (a URL, else --source's), notes, private (the fields
to keep private in the files written: country; role) and signatory (the
id of a signatory already recorded, or the id a new one takes, for a name
in a script such as Chinese or Arabic). Words of a list (Public, On Behalf
Of) may be written in any case. An export's CSV has these columns, and
names each signatory by id, so it can be imported into another registry.
Save the spreadsheet as CSV in UTF-8 (or as UTF-16 "Unicode text"),
outside the repository: it may name people who are not public.

Every value is checked as validate checks it, and every problem names its
line and character in the file, and the sheet's column ([column C:
country]) and row, where it is not the line (a cell above holds a line
break): then nothing is written. A signature already
recorded is left as it is, so a spreadsheet can be imported again after
rows are added; but a person who is not public gets a new random id, and
nothing tells whether they are already recorded: when the letter has
signatures of such people, their rows are refused unless
--new-private-people says they are new. No message repeats what a row of a
person who is not public holds.

Prints the path of each file written. Exit 0 when every row is imported
(or already recorded), 1 when a row has an error or a file cannot be
written (nothing is written), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os

from pathlib import Path
from typing import TYPE_CHECKING

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    UsageError,
    WriteError,
    add_letter,
    add_path,
    choose_letter,
    create_file,
    discard,
    existing,
    ids_in,
    intermixed,
    read_registry,
    reason,
    refuse_linked_folder,
    registry_root,
)


if TYPE_CHECKING:
    from coalition_registry.problems import Problem


HELP = "add a letter's signatories from a spreadsheet (CSV)"

# A spreadsheet of a million rows is about 100 MB.
_MAX_BYTES = 256 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``import``."""
    parser.add_argument("table", metavar="CSV", help="the spreadsheet")
    add_path(parser)
    add_letter(parser)
    parser.add_argument(
        "--source",
        metavar="URL",
        help="the page that lists these signatories, cited by every new "
        "record whose row has no source of its own",
    )
    parser.add_argument(
        "--new-private-people",
        action="store_true",
        help="say that the rows of people who are not public are new: "
        "needed when the letter has signatures of such people already, "
        "since nothing else tells whether a row's person is one of them",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="say what would be written, and write nothing (a person who is "
        "not public is shown under a random id, drawn again when written)",
    )
    intermixed(parser)


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``import``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import files
    from coalition_registry.imports import Cell, plan_import, read_table
    from coalition_registry.parsing import _decode

    existing([args.path])  # says where to run it, if it is not there
    root = registry_root(args.path)
    if args.source is not None:
        _check_source(args.source)
    raw = _read(args.table)
    registry = read_registry(
        str(root), io, letter=args.letter, one_letter=True
    )
    if registry is None:
        print(
            "the registry has errors: fix them first (nothing was written)",
            file=io.err,
        )
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    shown = files.display_path(Path(args.table))
    text, problems = _decode(_utf8(raw), shown, table=True)
    problems = [_in_excel_words(p) for p in problems]
    rows: list[tuple[dict[str, Cell], int]] = []
    if text is not None:
        rows, problems = read_table(text, shown)
    plan = plan_import(
        registry,
        rows,
        shown,
        letter,
        source=args.source,
        taken=ids_in(root),
        new_private_people=args.new_private_people,
    )
    # In the spreadsheet's order: a missing column (said at the header's
    # start) comes before the header's unknown ones.
    problems = sorted(
        [*plan.problems, *problems],
        key=lambda p: (p.location.line, p.location.column),
    )
    from coalition_registry.render import problems_text

    # As validate prints them: thousands of rows in error get the count of
    # each code.
    problems_text(problems, io.out)
    if any(p.is_error for p in problems):
        errors = sum(p.is_error for p in problems)
        print(
            f"{errors} error(s) in {shown}: nothing was written; correct "
            "the rows and import again",
            file=io.err,
        )
        return EXIT_INVALID
    paths = [root / new.path for new in plan.files]
    if not args.dry_run:
        _write(
            [(p, new.text) for p, new in zip(paths, plan.files, strict=True)],
            root,
        )
    _list(paths, io, written=not args.dry_run)
    signatures = sum(new.kind == "signature" for new in plan.files)
    would = "would be " if args.dry_run else ""
    print(
        f"{signatures} signature(s) {would}added to {letter} "
        f"({len(plan.files) - signatures} of them by new signatories); "
        f"{plan.present} row(s) recorded already, left as they were",
        file=io.err,
    )
    if plan.unnamed:
        print(
            f"{plan.unnamed} new person(s) who are not public "
            f"{'would get' if args.dry_run else 'got'} random ids, so "
            "nothing tells them apart from people added later: an import "
            "of their rows again is refused; to add others later, import a "
            "sheet of the new rows only, with --new-private-people",
            file=io.err,
        )
    return EXIT_OK


def _read(table: str) -> bytes:
    """The spreadsheet's bytes, or a usage error saying why not."""
    try:
        with open(table, "rb") as f:
            raw = f.read(_MAX_BYTES + 1)
    except OSError as e:
        raise UsageError(f"cannot read {table}: {reason(e)}") from None
    if len(raw) > _MAX_BYTES:
        raise UsageError(
            f"{table} is larger than {_MAX_BYTES // 2**20} MiB: import it "
            "in parts"
        )
    return raw


def _check_source(url: str) -> None:
    """A usage error if *url* is not one a source may cite: said once,
    not for every row.
    """
    from coalition_registry.schema import Context, Url

    ctx = Context("--source")
    Url().convert(url, ctx, (1, 1), "$")
    if ctx.problems and ctx.problems[0].is_error:
        raise UsageError(f"--source: {ctx.problems[0].message}")


def _in_excel_words(problem: Problem) -> Problem:
    """*problem*, when it says to save the file as UTF-8, with how: Excel's
    "CSV (Comma delimited)" saves in the computer's own code page.
    """
    import attrs

    if problem.code != "encoding" or not problem.message.endswith("UTF-8"):
        return problem
    return attrs.evolve(
        problem,
        message=problem.message + " (in Excel: File, Save As, and the type "
        "'CSV UTF-8 (Comma delimited)'; in LibreOffice: the character set "
        "'Unicode (UTF-8)')",
    )


def _utf8(raw: bytes) -> bytes:
    """*raw* as UTF-8 when it is UTF-16 with a byte order mark, as a
    spreadsheet saves "Unicode text"; else as it is.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and not raw.startswith(
        b"\xff\xfe\x00\x00"
    ):
        try:
            return raw.decode("utf-16").encode("utf-8")
        except UnicodeError:
            pass  # said by the check of the bytes as they are
    return raw


def _write(new: list[tuple[Path, str]], root: Path) -> None:
    """Write every file, or none: one that cannot be written, or an
    interruption, takes back those written before it.  They are flushed
    to disk together at the end: one by one, 20,000 rows took minutes.
    """
    from coalition_registry import files

    # Where the system cannot flush everything at once (Windows), each
    # file is flushed as it is written.
    one_by_one = not hasattr(os, "sync")
    # Each folder looked at once, before any file is written.
    for folder in dict.fromkeys(path.parent for path, _ in new):
        refuse_linked_folder(root, folder, f"in {files.display_path(folder)}")
    written: list[Path] = []
    try:
        for path, text in new:
            # Listed before it is made: Ctrl+C as create_file returns would
            # leave it behind, not yet listed.
            written.append(path)
            try:
                create_file(path, text.encode("utf-8"), sync=one_by_one)
            except OSError:
                written.pop()  # not made: create_file leaves nothing
                raise
        if not one_by_one:
            os.sync()
    except OSError as e:
        for done in written:
            done.unlink(missing_ok=True)
        shown = files.display_path(path)
        why = (
            "it already exists"
            if isinstance(e, FileExistsError)
            else reason(e)
        )
        raise WriteError(
            f"cannot write {shown}: {why} (nothing was written)"
        ) from e
    except BaseException:
        # Interrupted (Ctrl+C): half a spreadsheet is not left behind.
        for done in written:
            done.unlink(missing_ok=True)
        raise


def _list(paths: list[Path], io: Output, *, written: bool) -> None:
    """Name each file *written*, or that would be."""
    from coalition_registry import files

    try:
        for path in paths:
            print(files.display_path(path), file=io.out)
        io.out.flush()
    except BrokenPipeError:
        # The reader of the list went away (``| head``): the files are
        # written all the same, and the summary still says so.
        discard(io.out)
    except KeyboardInterrupt:
        # Stopped while naming them: "interrupted" alone would read as an
        # import taken back, as one stopped while writing is.
        if written:
            print(
                f"coalition-registry: stopped while listing the files; the "
                f"import was complete: its {len(paths)} file(s) are written",
                file=io.err,
            )
        raise
