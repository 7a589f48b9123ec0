"""The development site says it is one, and its version switcher lists the versions.

Needs `make book` first (`make test` does it). Releases (`lnob release`) are tested on a small
book in tests/cli/test_release.py.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.browser import HTML, ROOT, new_context, toc_pages

DEV_NOTE = "This page belongs to the development version of the book"
DEV_ENTRY = {"name": "development (not released)", "version": "dev", "url": "/dev/"}


def test_every_page_says_which_version_it_belongs_to(built):
    pages = toc_pages()
    assert len(pages) > 20
    missing = [p for p in pages if DEV_NOTE not in (HTML / p).read_text(encoding="utf-8")]
    assert not missing, f"pages without their version: {missing[:5]}"


def test_the_switcher_list_is_written_with_the_site(built):
    listed = json.loads((HTML / "versions.json").read_text(encoding="utf-8"))
    assert listed[-1] == DEV_ENTRY, "the development version comes last"
    if not (ROOT / "_build" / "versions").exists():  # no release built on this machine
        assert listed == [DEV_ENTRY]


@pytest.mark.browser
def test_the_switcher_shows_the_development_version(site):
    browser, base = site
    ctx = new_context(browser, base)
    page = ctx.new_page()
    page.goto(f"{base}/book/methods/gap_map.html", wait_until="load")
    button = page.locator(".version-switcher__button").first
    page.wait_for_function(
        "() => document.querySelectorAll('.version-switcher__menu [role=option]').length > 0"
    )
    assert button.inner_text().strip() == "development (not released)"
    button.click()
    option = page.locator(".version-switcher__menu [role=option]").last
    assert option.is_visible()
    # The same page in the chosen version (the site's root as in versions.json).
    assert option.get_attribute("href") == "/dev/book/methods/gap_map.html"
    ctx.close()
