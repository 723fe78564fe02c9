"""Writing records to YAML and reading them back."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry.dump import dump, scalar
from coalition_registry.validation import read_records
from strategies import groups, letters, organisations, people


def read_back(record: Any) -> Any:
    result = read_records(dump(record).encode(), "f.yaml", type(record))
    assert [] == [str(p) for p in result.problems if p.is_error]
    (back,) = result.records
    return back


class TestRoundTrip:
    @given(st.one_of(organisations(), people(), groups(), letters()))
    def test_records_survive_dump_and_load(self, record: Any) -> None:
        assert record == read_back(record)


class TestScalars:
    def test_ambiguous_words_are_quoted(self) -> None:
        """What a YAML 1.1 tool would read as a boolean or a number."""
        assert ['"NO"', '"yes"', '"0123"', '"1:20"', '"null"'] == [
            scalar(s) for s in ["NO", "yes", "0123", "1:20", "null"]
        ]

    def test_plain_where_unambiguous(self) -> None:
        assert "ECPAT International" == scalar("ECPAT International")

    def test_forbidden_characters_are_escaped(self) -> None:
        assert '"a\\u007fb"' == scalar("a\x7fb")
