"""List each coalition's members on a day and, with --letter, which of them
signed the letter: itself, or through someone who signed on its behalf
(on_behalf_of).  A coalition that keeps its members private lists none.

Who signed for a member is shown only when the export would name them: a
member shows as "not signed" when the only signatures for it were made by
people who are not public, or keep their on_behalf_of private.  A
coalition that signs as a body does so through an organisation record of
its own id, listed here only if it is one of the members.
"""

from __future__ import annotations

import argparse

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    UsageError,
    add_on,
    add_path,
    choose_letter,
    made,
    read_registry,
)


HELP = "list coalitions' members, and which of them signed a letter"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``coalitions``."""
    add_path(parser)
    parser.add_argument(
        "--coalition",
        metavar="ID",
        help="one coalition's id (default: every coalition)",
    )
    parser.add_argument(
        "--letter",
        metavar="ID",
        help="say which members signed this letter (default: list members "
        "only)",
    )
    add_on(
        parser,
        "list the members on this day, and count the signatures that stood "
        "on it",
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="output format (default: text)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``coalitions``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import render
    from coalition_registry.query import (
        MemberSigning,
        coalition_members,
        members_signing,
    )
    from coalition_registry.registry import day_of

    registry = read_registry(args.path, io, letter=args.letter)
    if registry is None:
        return EXIT_INVALID
    letter = None
    if args.letter is not None:
        letter = choose_letter(registry, args.letter)
    chosen = sorted(registry.coalitions, key=lambda c: c.id)
    if args.coalition is not None:
        if registry.coalitions.get(args.coalition) is None:
            try:  # for the library's message, with a hint
                coalition_members(registry, args.coalition)
            except LookupError as e:
                raise UsageError(str(e)) from None
        chosen = [c for c in chosen if c.id == args.coalition]
    found: list[render.Members] = []
    for coalition in chosen:
        try:
            if letter is None:
                members = tuple(
                    MemberSigning(o, signed=False)
                    for o in coalition_members(
                        registry, coalition.id, on=args.on
                    )
                )
            else:
                members = members_signing(
                    registry, coalition.id, letter, on=args.on
                )
        except ValueError:  # it keeps its members private
            found.append((coalition, None))
        else:
            found.append((coalition, members))
    notes = []
    day = day_of(args.on)
    if letter is not None and registry.unpublished(letter, day):
        # Else "0 of 12 members signed" reads as a campaign that failed.
        notes.append(
            f"the letter {letter} was not yet published on "
            f"{day.isoformat()}: no signature counts before its date"
        )
    if args.format == "json":
        about = made(letter, args.on, threshold=None)
        render.coalitions_json(
            found, io.out, letter=letter, about=about, notes=notes
        )
    elif args.format == "csv":
        render.coalitions_csv(found, io.out, letter=letter)
        for coalition, listed in found:
            if listed is None:  # a CSV alone would not say it is missing
                print(
                    f"coalition-registry: note: {coalition.id} keeps its "
                    "members private: none are listed",
                    file=io.err,
                )
        if args.on is not None:  # as export says it
            notes.append(f"members as of {args.on.isoformat()}")
        for note in notes:
            print(
                f"coalition-registry: note: {render.visible(note)}",
                file=io.err,
            )
    elif not found:
        print("The registry records no coalition.", file=io.out)
    else:
        render.coalitions_text(found, io.out, letter=letter)
        if args.on is not None:
            print(f"\nMembers as of {args.on.isoformat()}.", file=io.out)
        for note in notes:
            print(f"{note[0].upper()}{note[1:]}.", file=io.out)
    return EXIT_OK
