"""Generate the Excel template and the KoboToolbox/ODK XLSForm from the inventory schema."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.inventory.schema import FIELDS, QUALITY_RULE
from lnob_methods.reference import countries, taxonomy

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def _lists(country: countries.Country) -> dict[str, list[str]]:
    lists = {f.name: list(f.allowed) for f in FIELDS if f.allowed}
    lists["groups"] = list(country.groups()["group"])
    lists["iso3"] = [country.iso3]
    return lists


def write_template(iso3: str, path: Path) -> Path:
    """Write the inventory template of a country: one sheet to fill, drop-downs, instructions.

    Coded single-value columns get a drop-down list; multi-value columns (groups, targets,
    dimensions) get an input message listing their codes, since Excel drop-downs hold one value.
    """
    country = countries.load_country(iso3)
    wb = Workbook()
    ws = wb.active
    ws.title = "Inventory"
    lists = _lists(country)
    lw = wb.create_sheet("Lists")
    for j, (name, values) in enumerate(sorted(lists.items()), start=1):
        lw.cell(1, j, name).font = Font(bold=True)
        for i, v in enumerate(values, start=2):
            lw.cell(i, j, v)
    col_of = {name: get_column_letter(j) for j, name in enumerate(sorted(lists), start=1)}
    for j, f in enumerate(FIELDS, start=1):
        c = ws.cell(1, j, f.label)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = max(14, min(40, len(f.label) + 6))
        example = (
            "EXAMPLE-1 (delete or keep: rows whose ID starts with EXAMPLE are ignored)"
            if f.name == "id"
            else f.example
        )
        ws.cell(2, j, example).font = Font(italic=True, color="666666")
        letter = get_column_letter(j)
        if f.kind in {"targets", "year"} or f.name == "id":
            for r in range(2, 1002):
                ws.cell(r, j).number_format = "@"  # text, so 16.10 stays 16.10
        if f.kind in {"code", "iso3"}:
            n = len(lists[f.name])
            dv = DataValidation(
                type="list",
                formula1=f"=Lists!${col_of[f.name]}$2:${col_of[f.name]}${n + 1}",
                allow_blank=not f.required,
                showErrorMessage=True,
                errorTitle="Not an allowed value",
                error=f"Choose a value of the list for {f.label}.",
            )
            dv.add(f"{letter}3:{letter}1001")
            ws.add_data_validation(dv)
        elif f.kind in {"codes", "groups", "targets"}:
            shown = ", ".join(lists.get(f.name, [])[:40]) or "SDG targets such as 10.2; 16.10"
            dv = DataValidation(
                type="custom",
                formula1="TRUE",
                showInputMessage=True,
                promptTitle=f.label[:32],
                prompt=f"Separate values with ; Codes: {shown}"[:255],
            )
            dv.add(f"{letter}3:{letter}1001")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A3"
    _instructions(wb.create_sheet("Instructions", 0), country)
    wb.active = 1
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


def _instructions(ws, country: countries.Country) -> None:
    rows = [
        [f"Evidence inventory template for {country.name} ({country.iso3})"],
        [
            "One row per evidence item on the 'Inventory' sheet, from row 3 (row 2 is an example "
            "and is ignored). One file per organisation. Check it with: lnob validate FILE"
        ],
        [
            "Type SDG targets as text (16.10, not 16.1). Separate several values with ';'. "
            "Leave a cell empty when the value is not known: 'NA' is text, not 'missing'."
        ],
        [],
        ["Column", "Field name", "Required", "Allowed values", "Description", "Example"],
    ]
    for f in FIELDS:
        allowed = (
            ", ".join(f.allowed)
            if f.allowed
            else {
                "groups": "see the Lists sheet (groups)",
                "targets": "SDG targets of the framework",
                "iso3": country.iso3,
                "admin1": "admin-1 names or p-codes",
                "year": "four digits",
            }.get(f.kind, "")
        )
        rows.append(
            [f.label, f.name, "yes" if f.required else "no", allowed, f.description, f.example]
        )
    rows += [[], ["Quality rule"]] + [[k, v] for k, v in QUALITY_RULE.items()]
    for r in rows:
        ws.append(r)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["E"].width = 70


def form_hint(f, kind: str) -> str:
    """Return the hint of a field in the XLSForm.

    A select-multiple question is answered by ticking boxes (Kobo and ODK store the choices
    separated by spaces), so its hint does not ask for semicolons as the template's does.
    """
    if not kind.startswith("select_multiple"):
        return f.description
    text = f.description.replace(", separated by semicolons", "").rstrip(".")
    return f"{text}. Tick all that apply."


def write_xlsform(path: Path) -> Path:
    """Write the KoboToolbox/ODK XLSForm of the inventory (same field names as the template)."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "required", "hint", "constraint"])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    groups = taxonomy.groups_table()
    lists = {f.name: list(f.allowed) for f in FIELDS if f.allowed}
    lists["groups"] = list(groups["group"])
    for f in FIELDS:
        kind = {
            "code": f"select_one {f.name}",
            "codes": f"select_multiple {f.name}",
            "groups": "select_multiple groups",
            "year": "integer",
            "count": "integer",
        }.get(f.kind, "text")
        constraint = ". >= 1900 and . <= 2100" if f.kind == "year" else ""
        survey.append(
            [kind, f.name, f.label, "yes" if f.required else "no", form_hint(f, kind), constraint]
        )
    for name, values in lists.items():
        labels = (
            dict(zip(groups["group"], groups["label"], strict=True)) if name == "groups" else {}
        )
        for v in values:
            choices.append([name, v, labels.get(v, v.replace("_", " "))])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["LNOB evidence inventory", "lnob_inventory", "1"])
    fix_workbook_times(wb)
    return save_reproducible(wb, path)
