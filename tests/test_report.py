"""The coverage report and the world map, read as text: what they show,
what they never show, and that they stand alone and are accessible.

tests/test_browser.py opens the same pages in a real browser.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import re

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import coalition_registry as cr

from coalition_registry import report, worldmap
from coalition_registry.aggregate import Cell, Row, Table
from coalition_registry.cli import run
from conftest import LATE_SIGNATURE, LATE_SIGNATURE_PATH, WriteFile


LETTER = "survivors-letter-2023"
DAY = dt.date(2026, 11, 1)

#: A name written as HTML by a stranger, quotes and all.
EVIL = '<script>alert("pwned")</script> & \'Quote\' "Co"'
#: A pseudonymous survivor's chosen name: never in any output.
PSEUDONYM = "Jane Pseudonym"
#: An organisation's name that its record marks private.
PRIVATE_NAME = "Hidden Charity Name"

SOURCE = (
    "sources:\n  - url: 'https://example.org/letter'\n    publisher: Example\n"
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def sign(write: WriteFile, signatory: str, role: str) -> None:
    write(
        f"signatures/{LETTER}/{LETTER}--{signatory}.yaml",
        f"id: {LETTER}--{signatory}\nletter: {LETTER}\n"
        f"signatory: {signatory}\nrole: {role}\n" + SOURCE,
    )


def plant(write: WriteFile) -> None:
    """A pseudonymous survivor in GB, an organisation whose name is
    private in France, and one whose name is HTML in Germany: all signed.
    """
    write(
        "people/person-7k2m9x.yaml",
        f"id: person-7k2m9x\ndisclosure: pseudonym\nname: {PSEUDONYM}\n"
        "country: GB\n" + SOURCE,
    )
    sign(write, "person-7k2m9x", "survivor")
    write(
        "organisations/org-q7w2k9.yaml",
        f"id: org-q7w2k9\nname: {PRIVATE_NAME}\nkind: charity\n"
        "hq_country: FR\nprivate: [name]\n" + SOURCE,
    )
    sign(write, "org-q7w2k9", "organisation")
    quoted = EVIL.replace("'", "''")
    write(
        "organisations/evil-org.yaml",
        f"id: evil-org\nname: '{quoted}'\nkind: charity\nhq_country: DE\n"
        + SOURCE,
    )
    sign(write, "evil-org", "organisation")


@pytest.fixture(name="registry", scope="module")
def _registry() -> cr.Registry:
    return cr.load("registry_data")


@pytest.fixture(name="page", scope="module")
def _page(registry: cr.Registry) -> str:
    return report.html_report(registry, LETTER, generated=DAY)


@pytest.fixture(name="planted")
def _planted(write: WriteFile) -> cr.Registry:
    plant(write)
    return cr.load("registry_data")


# -- reading HTML ---------------------------------------------------------------


class Outline(HTMLParser):
    """The elements of a page, as (tag, attributes) in document order, and
    its text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def tags(page: str, name: str) -> list[dict[str, str]]:
    return [a for t, a in parse(page).elements if t == name]


def headings(page: str) -> Iterator[int]:
    for tag, _ in parse(page).elements:
        if re.fullmatch(r"h[1-6]", tag):
            yield int(tag[1])


# -- the map ----------------------------------------------------------------


class TestOutlines:
    def test_every_code_is_a_country(self) -> None:
        """Each outline's code is an accepted alpha-2 code, or None."""
        codes = [o.code for o in worldmap.outlines() if o.code is not None]
        assert [] == [c for c in codes if not cr.countries.is_country(c)]
        assert len(codes) == len(set(codes))

    def test_natural_earth_quirks_are_mended(self) -> None:
        """France, Norway, Kosovo and Taiwan have outlines under their own
        codes (Natural Earth writes -99 or CN-TW).
        """
        codes = {o.code for o in worldmap.outlines()}
        assert {"FR", "NO", "XK", "TW", "GB", "BE", "NL"} <= codes

    def test_antarctica_is_left_out(self) -> None:
        """No signatory is counted in Antarctica; it is not drawn."""
        assert "AQ" not in {o.code for o in worldmap.outlines()}

    def test_outlines_lie_on_the_map(self) -> None:
        """Every outline fits in the map's frame."""
        frame = worldmap._frame()
        outside = [
            o.code
            for o in worldmap.outlines()
            if o.box[0] < -1
            or o.box[2] > worldmap.WIDTH + 1
            or o.box[1] < -1
            or o.box[3] > frame.height + 1
        ]
        assert [] == outside

    def test_missing_package_says_what_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without the geometry package, the error names the extra."""
        monkeypatch.setattr(worldmap, "_data_folder", lambda: None)
        worldmap.outlines.cache_clear()
        try:
            with pytest.raises(worldmap.GeometryMissingError) as info:
                worldmap.outlines()
            assert not worldmap.geometry_available()
        finally:
            worldmap.outlines.cache_clear()
        assert "python -m pip install 'geo-intel-offline>=1.5,<2'" in str(
            info.value
        )


def table(*rows: tuple[str | None, int, int]) -> Table:
    """A table by country from (code, organisations, individuals) rows."""

    def cells(orgs: int, people: int) -> tuple[Cell, ...]:
        return (
            Cell(orgs),
            Cell(0),
            Cell(people, people=True),
            Cell(orgs + people, people=people > 0),
        )

    body = tuple(
        Row(
            code,
            cr.countries.country_name(code) if code else "Unknown",
            cells(o, p),
        )
        for code, o, p in rows
    )
    total = Row(
        None,
        "Total",
        cells(sum(r[1] for r in rows), sum(r[2] for r in rows)),
    )
    return Table(
        title="Signatories of a letter, by country",
        by="country",
        columns=("organisations", "groups", "individuals", "signatories"),
        rows=body,
        total=total,
        rule="a rule",
        sum_column="signatories",
    )


class TestChoropleth:
    def test_shipped_countries_are_the_tables(
        self, registry: cr.Registry
    ) -> None:
        """The map shades exactly the countries of the table by country."""
        counts = cr.suppress(cr.signatory_table(registry, LETTER))
        chart = worldmap.choropleth(counts)
        expected = {
            r.key: r.cells[-1].value for r in counts.rows if r.key is not None
        }
        assert expected == {s.code: s.cell.value for s in chart.shades}
        assert "2" == chart.unknown

    def test_hidden_counts_are_hatched_never_numbered(self) -> None:
        """A suppressed country has no class, says its count is hidden (6
        is not fewer than 3: a sum that takes in a hidden count has no
        bound), and its number is in no label.
        """
        counts = cr.suppress(
            table(("GB", 4, 2), ("FR", 3, 0), ("DE", 7, 0), (None, 0, 0))
        )
        chart = worldmap.choropleth(counts)
        gb = chart.shade_of("GB")
        assert gb is not None
        assert (None, True, "hidden") == (gb.shade, gb.hidden, gb.shown)
        assert "6" not in gb.label
        svg = worldmap.map_svg(chart)
        assert 'data-country="GB" data-count="hidden"' in svg
        assert f'fill="url(#{worldmap.HATCH_ID})"' in svg
        assert "number hidden" in svg
        assert "fewer than 3 (number hidden)" not in svg
        assert "United Kingdom: 6" not in svg

    def test_map_help_quotes_the_maps_own_label(self) -> None:
        """`map --help` names a hidden country's label as the map writes
        it in the legend.
        """
        chart = worldmap.choropleth(cr.suppress(table(("GB", 0, 2))))
        (label,) = [
            x for fill, x in worldmap.legend_items(chart) if fill == "hatch"
        ]
        _, out, _ = cli("map", "--help")
        assert f'"{label}"' in out
        assert "fewer than K" not in out

    def test_a_tiny_country_gets_a_dot(self) -> None:
        """Malta is too small to see: a dot marks it, in its group."""
        svg = worldmap.map_svg(worldmap.choropleth(table(("MT", 3, 0))))
        group = svg.split('data-country="MT"', 1)[1].split("</g>", 1)[0]
        assert '<circle class="cr-dot"' in group

    def test_the_detail_panel_marks_tiny_countries(self) -> None:
        """Monaco is too small to see even zoomed: the panel drawn for it
        marks it with a dot of its own scale, hidden counts too."""
        chart = worldmap.choropleth(
            cr.suppress(table(("MC", 1, 0), ("VA", 0, 1), ("DE", 9, 0)))
        )
        panel = worldmap.detail_svg(chart)
        assert panel is not None
        fills = re.findall(r'<circle [^>]*fill="([^"]+)"', panel)
        assert 2 == len(fills)
        assert any("url(#" in f for f in fills)  # the Vatican's, hatched

    def test_a_country_without_an_outline_is_named(self) -> None:
        """Tokelau has no outline in the map data: the notes say so, with
        its count.
        """
        chart = worldmap.choropleth(table(("TK", 3, 0), ("DE", 1, 0)))
        assert ("TK",) == tuple(
            s.code for s in worldmap.missing_outlines(chart)
        )
        assert "no outline in the map data: Tokelau (3)." in " ".join(
            worldmap.notes(chart)
        )

    def test_the_summary_counts_only_what_it_shades(self) -> None:
        """Tokelau has signatories but no outline: the text alternative
        does not say it is shaded."""
        chart = worldmap.choropleth(table(("TK", 3, 0), ("DE", 1, 0)))
        assert worldmap.summary(chart).startswith(
            "2 countries have signatories, of which 1 is shaded; the others "
            "have no outline in the map data. "
        )
        chart = worldmap.choropleth(table(("FR", 3, 0), ("DE", 1, 0)))
        assert worldmap.summary(chart).startswith("2 countries are shaded. ")

    def test_no_unknown_row_no_note(self) -> None:
        """An Unknown row of 0 is not mentioned under the map."""
        chart = worldmap.choropleth(table(("DE", 7, 0), (None, 0, 0)))
        assert chart.unknown is None

    @pytest.mark.parametrize(
        ("unknown", "words"),
        [
            ((None, 1, 0), "1 signatory"),
            ((None, 5, 0), "5 signatories"),
            ((None, 0, 2), "some signatories (how many is hidden)"),
        ],
    )
    def test_unknown_row_in_words(
        self, unknown: tuple[str | None, int, int], words: str
    ) -> None:
        """The signatories with no known country are told in a sentence,
        a hidden count in words, never as "suppressed signatory(ies)".
        """
        chart = worldmap.choropleth(cr.suppress(table(("DE", 7, 0), unknown)))
        sentence = f"Not on the map: {words} without a known country."
        assert sentence == worldmap.notes(chart)[0]
        assert worldmap.summary(chart).endswith(f" {sentence}")
        assert "(ies)" not in worldmap.map_svg(chart)

    @pytest.mark.parametrize(
        ("unknown", "words"),
        [((None, 4, 0), "4 signatories"), ((None, 0, 1), "some signatories")],
    )
    def test_no_known_country_says_how_many(
        self, unknown: tuple[str | None, int, int], words: str
    ) -> None:
        """With no country to shade, the text alternative still says how
        many signatories have none (hidden when small).
        """
        chart = worldmap.choropleth(cr.suppress(table(unknown)))
        assert worldmap.summary(chart).startswith(
            f"No signatory in the records has a known country: {words}"
        )

    def test_not_by_country(self) -> None:
        """Only a table by country can be drawn."""
        region = cr.signatory_table(
            cr.load("registry_data"), LETTER, by="region"
        )
        with pytest.raises(ValueError, match="by country"):
            worldmap.choropleth(region)

    @pytest.mark.parametrize(
        ("top", "labels"),
        [
            (1, ["1"]),
            (2, ["1", "2"]),
            (5, ["1", "2", "3", "4", "5"]),
            (7, ["1", "2", "3–4", "5–7"]),
            (150, ["1", "2–4", "5–19", "20–99", "100–150"]),
        ],
    )
    def test_classes(self, top: int, labels: list[str]) -> None:
        """Classes start at 1, follow on without gaps, end at the largest
        count, and are at most five.
        """
        classes = worldmap._classes([1, top])
        assert labels == [c.label for c in classes]
        assert [c.low for c in classes[1:]] == [
            c.high + 1 for c in classes[:-1]
        ]
        assert len({c.colour for c in classes}) == len(classes)

    def test_small_countries_get_a_detail_panel(
        self, registry: cr.Registry
    ) -> None:
        """Belgium and the Netherlands are shown again, larger, under
        "Detail: Europe".
        """
        chart = worldmap.choropleth(
            cr.suppress(cr.signatory_table(registry, LETTER))
        )
        assert worldmap.detail_box(chart) is not None
        assert "Detail: Europe" == worldmap.detail_title(chart)
        assert (
            worldmap.detail_box(worldmap.choropleth(table(("CA", 3, 0))))
            is None
        )


class TestColours:
    def test_every_class_stands_out_from_empty_land(self) -> None:
        """Each colour of the scale has 3:1 contrast with land that has no
        signatory (WCAG 1.4.11), and so does the hatch of hidden counts.
        """
        for colour in (*worldmap.PALETTE, worldmap.SUPPRESSED_INK):
            assert worldmap.contrast(colour, worldmap.NO_DATA) >= 3, colour

    def test_the_scale_darkens_step_by_step(self) -> None:
        """Each step is distinctly darker than the last (1.3:1 or more), so
        the order reads without hue: colour-blind safe.
        """
        steps = [
            worldmap.contrast(a, b)
            for a, b in itertools.pairwise(worldmap.PALETTE)
        ]
        assert all(s >= 1.3 for s in steps), steps
        lum = [worldmap._luminance(c) for c in worldmap.PALETTE]
        assert lum == sorted(lum, reverse=True)

    @pytest.mark.parametrize(("text", "ground"), report.TEXT_PAIRS)
    def test_text_contrast(self, text: str, ground: str) -> None:
        """Text passes WCAG AA (4.5:1) on every background it is set on."""
        ratio = worldmap.contrast(report.COLOURS[text], report.COLOURS[ground])
        assert ratio >= 4.5

    def test_map_text_contrast(self) -> None:
        """The standalone map's text passes WCAG AA on white."""
        for colour in (worldmap.INK, worldmap.MUTED):
            assert worldmap.contrast(colour, "#ffffff") >= 4.5

    def test_legend_swatches_print(self, page: str) -> None:
        """The legend's swatches are backgrounds, which browsers leave out
        when printing unless told otherwise: a printed legend would be
        empty boxes, and the map could not be read.
        """
        css = page.split("<style>", 1)[1].split("</style>", 1)[0]
        rule = css.split(".swatch{", 1)[1].split("}", 1)[0]
        assert "print-color-adjust:exact" in rule


# -- the page ------------------------------------------------------------------


class TestContents:
    def test_the_letter_summary(self, page: str) -> None:
        """The letter's summary opens the page."""
        assert "spearheaded by a survivor" in page

    def test_title_date_and_version(self, page: str) -> None:
        """The page names the letter, the day it was made and the registry
        version it describes.
        """
        letter = "Survivors' and child safety organisations' letter"
        assert html.escape(letter) in page
        assert "Generated on 1 November 2026" in page
        assert re.search(
            r"Coalition Registry, data format 1; content [0-9a-f]{12}<",
            page,
        )

    def test_map_with_legend_and_labels(self, page: str) -> None:
        """The map is there, each shaded country labelled with its name and
        count for screen readers and pointers, with a legend.
        """
        areas = [a for a in tags(page, "g") if "cr-area" in a.get("class", "")]
        labels = {a["data-country"]: a["aria-label"] for a in areas}
        assert "United Kingdom: 2 signatories" == labels["GB"]
        assert "Canada: 1 signatory" == labels["CA"]
        assert all(a.get("role") == "img" for a in areas)
        assert "<title>United Kingdom: 2 signatories</title>" in page
        assert "Signatories in the records" in page
        assert "none in the records" in page

    def test_tables_by_country_and_region(self, page: str) -> None:
        """Both coverage tables, each country and region a row."""
        countries = [
            a["data-country"] for a in tags(page, "tr") if "data-country" in a
        ]
        assert ["GB", "AU", "BE", "CA", "GR", "NL", "TH", ""] == countries
        regions = [
            a["data-region"] for a in tags(page, "tr") if "data-region" in a
        ]
        assert ["Europe", "Americas", "Asia", "Oceania", ""] == regions

    def test_the_rules_are_stated(self, page: str) -> None:
        """Every output states the rules it applied."""
        assert (
            "Suppression: counts of people from 1 to 2 are hidden, shown as"
            in page
        )
        assert "an organisation counts in its headquarters country" in page

    def test_claims_beside_records(self, page: str) -> None:
        """The reconciliation: each claim, what the records show, and why
        they can differ.
        """
        text = "".join(parse(page).text)
        assert "signatories: survivor" in text
        assert "19+" in text
        assert "17 countries not yet covered by a record" in text

    def test_the_claimed_total_is_set_beside_a_figure_like_it(
        self, page: str
    ) -> None:
        """The claim of 104 counts a group as its members: the opening
        sentence and the first figure set beside it what the records show
        counted so (19 or more), not the 10 signatories of the tables.
        """
        text = " ".join(parse(page).text)
        assert (
            "the public records count 19 or more of them (a group counted "
            "as its members, as the claim counts), from 7 countries"
        ) in " ".join(text.split())
        figures = page[page.index('<ul class="figures">') :]
        first = figures[: figures.index("</li>")]
        assert '<span class="figure">19+</span>' in first
        assert "the letter&#x27;s sources claim 104" in first

    def test_a_lower_bound_is_said_so(self, shipped_copy: Path) -> None:
        """A claim of "over 100" (qualifier at-least) is "at least 100" in
        the opening sentence and the figures, as in the claims table, never
        a bare 100.
        """
        path = shipped_copy / "letters" / f"{LETTER}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(
                "    value: 104\n    qualifier: exact",
                "    value: 100\n    qualifier: at-least",
                1,
            ),
            encoding="utf-8",
        )
        page = report.html_report(cr.load("registry_data"), LETTER)
        assert "Its sources say at least 100 signatories" in page
        assert "the letter&#x27;s sources claim at least 100" in page
        assert "say 100 signatories" not in page

    def test_said_once_under_the_map(self, page: str) -> None:
        """The signatories with no known country are told in the map's
        summary, and not again in the notes under it."""
        caption = page.split("<figcaption", 1)[1].split("</figcaption>", 1)[0]
        assert 1 == caption.count("Not on the map: 2 signatories")

    def test_captions_read(self, page: str) -> None:
        assert "signed that signed" not in page
        assert (
            "<caption>Organisations, with the source that reports each "
            "signature</caption>"
        ) in page

    def test_organisations_with_their_sources(self, page: str) -> None:
        """The organisations that signed, each linked to its source."""
        assert "Barnardo&#x27;s" in page
        links = [a["href"] for a in tags(page, "a") if "href" in a]
        assert any("childhelplineinternational.org" in h for h in links)

    def test_a_name_written_right_to_left_is_isolated(self) -> None:
        """A Hebrew name ending with a bracket, in a page written left to
        right, showed the bracket on the wrong side of the name.
        """
        name = (
            "\u05e2\u05de\u05d5\u05ea\u05ea "
            "\u05d9\u05dc\u05d3\u05d9\u05dd (2020)"
        )
        org = cr.Organisation(id="example-amuta", name=name, hq_country="IL")
        registry = cr.Registry(
            [
                cr.Letter(id="l", title="L"),
                org,
                cr.Signature(
                    id="l--example-amuta",
                    letter="l",
                    signatory="example-amuta",
                    role="organisation",
                ),
            ]
        )
        page = report.html_report(registry, "l", generated=DAY)
        assert f'<th scope="row"><bdi>{name}</bdi></th>' in page

    def test_a_signature_for_an_organisation_says_so(
        self, write: WriteFile
    ) -> None:
        """The role cell names the organisation signed for: by its name,
        or by its id when its name is private.
        """
        plant(write)
        write(
            f"signatures/{LETTER}/{LETTER}--evil-org.yaml",
            f"id: {LETTER}--evil-org\nletter: {LETTER}\n"
            "signatory: evil-org\nrole: organisation\n"
            "capacity: on-behalf-of\non_behalf_of: barnardos\n" + SOURCE,
        )
        write(
            f"signatures/{LETTER}/{LETTER}--eurochild.yaml",
            f"id: {LETTER}--eurochild\nletter: {LETTER}\n"
            "signatory: eurochild\nrole: organisation\n"
            "capacity: on-behalf-of\non_behalf_of: org-q7w2k9\n" + SOURCE,
        )
        page = report.html_report(cr.load("registry_data"), LETTER)
        # Each name isolated from the words around it, as the signatory's.
        assert (
            "<td>organisation, on behalf of <bdi>Barnardo&#x27;s</bdi></td>"
            in page
        )
        assert (
            "<td>organisation, on behalf of <bdi>org-q7w2k9</bdi></td>" in page
        )
        assert PRIVATE_NAME not in page

    def test_right_to_left_title_and_publisher_are_isolated(self) -> None:
        """A Hebrew or Arabic title or publisher takes the words and
        punctuation around it into its direction unless isolated."""
        records = [
            cr.Organisation(id="p", name="\u05de\u05e8\u05db\u05d6 (2025)"),
            cr.Letter(
                id="l",
                title="\u0631\u0633\u0627\u0644\u0629 (2025)",
                date=dt.date(2025, 1, 2),
                publisher="p",
            ),
        ]
        page = report.html_report(
            cr.Registry(records), "l", generated=DAY, include_map=False
        )
        assert (
            "<h1><bdi>\u0631\u0633\u0627\u0644\u0629 (2025)</bdi></h1>" in page
        )
        assert "by <bdi>\u05de\u05e8\u05db\u05d6 (2025)</bdi>." in page

    @pytest.mark.parametrize(
        ("date", "qualifier", "said"),
        [
            (dt.date(2025, 1, 2), "exact", "Published on 2 January 2025."),
            (cr.PartialDate(2025, 1), "exact", "Published in January 2025."),
            (cr.PartialDate(2025), "exact", "Published in 2025."),
            (
                cr.PartialDate(2025, 1),
                "inferred",
                "Published in January 2025 (a date inferred from coverage).",
            ),
        ],
    )
    def test_the_date_is_said_as_closely_as_it_is_known(
        self, date: dt.date | cr.PartialDate, qualifier: str, said: str
    ) -> None:
        records = [
            cr.Letter(id="l", title="L", date=date, date_qualifier=qualifier)
        ]
        page = report.html_report(
            cr.Registry(records), "l", generated=DAY, include_map=False
        )
        assert said in page

    def test_a_private_date_qualifier_is_not_said(self) -> None:
        records = [
            cr.Letter(
                id="l",
                title="L",
                date=cr.PartialDate(2025, 1),
                date_qualifier="inferred",
                private=("date_qualifier",),
            )
        ]
        page = report.html_report(
            cr.Registry(records), "l", generated=DAY, include_map=False
        )
        assert "Published in January 2025." in page
        assert "inferred" not in page

    def test_without_the_map(self, registry: cr.Registry) -> None:
        """--no-map: the same page, no map, and no geometry needed."""
        page = report.html_report(
            registry, LETTER, generated=DAY, include_map=False
        )
        assert "<svg" not in page
        assert 'data-country="GB"' in page


class TestStandsAlone:
    def test_nothing_is_fetched(self, page: str) -> None:
        """No script, stylesheet, font, image or frame is loaded: the only
        addresses are the links a reader may follow.
        """
        assert [] == [
            (t, a)
            for t, a in parse(page).elements
            if t in {"script", "link", "img", "iframe", "object", "embed"}
            or "src" in a
            or "srcset" in a
            or ("href" in a and t not in {"a", "use"})
        ]
        assert "@import" not in page
        assert not re.search(r"url\((?!#)", page)
        uses = [a["href"] for a in tags(page, "use")]
        assert all(h.startswith("#") for h in uses)

    def test_the_browser_may_fetch_nothing(self, page: str) -> None:
        """The page's Content-Security-Policy forbids any fetch."""
        meta = [
            a
            for a in tags(page, "meta")
            if a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert 1 == len(meta)
        assert meta[0]["content"].startswith("default-src 'none'")

    @pytest.mark.parametrize(
        "url",
        ["javascript:alert(1)", "data:text/html,x", "  javascript:x", "//x"],
    )
    def test_only_web_links(self, url: str) -> None:
        """A source address is linked only when it is http or https."""
        assert "href" not in report._link(url, "x")


class TestPrivacy:
    def test_names_that_must_not_appear(self, planted: cr.Registry) -> None:
        """A pseudonym and a private organisation name appear nowhere: not
        in the page, not on the map.
        """
        page = report.html_report(planted, LETTER, generated=DAY)
        svg = report.svg_map(planted, LETTER)
        for text in (page, svg):
            assert PSEUDONYM not in text
            assert html.escape(PSEUDONYM) not in text
            assert PRIVATE_NAME not in text
        assert "Name not published" in page
        assert "Some signatories who are not public are counted" in (page)

    def test_a_private_field_of_the_letter(self, shipped_copy: Path) -> None:
        """A letter's summary marked private is not shown."""
        path = shipped_copy / "letters" / f"{LETTER}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8") + "private: [summary]\n",
            encoding="utf-8",
        )
        page = report.html_report(cr.load("registry_data"), LETTER)
        assert "spearheaded by a survivor" not in page
        assert 'class="letter-summary"' not in page

    def test_a_hidden_count_stays_hidden(self, planted: cr.Registry) -> None:
        """The survivor makes the UK a count of people below 3: its count
        is hidden on the map and in the table, never shown.
        """
        page = report.html_report(planted, LETTER, generated=DAY)
        labels = {
            a["data-country"]: a
            for a in tags(page, "g")
            if "cr-area" in a.get("class", "")
        }
        assert "hidden" == labels["GB"]["data-count"]
        label = labels["GB"]["aria-label"]
        assert label.startswith("United Kingdom: number of signatories hidden")
        assert "United Kingdom: 3" not in page
        row = page.split('<tr data-country="GB">')[1].split("</tr>")[0]
        # The one survivor hides the total too, so the count has no bound.
        assert "hidden" in row
        assert "&lt;3" not in row
        # The total of signatories takes the survivor in: it is hidden,
        # and 11 is not "fewer than 3".
        assert "count <strong>some of them</strong>" in page
        assert "fewer than 3 of them" not in page
        assert ">3<" not in row

    def test_withdrawals_of_people_uncounted_when_totals_hidden(
        self,
    ) -> None:
        """A letter whose tables hide their totals of people (one anonymous
        signatory) gives no count of the withdrawn signatures of people who
        are not public, as its export gives none: 3 or 4 withdrawn read
        the same.
        """
        pages = []
        for withdrawn in (3, 4):
            people = [f"person-{n}k7q2x" for n in range(withdrawn + 1)]
            records = [
                cr.Letter(id="l", title="L"),
                cr.Organisation(id="o", name="Example Org", hq_country="GB"),
                cr.Signature(
                    id="l--o", letter="l", signatory="o", role="organisation"
                ),
                *(
                    cr.Person(id=p, disclosure="anonymous", country="IE")
                    for p in people
                ),
                *(
                    cr.Signature(
                        id=f"l--{p}",
                        letter="l",
                        signatory=p,
                        role="survivor",
                        status="active" if n == 0 else "withdrawn",
                    )
                    for n, p in enumerate(people)
                ),
            ]
            registry = cr.Registry(records)
            assert "some signatures of people who are not public" in (
                " ".join(cr.export(registry, "l").notes())
            )
            page = report.html_report(
                registry, "l", generated=DAY, include_map=False
            )
            assert "Some signatures of people who are not public are " in page
            pages.append(re.sub(r"content [0-9a-f]{12}", "", page))
        assert pages[0] == pages[1]

    def test_html_in_a_name_is_text(self, planted: cr.Registry) -> None:
        """A name written as HTML is escaped, quotes included."""
        page = report.html_report(planted, LETTER, generated=DAY)
        assert "<script>" not in page
        assert html.escape(EVIL, quote=True) in page
        assert [] == tags(page, "script")


class TestSmallCountsOfPeople:
    def test_one_or_two_people_read_the_same(self, write: WriteFile) -> None:
        """One or two anonymous survivors with no known country: the map,
        the key figures, the tables and the list of signatories read the
        same, so no count below the threshold can be worked out.
        """
        pages = []
        for n in (1, 2):
            write(
                f"people/person-{n}x7q2k.yaml",
                f"id: person-{n}x7q2k\ndisclosure: anonymous\n" + SOURCE,
            )
            sign(write, f"person-{n}x7q2k", "survivor")
            page = report.html_report(
                cr.load("registry_data"), LETTER, generated=DAY
            )
            # The claims' reasons are reconcile's; the version changes with
            # any file.
            page = re.sub(
                r'<section aria-labelledby="claims">.*?</section>', "", page
            )
            pages.append(re.sub(r"content [0-9a-f]{12}", "", page))
        assert pages[0] == pages[1]
        # 1 or 2 people beside groups: their sum has no bound to show.
        assert "some signatories have no known country" in pages[0]


class TestKeyFigures:
    def test_one_signatory_with_no_known_country(self) -> None:
        """The key figure under the organisations reads in the singular."""
        records = [
            cr.Letter(id="l", title="L"),
            cr.Organisation(id="o1", name="Example Org One", hq_country="GB"),
            cr.Organisation(id="o2", name="Example Org Two"),
            *(
                cr.Signature(
                    id=f"l--{o}", letter="l", signatory=o, role="organisation"
                )
                for o in ("o1", "o2")
            ),
        ]
        page = report.html_report(
            cr.Registry(records), "l", generated=DAY, include_map=False
        )
        assert "1 signatory has no known country" in page
        assert "1 signatories" not in page


class TestAccessibility:
    def test_one_h1_and_no_skipped_level(self, page: str) -> None:
        """Headings go h1, h2, h3 without skipping a level."""
        levels = list(headings(page))
        assert 1 == levels.count(1)
        assert 1 == levels[0]
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))

    def test_language_and_title(self, page: str) -> None:
        """The page says its language and has a title."""
        assert '<html lang="en">' in page
        assert "<title>Coverage report: " in page

    def test_map_has_a_text_alternative(self, page: str) -> None:
        """The map has a title, and its figure a description that gives
        every count, once (a description in the map as well was read
        twice), and points to the table behind it.
        """
        svg = page[page.index("<svg") : page.index("</svg>")]
        assert '<title id="m-cr-map-title">' in svg
        assert 'aria-labelledby="m-cr-map-title"' in svg
        assert "<desc" not in svg
        figure = re.search(r'<figure [^>]*aria-describedby="([^"]+)"', page)
        assert figure is not None
        described = re.search(
            rf'<p id="{figure.group(1)}"[^>]*>(.*?)</p>', page, re.DOTALL
        )
        assert described is not None
        assert "United Kingdom: 2 signatories" in described.group(1)
        assert 'href="#by-country"' in page
        assert 'id="by-country"' in page

    def test_a_map_of_its_own_describes_itself(self) -> None:
        """The map as a file of its own (map) has its description."""
        svg = worldmap.map_svg(worldmap.choropleth(table(("GB", 2, 0))))
        desc = re.search(r'<desc id="cr-map-desc">(.*?)</desc>', svg)
        assert desc is not None
        assert "United Kingdom: 2 signatories" in desc.group(1)
        assert 'aria-labelledby="cr-map-title cr-map-desc"' in svg

    def test_tables_have_captions_and_header_scopes(self, page: str) -> None:
        """Every table has a caption, and every header cell a scope."""
        assert page.count("<table") == page.count("<caption>")
        assert [] == [a for a in tags(page, "th") if "scope" not in a]

    def test_every_scrolling_region_is_named(self, page: str) -> None:
        """A focusable scrolling region has a name for screen readers."""
        regions = [a for a in tags(page, "div") if a.get("role") == "region"]
        assert regions
        assert all(a.get("aria-label") for a in regions)


def spoken(fragment: str) -> str:
    """The text of an HTML fragment that a screen reader reads: without
    what is hidden from it (``aria-hidden``, never nested here).
    """
    shown = re.sub(r'<(\w+) aria-hidden="true"[^>]*>.*?</\1>', "", fragment)
    return "".join(parse(shown).text)


def css(page: str) -> str:
    return page.split("<style>", 1)[1].split("</style>", 1)[0]


class TestReadAloud:
    def test_a_count_below_the_threshold_is_said_in_words(self) -> None:
        """A hidden count shown as <3 is read "fewer than 3": a screen
        reader reads "<3" as "less 3" or skips it, and the abbreviation's
        title only on request.
        """
        cell = Cell(2, suppressed=True, threshold=3, people=True, bounded=True)
        html_cell = report._cell(cell)
        assert "&lt;3" in html_cell
        assert "fewer than 3" in spoken(html_cell)
        assert "<3" not in spoken(html_cell)
        assert "3" not in spoken(html_cell).replace("fewer than 3", "")

    def test_a_link_skips_the_maps_countries(self, page: str) -> None:
        """Each shaded country is a stop for the keyboard, largest first:
        a link before them goes past them all, to the table of the same
        figures."""
        skip = page.index('<a class="skip" href="#by-country">')
        assert skip < page.index('tabindex="0" data-country=')
        assert 'id="by-country"' in page[skip:]
        # Seen when it has the focus, as any link is: hidden only without it.
        assert ".skip:not(:focus){" in page

    def test_caption_of_one_country(self) -> None:
        """The table by country's caption reads in the singular."""
        records = [
            cr.Letter(id="l", title="L"),
            cr.Organisation(id="o1", name="Example Org One", hq_country="GB"),
            cr.Signature(
                id="l--o1", letter="l", signatory="o1", role="organisation"
            ),
        ]
        page = report.html_report(
            cr.Registry(records), "l", generated=DAY, include_map=False
        )
        assert "(1 country and Unknown)</caption>" in page
        assert "1 countries" not in page

    @pytest.mark.parametrize(("rings", "ground"), report.FOCUS_PAIRS)
    def test_focus_indicator_contrast(
        self, rings: tuple[str, ...], ground: str, page: str
    ) -> None:
        """The focus indicator has 3:1 contrast with the background it is
        drawn on (WCAG 1.4.11), by one of its two rings.
        """
        best = max(
            worldmap.contrast(report.COLOURS[r], report.COLOURS[ground])
            for r in rings
        )
        assert best >= 3
        rule = css(page).split(":focus-visible{", 1)[1].split("}", 1)[0]
        for ring in rings:
            assert report.COLOURS[ring] in rule

    @pytest.mark.parametrize("ground", ["paper", "band"])
    def test_a_swatch_has_an_edge_that_shows(
        self, ground: str, page: str
    ) -> None:
        """The swatch of land with no signatory is nearly the page's
        colour: its edge has 3:1 contrast with the page (WCAG 1.4.11)."""
        edge = report.COLOURS["swatch-edge"]
        assert worldmap.contrast(edge, report.COLOURS[ground]) >= 3
        rule = css(page).split(".swatch{", 1)[1].split("}", 1)[0]
        assert f"inset 0 0 0 1px {edge}" in rule

    @pytest.mark.parametrize(
        "ground",
        [
            *worldmap.PALETTE,
            # A hidden count's hatch is stripes of NO_DATA and a grey.
            worldmap.NO_DATA,
            worldmap.BORDER,
            worldmap.OCEAN,
        ],
    )
    def test_a_focused_country_has_a_ring_that_shows_on_any_fill(
        self, ground: str
    ) -> None:
        """One of the map's two focus colours has 3:1 contrast with each
        fill a country, or its neighbour, can have (WCAG 1.4.11); the dark
        ink alone has 1.05:1 on the darkest."""
        best = max(
            worldmap.contrast(ring, ground)
            for ring in (worldmap.FOCUS, worldmap.INK)
        )
        assert best >= 3
        assert worldmap.contrast(worldmap.FOCUS, worldmap.INK) >= 3

    def test_a_focused_country_is_ringed_with_its_own_outline(self) -> None:
        """Each shaded country carries a ring of its own outline, shown
        in the focus colour while it has the focus."""
        svg = worldmap.map_svg(
            worldmap.choropleth(table(("FR", 3, 0), ("KE", 12, 0)))
        )
        for code in ("FR", "KE"):
            area = svg.split(f'data-country="{code}" data-count', 1)[1]
            area = area.split("</g>", 1)[0]
            outline = re.findall(
                r'<path class="cr-(country|ring)"[^>]* d="([^"]+)"', area
            )
            assert ["country", "ring"] == [kind for kind, _ in outline]
            assert outline[0][1] == outline[1][1]
        style = svg.split("<style>", 1)[1].split("</style>", 1)[0]
        rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", style))
        assert "display:inline" in rules[".cr-area:focus .cr-ring"]
        assert f"stroke:{worldmap.FOCUS}" in rules[".cr-ring"]

    def test_a_tiny_country_shows_its_focus(self) -> None:
        """Malta is seen by its dot alone: the dot changes when Malta has
        the focus.
        """
        svg = worldmap.map_svg(worldmap.choropleth(table(("MT", 3, 0))))
        style = svg.split("<style>", 1)[1].split("</style>", 1)[0]
        rules = re.findall(r"([^{}]+)\{([^}]*)\}", style)
        assert any(
            ".cr-area:focus .cr-dot" in selector and "stroke-width" in body
            for selector, body in rules
        )

    def test_the_standalone_map_says_its_language(self) -> None:
        """A map published as a file of its own says it is in English."""
        svg = worldmap.map_svg(worldmap.choropleth(table(("FR", 3, 0))))
        root = svg.split(">", 1)[0]
        assert ' lang="en"' in root
        assert ' xml:lang="en"' in root

    def test_wide_tables_print_whole(self, page: str) -> None:
        """Printed, a table wider than the page is not cut at the edge of
        its scrolling box.
        """
        printed = css(page).split("@media print{", 1)[1]
        assert ".scroll{overflow:visible}" in printed

    def test_a_long_name_breaks(self, page: str) -> None:
        """A signatory's name with no space in it wraps, rather than
        widening the list far past a phone's screen.
        """
        assert ".list bdi{overflow-wrap:anywhere}" in css(page)


class TestRegistryVersion:
    def test_changes_with_any_file(
        self, write: WriteFile, shipped_copy: Path
    ) -> None:
        """Editing any file gives another version."""
        before = report.registry_version(cr.load("registry_data"))
        path = shipped_copy / "organisations" / "barnardos.yaml"
        path.write_text(path.read_text() + "# edited\n")
        after = report.registry_version(cr.load("registry_data"))
        assert before != after

    def test_each_file_is_read_once_and_named_from_the_root(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The page gives the version twice, and each time read every file
        of the registry, which took most of the time of a report of a
        registry of many files: it reads each once.  The fingerprint is
        the same as ever: each file's path from the root, and its bytes.
        """
        import hashlib
        import os

        registry = cr.load("registry_data")
        digest = hashlib.sha256()
        paths = sorted(
            {r.location.path for c in registry._collections() for r in c}
            | {registry.info.location.path}  # type: ignore[union-attr]
        )
        for path in paths:
            name = os.path.relpath(path, "registry_data").replace(os.sep, "/")
            data = Path(path).read_bytes()
            digest.update(name.encode() + b"\0" + data + b"\0")
        opened: list[str] = []

        def counted(path: str, *args: Any) -> Any:
            opened.append(path)
            return open(path, *args)

        monkeypatch.setattr(report, "open", counted, raising=False)
        page = report.html_report(
            registry, "survivors-letter-2023", include_map=False
        )
        assert sorted(opened) == paths
        assert f"content {digest.hexdigest()[:12]}" in page

    def test_in_memory(self) -> None:
        """A registry built in memory has no files to fingerprint."""
        assert "unknown" == report.registry_version(cr.Registry([]))


class TestCommands:
    def test_report(self, shipped_copy: Path) -> None:
        """`report` writes the page and says where."""
        code, out, err = cli("report", "registry_data", "--out", "r.html")
        assert (0, "wrote r.html\n", "") == (code, out, err)
        page = (shipped_copy.parent / "r.html").read_text(encoding="utf-8")
        assert page.startswith("<!doctype html>")
        assert page.rstrip().endswith("</html>")

    @pytest.mark.parametrize("command", ["report", "map", "schema"])
    def test_o_is_short_for_out(
        self, shipped_copy: Path, command: str
    ) -> None:
        code, out, _ = cli(command, "-o", "short.out")
        assert 0 == code
        assert out.startswith("wrote short.out")
        assert (shipped_copy.parent / "short.out").exists()

    def test_map(self, shipped_copy: Path) -> None:
        """`map` writes a standalone SVG with its title, legend and rules."""
        code, out, _ = cli("map", "--out", "m.svg")
        assert (0, "wrote m.svg\n") == (code, out)
        svg = (shipped_copy.parent / "m.svg").read_text(encoding="utf-8")
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert "Signatories in the records" in svg
        assert "Suppression: counts of people" in svg
        assert "Detail: Europe" in svg

    def test_on_a_day(self, shipped_copy: Path) -> None:
        """`--on` draws the letter as it stood that day: before a
        signature added since, the map differs from today's.
        """
        late = shipped_copy / LATE_SIGNATURE_PATH
        late.write_text(LATE_SIGNATURE, encoding="utf-8")
        _, today, _ = cli("map", "--out", "-")
        _, then, _ = cli("map", "--out", "-", "--on", "2023-09-18")
        late.unlink()
        _, before, _ = cli("map", "--out", "-")
        # The same countries and counts as before it, and the day said.
        assert "Counted as of 2023-09-18." in then
        assert _shaded(then) == _shaded(before)
        assert _shaded(today) != _shaded(then)

    def test_the_report_says_the_day_it_counts(
        self, shipped_copy: Path
    ) -> None:
        cli("report", "--out", "today.html", "--no-map")
        cli("report", "--out", "then.html", "--no-map", "--on", "2023-09-18")
        today = (shipped_copy.parent / "today.html").read_text("utf-8")
        then = (shipped_copy.parent / "then.html").read_text("utf-8")
        assert "ounted as of" not in today
        assert "counted as of 18 September 2023" in then
        assert "<dt>Counted as of</dt>" in then

    def test_standard_output(self, shipped_copy: Path) -> None:
        """`--out -` writes to standard output."""
        code, out, _ = cli("map", "--out", "-")
        assert 0 == code
        assert out.startswith("<svg")

    def test_unwritable(self, shipped_copy: Path) -> None:
        """A file that cannot be written is a usage error."""
        code, _, err = cli("report", "--out", "no/such/folder/r.html")
        assert 2 == code
        assert "cannot write no/such/folder/r.html" in err

    def test_invalid_registry(self, write: WriteFile) -> None:
        """A registry with errors: its problems, exit 1, no page."""
        write("organisations/bad.yaml", "id: bad\nname: Bad\nhq_country: UK\n")
        code, out, _ = cli("report", "--out", "r.html")
        assert 1 == code
        assert "unknown-country" in out
        assert not Path("r.html").exists()

    def test_missing_geometry(
        self, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without the 'report' extra: a clear message, exit 2, and
        --no-map still works.
        """
        monkeypatch.setattr(worldmap, "_data_folder", lambda: None)
        worldmap.outlines.cache_clear()
        try:
            code, _, err = cli("report", "--out", "r.html")
            assert 2 == code
            assert "python -m pip install 'geo-intel-offline>=1.5,<2'" in err
            assert "--no-map" in err
            assert (2, 0) == (
                cli("map")[0],
                cli("report", "--no-map", "--out", "r.html")[0],
            )
        finally:
            worldmap.outlines.cache_clear()


def _shaded(svg: str) -> list[tuple[str, str]]:
    """The countries a map shades, with the counts it gives them."""
    return re.findall(r'data-country="(\w+)" data-count="([^"]+)"', svg)
