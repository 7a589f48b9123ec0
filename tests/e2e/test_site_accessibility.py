"""Every page passes axe-core (pinned in tests/browser) in light and dark mode.

Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA runs, with axe's best practices (landmarks,
regions); no critical, serious or moderate violation is allowed. Pages are also audited in the
states readers put them in: the navigation open on a phone, the gap map drilled down with a
cell's records listed, the run card unfolded.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.browser import AXE, HTML, axe, blocking, new_context, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MODES = ["light", "dark"]


def test_axe_is_the_pinned_release():
    pinned = json.loads((AXE.parents[2] / "package.json").read_text())["dependencies"]["axe-core"]
    assert AXE.exists(), "run `make browser-deps`"
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{pinned}")
    assert tuple(int(x) for x in pinned.split(".")) >= (4, 14), "axe-core 4.14 or later"


def _open(site, path, mode, **options):
    browser, base = site
    ctx = new_context(browser, base, mode=mode, **options)
    page = ctx.new_page()
    page.goto(f"{base}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    if path.startswith("book/") or path in ("search.html", "genindex.html"):
        assert page.evaluate("document.documentElement.dataset.theme") == mode
    return ctx, page


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", site_pages(HTML))
def test_page_has_no_accessibility_violations(site, path, mode):
    ctx, page = _open(site, path, mode)
    found = axe(page)
    ctx.close()
    assert blocking(found) == [], f"{path} ({mode} mode)"


@pytest.mark.parametrize("mode", MODES)
def test_open_navigation_on_a_phone(site, mode):
    ctx, page = _open(
        site,
        "book/results/KEN/index.html",
        mode,
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
    )
    page.locator(".primary-toggle:visible").tap()
    assert page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
    found = axe(page)
    ctx.close()
    assert blocking(found) == []


# The map in its page, and the standalone file offered for download.
GAP_MAPS = ["book/results/KEN/gap_analysis.html"]
GAP_MAPS += [p for p in site_pages(HTML) if p.startswith("_downloads/")][:1]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", GAP_MAPS)
def test_gap_map_drilled_down_with_records_listed(site, path, mode):
    ctx, page = _open(site, path, mode)
    root = page.locator(".lnob-egm").first
    root.locator("button.egm-goal").nth(9).click()
    root.locator("td.egm-has button").first.click()
    assert root.locator(".egm-details li").count() > 0
    found = axe(page)
    ctx.close()
    assert blocking(found) == []


@pytest.mark.parametrize("mode", MODES)
def test_unfolded_run_card(site, mode):
    ctx, page = _open(site, "book/results/KEN/programme_brief.html", mode)
    page.locator("details.lnob-run-card > summary").click()
    assert page.locator("details.lnob-run-card table").is_visible()
    found = axe(page, "details.lnob-run-card")
    ctx.close()
    assert blocking(found) == []
