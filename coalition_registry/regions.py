"""Regions: where a country sits in the UN M49 geographic regions.

M49 (the UN Statistics Division's *Standard country or area codes for
statistical use*) groups countries into five regions, their sub-regions
and, for parts of Africa and the Americas, intermediate regions.
pycountry has no M49 regions, so the package ships the table as
``coalition_registry/data/m49.csv``: the M49 columns of datasets/country-codes
(public domain, ODC-PDDL-1.0), plus Kosovo (``XK``), which M49 does not list,
under Europe / Southern Europe.  ``data/M49-SOURCE.md`` gives the commit and
how to regenerate the table with ``tools/make_m49.py``.

A shipped table rather than a library, because no light, maintained one
fits: ``country-converter`` is maintained but GPL-3.0 and needs pandas;
``pycountry-convert`` was last released in 2018 and gives continents, not
M49; ``countryinfo`` has its own region names without codes (its Brazil is
in "South America", not M49's "Latin America and the Caribbean");
``hdx-python-country`` pulls in HDX's utilities and libhxl, and
``django-countries-hdx`` Django too.  250 rows of public-domain data are
smaller than any of them.

The table is read on first use, not at import.

>>> region_of("GB"), sub_region_of("GB")
('Europe', 'Northern Europe')
"""

from __future__ import annotations

import csv
import functools
import importlib.resources

from typing import Final

import attrs


__all__ = [
    "Placement",
    "Region",
    "placement",
    "region_of",
    "regions",
    "sub_region_of",
]


@attrs.frozen
class Region:
    """An M49 area: a region, a sub-region or an intermediate region.

    Attributes:
        code: The M49 code, three digits as M49 writes it (``"150"``).
        name: The English name (``"Europe"``).
    """

    code: str
    name: str


@attrs.frozen
class Placement:
    """Where a country sits in M49, from the widest area to the narrowest.

    Attributes:
        region: One of the five regions (``Europe``), or ``None`` for a
            code M49 places in none (Antarctica) or does not know.
        sub_region: The sub-region (``Northern Europe``), or ``None``.
        intermediate_region: The intermediate region (``South America``),
            or ``None``: most countries have none.

    >>> placement("BR").intermediate_region
    Region(code='005', name='South America')
    """

    region: Region | None = None
    sub_region: Region | None = None
    intermediate_region: Region | None = None


#: The placement of a code that is not in the table.
_NOWHERE: Final = Placement()


@functools.cache
def _table() -> dict[str, Placement]:
    """Every alpha-2 code in ``data/m49.csv`` with its placement."""
    text = (
        importlib.resources.files("coalition_registry") / "data" / "m49.csv"
    ).read_text(encoding="utf-8")
    areas: dict[tuple[str, str], Region] = {}

    def area(code: str, name: str) -> Region | None:
        if not code:
            return None
        return areas.setdefault((code, name), Region(code, name))

    return {
        row["alpha_2"]: Placement(
            area(row["region_code"], row["region"]),
            area(row["sub_region_code"], row["sub_region"]),
            area(row["intermediate_region_code"], row["intermediate_region"]),
        )
        for row in csv.DictReader(text.splitlines())
    }


def placement(alpha_2: str) -> Placement:
    """Where the country *alpha_2* (upper case exactly) sits in M49.

    Never raises: an unknown code gets a placement that is all ``None``.

    >>> placement("NL").sub_region
    Region(code='155', name='Western Europe')
    >>> placement("XX")
    Placement(region=None, sub_region=None, intermediate_region=None)
    """
    return _table().get(alpha_2, _NOWHERE)


def region_of(alpha_2: str) -> str | None:
    """The name of the M49 region of *alpha_2*, or ``None``.

    >>> region_of("TH"), region_of("AQ"), region_of("XX")
    ('Asia', None, None)
    """
    region = placement(alpha_2).region
    return None if region is None else region.name


def sub_region_of(alpha_2: str) -> str | None:
    """The name of the M49 sub-region of *alpha_2*, or ``None``.

    >>> sub_region_of("BR")
    'Latin America and the Caribbean'
    """
    sub_region = placement(alpha_2).sub_region
    return None if sub_region is None else sub_region.name


def regions() -> tuple[str, ...]:
    """The names of the M49 regions in the table, sorted.

    >>> regions()
    ('Africa', 'Americas', 'Asia', 'Europe', 'Oceania')
    """
    return tuple(
        sorted({p.region.name for p in _table().values() if p.region})
    )
