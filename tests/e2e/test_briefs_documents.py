"""The four pilots' brief documents as built by `lnob build`: read back, linked from the site.

Needs `make book` first (`make test` does it). Each PDF is opened with pypdf and each Word file
with python-docx; the synthetic notice is expected exactly when the country's declarations say
that some of its evidence is synthetic.
"""

from __future__ import annotations

import json
import re

import pytest

from lnob_methods.analysis import brief_content, country_evidence
from lnob_methods.core import paths
from lnob_methods.reference import countries
from tests.helpers import PILOTS, ROOT, documents

KINDS = ["programme", "advocacy"]
CASES = [(c, k) for c in PILOTS for k in KINDS]
NOTICE = "Synthetic demonstration data"


def _folder(iso3, kind):
    return paths.results_dir() / iso3 / "exports" / f"{kind}_brief"


@pytest.fixture(scope="module")
def evidence():
    """Each pilot's evidence (cached by the build)."""
    return {iso3: country_evidence.assemble(iso3) for iso3 in PILOTS}


@pytest.mark.parametrize(("iso3", "kind"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_pilot_brief_documents(iso3, kind, evidence):
    folder = _folder(iso3, kind)
    pdf, docx = folder / f"{kind}_brief.pdf", folder / f"{kind}_brief.docx"
    if not pdf.exists():
        pytest.fail(f"{pdf} was not built: run `make book` first (make test does)")
    card = json.loads((folder / "runcard.json").read_text())
    place = countries.load_country(iso3)
    ce = evidence[iso3]
    synthetic = ce.synthetic or ce.testimonies_synthetic  # from the declarations
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
        assert flat.count(NOTICE) == (1 if synthetic else 0)
    if synthetic:
        assert NOTICE in " ".join(pages[0].split()), "the notice is on the first page"
    assert documents.text_outside_margins(pdf) == []
    # Quotes in Nepali and Bangla are drawn with a font that has their letters (no empty boxes;
    # pypdf gives no text for a missing glyph, so the brief's content says which scripts occur).
    brief = brief_content.build(ce, kind)
    tables = [f.table for f in brief.findings if f.table is not None]
    content = " ".join(str(v) for t in tables for v in t.to_numpy().ravel())
    fonts = documents.pdf_fonts(pdf)
    for script, first, last in (("Devanagari", 0x900, 0x97F), ("Bengali", 0x980, 0x9FF)):
        if any(first <= ord(ch) <= last for ch in content):
            assert any(script in f for f in fonts), f"no {script} font in {sorted(fonts)}"
    # Every figure of the brief's content is in both documents, once.
    charts = [f for f in brief.findings if f.chart is not None]
    assert documents.pdf_images(pdf) == documents.docx_pictures(docx) == len(charts)


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


@pytest.mark.parametrize(("iso3", "kind"), CASES, ids=[f"{c}-{k}" for c, k in CASES])
def test_word_briefs_fit_on_four_pages_as_laid_out_by_libreoffice(iso3, kind, tmp_path):
    """python-docx lays nothing out: LibreOffice (make system-deps) lays the Word file out."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice Writer is missing: run `make system-deps`"
    docx = _folder(iso3, kind) / f"{kind}_brief.docx"
    profile = (tmp_path / "profile").as_uri()  # its own profile: parallel runs do not collide
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pages = documents.pdf_pages(tmp_path / f"{kind}_brief.pdf")
    assert 1 <= len(pages) <= 4, f"{docx.name} lays out on {len(pages)} pages"
