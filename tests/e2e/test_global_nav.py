"""With every country published, each sidebar lists only its own country under "All countries".

A sidebar with every country on every page made writing the site quadratic in the number of
countries; the book's extension prunes it. This builds a small book with the project's own
configuration, theme and extension, and reads the sidebars of the pages it wrote.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from lnob_methods.cli.book import config_copy
from lnob_methods.cli.main import build_book
from lnob_methods.core import paths
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

CODES = [f"X{i:02d}" for i in range(12)]


def _page(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _sidebar(html_file):
    nav = html_file.read_text(encoding="utf-8").split("bd-docs-nav", 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("globalbook")
    for name in ("_config.yml", "pyproject.toml"):  # the extension reads the version there
        shutil.copyfile(ROOT / name, root / name)
    for name in ("_ext", "_static", "_templates", "references.bib"):
        src = ROOT / "book" / name
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, root / "book" / name)
    _page(root / "book" / "intro.md", "# Intro\n\nThe method.\n")
    _page(root / "book" / "results" / "KEN" / "index.md", "# Kenya\n")
    _page(root / "book" / "results" / "KEN" / "stocktake.md", "# Kenya: stocktake\n")
    _page(root / "book" / "results" / "global.md", "# All countries\n")
    for code in CODES:
        _page(root / "book" / "results" / code / "index.md", f"# Country {code}\n")
        _page(root / "book" / "results" / code / "official.md", f"# {code}: official data\n")
    chapter = {
        "file": "book/results/KEN/index",
        "sections": [{"file": "book/results/KEN/stocktake"}],
    }
    countries = [
        {"file": f"book/results/{c}/index", "sections": [{"file": f"book/results/{c}/official"}]}
        for c in CODES
    ]
    toc = {
        "format": "jb-book",
        "root": "book/intro",
        "parts": [
            {"caption": "Country results", "chapters": [chapter]},
            {
                "caption": "All countries",
                "chapters": [{"file": "book/results/global", "sections": countries}],
            },
        ],
    }
    (root / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    assert build_book(root, quiet=True) == 0, "the book builds with warnings as errors"
    return root / "_build" / "html" / "book"


def test_a_country_page_lists_only_its_own_country(site):
    links = _sidebar(site / "results" / "X05" / "official.html")
    assert "index.html" in links and "../global.html" in links
    others = [link for link in links if re.search(r"X\d\d/", link) and "X05" not in link]
    assert others == [], "no other country of the global part is in the sidebar"
    assert "../KEN/stocktake.html" in links, "the pilot chapters stay in full"


def test_other_pages_list_the_global_index_without_its_countries(site):
    for page in (site / "intro.html", site / "results" / "global.html"):
        links = _sidebar(page)
        assert any(link.endswith("results/global.html") or link == "#" for link in links)
        assert not [link for link in links if re.search(r"X\d\d/", link)], page


def test_the_global_index_still_leads_to_every_country(site):
    # Pruning touches the sidebar only: next/previous links still walk through every country.
    html = (site / "results" / "X05" / "index.html").read_text(encoding="utf-8")
    assert 'href="../X04/official.html"' in html and 'href="official.html"' in html


def _uncached_config(root, work):
    # The book's configuration with the navigation cache off, read from another folder.
    return config_copy(root, work, sphinx_config={"lnob_cached_navigation": False})


def _same_files(cached, uncached):
    # Every file the same, byte for byte; only Sphinx's record of the configuration differs.
    files = sorted(p.relative_to(uncached) for p in uncached.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(cached) for p in cached.rglob("*") if p.is_file())
    differ = [f for f in files if (cached / f).read_bytes() != (uncached / f).read_bytes()]
    assert differ == [Path(".buildinfo")]


def test_the_navigation_resolved_once_gives_the_same_site(site, tmp_path):
    # This book prunes "All countries" per page: the cache must follow the swapped contents.
    root = site.parent.parent.parent
    config = _uncached_config(root, tmp_path)
    assert build_book(root, quiet=True, output=tmp_path / "off", config=config) == 0
    _same_files(site.parent, tmp_path / "off" / "_build" / "html")


def test_the_book_s_own_site_is_the_same_without_the_cached_navigation(tmp_path):
    # The project's book as `lnob build` builds it, with and without the cache, side by side.
    toc = paths.built_toc_file()
    if not toc.exists():
        pytest.fail("the site is not built: run `make book` (make test does it first)")
    config = _uncached_config(ROOT, tmp_path)
    assert build_book(ROOT, quiet=True, toc=toc, output=tmp_path / "on") == 0
    assert build_book(ROOT, quiet=True, toc=toc, output=tmp_path / "off", config=config) == 0
    _same_files(tmp_path / "on" / "_build" / "html", tmp_path / "off" / "_build" / "html")
