"""Distinct values of a column of cells: 1, 1.0, True and "1" are four values, not one."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from lnob_methods.core.cells import ABSENT, Formula
from lnob_methods.core.columns import distinct, objects


def test_distinct_keeps_types_apart_and_maps_every_cell():
    cells = ["a", 1, "1", 1.0, True, None, "a", Formula("=A1"), "=A1", None, 1]
    codes, uniques = distinct(np.array(cells, dtype=object))
    # Worked out by hand: text first, in order of appearance ("a", "1", "=A1"), then the rest in
    # order of appearance (1, 1.0, True, None, the formula).
    assert uniques == ["a", "1", "=A1", 1, 1.0, True, None, "=A1"]
    assert [type(u).__name__ for u in uniques][-1] == "Formula"
    assert codes.tolist() == [0, 3, 1, 4, 5, 6, 0, 7, 2, 6, 3]
    assert [uniques[c] for c in codes] == cells


def test_every_nan_is_one_value_and_absent_is_its_own():
    nan1, nan2 = float("nan"), float("nan")
    day = dt.date(2021, 1, 1)
    codes, uniques = distinct(np.array([nan1, ABSENT, nan2, day, ABSENT], dtype=object))
    assert codes.tolist() == [0, 1, 0, 2, 1]
    assert math.isnan(uniques[0]) and uniques[1] is ABSENT and uniques[2] == day


def test_distinct_of_no_cells():
    codes, uniques = distinct(np.array([], dtype=object))
    assert codes.tolist() == [] and uniques == []


def test_objects_keeps_tuples_whole():
    out = objects([("1.1", "16.10"), ("2.1", "3.1"), ()])
    assert out.shape == (3,) and out[0] == ("1.1", "16.10") and out[2] == ()
