"""The inventory template (Excel, with drop-down lists) and the KoboToolbox form (XLSForm)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import load_workbook

from lnob_methods.inventory.load import check_files
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.inventory.template import write_template, write_xlsform
from tests.helpers import ROOT
from tests.helpers.countries import admin1_rows, pilot_words_in, text_of, write_config
from tests.helpers.inventories import VALUES


def test_template_has_dropdowns_instructions_and_an_example(tmp_path):
    path = write_template("KEN", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Inventory", "Lists"]
    ws = wb["Inventory"]
    assert [c.value for c in ws[1]] == [f.label for f in FIELDS]
    assert str(ws["A2"].value).startswith("EXAMPLE")
    lists = {str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "list"}
    # The coded columns, the country and, for Kenya, its counties and its languages.
    coded = [f for f in FIELDS if f.kind in {"code", "iso3"}] + ["admin1", "language"]
    assert len(lists) == len(coded)
    groups = [c.value for row in wb["Lists"].iter_cols() for c in row]
    assert "small_scale_farmers" in groups, "the country's own groups are in the lists"
    again = write_template("KEN", tmp_path / "t2.xlsx")
    assert path.read_bytes() == again.read_bytes()


def _validations(ws) -> dict[str, object]:
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def _column(wb, dv) -> tuple[str, list]:
    """Return the Lists column a list validation points to, and its cells down to the last."""
    column = dv.formula1.split("!")[1].split(":")[0].replace("$", "")[0]
    values = [c.value for c in wb["Lists"][column]]
    while values and values[-1] is None:
        values.pop()
    return column, values


def test_years_sample_size_and_language_are_validated(tmp_path):
    wb = load_workbook(write_template("KEN", tmp_path / "t.xlsx"))
    dvs = _validations(wb["Inventory"])
    # Columns L, M, N and R are the first year, last year, sample size and language (counted in
    # the header by hand); rows 3 to 1001 are the data rows below the example.
    first = dvs["L3:L1001"]
    assert (first.type, first.operator, first.formula1, first.formula2) == (
        "whole",
        "between",
        "1900",
        "2100",
    )
    last = dvs["M3:M1001"]
    assert last.type == "custom"
    assert last.formula1 == 'AND(ISNUMBER(M3),INT(M3)=M3,M3>=1900,M3<=2100,OR(L3="",M3>=L3))'
    size = dvs["N3:N1001"]
    assert (size.type, size.operator, size.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert all(dv.showErrorMessage for dv in (first, last, size))
    language = dvs["R3:R1001"]
    assert language.type == "list"
    column, listed = _column(wb, language)
    assert listed == ["language", "en", "sw"]  # Kenya's config: [en, sw]
    assert language.formula1 == f"=Lists!${column}$2:${column}$3"


def test_last_year_rule_by_hand():
    """The last-year formula, evaluated for cases worked out by hand (Excel's meaning)."""

    def rule(first, last):  # AND(ISNUMBER, whole, in range, OR(first empty, last >= first))
        number = isinstance(last, int | float)
        return bool(
            number and int(last) == last and 1900 <= last <= 2100 and (first == "" or last >= first)
        )

    assert rule(2019, 2021) and rule(2021, 2021) and rule("", 2021)
    assert not rule(2021, 2019)  # before the first year
    assert not rule(2019, 43466)  # a date typed into the cell: its serial number
    assert not rule(2019, 2020.5)
    assert not rule(2019, "2021")  # text


def test_header_instructions_and_lists_are_protected_the_data_is_not(tmp_path):
    wb = load_workbook(write_template("KEN", tmp_path / "t.xlsx"))
    ws = wb["Inventory"]
    assert ws.protection.sheet
    assert all(c.protection.locked for c in ws[1])
    assert not any(c.protection.locked for c in ws[2])  # the example row can be deleted
    assert not ws["A3"].protection.locked and not ws["T1001"].protection.locked
    # Rows can be added, deleted and sorted; columns cannot be added or deleted.
    p = ws.protection
    assert (p.insertRows, p.deleteRows, p.sort, p.formatColumns) == (False, False, False, False)
    assert (p.insertColumns, p.deleteColumns) == (True, True)
    assert wb["Instructions"].protection.sheet
    assert all(c.protection.locked for row in wb["Instructions"].iter_rows() for c in row)
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden" and lists.protection.sheet
    # LibreOffice shows a hidden sheet that is selected or active: only the inventory is.
    assert wb.active.title == "Inventory"
    assert [s.sheet_view.tabSelected for s in wb.worksheets] == [False, True, False]


def test_the_header_is_frozen_as_libreoffice_reads_it(tmp_path):
    """LibreOffice's importer freezes on state="frozen" and counts ySplit rows from the top."""
    path = write_template("KEN", tmp_path / "t.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet2.xml"))  # Inventory, the second sheet
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", ns)
    assert pane.attrib == {
        "ySplit": "2",
        "topLeftCell": "A3",
        "activePane": "bottomLeft",
        "state": "frozen",
    }
    assert load_workbook(path)["Inventory"].freeze_panes == "A3"


@pytest.mark.slow
def test_libreoffice_keeps_the_frozen_header_validation_and_protection(tmp_path):
    """A round trip through LibreOffice Calc (make system-deps installs it) keeps what we set.

    Not the frozen header: a headless conversion has no view, and drops every file's view
    settings (an openpyxl workbook frozen at A2 loses it too), so the pane is checked against
    the importer's rule above instead.
    """
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run `make system-deps`"
    path = write_template("KEN", tmp_path / "t.xlsx")
    out = tmp_path / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    wb = load_workbook(out / "t.xlsx")
    ws = wb["Inventory"]
    assert ws.protection.sheet and wb["Lists"].sheet_state in ("hidden", "veryHidden")
    assert ws["A1"].protection.locked and not ws["A3"].protection.locked
    ranges = {str(dv.sqref) for dv in ws.data_validations.dataValidation}
    assert any("L3" in r for r in ranges) and any("M3" in r for r in ranges)  # the two years


def test_the_template_still_validates_its_example_and_a_typed_row(tmp_path):
    """The template, filled below the example, passes `lnob validate`'s checks."""
    path = write_template("KEN", tmp_path / "t.xlsx")
    wb = load_workbook(path)
    ws = wb["Inventory"]
    row = [
        "AA-1", "ActionAid", "icso", "Water study", "study", "qualitative", "6.1",
        "slum_dwellers", "sex", "KEN", "Kisumu", 2019, 2021, 300, "low", "public", "MEL",
        "en", "no", "no",
    ]  # fmt: skip
    for j, v in enumerate(row, start=1):
        ws.cell(3, j, v)
    wb.save(path)
    tidy, problems = check_files([path], "KEN")
    assert problems == []
    assert list(tidy["id"]) == ["AA-1"]


# A new country (Uganda): the team excluded two groups and added Luganda.
EXCLUDED = ["indigenous_peoples", "caste_affected_groups"]


@pytest.fixture
def uganda(tmp_path, monkeypatch):
    root = tmp_path / "countries"
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(root))
    write_config(
        root, "UGA", groups_not_applicable=EXCLUDED, languages={"en": "English", "lg": "Luganda"}
    )
    return root


@pytest.mark.parametrize("iso3", ["UGA", "ETH"])
def test_a_new_countrys_template_lists_its_areas(uganda, tmp_path, iso3):
    wb = load_workbook(write_template(iso3, tmp_path / "t.xlsx"))
    dvs = _validations(wb["Inventory"])
    areas = dvs["K3:K1001"]  # column K: Admin-1 areas
    column, listed = _column(wb, areas)
    listed = listed[1:]  # below the list's name
    expected = [name for _, name in admin1_rows(iso3)]
    assert listed == expected
    assert len(listed) == {"UGA": 4, "ETH": 13}[iso3]  # counted in the OCHA file by hand
    assert areas.formula1 == f"=Lists!${column}$2:${column}${len(expected) + 1}"
    # Several areas are allowed in the cell: a warning, not a refusal; a holder type is refused.
    assert (areas.errorStyle, dvs["C3:C1001"].errorStyle) == ("warning", "stop")
    example = {f.name: c.value for f, c in zip(FIELDS, wb["Inventory"][2], strict=True)}
    assert example["iso3"] == iso3
    assert example["admin1"] == "; ".join(expected[:2])


def test_a_new_countrys_template_has_no_pilot_names_and_no_excluded_group(uganda, tmp_path):
    path = write_template("UGA", tmp_path / "t.xlsx")
    assert pilot_words_in(path, "UGA") == []
    text = text_of(path)
    for group in EXCLUDED:
        assert group not in text
    assert "persons_with_disabilities" in text  # a group that applies
    wb = load_workbook(path)
    example = {f.name: c.value for f, c in zip(FIELDS, wb["Inventory"][2], strict=True)}
    assert example["admin1"] == "Central; Eastern"
    assert example["language"] == "en"
    assert wb["Instructions"]["A1"].value == "Evidence inventory template for Uganda (UGA)"
    languages = _validations(wb["Inventory"])["R3:R1001"]
    assert _column(wb, languages)[1] == ["language", "en", "lg"]
    # The example row passes the country's own checks (once its ID is not an example's).
    ws = wb["Inventory"]
    ws["A2"] = "ORG-1"
    wb.save(path)
    tidy, problems = check_files([path], "UGA")
    assert problems == []
    assert list(tidy["admin1"]) == [("UG1", "UG2")]


def test_a_country_without_admin1_areas_gets_no_area_list(tmp_path):
    # Monaco: no admin-1 areas in the OCHA file (checked by hand with zcat | grep).
    assert admin1_rows("MCO") == []
    wb = load_workbook(write_template("MCO", tmp_path / "t.xlsx"))
    assert "K3:K1001" not in _validations(wb["Inventory"])
    example = {f.name: c.value for f, c in zip(FIELDS, wb["Inventory"][2], strict=True)}
    assert example["admin1"] is None


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
