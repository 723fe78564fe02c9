"""The CSV reader: every value csv.writer writes, read back where it is."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry import tables
from coalition_registry.problems import Problem
from strategies import cell_texts


@given(
    st.sampled_from([",", ";", "\t"]),
    st.lists(
        st.lists(cell_texts, min_size=1, max_size=4),
        min_size=1,
        max_size=6,
    ),
)
def test_what_csv_writes_is_read_back_where_it_is(
    delimiter: str, written: list[list[str]]
) -> None:
    """Every row csv.writer writes that holds a value is read back whole,
    and each cell's position is where it starts in the text: at its
    opening quote, or at its first character.
    """
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        written
    )
    text = buffer.getvalue()
    problems: list[Problem] = []
    read = list(tables.rows(text, delimiter, "t.csv", problems))
    assert [] == problems
    assert [r for r in written if any(c.strip() for c in r)] == [
        [cell.text for cell in row] for row in read
    ]
    lines = text.split("\n")
    for row in read:
        for cell in row:
            start = lines[cell.line - 1][cell.column - 1 :]
            assert start.startswith(('"', cell.text[:1]))


def test_the_delimiter_is_the_first_lines_most_used() -> None:
    assert ";" == tables.delimiter("name;country;note,s\nx,y,z,w\n")
    assert "\t" == tables.delimiter("name\tcountry\n")
    assert "," == tables.delimiter("name\n")


def test_a_quote_never_closed_ends_the_rows() -> None:
    problems: list[Problem] = []
    read = list(tables.rows('a,b\n"c,d\ne,f\n', ",", "t.csv", problems))
    assert [["a", "b"]] == [[c.text for c in row] for row in read]
    assert [("wrong-shape", 2, 1)] == [
        (p.code, p.location.line, p.location.column) for p in problems
    ]
