"""The table of contents and country landing pages, from a tiny fake results folder.

Results, table of contents and notebook templates live in ``tmp_path`` (``LNOB_RESULTS_DIR``,
``LNOB_TOC``, ``LNOB_NOTEBOOKS_DIR``); the pilot countries are the repository's configured ones
(BGD, KEN, NPL, VNM) unless a test points ``LNOB_COUNTRIES_DIR`` elsewhere.
"""

from __future__ import annotations

import json

import pytest
import yaml

from lnob_methods.core import paths
from lnob_methods.site import toc

TOC = """\
# Table of contents: kept as the header.
# Second comment line.
format: jb-book
root: book/intro
parts:
- caption: The method
  chapters:
  - file: book/methods/process
- caption: Country results
  chapters:
  - file: book/results/OLD/index
- caption: All countries
  chapters:
  - file: book/results/global
- caption: Reference
  chapters:
  - file: book/about/glossary
"""
# Templates in results-page order: the runner's order first, then the others by name.
TEMPLATES = ["official_stocktake", "stocktake", "gap_analysis", "zz_annex"]


@pytest.fixture
def results(tmp_path, monkeypatch):
    """Return a results folder with notebook stubs, a toc and templates, all in ``tmp_path``."""
    folder = tmp_path / "results"
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(folder))
    monkeypatch.setenv("LNOB_TOC", str(tmp_path / "_toc.yml"))
    monkeypatch.setenv("LNOB_NOTEBOOKS_DIR", str(tmp_path / "notebooks"))
    (tmp_path / "_toc.yml").write_text(TOC, encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    for name in TEMPLATES:
        (tmp_path / "notebooks" / f"{name}.md").write_text("# stub\n", encoding="utf-8")
    return folder


def stub(folder, *pages):
    """Write empty published notebooks ``<ISO3>/<page>.ipynb``."""
    for page in pages:
        path = folder / f"{page}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")


@pytest.fixture
def hostile_kenya(tmp_path, monkeypatch):
    """Point the countries folder to one KEN config whose text is full of markup."""
    folder = tmp_path / "countries"
    folder.mkdir()
    (folder / "KEN.yaml").write_text(
        """\
iso3: KEN
name: Kenya
lead_organisation: Care <b>International</b>
participating_organisations: ["[Plan](http://evil)", CBM]
research_focus:
  title: Youth *first*
  sdg_targets: ["10.2", "16.10"]
  groups: [youth, farmers]
country_groups:
  - {id: farmers, label: Small-scale farmers, dimension: other_status}
notes: See {download}`x`
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(folder))


def test_result_countries_pilots_first_then_by_code(results):
    stub(results, "KEN/stocktake", "ISL/stocktake", "BGD/voices", "AFG/stocktake", "AFG/voices")
    (results / "NPL").mkdir()
    (results / "NPL" / "index.md").write_text("# Nepal\n")  # no notebook: not a result country
    # Configured pilots (BGD, KEN) in code order, then the others (AFG, ISL) in code order.
    assert toc.result_countries() == ["BGD", "KEN", "AFG", "ISL"]


def test_result_countries_of_an_empty_folder(results):
    assert toc.result_countries() == []


def test_country_page_escapes_the_config_text(hostile_kenya):
    # Every markup character of the config is backslash-escaped (MyST shows it as it is).
    assert toc.country_page("KEN").splitlines()[:14] == [
        "# Kenya",
        "",
        r"**Lead agency:** Care \<b\>International\</b\>",
        "",
        r"**Participating organisations:** \[Plan\]\(http\://evil\), CBM",
        "",
        r"**National research focus:** Youth \*first\*",
        "",
        r"**SDG targets in focus:** 10\.2, 16\.10",
        "",
        # The taxonomy's label of youth, then the country's own group.
        r"**Groups in focus:** Youth \(15\-24, UN definition; 15\-35 in some national policies\); "
        r"Small\-scale farmers",
        "",
        r"*See \{download\}\`x\`*",
        "",
    ]
    assert toc.country_page("KEN").endswith("```{tableofcontents}\n```\n")


def test_country_page_of_a_country_without_config(hostile_kenya):
    page = toc.country_page("ISL")
    assert page.startswith("# Iceland\n\nThis country has no configuration file")
    assert "Add `data/countries/ISL.yaml` to set its research focus." in page
    assert "Lead agency" not in page


def test_write_country_pages_writes_one_index_per_result_country(results, hostile_kenya):
    stub(results, "KEN/stocktake", "ISL/stocktake")
    assert toc.write_country_pages() == ["KEN", "ISL"]
    assert (
        (results / "KEN" / "index.md")
        .read_text(encoding="utf-8")
        .startswith("# Kenya\n\n**Lead agency:** Care \\<b\\>")
    )
    assert (results / "ISL" / "index.md").read_text(encoding="utf-8").startswith("# Iceland\n")


def test_global_page_lists_each_country_with_its_escaped_name():
    page = toc.global_page(["CIV", "ISL", "ZZZ"])
    assert page.startswith("# All countries\n")
    assert page.endswith(
        "| Country | ISO3 | Pages |\n"
        "|---|---|---|\n"
        "| Côte d\\'Ivoire | CIV | {doc}`CIV/index` |\n"
        "| Iceland | ISL | {doc}`ISL/index` |\n"
        "| ZZZ | ZZZ | {doc}`ZZZ/index` |\n"  # an unknown code stands for its name
    )


def files(chapters):
    """Return (file, [section files]) for each chapter, file names relative to the results."""
    root = paths.results_dir().resolve()

    def rel(entry):
        return (paths.ROOT / entry["file"]).resolve().relative_to(root).as_posix()

    return [(rel(c), [rel(s) for s in c.get("sections", [])]) for c in chapters]


def test_write_toc_rewrites_only_the_country_parts(results, tmp_path):
    stub(
        results,
        "KEN/gap_analysis",
        "KEN/official_stocktake",
        "KEN/zz_annex",
        "KEN/draft",  # no template of that name: not in the toc
        "BGD/stocktake",
        "ISL/official_stocktake",
    )
    source = (tmp_path / "_toc.yml").read_bytes()
    written = toc.write_toc(extra_chapters=[{"file": "book/methods/extra"}])
    assert (tmp_path / "_toc.yml").read_bytes() == source, "the hand-written toc is only read"
    text = paths.built_toc_file().read_text(encoding="utf-8")
    assert text.startswith("# Table of contents: kept as the header.\n# Second comment line.\n")
    assert yaml.safe_load(text) == written
    assert [p["caption"] for p in written["parts"]] == [
        "The method",
        "Country results",
        "Reference",
    ]
    assert written["parts"][0]["chapters"] == [{"file": "book/methods/process"}]
    assert written["parts"][2]["chapters"] == [{"file": "book/about/glossary"}]
    chapters = written["parts"][1]["chapters"]
    assert chapters[-1] == {"file": "book/methods/extra"}
    # Pilots first, then ISL; sections in the templates' order (official_stocktake before
    # gap_analysis, zz_annex last); every file resolves, from the repository root, to the page.
    assert files(chapters[:-1]) == [
        ("BGD/index", ["BGD/stocktake"]),
        ("KEN/index", ["KEN/official_stocktake", "KEN/gap_analysis", "KEN/zz_annex"]),
        ("ISL/index", ["ISL/official_stocktake"]),
    ]
    assert (results / "KEN" / "index.md").exists() and not (results / "global.md").exists()
    assert not (results / "synthesis.md").exists(), "no synthesis page without exports"


NINE = ["AFG", "AGO", "ALB", "ARG", "ARM", "AUS", "AUT", "AZE", "DZA"]


def test_more_than_eight_other_countries_go_under_one_index_page(results):
    stub(results, "KEN/stocktake", *[f"{c}/stocktake" for c in NINE])
    written = toc.write_toc()
    assert [p["caption"] for p in written["parts"]] == [
        "The method",
        "Country results",
        "All countries",
        "Reference",
    ]
    assert files(written["parts"][1]["chapters"]) == [("KEN/index", ["KEN/stocktake"])]
    [index] = written["parts"][2]["chapters"]
    assert files([index]) == [("global", [f"{c}/index" for c in NINE])]
    assert files(index["sections"])[0] == ("AFG/index", ["AFG/stocktake"])
    page = (results / "global.md").read_text(encoding="utf-8")
    assert "| Afghanistan | AFG | {doc}`AFG/index` |" in page and "KEN" not in page
    # Down to eight others: they are chapters again and the index page goes.
    for path in (results / "DZA").iterdir():
        path.unlink()
    written = toc.write_toc()
    assert [p["caption"] for p in written["parts"]] == [
        "The method",
        "Country results",
        "Reference",
    ]
    assert len(written["parts"][1]["chapters"]) == 9  # KEN and eight others
    assert not (results / "global.md").exists()


STOCKTAKE = """\
# Evidence stocktake

```{code-cell} ipython3
:tags: [parameters]

country = "KEN"  # ISO3 code of the country
since_year = 2000  # earliest data year counted in the stocktakes
focus_groups = ""  # group ids replacing the config's focus (empty: keep it)
```
"""


def _card(folder, page, **parameters):
    card = folder / "KEN" / "exports" / page / "runcard.json"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(json.dumps({"parameters": {"country": "KEN", **parameters}}), encoding="utf-8")


def test_the_country_page_says_which_pages_were_run_with_other_parameters(results, tmp_path):
    (tmp_path / "notebooks" / "stocktake.md").write_text(STOCKTAKE, encoding="utf-8")
    (tmp_path / "notebooks" / "official_stocktake.md").write_text(
        STOCKTAKE.replace("# Evidence stocktake", "# Official data stocktake"), encoding="utf-8"
    )
    stub(results, "KEN/stocktake", "KEN/official_stocktake")
    _card(results, "stocktake", since_year=2015, focus_groups="")
    _card(results, "official_stocktake", since_year=2000, focus_groups="")
    assert toc.page_settings("KEN") == [
        ("Official data stocktake", []),
        (
            "Evidence stocktake",
            ["earliest data year counted in the stocktakes: 2015 (default 2000)"],
        ),
    ]
    page = toc.country_page("KEN")
    # (escaped for MyST: the text is shown, never read as markup)
    row = (
        "| Evidence stocktake | earliest data year counted in the stocktakes\\: 2015 "
        "\\(default 2000\\) |"
    )
    assert row in page
    assert "Official data stocktake |" not in page  # run with the defaults: not listed
    _card(results, "stocktake", since_year=2000, focus_groups="")
    assert "**Settings:** every page was run with the default parameters." in toc.country_page(
        "KEN"
    )


def test_the_country_page_says_what_its_data_are_from_the_declarations(
    results, tmp_path, monkeypatch
):
    countries_dir = tmp_path / "countries"
    (countries_dir / "KEN" / "inventories").mkdir(parents=True)
    import shutil

    shutil.copy(paths.ROOT / "data" / "countries" / "KEN.yaml", countries_dir / "KEN.yaml")
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(countries_dir))
    (countries_dir / "KEN" / "inventories" / "care.csv").write_text("x", encoding="utf-8")
    (countries_dir / "KEN" / "inventories" / "provenance.yaml").write_text(
        "files:\n  care.csv:\n    synthetic: false\n", encoding="utf-8"
    )
    assert toc.data_sentence("KEN") == (
        "Official statistics on these pages are real (UN SDG Global Database, December 2023); "
        "the inventories are declared real and no testimonies have been added yet, as their "
        "folders' provenance declarations say. Each page labels its data the same way."
    )


def _published(folder, page, parameters):
    path = folder / f"{page}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"lnob": {"parameters": parameters}}
    path.write_text(json.dumps({"cells": [], "metadata": meta}), encoding="utf-8")


def test_a_country_whose_pages_share_their_settings_has_no_warning(results):
    _published(results, "KEN/official_stocktake", {"country": "KEN", "since_year": 2015})
    _published(results, "KEN/gap_analysis", {"country": "KEN", "since_year": 2015, "k": 5})
    stub(results, "KEN/stocktake")  # no record of its settings: says nothing either way
    assert toc.mixed_settings("KEN") == []
    assert "different settings" not in toc.country_page("KEN")


def test_pages_made_with_different_settings_are_flagged_on_the_country_page(results):
    # As after `lnob run --country KEN -p since_year=2015` interrupted after its first page.
    _published(results, "KEN/official_stocktake", {"country": "KEN", "since_year": 2015})
    _published(results, "KEN/gap_analysis", {"country": "KEN", "since_year": 2000})
    page = toc.country_page("KEN")
    assert "```{admonition} Pages made with different settings" in page
    assert "Each page's run card lists the settings it used." in page
