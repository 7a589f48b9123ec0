"""The synthetic survey generator: seeded, with the documented shape and rate gradients."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.demo.survey import make_survey

N = 20_000


def test_same_seed_same_frame_other_seed_other_frame():
    a = make_survey(500, seed=7)
    pd.testing.assert_frame_equal(a, make_survey(500, seed=7))
    assert not a.equals(make_survey(500, seed=8))
    # The default seed is fixed too.
    pd.testing.assert_frame_equal(make_survey(50), make_survey(50))


def test_columns_and_values():
    d = make_survey(2_000)
    assert list(d.columns) == [
        "weight",
        "wealth_quintile",
        "residence",
        "region",
        "mother_education",
        "child_sex",
        "ethnicity",
        "skilled_birth",
        "stunted",
    ]
    assert len(d) == 2_000
    assert set(d["wealth_quintile"]) == {1, 2, 3, 4, 5}
    assert set(d["residence"]) == {"urban", "rural"}
    assert set(d["region"]) == {f"region_{i}" for i in range(1, 9)}
    assert set(d["mother_education"]) == {"none", "primary", "secondary", "higher"}
    assert set(d["ethnicity"]) == {"majority", "minority_a", "minority_b"}
    assert set(d["skilled_birth"]) == {0, 1} and set(d["stunted"]) == {0, 1}
    assert d["weight"].between(0.3, 3.0).all()


def test_skilled_birth_rises_with_wealth_as_documented():
    d = make_survey(N)
    rate = d.groupby("wealth_quintile")["skilled_birth"].mean()
    assert rate.is_monotonic_increasing
    # By hand, averaging urban (35%), education (mean code 0.35 + 0.6 + 0.3 = 1.25) and
    # minorities (30%): p = 0.25 + 0.1 w + 0.15*0.35 + 0.06*1.25 - 0.1*0.3 = 0.3475 + 0.1 w,
    # so 0.4475 in the poorest quintile; the richest is 0.8475 before clipping at 1.
    assert rate[1] == pytest.approx(0.4475, abs=0.03)
    assert rate[5] == pytest.approx(0.84, abs=0.03)


def test_stunting_falls_with_wealth_and_is_higher_in_two_regions():
    d = make_survey(N)
    rate = d.groupby("wealth_quintile")["stunted"].mean()
    assert rate.is_monotonic_decreasing
    # By hand: 0.45 - 0.05 w - 0.08*0.35 - 0.04*1.25 + 0.1*(2/8) = 0.397 - 0.05 w.
    assert rate[1] == pytest.approx(0.347, abs=0.03)
    assert rate[5] == pytest.approx(0.147, abs=0.03)
    by_region = d.groupby("region")["stunted"].mean()
    # Region codes 2 and 5 are region_3 and region_6: 0.1 higher than the others.
    high = by_region[["region_3", "region_6"]].mean()
    assert high - by_region.drop(["region_3", "region_6"]).mean() == pytest.approx(0.1, abs=0.03)


def test_minorities_have_fewer_skilled_births():
    d = make_survey(N)
    rate = d.groupby(d["ethnicity"] == "majority")["skilled_birth"].mean()
    # 0.1 lower for minorities by the formula.
    assert rate[True] - rate[False] == pytest.approx(0.1, abs=0.03)
