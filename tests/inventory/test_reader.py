"""Reading inventory files: the same items in every format (end to end through ``load``), then
``read_csv``, ``read_xlsx`` and ``read_any`` directly on tiny files written in ``tmp_path``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from lnob_methods.core.cells import Formula
from lnob_methods.core.errors import Problem
from lnob_methods.inventory.reader import read_any, read_csv, read_xlsx
from lnob_methods.inventory.schema import FIELDS
from tests.helpers.inventories import ITEMS, VALUES, csv_text, formats, table


def test_same_content_in_every_format_gives_the_same_table(tmp_path):
    files = formats(tmp_path)
    reference = table(files["xlsx"])
    assert reference.loc[0, "sdg_targets"] == ("6.1", "16.10")
    assert reference.loc[0, "admin1"] == ("KE042",)
    assert reference.loc[1, "source_type"] == "icso_study"
    for name, path in files.items():
        pd.testing.assert_frame_equal(table(path), reference, obj=name)


LABELS = [f.label for f in FIELDS]
ROW = [ITEMS[1][f] for f in VALUES]  # X-2, a valid item (CARE's panel survey)


def write(path, lines, encoding="utf-8"):
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def joined(cells, delimiter=","):
    return delimiter.join("" if c is None else str(c) for c in cells)


def kinds(problems):
    return [(p.row, p.column, p.kind) for p in problems]


def test_csv_header_found_below_title_rows_and_rows_numbered_as_the_user_sees(tmp_path):
    path = write(
        tmp_path / "inv.csv",
        [
            "CARE evidence inventory,,",  # line 1: a title
            ",,",  # line 2: empty
            joined(LABELS),  # line 3: the header
            joined(ROW),  # line 4
            "",  # line 5: a blank row is skipped
            joined(["EXAMPLE-1", *ROW[1:]]),  # line 6: the template's example row is skipped
            joined(["X-3", *ROW[1:]]),  # line 7
        ],
    )
    table, problems = read_csv(path)
    assert problems == []
    assert table["_row"].tolist() == [4, 7]
    assert table["id"].tolist() == ["X-2", "X-3"]
    assert table["_file"].tolist() == [str(path)] * 2 and table["_sheet"].isna().all()
    first = table.iloc[0]
    # Cells stay as found (text from a CSV); an empty cell is None, to be judged by the checks.
    assert (first["year_from"], first["sample_size"], first["admin1"]) == ("2021", "1500", None)


@pytest.mark.parametrize(("delimiter", "suffix"), [(";", ".csv"), ("\t", ".tsv"), ("\t", ".txt")])
def test_semicolon_and_tab_delimiters(tmp_path, delimiter, suffix):
    title = LABELS.index("Title")
    row = [*ROW[:title], "Water, sanitation and hygiene", *ROW[title + 1 :]]
    path = tmp_path / f"inv{suffix}"
    path.write_bytes(csv_text([row], LABELS, delimiter).encode("cp1252"))
    table, problems = read_any(path)
    assert problems == []
    # The delimiter is the one the header line uses most: commas in a cell do not split it.
    assert table.loc[0, "title"] == "Water, sanitation and hygiene"
    assert table.loc[0, "disaggregations"] == "age; sex" and table.loc[0, "_row"] == 2


@pytest.mark.parametrize("human", ["template labels", "other words"])
def test_hxl_row_under_the_header_names_the_columns(tmp_path, human):
    # The HXL hashtags under a human header row: the template's labels, or words of one's own.
    header = LABELS if human == "template labels" else [f"Column {i}" for i in range(20)]
    tags = [f.hxl for f in FIELDS]
    path = write(tmp_path / "hxl.csv", [joined(header), joined(tags), joined(ROW)])
    table, problems = read_csv(path)
    assert problems == []
    assert table.loc[0, "id"] == "X-2" and table.loc[0, "language"] == "sw"
    assert table.loc[0, "_row"] == 3  # the data start under the hashtag row


def test_every_legal_spelling_of_the_hxl_tags_names_the_same_columns(tmp_path):
    # HXL allows a space before each attribute and attributes in any order (libhxl reads both).
    def respell(tag):
        base, *attributes = tag.split("+")
        return " ".join([base, *(f"+{a}" for a in reversed(attributes))])

    tags = [respell(f.hxl) for f in FIELDS]
    assert "#sector +target +sdg" in tags and "#org +name" in tags
    path = write(tmp_path / "hxl.csv", [joined(LABELS), joined(tags), joined(ROW)])
    table, problems = read_csv(path)
    assert problems == []
    assert table.loc[0, "id"] == "X-2" and table.loc[0, "language"] == "sw"
    assert table.loc[0, "sdg_targets"] == ROW[VALUES.index("sdg_targets")]


def test_kobo_group_prefixes_and_extra_columns(tmp_path):
    header = [f"inventory/{f}" for f in VALUES] + [
        "inventory/groups/youth",  # one 0/1 column per choice of a select-multiple
        "inventory/groups/women_and_girls",
        "_uuid",
        "_index",
        "start",
    ]
    row = [*ROW, 1, 0, "uuid-1", 1, "2024-01-01"]
    path = write(tmp_path / "kobo.csv", [joined(header), joined(row)])
    table, problems = read_csv(path)
    assert problems == []  # Kobo's own columns are not unknown columns
    assert table.loc[0, "groups"] == "youth" and table.loc[0, "title"] == "Panel survey"


def test_unknown_missing_and_repeated_header_columns_are_located(tmp_path):
    quality = LABELS.index("Quality")
    header = [*LABELS[:quality], *LABELS[quality + 1 :], "Notes"]
    row = [*ROW[:quality], *ROW[quality + 1 :], "a note"]
    path = write(tmp_path / "inv.csv", [joined(header), joined(row), joined(header)])
    table, problems = read_csv(path)
    assert kinds(problems) == [
        (None, "Notes", "unknown-column"),
        (None, "Quality", "missing-column"),
        (3, None, "repeated-header"),
    ]
    assert [p.message for p in problems] == [
        "is not a column of the inventory template; remove or rename it.",
        "is missing: add this column (see the template).",
        "repeats the header row; delete it.",
    ]
    assert len(table) == 1


def test_csv_without_a_header_or_without_items(tmp_path):
    none = write(tmp_path / "none.csv", ["a,b,c", "1,2,3"])
    assert read_csv(none)[1] == [
        Problem(
            str(none),
            "no-header",
            "has no header row with the template's columns (or HXL tags).",
        )
    ]
    header_only = write(tmp_path / "header.csv", [joined(LABELS)])
    table, problems = read_csv(header_only)
    assert table.empty
    assert problems == [Problem(str(header_only), "empty-file", "has a header but no items.")]


def test_read_any_refuses_what_is_not_an_inventory(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "binary.csv").write_bytes(b"ID,Title\x00\x01\x02")
    (tmp_path / "text.xlsx").write_text("ID,Title\n", encoding="utf-8")
    expected = {
        "missing.csv": ("not-found", "does not exist or is not a file."),
        "empty.csv": ("empty-file", "is empty: fill the template and save it."),
        "old.xls": (
            "not-a-spreadsheet",
            "is an old .xls workbook: open it in Excel and save it as .xlsx.",
        ),
        "report.pdf": (
            "not-a-spreadsheet",
            "has the extension '.pdf': inventories are .xlsx or .csv files.",
        ),
        "binary.csv": (
            "not-a-spreadsheet",
            "is a binary file, not a CSV: save it as CSV in UTF-8 (with or without BOM), "
            'UTF-16 with BOM (Excel\'s "Unicode text") or Windows-1252.',
        ),
    }
    for name, (kind, message) in expected.items():
        table, problems = read_any(tmp_path / name)
        assert table.empty and "_row" in table.columns, name
        assert problems == [Problem(str(tmp_path / name), kind, message)], name
    _, [problem] = read_any(tmp_path / "text.xlsx")
    assert problem.kind == "not-a-spreadsheet"
    assert problem.message.startswith("cannot be read as an Excel workbook (")
    assert problem.message.endswith("); save it as .xlsx.")


def workbook(path, sheets):
    """Write an XLSX of ``{sheet: rows}``; return the path."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_xlsx_keeps_numbers_and_formulas_as_found(tmp_path):
    title = LABELS.index("Title")
    formula_row = [*ROW[:title], "=A3&B3", *ROW[title + 1 :]]
    path = workbook(
        tmp_path / "inv.xlsx",
        {"Notes": [["read me"]], "Inventory": [["CARE inventory"], LABELS, formula_row]},
    )
    table, problems = read_xlsx(path)
    assert problems == []
    row = table.iloc[0]
    assert (row["_sheet"], row["_row"]) == ("Inventory", 3)  # the sheet named Inventory
    assert isinstance(row["title"], Formula) and row["title"] == "=A3&B3"
    assert row["year_from"] == 2021 and row["sample_size"] == 1500  # numbers stay numbers
    assert read_any(path)[1] == [] and read_any(path)[0]["title"].tolist() == ["=A3&B3"]


def test_xlsx_sheet_choice_merged_header_no_header_and_no_items(tmp_path):
    only = workbook(tmp_path / "only.xlsx", {"Sheet1": [LABELS, ROW]})
    table, problems = read_xlsx(only)
    assert problems == [] and table.loc[0, "_sheet"] == "Sheet1"  # the only sheet will do

    two = workbook(tmp_path / "two.xlsx", {"Data": [LABELS, ROW], "Notes": [["x"]]})
    assert read_xlsx(two)[1] == [
        Problem(
            str(two),
            "wrong-sheet",
            "has no sheet named 'Inventory' (sheets: Data, Notes); put the inventory on a sheet "
            "named 'Inventory'.",
        )
    ]

    merged = tmp_path / "merged.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Inventory"
    ws.append(["Inventory of CARE"])
    ws.append(LABELS)
    ws.append(ROW)
    ws.merge_cells("J2:K2")  # Country (ISO3) over Admin-1 areas, not required
    wb.save(merged)
    _, problems = read_xlsx(merged)
    assert [(p.kind, p.sheet, p.row) for p in problems] == [("merged-header", "Inventory", 2)]
    assert "J2:K2" in problems[0].message

    none = workbook(tmp_path / "none.xlsx", {"Inventory": [["a", "b"], [1, 2]]})
    assert read_xlsx(none)[1] == [
        Problem(
            str(none),
            "no-header",
            "has no header row with the template's columns: use the template.",
            sheet="Inventory",
        )
    ]
    empty = workbook(tmp_path / "empty.xlsx", {"Inventory": [LABELS]})
    assert read_xlsx(empty)[1] == [
        Problem(str(empty), "empty-file", "has a header but no items.", sheet="Inventory")
    ]


def test_utf16_csv_as_excel_writes_unicode_text_is_read(tmp_path):
    # Excel's "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated.
    header = joined([f.label for f in FIELDS])
    utf8 = write(tmp_path / "utf8.csv", [header, joined(["X-3", *ROW[1:]])])
    text = utf8.read_text(encoding="utf-8").replace(",", "\t")
    (tmp_path / "utf16.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    table, problems = read_csv(tmp_path / "utf16.csv")
    reference, _ = read_csv(utf8)
    assert problems == []
    assert table.drop(columns="_file").equals(reference.drop(columns="_file"))


def test_a_table_of_too_many_rows_is_refused_before_it_is_built(tmp_path):
    import tracemalloc

    from lnob_methods.core import safety

    path = tmp_path / "rows.csv"
    path.write_bytes(b",,,\n" * (safety.MAX_ROWS + 5))  # 200,005 delimiter-only rows, 0.8 MB
    tracemalloc.start()
    table, problems = read_csv(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert table.empty and [p.kind for p in problems] == ["unsafe-file"]
    assert problems[0].message.startswith("has 200,005 rows or more; tables of more than 200,000")
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.1f} MiB: the rows were built"


def test_a_file_name_with_control_characters_is_refused(tmp_path):
    path = tmp_path / "report\u202ecsv.xlsx"
    path.write_bytes(b"x")
    table, problems = read_any(path)
    assert table.empty and [p.kind for p in problems] == ["unsafe-file"]
    assert "(U+202E)" in problems[0].message and "\u202e" not in problems[0].file


# Real KoboToolbox exports of the inventory form (tests/fixtures/kobo/README.md): one item,
# CARE-001, "Household survey in Turkana", targets "16.10; 1.2", groups women and girls and
# children, Turkana county, 2019-2021, 1,200 respondents.
KOBO = Path(__file__).parents[1] / "fixtures" / "kobo"


@pytest.mark.parametrize("name", ["inv_default_xml.xlsx", "inv_default_xml.csv", "inv_types.xlsx"])
def test_real_kobo_inventory_exports_load(name):
    from lnob_methods.inventory.load import check_files

    tidy, problems = check_files([KOBO / name], "KEN")
    assert problems == []
    assert len(tidy) == 1
    item = tidy.iloc[0]
    assert (item["id"], item["organisation"], item["holder_type"]) == ("CARE-001", "CARE", "icso")
    assert item["sdg_targets"] == ("1.2", "16.10")  # 16.10 stays 16.10 with numbers typed
    assert item["groups"] == ("children", "women_and_girls")
    assert item["disaggregations"] == ("age", "sex")
    assert item["admin1"] == ("KE023",)  # Turkana county
    assert (item["year_from"], item["year_to"], item["sample_size"]) == (2019, 2021, 1200)


def test_kobo_dot_separator_names_the_choice_columns(tmp_path):
    # The same export with Kobo's "." group separator: "groups.youth", not "groups/youth".
    text = (KOBO / "inv_default_xml.csv").read_bytes().decode("utf-8")
    header, rest = text.split("\r\n", 1)
    path = tmp_path / "dot.csv"
    path.write_text(header.replace("/", ".") + "\r\n" + rest, encoding="utf-8")
    raw, problems = read_any(path)
    assert problems == []
    assert raw.loc[0, "groups"] == "women_and_girls children"


def test_kobo_export_with_label_headers_is_refused_with_the_setting_to_change(tmp_path):
    # Kobo's default export writes the questions' labels ("Holder type") and the choices'
    # labels ("icso" -> "icso", "women_and_girls" -> "Women and girls") instead of names.
    path = tmp_path / "labels.csv"
    path.write_text(
        '"ID";"Organisation";"Holder type";"Title";"Population groups";"_uuid";"_index"\r\n'
        '"CARE-001";"CARE";"icso";"Survey";"Women and girls";"0b7c";"1"\r\n',
        encoding="utf-8",
    )
    raw, problems = read_any(path)
    assert raw.empty
    assert [(p.kind, p.column) for p in problems] == [("label-headers", "Holder type")]
    assert "'XML values and headers'" in problems[0].message


def test_the_template_with_its_labels_is_not_a_kobo_label_export(tmp_path):
    path = tmp_path / "template.csv"
    path.write_text(csv_text([ROW], LABELS), encoding="utf-8")
    raw, problems = read_any(path)
    assert problems == [] and len(raw) == 1


def test_an_unclosed_quote_on_the_last_line_holds_no_line_break(tmp_path):
    """The last line break of a file is not part of a cell, even inside an unclosed quote."""
    from lnob_methods.inventory.reader import read_csv

    header = "ID,Organisation,Title,Method"
    path = tmp_path / "unclosed.csv"
    path.write_text(f'{header}\nA-1,CARE,"Survey of 2021\n', encoding="utf-8")
    raw, _ = read_csv(path)
    assert raw["title"].tolist() == ["Survey of 2021"]
    assert raw["method"].tolist() == [None] and raw["_row"].tolist() == [2]
