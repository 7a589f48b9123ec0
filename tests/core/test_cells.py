"""What a spreadsheet cell can be beyond its value: dates, formulas, a missing column."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lnob_methods.core import cells


@pytest.mark.parametrize(
    "value",
    [
        dt.date(2021, 3, 1),
        dt.datetime(2021, 3, 1, 12, 30),
        pd.Timestamp("2021-03-01"),  # openpyxl and pandas hand these over: a datetime subclass
    ],
)
def test_dates_are_dates(value):
    assert cells.is_date(value)


@pytest.mark.parametrize("value", ["2021-03-01", 2021, 44256.0, None, dt.time(12, 30)])
def test_text_numbers_and_times_are_not_dates(value):
    # 44256.0 is what Excel stores for 2021-03-01; unformatted, it is a number, not a date.
    assert not cells.is_date(value)


def test_a_formula_is_text_that_remembers_it_was_a_formula():
    f = cells.Formula("=SUM(A1:A3)")
    assert f == "=SUM(A1:A3)" and isinstance(f, str)
    assert isinstance(f, cells.Formula)
    assert not isinstance("=SUM(A1:A3)", cells.Formula), "typed text is not a formula"


def test_a_missing_column_is_neither_empty_nor_none():
    assert cells.ABSENT is not None
    assert cells.ABSENT != "" and cells.ABSENT != 0
    assert not pd.isna(cells.ABSENT), "an empty cell is NA; a missing column is something else"
