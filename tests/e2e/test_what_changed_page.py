"""The What changed page, rendered: a gap open in round 1 and closed in round 2 is named as closed.

A country that is not a pilot (Uganda), created with ``lnob country new`` in a temporary data root,
with a research focus of older people and persons with disabilities on SDG targets 1.3 and 10.2.
Round 1: one inventory with two items, older people on 1.3 and persons with disabilities on 10.2;
nothing on older people and 10.2, so that cell of the focus has no evidence at all. Round 2: a
second inventory (declared ``round: 2``) with one item on older people and 10.2. The page is run
with ``lnob run`` and its executed text must say, in the reader's words, that the absolute gap of
older people on SDG 10.2 closed between the two rounds, and that no other cell changed.
"""

from __future__ import annotations

import json
import os
import re

import openpyxl
import pytest
import yaml

from tests.helpers import lnob

pytestmark = pytest.mark.slow

OLDER = "Older people (60 and over)"


def _config(folder):
    path = folder / "UGA.yaml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["lead_organisation"] = "Uganda country office"
    cfg["participating_organisations"] = ["Uganda country office"]
    cfg["research_focus"] = {
        "title": "Older people and persons with disabilities in social protection",
        "sdg_targets": ["1.3", "10.2"],
        "groups": ["older_people", "persons_with_disabilities"],
    }
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _inventory(env, path, rows):
    """Write the country's template with ``lnob template`` and type ``rows`` into it."""
    res = lnob(env, "template", "--country", "UGA", "--out", str(path))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(path)
    ws = wb["Inventory"]
    header = [c.value for c in ws[1]]
    for i, (iid, target, group) in enumerate(rows, start=3):
        values = {
            "ID": iid,
            "Organisation": "Uganda country office",
            "Holder type": "icso",
            "Title": f"Household survey {iid}",
            "Evidence type": "survey",
            "Method": "quantitative",
            "SDG targets": target,
            "Population groups": group,
            "Disaggregation dimensions": "age; disability",
            "Country (ISO3)": "UGA",
            "First year": "2022",
            "Last year": "2022",
            "Quality": "high",
            "Access": "on_request",
            "Language": "en",
            "Contains personal data": "no",
            "Is a synthesis": "no",
        }
        for col, name in enumerate(header, start=1):
            if name in values:
                ws.cell(row=i, column=col, value=values[name])
    wb.save(path)


def _page_text(notebook) -> str:
    """Return what a reader sees of an executed notebook: markdown, tables and printed text."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for mime in ("text/html", "text/markdown", "application/papermill.record/text/plain"):
                if mime in data:
                    parts.append("".join(data[mime]))
            if "text" in out:
                parts.append("".join(out["text"]))
    text = re.sub(r"<[^>]+>", " ", "\n".join(parts))
    return re.sub(r"\s+", " ", text)


def _rows(notebook, caption: str) -> list[list[str]]:
    """Return the body rows of the table whose title starts with ``caption``, as cell texts."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", []))
            if re.search(r"<strong>\s*" + re.escape(caption), html):
                body = html.split("<tbody>", 1)[1]
                return [
                    [
                        re.sub(r"<[^>]+>|\s+", " ", c).strip()
                        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
                    ]
                    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
                ]
    raise AssertionError(f"no table captioned {caption!r}")


def test_a_gap_closed_in_round_two_is_named_closed_on_the_page(tmp_path):
    countries = tmp_path / "countries"
    countries.mkdir()
    results = tmp_path / "results"
    env = {
        **os.environ,
        "LNOB_COUNTRIES_DIR": str(countries),
        "LNOB_RESULTS_DIR": str(results),
        "LNOB_STATE_DIR": str(tmp_path / "state"),
        "LNOB_TOC": str(tmp_path / "toc.yml"),
    }
    (tmp_path / "toc.yml").write_text("format: jb-book\nroot: book/intro\n", encoding="utf-8")
    res = lnob(env, "country", "new", "UGA")
    assert res.returncode == 0, res.stderr
    _config(countries)
    folder = countries / "UGA" / "inventories"
    _inventory(
        env,
        folder / "round1.xlsx",
        [("UG-1", "1.3", "older_people"), ("UG-2", "10.2", "persons_with_disabilities")],
    )
    _inventory(env, folder / "round2.xlsx", [("UG-3", "10.2", "older_people")])
    (folder / "provenance.yaml").write_text(
        "files:\n"
        "  round1.xlsx:\n    synthetic: true\n    source: typed by this test\n"
        "  round2.xlsx:\n    synthetic: true\n    source: typed by this test\n"
        "    round: 2\n    round_date: '2027-03-01'\n",
        encoding="utf-8",
    )

    res = lnob(env, "run", "--country", "UGA", "--notebook", "what_changed", "--quiet", timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    page = results / "UGA" / "what_changed.ipynb"
    text = _page_text(page)
    assert "Uganda has held rounds 1, 2: round 1 is compared with round 2." in text
    # Older people on 10.2: no item in round 1, one in round 2: the absolute gap closed. Its
    # voices gap stays (a survey is no testimony), and the survey of 2022 is recent and of
    # high quality: nothing else changes.
    assert "1 gap closed and 0 gaps opened between the two rounds" in text
    closed = _rows(page, "Gaps closed and opened between the two rounds")
    assert [OLDER, "SDG 10.2", "absolute gap", "closed"] in closed
    assert all(row[3] == "closed" for row in closed), closed
    assert all(row[:2] == [OLDER, "SDG 10.2"] for row in closed), closed
    # The evidence added: one item on older people under Goal 10.
    added = _rows(page, "Evidence items per group and goal")
    assert added == [[OLDER, "Goal 10: Reduced inequalities", "0", "1", "1"]]
