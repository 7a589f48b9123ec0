"""Fixtures for the end-to-end tests of the built site: the site served on loopback, a browser."""

from __future__ import annotations

import pytest

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, HTML, serve


@pytest.fixture(scope="session")
def built():
    """Return the folder of the built site; fail when the book was not built."""
    if not (HTML / "book" / "intro.html").exists():
        pytest.fail("the site is not built: run `make book` (make test does it first)")
    return HTML


@pytest.fixture(scope="module")
def site(built):
    """Yield (browser, base_url): headless chromium and the built site served on loopback.

    Module-scoped: Playwright's sync API runs an event loop in the main thread while the browser
    is open, and a later test that starts its own loop (``asyncio.run``) must not meet it.
    """
    from playwright.sync_api import sync_playwright

    base, server = serve(built)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser, base
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
