"""The coverage report in a real browser: Debian's Chromium, headless,
driven by Playwright.

The page must load with no console error and no network request but its
own file, the map's shaded countries must be the coverage table's, and a
screenshot of it is saved under the test output (``build/test-output/``,
or the folder ``TEST_OUTPUT`` names) for a person to look at.

Nothing is installed here: .ci/run installs Debian's ``chromium`` package,
and Playwright comes with the ``tests`` extra.  Without Chromium these
tests are skipped with the reason, except in CI (``CI=true``), where they
fail.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from coalition_registry.cli import run
from conftest import ROOT, SHIPPED
from test_report import plant


if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


#: Flags for Chromium in a sandboxed machine with no network (see the
#: machine's notes): no background fetches, a fresh profile each run.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

OUTPUT = Path(os.environ.get("TEST_OUTPUT") or ROOT / "build" / "test-output")


def _chromium(fallback: str = "/usr/bin/chromium") -> str:
    """Chromium's path; skip, or in CI fail, when it is absent."""
    found = shutil.which("chromium") or (
        fallback if Path(fallback).exists() else None
    )
    ci = os.environ.get("CI") == "true"
    if found is None:
        reason = (
            "Chromium is not installed (Debian: apt-get install chromium); "
            ".ci/run installs it"
        )
        if ci:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed: pip install -e '.[tests]'"
        if ci:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return found


@pytest.fixture(name="browser", scope="module")
def _browser() -> Iterator[Browser]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    # Each launch starts Chromium with a fresh, empty profile of its own.
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, headless=True, args=list(FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def write_report(base: Path, *, planted: bool = False) -> Path:
    """Copy the shipped registry into *base* and write its report there."""
    shutil.copytree(SHIPPED, base / "registry_data")
    if planted:

        def write(relative: str, content: str | bytes) -> Path:
            path = base / "registry_data" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            return path

        plant(write)
    page = base / "report.html"
    out = io.StringIO()
    with contextlib.chdir(base):
        code = run(
            ["report", "registry_data", "--out", str(page)],
            stdout=out,
            stderr=out,
        )
    assert 0 == code, out.getvalue()
    return page


class Visit:
    """One page opened in the browser, with what happened while it loaded."""

    def __init__(self, browser: Browser, path: Path, width: int) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},
            device_scale_factor=1,
        )
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("dialog", lambda d: self.dialogs.append(d.message))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"{m.type}: {m.text}")
                if m.type in {"error", "warning", "assert"}
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(name="visit", scope="module")
def _visit(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Visit]:
    path = write_report(tmp_path_factory.mktemp("browser"))
    visit = Visit(browser, path, 1280)
    yield visit
    visit.close()


#: The map's shaded countries and the table's rows, read from the page.
READ_PAGE = """() => {
  const map = {};
  for (const g of document.querySelectorAll('svg.cr-map g.cr-area')) {
    const path = g.querySelector('path');
    map[g.dataset.country] = {
      count: g.dataset.count,
      fill: getComputedStyle(path).fill,
      label: g.getAttribute('aria-label'),
      title: g.querySelector('title').textContent,
    };
  }
  const table = {};
  for (const tr of document.querySelectorAll('tr[data-country]')) {
    if (!tr.dataset.country) continue;
    table[tr.dataset.country] = tr.querySelector('td[data-sum]').textContent;
  }
  const plain = new Set();
  for (const p of document.querySelectorAll('svg.cr-map .cr-land path')) {
    plain.add(getComputedStyle(p).fill);
  }
  return {map, table, plain: [...plain]};
}"""


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


class TestReportInBrowser:
    def test_no_console_error(self, visit: Visit) -> None:
        """The page loads without a console error or warning."""
        assert [] == visit.errors

    def test_no_network_request(self, visit: Visit) -> None:
        """The only request is the page itself, from disk."""
        assert [visit.url] == visit.requests

    def test_map_matches_the_table(self, visit: Visit) -> None:
        """The shaded countries are the table's, with the table's counts,
        and every other country is plain land.
        """
        from coalition_registry import worldmap

        seen: dict[str, Any] = visit.page.evaluate(READ_PAGE)
        counts = {code: area["count"] for code, area in seen["map"].items()}
        assert seen["table"] == counts
        assert {"GB", "AU", "BE", "CA", "GR", "NL", "TH"} == set(counts)
        for area in seen["map"].values():
            assert _rgb(worldmap.NO_DATA) != area["fill"]
            assert area["label"] == area["title"]
        assert [_rgb(worldmap.NO_DATA)] == seen["plain"]

    def test_screenshot(self, visit: Visit) -> None:
        """A full-page screenshot, saved for a person to look at."""
        OUTPUT.mkdir(parents=True, exist_ok=True)
        shot = OUTPUT / "report.png"
        visit.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000

    def test_keyboard_reaches_the_countries(self, visit: Visit) -> None:
        """Tab reaches a shaded country, which says its name and count."""
        label = visit.page.evaluate(
            """() => {
              const g = document.querySelector('svg.cr-map g.cr-area');
              g.focus();
              return document.activeElement.getAttribute('aria-label');
            }"""
        )
        assert label.endswith(("signatory", "signatories"))

    def test_a_focused_country_is_ringed_in_two_colours(
        self, visit: Visit
    ) -> None:
        """The focus draws a yellow line inside a dark band round the
        country, and only while it has the focus."""
        from coalition_registry import worldmap

        seen = visit.page.evaluate(
            """() => {
              const g = document.querySelector('svg.cr-map g.cr-area');
              const ring = g.querySelector('.cr-ring');
              const shape = g.querySelector('.cr-country');
              const look = () => [getComputedStyle(ring).display,
                                  getComputedStyle(ring).stroke,
                                  getComputedStyle(shape).stroke];
              document.activeElement.blur();  // an earlier test's focus
              const before = look();
              g.focus();
              const during = look();
              g.blur();
              return {before, during,
                      same: ring.getAttribute('d') === shape.getAttribute('d')};
            }"""
        )
        assert "none" == seen["before"][0]
        assert ["inline", _rgb(worldmap.FOCUS), _rgb(worldmap.INK)] == seen[
            "during"
        ]
        assert seen["same"]

    def test_small_screen(self, browser: Browser, visit: Visit) -> None:
        """On a phone-sized screen nothing runs off the side."""
        path = Path(visit.url.removeprefix("file://"))
        phone = Visit(browser, path, 390)
        try:
            overflow = phone.page.evaluate(
                "() => document.documentElement.scrollWidth - innerWidth"
            )
            OUTPUT.mkdir(parents=True, exist_ok=True)
            phone.page.screenshot(
                path=str(OUTPUT / "report-phone.png"), full_page=True
            )
            assert (0, []) == (overflow, phone.errors)
        finally:
            phone.close()


class TestHiddenCountsInBrowser:
    def test_hidden_count_is_hatched(
        self, browser: Browser, tmp_path: Path
    ) -> None:
        """With a survivor in the UK, its count is hidden on the map and in
        the table alike, and a name written as HTML runs no script.
        """
        path = write_report(tmp_path, planted=True)
        visit = Visit(browser, path, 1280)
        try:
            seen: dict[str, Any] = visit.page.evaluate(READ_PAGE)
            assert "hidden" == seen["map"]["GB"]["count"]
            assert seen["map"]["GB"]["fill"].startswith("url(")
            assert "hidden" == seen["table"]["GB"]
            table = {
                k: "hidden" if v.startswith("<") else v
                for k, v in seen["table"].items()
            }
            assert table == {k: v["count"] for k, v in seen["map"].items()}
            assert ([], [visit.url]) == (visit.errors, visit.requests)
            assert [] == visit.dialogs
            OUTPUT.mkdir(parents=True, exist_ok=True)
            visit.page.screenshot(
                path=str(OUTPUT / "report-hidden-counts.png"), full_page=True
            )
        finally:
            visit.close()


class TestWithoutChromium:
    def test_skipped_outside_ci(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Outside CI, no Chromium skips the browser tests, saying why."""
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(pytest.skip.Exception, match="apt-get install"):
            _chromium(fallback=str(tmp_path / "chromium"))

    def test_fails_in_ci(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """In CI (CI=true), no Chromium fails them."""
        monkeypatch.setenv("CI", "true")
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(pytest.fail.Exception, match="CI=true"):
            _chromium(fallback=str(tmp_path / "chromium"))
