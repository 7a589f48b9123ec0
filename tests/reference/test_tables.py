"""Reading a hand-kept reference table (the private helper of the polarity and people tables)."""

from __future__ import annotations

import pytest

from lnob_methods.core.errors import InputError
from lnob_methods.reference._tables import read_table


def test_every_missing_column_is_one_located_problem(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("series_code\nSI_POV_DAY1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path, ["series_code", "polarity", "reason"])
    assert [(p.kind, p.column) for p in err.value.problems] == [
        ("missing-column", "polarity"),
        ("missing-column", "reason"),
    ]
    assert err.value.problems[0].message == "needs the columns series_code, polarity, reason."


def test_a_complete_table_is_read_as_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("code,value\nNA,01\n", encoding="utf-8")  # "NA" is Namibia, "01" stays text
    name, table = read_table(path, ["code", "value"])
    assert name == str(path) and table.values.tolist() == [["NA", "01"]]
