"""The method chapters as one PDF, written by `lnob build` beside the site and linked from it.

Needs `make book` first (`make test` does it). The chapters' titles are read from their sources
(the first line of each file of `_toc.yml`), not from the PDF's making.
"""

from __future__ import annotations

import re
import tomllib

import pytest
import yaml
from pypdf import PdfReader

from lnob_methods.cli import book_pdf as build_pdf
from tests.helpers.browser import HTML, ROOT

PDF = HTML / "lnob-book.pdf"

# What must never reach a reader from the making of a page: MyST roles and fences, permalink
# signs, the code toggles and the copy buttons of the web page.
LEAKS = [
    "{doc}",
    "{ref}",
    "{term}",
    "{cite",
    "```",
    ":::",
    "Show code cell",
    "Hide code cell",
    "¶",
    "Copy to clipboard",
    "Link to this heading",
    "lnob-book-pdf",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def book():
    if not PDF.exists():
        pytest.fail(f"{PDF} was not built: run `make book` first (make test does)")
    reader = PdfReader(PDF)
    return reader, _flat(" ".join(p.extract_text() for p in reader.pages))


def _chapter_titles() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    titles = []
    for f in files:
        first = (ROOT / f"{f}.md").read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("# "), f"{f}: a chapter opens with its title"
        titles.append(first[2:].strip())
    return titles


def test_every_method_chapter_is_in_the_pdf(book):
    reader, text = book
    titles = _chapter_titles()
    assert len(titles) >= 18 and "Glossary" in titles
    missing = [t for t in titles if _flat(t) not in text]
    assert not missing, f"chapters missing from the PDF: {missing}"
    # Each on a page of its own, after the cover and the contents: far more pages than chapters.
    assert len(reader.pages) > len(titles)


def test_the_pdf_has_no_country_results_and_no_code_leaks(book):
    _, text = book
    assert not [w for w in LEAKS if w in text]
    assert "Kenya: evidence gap map and gap analysis" not in text, "the method only"


def test_the_cover_names_the_version_and_the_metadata_are_fixed(book):
    reader, text = book
    with open(ROOT / "pyproject.toml", "rb") as fh:
        version = tomllib.load(fh)["project"]["version"]
    assert f"The method chapters, methodology version {version}." in text
    assert reader.metadata["/Title"] == "Leave No One Behind: the evidence process"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"]


@pytest.mark.parametrize("page", ["book/intro.html", "book/about/citing.html"])
def test_the_home_and_citing_pages_link_to_it(page):
    html = (HTML / page).read_text(encoding="utf-8")
    links = re.findall(r'<a class="reference external" href="([^"]*lnob-book\.pdf)"', html)
    assert len(links) == 1, page
    assert ((HTML / page).parent / links[0]).resolve() == PDF.resolve()


def _undated(text: str) -> str:
    # The cover's date is the date of the commit built (a commit since the build changes it).
    return re.sub(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", "DATE", text)


def test_two_builds_give_the_same_pdf(book, tmp_path, monkeypatch):
    reader, text = book
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    one = build_pdf.build(ROOT, tmp_path / "one.pdf")
    two = build_pdf.build(ROOT, tmp_path / "two.pdf")
    assert one.read_bytes() == two.read_bytes(), "same commit, same bytes"
    again = PdfReader(one)
    assert len(again.pages) == len(reader.pages)
    again_text = _flat(" ".join(p.extract_text() for p in again.pages))
    assert "1 January 2026" in again_text
    assert _undated(again_text) == _undated(text), "the same text as the published PDF"


def _chapter_header_words() -> set[str]:
    from bs4 import BeautifulSoup

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    words = set()
    for f in files:
        page = BeautifulSoup((HTML / f"{f}.html").read_text(encoding="utf-8"), "html.parser")
        for th in page.select("article th"):
            words.update(w for w in re.findall(r"[A-Za-z]+", th.get_text()) if len(w) >= 4)
    return words


def _cut(word: str, text: str) -> bool:
    # The word's letters with white space inside it: "Re qui red" for "Required".
    spread = r"\b" + r"\s*".join(map(re.escape, word)) + r"\b"
    return any(re.search(r"\s", m) for m in re.findall(spread, text))


def test_table_headers_keep_their_words_whole(book):
    # Only code may break anywhere in a table cell: "Required" was printed "Re qui red".
    reader, text = book
    words = _chapter_header_words()
    assert {"Required", "Meaning", "Field"} <= words, "the chapters' tables were found"
    assert _cut("Required", "Re qui red") and not _cut("Required", "Required field")
    assert [w for w in sorted(words) if _cut(w, text)] == []


def test_nothing_is_printed_in_the_right_margin(tmp_path):
    # A table wider than the page runs off its right edge: no ink beyond the 18 mm margin.
    import subprocess

    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", str(PDF), str(tmp_path / "p")], check=True)
    over = []
    for png in sorted(tmp_path.glob("p-*.png")):
        ink = np.asarray(Image.open(png).convert("L")) < 200
        if ink[:, int(ink.shape[1] * 193 / 210) :].any():
            over.append(png.stem)
    assert len(list(tmp_path.glob("p-*.png"))) > 40
    assert over == []
