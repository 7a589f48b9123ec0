"""The book is citable and licensed: CITATION.cff, the licence files, "How to cite", the footer.

The CFF schema is the Citation File Format 1.2.0 JSON schema (citation-file-format.github.io,
CC BY 4.0), as shipped in cffconvert 2.0.0 (cffconvert/schemas/1.2.0/schema.json), kept in
tests/fixtures so that validation needs no network.
"""

from __future__ import annotations

import json
import re
import tomllib

import jsonschema
import pytest
import yaml

from tests.helpers.browser import HTML, ROOT, SITE_TITLE, site_pages

SCHEMA = ROOT / "tests" / "fixtures" / "citation-cff-1.2.0.schema.json"


def _validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def _cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _version():
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def test_citation_cff_is_valid_cff_1_2_0():
    cff = _cff()
    assert cff["cff-version"] == "1.2.0"
    assert [e.message for e in _validator().iter_errors(cff)] == []


def test_the_schema_check_rejects_a_broken_citation():
    broken = {k: v for k, v in _cff().items() if k != "authors"}
    broken["license"] = "CC-BY"
    messages = sorted(e.message for e in _validator().iter_errors(broken))
    assert messages == [
        "'CC-BY' is not valid under any of the given schemas",
        "'authors' is a required property",
    ]


def test_citation_cff_names_the_book_its_version_and_both_licences():
    cff = _cff()
    assert cff["title"] == SITE_TITLE
    assert cff["version"] == _version(), "CITATION.cff and pyproject.toml give one version"
    assert cff["license"] == ["MIT", "CC-BY-4.0"]


def test_licence_files_code_mit_and_content_cc_by_4():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License\n\nCopyright (c) 2026 The lnob project\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in code
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "see LICENSE" in content.split("=====", 1)[0], "the preamble points to the code's"


@pytest.mark.slow
def test_how_to_cite_page_gives_version_year_and_configured_address(built):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    url = config["sphinx"]["config"]["lnob_site_url"]
    page = (HTML / "book" / "about" / "citing.html").read_text(encoding="utf-8")
    article = page.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", "", article)
    expected = f"The lnob project (2026). {SITE_TITLE}. Methodology version {_version()}. {url}"
    assert expected in text.replace("\n", " ")
    assert "year = {2026}" in text and f"url = {{{url}}}" in text
    assert "placeholder" in text, "an example.org address is said to be a placeholder"


@pytest.mark.slow
def test_every_page_footer_shows_the_licences_and_links_how_to_cite(built):
    pages = [p for p in site_pages(HTML) if not p.startswith("_downloads/")]
    for page in pages:
        text = (HTML / page).read_text(encoding="utf-8")
        footer = text.split('class="lnob-licence"', 1)[1].split("</p>", 1)[0]
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer, page
        assert "CC BY 4.0" in footer and "MIT licence" in footer, page
        cite = re.search(r'href="([^"]*)">How to cite this book<', footer)[1]
        if page == "book/about/citing.html":
            assert cite == "#"
        else:
            assert ((HTML / page).parent / cite).resolve() == HTML / "book/about/citing.html"
