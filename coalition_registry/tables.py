"""Tables: the cells of CSV text, each with the line and column it starts
at, as an editor shows them.

Python's :mod:`csv` reads values but not where they are, and a message
about a spreadsheet must name the row and column to correct: this reader
of RFC 4180 text keeps both, and the row a spreadsheet shows each cell in,
which is another number once a quoted cell above holds a line break.  A
property test checks it against what :mod:`csv` writes.
"""

from __future__ import annotations

import re

from collections.abc import Iterator
from typing import Final

import attrs

from .problems import Location, Problem


__all__ = ["Cell", "column_letter", "delimiter", "rows"]


@attrs.frozen
class Cell:
    """One value of the spreadsheet, with where it is written (1-based
    line and column, in characters, as an editor shows them), which cell
    of its row it is (0-based: a spreadsheet's column A is 0), and the
    row a spreadsheet shows it in (1-based; 0 when not known).
    """

    text: str
    line: int
    column: int
    index: int = 0
    row: int = 0


# The first line Excel reads (and hides) to learn the delimiter: "sep=;".
_SEP_LINE: Final = re.compile(r"sep=([,;\t|])\r?(?:\n|\Z)", re.IGNORECASE)


def delimiter(text: str) -> str:
    """The one of ``,``, ``;`` and a tab that the first line of *text*
    uses most (a spreadsheet in a language that writes decimal commas
    saves with ``;``), or the one a first line such as ``sep=;`` names,
    as Excel reads it.
    """
    sep = _SEP_LINE.match(text)
    if sep is not None:
        return sep[1]
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def column_letter(index: int) -> str:
    """A spreadsheet's name of column *index*: A, B, ... Z, AA, AB...

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    >>> column_letter(701), column_letter(702)
    ('ZZ', 'AAA')
    """
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def rows(
    text: str, delimiter: str, shown: str, problems: list[Problem]
) -> Iterator[list[Cell]]:
    """The cells of each row of CSV *text* that holds any, with their
    positions.  A cell may be quoted with ``"``, doubling a ``"`` inside
    and holding line breaks; a quote never closed is a problem added to
    *problems*, and ends the rows.  A first line ``sep=;`` is no row: Excel
    reads the delimiter from it, and does not show it.
    """
    i, line, column = 0, 1, 1
    end = len(text)
    sep = _SEP_LINE.match(text)
    if sep is not None:
        i, line = sep.end(), 2
    # The row a spreadsheet shows: empty ones count.
    row = 0
    while i < end:
        row += 1
        cells: list[Cell] = []
        while True:
            start_line, start_column = line, column
            if i < end and text[i] == '"':
                # A quoted cell: "" is a quote; line breaks are text.
                i += 1
                column += 1
                parts: list[str] = []
                while True:
                    close = text.find('"', i)
                    if close < 0:
                        # Below the header, the cell is named by its
                        # column: the character it starts at would give
                        # the length of the cells before it, which may be
                        # a name that must not be published.
                        where = (
                            "here"
                            if row == 1
                            else f"in column {column_letter(len(cells))} "
                            "of this row"
                        )
                        problems.append(
                            Problem(
                                "wrong-shape",
                                f"a quote opens a cell {where} and is never "
                                'closed; close it with ", and write a " '
                                'inside a cell as ""',
                                Location(
                                    shown,
                                    start_line,
                                    start_column if row == 1 else 1,
                                ),
                            )
                        )
                        return
                    piece = text[i:close]
                    parts.append(piece)
                    breaks = piece.count("\n")
                    if breaks:
                        line += breaks
                        column = len(piece) - piece.rfind("\n")
                    else:
                        column += len(piece)
                    i = close + 1
                    column += 1
                    if text.startswith('"', i):
                        parts.append('"')
                        i += 1
                        column += 1
                        continue
                    break
                value = "".join(parts).replace("\r\n", "\n")
                # Text after the closing quote belongs to the cell too, as
                # spreadsheets read it.
                stop = _cell_end(text, i, delimiter)
                value += text[i:stop]
                column += stop - i
                i = stop
            else:
                stop = _cell_end(text, i, delimiter)
                value = text[i:stop]
                column += stop - i
                i = stop
            cells.append(
                Cell(
                    value.rstrip("\r"),
                    start_line,
                    start_column,
                    len(cells),
                    row,
                )
            )
            if i < end and text[i] == delimiter:
                i += 1
                column += 1
                continue
            break
        # The end of the row: a line break, or the end of the text.
        i += 1
        line += 1
        column = 1
        if any(cell.text.strip() for cell in cells):
            yield cells


def _cell_end(text: str, i: int, delimiter: str) -> int:
    """Where an unquoted cell starting at *i* ends."""
    line_end = text.find("\n", i)
    if line_end < 0:
        line_end = len(text)
    # Looked for on this line only: a one-column sheet has no delimiter,
    # and a search to the end of the text for every row is quadratic.
    stop = text.find(delimiter, i, line_end)
    return line_end if stop < 0 else stop
