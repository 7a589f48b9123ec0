"""The built site in a real browser (Debian's chromium, headless, driven by Playwright).

Needs `make book` first (`make test` does it). Every page of the table of contents is opened over
loopback HTTP with every request leaving the site blocked and recorded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.helpers.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, HTML, serve, toc_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not (HTML / "book" / "intro.html").exists():
        pytest.fail("the site is not built: run `make book` (make test does it first)")
    from playwright.sync_api import sync_playwright

    base, server = serve()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b, base
        b.close()
    server.shutdown()
    server.server_close()


def _visit(browser, page_path, action=None):
    b, base = browser
    ctx = b.new_context()
    page = ctx.new_page()
    log = {"errors": [], "external": [], "bytes": 0}
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            log["external"].append(r.request.url)
            r.abort()

    page.route("**/*", route)

    def count(resp):
        if resp.status >= 400:
            log["errors"].append(f"HTTP {resp.status} {resp.url}")
        try:
            log["bytes"] += len(resp.body())
        except Exception:  # noqa: BLE001 - aborted or redirected responses have no body
            pass

    page.on("response", count)
    page.goto(f"{base}/{page_path}", wait_until="load")
    result = action(page, log) if action else None
    ctx.close()
    return log, result


PAGES = toc_pages()


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_cleanly_offline(browser, page_path):
    # Accessibility (axe-core, every page, light and dark): tests/e2e/test_site_accessibility.py
    def images(page, log):
        page.wait_for_load_state("networkidle")
        return page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt'))")

    log, alts = _visit(browser, page_path, images)
    assert log["errors"] == [], f"console errors on {page_path}: {log['errors']}"
    assert log["external"] == [], f"{page_path} asked for resources outside the site"
    for alt in alts:
        assert alt and not re.search(r"\.(png|svg|jpe?g)$", alt), f"{page_path}: img alt {alt!r}"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_no_broken_internal_links():
    broken = []
    for page in PAGES:
        src = HTML / page
        for href in _parse(src).hrefs:
            url = urlparse(href)
            if url.scheme in {"http", "https", "mailto", "javascript", "data"} or url.netloc:
                continue
            target = (src.parent / unquote(url.path)).resolve() if url.path else src
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page} -> {href}")
            elif url.fragment and target.suffix == ".html":
                if url.fragment not in _parse(target).ids:
                    broken.append(f"{page} -> {href} (no such anchor)")
    assert broken == []


def test_search_finds_a_country(browser):
    def search(page, log):
        page.wait_for_selector("#search-results ul li", timeout=15000)
        return page.inner_text("#search-results")

    _, text = _visit(browser, "search.html?q=Kenya", search)
    assert "Kenya" in text


def test_screenshots_of_home_and_a_country_page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {"home": "book/intro.html", "kenya": "book/results/KEN/official_stocktake.html"}
    for name, path in shots.items():
        out = ARTIFACTS / f"screenshot_{name}.png"
        _visit(
            browser,
            path,
            lambda page, _log, out=out: page.screenshot(path=str(out), full_page=True),
        )
        assert out.stat().st_size > 10_000


def test_heaviest_page_is_reported(browser):
    sizes = sorted((_visit(browser, p)[0]["bytes"], p) for p in PAGES)
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{size}\t{page}" for size, page in sizes]
    (ARTIFACTS / "transfer_sizes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size, page = sizes[-1]
    print(
        f"\nheaviest page: {page} transfers {size / 1024:.0f} KiB (all pages: "
        f"tests/artifacts/transfer_sizes.tsv)"
    )
    assert size < 8 * 2**20, "a page over 8 MiB is too heavy for slow connections"


def test_interactive_gap_map_filters_and_lists_records(browser):
    def play(page, _log):
        root = page.locator(".lnob-egm").first
        status = root.locator(".egm-status")
        before = status.inner_text()
        total = int(before.split(" of ")[1].split(" ")[0])
        # One organisation ticked: fewer items match.
        root.locator("fieldset[data-filter='org'] input").first.check()
        after_org = int(status.inner_text().split(" ")[0])
        # A second value in the same filter group widens the selection (OR within a group).
        root.locator("fieldset[data-filter='org'] input").nth(1).check()
        after_two = int(status.inner_text().split(" ")[0])
        # A quality filter narrows it again (AND across groups).
        root.locator("fieldset[data-filter='quality'] input[value='high']").check()
        after_quality = int(status.inner_text().split(" ")[0])
        # Drill down to a goal's targets, then click a cell with items.
        root.locator("button.egm-goal").nth(9).click()
        header = root.locator("thead th").nth(1).inner_text()
        root.locator("td.egm-has button").first.click()
        details = root.locator(".egm-details").inner_text()
        return total, after_org, after_two, after_quality, header, details

    _, result = _visit(browser, "book/results/KEN/gap_analysis.html", play)
    total, after_org, after_two, after_quality, header, details = result
    assert 0 < after_org < total
    assert after_org < after_two <= total
    assert after_quality <= after_two
    assert header.startswith("10."), "goal 10 drilled down to its targets"
    assert " × " in details and "(synthetic)" in details, "the cell's records are listed"


def test_briefs_print_cleanly(browser):
    def printed(page, _log):
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "() => getComputedStyle(document.querySelector('.bd-sidebar-primary')).display"
        )
        pdf = page.pdf(format="A4")
        return hidden, pdf

    ARTIFACTS.mkdir(exist_ok=True)
    for brief in ["programme_brief", "advocacy_brief"]:
        _, (hidden, pdf) = _visit(browser, f"book/results/KEN/{brief}.html", printed)
        assert hidden == "none", "the navigation is left out of the printout"
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        (ARTIFACTS / f"KEN_{brief}.pdf").write_bytes(pdf)
