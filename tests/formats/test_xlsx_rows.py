"""Exports' sheet rows written without openpyxl's cell objects: the same bytes as openpyxl's own.

Each case is written twice: by ``write_xlsx`` and by openpyxl cell by cell (the way exports were
written before, kept as the fallback), and the two files must be the same bytes. What a reader
then finds in the cells is checked by hand in the first test.
"""

from __future__ import annotations

import math

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from lnob_methods.core.workbook import write_reproducible_zip
from lnob_methods.formats import exports, xlsx_rows


def _by_openpyxl(sheets, path):
    safe = {name: exports.safe_frame(df) for name, df in sheets.items()}
    write_reproducible_zip(exports._written_by_openpyxl(safe), path)
    return path.read_bytes()


def _same_bytes(sheets, tmp_path):
    fast = exports.write_xlsx(sheets, tmp_path / "fast.xlsx").read_bytes()
    assert fast == _by_openpyxl(sheets, tmp_path / "openpyxl.xlsx")


def _kinds() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "int": [1, -2, 10**17],
            "small": np.array([0, 7, 255], dtype="uint8"),
            "bool": [True, False, True],
            "float": [1.5, np.nan, 1e-20],
            "extremes": [math.inf, -math.inf, -0.0],
            "text": pd.array(["Hà Nội", None, "   "], dtype="string"),
            "marks": ["a & b < c > d", 'say "no"', "line\r\nbreak\ttab"],
            "spaces": [" lead", "trail ", ""],
            "astral": ["😀", "ü", "ß"],
            "formula-like": ["=1+1", "+2", "-3"],
            "mixed": ["x", 3, 2.25],
            "numpy in objects": pd.Series(
                [np.int64(4), np.float64(np.nan), np.bool_(True)], dtype=object
            ),
            "lists": [["a", "b"], ("c", 1), None],
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "nullable bool": pd.array([True, None, False], dtype="boolean"),
            "category": pd.Categorical(["p", "q", "p"]),
            " =header": [1, 2, 3],
        }
    )


def test_what_a_reader_finds_in_the_cells(tmp_path):
    path = exports.write_xlsx({"kinds": _kinds()}, tmp_path / "k.xlsx")
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path)["kinds"].iter_rows()]
    # Worked by hand: a formula-like header and texts get an apostrophe; missing values are
    # empty cells; infinities an empty number; lists joined with "; "; numpy values as numbers.
    assert rows[0][-1] == " =header"  # the space comes first: not a formula
    assert rows[1] == [
        1, 0, True, 1.5, None, "Hà Nội", "a & b < c > d", " lead", "😀", "'=1+1",
        "x", 4, "a; b", 1, True, "p", 1,
    ]  # fmt: skip
    assert rows[2][:6] == [-2, 7, False, None, None, None]
    assert rows[2][6:11] == ['say "no"', "trail ", "ü", "'+2", 3]
    assert rows[3][3:4] == [1e-20] and rows[3][7] is None  # an empty text is an empty cell
    assert rows[3][6] == "line\r\nbreak\ttab"
    assert rows[1][0] == 1 and rows[3][0] == 10**17


def test_every_kind_of_value_gives_openpyxl_s_bytes(tmp_path):
    _same_bytes({"kinds": _kinds(), "second": _kinds().iloc[::-1]}, tmp_path)


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": []}),  # a header and no rows
        pd.DataFrame(index=range(3)),  # rows and no columns
        pd.DataFrame({"a": [None, None], "b": [np.nan, np.nan]}),  # rows of empty cells
        pd.DataFrame({f"c{i}": [i] for i in range(30)}),  # columns beyond Z
    ],
)
def test_edges_give_openpyxl_s_bytes(tmp_path, frame):
    _same_bytes({"edge": frame}, tmp_path)


@pytest.mark.parametrize(
    "value",
    [
        pd.Timestamp("2024-05-01"),  # a date: openpyxl converts it
        "#N/A",  # an error code: openpyxl writes it as one
        "x" * (xlsx_rows.MAX_TEXT + 5),  # too long: openpyxl cuts it
        "\ufffe",  # not a character XML holds
    ],
)
def test_values_left_to_openpyxl_are_written_as_it_writes_them(tmp_path, value):
    frame = pd.DataFrame({"v": pd.Series([value, "plain"], dtype=object)})
    with pytest.raises(xlsx_rows.Unsupported):
        xlsx_rows.sheet_data(["v"], exports.safe_frame(frame), exports._cell)
    try:
        expected = _by_openpyxl({"s": frame}, tmp_path / "openpyxl.xlsx")
    except Exception as exc:  # noqa: BLE001 - then write_xlsx must fail the same way
        with pytest.raises(type(exc)):
            exports.write_xlsx({"s": frame}, tmp_path / "fast.xlsx")
    else:
        assert exports.write_xlsx({"s": frame}, tmp_path / "fast.xlsx").read_bytes() == expected


def test_a_control_character_is_refused_as_openpyxl_refuses_it(tmp_path):
    frame = pd.DataFrame({"v": ["ok", "bell\x07"]})
    with pytest.raises(IllegalCharacterError):
        exports.write_xlsx({"s": frame}, tmp_path / "x.xlsx")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=1, max_size=6),
    numbers=st.lists(
        st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=True)), min_size=1, max_size=6
    ),
)
def test_random_texts_and_numbers_give_openpyxl_s_bytes(tmp_path, texts, numbers):
    n = min(len(texts), len(numbers))
    frame = pd.DataFrame(
        {"t": pd.Series(texts[:n], dtype=object), "n": pd.Series(numbers[:n], dtype=object)}
    )
    try:
        expected = _by_openpyxl({"r": frame}, tmp_path / "openpyxl.xlsx")
    except Exception as exc:  # noqa: BLE001 - a character openpyxl refuses: refused alike
        with pytest.raises(type(exc)):
            exports.write_xlsx({"r": frame}, tmp_path / "fast.xlsx")
        return
    assert exports.write_xlsx({"r": frame}, tmp_path / "fast.xlsx").read_bytes() == expected


def test_an_empty_sheet_other_than_expected_leaves_the_writing_to_openpyxl(tmp_path, monkeypatch):
    # Another openpyxl could write an empty sheet differently: the rows would have nowhere to go.
    monkeypatch.setattr(xlsx_rows, "EMPTY_SHEET_DATA", b"<sheetData/>")
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    expected = _by_openpyxl({"s": frame}, tmp_path / "openpyxl.xlsx")
    assert exports.write_xlsx({"s": frame}, tmp_path / "fast.xlsx").read_bytes() == expected
