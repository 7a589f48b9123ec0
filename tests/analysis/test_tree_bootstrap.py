"""Bootstrap mode, the synthetic survey generator, OPHI regions and the microdata examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lnob_methods.analysis import mpi, tree, tree_bootstrap
from lnob_methods.demo import survey as survey_sim
from lnob_methods.reference import microdata, ophi

CIRC = ["wealth_quintile", "residence", "region", "mother_education", "child_sex", "ethnicity"]


def test_survey_generator_is_seeded_and_labelled():
    a, b = survey_sim.make_survey(500, seed=1), survey_sim.make_survey(500, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert "SYNTHETIC" in survey_sim.__doc__
    assert set(CIRC) <= set(a.columns)


def test_bootstrap_is_reproducible_and_brackets_the_rates():
    df = survey_sim.make_survey(6000, seed=2)
    t1, s1 = tree_bootstrap.bootstrap(df, "skilled_birth", CIRC, "weight", n_boot=15, seed=7)
    t2, s2 = tree_bootstrap.bootstrap(df, "skilled_birth", CIRC, "weight", n_boot=15, seed=7)
    pd.testing.assert_frame_equal(t1, t2)
    assert s1 == s2 and 0 <= s1["stability"] <= 1
    shown = t1[~t1["suppressed"]]
    assert (shown["ci_low"] <= shown["rate"]).all() and (shown["rate"] <= shown["ci_high"]).all()
    assert s1["D_ci_low"] <= s1["D"] <= s1["D_ci_high"]
    assert t1["furthest_behind"].sum() == 1 and t1["furthest_ahead"].sum() == 1
    behind = t1[t1["furthest_behind"]].iloc[0]
    assert behind["rate"] == shown["rate"].min()


def test_small_groups_are_suppressed():
    df = survey_sim.make_survey(3000, seed=3)
    table, _ = tree_bootstrap.bootstrap(df, "skilled_birth", CIRC, "weight", n_boot=5, min_n=10_000)
    assert table["suppressed"].all() and table["rate"].isna().all()
    assert table["ci_low"].isna().all()


def test_rules_route_rows_to_their_leaves():
    df = survey_sim.make_survey(4000, seed=4)
    root = tree.grow(df, "skilled_birth", CIRC, "weight")
    where = tree.assign(root, df)
    for i, leaf in enumerate(tree.leaves(root)):
        assert set(np.flatnonzero(where == i)) == set(leaf.rows.tolist())
    assert len(tree.paths(root)) == len(tree.leaves(root))


def test_regional_d_by_hand(monkeypatch):
    frame = pd.DataFrame(
        {
            "iso3": ["XXX"] * 4,
            "subnational_region": ["north", "north", "south", "south"],
            "survey": ["DHS"] * 4,
            "survey_year": ["2020"] * 4,
            "measure": ["headcount_ratio_H", "population_2022_thousands"] * 2,
            "value": [60.0, 100.0, 20.0, 300.0],
        }
    )
    monkeypatch.setattr(ophi, "subnational", lambda: frame)
    # not-poor rates 0.4 and 0.8, β = 0.25 and 0.75: p̄ = 0.7, D = (0.25·0.3 + 0.75·0.1)/1.4
    d = mpi.regional_d("XXX")
    assert d["not_poor_rate"] == 0.7 and d["D"] == pytest.approx(0.15 / 1.4, abs=1e-4)
    top = mpi.furthest_regions("XXX").iloc[0]
    assert top["furthest-behind region"] == "north"


def test_microdata_examples_exist_only_where_data_do():
    vnm, npl = microdata.example("VNM"), microdata.example("NPL")
    assert vnm["frame"]["insurance"].isin([0, 1]).all() and len(vnm["frame"]) == 27765
    assert npl["barrier"] and npl["frame"]["lost_a_child"].isin([0, 1]).all()
    assert microdata.example("KEN") is None
