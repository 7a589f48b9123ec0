"""OPHI's MPI 2024 tables, read once: Kenya's Nairobi rows and national trend checked by hand.

Looked up with ``grep "^KEN,.*,Nairobi," data/reference/ophi_mpi2024_subnational_long.csv`` and
``zcat data/reference/ophi_mpi2024_harmonised_trends_disaggregated_long.csv.gz | grep "^KEN,"``.
"""

from __future__ import annotations

import pytest

from lnob_methods.reference import ophi


def test_kenya_has_47_counties_of_18_measures():
    d = ophi.subnational()
    ken = d[d["iso3"] == "KEN"]
    # grep -c "^KEN," gives 846 = 47 counties x 18 measures.
    assert len(ken) == 846
    assert ken["subnational_region"].nunique() == 47
    assert set(ken["survey"]) == {"DHS"}


def test_nairobi_rows_by_hand():
    d = ophi.subnational()
    nairobi = d[(d["iso3"] == "KEN") & (d["subnational_region"] == "Nairobi")]
    values = dict(zip(nairobi["measure"], nairobi["value"], strict=True))
    assert values["mpi"] == pytest.approx(0.0102833395641984)
    assert values["headcount_ratio_H"] == pytest.approx(2.67122438697556)
    assert values["population_2022_thousands"] == pytest.approx(5421.3369140625)
    assert values["censored_headcount_sanitation"] == pytest.approx(2.67122438697556)
    # survey_year is text: other countries have "2022-2023".
    assert nairobi["survey_year"].unique().tolist() == ["2022"]


def test_subnational_is_read_once():
    assert ophi.subnational() is ophi.subnational()


def test_trends_keep_the_chosen_disaggregations_and_measures():
    t = ophi.trends()
    assert set(t["disaggregation"]) <= {"national", "age_group", "area"}
    assert set(t["measure"]) == {"mpi", "headcount_ratio_H"}


def test_kenya_national_mpi_trend_by_hand():
    t = ophi.trends()
    ken = t[
        (t["iso3"] == "KEN")
        & (t["disaggregation"] == "national")
        & (t["measure"] == "mpi")
        & (t["year_t0"] == "2014")
    ]
    values = dict(zip(ken["statistic"], ken["value"], strict=False))
    # "KEN,Kenya,DHS,2014,DHS,2022,national,national,mpi,t0,0.1619..." and t1 0.1029...
    assert values["t0"] == pytest.approx(0.1619068726466124)
    assert values["t1"] == pytest.approx(0.1029967592600175)
    assert ken["year_t1"].unique().tolist() == ["2022"]  # periods stay text
