"""The built What changed pages of the two pilots with a second round name the gaps it closed.

The synthetic second round (``python -m lnob_methods.demo.rounds``) adds, for Kenya and Nepal, one
inventory whose items each cover one cell of the research focus that had a gap in round 1 (no
evidence, old evidence or low quality only) with a recent, high-quality survey. So each of those
cells, read here from the round-2 inventory file itself (its group and SDG target), must appear on
the built page as a gap closed, in the reader's words. Needs `make book` first.
"""

from __future__ import annotations

from html.parser import HTMLParser

import openpyxl
import pytest

from lnob_methods.reference import taxonomy
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

HTML = ROOT / "_build" / "html" / "book" / "results"
ROUND2 = {"KEN": "synthetic_round2_actionaid.xlsx", "NPL": "synthetic_round2_vso.xlsx"}


def _round2_cells(iso3: str) -> set[tuple[str, str]]:
    """(group label, "SDG x.y") of every item of the round-2 inventory, from its rows."""
    path = ROOT / "data" / "countries" / iso3 / "inventories" / ROUND2[iso3]
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["Inventory"].iter_rows(values_only=True))
    finally:
        book.close()
    header, *rows = rows
    col = {name: header.index(name) for name in ("ID", "SDG targets", "Population groups")}
    table = taxonomy.groups_table()
    labels = dict(zip(table["group"], table["label"], strict=True))
    cells = set()
    for row in rows:
        item = row[col["ID"]]
        if not item or str(item).startswith("EXAMPLE"):
            continue
        for group in str(row[col["Population groups"]]).split(";"):
            for target in str(row[col["SDG targets"]]).split(";"):
                cells.add((labels[group.strip()], f"SDG {target.strip()}"))
    return cells


class _Tables(HTMLParser):
    """Every table of a page: its caption (the bold line the page puts above it) and its rows."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._in, self._strong = [], None, None, ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": self._strong, "rows": []})
        elif tag in ("caption", "strong"):
            self._in = tag
            self._strong = ""
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]["rows"]:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("caption", "strong"):
            self._in = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in:
            self._strong += data


def _table(text: str, caption: str) -> list[dict[str, str]]:
    parser = _Tables()
    parser.feed(text)
    (table,) = [t for t in parser.tables if t["caption"].strip().startswith(caption)]
    header, *body = table["rows"]
    return [dict(zip(header, row, strict=True)) for row in body]


@pytest.mark.parametrize("iso3", sorted(ROUND2))
def test_each_cell_the_second_round_covered_is_shown_closed(iso3):
    page = HTML / iso3 / "what_changed.html"
    if not page.exists():
        pytest.fail(f"{page} was not built: run `make book` first (make test does)")
    text = page.read_text(encoding="utf-8")
    rows = _table(text, "Gaps closed and opened between the two rounds")
    shown = {(r["group"], r["target"]) for r in rows if r["change"] == "closed"}
    expected = _round2_cells(iso3)
    assert len(expected) == 4, "the synthetic second round covers four cells"
    assert expected <= shown, f"{iso3}: not shown closed: {sorted(expected - shown)}"
    assert "gaps closed and 0 gaps opened between the two rounds" in text
