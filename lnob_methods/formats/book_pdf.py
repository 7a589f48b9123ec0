"""The method chapters of the book as one PDF, for reading offline and for citing.

Made from Sphinx's ``singlehtml`` output of the hand-written chapters (``lnob build`` runs it, see
:mod:`lnob_methods.cli.book_pdf`): the article is taken out of the theme's page, cleaned of what
only works on screen (permalinks, copy buttons, toggles), and printed by WeasyPrint with its own
A4 stylesheet. Reproducible: the date inside is the run date of the commit (or
``SOURCE_DATE_EPOCH``), never the clock, and the PDF identifier is fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from pathlib import Path

BOOK_PDF = "lnob-book.pdf"

# Table cells wrap prose between words; only code (identifiers, file names) may break anywhere.
# With "anywhere" on whole cells every letter was a break: the table layout measured each cell
# letter by letter (about 40 % of the printing time), and cut header words ("defau lt").
BOOK_CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 18mm;
  @bottom-left { content: "%(footer)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 7.5pt; color: #555; } }
@page :first { @bottom-left { content: none; } }
html { font-family: "DejaVu Serif", "Lohit Devanagari", "Lohit Bengali", serif;
  font-size: 10pt; line-height: 1.4; color: #111; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", sans-serif; color: #1f4e79;
  break-after: avoid; }
h1 { font-size: 18pt; margin: 0 0 4mm 0; }
section.lnob-chapter { break-before: page; }
h2 { font-size: 13pt; margin: 6mm 0 2mm 0; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm 0; }
.lnob-cover { text-align: left; padding-top: 60mm; break-after: page; }
.lnob-cover h1 { font-size: 26pt; }
.lnob-cover p { font-size: 11pt; }
.lnob-contents ol { font-size: 10pt; }
.lnob-contents a { color: inherit; text-decoration: none; }
.lnob-contents a::after { content: leader(".") target-counter(attr(href), page); }
a { color: #1f4e79; text-decoration: none; }
pre, code, kbd { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4;
  padding: 2mm; break-inside: avoid; }
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; margin: 2mm 0;
  table-layout: auto; }
th, td { border-bottom: 0.3pt solid #bbb; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
td code, th code, td pre { overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
img, svg { max-width: 100%%; height: auto; }
figure, .figure, img { break-inside: avoid; }
blockquote { margin: 2mm 0 2mm 6mm; color: #333; }
.admonition, aside, div.topic { border-left: 1mm solid #1f4e79; padding: 1mm 3mm;
  margin: 2mm 0; background: #f5f8fb; break-inside: avoid; }
.admonition-title { font-weight: bold; }
dl dt { font-weight: bold; }
"""

# Screen-only parts of the theme's article: permalinks, copy buttons, toggles, the search box.
_SCREEN_ONLY = (
    "a.headerlink",
    "button",
    ".copybtn",
    ".toggle-details",
    "summary",
    "script",
    "style",
    "form",
    ".sd-tab-set > input",
)


def _date(run_date: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(run_date)
    except ValueError:
        when = dt.datetime(1980, 1, 1)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _css_string(text: str) -> str:
    # Everything but plain letters, digits and a few signs as a CSS escape (see briefs._css_string).
    safe = set(" .,:;-()")
    return "".join(
        ch if ch.isascii() and ch.isalnum() or ch in safe else f"\\{ord(ch):x} " for ch in text
    )


def _tidy_anchors(article) -> None:
    # The chapters were separate pages: Sphinx's automatic ids (footnotes, citations) repeat from
    # one to the next, and a link may point to a page that is not in the book (the home page).
    # Keep the first of each id, and turn a link to no anchor into its text.
    seen = set()
    for node in article.find_all(id=True):
        if node["id"] in seen:
            del node["id"]
        else:
            seen.add(node["id"])
    for link in article.find_all("a", href=True):
        if link["href"].startswith("#") and link["href"][1:] not in seen:
            link.unwrap()


def book_html(page: str, *, title: str, author: str, version: str, run_date: str) -> str:
    """Return the printable HTML of the book from its ``singlehtml`` page.

    Parameters
    ----------
    page
        The HTML of the ``singlehtml`` build (the root page, holding every chapter).
    title, author
        The book's title and author (``_config.yml``).
    version
        The methodology version.
    run_date
        The fixed date of the build (ISO 8601), shown on the cover and written as metadata.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("article", class_="bd-article")
    if article is None:
        raise ValueError("no <article class='bd-article'> in the single-page build of the book")
    for selector in _SCREEN_ONLY:
        for node in article.select(selector):
            node.decompose()
    # Sphinx's singlehtml puts each chapter, as a section, into the root page where its table of
    # contents was: each chapter starts a new page, and the contents list their titles.
    chapters = []
    for i, section in enumerate(article.select("div.toctree-wrapper > section")):
        heading = section.find(["h1", "h2"])
        if heading is None:
            continue
        anchor = f"lnob-chapter-{i}"
        section["class"] = [*section.get("class", []), "lnob-chapter"]
        heading["id"] = anchor
        heading.name = "h1"
        chapters.append((anchor, heading.get_text(" ", strip=True)))
    _tidy_anchors(article)
    when = _date(run_date)
    day = when.strftime("%-d %B %Y")
    e = html.escape
    contents = "".join(f'<li><a href="#{a}">{e(t)}</a></li>' for a, t in chapters)
    cover = (
        f'<div class="lnob-cover"><h1>{e(title)}</h1>'
        f"<p>The method chapters, methodology version {e(version)}.</p>"
        f"<p>{e(author)}</p><p>{e(day)}</p>"
        "<p>The country results are on the website and in each country's briefs; "
        "this document holds the method and its reference chapters.</p></div>"
        f'<nav class="lnob-contents"><h2>Contents</h2><ol>{contents}</ol></nav>'
    )
    footer = f"{title}, methodology version {version}"
    css = BOOK_CSS % {"footer": _css_string(footer)}
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title>"
        f'<meta name="author" content="{e(author)}">'
        '<meta name="generator" content="lnob">'
        f'<meta name="dcterms.created" content="{stamp}">'
        f'<meta name="dcterms.modified" content="{stamp}">'
        f"<style>{css}</style></head><body>{cover}{article.decode_contents()}</body></html>"
    )


def write_book_pdf(doc: str, path: Path, *, base_url: Path) -> Path:
    """Print ``doc`` (from :func:`book_html`) to ``path`` as PDF; return the path.

    ``base_url`` is the folder the page's images are relative to.
    """
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, slow for other callers

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ident = hashlib.sha256(doc.encode()).hexdigest()[:16].encode()
    tmp = path.with_name(path.name + ".tmp")
    HTML(string=doc, base_url=str(base_url) + "/").write_pdf(tmp, pdf_identifier=ident)
    tmp.replace(path)
    return path
