"""Inventory formats, template, form, CLI, synthetic data and round trips."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lnob_methods.demo import inventories as demo_inventories
from lnob_methods.inventory import load as inventories
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.inventory.template import write_template, write_xlsform
from lnob_methods.site.data_model import docs_markdown
from tests.helpers import ROOT
from tests.helpers.inventories import ITEMS, VALUES, csv_text, formats, table


def test_same_content_in_every_format_gives_the_same_table(tmp_path):
    files = formats(tmp_path)
    reference = table(files["xlsx"])
    assert reference.loc[0, "sdg_targets"] == ("6.1", "16.10")
    assert reference.loc[0, "admin1"] == ("KE042",)
    assert reference.loc[1, "source_type"] == "icso_study"
    for name, path in files.items():
        pd.testing.assert_frame_equal(table(path), reference, obj=name)


def test_template_has_dropdowns_instructions_and_an_example(tmp_path):
    path = write_template("KEN", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Inventory", "Lists"]
    ws = wb["Inventory"]
    assert [c.value for c in ws[1]] == [f.label for f in FIELDS]
    assert str(ws["A2"].value).startswith("EXAMPLE")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    coded = [f for f in FIELDS if f.kind in {"code", "iso3"}]
    assert len(lists) == len(coded)
    groups = [c.value for c in wb["Lists"]["A"]] + [
        c.value for row in wb["Lists"].iter_cols() for c in row
    ]
    assert "small_scale_farmers" in groups, "the country's own groups are in the lists"
    again = write_template("KEN", tmp_path / "t2.xlsx")
    assert path.read_bytes() == again.read_bytes()


def test_xlsform_matches_the_schema(tmp_path):
    wb = load_workbook(write_xlsform(tmp_path / "f.xlsx"))
    names = [r[1].value for r in wb["survey"].iter_rows(min_row=2)]
    assert names == VALUES
    shipped = load_workbook(ROOT / "data" / "forms" / "inventory_xlsform.xlsx")
    assert [r[1].value for r in shipped["survey"].iter_rows(min_row=2)] == VALUES


def test_data_model_page_is_generated_from_the_schema():
    page = (ROOT / "book" / "methods" / "data_model.md").read_text(encoding="utf-8")
    assert page == docs_markdown(), "run python -m lnob_methods.site.data_model"


def test_synthetic_inventories_regenerate_byte_for_byte(tmp_path):
    written = demo_inventories.generate(tmp_path)
    assert len(written) >= 4 * 8
    for path in written:
        rel = path.relative_to(tmp_path)
        assert rel.name.startswith("synthetic_")
        assert (ROOT / "data" / "countries" / rel).read_bytes() == path.read_bytes(), rel
    for declaration in {p.parent / "provenance.yaml" for p in written}:
        rel = declaration.relative_to(tmp_path)
        assert (ROOT / "data" / "countries" / rel).read_bytes() == declaration.read_bytes(), rel


def test_pilot_inventories_load_clean_with_organisation_on_every_row():
    for iso3 in ["BGD", "KEN", "NPL", "VNM"]:
        t = inventories.load_country(iso3)
        assert len(t) > 200 and t["organisation"].notna().all()
        assert t["organisation"].nunique() >= 8
        assert t["title"].str.endswith("(synthetic)").all()


def test_cli_validate_and_template(tmp_path):
    lnob = [sys.executable, "-m", "lnob_methods.cli.main"]
    ok = subprocess.run(
        [*lnob, "validate", "data/countries/KEN/inventories", "--country", "KEN"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    bad = subprocess.run(
        [
            *lnob,
            "validate",
            "tests/fixtures/inventory/several-errors-one-row.csv",
            "tests/fixtures/inventory/zip-bomb.xlsx",
            "--country",
            "KEN",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    # 5 in the files' content, and neither file is declared in a provenance.yaml
    assert "7 problem(s) in 2 file(s)" in bad.stdout
    assert bad.stdout.count("[provenance-not-declared]") == 2
    assert "row 2, column 'Quality': is not an allowed value" in bad.stdout
    assert "(value: 'great')" in bad.stdout
    out = tmp_path / "k.xlsx"
    made = subprocess.run(
        [*lnob, "template", "--country", "KEN", "--out", "k.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0 and out.exists()
    for evil in ["../outside.xlsx", "/tmp/abs.xlsx"]:
        refused = subprocess.run(
            [*lnob, "template", "--country", "KEN", "--out", evil],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert refused.returncode == 2 and "refusing to write" in refused.stderr
    assert not (tmp_path.parent / "outside.xlsx").exists()


codes = st.sampled_from
item = st.fixed_dictionaries(
    {
        "evidence_type": codes(["study", "survey", "dataset", "evaluation", "citizen_generated"]),
        "method": codes(["quantitative", "qualitative", "mixed", "participatory"]),
        "sdg_targets": st.lists(
            codes(["1.1", "5.2", "10.2", "16.10", "17.18"]), min_size=1, max_size=3, unique=True
        ),
        "groups": st.lists(
            codes(["youth", "women_and_girls", "small_scale_farmers"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        "year_from": st.integers(1990, 2020),
        "span": st.integers(0, 5),
        "quality": codes(["low", "medium", "high"]),
        "title": st.text(
            st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40
        ).filter(lambda t: t.strip() == t and t and not t.upper().startswith("EXAMPLE")),
    }
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(item, min_size=1, max_size=6))
def test_valid_generated_inventories_are_accepted_and_round_trip(tmp_path, items):
    rows = []
    for i, it in enumerate(items):
        base = dict(ITEMS[1])
        base.update(
            id=f"H-{i}",
            title=it["title"],
            evidence_type=it["evidence_type"],
            method=it["method"],
            sdg_targets="; ".join(it["sdg_targets"]),
            groups="; ".join(it["groups"]),
            year_from=it["year_from"],
            year_to=it["year_from"] + it["span"],
            quality=it["quality"],
        )
        rows.append([base[f] for f in VALUES])
    path = tmp_path / "gen.csv"
    path.write_text(csv_text(rows, [f.label for f in FIELDS]), encoding="utf-8")
    table, problems = inventories.check_files([path], "KEN")
    assert problems == []
    assert table["title"].tolist() == [it["title"] for it in items]
    assert [set(t) for t in table["sdg_targets"]] == [set(it["sdg_targets"]) for it in items]
    assert table["year_to"].tolist() == [it["year_from"] + it["span"] for it in items]
