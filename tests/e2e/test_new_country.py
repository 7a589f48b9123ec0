"""A country that is not a pilot, from nothing to a built section, as a country office would do it.

``lnob country new UGA`` writes the config and folders; the team fills the config (focus, a group
that does not apply), fills the generated Excel template with a few rows, adds testimonies in
Luganda (a language the codebook has no rules for), declares their provenance, checks everything
with ``lnob country check``, runs every notebook and builds the site. Every page must exist, name
Uganda, and never name a pilot country or the excluded group; the Luganda testimonies are counted
and reported as not coded, never dropped.
"""

from __future__ import annotations

import csv
import os
import re
import shutil

import openpyxl
import pytest
import yaml

from lnob_methods.cli.main import build_book
from lnob_methods.run.runner import templates
from tests.helpers import ROOT, lnob

pytestmark = pytest.mark.slow

PILOT_NAMES = ["Kenya", "Nepal", "Bangladesh", "Viet Nam", "Kenyan", "Nairobi", "Dalit"]
EXCLUDED = "caste_affected_groups"
EXCLUDED_LABEL = "Caste-affected groups"
# Uganda's four admin-1 regions in the OCHA p-code file (UG1 Central ... UG4 Western).
REGIONS = ["Central", "Eastern", "Northern", "Western"]
STORIES = [
    "Eddwaliro liri wala nnyo era tetulina ssente za kujjanjabibwa.",
    "Abaana bange tebagenda ku ssomero kubanga ebisale bingi nnyo.",
    "Sirina mulimu era emmere mu nnyumba tebamala.",
]


def _fill_config(folder):
    path = folder / "UGA.yaml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["lead_organisation"] = "Uganda country office"
    cfg["participating_organisations"] = ["Uganda country office", "Partner network"]
    cfg["research_focus"] = {
        "title": "Older people and persons with disabilities in social protection",
        "sdg_targets": ["1.3", "10.2"],
        "groups": ["older_people", "persons_with_disabilities"],
    }
    cfg["groups_not_applicable"] = [EXCLUDED]
    cfg["languages"] = {"en": "English", "lg": "Luganda"}
    cfg["notes"] = "Focus agreed at the inception workshop; caste does not apply here."
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fill_template(env, folder):
    """Write the country's template with ``lnob template`` and type three rows into it."""
    template = folder / "UGA" / "inventories" / "uganda_office.xlsx"
    res = lnob(env, "template", "--country", "UGA", "--out", str(template))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(template)
    ws = wb["Inventory"]
    header = [c.value for c in ws[1]]
    both = "older_people; persons_with_disabilities"
    rows = [
        ("UG-1", "survey", "quantitative", "1.3", "older_people", "Central", "2021", "2022"),
        ("UG-2", "study", "qualitative", "10.2", "persons_with_disabilities", "Northern", "2020",
         "2020"),
        ("UG-3", "evaluation", "mixed", "1.3; 10.2", both, "Eastern; Western", "2019", "2023"),
    ]  # fmt: skip
    for i, (iid, etype, method, targets, groups, areas, y0, y1) in enumerate(rows, start=3):
        values = {
            "ID": iid,
            "Organisation": "Uganda country office",
            "Holder type": "icso",
            "Title": f"Social protection evidence {iid}",
            "Evidence type": etype,
            "Method": method,
            "SDG targets": targets,
            "Population groups": groups,
            "Disaggregation dimensions": "age; disability",
            "Country (ISO3)": "UGA",
            "Admin-1 areas": areas,
            "First year": y0,
            "Last year": y1,
            "Quality": "medium",
            "Access": "on_request",
            "Language": "en",
            "Contains personal data": "no",
            "Is a synthesis": "no",
        }
        for col, name in enumerate(header, start=1):
            if name in values:
                ws.cell(row=i, column=col, value=values[name])
    wb.save(template)
    (folder / "UGA" / "inventories" / "provenance.yaml").write_text(
        "files:\n  uganda_office.xlsx:\n    synthetic: true\n    holder: Uganda country office\n"
        "    source: typed by this test\n",
        encoding="utf-8",
    )


def _testimonies(folder):
    """Write 24 testimonies in Luganda (a Kobo CSV export and its proposals file)."""
    out = folder / "UGA" / "testimonies"
    header = [
        "consent/consent_use", "consent/consent_publish", "respondent/age_band",
        "respondent/sex", "respondent/groups", "respondent/admin1", "story/language",
        "story/story_text", "_uuid", "_index",
    ]  # fmt: skip
    with open(out / "luganda.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        for i in range(24):
            w.writerow(
                [
                    "yes", "yes", "60_plus", "female" if i % 2 else "male", "older_people",
                    f"UG{1 + i % 4}", "lg", STORIES[i % 3], f"ug{i}", i + 1,
                ]
            )  # fmt: skip
    with open(out / "luganda_proposals.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["proposals/proposal_text", "_parent_index", "_submission__uuid"])
        for i in range(24):
            w.writerow(["Gavumenti etuyambe n'eddagala ery'obwereere.", i + 1, f"ug{i}"])
    (out / "provenance.yaml").write_text(
        "files:\n"
        "  luganda.csv:\n    synthetic: true\n    source: written by this test\n"
        "  luganda_proposals.csv:\n    synthetic: true\n    source: written by this test\n",
        encoding="utf-8",
    )


def _small_book(tmp_path, results, pages):
    book = results.parents[1]
    shutil.copyfile(ROOT / "_config.yml", book / "_config.yml")
    shutil.copyfile(ROOT / "pyproject.toml", book / "pyproject.toml")
    for part in ("_ext", "_static", "_templates"):
        shutil.copytree(ROOT / "book" / part, book / "book" / part)
    shutil.copyfile(ROOT / "book" / "references.bib", book / "book" / "references.bib")
    (book / "book" / "intro.md").write_text("# A new country\n", encoding="utf-8")
    toc = {
        "format": "jb-book",
        "root": "book/intro",
        "chapters": [{"file": pages[0], "sections": [{"file": p} for p in pages[1:]]}],
    }
    (book / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    return book


def test_a_new_country_from_nothing_to_its_built_section(tmp_path):
    countries = tmp_path / "countries"
    countries.mkdir()
    results = tmp_path / "book" / "book" / "results"
    env = {
        **os.environ,
        "LNOB_COUNTRIES_DIR": str(countries),
        "LNOB_RESULTS_DIR": str(results),
        "LNOB_STATE_DIR": str(tmp_path / "state"),
        "LNOB_TOC": str(tmp_path / "toc.yml"),
    }
    shutil.copyfile(ROOT / "_toc.yml", tmp_path / "toc.yml")

    res = lnob(env, "country", "new", "UGA")
    assert res.returncode == 0, res.stderr
    _fill_config(countries)
    _fill_template(env, countries)
    _testimonies(countries)

    check = lnob(env, "country", "check", "UGA")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "24 testimonies in Luganda are not coded: add rules for 'lg'" in check.stdout

    res = lnob(env, "run", "--country", "UGA", "--quiet", timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    names = list(templates())
    assert f"{len(names)} ran" in res.stdout + res.stderr
    assert " 0 failed" in res.stdout + res.stderr

    pages = ["book/results/UGA/index"] + [f"book/results/UGA/{n}" for n in names]
    book = _small_book(tmp_path, results, pages)
    assert build_book(book, quiet=True) == 0

    html_dir = book / "_build" / "html"
    texts = {}
    for page in pages:
        path = html_dir / f"{page}.html"
        assert path.is_file(), f"{page} was not built"
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        text = re.sub(r"<script.*?</script>", " ", text, flags=re.S)
        texts[page] = text
        assert "Uganda" in text, page
        for name in PILOT_NAMES:
            assert name not in text, f"{page} names {name!r}"
        assert EXCLUDED_LABEL not in text and EXCLUDED not in text, (
            f"{page} shows the excluded group"
        )
    voices = texts["book/results/UGA/voices"]
    assert "in Luganda" in voices and "not coded" in voices
    assert "synthetic" in voices  # declared so by the test, and labelled so

    for document in ("programme_brief", "advocacy_brief"):
        for ext in ("pdf", "docx"):
            assert (results / "UGA" / "exports" / document / f"{document}.{ext}").is_file()
