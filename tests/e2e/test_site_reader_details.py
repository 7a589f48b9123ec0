"""Details readers expect of the built site: links from the home page to the pilot countries, a
folded run card, a favicon, a home page title said once, no placeholder launch settings."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from tests.helpers.browser import HTML, ROOT, SITE_TITLE, new_context, site_pages, toc_pages

pytestmark = pytest.mark.slow

PILOTS = {"BGD": "Bangladesh", "KEN": "Kenya", "NPL": "Nepal", "VNM": "Viet Nam"}
RESULTS = [p for p in toc_pages() if re.match(r"book/results/[A-Z]{3}/(?!index)", p)]


def _read(path):
    return (HTML / path).read_text(encoding="utf-8")


def _title(text):
    return html.unescape(re.search(r"<title>(.*?)</title>", text, re.S)[1].strip())


def test_home_page_links_each_pilot_country_to_its_results(built):
    intro = _read("book/intro.html")
    table = intro.split('id="the-pilot-countries"', 1)[1].split("</table>", 1)[0]
    anchors = re.findall(r'<a class="reference internal" href="([^"]+)">(.*?)</a>', table)
    links = {re.sub(r"<[^>]+>", "", name).strip(): href for href, name in anchors}
    assert links == {name: f"results/{code}/index.html" for code, name in PILOTS.items()}
    for href in links.values():
        assert (HTML / "book" / href).exists()


def test_every_results_page_ends_with_a_folded_run_card(built):
    from lnob_methods.run.runner import templates

    assert len(RESULTS) == len(templates()) * len(PILOTS)
    for page in RESULTS:
        text = _read(page)
        cards = re.findall(
            r'<details class="lnob-run-card"( open)?>\s*<summary>(.*?)</summary>', text
        )
        assert len(cards) == 1, page
        opened, summary = cards[0]
        assert opened == "", f"{page}: the run card is folded"
        assert summary.startswith("Run card: how this page was made (method ")
        article = text.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
        after = article.split("lnob-run-card", 1)[1]
        assert "<h2" not in after and "<section" not in after, f"{page}: the card comes last"


@pytest.mark.browser
def test_run_card_opens_on_request(site):
    browser, base = site
    ctx = new_context(browser, base)
    page = ctx.new_page()
    page.goto(f"{base}/book/results/NPL/official_stocktake.html", wait_until="load")
    table = page.locator("details.lnob-run-card table")
    assert table.count() == 1 and not table.is_visible()
    page.emulate_media(media="print")
    assert not table.is_visible(), "a printout shows the card's summary, not its full table"
    assert page.get_by_text("Run card: how this page was made").is_visible()
    page.emulate_media(media="screen")
    assert not table.is_visible()
    page.get_by_text("Run card: how this page was made").click()
    assert table.is_visible()
    assert "Methodology version" in table.inner_text()
    # Long paths and hashes wrap: the card is no wider than the page's output area.
    widths = table.evaluate("t => [t.scrollWidth, t.closest('.output').clientWidth]")
    assert widths[0] <= widths[1]
    ctx.close()


def test_every_page_has_the_favicon(built):
    assert (HTML / "_static" / "favicon.svg").read_text().startswith("<svg")
    for page in toc_pages() + ["search.html", "genindex.html"]:
        icons = re.findall(r'<link rel="icon" href="([^"]+)"', _read(page))
        assert len(icons) == 1, page
        assert ((HTML / page).parent / icons[0]).resolve() == (HTML / "_static" / "favicon.svg")


def test_home_page_title_is_said_once_and_other_pages_name_the_site(built):
    assert _title(_read("book/intro.html")) == SITE_TITLE
    assert _title(_read("book/results/KEN/index.html")) == f"Kenya \u2014 {SITE_TITLE}"
    assert _title(_read("book/about/citing.html")) == f"How to cite this book \u2014 {SITE_TITLE}"


def test_no_placeholder_launch_or_binder_settings(built):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert "launch_buttons" not in config
    for page in site_pages(HTML):
        text = _read(page).lower()
        for word in ("binder", "thebe", "unpkg.com", "jupyter-stacks-datascience"):
            assert word not in text, f"{page} mentions {word}"
