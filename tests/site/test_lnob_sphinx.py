"""The book's Sphinx extension (book/_ext/lnob_sphinx.py): escaping the theme leaves undone."""

from __future__ import annotations

import importlib.util

from tests.helpers import ROOT

_spec = importlib.util.spec_from_file_location("lnob_sphinx", ROOT / "book/_ext/lnob_sphinx.py")
lnob_sphinx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lnob_sphinx)


def test_the_print_title_is_escaped():
    # sphinx-book-theme writes {{ pagetitle }} into a print-only <h1> as it is
    context = {"pagetitle": 'Kenya<script>alert(1)</script> & "co"'}
    lnob_sphinx._escape_pagetitle(None, "x", "page.html", context, None)
    assert str(context["pagetitle"]) == (
        "Kenya&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;"
    )


def test_a_page_without_title_is_left_alone():
    context = {}
    lnob_sphinx._escape_pagetitle(None, "x", "page.html", context, None)
    assert context == {}
