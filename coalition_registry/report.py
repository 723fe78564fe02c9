"""The coverage report: one self-contained HTML page about one letter.

The page holds a world map shading each country by its number of
signatories (:mod:`coalition_registry.worldmap`), the coverage tables by
country and by region, the letter's claims beside the records, the
signatories that may be listed, and when and from which registry it was
made.  It opens from disk with no network at all: no font, script, style
or picture comes from elsewhere, and its Content-Security-Policy forbids
the browser to fetch any.

It publishes only what the registry's other outputs publish:

- counts of people below the threshold are hidden, on the map and in the
  tables, by :func:`coalition_registry.suppress`, and the page states the
  rule;
- only organisations, groups and public people are listed
  (:func:`coalition_registry.export`); people who are not public are
  counted, never named;
- a field a record marks private is never shown;
- every text from the registry is escaped, so a name written as HTML is
  shown as text.

>>> page = html_report(load("registry_data"), "survivors-letter-2023",
...                    generated=dt.date(2026, 11, 1))
>>> "<svg" in page, "Generated on 1 November 2026" in page
(True, True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import urllib.parse

from collections.abc import Iterable
from typing import Any, Final

import attrs

from . import worldmap
from ._version import __version__
from .aggregate import (
    Cell,
    Table,
    counted_as_of,
    country_summary,
    coverage,
    signatory_table,
)
from .exports import export
from .model import Letter, PartialDate
from .reconciliation import (
    BOUND_NOTE,
    Line,
    Reconciliation,
    difference_text,
    reconcile,
)
from .registry import Registry, day_of
from .render import html_text
from .suppression import DEFAULT_THRESHOLD, is_small, published


__all__ = [
    "COLOURS",
    "html_report",
    "registry_version",
]

#: The page's colours: text, muted text, links, the masthead and its text.
#: Each pair the page sets on top of the other passes WCAG AA (4.5:1);
#: tests check it.
COLOURS: Final = {
    "ink": "#1f2933",
    "muted": "#52606d",
    "link": "#165298",
    "paper": "#ffffff",
    "band": "#f5f7fa",
    "masthead": "#101d42",
    "masthead-ink": "#ffffff",
    "masthead-muted": "#c4cde0",
    "rule": "#d9dee5",
    "focus": "#f2b705",
    "focus-ring": "#1f2933",
    # The edge of a legend's swatch: 3:1 on the page (WCAG 1.4.11), so that
    # the light swatch of land with no signatory can be told from the page.
    "swatch-edge": "#7b8794",
}

#: Pairs of (focus indicator, background) colours; one of the two rings
#: of the focus indicator has 3:1 contrast with each (WCAG 1.4.11): the
#: yellow alone has 1.8:1 on white.
FOCUS_PAIRS: Final = (
    (("focus", "focus-ring"), "paper"),
    (("focus", "focus-ring"), "band"),
    (("focus", "focus-ring"), "masthead"),
)

#: Pairs of (text, background) colours the page uses.
TEXT_PAIRS: Final = (
    ("ink", "paper"),
    ("muted", "paper"),
    ("link", "paper"),
    ("ink", "band"),
    ("muted", "band"),
    ("link", "band"),
    ("masthead-ink", "masthead"),
    ("masthead-muted", "masthead"),
)

_CSP: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


_e: Final = html_text


def _not_in(said: str, notes: list[str]) -> list[str]:
    """*notes* but those *said* already (the map's summary, just above)."""
    return [note for note in notes if note not in said]


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- the registry's version ------------------------------------------------


def _files(registry: Registry) -> list[str]:
    records: Iterable[Any] = (
        *registry.letters,
        *registry.organisations,
        *registry.people,
        *registry.groups,
        *registry.signatures,
        *registry.coalitions,
    )
    paths = {r.location.path for r in records}
    if registry.info is not None:
        paths.add(registry.info.location.path)
    return sorted(p for p in paths if p and not p.startswith("<"))


def registry_version(registry: Registry) -> str:
    """Which registry, and which state of it, a report describes: its name,
    data format, and a fingerprint of its files' contents (the first 12
    hex digits of a SHA-256 over each file's path, relative to the
    registry's root, and bytes).  Any change to any file changes it.
    """
    info = registry.info
    parts = []
    if info is not None:
        parts.append(f"{info.name}, data format {info.schema_version}")
    paths = _files(registry)
    if paths:
        root = (
            os.path.dirname(info.location.path)
            if info is not None
            else os.path.commonpath(paths)
        )
        digest = hashlib.sha256()
        # Each folder's path relative to the root, worked out once: for
        # each of a registry's 200,000 files, it took longer than reading.
        folders: dict[str, str] = {}
        try:
            for path in paths:
                with open(path, "rb") as f:
                    data = f.read()
                folder, base = os.path.split(path)
                where = folders.get(folder)
                if where is None:
                    where = folders[folder] = os.path.relpath(
                        folder or os.curdir, root
                    ).replace(os.sep, "/")
                name = base if where == "." else f"{where}/{base}"
                digest.update(name.encode() + b"\0" + data + b"\0")
        except OSError:
            pass
        else:
            # Not how many files: one more person who is not public is one
            # or two more files, a count the tables hide.
            parts.append(f"content {digest.hexdigest()[:12]}")
    return "; ".join(parts) or "unknown"


# -- pieces -------------------------------------------------------------------


def _cell(cell: Cell) -> str:
    if cell.suppressed:
        return _hidden(cell.threshold if cell.bounded else None)
    return "unknown" if cell.value is None else str(cell.value)


def _cell_words(cell: Cell) -> str:
    """A count in a sentence: itself, or, hidden, "fewer than k" when it
    is known to be below *k*, else "some".
    """
    if not cell.suppressed:
        return str(cell.value)
    return f"fewer than {cell.threshold}" if cell.bounded else "some"


def _hidden(below: int | None) -> str:
    """A hidden figure: ``<k`` when it is known to be below *k*, with
    "fewer than k" for screen readers.
    """
    if below is None:
        return (
            '<abbr title="hidden to protect the people counted">hidden</abbr>'
        )
    # Screen readers read a title only on request, and "<3" as "less 3"
    # or not at all: the words are the text, the sign only seen.
    return (
        f'<abbr title="fewer than {below}: hidden to protect the people '
        f'counted"><span aria-hidden="true">&lt;{below}</span>'
        f'<span class="visually-hidden">fewer than {below}</span></abbr>'
    )


def _safe_url(url: str) -> str | None:
    """*url* when it is a web address; never ``javascript:`` and the like."""
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


def _link(url: str | None, text: str) -> str:
    safe = _safe_url(url) if url else None
    if safe is None:
        return _e(text) if url else ""
    return f'<a href="{_e(safe)}" rel="noopener noreferrer">{_e(text)}</a>'


def _host(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _notes(notes: Iterable[str]) -> str:
    items = "".join(f"<li>{_e(n[0].upper() + n[1:])}</li>" for n in notes)
    return f'<ul class="notes">{items}</ul>' if items else ""


def _table(table: Table, *, caption: str, head: str, rows_attr: str) -> str:
    """A coverage table as HTML, its rule and notes under it."""
    cols = "".join(
        f'<th scope="col" class="num">{_e(c)}</th>' for c in table.columns
    )
    body = []
    for row in table.rows:
        attr = (
            f' {rows_attr}="{_e(row.key)}"'
            if row.key is not None
            else f' {rows_attr}=""'
        )
        sums = table.columns.index(table.sum_column or table.columns[-1])
        cells = "".join(
            f'<td class="num"{" data-sum" if i == sums else ""}>'
            f"{_cell(c)}</td>"
            for i, c in enumerate(row.cells)
        )
        body.append(
            f'<tr{attr}><th scope="row">{_e(row.label)}</th>{cells}</tr>'
        )
    total = "".join(
        f'<td class="num">{_cell(c)}</td>' for c in table.total.cells
    )
    return (
        '<div class="scroll" role="region" tabindex="0" '
        f'aria-label="{_e(caption)}">'
        f"<table><caption>{_e(caption)}</caption>"
        f'<thead><tr><th scope="col">{_e(head)}</th>{cols}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody>"
        f'<tfoot><tr><th scope="row">Total</th>{total}</tr></tfoot>'
        "</table></div>"
    )


def _reconciliation(rec: Reconciliation) -> str:
    rows = []
    for line in rec.lines:
        computed = _line_figure(line, rec.threshold)[0]
        difference = (
            _hidden(None) if line.suppressed else _e(difference_text(line))
        )
        reasons = "".join(f"<li>{_e(r)}</li>" for r in line.reasons)
        sources = " ".join(
            _link(s.url, s.publisher or _host(s.url))
            for s in line.claim.sources
        )
        rows.append(
            f'<tr><th scope="row">{_e(line.label)}</th>'
            f'<td class="num">{_e(line.claim.stated)}</td>'
            f'<td class="num">{computed}</td>'
            f'<td class="num">{difference}</td>'
            f'<td><ul class="reasons">{reasons}</ul></td>'
            f"<td>{sources}</td></tr>"
        )
    caption = "Each figure the letter's sources state, beside the records"
    return (
        '<div class="scroll" role="region" tabindex="0" '
        f'aria-label="{_e(caption)}">'
        f"<table><caption>{_e(caption)}</caption>"
        '<thead><tr><th scope="col">Claim</th>'
        '<th scope="col" class="num">Claimed</th>'
        '<th scope="col" class="num">Records show</th>'
        '<th scope="col" class="num">Difference</th>'
        '<th scope="col">Why they can differ</th>'
        '<th scope="col">Source</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _few(n: int, threshold: int) -> str:
    """*n*, or "Fewer than K" when it is a small count of people."""
    return f"Fewer than {threshold}" if is_small(n, threshold) else str(n)


def _unlisted(text: str) -> str:
    """A sentence about signatories who are counted but not listed."""
    return f'<p class="unlisted">{_e(text)}</p>'


def _role(registry: Registry, row: dict[str, str]) -> str:
    """The role of an exported row, as HTML, with the organisation signed
    for (by its name, or its id when the name is private), so that a
    signature for an organisation does not read as one in the signatory's
    own name.
    """
    for_id = row["on_behalf_of"]
    if not for_id:
        return _e(row["role"])
    org = registry.organisations.get(for_id)
    name = for_id if org is None or "name" in org.private else org.name
    role = f"{row['role']}, " if row["role"] else ""
    # Isolated, as the signatory's own name is: a Hebrew or Arabic name
    # would otherwise take the words around it into its direction.
    return f"{_e(role)}on behalf of <bdi>{_e(name)}</bdi>"


def _signatories(
    registry: Registry,
    letter_id: str,
    on: dt.date | None,
    threshold: int,
) -> str:
    """The signatories that may be listed; people who are not public, and
    withdrawn signatures, only as counts, hidden when small.
    """
    data = export(registry, letter_id, on=on, threshold=threshold)
    out = []
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in data.rows:
        by_kind.setdefault(row["kind"], []).append(row)
    headings = {
        "organisation": "Organisations",
        "group": "Groups",
        "person": "People who signed publicly",
    }
    for kind, heading in headings.items():
        rows = by_kind.get(kind, [])
        if not rows:
            continue
        # Each name isolated (<bdi>): a Hebrew or Arabic name ending with
        # a bracket or a number would otherwise show them on its wrong side.
        body = "".join(
            "<tr>"
            f'<th scope="row"><bdi>{_e(r["name"] or "Name not published")}'
            "</bdi></th>"
            f"<td>{_e(r['country_name'] or 'Unknown')}</td>"
            f"<td>{_role(registry, r)}</td>"
            f"<td>{_link(r['source'], _host(r['source'])) or '—'}</td>"
            "</tr>"
            for r in rows
        )
        out.append(
            f'<h3>{_e(heading)} <span class="count">({len(rows)})</span>'
            "</h3>"
            '<div class="scroll" role="region" tabindex="0" '
            f'aria-label="{_e(heading)}">'
            f'<table class="list" data-kind="{kind}">'
            f"<caption>{_e(heading)}, with the source that reports each "
            "signature</caption>"
            '<thead><tr><th scope="col">Name</th><th scope="col">Country'
            '</th><th scope="col">Role</th><th scope="col">Source</th>'
            f"</tr></thead><tbody>{body}</tbody></table></div>"
        )
    unlisted = data.unlisted.get(letter_id, 0)
    if unlisted:
        many = (
            unlisted > 1
            or is_small(unlisted, threshold)
            or letter_id in data.undisclosed
        )
        shown = data.shown_unlisted(letter_id)
        out.append(
            _unlisted(
                f"{shown[0].upper()}{shown[1:]} "
                f"{'signatories' if many else 'signatory'} who "
                f"{'are' if many else 'is'} not public "
                f"{'are' if many else 'is'} counted in the figures above "
                "but never named."
            )
        )
    withdrawn = data.withdrawn.get(letter_id, 0)
    if withdrawn:
        out.append(
            _unlisted(
                f"{withdrawn} {'signatures' if withdrawn > 1 else 'signature'}"
                " withdrawn: not counted and not listed."
            )
        )
    leaving = data.leaving.get(letter_id, 0)
    if leaving:
        out.append(
            _unlisted(
                f"{leaving} {'signatures' if leaving > 1 else 'signature'}"
                " withdrawn on a later day: counted until then, not listed."
            )
        )
    # People who are not public apart: the public withdrawals are known
    # from the records, and must not be taken from a sum to count them.
    hidden = data.withdrawn_unlisted.get(letter_id, 0)
    if hidden and letter_id in data.undisclosed:
        # No count, as the export gives none: beside the tables, whose
        # totals of people are hidden, or another day's page, it would
        # tell how many withdrew.
        out.append(
            _unlisted(
                "Some signatures of people who are not public are withdrawn "
                "(on this day or another): not counted and not listed."
            )
        )
    elif hidden:
        many = hidden > 1 or is_small(hidden, threshold)
        out.append(
            _unlisted(
                f"{_few(hidden, threshold)} "
                f"{'signatures' if many else 'signature'} of people who are "
                "not public withdrawn: not counted and not listed."
            )
        )
    if not out:
        out.append("<p>No signatory can be listed yet.</p>")
    return "".join(out)


# -- the page ---------------------------------------------------------------


@attrs.frozen
class _Letter:
    """What the page may say about the letter itself."""

    title: str
    date: str | None
    publisher: str | None
    summary: str | None
    claimed_signatories: str | None
    claimed_countries: str | None

    @classmethod
    def of(cls, registry: Registry, letter_id: str) -> _Letter:
        letter = registry.letters.get(letter_id)
        if letter is None:
            return cls(letter_id, None, None, None, None, None)
        hidden = set(letter.private)

        def shown(name: str) -> Any:
            return None if name in hidden else getattr(letter, name)

        publisher = None
        if shown("publisher"):
            org = registry.organisations.get(letter.publisher or "")
            if org is not None and "name" not in org.private:
                publisher = org.name
        day = shown("date")
        date = None
        if isinstance(day, PartialDate):
            date = f"in {day.spoken()}"
        elif isinstance(day, dt.date):
            date = f"on {_date(day)}"
        if date is not None and shown("date_qualifier") == "inferred":
            date += " (a date inferred from coverage)"
        return cls(
            title=shown("title") or letter.id,
            date=date,
            publisher=publisher,
            summary=shown("summary"),
            claimed_signatories=_claimed(letter, "signatories"),
            claimed_countries=_claimed(letter, "countries"),
        )


def _claimed(letter: Letter, measure: str) -> str | None:
    """The figure the letter's first claim of *measure* states, as the
    page says it: "at least 100" for a lower bound, "about 100" for a
    round figure.
    """
    if "claims" in letter.private:
        return None
    for claim in letter.claims:
        if claim.measure == measure and not claim.roles:
            return claim.stated
    return None


def _claim_line(rec: Reconciliation) -> Line | None:
    """The line of the claim the page sets its figures beside (the first
    of signatories of every role, as :func:`_claimed` picks it): it counts
    a group as its members, as the claim does, where the tables count a
    group as one signatory.
    """
    return next(
        (
            line
            for line in rec.lines
            if line.claim.measure == "signatories" and not line.claim.roles
        ),
        None,
    )


def _line_figure(line: Line, threshold: int) -> tuple[str, str]:
    """What *line*'s records show, short (for a card, as HTML) and in
    words.
    """
    if line.suppressed:
        return (
            _hidden(threshold if line.bounded else None),
            f"fewer than {threshold}" if line.bounded else "some",
        )
    if line.lower_bound:
        return f"{line.computed}+", f"{line.computed} or more"
    return str(line.computed), str(line.computed)


def _figures(
    about: _Letter,
    table: Table,
    countries: int,
    line: Line | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> str:
    total = table.total
    unknown = next((r.cells[-1] for r in table.rows if r.key is None), None)
    no_country = ""
    if unknown is not None and unknown.nonzero:
        shown = _cell_words(unknown)
        no_country = (
            "1 signatory has no known country"
            if shown == "1"
            else f"{shown} signatories have no known country"
        )
    i_orgs = table.columns.index("organisations")
    i_sum = table.columns.index(table.sum_column or table.columns[-1])
    first = (
        _cell(total.cells[i_sum]),
        "signatories in the records",
        f"the letter's sources claim {about.claimed_signatories}"
        if about.claimed_signatories is not None
        else "",
    )
    if line is not None and about.claimed_signatories is not None:
        # The claim counts a group as its members: so must its neighbour.
        first = (
            _line_figure(line, threshold)[0],
            "signatories in the records, a group counted as its members",
            f"the letter's sources claim {about.claimed_signatories}",
        )
    cards = [
        first,
        (
            str(countries),
            "countries in the records",
            f"the sources claim {about.claimed_countries}"
            if about.claimed_countries is not None
            else "",
        ),
        (
            _cell(total.cells[i_orgs]),
            "organisations",
            no_country,
        ),
    ]
    items = "".join(
        f'<li><span class="figure">{value}</span>'
        f'<span class="what">{_e(what)}</span>'
        + (f'<span class="vs">{_e(vs)}</span>' if vs else "")
        + "</li>"
        for value, what, vs in cards
    )
    return f'<ul class="figures">{items}</ul>'


def _legend(chart: worldmap.Choropleth) -> str:
    items = []
    for fill, label in worldmap.legend_items(chart):
        style = (
            "hatch" if fill == "hatch" else f'" style="background:{_e(fill)}'
        )
        swatch = f'<span class="swatch {style}" aria-hidden="true"></span>'
        items.append(f"<li>{swatch}{_e(label)}</li>")
    return (
        '<div class="legend"><p class="legend-title" id="legend-title">'
        "Signatories in the records</p>"
        f'<ul aria-labelledby="legend-title">{"".join(items)}</ul></div>'
    )


def _map(chart: worldmap.Choropleth) -> str:
    svg = worldmap.map_svg(chart, standalone=False, prefix="m-")
    detail = worldmap.detail_svg(chart, prefix="m-")
    panel = (
        '<div class="detail"><p class="legend-title">'
        f"{_e(worldmap.detail_title(chart))}</p>{detail}</div>"
        if detail is not None
        else ""
    )
    return (
        # Every shaded country is a stop for the keyboard, largest first:
        # one link passes them all, seen only when it has the focus.
        '<a class="skip" href="#by-country">Skip the map, to the table '
        "Coverage by country</a>"
        '<figure class="map" aria-describedby="map-summary">'
        f'<div class="map-frame">{svg}</div>'
        f'<figcaption class="{"with-detail" if panel else ""}"><div>'
        f"{_legend(chart)}"
        f'<p id="map-summary" class="summary">{_e(worldmap.summary(chart))} '
        "The numbers behind the map are in the table "
        '<a href="#by-country">Coverage by country</a>.</p>'
        f"{_notes(_not_in(worldmap.summary(chart), worldmap.notes(chart)[: -len(chart.notes) or None]))}"
        f"</div>{panel}</figcaption></figure>"
    )


_CSS: Final = """
:root{color-scheme:light;--ink:%(ink)s;--muted:%(muted)s;--link:%(link)s;
--paper:%(paper)s;--band:%(band)s;--rule:%(rule)s}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%%}
body{margin:0;background:var(--paper);color:var(--ink);
font:16px/1.55 %(fonts)s;font-feature-settings:"kern","liga"}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible,[tabindex]:focus-visible{outline:3px solid %(focus)s;
outline-offset:2px;box-shadow:0 0 0 2px %(focus-ring)s}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.masthead{background:%(masthead)s;color:%(masthead-ink)s;padding:40px 0 36px}
.kicker{margin:0 0 10px;font-size:.8rem;letter-spacing:.08em;
text-transform:uppercase;color:%(masthead-muted)s;font-weight:600}
h1{margin:0;font-size:clamp(1.6rem,3.4vw,2.5rem);line-height:1.15;
letter-spacing:-.01em;max-width:30ch;text-wrap:balance;
overflow-wrap:anywhere}
.lede{margin:14px 0 0;max-width:70ch;color:%(masthead-muted)s;
font-size:1.05rem;overflow-wrap:anywhere}
.lede strong{color:%(masthead-ink)s}
h2{font-size:1.45rem;line-height:1.25;margin:0 0 8px;letter-spacing:-.005em}
h3{font-size:1.1rem;margin:28px 0 8px}
h3 .count{color:var(--muted);font-weight:400}
section{padding:36px 0;border-bottom:1px solid var(--rule)}
section:last-of-type{border-bottom:0}
.intro{margin:0 0 20px;color:var(--muted);max-width:75ch}
.letter-summary{margin:0 0 24px;max-width:75ch;font-size:1.1rem}
.figures{list-style:none;margin:0;padding:0;display:grid;gap:16px;
grid-template-columns:repeat(auto-fit,minmax(220px,1fr))}
.figures li{background:var(--band);border-radius:10px;padding:18px 20px;
border-top:4px solid %(accent)s}
.figure{display:block;font-size:2.6rem;font-weight:700;line-height:1.1;
font-variant-numeric:tabular-nums;letter-spacing:-.02em}
.what{display:block;font-weight:600}
.vs{display:block;color:var(--muted);font-size:.92rem}
.map{margin:0}
.map-frame{border:1px solid var(--rule);border-radius:10px;padding:12px}
.map svg{display:block;width:100%%;height:auto}
figcaption{margin-top:16px}
figcaption.with-detail{display:grid;gap:16px 32px;
grid-template-columns:minmax(0,1fr) minmax(220px,340px);align-items:start}
.detail svg{border-radius:6px}
@media (max-width:700px){figcaption.with-detail{grid-template-columns:1fr}}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:6px 18px}
.legend-title{margin:0;font-weight:600}
.legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;
gap:6px 16px}
.legend li{display:flex;align-items:center;gap:7px}
.swatch{display:inline-block;width:18px;height:18px;border-radius:3px;
box-shadow:inset 0 0 0 1px %(swatch-edge)s;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
.swatch.hatch{background:repeating-linear-gradient(45deg,%(hatch)s 0 2.4px,
%(nodata)s 2.4px 6px)}
.summary{margin:10px 0 0;max-width:80ch}
.notes{margin:8px 0 0;padding-left:1.1em;color:var(--muted);font-size:.9rem;
max-width:90ch}
.notes li{margin:2px 0}
.scroll{overflow-x:auto;margin:8px 0}
table{border-collapse:collapse;width:100%%;font-size:.95rem}
caption{text-align:left;color:var(--muted);font-size:.9rem;padding:0 0 6px}
th,td{padding:7px 10px;border-bottom:1px solid var(--rule);
text-align:left;vertical-align:top}
thead th{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;
color:var(--muted);border-bottom:2px solid var(--ink)}
tbody th{font-weight:600}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--ink);
border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
abbr[title]{text-decoration:underline dotted;cursor:help}
.reasons{margin:0;padding-left:1.1em}
.unlisted{color:var(--muted)}
.list bdi{overflow-wrap:anywhere}
.about dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 20px;
margin:0 0 16px}
.about dt{font-weight:600}
.about dd{margin:0}
footer{background:var(--band);color:var(--muted);font-size:.9rem;
padding:20px 0;margin-top:12px}
.visually-hidden,.skip:not(:focus){position:absolute;width:1px;height:1px;
overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:600px){.wrap{padding:0 16px}.figure{font-size:2.1rem}
.masthead{padding:28px 0}.about dl{grid-template-columns:1fr}}
@media print{.masthead{background:none;color:var(--ink)}
.kicker,.lede,.lede strong{color:var(--ink)}section{break-inside:avoid}
.scroll{overflow:visible}}
"""


def _css() -> str:
    return _CSS % {
        **COLOURS,
        "fonts": worldmap.FONTS,
        "accent": worldmap.PALETTE[0],
        "hatch": worldmap.SUPPRESSED_INK,
        "nodata": worldmap.NO_DATA,
    }


def html_report(
    registry: Registry,
    letter_id: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    generated: dt.date | None = None,
    include_map: bool = True,
    on: dt.date | None = None,
) -> str:
    """The coverage report of one letter, as one self-contained HTML page.

    Args:
        registry: The registry.
        letter_id: The letter.
        threshold: Counts of people below it are hidden (see
            :func:`coalition_registry.suppress`).
        generated: The date the page says it was made (default today).
        include_map: Draw the world map (needs the ``report`` extra).
        on: Count the signatures that stand on this day (default today).

    Returns:
        The page.

    Raises:
        coalition_registry.worldmap.GeometryMissingError: When the map is
            asked for and the geometry package is not installed.
    """
    generated = generated or dt.datetime.now(tz=dt.UTC).date()
    about = _Letter.of(registry, letter_id)
    # Said twice, worked out once: it reads every file of the registry.
    version = registry_version(registry)
    by_country = published(
        signatory_table, registry, letter_id, threshold=threshold, on=on
    )
    by_region = published(
        signatory_table,
        registry,
        letter_id,
        by="region",
        threshold=threshold,
        on=on,
    )
    cov = coverage(registry, letter_id, on=on)
    rec = reconcile(registry, letter_id, threshold=threshold, on=on)
    line = _claim_line(rec)
    chart = worldmap.choropleth(by_country)
    chart = attrs.evolve(
        chart, title=f"Signatories of {about.title}, by country"
    )
    map_html = _map(chart) if include_map else ""

    lede = []
    if about.date or about.publisher:
        when = "Published"
        if about.date:
            when += f" {about.date}"
        by = f" by <bdi>{_e(about.publisher)}</bdi>" if about.publisher else ""
        lede.append(_e(when) + by + ".")
    if about.claimed_signatories is not None:
        claim = f"Its sources say {about.claimed_signatories} signatories"
        if about.claimed_countries is not None:
            claim += f" from {about.claimed_countries} countries"
        total = by_country.total.cells[-1]
        named = _cell_words(total)
        hidden = total.suppressed and not total.bounded
        as_claimed = ""
        if line is not None:
            named = _line_figure(line, rec.threshold)[1]
            hidden = line.suppressed and not line.bounded
            as_claimed = (
                " (a group counted as its members, as the claim counts)"
            )
        lede.append(_e(claim + ";"))
        lede.append(
            f"the public records count <strong>{_e(named)} of them</strong>"
            f"{_e(as_claimed)}, from <strong>"
            f"{_plural(cov.countries, 'country', 'countries')}</strong>, so far"
            + (
                " (how many is hidden, to protect the people counted)."
                if hidden
                else "."
            )
        )
    country_notes = (*country_summary(registry, letter_id, on=on),)
    sections = [
        '<section aria-labelledby="glance"><h2 id="glance" '
        'class="visually-hidden">At a glance</h2>'
        + (
            f'<p class="letter-summary">{_e(about.summary)}</p>'
            if about.summary
            else ""
        )
        + _figures(about, by_country, cov.countries, line, rec.threshold)
        + "</section>",
    ]
    if include_map:
        sections.append(
            '<section aria-labelledby="where"><h2 id="where">Where the '
            "signatories are</h2>"
            '<p class="intro">Each country is shaded by the number of '
            "signatories the records place there: an organisation in its "
            "headquarters country, a person or group in their own. Point "
            "at or tab to a country to read its count.</p>"
            f"{map_html}</section>"
        )
    sections.append(
        '<section aria-labelledby="coverage"><h2 id="coverage">Coverage'
        "</h2>"
        '<p class="intro">How many signatories the records hold, by '
        "country and by region (UN M49), split into organisations, groups "
        "and individuals.</p>"
        '<h3 id="by-country">Coverage by country</h3>'
        + _table(
            by_country,
            caption="Signatories by country "
            f"({_plural(len(cov.rows), 'country', 'countries')} and Unknown)",
            head="Country",
            rows_attr="data-country",
        )
        + _notes(
            (f"Rule: {by_country.rule}.", *country_notes, *by_country.notes)
        )
        + '<h3 id="by-region">Coverage by region</h3>'
        + _table(
            by_region,
            caption="Signatories by UN M49 region",
            head="Region",
            rows_attr="data-region",
        )
        + _notes((f"Rule: {by_region.rule}.", *by_region.notes))
        + "</section>"
    )
    sections.append(
        '<section aria-labelledby="claims"><h2 id="claims">What the '
        "sources claim, and what the records show</h2>"
        '<p class="intro">The registry records only the signatories a '
        "public source names. It reports the gap between what a letter "
        "claims and what the records show instead of filling it."
        + (
            " " + _e(BOUND_NOTE.replace("'N+'", "“N+”"))
            if rec.shows_bounds
            else ""
        )
        + "</p>"
        + _reconciliation(rec)
        + _notes(rec.notes)
        + "</section>"
    )
    sections.append(
        '<section aria-labelledby="who"><h2 id="who">Who signed</h2>'
        '<p class="intro">Organisations, groups and people who signed '
        "publicly, each with the source that reports the signature. People "
        "who did not sign publicly, survivors among them, are only ever "
        "counted.</p>"
        + _signatories(registry, letter_id, on, threshold)
        + "</section>"
    )
    info = registry.info
    licence = info.data_licence if info is not None else "see the registry"
    sections.append(
        '<section class="about" aria-labelledby="about"><h2 id="about">'
        "About this report</h2><dl>"
        f"<dt>Generated</dt><dd>Generated on {_e(_date(generated))}</dd>"
        + (
            ""
            if on is None
            else "<dt>Counted as of</dt><dd>The signatures that stood on "
            f"{_e(_date(on))}</dd>"
        )
        + f"<dt>Registry version</dt><dd>{_e(version)}</dd>"
        f"<dt>Letter</dt><dd><code>{_e(letter_id)}</code></dd>"
        f"<dt>Data licence</dt><dd>{_e(licence)}</dd>"
        f"<dt>Made with</dt><dd>coalition-registry {_e(__version__)}</dd>"
        + (
            "<dt>Map</dt><dd>Country outlines from Natural Earth (public "
            "domain), as the package geo-intel-offline ships them; Equal "
            "Earth projection.</dd>"
            if include_map
            else ""
        )
        + "</dl>"
        + _notes(
            (
                (
                    "Each active signature counts once; a withdrawn "
                    "signature does not count."
                ),
                f"Suppression: {_suppression_rule(threshold)}",
                (
                    "The figures describe the records, not the letter: "
                    "public sources name only some of its signatories."
                ),
            )
        )
        + "</section>"
    )
    title = f"Coverage report: {about.title}"
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, '
        'initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f'<meta name="generator" content="coalition-registry {_e(__version__)}">'
        f"<title>{_e(title)}</title>"
        f"<style>{_css()}</style></head>\n<body>"
        '<header class="masthead"><div class="wrap">'
        '<p class="kicker">Coverage report · Coalition Registry</p>'
        f"<h1><bdi>{_e(about.title)}</bdi></h1>"
        + (f'<p class="lede">{" ".join(lede)}</p>' if lede else "")
        + '</div></header>\n<main class="wrap">'
        + "\n".join(sections)
        + '</main>\n<footer><div class="wrap">'
        f"Generated on {_e(_date(generated))} from {_e(version)}"
        + ("" if on is None else f", counted as of {_e(_date(on))}")
        + ". "
        "Counts of people below the threshold are hidden; people who did "
        "not sign publicly are never named."
        "</div></footer>\n</body></html>\n"
    )


def _suppression_rule(threshold: int) -> str:
    from .suppression import rule

    return rule(threshold) + "."


def svg_map(
    registry: Registry,
    letter_id: str,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    on: dt.date | None = None,
) -> str:
    """The world map of one letter alone, as a standalone SVG file with
    its title, legend and the rules it applied.

    Raises:
        coalition_registry.worldmap.GeometryMissingError: When the geometry
            package is not installed.
    """
    about = _Letter.of(registry, letter_id)
    table = published(
        signatory_table, registry, letter_id, threshold=threshold, on=on
    )
    notes = (*country_summary(registry, letter_id, on=on),)
    if on is not None:
        # A map of another day than today, unsaid, reads as today's.
        notes = (counted_as_of(registry, letter_id, day_of(on)), *notes)
    chart = worldmap.choropleth(table)
    chart = attrs.evolve(
        chart,
        title=f"Signatories of {about.title}, by country",
        notes=(*chart.notes[:1], *notes, *chart.notes[1:]),
    )
    return worldmap.map_svg(chart)
