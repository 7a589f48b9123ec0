"""Exports that a spreadsheet will not run as formulas, with the same bytes for the same content."""

from __future__ import annotations

import json
import time
import zipfile

import openpyxl
import pandas as pd
import pytest

from lnob_methods.formats.exports import (
    neutralise_formula,
    safe_frame,
    write_csv,
    write_json,
    write_xlsx,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("@x", "'@x"),
        ("-2", "'-2"),  # text that looks like a number is still text: neutralised
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("a=1", "a=1"),  # only the first character matters
        ("", ""),
        ("Nairobi", "Nairobi"),
        (-2, -2),  # numbers stay numbers
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_safe_frame_neutralises_text_cells_and_headers_only():
    df = pd.DataFrame({"=name": ["=HYPERLINK(x)", "ok"], "n": [-1, 2]})
    out = safe_frame(df)
    assert list(out.columns) == ["'=name", "n"]
    assert out["'=name"].tolist() == ["'=HYPERLINK(x)", "ok"]
    assert out["n"].tolist() == [-1, 2]
    assert list(df.columns) == ["=name", "n"]  # the input is not changed


def test_write_csv_is_unix_utf8_and_formula_safe(tmp_path):
    df = pd.DataFrame({"place": ["Hà Nội", "=cmd|' /C calc'!A0"], "value": [-3, 4]})
    path = write_csv(df, tmp_path / "out" / "table.csv")
    raw = path.read_bytes()
    assert b"\r\n" not in raw
    # Written by hand: header, the Vietnamese name in UTF-8, the formula behind an apostrophe
    # (no quoting: the cell holds no comma, double quote or line break).
    assert raw.decode("utf-8") == "place,value\nHà Nội,-3\n'=cmd|' /C calc'!A0,4\n"


def test_write_json_sorts_keys_and_keeps_utf8(tmp_path):
    path = write_json({"b": 1, "a": {"z": "Nepāl", "y": [1, 2]}}, tmp_path / "x.json")
    text = path.read_bytes().decode("utf-8")
    assert text == '{\n "a": {\n  "y": [\n   1,\n   2\n  ],\n  "z": "Nepāl"\n },\n "b": 1\n}'
    assert json.loads(text) == {"a": {"y": [1, 2], "z": "Nepāl"}, "b": 1}


def _sheets():
    return {
        "Evidence": pd.DataFrame({"item": ["CARE:1", "@SUM(A1)"], "year": [2021, 2019]}),
        "A sheet name that is much longer than 31 characters": pd.DataFrame({"x": [1]}),
    }


def test_write_xlsx_gives_the_same_bytes_twice(tmp_path, monkeypatch):
    first = write_xlsx(_sheets(), tmp_path / "a.xlsx").read_bytes()
    # A save two seconds later: zip member times would differ without the fix.
    later = time.time() + 2
    monkeypatch.setattr(time, "time", lambda: later)
    second = write_xlsx(_sheets(), tmp_path / "b.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_write_xlsx_content_is_formula_safe_with_short_sheet_names(tmp_path):
    path = write_xlsx(_sheets(), tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(path)
    # Sheet names are cut to Excel's limit of 31 characters.
    assert wb.sheetnames == ["Evidence", "A sheet name that is much longe"]
    rows = [[c.value for c in r] for r in wb["Evidence"].iter_rows()]
    assert rows == [["item", "year"], ["CARE:1", 2021], ["'@SUM(A1)", 2019]]
    assert wb.properties.creator == "lnob"
