"""Readers on phones and tablets can open the navigation and reach another country's page.

pydata-sphinx-theme 0.17.1 with sphinx-book-theme 1.3.0 bound the sidebar buttons' handler to a
hidden button, so the buttons readers see did nothing (book/_static/lnob.js). These tests tap the
visible button as a reader would, on a touch screen at phone and tablet widths.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers.browser import ARTIFACTS, new_context

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NARROW = {"phone": 390, "tablet": 768}
KENYA = "book/results/KEN/gap_analysis.html"


def _touch_page(site, width):
    browser, base = site
    ctx = new_context(
        browser, base, viewport={"width": width, "height": 844}, has_touch=True, is_mobile=True
    )
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{KENYA}", wait_until="load")
    return ctx, page, errors


def _only_visible(page, selector):
    buttons = page.locator(f"{selector}:visible")
    assert buttons.count() == 1, f"one visible {selector} button"
    return buttons.first


@pytest.mark.parametrize("device", NARROW)
def test_menu_button_opens_the_navigation_and_leads_to_another_country(site, device):
    ctx, page, errors = _touch_page(site, NARROW[device])
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert not dialog.evaluate("d => d.open")
    nepal = dialog.get_by_role("link", name="Nepal", exact=True)
    assert nepal.count() == 0, "the navigation is not in the dialog before the tap"

    _only_visible(page, ".primary-toggle").tap()

    assert dialog.evaluate("d => d.open"), "the tap opened the navigation"
    assert nepal.is_visible(), "the navigation lists the other countries"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"navigation_open_{NARROW[device]}px.png"))

    nepal.tap()
    page.wait_for_url(re.compile(r"/book/results/NPL/index\.html$"))
    assert page.locator("h1").first.inner_text().startswith("Nepal")
    assert errors == []
    ctx.close()


@pytest.mark.parametrize("device", NARROW)
def test_contents_button_opens_the_page_outline(site, device):
    ctx, page, errors = _touch_page(site, NARROW[device])
    _only_visible(page, ".secondary-toggle").tap()
    dialog = page.locator("#pst-secondary-sidebar-modal")
    assert dialog.evaluate("d => d.open")
    outline = dialog.get_by_role("link", name="Gap classes")
    assert outline.is_visible()
    outline.tap()
    page.wait_for_url(re.compile(r"gap_analysis\.html#gap-classes$"))
    assert errors == []
    ctx.close()


def test_escape_closes_the_navigation_and_returns_focus(site):
    ctx, page, _ = _touch_page(site, NARROW["phone"])
    button = _only_visible(page, ".primary-toggle")
    button.tap()
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert dialog.evaluate("d => d.open")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    # The theme moves the navigation back to the sidebar and restores focus to the button.
    assert page.locator("#pst-primary-sidebar .bd-docs-nav").count() == 1
    assert button.evaluate("b => b === document.activeElement")
    ctx.close()


def test_menu_button_collapses_the_sidebar_on_wide_screens(site):
    from playwright.sync_api import expect

    browser, base = site
    ctx = new_context(browser, base, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto(f"{base}/{KENYA}", wait_until="load")
    sidebar = page.locator("#pst-primary-sidebar")
    expect(sidebar).to_be_visible()
    _only_visible(page, ".primary-toggle").click()
    expect(sidebar).to_be_hidden()  # after the theme's transition
    _only_visible(page, ".primary-toggle").click()
    expect(sidebar).to_be_visible()
    assert not page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
    ctx.close()
