"""The who-works-where page: generated from the real Afghanistan 3W, never edited by hand."""

from lnob_methods.site.presence_page import docs_markdown
from tests.helpers import ROOT


def test_who_works_where_page_is_generated_from_the_3w():
    page = (ROOT / "book" / "methods" / "who_works_where.md").read_text(encoding="utf-8")
    assert page == docs_markdown(), "run python -m lnob_methods.site.presence_page"
    # Kabul: 88 organisations (tests/inventory/test_presence.py counts them with plain csv)
    assert "| Kabul | 88 | 7 |" in page
