"""M49 regions: the shipped table, its lookups and the script that makes it."""

from __future__ import annotations

import importlib.resources
import importlib.util
import runpy

from pathlib import Path
from typing import Any

import pycountry
import pytest

from hypothesis import given
from hypothesis import strategies as st

from coalition_registry import countries, regions
from coalition_registry.regions import Placement, Region


ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "coalition_registry" / "data" / "m49.csv"
TOOL = ROOT / "tools" / "make_m49.py"
#: datasets/country-codes (ODC-PDDL-1.0; see tests/data/country-names/).
SOURCE = (
    Path(__file__).parent
    / "data"
    / "country-names"
    / "datasets-country-codes.csv"
)
#: Codes M49 places in no region.
NO_REGION = {"AQ"}  # Antarctica

EUROPE = Region("150", "Europe")


def _row(alpha_2: str, *cells: str) -> dict[str, str]:
    """A source row: alpha-2, then code and name for each level given."""
    columns = (
        "Region Code",
        "Region Name",
        "Sub-region Code",
        "Sub-region Name",
        "Intermediate Region Code",
        "Intermediate Region Name",
    )
    row = dict.fromkeys(columns, "")
    row.update(zip(columns, cells, strict=False))
    return {"ISO3166-1-Alpha-2": alpha_2, **row}


@pytest.fixture(name="tool", scope="module")
def _tool() -> dict[str, Any]:
    """tools/make_m49.py's globals, loaded without running it."""
    return runpy.run_path(str(TOOL))


class TestLookups:
    @pytest.mark.parametrize(
        ("code", "region", "sub_region"),
        [
            ("GB", "Europe", "Northern Europe"),
            ("CA", "Americas", "Northern America"),
            ("TH", "Asia", "South-eastern Asia"),
            ("AU", "Oceania", "Australia and New Zealand"),
            ("NL", "Europe", "Western Europe"),
            ("BR", "Americas", "Latin America and the Caribbean"),
            ("NA", "Africa", "Sub-Saharan Africa"),
            ("XK", "Europe", "Southern Europe"),
        ],
    )
    def test_region_and_sub_region(
        self, code: str, region: str, sub_region: str
    ) -> None:
        """Well-known countries are where M49 puts them."""
        assert region == regions.region_of(code)
        assert sub_region == regions.sub_region_of(code)

    def test_intermediate_region(self) -> None:
        """Brazil's intermediate region is South America, with its code."""
        assert Placement(
            Region("019", "Americas"),
            Region("419", "Latin America and the Caribbean"),
            Region("005", "South America"),
        ) == regions.placement("BR")

    def test_no_intermediate_region(self) -> None:
        """Most countries have no intermediate region."""
        assert regions.placement("GB").intermediate_region is None

    def test_kosovo(self) -> None:
        """Kosovo, added by hand, is in Europe / Southern Europe."""
        assert Placement(
            EUROPE, Region("039", "Southern Europe"), None
        ) == regions.placement("XK")

    @pytest.mark.parametrize("code", ["XX", "gb", "GBR", "", "EU", "AQ"])
    def test_nowhere(self, code: str) -> None:
        """Unknown codes (and Antarctica) are placed nowhere, silently."""
        assert Placement(None, None, None) == regions.placement(code)
        assert regions.region_of(code) is None
        assert regions.sub_region_of(code) is None

    @given(st.text(max_size=4))
    def test_never_raises(self, text: str) -> None:
        """Any string gets a placement."""
        assert isinstance(regions.placement(text), Placement)

    def test_regions(self) -> None:
        """The five M49 regions, sorted."""
        assert (
            "Africa",
            "Americas",
            "Asia",
            "Europe",
            "Oceania",
        ) == regions.regions()

    def test_areas_are_shared(self) -> None:
        """Countries in one area share one Region value."""
        assert regions.placement("GB").region is regions.placement("FR").region


class TestCoverage:
    def test_every_iso_country_has_a_region(self) -> None:
        """Every pycountry code has a region and sub-region, bar Antarctica."""
        missing = {
            c.alpha_2
            for c in pycountry.countries
            if regions.region_of(c.alpha_2) is None
            or regions.sub_region_of(c.alpha_2) is None
        }
        assert NO_REGION == missing

    def test_table_covers_exactly_the_accepted_codes(self) -> None:
        """The table lists every accepted country code and nothing else."""
        table = set(regions._table())
        assert all(countries.is_country(code) for code in table)
        assert {c.alpha_2 for c in pycountry.countries} | {"XK"} == table

    def test_levels_nest(self) -> None:
        """A sub-region only ever sits in one region."""
        parent: dict[Region, Region | None] = {}
        for p in regions._table().values():
            if p.sub_region is not None:
                assert p.region is not None
                assert p.region == parent.setdefault(p.sub_region, p.region)
            if p.intermediate_region is not None:
                assert p.sub_region is not None


class TestLaziness:
    def test_import_reads_nothing(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Importing the module does not read the table."""

        def fail(*args: object) -> None:
            raise AssertionError(args)

        monkeypatch.setattr(importlib.resources, "files", fail)
        spec = importlib.util.spec_from_file_location(
            "_regions_probe", regions.__file__
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert 0 == module._table.cache_info().currsize

    def test_shipped_with_the_package(self) -> None:
        """The table is found as package data."""
        data = importlib.resources.files("coalition_registry") / "data"
        assert SHIPPED.read_bytes() == (data / "m49.csv").read_bytes()


class TestMakeM49:
    def test_round_trip(self, tool: dict[str, Any], tmp_path: Path) -> None:
        """Regenerating from the source gives the shipped file, byte for byte."""
        out = tmp_path / "m49.csv"
        assert 0 == tool["main"]([str(SOURCE), "--output", str(out)])
        assert SHIPPED.read_bytes() == out.read_bytes()

    def test_shape(self) -> None:
        """The header, then one sorted row per code, codes of three digits."""
        lines = SHIPPED.read_text(encoding="utf-8").splitlines()
        assert (
            "alpha_2,region_code,region,sub_region_code,sub_region,"
            "intermediate_region_code,intermediate_region"
        ) == lines[0]
        codes = [line[:2] for line in lines[1:]]
        assert sorted(set(codes)) == codes
        assert "GB,150,Europe,154,Northern Europe,," in lines
        assert "AQ,,,,,," in lines

    def test_cleans_cells(self, tool: dict[str, Any]) -> None:
        """Non-breaking and stray spaces go; codes are zero-padded."""
        row = _row(
            " GB\u00a0", "150", "Europe\u00a0", "154", " Northern\u00a0Europe"
        )
        assert [
            ("GB", "150", "Europe", "154", "Northern Europe", "", ""),
            ("XK", "150", "Europe", "039", "Southern Europe", "", ""),
        ] == tool["extract"]([row])

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (
                _row("G", "150", "Europe"),
                "alpha-2 code 'G'",
            ),
            (
                _row("GB", "15O", "Europe"),
                "Region Code '15O' is not an M49 code",
            ),
            (
                _row("GB", "150", ""),
                "Region Code 150 has no Region Name",
            ),
            (
                _row("GB", "", "", "154", "Northern Europe"),
                "no level above it",
            ),
        ],
    )
    def test_rejects(
        self,
        tool: dict[str, Any],
        row: dict[str, str],
        message: str,
    ) -> None:
        """Malformed cells are errors with the line they are on."""
        with pytest.raises(ValueError, match=message) as info:
            tool["extract"]([row])
        assert str(info.value).startswith("line 2: ")

    def test_rejects_repeats_and_conflicts(self, tool: dict[str, Any]) -> None:
        """A repeated country, or one code with two names, is an error."""
        gb = _row("GB", "150", "Europe")
        with pytest.raises(ValueError, match="line 3: GB is repeated"):
            tool["extract"]([gb, gb])
        with pytest.raises(ValueError, match="'Europe' and 'Europa'"):
            tool["extract"]([gb, _row("FR", "150", "Europa")])

    def test_missing_columns(
        self,
        tool: dict[str, Any],
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A source without the M49 columns fails with exit code 1."""
        source = tmp_path / "bad.csv"
        source.write_text("ISO3166-1-Alpha-2,Region Name\nGB,Europe\n")
        out = tmp_path / "m49.csv"
        assert 1 == tool["main"]([str(source), "--output", str(out)])
        assert not out.exists()
        assert "missing columns: Intermediate Region Code" in (
            capsys.readouterr().err
        )
