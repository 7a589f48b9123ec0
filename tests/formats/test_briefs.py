"""The brief documents (PDF and Word) written from the hand-made evidence of tests/helpers.

The synthetic notice follows the provenance declarations written here (synthetic, real), never a
file name: the fixture's file called ``synthetic_care.csv`` is declared real in one test.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib

import pytest

from lnob_methods.analysis import brief_content
from lnob_methods.formats import briefs
from lnob_methods.reference import provenance
from tests.helpers import documents
from tests.helpers import evidence as fixture

CARD = {
    "methodology_version": "9.8.7",
    "git_commit": "0123456789abcdef0123456789abcdef01234567",
    "run_date": "2026-11-29T10:00:00+00:00",
    "inputs": {
        "data/countries/KEN.yaml": "a" * 64,
        "data/countries/KEN/inventories/care.csv": "b" * 64,
        "data/reference/sdgdb.csv": "c" * 64,
    },
}
NOTICE = "Synthetic demonstration data"
# A 1×1 red PNG, as a country office's logo.
LOGO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


def _evidence(tmp_path, synthetic: bool):
    """Return the hand-made evidence with its inventory files declared synthetic or real."""
    folder = tmp_path / "inventories"
    folder.mkdir()
    ce = fixture.country_evidence()
    names = sorted(set(ce.inventory["_file"]))
    for name in names:
        (folder / name).write_text("declared\n")
    provenance.write(folder, [provenance.Declaration(n, synthetic, holder="x") for n in names])
    ce.inventory = ce.inventory.assign(_file=[str(folder / f) for f in ce.inventory["_file"]])
    return ce


def _write(tmp_path, synthetic: bool, kind: str = "programme", **changes):
    ce = _evidence(tmp_path, synthetic)
    brief = dataclasses.replace(brief_content.build(ce, kind), **changes)
    pdf, docx = briefs.write_brief(brief, CARD, tmp_path / "out", run_card_url="https://x.org/p")
    return brief, pdf, docx


@pytest.mark.parametrize("kind", ["programme", "advocacy"])
def test_a_brief_reads_as_a_document(tmp_path, kind):
    brief, pdf, docx = _write(tmp_path, synthetic=False, kind=kind)
    assert (pdf.name, docx.name) == (f"{kind}_brief.pdf", f"{kind}_brief.docx")
    pages = documents.pdf_pages(pdf)
    assert 1 <= len(pages) <= 4
    text, word = "\n".join(pages), documents.docx_text(docx)
    for body in (text, word):
        assert f"Kenya: {kind} brief" in body
        assert "method version 9.8.7" in body
        assert "29 November 2026" in body
        assert "Persons with disabilities" in body  # the focus group furthest behind (33%)
        assert "0123456789" in body and "0123456789abcdef0" not in body  # commit abbreviated
        assert "Evidence inventories 1 file, fingerprint" in " ".join(body.split())
        assert "a" * 13 not in body  # fingerprints abbreviated
        assert "https://x.org/p" in body  # the full run card on the site
        assert NOTICE not in body  # every inventory declared real
        assert documents.code_tokens(body) == []
    assert "Kenya" in pages[0] and "method version 9.8.7" in pages[0]
    for n, page in enumerate(pages, start=1):  # the footer of every page
        assert f"Kenya: {kind} brief · method version 9.8.7" in page
        assert f"Page {n} of {len(pages)}" in page
    assert documents.text_outside_margins(pdf) == []


def test_every_figure_is_in_both_documents(tmp_path):
    brief, pdf, docx = _write(tmp_path, synthetic=False)
    charts = [f for f in brief.findings if f.chart is not None and len(f.chart)]
    assert len(charts) == 1  # the focus groups behind: two bars, 33% and 25%
    assert list(charts[0].chart["value"]) == [33, 25]
    assert documents.pdf_images(pdf) == 1
    assert documents.docx_pictures(docx) == 1


@pytest.mark.parametrize("kind", ["programme", "advocacy"])
def test_the_synthetic_notice_is_on_the_first_page_when_declared_synthetic(tmp_path, kind):
    brief, pdf, docx = _write(tmp_path, synthetic=True, kind=kind)
    pages = documents.pdf_pages(pdf)
    first = " ".join(pages[0].split())
    assert "Evidence behind this brief is synthetic (synthetic inventories)" in first
    assert " ".join("\n".join(pages[1:]).split()).count(NOTICE) == 0
    word = documents.docx_text(docx)
    assert word.count(NOTICE) == 1
    assert word.index(NOTICE) < word.index("Who official data show furthest behind")


def test_the_notice_follows_the_declarations_of_every_stream(tmp_path):
    ce = fixture.country_evidence()  # files declared nowhere: not synthetic
    assert brief_content.synthetic_notice(ce) == ""
    real = _evidence(tmp_path, synthetic=False)
    assert brief_content.synthetic_notice(real) == ""
    voices = tmp_path / "testimonies"
    voices.mkdir()
    (voices / "export.xlsx").write_text("declared\n")
    provenance.write(voices, [provenance.Declaration("export.xlsx", True)])
    mixed = dataclasses.replace(real, testimony_files=(str(voices / "export.xlsx"),))
    assert brief_content.synthetic_notice(mixed) == (
        "Synthetic demonstration data. Evidence behind this brief is synthetic (inventories and "
        "synthetic testimonies): it is made up to show the method and must not be quoted as "
        "findings. The official statistics are real: UN SDG Global Database (December 2023 "
        "extract)."
    )


def test_two_writes_give_the_same_documents(tmp_path):
    brief, pdf, docx = _write(tmp_path, synthetic=True)
    first = (pdf.read_bytes(), docx.read_bytes())
    briefs.write_brief(brief, CARD, tmp_path / "out", run_card_url="https://x.org/p")
    assert (pdf.read_bytes(), docx.read_bytes()) == first


def test_document_dates_are_the_run_date(tmp_path):
    import docx as python_docx
    from pypdf import PdfReader

    _, pdf, docx = _write(tmp_path, synthetic=False)
    meta = PdfReader(str(pdf)).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20261129100000Z"
    assert meta["/Title"] == "Kenya: programme brief"
    props = python_docx.Document(str(docx)).core_properties
    assert props.created.isoformat() == props.modified.isoformat() == "2026-11-29T10:00:00+00:00"
    assert props.title == "Kenya: programme brief"


def test_the_country_office_logo_and_colour_are_used(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(LOGO)
    brief, pdf, docx = _write(tmp_path, synthetic=False, logo=str(logo), colour="#aa0033")
    assert documents.pdf_images(pdf) == 2  # the logo and the figure
    assert documents.docx_pictures(docx) == 2
    assert "color: #aa0033" in briefs.brief_html(brief, CARD)
    import docx as python_docx

    title = python_docx.Document(str(docx)).styles["Title"]
    assert str(title.font.color.rgb) == "AA0033"


def test_the_appendix_keeps_a_short_run_card():
    rows = dict(briefs.appendix_rows({**CARD, "git_commit": CARD["git_commit"] + "+changes"}))
    # One fingerprint per group: sha256 of its "path digest" lines, 12 digits.
    config = hashlib.sha256(f"data/countries/KEN.yaml {'a' * 64}".encode()).hexdigest()[:12]
    care = f"data/countries/KEN/inventories/care.csv {'b' * 64}"
    inventories = hashlib.sha256(care.encode()).hexdigest()[:12]
    reference = hashlib.sha256(f"data/reference/sdgdb.csv {'c' * 64}".encode()).hexdigest()[:12]
    assert rows == {
        "Method version": "9.8.7",
        "Run date": "29 November 2026",
        "Commit": "0123456789 (with changes)",
        "Country configuration": f"1 file, fingerprint {config}…",
        "Evidence inventories": f"1 file, fingerprint {inventories}…",
        "Reference data and template": f"1 file, fingerprint {reference}…",
    }


def test_hostile_text_is_written_as_text(tmp_path):
    hostile = "<script>alert(1)</script> & {raw}`html` \x0b\x00end"
    brief, pdf, docx = _write(tmp_path, synthetic=False, lead_agency=hostile, title=hostile)
    for body in (" ".join(documents.pdf_pages(pdf)), documents.docx_text(docx)):
        assert "<script>alert(1)</script> & {raw}`html`" in body
        assert "end" in body
    assert "<script>" not in briefs.brief_html(brief, CARD)


def test_a_title_longer_than_a_word_property_is_cut_there_only(tmp_path):
    # Word's title, author and subject properties hold 255 characters: a long country config
    # (every payload of the hostile corpus in its name) failed the brief run.
    long = "Kenya " + "x" * 300
    brief, pdf, docx = _write(tmp_path, synthetic=False, lead_agency=long, title=long)
    import docx as python_docx

    props = python_docx.Document(str(docx)).core_properties
    assert props.title == long[:254] + "…" and len(props.author) == 255
    assert long in documents.docx_text(docx), "the body keeps the whole title"


def test_writing_a_brief_leaves_the_callers_figure_backend_alone(tmp_path):
    # Every results notebook imports the brief writers (through site.notebook): choosing a
    # backend there would remove the inline figures of every page (it did, once).
    import os
    import subprocess
    import sys

    code = (
        "import matplotlib, pandas as pd\n"
        "import lnob_methods.site.notebook\n"
        "from lnob_methods.formats import briefs\n"
        "briefs.chart_png(pd.DataFrame({'label': ['a'], 'value': [5]}), 't')\n"
        "print(matplotlib.get_backend())\n"
    )
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "svg"


def test_a_chart_shown_in_both_documents_is_drawn_once(monkeypatch):
    import pandas as pd

    drawn = []
    figure = briefs.Figure
    monkeypatch.setattr(briefs, "Figure", lambda *a, **k: drawn.append(1) or figure(*a, **k))
    briefs._chart_png.cache_clear()
    chart = pd.DataFrame({"label": ["Women", "Men"], "value": [12, 7]})
    first = briefs.chart_png(chart, "Share")
    again = briefs.chart_png(chart.copy(), "Share")
    assert again == first and len(drawn) == 1, "the same chart, drawn once"
    other = briefs.chart_png(chart.assign(value=[12, 8]), "Share")
    assert other != first and len(drawn) == 2, "another value is another chart"
    assert briefs.chart_png(chart, "Share", "#000000") != first and len(drawn) == 3
