"""The method chapters' PDF is made beside the site's build and copied in only when it succeeds."""

from __future__ import annotations

import threading

from lnob_methods.cli import book_pdf


def _fake_pdf(started: threading.Event):
    def build(root, out, *, quiet=True):
        started.set()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(b"%PDF-1.7 made from " + str(root).encode())
        return out

    return build


def test_the_pdf_is_made_while_the_site_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    started = threading.Event()
    monkeypatch.setattr(book_pdf, "build", _fake_pdf(started))
    site = tmp_path / "html"
    site.mkdir()

    def build_site() -> int:
        # The PDF's build has begun before the site's ends: they overlap.
        assert started.wait(timeout=30), "the PDF build did not start during the site build"
        return 0

    assert book_pdf.beside_site(build_site, site, tmp_path) == 0
    assert (site / "lnob-book.pdf").read_bytes() == b"%PDF-1.7 made from " + str(tmp_path).encode()


def test_nothing_is_copied_when_the_site_build_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setattr(book_pdf, "build", _fake_pdf(threading.Event()))
    site = tmp_path / "html"
    site.mkdir()
    assert book_pdf.beside_site(lambda: 2, site, tmp_path) == 2
    assert not (site / "lnob-book.pdf").exists()
