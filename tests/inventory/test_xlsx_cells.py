"""Reading one XLSX sheet's cells: workbooks whose sheet XML is written by hand in each test."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from lnob_methods.core.cells import Formula
from lnob_methods.core.safety import MAX_ROWS
from lnob_methods.inventory.reader import read_xlsx
from lnob_methods.inventory.xlsx_cells import TooManyRows, open_workbook, read_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_file(path, sheet_data: str, after: str = "", before: str = ""):
    """Write a one-sheet workbook ("Inventory") whose sheet XML holds ``sheet_data``.

    The sheet has a ``<dimension>`` element, as Excel and openpyxl write it.
    """
    wb = Workbook()
    wb.active.title = "Inventory"
    buf = io.BytesIO()
    wb.save(buf)
    xml = (
        f'{before}<worksheet xmlns="{MAIN}"><dimension ref="A1"/>'
        f"<sheetData>{sheet_data}</sheetData>{after}</worksheet>"
    )
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode("utf-8")
            out.writestr(info, data)
    return path


def grid(path, max_rows=MAX_ROWS):
    wb = open_workbook(path)
    try:
        return read_sheet(wb["Inventory"], max_rows)
    finally:
        wb.close()


def text(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def test_empty_formatted_cells_give_the_sheet_its_size(tmp_path):
    # Two values, and formatted empty cells out to D3: three rows of four cells each.
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row r="1">' + text("A1", "a") + '<c r="B1" s="0"/></row>'
        '<row r="3"><c r="A3" t="n"><v>7</v></c><c r="D3" s="0" t="n"></c></row>',
    )
    rows, merged = grid(path)
    assert rows == [["a", None, None, None], [None] * 4, [7, None, None, None]]
    assert merged == []


def test_cells_without_a_reference_take_the_next_column(tmp_path):
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row><c t="inlineStr"><is><t>x</t></is></c><c/><c t="n"><v>2.5</v></c></row>',
    )
    assert grid(path)[0] == [["x", None, 2.5]]


def test_merged_ranges_are_read_and_blank_all_but_their_top_left_cell(tmp_path):
    # B1 holds text but lies inside A1:B1, so it reads as empty (as in Excel); the range
    # C3:D4 has no cell in the sheet data yet makes the grid four rows and four columns.
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row r="1">' + text("A1", "a") + text("B1", "hidden") + "</row>",
        after='<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C3:D4"/></mergeCells>',
    )
    rows, merged = grid(path)
    assert rows == [["a", None, None, None], [None] * 4, [None] * 4, [None] * 4]
    assert [r.coord for r in merged] == ["A1:B1", "C3:D4"]


def test_a_merged_header_cell_is_refused_and_a_merged_cell_elsewhere_is_not(tmp_path):
    header = ["ID", "Organisation", "Title", "Year from"]
    cells = "".join(text(f"{c}2", h) for c, h in zip("ABCD", header, strict=True))
    values = ["X-1", "CARE", "Survey", "2020"]
    item = "".join(text(f"{c}3", v) for c, v in zip("ABCD", values, strict=True))
    rows = f'<row r="1">{text("A1", "CARE inventory")}</row><row r="2">{cells}</row>'
    rows += f'<row r="3">{item}</row>'
    title_merged = sheet_file(
        tmp_path / "title.xlsx", rows, after='<mergeCells><mergeCell ref="A1:D1"/></mergeCells>'
    )
    assert [p.kind for p in read_xlsx(title_merged)[1] if p.kind.startswith("merged")] == []
    header_merged = sheet_file(
        tmp_path / "header.xlsx", rows, after='<mergeCells><mergeCell ref="D1:D2"/></mergeCells>'
    )  # D2 ("Year from") reads as empty: the header row keeps three columns, and is found
    merged = [p for p in read_xlsx(header_merged)[1] if p.kind == "merged-header"]
    assert [(p.sheet, p.row) for p in merged] == [("Inventory", 2)]
    assert merged[0].message.startswith("has merged header cells D1:D2:")


def test_formulas_stay_formulas_shared_ones_moved_to_their_cell(tmp_path):
    # B2 holds =A2*2, shared with B3: B3's formula is =A3*2 (Excel moves the reference).
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f>'
        '<v>2</v></c></row><row r="3"><c r="A3"><v>5</v></c><c r="B3"><f t="shared" si="0"/>'
        "<v>10</v></c></row>" + '<row r="4">' + text("A4", "=typed text") + "</row>",
    )
    rows = grid(path)[0]
    assert rows[1] == [1, "=A2*2"] and rows[2] == [5, "=A3*2"]
    assert isinstance(rows[1][1], Formula) and isinstance(rows[2][1], Formula)
    assert isinstance(rows[3][0], Formula), "text starting with '=' counts as a formula"


def test_reading_stops_at_the_first_row_below_the_limit(tmp_path):
    # Row 4 is below a limit of 3 rows; the XML after it is broken, and never read.
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row r="1">' + text("A1", "a") + '</row><row r="4"><c r="B4" s="0"/></row><row r="5"><c',
    )
    with pytest.raises(TooManyRows):
        grid(path, max_rows=3)
    fits = sheet_file(tmp_path / "fits.xlsx", '<row r="3"><c r="A3" s="0"/></row>')
    assert grid(fits, max_rows=3)[0] == [[None], [None], [None]]
    merged_below = sheet_file(
        tmp_path / "m.xlsx",
        '<row r="1">' + text("A1", "a") + "</row>",
        after='<mergeCells><mergeCell ref="A1:A4"/></mergeCells>',
    )
    with pytest.raises(TooManyRows):
        grid(merged_below, max_rows=3)


def test_a_sheet_with_a_cell_below_200000_rows_is_refused_by_the_reader(tmp_path):
    path = sheet_file(
        tmp_path / "big.xlsx",
        '<row r="1">' + text("A1", "a") + f'</row><row r="{MAX_ROWS + 1}">'
        f'<c r="A{MAX_ROWS + 1}" s="0"/></row><row r="{MAX_ROWS + 2}"><c',  # broken after it
    )
    table, problems = read_xlsx(path)
    assert table.empty and [(p.kind, p.sheet) for p in problems] == [("unsafe-file", "Inventory")]
    assert problems[0].message.startswith("has 200,001 rows or more")


def test_a_sheet_declaring_entities_past_its_first_bytes_is_still_refused(tmp_path):
    # The file check reads each member's first 4 KB; a long comment pushes the DOCTYPE past
    # them. defusedxml, under openpyxl, then refuses the declaration: "boom" is never read.
    path = sheet_file(
        tmp_path / "s.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>',
        before='<?xml version="1.0"?><!--'
        + "x" * 5000
        + '--><!DOCTYPE worksheet [<!ENTITY e "boom">]>',
    )
    table, problems = read_xlsx(path)
    assert table.empty and [p.kind for p in problems] == ["not-a-spreadsheet"]
    assert "(ValueError)" in problems[0].message  # as openpyxl reports it
    assert "boom" not in repr(table)


def test_a_broken_sheet_is_not_a_spreadsheet(tmp_path):
    # No <dimension>: openpyxl parses the sheet to find its size and fails on the broken XML.
    path = sheet_file(tmp_path / "s.xlsx", '<row r="1"><c')
    data = path.read_bytes().replace(b'<dimension ref="A1"/>', b"")
    path.write_bytes(data)
    table, problems = read_xlsx(path)
    assert table.empty and [p.kind for p in problems] == ["not-a-spreadsheet"]
    assert "(ParseError)" in problems[0].message
