"""Rendering: reports and tables as text, JSON or CSV.  No logic, no I/O
beyond the stream it is given.
"""

from __future__ import annotations

import collections
import csv
import html
import json
import re
import unicodedata

from typing import TYPE_CHECKING, Any, Final, TextIO


if TYPE_CHECKING:
    # Only named in annotations: the validate command, which renders
    # reports only, need not load the counting modules.
    from collections.abc import Mapping, Sequence

    from .aggregate import Table
    from .exports import Export
    from .model import Coalition, Organisation
    from .problems import Problem
    from .query import MemberSigning
    from .reconciliation import Reconciliation
    from .validation import Report


__all__ = [
    "Members",
    "coalitions_csv",
    "coalitions_json",
    "coalitions_text",
    "export_csv",
    "export_json",
    "export_jsonl",
    "export_markdown",
    "problems_text",
    "reconciliation_json",
    "reconciliation_markdown",
    "reconciliation_text",
    "report_json",
    "report_text",
    "table_csv",
    "table_json",
    "table_markdown",
    "table_text",
]


#: A coalition and its members on a day, each with how it signed a letter
#: (see :func:`~coalition_registry.query.members_signing`), or ``None``
#: when the coalition keeps its members private.
Members = tuple["Coalition", "tuple[MemberSigning, ...] | None"]

#: More problems than this get a line counting them by code.
_TALLY_FROM: Final = 20


def report_text(report: Report, out: TextIO) -> None:
    """One ``file:line:column: severity code: message`` line a problem,
    then the summary.
    """
    problems_text(report.problems, out)
    s = report.summary
    verdict = "valid" if report.valid else "invalid"
    print(
        # Grouped as the counts by code above it are: "1,430 warning(s)"
        # under "title-in-name 1,430 (warning)".
        f"{verdict}: {s['files']:,} file(s), {s['records']:,} record(s), "
        f"{s['errors']:,} error(s), {s['warnings']:,} warning(s)",
        file=out,
    )


def problems_text(problems: Sequence[Problem], out: TextIO) -> None:
    """One ``file:line:column: severity code: message`` line a problem,
    and, for more than a screenful, a line counting them by code.
    """
    for problem in problems:
        print(problem, file=out)
    if len(problems) > _TALLY_FROM:
        # Hundreds of lines: what kinds of problem, and how many of each,
        # says where to start.
        tally = collections.Counter(
            (p.severity.value, p.code) for p in problems
        )
        print(
            "by code: "
            + ", ".join(
                f"{code} {n:,} ({severity})"
                for (severity, code), n in sorted(
                    tally.items(), key=lambda item: (-item[1], item[0])
                )
            ),
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


# -- tables of counts ------------------------------------------------------


# What could make a name in a Markdown table a link, an image, HTML or
# code: names come from contributors, and the tables are posted as
# pull-request comments and pages.  A "<" before anything else ("<3") is
# plain text already.
_MD_MARKUP: Final = re.compile(
    r"[\\`*_~\[\]|]|<(?=[A-Za-z/!?])"
    r"|(?i:(?<=\bwww)\.|(?<=\bhttp):(?=//)|(?<=\bhttps):(?=//))"
    # "&#x202E;" would show as the character it names: here a
    # right-to-left override, which the validator looks for only as itself.
    r"|&(?=#[0-9]+;|#[Xx][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)"
)
# A character reference in an address: Markdown would show it as the
# character it names.
_MD_ENTITY: Final = re.compile(
    r"&(?=#[0-9]+;|#[Xx][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)"
)


# The characters that change the direction text is shown in (embeddings,
# overrides, isolates).  In a name written by a contributor they make it
# show as another ("Trojan Source"), and, left open, turn round what
# follows on its line in a spreadsheet or an editor: a published output
# shows each as its code point.
_BIDI_CONTROLS: Final = {
    c: f"<U+{c:04X}>" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def visible(text: str) -> str:
    """*text* with each character that changes the direction of text shown
    as its code point, as every published output shows it.

    >>> visible("Example\u202eytirahC")
    'Example<U+202E>ytirahC'
    """
    return text if text.isascii() else text.translate(_BIDI_CONTROLS)


def _width(text: str) -> int:
    """How many columns of a terminal *text* takes: a Chinese, Japanese or
    Korean character (East Asian wide or full-width) takes two; a mark
    that stands on the letter before it (an accent written as a character
    of its own, a Hindi or Thai vowel sign above or below, an emoji's
    variation selector) or a character that cannot be seen (a zero-width
    joiner, a right-to-left mark) none.

    >>> _width("Example"), _width("例子基金会"), _width("Cafe\u0301")
    (7, 10, 4)
    >>> _width("\u0e21\u0e39\u0e25\u0e19\u0e34\u0e18\u0e34")  # มูลนิธิ
    4
    >>> _width("Kids \u2764\ufe0f")  # Kids ❤️
    7
    """
    if text.isascii():
        return len(text)
    width, before = 0, ""
    # Composed first: Korean written as its letters (jamo) shows as the
    # syllables they make.
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.category(char) not in _NO_WIDTH:
            width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        elif char == "\ufe0f" and _narrow_symbol(before):
            width += 1  # a symbol shown as an emoji (❤️) takes two columns
        before = char
    return width


def _narrow_symbol(char: str) -> bool:
    return bool(char) and (
        unicodedata.category(char) == "So"
        and unicodedata.east_asian_width(char) not in "WF"
    )


# Marks that stand on another character (not Mc, the vowel signs that
# take a place of their own), and characters that cannot be seen.
_NO_WIDTH: Final = frozenset({"Mn", "Me", "Cf"})


def _pad(text: str, columns: int, *, left: bool = True) -> str:
    """*text* padded with spaces to take *columns* columns, on its right
    (*left* aligned) or on its left.
    """
    fill = " " * max(0, columns - _width(text))
    return text + fill if left else fill + text


def html_text(text: object) -> str:
    """*text* for HTML or SVG text and attribute values."""
    return html.escape(visible(str(text)), quote=True)


def _md(text: object) -> str:
    """Text for a Markdown table cell or paragraph: no line breaks, and no
    character that would start markup or a link (each is escaped with a
    backslash, which Markdown shows as the character itself).
    """
    return _MD_MARKUP.sub(r"\\\g<0>", visible(str(text).replace("\n", " ")))


def _md_url(url: str) -> str:
    """An address for a Markdown cell, still a link: only what would end
    the cell or the link, start a link or an image of its own
    (``[text](https://elsewhere)`` in a query), or name a character is
    percent-encoded.
    """
    for char, code in (("|", "%7C"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    url = url.replace("[", "%5B").replace("]", "%5D")
    return _MD_ENTITY.sub("%26", url)


def _table_rows(table: Table) -> list[list[str]]:
    header = [table.by, *table.columns]
    body = [[r.label, *map(str, r.cells)] for r in (*table.rows, table.total)]
    return [header, *body]


def table_text(table: Table, out: TextIO) -> None:
    """A table of counts as aligned text, with its rule and notes."""
    rows = _table_rows(table)
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            _pad(c, w, left=i == 0)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    print(visible(table.title), file=out)
    print(file=out)
    print(line(rows[0]), file=out)
    print(rule, file=out)
    for row in rows[1:-1]:
        print(line(row), file=out)
    print(rule, file=out)
    print(line(rows[-1]), file=out)
    print(file=out)
    print(f"Rule: {table.rule}.", file=out)
    for note in table.notes:
        print(visible(note), file=out)


def table_markdown(table: Table, out: TextIO) -> None:
    """A table of counts as a Markdown table, with its rule and notes."""
    rows = _table_rows(table)
    print(f"### {_md(table.title)}\n", file=out)
    print("| " + " | ".join(map(_md, rows[0])) + " |", file=out)
    print("|---|" + "---:|" * (len(rows[0]) - 1), file=out)
    for row in rows[1:-1]:
        print("| " + " | ".join(map(_md, row)) + " |", file=out)
    total = rows[-1]
    print("| " + " | ".join(f"**{_md(c)}**" for c in total) + " |", file=out)
    print(f"\nRule: {_md(table.rule)}.", file=out)
    for note in table.notes:
        print(f"\n{_md(note)}", file=out)


def table_csv(table: Table, out: TextIO) -> None:
    """A table of counts as CSV (suppressed cells as ``<k``), total last,
    with each row's ``key`` beside its name (a country's ISO code, to join
    other data on), empty for Unknown and Total, as JSON gives it.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([table.by, "key", *table.columns])
    for r in (*table.rows, table.total):
        writer.writerow([r.label, r.key or "", *map(str, r.cells)])


def table_json(
    table: Table, out: TextIO, *, about: Mapping[str, Any] | None = None
) -> None:
    """A table of counts as JSON, with its rule and notes, after *about*
    (what the command line says of how it was made: letter, day, threshold
    and version, so that a file kept apart still says so).
    """
    _json(table.as_dict(), out, about)


def _json(
    data: Mapping[str, Any],
    out: TextIO,
    about: Mapping[str, Any] | None = None,
) -> None:
    """*data* as indented JSON, after *about*'s keys."""
    json.dump({**(about or {}), **data}, out, indent=2, ensure_ascii=False)
    out.write("\n")


# -- reconciliation --------------------------------------------------------


def _reconciliation_rows(rec: Reconciliation) -> list[list[str]]:
    from .reconciliation import difference_text

    rows = [
        [
            "claim",
            "claimed",
            "records show",
            "difference",
            "why they can differ",
        ]
    ]
    for line in rec.lines:
        if line.suppressed:
            computed = (
                f"<{rec.threshold} (suppressed)"
                if line.bounded
                else "suppressed"
            )
            difference = "suppressed"
        else:
            computed = (
                f"{line.computed}+" if line.lower_bound else str(line.computed)
            )
            difference = difference_text(line)
        rows.append(
            [
                line.label,
                line.claim.stated,
                computed,
                difference,
                "; ".join(line.reasons),
            ]
        )
    return rows


def reconciliation_text(
    rec: Reconciliation, out: TextIO, *, title: str = ""
) -> None:
    """Claims beside the records, one block per claim."""
    print(
        f"Claims against records: {visible(title or rec.letter)}\n", file=out
    )
    for row in _reconciliation_rows(rec)[1:]:
        label, claimed, computed, difference, reasons = map(visible, row)
        print(label, file=out)
        print(f"  claimed:      {claimed}", file=out)
        print(f"  records show: {computed}", file=out)
        print(f"  difference:   {difference}", file=out)
        for reason in reasons.split("; ") if reasons else ():
            print(f"  - {reason}", file=out)
        print(file=out)
    from .reconciliation import BOUND_NOTE

    if rec.shows_bounds:  # else no figure needs it to be read
        print(BOUND_NOTE, file=out)
    for note in rec.notes:
        print(visible(note[0].upper() + note[1:]), file=out)


def reconciliation_markdown(
    rec: Reconciliation, out: TextIO, *, title: str = ""
) -> None:
    """Claims beside the records as a Markdown table."""
    rows = _reconciliation_rows(rec)
    print(
        f"### Claims against records: {_md(title or rec.letter)}\n", file=out
    )
    from .reconciliation import BOUND_NOTE

    if rec.lines:  # a table with no row, and its legend, say nothing
        print("| " + " | ".join(rows[0]) + " |", file=out)
        print("|---|---:|---:|---:|---|", file=out)
        for row in rows[1:]:
            print("| " + " | ".join(map(_md, row)) + " |", file=out)
        if rec.shows_bounds:
            print(f"\n{_md(BOUND_NOTE)}\n", file=out)
        else:
            print(file=out)
    print(
        "\n\n".join(_md(note[0].upper() + note[1:]) for note in rec.notes),
        file=out,
    )


def reconciliation_json(
    rec: Reconciliation,
    out: TextIO,
    *,
    about: Mapping[str, Any] | None = None,
) -> None:
    """Claims beside the records as JSON, after *about* (see
    :func:`table_json`).
    """
    _json(rec.as_dict(), out, about)


# -- exports -------------------------------------------------------------


def export_csv(data: Export, out: TextIO) -> None:
    """Listed signatories as CSV, one row each.

    A cell that a spreadsheet would run as a formula (it starts with
    ``=``, ``+``, ``-`` or ``@``, or their full-width forms) starts with an
    apostrophe: Excel shows the cell as text and hides the apostrophe;
    LibreOffice and programs reading the file keep it as part of the text.
    """
    from .exports import COLUMNS

    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {k: _not_formula(v) for k, v in row.items()} for row in data.rows
    )


# Names come from contributors, and the CSV is opened in spreadsheets:
# "=HYPERLINK(...)" in a name must stay text (OWASP's CSV injection).
# Their full-width forms too: some spreadsheets read them as the same.
_FORMULA_START: Final = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)


def _not_formula(value: str) -> str:
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_json(
    data: Export, out: TextIO, *, about: Mapping[str, Any] | None = None
) -> None:
    """Listed signatories, and what is left out, as one JSON object, after
    *about* (see :func:`table_json`).
    """
    _json(data.as_dict(), out, about)


def export_jsonl(data: Export, out: TextIO) -> None:
    """Listed signatories as JSON Lines, one object per row."""
    out.writelines(
        json.dumps(row, ensure_ascii=False) + "\n" for row in data.rows
    )


def export_markdown(data: Export, out: TextIO) -> None:
    """Listed signatories as a Markdown table, then what is left out."""
    columns = (
        "letter",
        "name",
        "kind",
        "role",
        "capacity",
        "on_behalf_of",
        "country_name",
        "source",
    )
    print("| " + " | ".join(columns) + " |", file=out)
    print("|" + "---|" * len(columns), file=out)
    for row in data.rows:
        cells = (
            _md_url(row[c]) if c == "source" else _md(row[c]) for c in columns
        )
        print("| " + " | ".join(cells) + " |", file=out)
    for note in data.notes():
        print(f"\n{_md(note)}", file=out)


# -- coalitions -------------------------------------------------------------


def _signing(member: MemberSigning) -> str:
    """How a member signed, in words."""
    if member.signed:
        return "signed"
    return "signed for it" if member.signed_for else "not signed"


def coalitions_text(
    coalitions: Sequence[Members], out: TextIO, *, letter: str | None
) -> None:
    """Each coalition's members, with how each signed *letter* when one is
    given, and how many of them did.
    """
    for i, (coalition, members) in enumerate(coalitions):
        if i:
            print(file=out)
        name = visible(coalition.display_name)
        if "name" in coalition.private:  # a heading: "A coalition whose..."
            name = name[:1].upper() + name[1:]
        title = f"{name} ({coalition.id})"
        if members is None:
            print(f"{title}: its members are private", file=out)
            continue
        if letter is None or not members:
            print(f"{title}: {_members(len(members))}", file=out)
        else:
            signs = sum(m.signs for m in members)
            print(
                f"{title}: {signs:,} of {_members(len(members))} signed "
                f"{letter}",
                file=out,
            )
        rows = [_member_row(m, letter) for m in members]
        if not rows:
            continue
        widths = [max(_width(r[k]) for r in rows) for k in range(len(rows[0]))]
        for row in rows:
            cells = (_pad(c, w) for c, w in zip(row, widths, strict=True))
            print(("  " + "  ".join(cells)).rstrip(), file=out)


def _member_row(member: MemberSigning, letter: str | None) -> list[str]:
    org = member.organisation
    row = [org.id, visible(org.display_name)]
    if letter is None:
        return row
    who = ", ".join(member.signed_for)
    # A member that signed itself may have been signed for too, as the CSV
    # shows: the text must not hide it (validate warns of both counting).
    by = f"(also by {who}, on its behalf)" if member.signed else f"(by {who})"
    return [_signing(member), *row, by if who else ""]


def _members(n: int) -> str:
    if not n:  # not "0 of 0 members signed"
        return "no members"
    return f"{n:,} member" + ("" if n == 1 else "s")


def _data_name(record: Coalition | Organisation) -> str | None:
    """A record's name for a data output (CSV, JSON): ``None`` when it is
    private.  The placeholder that text shows ("an organisation whose name
    is private") would read there as its name, as the export leaves it out.
    """
    return None if "name" in record.private else record.name


def coalitions_csv(
    coalitions: Sequence[Members], out: TextIO, *, letter: str | None
) -> None:
    """One row per member of each coalition whose members are not private,
    with how it signed *letter* when one is given.
    """
    columns = ["coalition", "coalition_name", "organisation", "name"]
    if letter is not None:
        columns += ["signed", "signed_for"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for coalition, members in coalitions:
        for m in members or ():
            row = [
                coalition.id,
                _data_name(coalition) or "",
                m.organisation.id,
                _data_name(m.organisation) or "",
            ]
            if letter is not None:
                row += [_signing(m), " ".join(m.signed_for)]
            writer.writerow([_not_formula(cell) for cell in row])


def coalitions_json(
    coalitions: Sequence[Members],
    out: TextIO,
    *,
    letter: str | None,
    about: Mapping[str, Any] | None = None,
    notes: Sequence[str] = (),
) -> None:
    """Each coalition and its members as JSON, after *about*, then the
    *notes*; a coalition that keeps its members private has ``"members":
    null``, and a private name is ``null``.
    """
    data = []
    for coalition, members in coalitions:
        entry: dict[str, Any] = {
            "id": coalition.id,
            "name": _data_name(coalition),
            "members": None,
        }
        if members is not None:
            entry["members"] = [
                {"id": m.organisation.id, "name": _data_name(m.organisation)}
                | (
                    {"signed": m.signed, "signed_for": list(m.signed_for)}
                    if letter is not None
                    else {}
                )
                for m in members
            ]
            if letter is not None:
                # Not "signed", which a member's entry uses for its own
                # signature alone: this counts those signed for too.
                entry["signing"] = sum(m.signs for m in members)
        data.append(entry)
    _json({"coalitions": data, "notes": list(notes)}, out, about)
