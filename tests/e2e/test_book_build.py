"""The book build treats warnings as errors, and a failing cell fails the run (so `make book`)."""

from __future__ import annotations

import shutil

import pytest

from lnob_methods.cli.main import build_book
from tests.helpers import FIXTURES, ROOT, lnob

pytestmark = pytest.mark.slow


def test_a_warning_fails_the_book_build(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "tests" / "books" / "warning", book)
    assert build_book(book, quiet=True) != 0
    page = book / "intro.md"
    page.write_text(page.read_text().replace("{doc}`a-page-that-does-not-exist`", "nothing"))
    assert build_book(book, quiet=True) == 0


def test_a_cell_error_fails_lnob_build(sandbox):
    env, f = sandbox
    tpl = (FIXTURES / "notebooks" / "tiny.md").read_text().replace("fail = False", "fail = True")
    (f["notebooks"] / "tiny.md").write_text(tpl)
    res = lnob(env, "build", "--quiet")
    assert res.returncode == 1
    assert "Not building the book: " in res.stderr
    assert "fix the failed runs first." in res.stderr
    assert "ValueError: planned failure for the test" in res.stderr
