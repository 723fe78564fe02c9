"""Count a letter's active signatories by country (or region, sub-region,
kind, role, scope or verification).  An organisation counts in its
headquarters country, a person or group in their country, and a signatory
without a known country under "Unknown", which by place is never dropped.

Counts of people below the threshold (--suppress-below, default 3) are
hidden, shown as <K; where one could be worked out from the total, the
total is hidden too, and then no hidden count shows a bound.  When any table
of the letter counts 1 to K-1 people who are not public, or a signature of
such a person has a day of its own (signed_on, withdrawn_on), every table
of the letter, on every day, hides its total of people and every count
that takes in such a person, whatever its size, shown as "suppressed": at
least 1, with no upper bound.  Before the letter's date (unless it is
private) nothing counts.  Every output states the rule it applied.
"""

from __future__ import annotations

import argparse

from typing import TYPE_CHECKING

import attrs

from coalition_registry.aggregate import BY

from ._common import (
    EXIT_INVALID,
    EXIT_OK,
    Output,
    add_letter,
    add_on,
    add_path,
    add_threshold,
    choose_letter,
    made,
    read_registry,
)


if TYPE_CHECKING:
    from coalition_registry.registry import Registry


HELP = "count a letter's signatories by country, region, kind or role"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``coverage``."""
    add_path(parser)
    add_letter(parser)
    parser.add_argument(
        "--by",
        choices=tuple(BY),
        default="country",
        help="what a row is (default: country)",
    )
    parser.add_argument(
        "--people",
        action="store_true",
        help="count people and organisations (a group as its declared "
        "members) instead of signatories",
    )
    add_threshold(parser)
    add_on(parser)
    parser.add_argument(
        "--format",
        choices=("table", "markdown", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )


def run(args: argparse.Namespace, io: Output) -> int:
    """Run ``coverage``."""
    # Imported here: the parser is built by loading every command.
    from coalition_registry import render
    from coalition_registry.aggregate import (
        counted_as_of,
        country_summary,
        people,
        signatory_table,
    )
    from coalition_registry.suppression import published

    registry = read_registry(
        args.path, io, letter=args.letter, one_letter=True
    )
    if registry is None:
        return EXIT_INVALID
    letter = choose_letter(registry, args.letter)
    count = people if args.people else signatory_table
    table = published(
        count,
        registry,
        letter,
        by=args.by,
        threshold=args.suppress_below,
        on=args.on,
    )
    if args.by == "country":
        notes = (
            *_claimed_signatories(registry, letter),
            *country_summary(registry, letter, on=args.on),
            *table.notes,
        )
        table = attrs.evolve(table, notes=notes)
    if args.on is not None:
        notes = (counted_as_of(registry, letter, args.on), *table.notes)
        table = attrs.evolve(table, notes=notes)
    if args.format == "json":
        about = made(letter, args.on, args.suppress_below)
        render.table_json(table, io.out, about=about)
        return EXIT_OK
    render_table = {
        "csv": render.table_csv,
        "markdown": render.table_markdown,
        "table": render.table_text,
    }[args.format]
    render_table(table, io.out)
    if args.format == "csv":
        # The rows alone would read as every count shown, as of today.
        for note in table.notes:
            print(
                f"coalition-registry: note: {render.visible(note)}",
                file=io.err,
            )
    return EXIT_OK


def _claimed_signatories(
    registry: Registry, letter_id: str
) -> tuple[str, ...]:
    """A note that sets the table's total beside what the letter's sources
    claim: without it, a first reader of "Total 10" has no way to learn
    that the sources say 104, nor which command compares the two.  The
    claim counts a group as its members, so the note does not set the two
    figures side by side itself.
    """
    for claim in registry.letter(letter_id).claims:
        if claim.measure == "signatories" and not claim.roles:
            note = (
                f"The letter's sources claim {claim.stated} "
                f"{'signatory' if claim.value == 1 else 'signatories'}; "
                "coalition-registry reconcile sets the records "
                "beside each claim, counting a group as its members."
            )
            return (note,)
    return ()
