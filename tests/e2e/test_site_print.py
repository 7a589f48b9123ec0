"""The printed web pages (book/_static/lnob-print.css), in Chromium's print layout.

A pilot's programme brief and gap analysis are laid out as on A4 paper (print media, the width of
the printable area) and printed to PDF: the navigation, the sidebars, the code toggles and the
full run card are not shown, no table or figure is wider than the text, figures are not split,
and the printout is a few pages: 3 and 8 for Kenya when written (before the print stylesheet, at
the same width: 11 and 28).
Needs `make book` first (`make test` does it).
"""

from __future__ import annotations

import io

import pytest

from tests.helpers.browser import ARTIFACTS, new_context

pytestmark = pytest.mark.browser

# A4 (210 mm) less the stylesheet's margins (14 mm each side), in CSS pixels (96 per inch).
CONTENT_PX = int((210 - 2 * 14) / 25.4 * 96)  # 687

# Page: most printed pages, and whether it has figures (the brief's page has tables only).
PAGES = {
    "book/results/KEN/programme_brief.html": (5, False),
    "book/results/KEN/gap_analysis.html": (10, True),
}

HIDDEN = {
    "the navigation bar": ".bd-header",
    "the table of contents sidebar": ".bd-sidebar-primary",
    "the page's contents sidebar": ".bd-sidebar-secondary",
    "the previous/next links": ".prev-next-area",
    "the buttons": ".article-header-buttons, button",
    "the code toggles": "details.hide, details.above-input, summary.hide-summary",
    "the code": ".cell_input",
    "the full run card": "details.lnob-run-card table",
}

# Every element of ``selector`` that takes space on the page (Chromium's own visibility check).
_SHOWN = "sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility()).length"

# Tables, figures and images wider than the article or sticking out of it, as readable lines.
_TOO_WIDE = """([width]) => {
    const article = document.querySelector('article.bd-article').getBoundingClientRect();
    const out = [];
    for (const el of document.querySelectorAll('article table, article img, article svg, '
                                               + 'article figure, article .cell_output')) {
        if (!el.checkVisibility()) continue;
        const r = el.getBoundingClientRect();
        if (r.width > article.width + 1 || r.left < article.left - 1
                || r.right > article.right + 1 || el.scrollWidth > el.clientWidth + 1)
            out.push(`${el.tagName.toLowerCase()} ${el.className}: ${Math.round(r.width)} px`);
    }
    if (article.width > width + 1) out.push(`the article: ${Math.round(article.width)} px`);
    if (document.documentElement.scrollWidth > width + 1)
        out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
    return out;
}"""

# Figures and tables keep together: the print stylesheet asks Chromium not to split them.
_SPLITTABLE = """() => [...document.querySelectorAll('article img, article figure, article tr')]
    .filter(e => e.checkVisibility() && getComputedStyle(e).breakInside !== 'avoid')
    .map(e => e.tagName).slice(0, 5)"""


def test_the_print_width_is_the_paper_less_its_margins():
    assert CONTENT_PX == 687  # 182 mm at 96 px per inch: 182 / 25.4 * 96 = 687.9


@pytest.mark.parametrize("page_path", list(PAGES))
def test_a_printed_page_shows_the_reading_not_the_screen(site, page_path):
    from pypdf import PdfReader

    browser, base = site
    ctx = new_context(browser, base, viewport={"width": CONTENT_PX, "height": 1000})
    page = ctx.new_page()
    page.goto(f"{base}/{page_path}", wait_until="load")
    # On screen, the navigation and the run card's summary are there (the check can fail).
    assert page.evaluate(_SHOWN, ".bd-header") == 1
    page.emulate_media(media="print")
    shown = {what: page.evaluate(_SHOWN, sel) for what, sel in HIDDEN.items()}
    assert not any(shown.values()), f"{page_path}: printed although screen-only: {shown}"
    summary = page.locator("details.lnob-run-card > summary")
    assert summary.is_visible(), "the run card's one line (version and date) stays"
    assert "Run card: how this page was made (method " in summary.inner_text()
    assert page.evaluate(_SHOWN, "article table") > 0, "the page's tables are printed"
    most, figures = PAGES[page_path]
    if figures:
        assert page.evaluate(_SHOWN, "article img, article svg") > 0, "and its figures"
    too_wide = page.evaluate(_TOO_WIDE, [CONTENT_PX])
    assert too_wide == [], f"{page_path}: wider than the text on paper: {too_wide}"
    assert page.evaluate(_SPLITTABLE) == []
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    ctx.close()
    ARTIFACTS.mkdir(exist_ok=True)
    name = page_path.replace("/", "_").removesuffix(".html")
    (ARTIFACTS / f"print_{name}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == 210, "A4, from the stylesheet's @page"
    assert 1 <= len(reader.pages) <= most, f"{page_path}: {len(reader.pages)} pages"
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Show code cell" not in text and "import " not in text
