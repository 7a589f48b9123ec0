"""The four pilots' brief documents as built by `lnob build`: read back, linked from the site.

Needs `make book` first (`make test` does it). Each PDF is opened with pypdf and each Word file
with python-docx; the synthetic notice is expected exactly when the country's declarations say
that some of its evidence is synthetic.
"""

from __future__ import annotations

import json
import re

import pytest

from lnob_methods.analysis import country_evidence
from lnob_methods.core import paths
from lnob_methods.reference import countries
from tests.helpers import PILOTS, ROOT, documents

KINDS = ["programme", "advocacy"]
CASES = [(c, k) for c in PILOTS for k in KINDS]
NOTICE = "Synthetic demonstration data"


def _folder(iso3, kind):
    return paths.results_dir() / iso3 / "exports" / f"{kind}_brief"


@pytest.fixture(scope="module")
def synthetic():
    """Whether each pilot's evidence is declared synthetic (either stream)."""
    out = {}
    for iso3 in PILOTS:
        ce = country_evidence.assemble(iso3)
        out[iso3] = ce.synthetic or ce.testimonies_synthetic
    return out


@pytest.mark.parametrize(("iso3", "kind"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_pilot_brief_documents(iso3, kind, synthetic):
    folder = _folder(iso3, kind)
    pdf, docx = folder / f"{kind}_brief.pdf", folder / f"{kind}_brief.docx"
    if not pdf.exists():
        pytest.fail(f"{pdf} was not built: run `make book` first (make test does)")
    card = json.loads((folder / "runcard.json").read_text())
    place = countries.load_country(iso3)
    pages = documents.pdf_pages(pdf)
    assert 1 <= len(pages) <= 4, f"{pdf.name} has {len(pages)} pages"
    text, word = "\n".join(pages), documents.docx_text(docx)
    for body in (text, word):
        flat = " ".join(body.split())
        assert f"{place.name}: {kind} brief" in flat
        assert f"method version {card['methodology_version']}" in flat
        assert place.lead_organisation in flat
        assert all(o in flat for o in place.organisations), "every organisation, as configured"
        assert documents.code_tokens(body) == []
        assert flat.count(NOTICE) == (1 if synthetic[iso3] else 0)
    if synthetic[iso3]:
        assert NOTICE in " ".join(pages[0].split()), "the notice is on the first page"
    assert documents.text_outside_margins(pdf) == []
    # Every figure: the bar chart of the focus groups behind (one per brief where any is).
    figures = documents.pdf_images(pdf)
    assert figures == documents.docx_pictures(docx) == (1 if "Gap to the comparison" in text else 0)


@pytest.mark.parametrize("iso3", PILOTS)
def test_country_page_and_brief_pages_link_the_documents(iso3):
    html_dir = ROOT / "_build" / "html" / "book" / "results" / iso3
    index = (html_dir / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        page = (html_dir / f"{kind}_brief.html").read_text(encoding="utf-8")
        for ext in ("pdf", "docx"):
            link = re.compile(rf'href="[^"]*_downloads/[0-9a-f]+/{kind}_brief\.{ext}"')
            assert link.search(index), f"{iso3} index links the {kind} brief ({ext})"
            assert link.search(page), f"the {kind} brief page links its {ext}"
