"""The method chapters as one PDF: the printable page made from a single-page build."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lnob_methods.formats import book_pdf

# The shape of Sphinx's singlehtml page: the theme around an article holding the root page, whose
# tables of contents were replaced by the chapters (each after a span naming its document).
PAGE = """<html><body><nav class="bd-sidebar-primary">Navigation</nav>
<article class="bd-article"><section id="root"><h1>The book<a class="headerlink" href="#root">#</a>
</h1><p>Opening words.</p>
<div class="toctree-wrapper compound"><span id="document-a"></span>
<section id="first"><h2>First chapter<a class="headerlink" href="#first">#</a></h2>
<p>Text one.</p><button class="copybtn">Copy</button>
<details class="hide above-input"><summary>Show code cell source</summary></details>
<section id="sub"><h3>A part</h3><p>More.</p></section></section>
<span id="document-b"></span><section id="second"><h2>Second &amp; last</h2><p>Two.</p></section>
</div></section></article><footer>Footer</footer></body></html>"""

ARGS = {
    "title": "A <book>",
    "author": "The team",
    "version": "1.2.3",
    "run_date": "2026-03-04T05:06:07+00:00",
}


def test_the_printable_page_keeps_the_article_and_its_chapters():
    doc = book_pdf.book_html(PAGE, **ARGS)
    assert "Navigation" not in doc and "Footer" not in doc, "the theme around it is left out"
    assert "Opening words." in doc and "Text one." in doc and "More." in doc
    for screen_only in ("headerlink", "copybtn", "Copy<", "Show code cell source"):
        assert screen_only not in doc
    # Two chapters, each a new page with its title as a heading of the first level and a line
    # in the contents; the chapter's own parts keep their level.
    assert doc.count('<section class="lnob-chapter"') == 2
    assert '<h1 id="lnob-chapter-0">First chapter</h1>' in doc
    assert '<h1 id="lnob-chapter-1">Second &amp; last</h1>' in doc
    assert "<h3>A part</h3>" in doc
    contents = doc.split('class="lnob-contents"', 1)[1].split("</nav>", 1)[0]
    assert contents.count("<li>") == 2 and "Second &amp; last" in contents


def test_the_cover_says_version_and_date_and_the_title_is_escaped():
    doc = book_pdf.book_html(PAGE, **ARGS)
    cover = doc.split('class="lnob-cover"', 1)[1].split("</div>", 1)[0]
    assert "A &lt;book&gt;" in cover and "<book>" not in doc
    assert "methodology version 1.2.3" in cover
    assert "4 March 2026" in cover, "the date of the run, written out"
    assert '<meta name="dcterms.created" content="2026-03-04T05:06:07Z">' in doc


def test_a_date_that_cannot_be_read_gives_a_fixed_date_not_the_clock():
    doc = book_pdf.book_html(PAGE, **{**ARGS, "run_date": "unknown"})
    assert "1 January 1980" in doc


def test_a_page_without_the_article_is_refused_with_a_message():
    with pytest.raises(ValueError, match="no <article class='bd-article'>"):
        book_pdf.book_html("<html><body><p>Other</p></body></html>", **ARGS)


def test_the_pdf_is_the_same_bytes_twice_with_its_metadata(tmp_path):
    doc = book_pdf.book_html(PAGE, **ARGS)
    one = book_pdf.write_book_pdf(doc, tmp_path / "one.pdf", base_url=tmp_path)
    two = book_pdf.write_book_pdf(doc, tmp_path / "two.pdf", base_url=tmp_path)
    assert one.read_bytes() == two.read_bytes()
    reader = PdfReader(io.BytesIO(one.read_bytes()))
    assert reader.metadata["/Title"] == "A <book>"
    assert reader.metadata["/CreationDate"].startswith("D:20260304050607")
    text = "".join(p.extract_text() for p in reader.pages)
    assert "First chapter" in text and "Second & last" in text
    # The cover alone; the contents and the opening words; then one page for each chapter.
    assert len(reader.pages) == 4
    assert not list(tmp_path.glob("*.tmp")), "written through a temporary file, then moved"
