"""With every country published, each sidebar lists only its own country under "All countries".

A sidebar with every country on every page made writing the site quadratic in the number of
countries; the book's extension prunes it. This builds a small book with the project's own
configuration, theme and extension, and reads the sidebars of the pages it wrote.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from lnob_methods.cli.main import build_book
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
