"""The two open microdata extracts, with row counts and rates counted by hand in the CSV files."""

from __future__ import annotations

from lnob_methods.reference import microdata


def test_viet_nam_example_by_hand():
    ex = microdata.example("VNM")
    f = ex["frame"]
    # vietnam_vlss1997_VietNamI.csv: 27,766 lines with the header.
    assert len(f) == 27765
    assert ex["outcome"] == "insurance"
    assert ex["barrier"] is False
    assert list(f.columns) == ["insurance", "sex", "married", "education_years", "commune"]
    # 4,514 rows have insurance 1.0; 11,075 have married 1.0; 194 distinct communes.
    assert f["insurance"].sum() == 4514
    assert (f["married"] == "married").sum() == 11075
    assert set(f["married"]) == {"married", "not married"}
    assert f["commune"].nunique() == 194
    # The first data row: commune 192.0, educ 2.0.
    assert f["commune"].iloc[0] == "commune 192"
    assert f["education_years"].iloc[0] == 2.0
    assert ex["circumstances"] == ["sex", "married", "education_years", "commune"]


def test_nepal_example_by_hand():
    ex = microdata.example("NPL")
    f = ex["frame"]
    # 1,000 child visits, 123 with NA weight or height: 877 left; 352 with died > 0; 29 lit == 1.
    assert len(f) == 877
    assert ex["outcome"] == "lost_a_child"
    assert ex["barrier"] is True
    assert f["lost_a_child"].sum() == 352
    assert (f["mother_literate"] == "literate").sum() == 29
    assert ex["notes"].startswith("877 child visits after dropping 123 ")


def test_no_example_for_other_countries():
    assert microdata.example("KEN") is None
