"""Every table and opening summary of every built results page is in readers' words.

Needs `make book` first (`make test` does it). The run card (folded at the end of each page)
keeps file paths and package names as they are, and is not scanned.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.helpers.browser import HTML

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
LONG_FLOAT = re.compile(r"\b\d+\.\d{4,}\b")  # four decimals or more: not rounded for reading
PAGES = sorted((HTML / "book" / "results").glob("*/*.html"))


class _Cells(HTMLParser):
    """Collect the text of table cells, outside the run card."""

    def __init__(self):
        super().__init__()
        self.cells, self._cell, self._card, self._tables = [], None, 0, 0
        self._summary = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "div" and "lnob-findings" in classes:
            self._summary, self._cell = True, ""  # the generated sentences that open a page
        elif tag == "details" and "lnob-run-card" in classes:
            self._card += 1
        elif tag == "table":
            self._tables += 1
        elif tag in ("td", "th") and self._tables and not self._card:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "div" and self._summary:
            self.cells.append(self._cell.strip())
            self._summary, self._cell = False, None
        elif tag == "details" and self._card:
            self._card -= 1
        elif tag == "table":
            self._tables -= 1
        elif tag in ("td", "th") and self._cell is not None and not self._summary:
            self.cells.append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def cells_of(page_html: str) -> list[str]:
    parser = _Cells()
    parser.feed(page_html)
    return parser.cells


def test_the_scanner_finds_what_it_looks_for():
    page = (
        "<table><tr><th>n_items</th><td>True</td><td>0.123456</td><td>ok</td></tr></table>"
        '<details class="lnob-run-card"><table><tr><td>data/x_y.csv</td></tr></table></details>'
    )
    assert cells_of(page) == ["n_items", "True", "0.123456", "ok"]
    summary = '<div class="lnob-findings"><p>The gap ranked first is older_people.</p></div>'
    assert problems(cells_of(summary)) == ["code 'older_people'"]
    assert problems(cells_of(page)) == ["code 'n_items'", "boolean 'True'", "number '0.123456'"]


def problems(cells: list[str]) -> list[str]:
    found = []
    for cell in cells:
        found += [f"code {m!r}" for m in SNAKE.findall(cell)]
        if cell in ("True", "False"):
            found.append(f"boolean {cell!r}")
        found += [f"number {m!r}" for m in LONG_FLOAT.findall(cell)]
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_results_tables_hold_no_code_vocabulary(page):
    found = problems(cells_of(page.read_text(encoding="utf-8")))
    assert found == [], f"{page.name}: {found[:10]}"


def test_there_are_results_pages():
    if not PAGES:
        pytest.fail("the site is not built: run `make book` (make test does it first)")
