"""The inventory template (Excel, with drop-down lists) and the KoboToolbox form (XLSForm)."""

from __future__ import annotations

from openpyxl import load_workbook

from lnob_methods.inventory.schema import FIELDS
from lnob_methods.inventory.template import write_template, write_xlsform
from tests.helpers import ROOT
from tests.helpers.inventories import VALUES


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
