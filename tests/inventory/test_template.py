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


def test_xlsform_hints_do_not_ask_for_semicolons_where_boxes_are_ticked(tmp_path):
    from pyxform.xls2xform import convert

    path = write_xlsform(tmp_path / "f.xlsx")
    rows = {r[1]: r for r in load_workbook(path)["survey"].iter_rows(min_row=2, values_only=True)}
    # Kobo and ODK store the ticked choices separated by spaces: written out by hand.
    assert rows["groups"][0] == "select_multiple groups"
    assert rows["groups"][4] == (
        "Groups covered: codes of the LNOB taxonomy or of the country config. Tick all that apply."
    )
    assert rows["disaggregations"][4] == (
        "Dimensions by which the data can be broken down. Tick all that apply."
    )
    multiple = [r for r in rows.values() if str(r[0]).startswith("select_multiple")]
    assert len(multiple) == 2
    assert not any("semicolon" in r[4] for r in multiple)
    # Typed answers keep the template's wording.
    assert "separated by semicolons" in rows["sdg_targets"][4]
    convert(xlsform=str(path), validate=False)  # pyxform accepts the form
