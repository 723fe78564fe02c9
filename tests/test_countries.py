"""Country codes, names and suggestions, checked against real-world data."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition_registry import countries
from coalition_registry.parsing import parse


NAMES = (
    Path(__file__).parent / "data" / "country-names" / "countrynames-data.yaml"
)


@pytest.fixture(name="variants", scope="module")
def _variants() -> dict[str, list[str]]:
    """countrynames' variants (MIT; see tests/data/country-names/)."""
    doc = parse(NAMES.read_bytes(), str(NAMES))
    assert () == doc.problems
    return {k: list(v) for k, v in doc.data.items()}


class TestCodes:
    @pytest.mark.parametrize("code", ["GB", "NO", "US", "XK", "TH", "NL"])
    def test_valid(self, code: str) -> None:
        assert countries.is_country(code)

    @pytest.mark.parametrize("code", ["UK", "gb", "EU", "GBR", "", "XX"])
    def test_invalid(self, code: str) -> None:
        assert not countries.is_country(code)

    def test_names(self) -> None:
        assert "United Kingdom" == countries.country_name("GB")
        assert "Kosovo" == countries.country_name("XK")


class TestSuggest:
    @pytest.mark.parametrize(
        ("written", "meant"),
        [
            ("UK", "GB"),
            ("USA", "US"),
            ("gb", "GB"),
            ("DEU", "DE"),
            ("Canada", "CA"),
            ("the Netherlands", "NL"),
            ("England", "GB"),
            ("Untied Kingdom", "GB"),
            ("Côte d’Ivoire", "CI"),
            ("Türkiye", "TR"),
            ("Kosovo", "XK"),
        ],
    )
    def test_what_people_write(self, written: str, meant: str) -> None:
        assert meant == countries.suggest(written)

    @pytest.mark.parametrize("written", ["", "zzzz", "Narnia"])
    def test_nothing_close(self, written: str) -> None:
        assert countries.suggest(written) is None

    @pytest.mark.parametrize("written", ["Europe", "International", "global"])
    def test_regions(self, written: str) -> None:
        assert countries.is_region_word(written)

    def test_precision_on_real_variants(
        self, variants: dict[str, list[str]]
    ) -> None:
        """When a suggestion is made for a real-world spelling, it is right
        at least 98 times in 100: a wrong 'did you mean' misleads."""
        right = wrong = 0
        for code, names in variants.items():
            if not countries.is_country(code):
                continue
            for name in names:
                if not name.isascii():
                    continue
                guess = countries.suggest(name)
                if guess == code:
                    right += 1
                elif guess is not None:
                    wrong += 1
        assert right > 2000
        assert right / (right + wrong) >= 0.98

    def test_non_countries_mostly_get_no_suggestion(
        self, variants: dict[str, list[str]]
    ) -> None:
        """Strings that name no country ('N/A', 'Africa'...) are not
        turned into one."""
        fails = variants["FAIL"]
        suggested = [n for n in fails if countries.suggest(n) is not None]
        assert len(suggested) <= len(fails) // 20


def test_normalise_folds_apostrophes_accents_case() -> None:
    assert countries.normalise("Barnardo’s") == countries.normalise(
        "BARNARDO'S"
    )
    assert "cote divoire" == countries.normalise("Côte d'Ivoire")
