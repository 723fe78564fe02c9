"""Where values are written: the compact positions every record keeps."""

from __future__ import annotations

import pickle

from typing import Any

import pytest

from hypothesis import given
from hypothesis import strategies as st

import coalition_registry as cr

from coalition_registry.problems import Location, Positions
from conftest import SHIPPED


names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
numbers = st.integers(0, 2**32 - 1) | st.integers(2**32, 2**64 - 1)
where_maps = st.dictionaries(names, st.tuples(numbers, numbers), max_size=15)


class TestLocation:
    @pytest.mark.parametrize(
        ("location", "shown"),
        [
            (Location("a.yaml", 3, 7), "a.yaml:3:7"),
            (Location("a.yaml"), "a.yaml"),
            # A whole row of a spreadsheet: no character ":0".
            (Location("sheet.csv", 6, 0), "sheet.csv:6"),
        ],
    )
    def test_as_text(self, location: Location, shown: str) -> None:
        assert shown == str(location)


class TestPositions:
    @given(where_maps)
    def test_the_same_mapping_in_the_same_order(
        self, where: dict[str, tuple[int, int]]
    ) -> None:
        positions = Positions.of(where)
        assert list(where.items()) == list(positions.items())
        assert where == positions
        assert len(where) == len(positions)

    @given(where_maps, names)
    def test_get_and_contains_as_a_dict(
        self, where: dict[str, tuple[int, int]], name: str
    ) -> None:
        positions = Positions.of(where)
        assert where.get(name) == positions.get(name)
        assert (name in where) == (name in positions)
        assert (0, 0) == Positions.of({}).get(name, (0, 0))

    @given(where_maps)
    def test_pickles_to_an_equal_mapping(
        self, where: dict[str, tuple[int, int]]
    ) -> None:
        positions = Positions.of(where)
        again = pickle.loads(pickle.dumps(positions))  # noqa: S301 - ours
        assert positions == again
        assert list(positions) == list(again)

    def test_a_missing_name(self) -> None:
        positions = Positions.of({"id": (1, 5)})
        with pytest.raises(KeyError):
            positions["name"]
        assert "Positions({'id': (1, 5)})" == repr(positions)

    @pytest.mark.parametrize(
        ("names", "packed"),
        [("idname", b"\0" * 48), (("id", 1), b"\0" * 16), (("id",), "x" * 8)],
    )
    def test_made_from_a_tuple_of_texts_and_bytes(
        self, names: Any, packed: Any
    ) -> None:
        with pytest.raises(TypeError):
            Positions(names, packed)

    def test_a_crafted_pickle_cannot_change_one(self) -> None:
        class Crafted:
            def __reduce__(self) -> tuple[Any, ...]:
                return Positions, (("id",), b"\0" * 8), {"_packed": b"\1"}

        with pytest.raises(TypeError):
            pickle.loads(pickle.dumps(Crafted()))  # noqa: S301 - ours

    def test_one_pair_per_name(self) -> None:
        with pytest.raises(ValueError, match="one"):
            Positions(("id", "name"), b"\0" * 8)

    def test_records_read_from_files_keep_them(self) -> None:
        registry = cr.load(SHIPPED)
        org = registry.organisations.get("barnardos")
        assert org is not None
        assert isinstance(org.positions, Positions)
        assert {"id", "name"} <= set(org.positions)
        line, column = org.positions["name"]
        assert (line, column) == (
            org.location_of("name").line,
            org.location_of("name").column,
        )
        text = (SHIPPED / "organisations" / "barnardos.yaml").read_text(
            "utf-8"
        )
        written = text.splitlines()[line - 1][column - 1 :]
        assert f'"{org.name}"' == written
