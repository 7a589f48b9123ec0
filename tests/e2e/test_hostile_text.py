"""Hostile text in every free-text field shows as text in the built site and never runs.

A Kenya configuration, inventory and testimony export full of XSS payloads (script tags, event
handlers, javascript: links, raw HTML, MyST roles and directives such as raw and include) are run
through the real notebooks, built into a small book with the project's own configuration, and opened
in the headless browser.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from lnob_methods.cli.main import build_book
from lnob_methods.inventory.schema import FIELDS
from tests.helpers import ROOT, hostile, lnob
from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests.helpers.payloads import PAYLOADS

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _hostile_country(folder):
    """Write a Kenya config with the whole corpus in every free-text field; return it by field."""
    base = yaml.safe_load((ROOT / "data" / "countries" / "KEN.yaml").read_text())
    cfg, tried = hostile.hostile_config(base)
    (folder / "KEN.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True))
    inv = folder / "KEN" / "inventories"
    inv.mkdir(parents=True)
    import csv

    with open(inv / "hostile.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in FIELDS])
        for i, p in enumerate(PAYLOADS):
            row = {
                "id": f"H-{i}",
                "organisation": p,
                "holder_type": "icso",
                "title": p,
                "evidence_type": "study",
                "method": "qualitative",
                "sdg_targets": "10.2",
                "groups": "women_and_girls",
                "disaggregations": "",
                "iso3": "KEN",
                "admin1": "",
                "year_from": 2020,
                "year_to": 2021,
                "sample_size": "",
                "quality": "medium",
                "access": "public",
                "link_or_contact": p,
                "language": "en",
                "contains_personal_data": "no",
                "is_synthesis": "no",
            }
            w.writerow([row[f.name] for f in FIELDS])
    return tried


def _hostile_testimonies(folder):
    """Write a Kobo CSV export whose stories and proposals carry every payload."""
    import csv

    out = folder / "KEN" / "testimonies"
    out.mkdir(parents=True)
    header = [
        "consent/consent_use",
        "consent/consent_publish",
        "respondent/age_band",
        "respondent/sex",
        "respondent/groups",
        "respondent/admin1",
        "story/language",
        "story/story_text",
        "_uuid",
        "_index",
    ]
    with open(out / "hostile.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        for i in range(2 * len(PAYLOADS)):
            p = PAYLOADS[i % len(PAYLOADS)]
            story = f"The clinic {p} is too far and the hospital costs too much {p}"
            w.writerow(
                [
                    "yes",
                    "yes",
                    "25_34",
                    "female",
                    "women_and_girls",
                    "KE047",
                    "en",
                    story,
                    f"h{i}",
                    i + 1,
                ]
            )
    with open(out / "hostile_proposals.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["proposals/proposal_text", "_parent_index", "_submission__uuid"])
        for i in range(2 * len(PAYLOADS)):
            w.writerow([f"Build a clinic {PAYLOADS[i % len(PAYLOADS)]}", i + 1, f"h{i}"])


def test_hostile_text_is_shown_never_run(tmp_path):
    countries = tmp_path / "countries"
    countries.mkdir()
    tried = _hostile_country(countries)
    _hostile_testimonies(countries)
    book = tmp_path / "book"
    book.mkdir()
    shutil.copyfile(ROOT / "_config.yml", book / "_config.yml")
    shutil.copyfile(ROOT / "pyproject.toml", book / "pyproject.toml")  # the version footer
    shutil.copytree(ROOT / "book" / "_ext", book / "book" / "_ext")
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copytree(ROOT / "book" / "_templates", book / "book" / "_templates")
    shutil.copyfile(ROOT / "book" / "references.bib", book / "book" / "references.bib")
    (book / "book" / "intro.md").write_text("# Hostile text test\n")
    results = book / "book" / "results"
    env = {
        **__import__("os").environ,
        "LNOB_COUNTRIES_DIR": str(countries),
        "LNOB_RESULTS_DIR": str(results),
        "LNOB_STATE_DIR": str(tmp_path / "state"),
        "LNOB_TOC": str(tmp_path / "unused_toc.yml"),
    }
    shutil.copyfile(ROOT / "_toc.yml", tmp_path / "unused_toc.yml")
    res = lnob(
        env,
        "run",
        "--country",
        "KEN",
        "--notebook",
        *NOTEBOOKS,
        "--quiet",
        timeout=1800,
    )
    assert res.returncode == 0, res.stderr
    pages = ["book/results/KEN/index"] + [f"book/results/KEN/{nb}" for nb in NOTEBOOKS]
    toc = {
        "format": "jb-book",
        "root": "book/intro",
        "chapters": [{"file": pages[0], "sections": [{"file": p} for p in pages[1:]]}],
    }
    (book / "_toc.yml").write_text(yaml.safe_dump(toc))
    assert build_book(book, quiet=True) == 0, "raw/include in generated pages must not break it"

    from playwright.sync_api import sync_playwright

    base, server = serve(book / "_build" / "html")
    seen_text = ""
    executed, titles = set(), []
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for page_path in pages:
                page = b.new_page()
                dialogs = []
                page.on(
                    "dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss())
                )
                page.goto(f"{base}/{page_path}.html", wait_until="load")
                for cell in page.locator("td.egm-has button").all()[:40]:
                    cell.click()
                    cell.hover()
                for a in page.locator("a[href^='javascript:']").all():
                    raise AssertionError(f"a javascript: link was rendered: {a}")
                assert page.evaluate("() => window.__pwned") is None, page_path
                for media in ("screen", "print"):
                    page.emulate_media(media=media)
                    page.reload(wait_until="load")
                    found = page.evaluate(_INJECTED_JS)
                    executed |= {(int(f), n) for f, n in _IDS.findall(" ".join(found["hits"]))}
                    titles.append((page_path, media, found["titles"], found["title"]))
                    assert "root:x:0:0" not in found["text"], "a MyST include read a file"
                page.emulate_media(media="screen")
                page.reload(wait_until="load")
                assert dialogs == [], page_path
                body = page.inner_text("body")
                if page_path.endswith("voices"):
                    # the testimonies were quoted: their payloads are on the page, as text
                    assert "The clinic" in body and "Build a clinic" in body, body[-3000:]
                    shown = [p for p in PAYLOADS[:3] + ["javascript:window.__pwned=3"] if p in body]
                    assert shown, "a hostile testimony is quoted, as text"
                seen_text += body
                page.close()
            b.close()
    finally:
        server.shutdown()
        server.server_close()
    for payload in [
        "<script>window.__pwned=1;alert(1)</script>",
        '<img src=x onerror="window.__pwned=2">',
        "javascript:window.__pwned=3",
    ]:
        assert payload in seen_text, f"{payload!r} is shown as text"
    assert list(_dangerous_cells(results)) == [], "the =HYPERLINK payload is neutralised"
    fields = list(tried)
    by_field = {fields[f]: sum(1 for g, _ in executed if g == f) for f in range(len(fields))}
    assert by_field == dict.fromkeys(fields, 0), f"payloads ran or were injected: {executed}"
    assert all(n == 1 for _, _, n, _ in titles), [t for t in titles if t[2] != 1]
    assert any("<script>window.__pwned_0_0=1</script>" in t for *_, t in titles), (
        "the country name reaches the page titles, as text"
    )


NOTEBOOKS = [
    "stocktake",
    "official_stocktake",
    "gap_analysis",
    "furthest_behind",
    "voices",
    "programme_brief",
    "advocacy_brief",
]
_IDS = re.compile(r"__pwned_(\d+)_(\d+)")
# What a payload would leave if it got through: a flag it set, or an element, handler, link or
# frame it injected (even one the page hides, such as print-only markup).
_INJECTED_JS = """() => {
  const hits = Object.keys(window).filter(k => k.startsWith('__pwned_'));
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      const v = a.value || '';
      const js = v.trim().toLowerCase().startsWith('javascript:');
      if (v.includes('__pwned_') && (a.name.startsWith('on') || a.name === 'srcdoc' || js)) {
        hits.push(e.outerHTML.slice(0, 300));
      }
    }
    if (e.tagName === 'SCRIPT' && e.textContent.trim().startsWith('window.__pwned_')) {
      hits.push(e.outerHTML.slice(0, 300));
    }
  }
  return {hits, titles: document.querySelectorAll('head > title').length, title: document.title,
          text: document.body.innerText};
}"""


def _dangerous_cells(folder):
    """Yield (file, cell) for export cells that a spreadsheet would run as a formula."""
    import csv as _csv

    import openpyxl

    def bad(v):
        if not isinstance(v, str) or not v or v[0] not in "=+-@\t\r":
            return False
        try:
            float(v)
            return False  # a negative number is a number
        except ValueError:
            return True

    for path in sorted(folder.rglob("*.csv")):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in _csv.reader(fh):
                yield from ((path, v) for v in row if bad(v))
    for path in sorted(folder.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(path, data_only=False)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                yield from ((path, v) for v in row if bad(v))


def test_published_exports_are_formula_safe():
    from lnob_methods.core import paths

    exports = list(paths.results_dir().glob("*/exports"))
    assert exports, "run `make book` first"
    assert list(_dangerous_cells(paths.results_dir())) == []


def test_dangerous_cell_detector_finds_formulas(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n=1+1,-3\n'=2,ok\n")
    assert [v for _, v in _dangerous_cells(tmp_path)] == ["=1+1"]


def test_injection_detector_finds_what_got_through():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = b.new_page()
        page.set_content(
            "<html><head><title>t</title></head><body>"
            "<script>window.__pwned_2_0=1</script>"
            "<div style='display:none'><a href='javascript:window.__pwned_4_4=1'>x</a></div>"
            "<p>&lt;img src=x onerror=window.__pwned_5_1=1&gt; shown as text</p></body></html>"
        )
        found = page.evaluate(_INJECTED_JS)
        b.close()
    assert sorted(set(_IDS.findall(" ".join(found["hits"])))) == [("2", "0"), ("4", "4")]
    assert found["titles"] == 1
