"""The book's own configuration: what Sphinx reads as a page and what it leaves out."""

from __future__ import annotations

import yaml
from sphinx.util.matching import Matcher

from lnob_methods.core import paths


def _left_out() -> Matcher:
    config = yaml.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8"))
    return Matcher(config["exclude_patterns"])


def test_tools_hidden_folders_are_never_read_as_pages():
    # A plain `pytest` leaves .pytest_cache/README.md in the project: read as a page outside the
    # contents, it failed the site's build (warnings are errors).
    left_out = _left_out()
    for stray in [".pytest_cache/README.md", ".ruff_cache/README.md", ".lnob/x/y.ipynb"]:
        assert left_out(stray), stray


def test_the_chapters_and_results_are_read():
    left_out = _left_out()
    for page in ["book/intro.md", "book/methods/voices.md", "book/results/KEN/stocktake.ipynb"]:
        assert not left_out(page), page
