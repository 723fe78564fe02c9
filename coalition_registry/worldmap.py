"""The world map: countries shaded by their number of signatories, as SVG.

The countries' outlines come from `Natural Earth`_'s *Admin 0 – Countries*
(public domain), as the PyPI package ``geo-intel-offline`` (MIT) ships them
in its wheel: nothing is downloaded when a map is drawn.  It is an optional
dependency, the ``report`` extra, installed from the repository's folder::

    python -m pip install '.[report]'

or, anywhere, with the package itself::

    python -m pip install 'geo-intel-offline>=1.5,<2'

Without it, :func:`outlines` raises :class:`GeometryMissingError`, whose
message says what to install.

The outlines are projected with the Equal Earth projection (Šavrič,
Patterson and Jenny, 2018), an equal-area projection for world maps, and
simplified for the size the map is drawn at, in pure Python.  Antarctica
is left out: no registry counts signatories there, and it would take a
fifth of the map.

Shading reads a table by country from
:func:`coalition_registry.aggregate.signatory_table`, after
:func:`coalition_registry.suppress`: a country whose count is hidden is
drawn with a hatch and labelled as hidden, never with its number.
Every text that comes from the registry is escaped.

.. _Natural Earth: https://www.naturalearthdata.com/
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import math
import textwrap

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from .aggregate import Cell, Table
from .countries import country_name, is_country
from .render import html_text


__all__ = [
    "GEOMETRY_PACKAGE",
    "NO_DATA",
    "PALETTE",
    "SUPPRESSED_INK",
    "Choropleth",
    "Class",
    "GeometryMissingError",
    "Outline",
    "Shade",
    "choropleth",
    "contrast",
    "geometry_available",
    "map_svg",
    "outlines",
]

#: The PyPI package that ships the outlines (Natural Earth's, public domain).
GEOMETRY_PACKAGE: Final = "geo-intel-offline"
_MODULE: Final = "geo_intel_offline"

#: The width of the map in SVG user units; its height follows.
WIDTH: Final = 1000.0

#: Sequential palette, lightest first: teal to indigo, one hue family, so
#: it reads in the same order to people with any form of colour blindness.
#: Each step is about 1.4 times darker than the last, and even the lightest
#: has a contrast of 3:1 with the land that has no signatory (WCAG 2.1,
#: 1.4.11 non-text contrast).
PALETTE: Final = ("#188ba5", "#176ea0", "#165298", "#14358b", "#101471")
#: Land with no signatory in the records.
NO_DATA: Final = "#e9ecef"
#: The hatch of a country whose count is hidden.
SUPPRESSED_INK: Final = "#5f6b7a"
#: Country borders.
BORDER: Final = "#ffffff"
#: Text.
INK: Final = "#1f2933"
#: The line drawn round a country that has the keyboard's focus, between
#: two bands of :data:`INK`: one of the two has 3:1 contrast with any fill
#: beside it, light or dark (WCAG 2.1, 1.4.11), as the page's own focus
#: ring does.
FOCUS: Final = "#f2b705"
#: The system's own sans-serif fonts: nothing is downloaded.
FONTS: Final = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', "
    "'Noto Sans', 'Liberation Sans', Arial, sans-serif"
)
MUTED: Final = "#52606d"

#: Lower bounds of the classes, from which at most five are chosen.
_LADDER: Final = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
_MAX_CLASSES: Final = 5

#: Natural Earth codes some areas -99 (or by a code of its own); these
#: are the ones with an ISO 3166-1 code of their own.
_NE_FIXES: Final = {"France": "FR", "Norway": "NO", "Kosovo": "XK"}
_NE_CODES: Final = {"CN-TW": "TW"}
_LEFT_OUT: Final = frozenset({"AQ"})

#: Douglas-Peucker tolerance and the smallest island kept, in SVG units.
_TOLERANCE: Final = 0.3
_MIN_AREA: Final = 0.6
#: A country with data smaller than this (SVG units²) also gets a dot.
_DOT_AREA: Final = 12.0


class GeometryMissingError(RuntimeError):
    """The package that ships the map's outlines is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the world map needs the outlines of the countries, which the "
            f"package {GEOMETRY_PACKAGE} ships: install it with "
            f"python -m pip install '{GEOMETRY_PACKAGE}>=1.5,<2' (or, in "
            "the coalition-registry repository's folder, the 'report' "
            "extra: python -m pip install '.[report]')"
        )


# -- geometry ---------------------------------------------------------------


@attrs.frozen
class Outline:
    """One country (or area) of the map, projected and simplified.

    Attributes:
        code: Its ISO 3166-1 alpha-2 code; ``None`` for an area that has
            none (Somaliland, a disputed zone...), drawn as plain land.
        path: The SVG path data of its outline.
        area: Its area on the map, in square SVG units.
        anchor: A point inside its largest part, for a dot.
        box: Its bounding box: left, top, right, bottom.
    """

    code: str | None
    path: str
    area: float
    anchor: tuple[float, float]
    box: tuple[float, float, float, float]


def geometry_available() -> bool:
    """Whether the outlines can be drawn (the ``report`` extra is there)."""
    return _data_folder() is not None


def _data_folder() -> Path | None:
    # find_spec locates the package without running its __init__, which
    # imports its whole geocoding API.
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "data"
        if (folder / "polygons.json.gz").is_file():
            return folder
    return None


def _read(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def project(lat: float, lon: float) -> tuple[float, float]:
    """Equal Earth: longitude and latitude in degrees to x, y (unit sphere,
    y pointing north).

    >>> project(0, 0)
    (0.0, 0.0)
    >>> round(project(0, 180)[0], 4)
    2.7066
    """
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * lam
        * math.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


Point = tuple[float, float]


def _simplify(ring: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker on a closed ring, iteratively."""
    n = len(ring)
    if n < 4:
        return list(ring)
    keep = [False] * n
    keep[0] = keep[-1] = True
    # Split a closed ring at its point farthest from the first, so that
    # both halves are open polylines.
    x0, y0 = ring[0]
    far = max(
        range(n), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2
    )
    keep[far] = True
    stack = [(0, far), (far, n - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        ax, ay = ring[first]
        bx, by = ring[last]
        dx, dy = bx - ax, by - ay
        norm = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = ring[i]
            if norm == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                d = cross * cross / norm
            if d > worst:
                worst, index = d, i
        if worst > tol2:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _thin(ring: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """Drop the points of a ring (latitude, longitude) that fall in the
    same cell of a 0.1° grid as the point before: far finer than the
    map shows, and it spares projecting most of Natural Earth's points.
    """
    out = []
    last = None
    for lat, lon in ring:
        cell = (round(lat * 10), round(lon * 10))
        if cell != last:
            out.append((lat, lon))
            last = cell
    if len(out) > 1 and out[-1] != out[0]:
        out.append(out[0])
    return out


def _area(ring: Sequence[Point]) -> float:
    """The signed area of a ring (shoelace)."""
    return 0.5 * sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(ring, (*ring[1:], ring[0]), strict=True)
    )


def _centroid(ring: Sequence[Point]) -> Point:
    a = _area(ring)
    if a == 0:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, (*ring[1:], ring[0]), strict=True):
        f = x1 * y2 - x2 * y1
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    return cx / (6 * a), cy / (6 * a)


def _ring_path(ring: Sequence[Point]) -> str:
    first, *rest = (f"{x:.1f} {y:.1f}" for x, y in ring)
    return f"M{first}L" + " ".join(rest) + "Z"


def _code(meta: dict[str, Any]) -> str | None:
    raw = str(meta.get("iso2", ""))
    code = _NE_CODES.get(raw, raw)
    if not is_country(code):
        code = _NE_FIXES.get(str(meta.get("name", "")), "")
    return code if is_country(code) else None


@attrs.frozen
class _Frame:
    """How projected points become SVG coordinates."""

    scale: float
    left: float
    top: float
    height: float

    def __call__(self, lat: float, lon: float) -> Point:
        x, y = project(lat, lon)
        return (x - self.left) * self.scale, (self.top - y) * self.scale


@functools.cache
def _frame() -> _Frame:
    left = project(0, -180)[0]
    scale = WIDTH / (project(0, 180)[0] - left)
    # From the northernmost land (Greenland, 83.6°N) to the southern
    # tip of South America and the islands of the Southern Ocean (60°S).
    top, bottom = project(84, 0)[1], project(-60, 0)[1]
    return _Frame(scale, left, top, (top - bottom) * scale)


@functools.cache
def outlines() -> tuple[Outline, ...]:
    """Every country's outline, largest first (so that enclaves such as
    Lesotho are drawn on top of the country around them).

    Read from the geometry package once per process.

    Raises:
        GeometryMissingError: When the package is not installed.
    """
    folder = _data_folder()
    if folder is None:
        raise GeometryMissingError
    polygons = _read(folder / "polygons.json.gz")
    metadata = _read(folder / "metadata.json.gz")
    frame = _frame()
    out = []
    for key, shape in polygons.items():
        meta = metadata.get(key, {})
        code = _code(meta)
        if code in _LEFT_OUT:
            continue
        exteriors = shape.get("exteriors") or [shape["exterior"]]
        rings = []
        for ring in exteriors:
            projected = [frame(*p) for p in _thin(ring)]
            if len(projected) < 4:  # smaller than the grid: every point
                projected = [frame(lat, lon) for lat, lon in ring]
            simple = _simplify(projected, _TOLERANCE)
            if len(simple) < 4:  # a small island: keep its shape
                simple = projected
            rings.append((abs(_area(projected)), simple))
        largest = max(rings, key=lambda r: r[0])
        kept = [r for a, r in rings if a >= _MIN_AREA or r is largest[1]]
        holes = []
        for hole in shape.get("holes") or ():
            simple = _simplify([frame(*p) for p in _thin(hole)], _TOLERANCE)
            if abs(_area(simple)) >= _MIN_AREA:
                holes.append(simple)
        path = "".join(_ring_path(r) for r in (*kept, *holes))
        area = sum(a for a, _ in rings)
        xs = [x for r in kept for x, _ in r]
        ys = [y for r in kept for _, y in r]
        box = (min(xs), min(ys), max(xs), max(ys))
        out.append(Outline(code, path, area, _centroid(largest[1]), box))
    out.sort(key=lambda o: -o.area)
    return tuple(out)


@functools.cache
def _outline_of() -> dict[str, Outline]:
    """Each country's outline, by its code (those with one)."""
    return {o.code: o for o in outlines() if o.code}


# -- shading ----------------------------------------------------------------


@attrs.frozen
class Class:
    """One class of the colour scale.

    Attributes:
        low: The smallest count it holds.
        high: The largest count it holds.
        colour: Its fill.
    """

    low: int
    high: int
    colour: str

    @property
    def label(self) -> str:
        """``"3"`` or ``"3–4"``."""
        return (
            str(self.low)
            if self.low == self.high
            else (f"{self.low}–{self.high}")
        )


@attrs.frozen
class Shade:
    """How one country is drawn.

    Attributes:
        code: Its alpha-2 code.
        name: Its name.
        cell: Its count, as the (suppressed) table gives it.
        shade: Its class, or ``None`` when its count is hidden.
    """

    code: str
    name: str
    cell: Cell
    shade: Class | None

    @property
    def hidden(self) -> bool:
        """Whether its count is hidden (suppressed, or unknown)."""
        return self.cell.suppressed or self.cell.value is None

    @property
    def shown(self) -> str:
        """The count as it may be published: ``"2"``, ``"fewer than 3"``,
        ``"hidden"`` (a sum that takes in a hidden count has no bound).
        """
        if self.cell.suppressed:
            return (
                f"fewer than {self.cell.threshold}"
                if self.cell.bounded
                else "hidden"
            )
        return "unknown" if self.cell.value is None else str(self.cell.value)

    @property
    def label(self) -> str:
        """What a screen reader says and a pointer shows."""
        if self.cell.suppressed and self.cell.bounded:
            return (
                f"{self.name}: {self.shown} signatories "
                "(the exact number is hidden to protect the people counted)"
            )
        if self.cell.suppressed:
            return (
                f"{self.name}: number of signatories hidden to protect the "
                "people counted"
            )
        n = self.cell.value
        if n is None:
            return f"{self.name}: number of signatories unknown"
        return f"{self.name}: {n} {'signatory' if n == 1 else 'signatories'}"


@attrs.frozen
class Choropleth:
    """A table by country, ready to draw.

    Attributes:
        title: What the map shows.
        classes: The colour scale, lightest first.
        shades: The countries with signatories, in the table's order.
        unknown: The table's Unknown row, as published ("2", "<3"), or
            ``None`` when it is 0.
        threshold: The suppression threshold the table applied (0: none).
        notes: The table's rule and notes, for a caption.
    """

    title: str
    classes: tuple[Class, ...]
    shades: tuple[Shade, ...]
    unknown: str | None
    threshold: int
    notes: tuple[str, ...]

    def shade_of(self, code: str) -> Shade | None:
        """The country's shade, if it has signatories."""
        for s in self.shades:
            if s.code == code:
                return s
        return None

    @property
    def has_hidden(self) -> bool:
        """Whether a country's count is hidden."""
        return any(s.hidden for s in self.shades)


def _classes(values: Iterable[int]) -> tuple[Class, ...]:
    top = max(values, default=0)
    if top < 1:
        return ()
    bounds = [b for b in _LADDER if b <= top]
    if top <= _MAX_CLASSES:
        bounds = list(range(1, top + 1))
    elif len(bounds) > _MAX_CLASSES:
        rest = bounds[1:]
        picks = _MAX_CLASSES - 1
        bounds = [
            1,
            *dict.fromkeys(
                rest[round(i * (len(rest) - 1) / (picks - 1))]
                for i in range(picks)
            ),
        ]
    n = len(bounds)
    if n == 1:
        colours = [PALETTE[2]]
    else:
        colours = [
            PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] for i in range(n)
        ]
    highs = [b - 1 for b in bounds[1:]] + [top]
    return tuple(
        Class(low, high, colour)
        for low, high, colour in zip(bounds, highs, colours, strict=True)
    )


def choropleth(table: Table) -> Choropleth:
    """Shade a table by country (suppressed first, with
    :func:`coalition_registry.suppress`) by its ``signatories`` column.

    Raises:
        ValueError: When the table is not by country.
    """
    if table.by != "country":
        raise ValueError(f"a map needs a table by country, not by {table.by}")
    column = table.columns.index(table.sum_column or table.columns[-1])
    rows = [r for r in table.rows if r.key is not None]
    shown = [
        r.cells[column].value or 0
        for r in rows
        if not r.cells[column].suppressed
    ]
    classes = _classes(shown)

    def shade_of(cell: Cell) -> Class | None:
        if cell.suppressed or cell.value is None:
            return None
        return next(
            (c for c in classes if c.low <= cell.value <= c.high), None
        )

    shades = tuple(
        Shade(
            r.key,
            country_name(r.key),
            r.cells[column],
            shade_of(r.cells[column]),
        )
        for r in rows
        if r.key is not None and r.cells[column].nonzero
    )
    unknown_rows = [r for r in table.rows if r.key is None]
    unknown = None
    if unknown_rows and unknown_rows[0].cells[column].nonzero:
        unknown = str(unknown_rows[0].cells[column].public())
    thresholds = {
        c.threshold
        for r in (*table.rows, table.total)
        for c in r.cells
        if c.suppressed
    }
    return Choropleth(
        title=table.title,
        classes=classes,
        shades=shades,
        unknown=unknown,
        threshold=max(thresholds, default=0),
        notes=(f"Rule: {table.rule}.", *table.notes),
    )


# -- drawing ----------------------------------------------------------------

#: The sea inside the map's outline.
OCEAN: Final = "#f3f6f9"
#: Countries smaller than this (square SVG units) are shown again, larger,
#: in a detail panel, when they have signatories.
_SMALL: Final = 250.0
#: The detail panel's shape, width over height.
_DETAIL_RATIO: Final = 4 / 3
HATCH_ID: Final = "cr-hidden"


_e: Final = html_text


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _defs(prefix: str) -> str:
    return (
        f'<defs><pattern id="{prefix}{HATCH_ID}" width="4" height="4" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="{NO_DATA}"/>'
        f'<rect width="1.6" height="4" fill="{SUPPRESSED_INK}"/>'
        "</pattern></defs>"
    )


_STYLE: Final = (
    "<style>"
    ".cr-country{stroke:#fff;stroke-width:.5px;stroke-linejoin:round;"
    "vector-effect:non-scaling-stroke}"
    ".cr-area .cr-country{stroke-width:.9px}"
    f".cr-area:hover .cr-country{{stroke:{INK};stroke-width:1.6px}}"
    # A dark line alone vanishes round the darkest fill, and a yellow one
    # round the lightest: the focus is a yellow line inside a dark band.
    f".cr-area:focus .cr-country{{stroke:{INK};stroke-width:4.5px}}"
    f".cr-ring{{display:none;fill:none;stroke:{FOCUS};stroke-width:1.5px;"
    "stroke-linejoin:round;vector-effect:non-scaling-stroke;"
    "pointer-events:none}"
    ".cr-area:focus .cr-ring{display:inline}"
    ".cr-area:focus{outline:none}"
    # A tiny country is seen by its dot alone: its outline's stroke
    # would not show that it has the focus.
    ".cr-area:hover .cr-dot,.cr-area:focus .cr-dot{r:7px;stroke-width:2px}"
    ".cr-dot{display:var(--cr-dot,inline)}"
    "</style>"
)


def _sphere() -> str:
    """The outline of the map: the Equal Earth globe between its bounds."""
    frame = _frame()
    west = [frame(lat, -180) for lat in range(-60, 85, 4)]
    east = [frame(lat, 180) for lat in range(84, -61, -4)]
    return _ring_path([*west, *east])


def _fill(shade: Shade, prefix: str) -> str:
    if shade.shade is None:
        return f"url(#{prefix}{HATCH_ID})"
    return shade.shade.colour


def _countries(chart: Choropleth, prefix: str) -> Iterator[str]:
    """The countries: plain land first, then those with signatories, each
    a focusable group that says its name and count.
    """
    shapes = outlines()
    by_code = _outline_of()
    shaded = {s.code for s in chart.shades}
    yield f'<g id="{prefix}countries">'
    yield '<g class="cr-land" aria-hidden="true">'
    for o in shapes:
        if o.code in shaded:
            continue
        title = (
            f"<title>{_e(country_name(o.code))}: no signatory in the "
            "records</title>"
            if o.code
            else ""
        )
        code = f' data-country="{o.code}"' if o.code else ""
        yield (
            f'<path class="cr-country"{code} fill="{NO_DATA}" '
            f'd="{o.path}">{title}</path>'
        )
    yield "</g>"
    yield '<g class="cr-shaded">'
    for shade in sorted(
        (s for s in chart.shades if s.code in by_code),
        key=lambda s: -by_code[s.code].area,
    ):
        o = by_code[shade.code]
        fill = _fill(shade, prefix)
        label = _e(shade.label)
        count = "hidden" if shade.hidden else str(shade.cell.value)
        yield (
            f'<g class="cr-area" role="img" aria-label="{label}" '
            f'tabindex="0" data-country="{shade.code}" '
            f'data-count="{count}" data-fill="{_e(fill)}">'
            f'<title>{label}</title><path class="cr-country" fill="{fill}" '
            f'd="{o.path}"/><path class="cr-ring" d="{o.path}"/>'
        )
        if o.area < _DOT_AREA:
            x, y = o.anchor
            yield (
                f'<circle class="cr-dot" cx="{x:.1f}" cy="{y:.1f}" r="4" '
                f'fill="{fill}" stroke="{INK}" stroke-width=".8"/>'
            )
        yield "</g>"
    yield "</g></g>"


def detail_box(
    chart: Choropleth,
) -> tuple[float, float, float, float] | None:
    """The part of the map to show again, larger: the box around the small
    countries with signatories (x, y, width, height), or ``None``.
    """
    by_code = _outline_of()
    small = [
        by_code[s.code]
        for s in chart.shades
        if s.code in by_code and by_code[s.code].area < _SMALL
    ]
    if not small:
        return None
    left = min(o.box[0] for o in small)
    top = min(o.box[1] for o in small)
    right = max(o.box[2] for o in small)
    bottom = max(o.box[3] for o in small)
    width = max(right - left, 24.0) * 1.3
    height = max(bottom - top, 18.0) * 1.3
    if width / height < _DETAIL_RATIO:
        width = height * _DETAIL_RATIO
    else:
        height = width / _DETAIL_RATIO
    cx, cy = (left + right) / 2, (top + bottom) / 2
    if width > WIDTH / 2.5:  # not a detail any more
        return None
    return cx - width / 2, cy - height / 2, width, height


def detail_title(chart: Choropleth) -> str:
    """The detail panel's heading: "Detail: Europe" when its countries
    share an M49 region.
    """
    from . import regions

    by_code = _outline_of()
    names = {
        regions.region_of(s.code)
        for s in chart.shades
        if s.code in by_code and by_code[s.code].area < _SMALL
    }
    if len(names) == 1 and None not in names:
        return f"Detail: {names.pop()}"
    return "Detail"


def _detail(
    box: tuple[float, float, float, float],
    prefix: str,
    chart: Choropleth,
    *,
    x: float = 0,
    y: float = 0,
    width: float | None = None,
) -> str:
    """The detail panel: the countries group drawn again, zoomed in, with
    the world map's dots left out (zoomed, they would cover their
    neighbours) and drawn again at the panel's scale: a country too small
    to see there still needs one (Monaco, the Vatican).
    """
    bx, by, bw, bh = box
    by_code = _outline_of()
    radius = bw / 70
    dots = "".join(
        f'<circle cx="{o.anchor[0]:.2f}" cy="{o.anchor[1]:.2f}" '
        f'r="{radius:.2f}" fill="{_fill(shade, prefix)}" stroke="{INK}" '
        'stroke-width=".8px" vector-effect="non-scaling-stroke"/>'
        for shade in chart.shades
        if (o := by_code.get(shade.code)) is not None and o.area < _DOT_AREA
    )
    size = (
        f'x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" '
        f'height="{width / _DETAIL_RATIO:.0f}" '
        if width is not None
        else ""
    )
    return (
        f'<svg {size}viewBox="{bx:.1f} {by:.1f} {bw:.1f} {bh:.1f}" '
        'class="cr-detail" aria-hidden="true" '
        'preserveAspectRatio="xMidYMid slice">'
        f'<rect x="{bx:.1f}" y="{by:.1f}" width="{bw:.1f}" '
        f'height="{bh:.1f}" fill="{OCEAN}"/>'
        f'<use href="#{prefix}countries" style="--cr-dot:none"/>{dots}'
        f'<rect x="{bx:.1f}" y="{by:.1f}" width="{bw:.1f}" '
        f'height="{bh:.1f}" fill="none" stroke="{MUTED}" '
        'stroke-width="1px" vector-effect="non-scaling-stroke"/>'
        "</svg>"
    )


def detail_svg(chart: Choropleth, prefix: str = "") -> str | None:
    """The detail panel alone, for a page that also holds the map drawn by
    :func:`map_svg` with the same *prefix* (it reuses the map's countries).
    """
    box = detail_box(chart)
    if box is None:
        return None
    return _detail(box, prefix, chart).replace(
        "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
    )


def missing_outlines(chart: Choropleth) -> tuple[Shade, ...]:
    """Countries with signatories that the map data has no outline for."""
    drawn = _outline_of()
    return tuple(s for s in chart.shades if s.code not in drawn)


def summary(chart: Choropleth) -> str:
    """The map in one paragraph: its text alternative."""
    if not chart.shades:
        if chart.unknown is None:
            return "No signatory in the records has a known country."
        return (
            "No signatory in the records has a known country: "
            f"{_signatories(chart.unknown)} without one."
        )
    parts = [
        f"{s.name}: {s.shown}" if s.hidden else s.label for s in chart.shades
    ]
    n = len(chart.shades)
    drawn = n - len(missing_outlines(chart))
    counted = (
        f"{n} {'country is' if n == 1 else 'countries are'} shaded. "
        if drawn == n
        else f"{n} {'country has' if n == 1 else 'countries have'} "
        f"signatories, of which {drawn} {'is' if drawn == 1 else 'are'} "
        "shaded; the others have no outline in the map data. "
    )
    text = counted + "; ".join(parts) + "."
    if chart.unknown is not None:
        text += (
            f" Not on the map: {_signatories(chart.unknown)} without a "
            "known country."
        )
    return text


def _signatories(shown: str) -> str:
    """A count of signatories as published ("2", "<3", "suppressed"), in
    words for a sentence.

    >>> _signatories("1"), _signatories("<3"), _signatories("suppressed")
    ('1 signatory', 'fewer than 3 signatories', 'some signatories (how many is hidden)')
    """
    if shown == "1":
        return "1 signatory"
    if shown.isdigit():
        return f"{shown} signatories"
    if shown.startswith("<") and shown[1:].isdigit():
        return f"fewer than {shown[1:]} signatories"
    return "some signatories (how many is hidden)"


def legend_items(chart: Choropleth) -> list[tuple[str, str]]:
    """The legend as (fill, label) pairs; the fill ``hatch`` is the hatch
    of hidden counts.
    """
    items = [(c.colour, c.label) for c in chart.classes]
    if chart.has_hidden:
        items.append(("hatch", "number hidden"))
    items.append((NO_DATA, "none in the records"))
    return items


def notes(chart: Choropleth) -> list[str]:
    """What a reader of the map must also know: what is not on it, and
    the rules it applied.
    """
    texts = []
    if chart.unknown is not None:
        texts.append(
            f"Not on the map: {_signatories(chart.unknown)} without a known "
            "country."
        )
    missing = missing_outlines(chart) if chart.shades else ()
    if missing:
        texts.append(
            "Not on the map, having no outline in the map data: "
            + ", ".join(f"{s.name} ({s.shown})" for s in missing)
            + "."
        )
    if chart.has_hidden:
        texts.append(
            "A hatched country's number of signatories is hidden to protect "
            "the people counted: it holds at least one person, and may hold "
            f"many (fewer than {chart.threshold}, or a count a hidden one "
            "could be worked out from, or people who are not public, while "
            "any count of them is small)."
        )
    texts.extend(chart.notes)
    return texts


def map_svg(
    chart: Choropleth,
    *,
    standalone: bool = True,
    prefix: str = "",
) -> str:
    """The map as SVG.

    Args:
        chart: What to draw (see :func:`choropleth`).
        standalone: Draw the title, legend, detail panel and notes into
            the picture (for a ``.svg`` file).  Without them the SVG is the
            map alone, for a page that gives them in HTML.
        prefix: Prefixed to the SVG's ids, to keep them unique in a page.

    Raises:
        GeometryMissingError: When the geometry package is not installed.
    """
    frame = _frame()
    box = detail_box(chart)
    title_lines = textwrap.wrap(chart.title, 80) if standalone else []
    top = 20 + 26 * len(title_lines) if standalone else 0.0
    body: list[str] = [
        (
            f'<path d="{_sphere()}" fill="{OCEAN}" stroke="#d9dee5" '
            'stroke-width="1px" vector-effect="non-scaling-stroke"/>'
        ),
        *_countries(chart, prefix),
    ]
    if box is not None:
        bx, by, bw, bh = box
        body.append(
            f'<rect class="cr-locator" x="{bx:.1f}" y="{by:.1f}" '
            f'width="{bw:.1f}" height="{bh:.1f}" fill="none" '
            f'stroke="{MUTED}" stroke-width="1px" stroke-dasharray="3 2" '
            'vector-effect="non-scaling-stroke" aria-hidden="true"/>'
        )
    height = frame.height
    extra: list[str] = []
    if standalone:
        extra, below = _below(chart, box, prefix, top + frame.height + 20)
        height = top + frame.height + 20 + below + 12
    # In a page, the figure around the map is described by the summary,
    # shown under it: a description here too would be read twice.
    labelled = (
        f'aria-labelledby="{prefix}cr-map-title {prefix}cr-map-desc"'
        if standalone
        else f'aria-labelledby="{prefix}cr-map-title"'
    )
    pad = 20 if standalone else 0
    page_width, page_height = WIDTH + 2 * pad, height + 2 * pad
    box_of_page = f"{-pad} {-pad} {page_width:.0f} {page_height:.0f}"
    # A file of its own says its language; in a page, the page does.
    size = (
        f' width="{page_width:.0f}" height="{page_height:.0f}" lang="en" '
        'xml:lang="en"'
        if standalone
        else ""
    )
    out = [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="{box_of_page}"{size} role="group" '
            f'{labelled} class="cr-map" font-family="{_e(FONTS)}">'
        ),
        f'<title id="{prefix}cr-map-title">{_e(chart.title)}</title>',
        *(
            [f'<desc id="{prefix}cr-map-desc">{_e(summary(chart))}</desc>']
            if standalone
            else []
        ),
        _STYLE,
        _defs(prefix),
    ]
    if standalone:
        out.append(
            f'<rect x="{-pad}" y="{-pad}" width="{WIDTH + 2 * pad:.0f}" '
            f'height="{height + 2 * pad:.0f}" fill="#ffffff"/>'
        )
        out.extend(
            f'<text x="0" y="{24 + 26 * i}" font-size="20" '
            f'font-weight="700" fill="{INK}">{_e(line)}</text>'
            for i, line in enumerate(title_lines)
        )
        out.append(f'<g transform="translate(0 {top:.0f})">')
    out.extend(body)
    if standalone:
        out.append("</g>")
        out.extend(extra)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _below(
    chart: Choropleth,
    box: tuple[float, float, float, float] | None,
    prefix: str,
    y: float,
) -> tuple[list[str], float]:
    """The legend and notes (left) and the detail panel (right) under the
    map of a standalone SVG; returns them and their height.
    """
    text_width = 130 if box is None else 88
    out = [
        (
            f'<text x="0" y="{y + 14:.0f}" font-size="14" '
            f'font-weight="600" fill="{INK}">Signatories in the records</text>'
        )
    ]
    x, row = 0.0, y + 26
    limit = WIDTH if box is None else 600
    for fill, label in legend_items(chart):
        width = 24 + 7.6 * len(label) + 20
        if x and x + width > limit:
            x, row = 0.0, row + 26
        paint = f"url(#{prefix}{HATCH_ID})" if fill == "hatch" else fill
        out.append(
            f'<rect x="{x:.0f}" y="{row:.0f}" width="18" height="18" rx="2" '
            f'fill="{paint}" stroke="#aab4be" stroke-width=".5"/>'
        )
        out.append(
            f'<text x="{x + 24:.0f}" y="{row + 14:.0f}" font-size="14" '
            f'fill="{INK}">{_e(label)}</text>'
        )
        x += width
    lines = [
        line
        for t in (
            *notes(chart),
            "Map: Natural Earth (public domain), Equal Earth projection.",
        )
        for line in textwrap.wrap(t, text_width)
    ]
    first = row + 46
    out.extend(
        f'<text x="0" y="{first + 17 * i:.0f}" font-size="12" '
        f'fill="{MUTED}">{_e(line)}</text>'
        for i, line in enumerate(lines)
    )
    height = first + 17 * len(lines) - y
    if box is not None:
        width = 340.0
        left = WIDTH - width
        out.append(
            f'<text x="{left:.0f}" y="{y + 14:.0f}" font-size="14" '
            f'font-weight="600" fill="{INK}">{_e(detail_title(chart))}</text>'
        )
        out.append(_detail(box, prefix, chart, x=left, y=y + 24, width=width))
        height = max(height, 24 + width / _DETAIL_RATIO)
    return out, height
