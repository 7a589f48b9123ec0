"""The official stocktake on hand-made tables with known answers."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.analysis import stocktake
from lnob_methods.reference import sdgdb, taxonomy

PEOPLE = dict.fromkeys(sdgdb.PEOPLE_COLUMNS, "")


@pytest.fixture
def tiny(monkeypatch):
    framework = pd.DataFrame(
        {
            "goal": [1, 5],
            "goal_short": ["No poverty", "Gender equality"],
            "target": ["1.1", "5.1"],
            "target_title": ["t", "t"],
            "indicator": ["1.1.1", "5.1.1"],
            "indicator_title": ["Poverty", "Legal frameworks"],
        }
    )
    cat = pd.DataFrame(
        {
            "series_code": ["S1", "S2", "S3"],
            "series_description": ["a", "b", "c"],
            "indicator": ["1.1.1", "1.1.1", "5.1.1"],
        }
    )
    for col in sdgdb.PEOPLE_COLUMNS:
        cat[f"disagg_{col}"] = ""
    cat.loc[0, "disagg_sex"] = "bothsex;female;male"
    cat.loc[0, "disagg_location"] = "allarea;rural;urban"
    cat.loc[1, "disagg_sex"] = "female;male"
    monkeypatch.setattr(taxonomy, "sdg_framework", lambda: framework)
    monkeypatch.setattr(sdgdb, "catalogue", lambda: cat)


def _rows(*rows):
    return pd.DataFrame([{**PEOPLE, "value": "1", **r} for r in rows]).merge(
        sdgdb.series_indicators(), on="series_code"
    )


def test_status_rules(tiny):
    data = _rows(
        {"series_code": "S1", "year": 2015, "sex": "female", "location": "allarea"},
        {"series_code": "S1", "year": 2015, "sex": "male", "location": "allarea"},
        {"series_code": "S2", "year": 2014, "sex": "bothsex"},
        {"series_code": "S3", "year": 2010},
    )
    table = stocktake.indicator_stocktake(data, since_year=2000).set_index("indicator")
    assert table.loc["1.1.1", "has_data"] and table.loc["1.1.1", "latest_year"] == 2015
    assert table.loc["1.1.1", "sex"] == "partial"  # S1 broken down, S2 (also expected) not
    assert table.loc["1.1.1", "geographic_location"] == "none"
    assert table.loc["1.1.1", "income"] == "not applicable"
    assert table.loc["5.1.1", "latest_year"] == 2010
    assert (table.loc["5.1.1", list(sdgdb.dimension_columns())] == "not applicable").all()
    later = stocktake.indicator_stocktake(data, since_year=2012).set_index("indicator")
    assert not later.loc["5.1.1", "has_data"] and later.loc["5.1.1", "n_values"] == 0


def test_complete_needs_every_expected_series(tiny):
    data = _rows(
        {"series_code": "S1", "year": 2020, "sex": "female"},
        {"series_code": "S1", "year": 2020, "sex": "male"},
        {"series_code": "S2", "year": 2020, "sex": "female"},
        {"series_code": "S2", "year": 2020, "sex": "male"},
    )
    table = stocktake.indicator_stocktake(data).set_index("indicator")
    assert table.loc["1.1.1", "sex"] == "complete"


def test_one_code_alone_is_not_a_breakdown(tiny):
    data = _rows({"series_code": "S1", "year": 2020, "sex": "female"})
    table = stocktake.indicator_stocktake(data).set_index("indicator")
    assert table.loc["1.1.1", "sex"] == "none"


def test_goal_dimension_coverage_and_headline(tiny):
    data = _rows(
        {"series_code": "S1", "year": 2015, "sex": "female"},
        {"series_code": "S1", "year": 2015, "sex": "male"},
        {"series_code": "S3", "year": 2011},
    )
    table = stocktake.indicator_stocktake(data)
    cov = stocktake.goal_dimension_coverage(table)
    assert cov.loc[1, "sex"] == 100.0
    assert cov.loc[1, "geographic_location"] == 0.0
    assert pd.isna(cov.loc[5, "sex"]) and pd.isna(cov.loc[1, "income"])
    head = stocktake.headline(table, ("5.1",))
    assert head == {
        "n_indicators": 2,
        "n_with_data": 2,
        "pct_with_data": 100.0,
        "n_disaggregated": 1,
        "pct_disaggregated_of_data": 50.0,
        "median_latest_year": 2013,
        "n_focus": 1,
        "n_focus_with_data": 1,
    }


def test_breakdown_codes_drop_totals_and_unknowns():
    codes = sdgdb.breakdown_codes("sex", ["bothsex", "female", "male", "notspec"])
    assert codes == {"female", "male"}
    assert sdgdb.breakdown_codes("quantile", ["t", "q1", "q5", "b40"]) == {"q1", "q5", "b40"}
    assert sdgdb.breakdown_codes("location", ["allarea", "tsub", "urban"]) == {"urban"}


def test_age_codes():
    assert taxonomy.age_code_range("15_24") == (15, 24)
    assert taxonomy.age_code_range("65") == (65, 200)
    assert taxonomy.age_code_range("lt5y") == (0, 4)
    assert taxonomy.age_code_range("lt_45y") == (0, 45)
    assert taxonomy.age_code_range("m24t59") == (2, 4)
    assert taxonomy.age_code_range("allage") is None


def test_real_framework_counts():
    fw = taxonomy.sdg_framework()
    assert fw["goal"].nunique() == 17
    assert len(taxonomy.targets()) == 169
    assert "16.10" in taxonomy.targets() and fw["target"].map(type).eq(str).all()


def test_real_kenya_stocktake_is_stable():
    table = stocktake.indicator_stocktake(sdgdb.country_data("KEN"), since_year=2000)
    row = table.set_index("indicator").loc["1.1.1"]
    # Read off the extract by hand: SI_POV_DAY1 (sex, urban/rural) and SI_POV_EMP1 (sex, age),
    # latest value 2022; SI_POV_DAY1 is the only 1.1.1 series broken down by urban/rural anywhere.
    assert (row["n_series"], row["latest_year"], row["n_values"]) == (2, 2022, 199)
    assert (row["sex"], row["age"], row["geographic_location"]) == ("complete",) * 3
    assert row["income"] == row["disability"] == "not applicable"
