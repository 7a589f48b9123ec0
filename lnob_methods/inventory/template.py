"""Generate the Excel template and the KoboToolbox/ODK XLSForm from the inventory schema."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.inventory.schema import FIELDS, QUALITY_RULE
from lnob_methods.reference import countries, pcodes, taxonomy

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FIRST_DATA_ROW = 3  # row 1: headers, row 2: the example
LAST_DATA_ROW = 1001
YEARS = (1900, 2100)
UNLOCKED = Protection(locked=False)


def _languages(country: countries.Country) -> list[str]:
    """Return the language codes offered: the country's, then English when it is not one."""
    codes = [c for c in country.languages if c != "other"]
    return codes + ([] if "en" in codes else ["en"])


def _lists(country: countries.Country) -> dict[str, list[str]]:
    lists = {f.name: list(f.allowed) for f in FIELDS if f.allowed}
    lists["groups"] = list(country.groups()["group"])
    lists["iso3"] = [country.iso3]
    lists["admin1"] = list(pcodes.admin1_names(country.iso3))
    lists["language"] = _languages(country)
    return {name: values for name, values in lists.items() if values}


def example_row(country: countries.Country) -> dict[str, str]:
    """Return the example row of a country's template: values that pass its checks.

    The schema's examples, with the country's own code, its first two admin-1 areas (none when
    the OCHA reference has none), its first language, and groups that apply there.
    """
    row = {f.name: f.example for f in FIELDS}
    row["id"] = "EXAMPLE-1 (delete or keep: rows whose ID starts with EXAMPLE are ignored)"
    row["iso3"] = country.iso3
    row["admin1"] = "; ".join(list(pcodes.admin1_names(country.iso3))[:2])
    row["language"] = _languages(country)[0]
    applicable = list(country.groups()["group"])
    groups = [g for g in countries.split_codes(row["groups"]) if g in applicable]
    row["groups"] = "; ".join(groups or applicable[:2])
    return row


def write_template(iso3: str, path: Path) -> Path:
    """Write the inventory template of a country: one sheet to fill, drop-downs, instructions.

    Coded single-value columns get a drop-down list; multi-value columns (groups, targets,
    dimensions) get an input message listing their codes, since Excel drop-downs hold one value.
    Admin-1 areas are a drop-down of the country's areas that also accepts several, separated
    by semicolons (a warning, not a refusal). Years are whole numbers from 1900 to 2100, the last
    year no earlier than the first; sample sizes are whole numbers, 0 or more. The header row,
    the instructions and the (hidden) lists are protected; the data rows are not.
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
    letter_of = {f.name: get_column_letter(j) for j, f in enumerate(FIELDS, start=1)}
    example = example_row(country)
    for j, f in enumerate(FIELDS, start=1):
        c = ws.cell(1, j, f.label)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(j)].width = max(14, min(40, len(f.label) + 6))
        value = example[f.name]
        if f.kind in {"year", "count"} and value.isdigit():
            value = int(value)  # typed as a number, as the validation of the rows below wants
        ws.cell(2, j, value).font = Font(italic=True, color="666666")
        for r in range(2, LAST_DATA_ROW + 1):
            cell = ws.cell(r, j)
            cell.protection = UNLOCKED
            if f.kind == "targets" or f.name == "id":
                cell.number_format = "@"  # text, so 16.10 stays 16.10
        for dv in _validations(f, lists, col_of, letter_of):
            dv.add(f"{letter_of[f.name]}{FIRST_DATA_ROW}:{letter_of[f.name]}{LAST_DATA_ROW}")
            ws.add_data_validation(dv)
    # Frozen, not split: LibreOffice reads state="frozen" with ySplit as a row count.
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    # The header is locked and the data rows are not; rows may be added, deleted and sorted.
    ws.protection = SheetProtection(
        sheet=True,
        formatCells=False,
        formatColumns=False,
        formatRows=False,
        insertRows=False,
        deleteRows=False,
        sort=False,
        autoFilter=False,
    )
    lw.sheet_state = "hidden"
    lw.protection = SheetProtection(sheet=True)
    instructions = wb.create_sheet("Instructions", 0)
    _instructions(instructions, country, lists, example)
    instructions.protection = SheetProtection(sheet=True)
    wb.active = 1
    for sheet in wb.worksheets:  # only the sheet to fill is selected (a hidden one never)
        sheet.sheet_view.tabSelected = sheet is ws
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


# Drop-downs that warn rather than refuse: (error title, message).
_OPEN_LISTS = {
    "admin1": (
        "Not one area of the list",
        "Several areas are separated by ';': choose Yes to keep them.",
    ),
    "language": (
        "Not one of the country's languages",
        "Choose Yes to keep another ISO 639 language code.",
    ),
}


def _validations(f, lists, col_of, letter_of) -> list[DataValidation]:
    """Return the data validations of one column (applied from the first data row)."""
    if f.kind in {"code", "iso3"} or f.name in _OPEN_LISTS:
        if f.name not in lists:  # a country without admin-1 areas in the reference
            return []
        column, n = col_of[f.name], len(lists[f.name])
        title, error = _OPEN_LISTS.get(
            f.name, ("Not an allowed value", f"Choose a value of the list for {f.label}.")
        )
        return [
            DataValidation(
                type="list",
                formula1=f"=Lists!${column}$2:${column}${n + 1}",
                allow_blank=not f.required,
                showErrorMessage=True,
                # A warning lets a user keep another value: several areas, another language.
                errorStyle="warning" if f.name in _OPEN_LISTS else "stop",
                errorTitle=title,
                error=error,
            )
        ]
    if f.kind in {"codes", "groups", "targets"}:
        shown = ", ".join(lists.get(f.name, [])[:40]) or "SDG targets such as 10.2; 16.10"
        return [
            DataValidation(
                type="custom",
                formula1="TRUE",
                showInputMessage=True,
                promptTitle=f.label[:32],
                prompt=f"Separate values with ; Codes: {shown}"[:255],
            )
        ]
    low, high = YEARS
    if f.name == "year_to":
        first, last = (f"{letter_of[n]}{FIRST_DATA_ROW}" for n in ("year_from", "year_to"))
        return [
            DataValidation(
                type="custom",
                formula1=(
                    f"AND(ISNUMBER({last}),INT({last})={last},{last}>={low},{last}<={high},"
                    f'OR({first}="",{last}>={first}))'
                ),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not a year after the first",
                error=f"Type a year from {low} to {high}, no earlier than the first year.",
            )
        ]
    if f.kind == "year":
        return [
            DataValidation(
                type="whole",
                operator="between",
                formula1=str(low),
                formula2=str(high),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not a year",
                error=f"Type a year from {low} to {high}, four digits (not a date).",
            )
        ]
    if f.kind == "count":
        return [
            DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not a whole number",
                error="Type a whole number, 0 or more, or leave the cell empty.",
            )
        ]
    return []


def _instructions(ws, country: countries.Country, lists: dict, example: dict) -> None:
    areas = lists.get("admin1", [])
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
        [
            "The header row and this sheet are protected against accidental changes (no "
            "password); the drop-down lists come from a hidden sheet."
        ],
        [],
        ["Column", "Field name", "Required", "Allowed values", "Description", "Example"],
    ]
    for f in FIELDS:
        allowed = (
            ", ".join(f.allowed)
            if f.allowed
            else {
                "groups": ", ".join(lists.get("groups", [])),
                "targets": "SDG targets of the framework",
                "iso3": country.iso3,
                "admin1": (
                    f"admin-1 areas of {country.name} (names or OCHA p-codes): {', '.join(areas)}"
                    if areas
                    else "admin-1 names or p-codes"
                ),
                "year": f"a year from {YEARS[0]} to {YEARS[1]}",
                "count": "a whole number, 0 or more",
            }.get(f.kind, "")
        )
        if f.name == "language":
            allowed = f"an ISO 639 code, such as {', '.join(lists['language'])}"
        rows.append(
            [
                f.label,
                f.name,
                "yes" if f.required else "no",
                allowed,
                f.description,
                example[f.name],
            ]
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
