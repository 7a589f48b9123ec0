"""Regions furthest behind and the regional D-index, on a hand-made OPHI table.

Country AAA has three regions (H = % MPI-poor, population in thousands)::

    region  H   population  nutrition
    Alpha   20  100         10
    Beta    50  300          5
    Gamma   80  100         10

and country BBB one region, which must never leak into AAA's answers.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.analysis import mpi
from lnob_methods.reference import ophi

REGIONS = {
    "Alpha": {"headcount_ratio_H": 20.0, "population_2022_thousands": 100.0, "nutrition": 10.0},
    "Beta": {"headcount_ratio_H": 50.0, "population_2022_thousands": 300.0, "nutrition": 5.0},
    "Gamma": {"headcount_ratio_H": 80.0, "population_2022_thousands": 100.0, "nutrition": 10.0},
}


def _frame(regions=REGIONS) -> pd.DataFrame:
    rows = []
    for region, measures in regions.items():
        for measure, value in measures.items():
            name = f"censored_headcount_{measure}" if measure == "nutrition" else measure
            rows.append(("AAA", "DHS", "2021", region, name, value))
    rows.append(("BBB", "MICS", "2019", "Omega", "headcount_ratio_H", 99.0))
    rows.append(("BBB", "MICS", "2019", "Omega", "population_2022_thousands", 1.0))
    return pd.DataFrame(
        rows,
        columns=["iso3", "survey", "survey_year", "subnational_region", "measure", "value"],
    )


@pytest.fixture
def hand_made(monkeypatch):
    monkeypatch.setattr(ophi, "subnational", lambda: _frame())


def test_regions_one_row_per_region(hand_made):
    r = mpi.regions("AAA")
    assert r["subnational_region"].tolist() == ["Alpha", "Beta", "Gamma"]
    assert r["headcount_ratio_H"].tolist() == [20.0, 50.0, 80.0]
    assert r["population_2022_thousands"].tolist() == [100.0, 300.0, 100.0]
    assert set(r["survey"]) == {"DHS"}


def test_unknown_country_gives_empty_answers(hand_made):
    assert mpi.regions("ZZZ").empty
    assert mpi.furthest_regions("ZZZ").empty
    assert mpi.regional_d("ZZZ") is None


def test_furthest_regions_by_hand(hand_made):
    f = mpi.furthest_regions("AAA")
    assert f.columns.tolist()[1] == "furthest-behind region"
    # H: Gamma (80); mean (20*100 + 50*300 + 80*100) / 500 = 25000 / 500 = 50.0.
    # Nutrition: Alpha and Gamma tie at 10, the first by name wins; mean 3500 / 500 = 7.0.
    # The nine other deprivations have no column and are skipped.
    assert f.values.tolist() == [
        ["multidimensional poverty (H)", "Gamma", 80.0, 50.0],
        ["nutrition", "Alpha", 10.0, 7.0],
    ]


def test_regional_d_by_hand(hand_made):
    # Not poor: p = 0.8, 0.5, 0.2 with population shares 0.2, 0.6, 0.2.
    # p̄ = 0.16 + 0.30 + 0.04 = 0.5
    # D = (0.2*|0.8-0.5| + 0.6*0 + 0.2*|0.2-0.5|) / (2*0.5) = (0.06 + 0.06) / 1 = 0.12
    # HOI = p̄ (1 - D) = 0.5 * 0.88 = 0.44
    assert mpi.regional_d("AAA") == {"regions": 3, "not_poor_rate": 0.5, "D": 0.12, "HOI": 0.44}


def test_regional_d_of_equal_regions_is_zero(monkeypatch):
    equal = {k: {**v, "headcount_ratio_H": 40.0} for k, v in REGIONS.items()}
    monkeypatch.setattr(ophi, "subnational", lambda: _frame(equal))
    # Every region has p = 0.6 = p̄: no gap, D = 0 and HOI = p̄.
    assert mpi.regional_d("AAA") == {"regions": 3, "not_poor_rate": 0.6, "D": 0.0, "HOI": 0.6}


def test_regional_d_skips_a_region_without_population(monkeypatch):
    partial = {
        "Alpha": {"headcount_ratio_H": 20.0, "population_2022_thousands": 100.0},
        "Beta": {"headcount_ratio_H": 60.0, "population_2022_thousands": 100.0},
        "Delta": {"headcount_ratio_H": 90.0},  # no population figure
    }
    monkeypatch.setattr(ophi, "subnational", lambda: _frame(partial))
    # Alpha and Beta only: p = 0.8, 0.4, shares 0.5 each; p̄ = 0.6;
    # D = (0.5*0.2 + 0.5*0.2) / 1.2 = 0.2 / 1.2 = 0.16667; HOI = 0.6 * 0.83333 = 0.5.
    assert mpi.regional_d("AAA") == {
        "regions": 2,
        "not_poor_rate": 0.6,
        "D": 0.1667,
        "HOI": 0.5,
    }
