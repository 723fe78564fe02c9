"""Importing: a spreadsheet of a letter's signatories, saved as CSV, turned
into the record files a contributor would otherwise write one by one.

Each row is one signature: the signatory (an organisation, group or person
already in the registry, found by id or by name, or a new one made from
the row) and the letter it signs.  Every value is checked as ``validate``
checks it, by the same code, and every problem names the spreadsheet's
row and column; nothing is written unless every row is right.

The columns are those ``coalition-registry export`` writes (``kind``,
``name``, ``name_as_printed``, ``role``, ``capacity``, ``on_behalf_of``,
``country``, ``scope``, ``verification``, ``source``, ``signatory``), so an
export can be imported into another registry, with ``disclosure`` for a
person and ``website`` for an organisation or group besides.  A person who
is not public gets a random, opaque id, and no message repeats anything
written in their row.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from collections.abc import Callable, Container
from typing import Any, Final

import attrs

from . import countries
from .dump import dump
from .model import (
    ANONYMOUS_WITH_NAME,
    OPAQUE_ID,
    Group,
    Organisation,
    Person,
    Signature,
    without_titles,
)
from .parsing import YMap, YSeq
from .problems import Location, Problem, Severity
from .query import country_of, is_hidden
from .registry import Registry
from .scaffold import id_problem, opaque_id
from .schema import (
    CURLY_FIX,
    DEVICE_NAMES,
    INVALID,
    SLUG,
    Context,
    Reference,
    a,
    build,
    enum_word,
    hidden_fields,
    not_known,
    slugify,
    tidied,
    yaml_fields,
)
from .tables import Cell, column_letter, delimiter
from .tables import rows as rows_of


__all__ = ["Cell", "Import", "NewFile", "plan_import", "read_table"]

#: The most rows a spreadsheet may hold: a bound on hostile input.
MAX_ROWS: Final = 1_000_000
#: The most characters a cell may hold: the few cells of a row make one
#: file, which must stay within the validator's limits (a comma counts
#: as two values of the 4,000,000 a file may hold).
MAX_CELL: Final = 100_000


#: A row: its cells by column name (only those not left empty), and the
#: line it starts on.
Row = tuple[dict[str, Cell], int]


@attrs.frozen
class NewFile:
    """A record file to write.

    Attributes:
        path: Relative to the registry's root, with ``/``.
        kind: The kind of record.
        text: The file's text.
    """

    path: str
    kind: str
    text: str = attrs.field(repr=False)


@attrs.frozen
class Import:
    """What importing a spreadsheet would do.

    Attributes:
        files: The files to write, signatories first.
        problems: What is wrong, at the spreadsheet's rows and columns;
            when one is an error, nothing may be written.
        reused: How many rows name a signatory already in the registry.
        present: How many rows are signatures already recorded (left as
            they are, so that a spreadsheet can be imported again).
        unnamed: How many new people are not public (nothing tells who
            they are, so importing their rows again is refused unless
            ``new_private_people``, which would record them again).
    """

    files: tuple[NewFile, ...]
    problems: tuple[Problem, ...]
    reused: int = 0
    present: int = 0
    unnamed: int = 0
    # The id a row's new signatory would have had, whether it is public,
    # and its kind, when its values were wrong: its signature is still
    # checked.
    unbuilt: tuple[str, bool, type[Any]] | None = None

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop the import."""
        return tuple(p for p in self.problems if p.is_error)


# The columns read, and those an export writes that are worked out again
# from the others here (read, and set aside).
_KNOWN: Final = frozenset(
    {
        "kind",
        "signatory",
        "name",
        "disclosure",
        "country",
        "website",
        "scope",
        "member_count",
        "name_as_printed",
        "role",
        "capacity",
        "on_behalf_of",
        "verification",
        "signed_on",
        "source",
        "notes",
        "private",
    }
)
_DERIVED: Final = frozenset({"letter", "country_name"})
# Fields of the records an import writes that no column sets (a group's
# description): "rename or remove it" would leave the contributor with a
# value and nowhere to put it.
_FILE_ONLY: Final = (
    frozenset().union(
        *(yaml_fields(cls) for cls in (Organisation, Group, Person, Signature))
    )
    - _KNOWN
    - {"id"}
)
# Messages whose fix a spreadsheet writes otherwise than a file.
_IN_A_SHEET: Final = {
    ANONYMOUS_WITH_NAME: "an anonymous person has no name: empty the name "
    "cell; if they chose a name to sign under, write pseudonym in the "
    "disclosure column and that name, never their own",
}
# Said after a date refused: Excel and LibreOffice take 2024-02-01 typed
# in a cell for a date, and save it as the computer's settings show dates
# (01/02/2024), whatever was typed.
_DATE_IN_A_SHEET: Final = (
    " (a spreadsheet saves a date as its cell shows it: format the column's "
    "cells as Text, or with the custom format yyyy-mm-dd, before saving "
    "as CSV)"
)
# Said after a role refused: a list's "Role" column holds jobs ("Executive
# Director"), and the registry's role is not one of them.
_ROLE_IN_A_SHEET: Final = (
    " (role is why they signed, not their job; a job goes in "
    "name_as_printed or notes)"
)
# Between the fields of a private cell: "country; notes", "country, notes".
_LIST_SEPARATORS: Final = re.compile(r"[;,|\n]+")


def _private_items(text: str, fields: Container[str]) -> list[str]:
    """The fields a private cell lists, folded as column names are
    (``On Behalf Of`` is ``on_behalf_of``); items that are no field are
    tried word by word, for a list written with spaces only
    (``country role``).
    """
    out: list[str] = []
    for item in _LIST_SEPARATORS.split(text):
        words = item.lower().replace("-", " ").split()
        if not words:
            continue
        field = "_".join(words)
        out.extend([field] if field in fields or field == "country" else words)
    return out


#: The most ids a message lists of the records a row's name is that of.
_MOST_IDS: Final = 10
_KINDS: Final = {
    "organisation": Organisation,
    "organization": Organisation,
    "group": Group,
    "person": Person,
}
_COUNTRY_FIELD: Final = {
    Organisation: "hq_country",
    Group: "country",
    Person: "country",
}
_RECORD_COLUMNS: Final = {
    Organisation: ("name", "country", "website", "scope", "notes"),
    Group: ("name", "country", "member_count", "website", "notes"),
    Person: ("name", "disclosure", "country", "notes"),
}
# The columns of a new record of another kind: a value in one is refused,
# not dropped (an organisation marked anonymous would be named).
_NOT_FOR: Final = {
    Organisation: ("disclosure", "member_count"),
    Group: ("disclosure", "scope"),
    Person: ("website", "scope", "member_count"),
}
# Columns of contact details, which the registry never records.
_CONTACT: Final = frozenset(
    {
        "email",
        "e_mail",
        "email_address",
        "phone",
        "telephone",
        "mobile",
        "phone_number",
        "address",
        "postal_address",
        "postcode",
        "contact",
    }
)
# Words of a column's name that say it holds contact details ("Email
# address (not published)", "Mobile number").
_CONTACT_WORDS: Final = frozenset(
    {"email", "emails", "phone", "telephone", "mobile", "whatsapp", "postcode"}
)
# Words of a sign-up form's question of whether a name may be published
# ("Consent to publish name", "I wish to sign anonymously").
# The columns that say what a row keeps private.
_HIDING: Final = ("private", "disclosure")
# Words of a column's name that say so too ("Fields to hide").
_PRIVATE_WORDS: Final = frozenset(
    {
        "private", "privacy", "privat", "hidden", "hide", "confidential",
        "redact", "redacted", "withhold", "withheld", "secret",
    }
)  # fmt: skip
_CONSENT_WORDS: Final = frozenset(
    {
        "consent", "anonymous", "anonymously", "anonymity", "publish",
        "published", "publicly",
    }
)  # fmt: skip
# Columns of where a signatory list's people work ("Name, Role,
# Organisation, Country"), and of their jobs: the registry records neither
# as a field, and renaming the column to on_behalf_of would say that each
# of them signed for the organisation, which a list of people "in a
# personal capacity" says they did not.
_AFFILIATION: Final = frozenset(
    {
        "organisation",
        "organization",
        "organisation_name",
        "organization_name",
        "org",
        "affiliation",
        "affiliations",
        "institution",
        "employer",
        "company",
    }
)
# Other words a spreadsheet names a column with: suggested where a
# spelling is not close ("Type" for kind).
_SYNONYMS: Final = {
    "type": "kind",
    "category": "kind",
    "signatory_type": "kind",
    "members": "member_count",
    "number_of_members": "member_count",
    "size": "member_count",
    "country_code": "country",
    "country/region": "country",
    "country_/_region": "country",
    "country_or_region": "country",
    "country_of_residence": "country",
    "hq_country": "country",
    "based_in": "country",
    "nation": "country",
    "nationality": "country",
    "url": "website",
    "web": "website",
    "site": "website",
    "homepage": "website",
    "web_site": "website",
    "anonymity": "disclosure",
    "visibility": "disclosure",
    "full_name": "name",
    "signatory_name": "name",
    "date_signed": "signed_on",
    "signed": "signed_on",
    "comment": "notes",
    "comments": "notes",
    "source_url": "source",
    "reference": "source",
}
_JOB: Final = frozenset(
    {"title", "job_title", "job", "position", "occupation", "profession"}
)
_SIGNATURE_COLUMNS: Final = (
    "name_as_printed",
    "role",
    "capacity",
    "on_behalf_of",
    "signed_on",
    "verification",
)


def read_table(text: str, shown: str) -> tuple[list[Row], list[Problem]]:
    """The rows of CSV *text* (already decoded), by its first row's column
    names, folded (``Name As Printed`` is ``name_as_printed``).

    The delimiter is the one of ``,``, ``;`` and a tab the header uses
    most (a spreadsheet in a language that writes decimal commas saves
    with ``;``).  Cells may be quoted with ``"``, doubling a ``"`` inside
    and holding line breaks.
    """
    problems: list[Problem] = []
    if "\n" not in text:
        # Line breaks as a CR alone (Excel for Mac's "Macintosh" CSV).
        text = text.replace("\r", "\n")
    records = rows_of(text, delimiter(text), shown, problems)
    header = next(records, None)
    if header is None:
        if problems:  # a quote never closed: the one mistake is said
            return [], problems
        problems.append(
            Problem(
                "empty-file",
                "the spreadsheet holds no row; its first row names the "
                "columns (kind, name, country, role...), then one row for "
                "each signatory",
                Location(shown, 1, 1),
            )
        )
        return [], problems
    names = [_column(cell.text) for cell in header]
    written = [cell for cell in header if cell.text.strip()]
    if len(written) == 1 and names[header.index(written[0])] not in _KNOWN:
        # A title above the columns, as exported sheets often have: each
        # row would be an error of its own, so say it once.
        problems.append(
            Problem(
                "wrong-shape",
                "the first row holds one cell, not the names of the "
                "columns: if it is a title, delete that row, so that the "
                "row naming the columns (kind, name, country...) comes first",
                Location(shown, written[0].line, written[0].column),
            )
        )
        return [], problems
    if any(name in _KINDS for name in names) and not any(
        name in _KNOWN for name in names
    ):
        # A row of signatories where the names of the columns belong (the
        # first row left out): not repeated, since it may be the row of a
        # person who is not public.
        problems.append(
            Problem(
                "wrong-shape",
                "the first row is a signatory's row, not the names of the "
                "columns: add a row above it that names them (kind, name, "
                "country...)",
                Location(shown, header[0].line, header[0].column),
            )
        )
        return [], problems
    # The columns as the rows are read: a misspelt private or disclosure
    # column ("privat", "private fields") read as meant, so that the
    # values it hides are not repeated in the errors of their rows; its
    # error keeps anything from being written.
    read_as = list(names)
    for i, (cell, name) in enumerate(zip(header, names, strict=True)):
        if name in _DERIVED or name in _KNOWN or not name:
            # A column with no name: only a value under it is a problem.
            continue
        known = ", ".join(sorted(_KNOWN))
        # A misspelt name ("Contry"); never another's for a column of
        # contact details, whose values the registry must not record.
        close = difflib.get_close_matches(name, sorted(_KNOWN), 1, 0.8)
        if name in _SYNONYMS and _SYNONYMS[name] not in names:
            close = [_SYNONYMS[name]]
        words = set(name.split("_"))
        hides = (
            ["private"]
            if words & _PRIVATE_WORDS
            or name in {"not_public", "do_not_publish"}
            else difflib.get_close_matches(name, _HIDING, 1, 0.6)
        )
        if hides and hides[0] not in read_as:
            read_as[i] = hides[0]
            close = close or hides
        if name in _CONTACT or words & _CONTACT_WORDS:
            message = (
                f"the column {cell.text.strip()!r} holds contact details, "
                "which the registry never records (nor its notes): remove "
                "the column"
            )
        elif words & _CONSENT_WORDS:
            message = (
                f"the column {cell.text.strip()!r} is not read: if it says "
                "whether a name may be published, turn its answers into a "
                "disclosure column (public only where the answer is yes; "
                "else anonymous, or pseudonym with the name they chose to "
                "sign under), then remove it"
            )
        elif name in _AFFILIATION and "name" not in names:
            message = (
                f"the column {cell.text.strip()!r} is not read: if it holds "
                "the names of the organisations that signed, rename it name "
                "(with organisation in the kind column); if it gives where "
                "the people in other rows work, give that in "
                "name_as_printed or notes, or, only if the source says they "
                "signed for that organisation, name it on_behalf_of, with "
                "on-behalf-of in a capacity column"
            )
        elif name in _AFFILIATION:
            message = (
                f"the column {cell.text.strip()!r} is not read: only if the "
                "source says the people in it signed for that organisation, "
                "name the column on_behalf_of, with on-behalf-of in a "
                "capacity column; if it only identifies them (as a list of "
                "people signing in a personal capacity gives it), give it "
                "in name_as_printed or notes, or remove the column; an "
                "organisation's own row has its name in the name column"
            )
        elif name in _JOB:
            message = (
                f"the column {cell.text.strip()!r} is not read: a job is "
                "no field of the registry; give it in name_as_printed (the "
                "name as the list prints it) or notes, or remove the column"
            )
        elif close:
            message = (
                f"unknown column {cell.text.strip()!r}: did you mean "
                f"{close[0]}? rename it"
            )
        elif name in _FILE_ONLY:
            message = (
                f"the column {cell.text.strip()!r} is a field of the files "
                "written that import does not read: remove the column, and "
                f"after the import add {name} to the files that need it"
            )
        else:
            message = (
                f"unknown column {cell.text.strip()!r}; the columns read "
                f"are {known} (and letter and country_name, as an export "
                "writes them, which are set aside): rename or remove it"
            )
        problems.append(
            Problem(
                "unknown-field",
                f"{message} [{_place(cell)}]",
                Location(shown, cell.line, cell.column),
            )
        )
    seen: dict[str, Cell] = {}
    for cell, name in zip(header, names, strict=True):
        if name in seen and name:
            problems.append(
                Problem(
                    "duplicate-key",
                    f"the column {name!r} is named twice (first in "
                    f"{_place(seen[name])}); keep one [{_place(cell)}]",
                    Location(shown, cell.line, cell.column),
                )
            )
        seen.setdefault(name, cell)
    rows: list[Row] = []
    for cells in records:
        if len(rows) >= MAX_ROWS:
            problems.append(
                Problem(
                    "limit-exceeded",
                    f"the spreadsheet has more than {MAX_ROWS:,} rows; "
                    "import it in parts",
                    Location(shown, cells[0].line, 1),
                )
            )
            break
        row = {
            name: _as_written(cell)
            for name, cell in zip(read_as, cells, strict=False)
            # country_name too, read only beside a country's code.
            if (name in _KNOWN or name == "country_name") and cell.text.strip()
        }
        # Where a cell starts is the length of those before it: in a row
        # holding a private value, only its first character is given.
        private = _holds_private(row)

        if len(cells) > len(names) and any(
            c.text.strip() for c in cells[len(names) :]
        ):
            extra = cells[len(names)]
            problems.append(
                Problem(
                    "wrong-shape",
                    f"this row has {len(cells)} cells and the first row "
                    f"names {len(names)} columns; quote a value that holds "
                    f"the delimiter, or name the column [{_place(extra)}]",
                    _at(shown, extra, cells[0].line, private=private),
                )
            )
            continue
        unnamed = next(
            (
                cell
                for name, cell in zip(names, cells, strict=False)
                if not name and cell.text.strip()
            ),
            None,
        )
        if unnamed is not None:
            problems.append(
                Problem(
                    "wrong-shape",
                    "this cell is in a column the first row gives no name; "
                    f"name the column, or remove the value [{_place(unnamed)}]",
                    _at(shown, unnamed, cells[0].line, private=private),
                )
            )
            continue
        big = next((c for c in row.values() if len(c.text) > MAX_CELL), None)
        if big is not None:
            # Not how many: the length of what may be a private value.
            holds = "" if private else f"{len(big.text):,} characters, "
            problems.append(
                Problem(
                    "limit-exceeded",
                    f"this cell holds {holds}more than the {MAX_CELL:,} "
                    f"characters a value may hold here; shorten it "
                    f"[{_place(big)}]",
                    _at(shown, big, cells[0].line, private=private),
                )
            )
            continue
        if row:
            rows.append((row, cells[0].line))
    return rows, problems


def _in_columns(
    problems: list[Problem],
    rows: list[Row],
    shown: str,
    private: Container[int] = (),
) -> list[Problem]:
    """*problems*, each at a cell saying which column it is in, as a
    spreadsheet names it (``[column C: country]``): a position counted in
    characters means little to someone looking at the sheet.  Those about
    a row as a whole (at its column :data:`_ROW`) name no column, but are
    placed at its first character.  Either names the sheet's row where it
    is not the line (a quoted cell above holds a line break).

    A problem in one of the rows that start on the lines *private* (see
    :func:`_holds_private`) is placed at the row's first character too,
    and named by its column only: the character a cell starts at, or the
    line it is on, is the length of the cells before it, or how many line
    breaks they hold, and those may be a name that must not be published.
    """
    where = {
        (cell.line, cell.column): (cell, name)
        for row, _ in rows
        for name, cell in row.items()
    }
    # Each line of a row holding a private value, and the row's first.
    hidden = {
        spanned: line
        for row, line in rows
        if line in private
        for spanned in range(
            line, max((c.line for c in row.values()), default=line) + 1
        )
    }
    sheet_rows = _sheet_rows(rows)
    out = []
    for problem in problems:
        location = problem.location
        if location.path != shown:
            out.append(problem)
            continue
        first = hidden.get(location.line)
        if first is not None:
            found = where.get((location.line, location.column))
            row = sheet_rows.get(first, first)
            place = (
                f"column {column_letter(found[0].index)}: {found[1]}"
                if found is not None
                else ""
            )
            if row != first:
                place = f"row {row}, {place}" if place else f"row {row}"
            out.append(
                attrs.evolve(
                    problem,
                    message=problem.message + (f" [{place}]" if place else ""),
                    location=attrs.evolve(location, line=first, column=1),
                )
            )
            continue
        if location.column == _ROW:
            row = sheet_rows.get(location.line, location.line)
            problem = attrs.evolve(  # noqa: PLW2901 - the same, placed
                problem,
                message=problem.message
                + (f" [row {row}]" if row != location.line else ""),
                location=attrs.evolve(location, column=1),
            )
        elif (
            found := where.get((location.line, location.column))
        ) is not None:
            cell, name = found
            problem = attrs.evolve(  # noqa: PLW2901 - the same, placed
                problem, message=f"{problem.message} [{_place(cell)}: {name}]"
            )
        out.append(problem)
    return out


def _at(shown: str, cell: Cell, line: int, *, private: bool) -> Location:
    """Where *cell*, of a row starting on *line*, is said to be: the row's
    first character if the row holds a private value.
    """
    return (
        Location(shown, line, 1)
        if private
        else Location(shown, cell.line, cell.column)
    )


def _names_kept_private(rows: list[Row]) -> tuple[str, ...]:
    """The names that rows keep private: a person's who is not public, or
    one whose row's private cell lists name.  Another row of the sheet
    that makes a public record of one would publish it, as a recorded one
    would (see :meth:`_Planner.names_hidden`).
    """
    kept = []
    for row, _ in rows:
        name = row.get("name")
        if name is None or not name.text.strip():
            continue
        kind, disclosure = row.get("kind"), row.get("disclosure")
        private = row.get("private")
        if (
            kind is not None
            and enum_word(kind.text) == "person"
            and disclosure is not None
            and enum_word(disclosure.text) not in {"", "public"}
        ) or (
            private is not None
            and "name" in _private_items(private.text, {"name"})
        ):
            kept.append(name.text.strip())
    return tuple(kept)


def _holds_private(row: dict[str, Cell]) -> bool:
    """Whether *row*, by its own cells, holds a value that must not be
    published: it is a person's who is not public (or says a disclosure
    other than public, whatever its kind), or its ``private`` cell lists
    fields.  A row that cannot be read may be either: only its cells tell.
    """
    kind, disclosure = row.get("kind"), row.get("disclosure")
    said = enum_word(disclosure.text) if disclosure is not None else ""
    if said and said != "public":
        return True
    if kind is not None and enum_word(kind.text) == "person" and not said:
        return True
    listed = row.get("private")
    return listed is not None and bool(listed.text.strip())


def without_acronym(
    cls: type[Any], name: str, private: Container[str]
) -> tuple[str, str | None]:
    """An organisation's public *name* without the acronym in brackets at
    its end that spells its initials ("Example Children's Trust (ECT)"),
    and that acronym, an alias; else *name* and ``None``.  A list prints
    both, and the next prints one: recorded as the name alone, each finds
    the other.
    """
    from .validation import _ACRONYM, _stands_for  # one rule for both

    if cls is not Organisation or "name" in private or not _stands_for(name):
        return name, None
    found = _ACRONYM.search(name)
    assert found is not None  # _stands_for found it
    return name[: found.start()].rstrip(), found[1]


def _aliases(record: Any) -> tuple[str, ...]:
    """The other names of *record* (an organisation's aliases), if any."""
    return tuple(getattr(record, "aliases", ()))


def _names_private(
    registry: Registry,
    row: dict[str, Cell],
    hidden: Callable[[str], bool] | None,
) -> bool:
    """Whether *row* gives in its ``signatory`` cell the id of a recorded
    person who is not public, or of a signatory that keeps fields private,
    or gives a name that *hidden* says no output shows: the row's other
    cells may then be theirs.
    """
    name = row.get("name")
    if name is not None and hidden is not None and hidden(name.text):
        return True
    given = row.get("signatory")
    known = registry.get(given.text.strip()) if given is not None else None
    return isinstance(known, Organisation | Group | Person) and (
        is_hidden(known) or bool(known.private)
    )


#: The column of a problem about a row as a whole (its kind missing, a
#: row given twice), and of the values a row does not write (the role an
#: organisation signs in by default): no cell's, so that it is not said
#: to be column A's.
_ROW: Final = 0


def _sheet_rows(rows: list[Row]) -> dict[int, int]:
    """The row a spreadsheet shows each of *rows* in, by its first line."""
    return {
        line: min((c.row for c in row.values()), default=0) or line
        for row, line in rows
    }


def _place(cell: Cell) -> str:
    """Where *cell* is, as a spreadsheet names it: ``column C``, and its
    row where that is not its line (``row 3, column C``).
    """
    row = f"row {cell.row}, " if cell.row and cell.row != cell.line else ""
    return f"{row}column {column_letter(cell.index)}"


def _as_written(cell: Cell) -> Cell:
    """*cell* without the quote an export puts before a value a spreadsheet
    would run as a formula (``'=HYPERLINK(...)``), as the value was
    written.
    """
    text = cell.text
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        text = text[1:]
    return cell if text == cell.text else attrs.evolve(cell, text=text)


def _tidied_row(row: Row) -> Row:
    """*row* without what a paste leaves around a cell's value and in it
    (see :func:`schema.tidied`), which is no part of the value.
    """
    cells, line = row
    for name, cell in cells.items():
        text = tidied(cell.text)
        if text != cell.text:
            cells = {**cells, name: attrs.evolve(cell, text=text)}
    return cells, line


# The starts an export escapes (see render._not_formula).
_FORMULA_START: Final = frozenset({"=", "+", "-", "@", "\t", "\r"})


def _first_line(rows: list[Row]) -> int:
    """The line the first row of *rows* starts on."""
    return min(cell.line for cell in rows[0][0].values())


def _column(name: str) -> str:
    """A column's name as read: ``Name As Printed`` is ``name_as_printed``."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def plan_import(
    registry: Registry,
    rows: list[Row],
    shown: str,
    letter_id: str,
    *,
    source: str | None = None,
    taken: Container[str] = (),
    today: dt.date | None = None,
    new_private_people: bool = False,
) -> Import:
    """What importing *rows* as signatures of *letter_id* would write.

    Args:
        registry: The registry imported into.
        rows: From :func:`read_table`.
        shown: How problems name the spreadsheet.
        letter_id: The letter every row signs.
        source: The URL cited for every row without a ``source`` cell.
        taken: Every id in use (by file name), so new ones are not.
        today: The date the sources were accessed (default: today).
        new_private_people: Whether the rows of people who are not public
            are known to be new.  Nothing else tells: when the letter has
            signatures of such people already, their rows are refused
            unless this says so.
    """
    rows = [_tidied_row(row) for row in rows]
    planner = _Planner(
        registry,
        shown,
        letter_id,
        source,
        set(),
        today or dt.datetime.now(tz=dt.UTC).date(),
    )
    # Ids in use by file name, and those of records in files of many
    # records, named after none of them.
    planner.taken_by = _Both(taken, _Ids(registry))
    planner.sheet_rows = _sheet_rows(rows)
    planner.sheet_hidden = _names_kept_private(rows)
    if rows and not any("kind" in row for row, _ in rows):
        # Said once, not for every row.
        return Import(
            (),
            (
                Problem(
                    "missing-field",
                    "no row gives a kind (the spreadsheet has no kind "
                    "column, or its cells are empty): add the column, and "
                    "write organisation, group or person in each row (and "
                    "for a "
                    "person a disclosure: public, pseudonym or anonymous); "
                    "no row is taken for an organisation's by default, which "
                    "would publish a person's name",
                    # The header's line, the one above the first row's: a
                    # "sep=;" line may come before it.
                    Location(shown, max(1, _first_line(rows) - 1), 1),
                ),
            ),
        )
    if not new_private_people:
        planner.private_signed = any(
            (who := registry.signatory(signature.signatory)) is not None
            and is_hidden(who)
            for signature in registry.signatures_of(letter_id)
        )
    for row, line in rows:
        planner.row(row, line)
    files = planner.signatories + planner.signature_files
    problems = planner.problems
    if planner.records or planner.new_signatures or planner.refs:
        # Rows that name their signatory's id, and rows that keep a value
        # private, which the check of names alike cannot compare.
        given = {
            line
            for row, line in rows
            if (
                (cell := row.get("signatory")) is not None
                and cell.text.strip()
            )
            or _holds_private(row)
        }
        problems = _check_across(registry, planner, problems, given)
    # In the spreadsheet's order, each once: a row's source cell is checked
    # in the signatory's record and again in its signature's.
    problems = list(dict.fromkeys(problems))
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    private = {
        line
        for row, line in rows
        if _holds_private(row)
        # Asked only when a row was: the names are gathered then.
        or _names_private(registry, row, planner.hides)
    }
    return Import(
        tuple(files),
        tuple(_in_columns(problems, rows, shown, private)),
        planner.reused,
        planner.present,
        planner.unnamed,
    )


@attrs.define
class _Planner:
    registry: Registry
    shown: str
    letter: str
    source: str | None
    made: set[str]
    today: dt.date
    taken_by: Container[str] = ()
    problems: list[Problem] = attrs.Factory(list)
    signatories: list[NewFile] = attrs.Factory(list)
    signature_files: list[NewFile] = attrs.Factory(list)
    # New signatories by kind and folded name, with their country's code
    # (if any), so a name given twice is one signatory unless its countries
    # differ; and the rows each signature came from.
    named: dict[tuple[type[Any], str], list[tuple[str, str | None]]] = (
        attrs.Factory(dict)
    )
    # The recorded signatories of each kind, folded name and country code
    # (see recorded()).
    recorded_as: dict[
        tuple[type[Any], str, str | None], tuple[list[Any], list[Any]]
    ] = attrs.Factory(dict)
    # The first line of each name (folded) of a person who is not public.
    unseen: dict[str, int] = attrs.Factory(dict)
    # Recorded signatories whose name is private, by kind and name: made
    # when a row of a private name is first met.
    private_names: dict[tuple[type[Any], str], list[Any]] | None = None
    # Whether a name is one no output shows (validation.hidden_name_test):
    # made when a public row that would be a new signatory is first met.
    hides: Callable[[str], bool] | None = None
    # The names the sheet's own rows keep private: of people who are not
    # public, and in rows whose private cell lists name.
    sheet_hidden: tuple[str, ...] = ()
    # The records made, and their references to others, for the checks
    # across records.
    records: list[Any] = attrs.Factory(list)
    built: dict[str, Any] = attrs.Factory(dict)
    new_signatures: list[Any] = attrs.Factory(list)
    refs: list[Reference] = attrs.Factory(list)
    signed: dict[str, int] = attrs.Factory(dict)
    # The number of the last id fresh_id() gave for each base (1: none).
    numbered: dict[str, int] = attrs.Factory(dict)
    public: dict[str, bool] = attrs.Factory(dict)
    # The line of the row each new signatory was made from.
    row_of: dict[str, int] = attrs.Factory(dict)
    kinds: dict[str, type[Any]] = attrs.Factory(dict)
    # Whether the letter has signatures by people who are not public, when
    # such rows must be said to be new.
    private_signed: bool = False
    # The row a spreadsheet shows each row in, by its first line.
    sheet_rows: dict[int, int] = attrs.Factory(dict)
    reused: int = 0
    present: int = 0
    unnamed: int = 0
    # The id a row's new signatory would have had, whether it is public,
    # and its kind, when its values were wrong: its signature is still
    # checked.
    unbuilt: tuple[str, bool, type[Any]] | None = None

    def report(self, code: str, message: str, cell: Cell | int) -> None:
        where = (
            Location(self.shown, cell.line, cell.column)
            if isinstance(cell, Cell)
            else Location(self.shown, cell, _ROW)
        )
        self.problems.append(Problem(code, message, where))

    def row(self, row: dict[str, Cell], line: int) -> None:
        cls = self.kind(row, line)
        if cls is None:
            return
        private = self.private_fields(cls, row)
        if private is None:
            return
        found = self.signatory(cls, row, line, private[0])
        unbuilt = self.take_unbuilt()
        if found is None:
            if unbuilt is not None:
                # Every problem of the row at once, not the next one after
                # each correction.
                signatory_id, public, kind = unbuilt
                self.signature(
                    row,
                    line,
                    signatory_id,
                    public=public,
                    private=private[1],
                    check_only=kind,
                )
            return
        signatory_id, public = found
        self.signature(
            row, line, signatory_id, public=public, private=private[1]
        )

    def take_unbuilt(self) -> tuple[str, bool, type[Any]] | None:
        """:attr:`unbuilt`, left unset for the next row."""
        unbuilt, self.unbuilt = self.unbuilt, None
        return unbuilt

    def private_fields(
        self, cls: type[Any], row: dict[str, Cell]
    ) -> tuple[list[str], list[str]] | None:
        """The fields a ``private`` cell lists: the signatory's, and the
        signature's; ``None`` (and said) when one is neither.
        """
        cell = row.get("private")
        if cell is None or not cell.text.strip():
            return [], []
        own, signature = yaml_fields(cls), yaml_fields(Signature)
        mine: list[str] = []
        theirs: list[str] = []
        unknown = False
        for field in _private_items(cell.text, own.keys() | signature.keys()):
            if field == "country":
                field = _COUNTRY_FIELD[cls]  # noqa: PLW2901 - the field meant
            if field in own:
                mine.append(field)
            if field in signature:
                theirs.append(field)
            unknown = unknown or (field not in own and field not in signature)
        if unknown:
            # Not repeated: a name written in the wrong column would be.
            fields = sorted(
                {
                    f
                    for f, spec in (*own.items(), *signature.items())
                    if spec.private_ok
                }
            )
            self.report(
                "invalid-private",
                "the private column lists what is not a field of "
                f"{a(cls.kind_name)} or of its signature; list fields such "
                f"as {', '.join(fields)}, separated by semicolons",
                cell,
            )
            return None
        return mine, theirs

    def kind(self, row: dict[str, Cell], line: int) -> type[Any] | None:
        cell = row.get("kind")
        if cell is None:
            given = row.get("signatory")
            known = self.registry.get(given.text.strip()) if given else None
            if isinstance(known, Organisation | Group | Person):
                return type(known)  # a row of an export names it by id
            # Never taken for an organisation's: a person's row would
            # publish their name.
            self.report(
                "missing-field",
                "this row gives no kind: write organisation, group or person "
                "(and for a person a disclosure: public, pseudonym or "
                "anonymous); a merged cell keeps its value in its first row "
                "only: unmerge it, and fill the value down",
                line,
            )
            return None
        cls = _KINDS.get(cell.text.strip().lower())
        if cls is None:
            # Not repeated: the row may be a person's who is not public.
            self.report(
                "invalid-value",
                "the kind written here is not a kind of signatory: write "
                "organisation, group or person",
                cell,
            )
        return cls

    def signatory(
        self,
        cls: type[Any],
        row: dict[str, Cell],
        line: int,
        private: list[str],
    ) -> tuple[str, bool] | None:
        """The id of the row's signatory, and whether it may be named."""
        disclosure = row.get("disclosure")
        hidden = cls is Person and (
            disclosure is None or enum_word(disclosure.text) != "public"
        )
        # A row whose values are not repeated either: one that says a
        # disclosure other than public (a person's row, whatever its kind
        # says), or that keeps its name private.
        quiet = (
            hidden
            or "name" in private
            or (
                disclosure is not None
                and bool(disclosure.text.strip())
                and enum_word(disclosure.text) != "public"
            )
        )
        given = row.get("signatory")
        if given is not None:
            return self.existing(
                cls, row, line, given, private, hidden=hidden, quiet=quiet
            )
        name = row.get("name")
        if name is not None and not hidden:
            code = _code(row.get("country"))
            # "Example Trust (ET)" is recorded as Example Trust, with the
            # alias ET (see new()): looked up so too, when no record has
            # the name as written.
            # Neither repeated where the row keeps it private.
            shown_name = (
                "this row's name" if quiet else repr(name.text.strip())
            )
            shown_code = (
                "the one given here (not shown: private)"
                if quiet or _COUNTRY_FIELD[cls] in private
                else code
            )
            where = row.get("country") or name
            earlier: tuple[str, str | None] | None = None
            for looked in dict.fromkeys(
                (name.text, without_acronym(cls, name.text, private)[0])
            ):
                key = countries.normalise(looked)
                planned = self.named.get((cls, key), [])
                same = [i for i, c in planned if not _differ(c, code)]
                if same:
                    return self.reused_with(same[0], private, row)
                earlier = earlier or next(
                    # A name another row keeps private is not told.
                    (
                        p
                        for p in planned
                        if "name" not in self.built[p[0]].private
                    ),
                    None,
                )
                named, matches = self.recorded(cls, looked, key, code)
                if named:
                    break
            # Said once a new record is made for the row: the registry
            # may still hold the one it means.
            again = (
                None
                if earlier is None
                else Problem(
                    "possible-duplicate",
                    f"{shown_name} is the name in row "
                    f"{self._row_shown(earlier[0])}, whose country is "
                    f"{earlier[1]}, not {shown_code}: a new {cls.kind_name} "
                    "is recorded for this row; if they are one, keep one "
                    "row, with the country a source gives",
                    Location(self.shown, where.line, where.column),
                    severity=Severity.WARNING,
                )
            )
            if not named and cls is not Person:
                bare = self.named_with_country(cls, looked, code)
                if bare is not None:
                    found = self.reused_with(bare, private, row)
                    self.reused += found is not None
                    return found
            if named and not matches:
                other = named[0]
                self.problems.append(
                    Problem(
                        "possible-duplicate",
                        f"{shown_name} is the name of {other.id!r}, "
                        f"whose country is {country_of(other)}, not "
                        f"{shown_code}: "
                        f"a new {cls.kind_name} is recorded for this row; "
                        f"if it is {other.id!r}, give that id in a signatory "
                        "column",
                        Location(self.shown, where.line, where.column),
                        severity=Severity.WARNING,
                    )
                )
            if len(matches) == 1:
                found = self.reused_with(matches[0].id, private, row)
                self.reused += found is not None
                return found
            if len(matches) > 1:
                # A few: a name that thousands of records share would give
                # each row a line of thousands of ids.
                ids = ", ".join(repr(r.id) for r in matches[:_MOST_IDS])
                more = len(matches) - _MOST_IDS
                if more > 0:
                    ids += f" and {more} more"
                self.report(
                    "invalid-value",
                    f"{len(matches)} records are named so ({ids}); give "
                    "the one meant in a signatory column",
                    name,
                )
                return None
            if "name" in private and name.text.strip():
                privately = self.privately_named(cls, name, code)
                if privately == "":
                    return None
                if privately is not None:
                    found = self.reused_with(privately, private, row)
                    self.reused += found is not None
                    return found
            elif self.names_hidden(name.text):
                # A public record of it would publish, beside the record
                # that keeps it private, the name (or a pseudonym's).
                self.report(
                    "invalid-value",
                    "this row's name (not shown) is one the registry, or "
                    "another row of this sheet, keeps private: if the row "
                    "is that signatory, give its id in a signatory column, "
                    "or list name in the row's private cell; a new public "
                    "record would publish the name",
                    name,
                )
                return None
            made = self.new(cls, row, line, private, hidden=hidden)
            if made is not None and again is not None:
                self.problems.append(again)
            return made
        return self.new(cls, row, line, private, hidden=hidden)

    def _row_shown(self, record_id: str) -> int:
        """The sheet's row number of the row that made *record_id*."""
        line = self.row_of[record_id]
        return self.sheet_rows.get(line, line)

    def names_hidden(self, name: str) -> bool:
        """Whether *name* is a name no output shows: a private name or
        alias, or the name of a person who is not public, of any kind of
        signatory.
        """
        if self.hides is None:
            from .validation import hidden_name_test  # when needed

            self.hides = hidden_name_test(self.registry, self.sheet_hidden)
        return self.hides(name)

    def recorded(
        self, cls: type[Any], name: str, key: str, code: str | None
    ) -> tuple[list[Any], list[Any]]:
        """The recorded signatories of *cls* named *name* (folded as
        *key*), and those of them whose country is *code*'s or not known:
        one of the name in another country is another signatory, as the
        check for duplicates has it.  Worked out once for each name and
        country: rows of a name that thousands of records share each
        went through all of them.
        """
        found = self.recorded_as.get((cls, key, code))
        if found is None:
            named = [
                r
                for r in self._collection(cls).named(name)
                if SLUG.fullmatch(r.id)
            ]
            matches = [r for r in named if not _differ(country_of(r), code)]
            found = self.recorded_as[(cls, key, code)] = (named, matches)
        return found

    def privately_named(
        self, cls: type[Any], name: Cell, code: str | None
    ) -> str | None:
        """The id of the one recorded signatory of *cls* whose private name
        is *name*'s, in *code*'s country or one not known; ``""`` (and said)
        when there are several.  A row of a private name got a random id,
        so without this, importing it again recorded it again: its name is
        in no index, and no check compares it.
        """
        if self.private_names is None:
            self.private_names = {}
            for kind in (Organisation, Group, Person):
                for record in self._collection(kind):
                    if (
                        "name" in record.private
                        and record.name
                        and not is_hidden(record)
                    ):
                        # Its aliases are private with its name.
                        for each in (record.name, *_aliases(record)):
                            key = (kind, countries.normalise(each))
                            found = self.private_names.setdefault(key, [])
                            if record not in found:
                                found.append(record)
        key = (cls, countries.normalise(name.text))
        found = [
            r
            for r in self.private_names.get(key, ())
            if not _differ(country_of(r), code)
        ]
        if len(found) == 1:
            return str(found[0].id)
        if found:
            # Not which (the ids would tell whose name it is), nor how
            # many: a count of records of a private name is private too.
            self.report(
                "invalid-value",
                f"more than one recorded {cls.kind_name} has this row's "
                "name (not shown: private); give the id of the one meant "
                "in a signatory column",
                name,
            )
            return ""
        return None

    def named_with_country(
        self, cls: type[Any], name: str, code: str | None
    ) -> str | None:
        """The id of the one recorded signatory of *cls* that *name* names
        once a country after it is set aside ("Example Charity (UK)",
        "Example Charity – Ireland", as signatory lists print them), when
        that country, and the row's, are the record's or it has none.
        """
        bare, named_code = countries.without_country(name)
        if bare is None or _differ(named_code, code):
            return None
        found = [
            r
            for r in self._collection(cls).named(bare)
            if SLUG.fullmatch(r.id) and not _differ(country_of(r), named_code)
        ]
        return found[0].id if len(found) == 1 else None

    def reused_with(
        self, record_id: str, private: list[str], row: dict[str, Cell]
    ) -> tuple[str, bool] | None:
        """*record_id*, a signatory recorded already (or earlier in the
        sheet), and whether it may be named: ``None`` (and said) when the
        row's private cell lists a field the record keeps public, which
        the row cannot change.
        """
        record = self.registry.signatory(record_id) or self.built[record_id]
        public = not is_hidden(record)
        if not self.same_size(record, row, private):
            return None
        if set(private) <= set(record.private):
            return record_id, public
        self.report(
            "invalid-private",
            f"the signatory is recorded already, in {record.folder}/"
            f"{record_id}.yaml, where the fields the private column lists "
            "are not private: list them under private in that file, or "
            "leave them out of this cell",
            row["private"],
        )
        return None

    def same_size(
        self, record: Any, row: dict[str, Cell], private: list[str]
    ) -> bool:
        """Whether the row's member_count, where it gives one, is that of
        *record*, a group recorded already: a signatory recorded is never
        changed by an import, so a size the sheet gives otherwise would be
        dropped without a word (and said so, if not).
        """
        cell = row.get("member_count")
        if not isinstance(record, Group) or cell is None:
            return True
        text = cell.text.strip()
        if not text or enum_word(text) == "unknown":
            return True
        # By length first: no size has 19 digits, and int() refuses
        # thousands of them.
        if (
            text.isascii()
            and text.isdigit()
            and len(text) < 19
            and int(text) == record.member_count
        ):
            return True
        where = f"{record.folder}/{record.id}.yaml"
        if "member_count" in record.private or "member_count" in private:
            recorded = "with another member_count (neither is shown: private)"
        elif record.member_count is None:
            recorded = "as of unknown size"
        else:
            recorded = f"with member_count {record.member_count}"
        self.report(
            "invalid-value",
            f"the group is recorded already, in {where}, {recorded}, and an "
            "import never changes a recorded signatory: if a source gives "
            "this size, change it in that file; else leave this cell empty",
            cell,
        )
        return False

    def organisation_id(self, text: str) -> str:
        """The id of the organisation *text* names: itself when it is one,
        else the one organisation (already recorded, or new in this
        spreadsheet) whose name or alias it is; else *text*, for the
        checks to say why.
        """
        if text in self.registry.organisations or (
            self.kinds.get(text) is Organisation
        ):
            return text
        key = countries.normalise(text)
        found = {r.id for r in self.registry.organisations.named(text)}
        found.update(i for i, _ in self.named.get((Organisation, key), ()))
        return found.pop() if len(found) == 1 else text

    def _collection(self, cls: type[Any]) -> Any:
        return {
            Organisation: self.registry.organisations,
            Group: self.registry.groups,
            Person: self.registry.people,
        }[cls]

    def existing(
        self,
        cls: type[Any],
        row: dict[str, Cell],
        line: int,
        cell: Cell,
        private: list[str],
        *,
        hidden: bool,
        quiet: bool,
    ) -> tuple[str, bool] | None:
        record_id = cell.text.strip()
        record = self._collection(cls).get(record_id)
        said = row.get("disclosure")
        if said is not None and said.text.strip():
            # A row that says its person is not public, for a signatory
            # recorded as public (or the other way round), is not that
            # signatory: a survivor's signature would be published under
            # another's name.
            row_public = enum_word(said.text) == "public"
            recorded_public = (
                self.public.get(record_id)
                if record is None
                else not is_hidden(record)
            )
            if recorded_public is not None and recorded_public != row_public:
                self.report(
                    "invalid-value",
                    "the signatory given here is recorded with another "
                    "disclosure than this row's: check the id in the "
                    "signatory cell, or leave it empty to add a new "
                    "signatory from the row",
                    cell,
                )
                return None
        if record is None:
            planned = self.public.get(record_id)
            if planned is not None and self.kinds[record_id] is cls:
                return self.reused_with(record_id, private, row)
            name = row.get("name")
            if not hidden and name is not None and name.text.strip():
                return self.new_with_id(
                    cls, row, line, cell, name, private=private, quiet=quiet
                )
            # Not repeated in the row of a person who is not public: it
            # may be their name, written for an id.
            given = "given here" if quiet else repr(record_id)
            if name is None and not SLUG.fullmatch(record_id):
                # "Signatory" is what a sheet most often calls the column
                # of names: it is read as ids.
                self.report(
                    "unknown-reference",
                    f"no {cls.kind_name} has the id {given}, which is no "
                    "id but a name: if this column holds the signatories' "
                    "names, rename it name; the signatory column is for "
                    "the ids of signatories in the registry",
                    cell,
                )
                return None
            self.report(
                "unknown-reference",
                f"no {cls.kind_name} has the id {given}; leave the "
                "signatory cell empty to add a new one from the row, or "
                "write the id of one in the registry",
                cell,
            )
            return None
        quiet_country = quiet or _COUNTRY_FIELD[cls] in private
        if not self.same_signatory(
            record, row, cell, quiet=quiet, quiet_country=quiet_country
        ):
            return None
        found = self.reused_with(record_id, private, row)
        self.reused += found is not None
        return found

    def same_signatory(
        self,
        record: Any,
        row: dict[str, Cell],
        cell: Cell,
        *,
        quiet: bool,
        quiet_country: bool,
    ) -> bool:
        """Whether the row's name and country, where it gives them, are
        those of *record*, whose id its signatory cell gives; if not (and
        said), the id is most likely mistyped or copied from another row,
        and the signature would go to the wrong signatory.
        """
        name = row.get("name")
        country = _code(row.get("country"))
        other_name = bool(
            name is not None
            and name.text.strip()
            and record not in self._collection(type(record)).named(name.text)
        )
        other_country = _differ(country, country_of(record))
        if not (other_name or other_country):
            return True
        if quiet or is_hidden(record) or "name" in record.private:
            # Neither name is shown: the record's, nor the row's, which may
            # be the same person's written another way.
            what = (
                "the name or country in this row is not that of the "
                "signatory whose id the signatory cell gives (neither is "
                "shown)"
            )
        elif other_name:
            assert name is not None
            what = (
                f"{record.id!r}, the id in the signatory cell, is "
                f"{record.name!r}, not {name.text.strip()!r}"
            )
        elif quiet_country:
            what = (
                f"{record.id!r}, the id in the signatory cell, is recorded "
                "in another country than this row's (not shown: private)"
            )
        else:
            what = (
                f"{record.id!r}, the id in the signatory cell, is recorded "
                f"in {country_of(record)}, not {country}"
            )
        self.report(
            "invalid-value",
            f"{what}: correct the id, or leave the signatory cell empty to "
            "record a new signatory from the row",
            cell,
        )
        return False

    def new_with_id(
        self,
        cls: type[Any],
        row: dict[str, Cell],
        line: int,
        cell: Cell,
        name: Cell,
        *,
        private: list[str],
        quiet: bool = False,
    ) -> tuple[str, bool] | None:
        """A new public signatory under the id in its signatory cell (an
        export's row, or a name that makes no id).
        """
        record_id = cell.text.strip()
        # A mistyped id of a signatory already recorded would record it
        # twice, and count it twice.
        recorded = [r.id for r in self._collection(cls).named(name.text)]
        recorded.extend(
            i
            for i, _ in self.named.get(
                (cls, countries.normalise(name.text)), ()
            )
        )
        if recorded:
            ids = ", ".join(repr(i) for i in recorded)
            # The id and the name are the row's, which may not be shown;
            # the ids of the records named so would tell its name.
            self.report(
                "unknown-reference",
                f"no {cls.kind_name} has the id given here, and this row's "
                "name is the name of a signatory recorded already: write "
                "its id in the signatory cell, or leave it empty"
                if quiet
                else f"no {cls.kind_name} has the id {record_id!r}, and "
                f"{name.text.strip()!r} is the name of {ids}: write that id "
                "in the signatory cell, or leave it empty",
                cell,
            )
            return None
        problem = id_problem(record_id)
        if problem is None and (
            record_id in self.made or record_id in self.taken_by
        ):
            problem = (
                f"{record_id!r} is already the id of another record; ids "
                "are unique across the registry: choose another"
            )
        if problem is not None:
            if quiet:
                problem = (
                    "the id given here (not shown: private) cannot be this "
                    "signatory's: it is not a valid id, too long, taken, "
                    "or of the form of a hidden person's random id; choose "
                    "another that does not spell the name"
                )
            self.report("invalid-id", problem, cell)
            return None
        return self.new(
            cls, row, line, private, hidden=False, chosen=record_id
        )

    def new(
        self,
        cls: type[Any],
        row: dict[str, Cell],
        line: int,
        private: list[str],
        *,
        hidden: bool,
        chosen: str | None = None,
    ) -> tuple[str, bool] | None:
        wrong = [
            column
            for column in _NOT_FOR[cls]
            if column in row
            and not (
                column == "disclosure"
                and enum_word(row[column].text) == "public"
            )
        ]
        for column in wrong:
            why = (
                ": it is named in every output (a name that may not be "
                "shown is listed under private in its file: add it with "
                "coalition-registry new, then give its id in a signatory "
                "column)"
                if column == "disclosure"
                else ""
            )
            self.report(
                "invalid-value",
                f"{a(cls.kind_name)} has no {column}{why}; leave this "
                "cell empty",
                row[column],
            )
        if wrong:
            return None
        raw = _mapping(line)
        for column in _RECORD_COLUMNS[cls]:
            cell = row.get(column)
            if cell is None:
                continue
            field = _COUNTRY_FIELD[cls] if column == "country" else column
            text = cell.text.strip()
            if column == "country":
                # Of a value that may not be shown, neither is said: a
                # message given for some values would tell which they are.
                shown = not hidden and field not in private
                if text == "NA" and shown:
                    self.problems.append(_missing_or_namibia(cell, self.shown))
                other = countries.written_for_another(text)
                if other is not None and not _named_as(row, text):
                    # Refused for a value not shown as well: taken, it
                    # could count a survivor in a country no one named.
                    self.problems.append(
                        _written_for_another(
                            cell, self.shown, other, shown_value=shown
                        )
                    )
                text = _country(text)
            elif column in _WORDS or (
                column == "member_count" and enum_word(text) == "unknown"
            ):
                # A sheet capitalises a cell's first letter ("Unknown").
                text = enum_word(text)
            _put(raw, field, text, cell)
        written = raw.get("name")
        if isinstance(written, str):
            bare, acronym = without_acronym(cls, written, private)
            if acronym is not None:
                _put(raw, "name", bare, row["name"])
                _put_list(raw, "aliases", [acronym], row["name"])
        if private:
            _put_list(raw, "private", private, row["private"])
        disclosure = raw.get("disclosure")
        if cls is Person and disclosure is None:
            self.report(
                "missing-field",
                "a person needs a disclosure: public, pseudonym or "
                "anonymous (anonymous unless they agreed to more); write "
                "one in this row's disclosure cell (adding a disclosure "
                "column, if the sheet has none)",
                line,
            )
            return None
        name = raw.get("name")
        if hidden and self.private_signed:
            # Nothing written in the row is repeated.
            self.problems.append(
                Problem(
                    "possible-duplicate",
                    # Not how many: every table hides a small count of
                    # them.
                    "the letter has signatures already by people who are "
                    "not public, and nothing tells whether this row's "
                    "person is one of them: if the sheet holds rows "
                    "imported before, remove them; when every row of a "
                    "person who is not public is new, import with "
                    "--new-private-people",
                    Location(self.shown, line, _ROW),
                    severity=Severity.ERROR,
                )
            )
            # The row's own mistakes are said too, all at once (a name
            # for an anonymous person): built to be checked, never kept.
            _put(raw, "id", _STAND_IN_ID, line, first=True)
            ctx = Context(self.shown)
            build(cls, raw, ctx)
            self.problems.extend(_in_sheet_words(p) for p in ctx.problems)
            return None
        if hidden and isinstance(name, str):
            key = countries.normalise(name)
            earlier = self.unseen.setdefault(key, line)
            if key and earlier != line:
                self.problems.append(
                    Problem(
                        "possible-duplicate",
                        "this person's name (not shown: private) is the "
                        f"name in row {self.sheet_rows.get(earlier, earlier)}"
                        "; if they are one person, keep one row",
                        Location(self.shown, line, _ROW),
                        severity=Severity.WARNING,
                    )
                )
        if hidden:
            record_id = opaque_id(
                name if isinstance(name, str) else None,
                _Both(self.made, self.taken_by),
            )
        elif chosen is not None:
            record_id = chosen
        elif "name" in private:
            # An id made from the name would print it everywhere (and be
            # refused, not-opaque-id): a random one, as for a person who is
            # not public.
            record_id = opaque_id(
                name if isinstance(name, str) else None,
                _Both(self.made, self.taken_by),
                kind=cls.kind_name,
            )
        elif isinstance(name, str) and name.strip():
            # "Dr. Jane Example" is jane-example, as new makes it: a title
            # is no part of the name (title-in-name says to move it).
            fresh = self.fresh_id(
                slugify(without_titles(name) if cls is Person else name)
            )
            if fresh is None:
                self.report(
                    "invalid-id",
                    "the name gives no usable id (ids use the letters a to "
                    "z, digits and hyphens): choose one, and write it in "
                    "a signatory column",
                    row["name"],
                )
                return None
            record_id = fresh
        else:
            self.report(
                "missing-field",
                f"{a(cls.kind_name)} needs a name; add it in the name column",
                line,
            )
            return None
        _put(raw, "id", record_id, line, first=True)
        # Built without a source too: every problem of the row at once.
        cited = self.add_source(raw, row, line)
        ctx = Context(self.shown)
        record = build(cls, raw, ctx)
        self.problems.extend(_in_sheet_words(p) for p in ctx.problems)
        self.refs.extend(ctx.refs)
        if record is INVALID or not cited:
            if cited:
                self.unbuilt = (record_id, not hidden, cls)
            return None
        self.records.append(record)
        self.built[record_id] = record
        self.made.add(record_id)
        public = not hidden
        self.public[record_id] = public
        self.kinds[record_id] = cls
        self.row_of[record_id] = line
        if public and isinstance(name, str):
            # A later row may give its alias, as recorded ones are found.
            for each in (name, *_aliases(record)):
                self.named.setdefault(
                    (cls, countries.normalise(each)), []
                ).append((record_id, country_of(record)))
        else:
            self.unnamed += 1
        self.signatories.append(
            NewFile(
                f"{cls.folder}/{record_id}.yaml", cls.kind_name, dump(record)
            )
        )
        return record_id, public

    def fresh_id(self, slug: str) -> str | None:
        base = slug[:60].rstrip("-")
        if not SLUG.fullmatch(base) or OPAQUE_ID.fullmatch(base):
            return None
        # The ids taken only grow in number: the search starts at the
        # number found last for this base, not at 1 again, or a sheet of
        # many names alike in their first 60 characters (branches of one
        # network) took time in the square of their number.
        n = self.numbered.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        # A name Windows keeps for a device ("AUX") gets a number, as a
        # taken id does.
        while (
            candidate in self.made
            or candidate in self.taken_by
            or candidate in DEVICE_NAMES
        ):
            n += 1
            candidate = f"{base}-{n}"
        self.numbered[base] = n
        return candidate

    def add_source(self, raw: YMap, row: dict[str, Cell], line: int) -> bool:
        """Cite the row's source in *raw*; ``False`` (and said) if none."""
        cell = row.get("source")
        url = cell.text.strip() if cell is not None else self.source
        if url is None:
            self.report(
                "missing-field",
                "this row cites no source; give --source URL for every "
                "row, or the URL in a source column",
                line,
            )
            return False
        where = cell if cell is not None else line
        item = _mapping(where.line if isinstance(where, Cell) else where)
        _put(item, "url", url, where)
        _put(item, "accessed", self.today.isoformat(), where)
        items = YSeq(item.pos)
        items.append(item)
        items.item_pos.append(item.pos)
        raw["sources"] = items
        raw.key_pos["sources"] = raw.value_pos["sources"] = item.pos
        return True

    def signature(
        self,
        row: dict[str, Cell],
        line: int,
        signatory: str,
        *,
        public: bool,
        private: list[str],
        check_only: type[Any] | None = None,
    ) -> None:
        """Make the row's signature, or, given *check_only*, the kind of its
        signatory whose record is not valid, only report its problems.
        """
        record_id = f"{self.letter}--{signatory}"
        if record_id in self.registry.signatures:
            self.present += 1
            return
        earlier = self.signed.get(record_id)
        if earlier is not None:
            self.report(
                "duplicate-signature",
                "this row's signatory signs the letter in row "
                f"{self.sheet_rows.get(earlier, earlier)} already; keep one "
                "row",
                line,
            )
            return
        if check_only is None:
            # Taken whatever this row's own problems: a row given again is
            # a mistake of its own, said in the same run.  (A signatory
            # whose record is not valid takes no id: the next row may.)
            self.signed[record_id] = line
        raw = _mapping(line)
        _put(raw, "id", record_id, line)
        _put(raw, "letter", self.letter, line)
        _put(raw, "signatory", signatory, line)
        organisation = (
            signatory in self.registry.organisations
            or self.kinds.get(signatory, check_only) is Organisation
        )
        unresolved: Cell | None = None
        for column in _SIGNATURE_COLUMNS:
            cell = row.get(column)
            if cell is None:
                continue
            if column == "name_as_printed" and not public:
                # Never repeated: it would be the person's name.
                self.report(
                    "name-not-allowed",
                    "the signatory is not public: leave name_as_printed "
                    "empty in this row",
                    cell,
                )
                return
            text = cell.text.strip()
            if column == "signed_on" and text and not public:
                # The day would make every table of the letter hide its
                # totals of people, on every day (see privacy.md).
                self.report(
                    "invalid-value",
                    "a person who is not public is given no signed_on: the "
                    "day they signed would make every table of the letter "
                    "hide its totals of people; leave the cell empty",
                    cell,
                )
                continue  # the rest of the row is checked all the same
            if column == "on_behalf_of":
                text = self.organisation_id(text)
                if not SLUG.fullmatch(text) and text:
                    # A name that names no organisation: said here, for
                    # the id check would say "not a valid id", and suggest
                    # one that names none either.
                    self.unnamed_organisation(
                        cell,
                        # A private capacity hides on_behalf_of too.
                        public=public
                        and "on_behalf_of"
                        not in hidden_fields(Signature, private),
                    )
                    unresolved = cell
            elif column in _WORDS:
                text = enum_word(text)
            _put(raw, column, text, cell)
        if private:
            _put_list(raw, "private", private, row["private"])
        if "role" not in raw:
            if not organisation:
                self.report(
                    "missing-field",
                    "say why they signed in a role column: survivor, "
                    "family-member, expert or academic, or supporter when "
                    "the source gives none",
                    line,
                )
                return
            _put(raw, "role", "organisation", line)
        cited = self.add_source(raw, row, line)
        ctx = Context(self.shown, redact=not public)
        ctx.private_record = not public
        record = build(Signature, raw, ctx)
        self.problems.extend(
            _in_sheet_words(p)
            for p in ctx.problems
            if unresolved is None
            or p.code != "invalid-id"
            or (p.location.line, p.location.column)
            != (unresolved.line, unresolved.column)
        )
        if check_only is not None:
            return
        # As the validator: those of a record that is not valid too.
        self.refs.extend(ctx.refs)
        if record is INVALID or not cited or unresolved is not None:
            return
        self.new_signatures.append(record)
        self.signature_files.append(
            NewFile(
                f"signatures/{self.letter}/{record_id}.yaml",
                "signature",
                dump(record),
            )
        )

    def unnamed_organisation(self, cell: Cell, *, public: bool) -> None:
        """Say that *cell*, an organisation signed for, names none."""
        # Not repeated for a person who is not public: whom they sign for
        # may tell who they are.
        named = f"named {cell.text.strip()!r}" if public else "named so"
        self.report(
            "unknown-reference",
            f"no organisation in the registry or in this spreadsheet's "
            f"valid rows is {named}: add a row for it (kind organisation) "
            "or correct that row's errors, or write the id of one in the "
            "registry",
            cell,
        )


class _Both:
    """Ids in either of two containers."""

    def __init__(self, one: Container[str], other: Container[str]) -> None:
        self._one, self._other = one, other

    def __contains__(self, item: object) -> bool:
        return item in self._one or item in self._other


class _Ids:
    """The ids of a registry's records."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and self._registry.get(item) is not None


def _mapping(line: int) -> YMap:
    return YMap((line, _ROW))


def _put(
    raw: YMap, key: str, value: str, where: Cell | int, *, first: bool = False
) -> None:
    pos = (
        (where.line, where.column)
        if isinstance(where, Cell)
        else (where, _ROW)
    )
    if first:
        # The id first, as in a file written by hand.
        rest = dict(raw)
        raw.clear()
        raw[key] = value
        raw.update(rest)
    else:
        raw[key] = value
    raw.key_pos[key] = raw.value_pos[key] = pos


#: The id a row's record is built under to be checked only (see
#: :meth:`_Planner.signatory`): opaque, as a hidden person's is.
_STAND_IN_ID: Final = "person-000000"


def _in_sheet_words(problem: Problem) -> Problem:
    """*problem*, its fix said as a spreadsheet does it, where that is not
    as a file does.
    """
    message = _IN_A_SHEET.get(problem.message, problem.message)
    if problem.code == "invalid-date":
        message += _DATE_IN_A_SHEET
    elif problem.code == "invalid-value" and problem.pointer == "$.role":
        message += _ROLE_IN_A_SHEET
    elif problem.code == "unknown-country":
        # fmt mends files, not sheets; a cell takes a name as it is.
        for said, in_a_sheet in _COUNTRY_IN_A_SHEET:
            message = message.replace(said, in_a_sheet)
    elif problem.code == "suspicious-character":
        # A cell holds no YAML: the quote is taken off in the sheet.
        message = message.replace(CURLY_FIX, _CURLY_IN_A_SHEET)
    elif problem.code == "placeholder-value":
        # A warning in a file, which a reviewer sees; an import would write
        # a survivor who signed without a name as a public person called
        # "Name withheld", with their country, into every output.
        return attrs.evolve(
            problem,
            message=message.replace(
                "set the disclosure to anonymous and leave the name out",
                "write anonymous in the row's disclosure cell and leave its "
                "name cell empty",
            ),
            severity=Severity.ERROR,
        )
    return attrs.evolve(problem, message=message)


_CURLY_IN_A_SHEET: Final = (
    "which would be written into the file as part of the value; take it "
    "off in the sheet"
)
_COUNTRY_IN_A_SHEET: Final = (
    (
        " (coalition-registry fmt --fix writes it for a country's name)",
        ", or the country's name in English",
    ),
    ("leave the field out", "leave the cell empty"),
    ("and set scope to", "and fill the scope column with"),
)


def _missing_or_namibia(cell: Cell, shown: str) -> Problem:
    """A country cell of ``NA``: Namibia's code, and what R and other
    tools write in a spreadsheet for a missing value.
    """
    return Problem(
        "placeholder-value",
        "'NA' is recorded as Namibia's code, but many spreadsheets write NA "
        "for a value that is missing: if no source says where this "
        "signatory is, leave the cell empty",
        Location(shown, cell.line, cell.column),
        severity=Severity.WARNING,
    )


def _written_for_another(
    cell: Cell, shown: str, other: tuple[str, str], *, shown_value: bool
) -> Problem:
    """A country cell of a code that lists also write for another place
    (``NI``: Nicaragua, or Northern Ireland): refused, since either reading
    may be wrong, and a wrong one would count a signatory in a country the
    source never named.  Without *shown_value*, neither the code nor the
    places are named (the problem is then placed at the row's first
    character, as every problem of a row holding a private value).
    """
    if not shown_value:
        return Problem(
            "unknown-country",
            "the country given here (not shown: private) is a code that "
            "lists also write for another place, so either may be meant: "
            "write the country's name in full, as the source gives it",
            Location(shown, cell.line, cell.column),
        )
    code = cell.text.strip().upper()
    place, country = other
    return Problem(
        "unknown-country",
        f"{cell.text.strip()!r} is the code of "
        f"{countries.country_name(code)}, but lists also write it for "
        f"{place}, whose code is {country}: write the country's name in "
        f"full ({countries.country_name(code)}, or "
        f"{countries.country_name(country)})",
        Location(shown, cell.line, cell.column),
    )


def _named_as(row: dict[str, Cell], code: str) -> bool:
    """Whether the row's ``country_name`` cell, as an export writes it,
    names the country whose code *code* is: then the code is meant.
    """
    name = row.get("country_name")
    return name is not None and countries.code_of(name.text.strip()) == (
        countries.code_of(code)
    )


def _put_list(raw: YMap, key: str, values: list[str], cell: Cell) -> None:
    """Put *values* under *key*, as a list written in *cell*."""
    pos = (cell.line, cell.column)
    seq = YSeq(pos)
    seq.extend(values)
    seq.item_pos.extend([pos] * len(values))
    raw[key] = seq
    raw.key_pos[key] = raw.value_pos[key] = pos


def _check_across(
    registry: Registry,
    planner: _Planner,
    problems: list[Problem],
    given: Container[int],
) -> list[Problem]:
    """*problems*, and those the validator's checks across records find in
    the registry with the new records (references, roles, names alike),
    where those records are: at the spreadsheet's rows.  A signatory that
    looks like another (``possible-duplicate``) refuses its row, unless the
    row gives its id in a signatory cell (its first line is in *given*).
    """
    # Imported here: the validator is needed only once rows are planned.
    from .validation import FileRecords, _replace_invalid_ids, check_registry

    records = [
        *(r for c in registry._collections() for r in c),  # noqa: SLF001 - one package
        *planner.records,
        *planner.new_signatures,
    ]
    by_kind: dict[type[Any], list[Any]] = {}
    for record in records:
        by_kind.setdefault(type(record), []).append(record)
    ids = tuple(
        (r.id, r.kind_name, *_where(r.location_of("id"))) for r in records
    )
    result = FileRecords(planner.shown, (), (), tuple(planner.refs), ids)
    found = check_registry([result], Registry(records, registry.info), by_kind)
    # Only those at the rows: elsewhere is a warning the registry had
    # before, or the other end of one at a row.
    across = [
        _refused(p) if p.location.line not in given else p
        for p in found
        if p.location.path == planner.shown
    ]
    return [*_replace_invalid_ids(problems, across), *across]


def _refused(problem: Problem) -> Problem:
    """*problem* as an error that refuses its row, when it says the row's
    signatory looks like another: validate warns, for a reviewer to look
    at one file, but an import writes on, and counts the signatory twice
    in every table, with nothing in its summary to say so.  A survivor
    named as a public person, an error in validate too, is said in a
    sheet's words.
    """
    if problem.code == "public-survivor":
        # Written, the name is in git's history for good: confirmed in
        # the sheet, or not written at all.
        from .validation import CONFIRM_SURVIVOR, UNNAME_SURVIVOR

        return attrs.evolve(
            problem,
            message=problem.message.replace(
                UNNAME_SURVIVOR,
                "write anonymous in the row's disclosure cell and empty "
                "its name cell, or pseudonym with a name they chose to sign "
                "under in the name cell, never their own",
            ).replace(
                CONFIRM_SURVIVOR,
                "write confirmed-by-signatory in a verification cell",
            )
            + "; import records no such row",
        )
    if (
        problem.code != "possible-duplicate"
        or problem.is_error
        # Names alike only: a signature on behalf of an organisation that
        # signs too, or a registry number, is for a person to weigh.
        or not (
            problem.pointer == "$.name"
            or problem.pointer.startswith("$.aliases")
        )
    ):
        return problem
    return attrs.evolve(
        problem,
        message=f"{problem.message}; import records no such row: give the "
        "id of the one meant in a signatory column, or, if it is another "
        "signatory, an id of its own there",
        severity=Severity.ERROR,
    )


def _where(location: Location) -> tuple[str, int, int]:
    return location.path, location.line, location.column


def _code(cell: Cell | None) -> str | None:
    """The code of the country in *cell*, if it names one."""
    if cell is None:
        return None
    return countries.named(cell.text.strip()) or None


def _differ(one: str | None, other: str | None) -> bool:
    """Whether two countries, both known, differ."""
    return bool(one and other and one != other)


# Columns whose values are words of a list (public, on-behalf-of...):
# read in any case, with spaces for hyphens, as a spreadsheet writes them.
_WORDS: Final = frozenset(
    {"disclosure", "scope", "role", "capacity", "verification"}
)


def _country(text: str) -> str:
    """*text* as a code, when it stands for one without doubt (see
    :func:`coalition_registry.countries.code_of`), but for what volunteers
    write for "not known" (``no``, ``na``); else as written, for the check
    to say why and suggest the code.
    """
    if not countries.is_country(text) and not_known(text):
        # "no", "na": Norway's and Namibia's codes in lower case, or a
        # volunteer's "none" and "n/a"; validate offers both readings, as
        # fmt --fix leaves them for a person to choose.
        return text
    return countries.code_of(text) or text
