"""The built site and every export: no personal-data canary, no small count, no private file.

Needs `make book` first (`make test` does it).
"""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.core import paths
from lnob_methods.demo.testimonies import canaries
from lnob_methods.voices import disclosure
from lnob_methods.voices import prepare as voices
from tests.helpers import ROOT
from tests.helpers.testimonies import canary_pattern

pytestmark = pytest.mark.slow

HTML = ROOT / "_build" / "html"
PILOTS = ["BGD", "KEN", "NPL", "VNM"]


def _published_files():
    if not (HTML / "book" / "intro.html").exists():
        pytest.fail("the site is not built: run `make book` (make test does it first)")
    files = [p for p in HTML.rglob("*") if p.is_file()]
    files += [p for p in paths.results_dir().rglob("*") if p.is_file()]
    return files


def test_canary_pattern_finds_words_not_base64():
    pat = canary_pattern(["Tham", "धुनेटार"])
    assert pat.search("Chị Tham, 34 tuổi")
    assert pat.search("धुनेटारमा बस्छु")
    assert not pat.search("iVBORw0KGgo5bteuThampKTw8Kh")


def _text(path):
    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    return path.read_bytes().decode("utf-8", errors="replace")


def test_no_canary_anywhere_in_the_site_or_exports():
    planted = sorted({c for iso3 in PILOTS for c in canaries(iso3)})
    assert len(planted) > 40
    pattern = canary_pattern(planted)
    files = _published_files()
    assert any(p.name == "voices.html" for p in files), "the voices pages are built"
    leaks = []
    for path in files:
        if path.suffix.lower() in {".png", ".jpg", ".woff", ".woff2", ".ico", ".inv"}:
            continue
        leaks += [(str(path.relative_to(ROOT)), m[0]) for m in pattern.finditer(_text(path))]
    assert leaks == [], f"personal-data canaries published: {leaks[:10]}"


def test_no_redaction_log_or_private_file_is_published():
    names = {p.name for p in _published_files()}
    assert not names & {"redaction_log.csv", "accounting.csv", "problems.txt"}
    assert (paths.private_dir() / "KEN" / "redaction_log.csv").exists(), (
        "the voices run wrote its log"
    )


@pytest.mark.parametrize("iso3", PILOTS)
def test_exported_voices_tables_hold_no_small_count(iso3):
    folder = paths.results_dir() / iso3 / "exports" / "voices"
    sheets = pd.read_excel(folder / "voices_tables.xlsx", sheet_name=None)
    sheets["gap_cells"] = pd.read_csv(folder / "voices_gap_cells.csv")
    for name, table in sheets.items():
        small = disclosure.small_counts(table, voices.DEFAULT_K)
        assert small.empty, f"{iso3} {name}:\n{small}"
    assert (folder / "lnob_codebook.qdc").read_bytes().startswith(b"<?xml")
