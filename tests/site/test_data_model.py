"""The book's data-model page is generated from the inventory schema."""

from __future__ import annotations

from lnob_methods.site.data_model import docs_markdown
from tests.helpers import ROOT


def test_data_model_page_is_generated_from_the_schema():
    page = (ROOT / "book" / "methods" / "data_model.md").read_text(encoding="utf-8")
    assert page == docs_markdown(), "run python -m lnob_methods.site.data_model"
