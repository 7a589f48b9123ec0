"""The UN SDG database extract: totals dropped from breakdowns, and Kenya's rows read by hand.

Kenya's rows were looked up with
``zcat data/reference/unsdg_db_2023-12_allgeo_allseries_long.csv.gz | grep "^SI_POV_DAY1,KEN,"``
(and the same for the other series). The first call converts the extract to Parquet in the test
session's state folder (outside the checkout); later tests of the session reuse it.
"""

from __future__ import annotations

import math

import pytest

from lnob_methods.reference import sdgdb


@pytest.mark.parametrize(
    ("column", "codes", "expected"),
    [
        ("sex", ["female", "male", "bothsex", "notspec", ""], {"female", "male"}),
        ("age", ["allage", "15_24", "65", "notspec"], {"15_24", "65"}),
        ("quantile", ["t", "q1", "b40", "q5"], {"q1", "b40", "q5"}),
        ("location", ["allarea", "rural", "urban", "tsub"], {"rural", "urban"}),
        ("disability_status", ["t", "pwd", "u", "x"], {"pwd"}),
        # Generic totals ("total", "t") are dropped even for a column no dimension uses.
        ("education_level", ["total", "t", "prim"], {"prim"}),
    ],
)
def test_breakdown_codes_drop_totals_and_unknowns(column, codes, expected):
    assert sdgdb.breakdown_codes(column, codes) == expected


def test_dimension_columns_skip_dimensions_without_a_column():
    # lnob_groups.yaml: race_ethnicity and other_status have "column: null".
    assert sdgdb.dimension_columns() == {
        "income": "quantile",
        "sex": "sex",
        "age": "age",
        "migratory_status": "migratory_status",
        "disability": "disability_status",
        "geographic_location": "location",
    }


def test_series_serving_two_indicators_gives_two_rows():
    # Catalogue line of EG_EGY_RNEW: indicators "7.b.1, 12.a.1".
    si = sdgdb.series_indicators()
    assert si.loc[si["series_code"] == "EG_EGY_RNEW", "indicator"].tolist() == ["7.b.1", "12.a.1"]


@pytest.fixture
def kenya():
    # Function scope on purpose: a module-scoped fixture would run before the autouse fixture
    # that points the state folder outside the checkout, and write the Parquet copy into it.
    return sdgdb.country_data("KEN")


def test_kenya_rows_are_kenya_only(kenya):
    assert set(kenya["iso3"]) == {"KEN"}


def test_kenya_poverty_rows_by_hand(kenya):
    pov = kenya[kenya["series_code"] == "SI_POV_DAY1"]
    # 19 lines for SI_POV_DAY1,KEN; one indicator (1.1.1).
    assert len(pov) == 19
    assert set(pov["indicator"]) == {"1.1.1"}
    total = pov[
        (pov["age"] == "allage") & (pov["sex"] == "bothsex") & (pov["location"] == "allarea")
    ]
    assert dict(zip(total["year"], total["value_num"], strict=True)) == {
        1992: 26.4,
        1994: 25.9,
        1997: 25.4,
        2005: 36.7,
        2015: 29.4,
    }
    rural_2015 = pov[(pov["location"] == "rural") & (pov["year"] == 2015)]
    assert rural_2015["value"].tolist() == ["38.87908"]
    women_2005 = pov[(pov["sex"] == "female") & (pov["year"] == 2005)]
    assert women_2005["value_num"].tolist() == [37.12639]


def test_kenya_values_below_a_threshold_stay_text(kenya):
    clean = kenya[(kenya["series_code"] == "EG_EGY_CLEAN") & (kenya["year"] == 2000)]
    by_area = dict(zip(clean["location"], clean["value"], strict=True))
    # "EG_EGY_CLEAN,KEN,404,2000,<5,percent,,,allarea,...": the published "<5" is kept.
    assert by_area == {"allarea": "<5", "rural": "<5", "urban": "6"}
    nums = dict(zip(clean["location"], clean["value_num"], strict=True))
    assert math.isnan(nums["allarea"]) and nums["urban"] == 6.0


def test_kenya_women_in_parliament_by_hand(kenya):
    parl = kenya[kenya["series_code"] == "SG_GEN_PARL"].set_index("year")
    assert parl.loc[2000, "value_num"] == 3.57
    assert parl.loc[2009, "value_num"] == 9.82
    assert parl.loc[2009, "sex"] == "female"
    assert parl.loc[2009, "series_description"] == (
        "Proportion of seats held by women in national parliaments (% of total number of seats)"
    )


def test_kenya_series_of_two_indicators_is_counted_twice(kenya):
    # 132 lines of EG_EGY_RNEW,KEN, each joined to indicators 7.b.1 and 12.a.1.
    rnew = kenya[kenya["series_code"] == "EG_EGY_RNEW"]
    assert len(rnew) == 264
    assert rnew["indicator"].value_counts().to_dict() == {"7.b.1": 132, "12.a.1": 132}


@pytest.mark.parametrize("region_year", ["2015", "2015-2016"])
def test_rows_are_sorted_by_country_series_year_and_regions_dropped(region_year):
    import pyarrow as pa

    from lnob_methods.reference.sdgdb import _country_sorted

    text = pa.table(
        {
            "iso3": ["NPL", "", "KEN", "NPL", "KEN", "KEN", ""],
            "series_code": ["SI_POV", "SI_POV", "SI_POV", "SE_ACC", "SE_ACC", "SE_ACC", "X"],
            "year": ["2019", region_year, "2020", "2018", "2021", "998", "2001"],
            "value": ["1", "2", "3", "4", "5", "6", "7"],
        }
    )
    out = _country_sorted(text).to_pydict()
    # worked out by hand: KEN before NPL, SE_ACC before SI_POV, 998 before 2021 (as numbers)
    assert out == {
        "iso3": ["KEN", "KEN", "KEN", "NPL", "NPL"],
        "series_code": ["SE_ACC", "SE_ACC", "SI_POV", "SE_ACC", "SI_POV"],
        "year": [998, 2021, 2020, 2018, 2019],
        "value": ["6", "5", "3", "4", "1"],
    }


def test_codes_rank_in_text_order_across_chunks():
    import pyarrow as pa

    from lnob_methods.reference.sdgdb import _ranks

    codes = pa.chunked_array([["b", "", "a"], ["b", "B", "a"]])
    # worked out by hand: the distinct codes in text order are "", "B", "a", "b"
    assert _ranks(codes).to_pylist() == [3, 0, 2, 3, 1, 2]


def test_a_table_in_several_chunks_sorts_like_one_chunk():
    import pyarrow as pa

    from lnob_methods.reference.sdgdb import _country_sorted

    rows = {
        "iso3": ["NPL", "KEN", "", "KEN", "NPL", "KEN"],
        "series_code": ["B", "B", "A", "A", "A", "B"],
        "year": ["2001", "2000", "1999", "2002", "2003", "1990"],
    }
    whole = pa.table(rows)
    pieces = pa.concat_tables([whole.slice(0, 2), whole.slice(2, 3), whole.slice(5)])
    assert pieces["iso3"].num_chunks == 3
    assert (
        _country_sorted(pieces).to_pydict()
        == _country_sorted(whole).to_pydict()
        == {
            "iso3": ["KEN", "KEN", "KEN", "NPL", "NPL"],
            "series_code": ["A", "B", "B", "A", "B"],
            "year": [2002, 1990, 2000, 2003, 2001],
        }
    )


def test_concurrent_callers_convert_the_extract_once(tmp_path, monkeypatch):
    # Two processes' worth of callers (threads here; the lock is a file lock) ask for the Parquet
    # copy at once: one converts, the other waits and reads its file. A temporary file left by a
    # converter killed half-way is removed by the next conversion.
    import threading
    import time

    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    target = sdgdb.cache_path()
    target.parent.mkdir(parents=True)
    stale = target.parent / f".{target.name}.abc123.tmp"
    stale.write_bytes(b"half a file")
    conversions = []

    def convert(path):
        conversions.append(path)
        time.sleep(0.3)  # long enough for the second caller to arrive while this one converts
        path.write_bytes(b"PAR1")

    monkeypatch.setattr(sdgdb, "_convert", convert)
    found = []
    callers = [threading.Thread(target=lambda: found.append(sdgdb.ensure_cache())) for _ in "ab"]
    for c in callers:
        c.start()
    for c in callers:
        c.join()
    assert conversions == [target]
    assert found == [target, target]
    assert not stale.exists()
