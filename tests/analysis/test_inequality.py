"""D-index, HOI and Shapley shares against hand-computed answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lnob_methods.analysis import inequality as iq


def _two_groups():
    # Group a: 10 people, 2 with the opportunity; group b: 10 people, 6 with it.
    return pd.DataFrame({"g": ["a"] * 10 + ["b"] * 10, "y": [1] * 2 + [0] * 8 + [1] * 6 + [0] * 4})


def test_d_and_hoi_by_hand():
    df = _two_groups()
    # p̄ = 0.4; D = (0.5·|0.2−0.4| + 0.5·|0.6−0.4|) / (2·0.4) = 0.2 / 0.8 = 0.25
    assert iq.dindex(df, "y", ["g"]) == pytest.approx(0.25)
    assert iq.hoi(df, "y", ["g"]) == pytest.approx(0.4 * 0.75)
    rates = iq.group_rates(df, "y", ["g"])
    assert rates["rate"].tolist() == [0.2, 0.6] and rates["share"].tolist() == [0.5, 0.5]


def test_weights_change_the_shares():
    df = _two_groups().assign(w=[3.0] * 10 + [1.0] * 10)
    # β = (0.75, 0.25); p̄ = 0.75·0.2 + 0.25·0.6 = 0.3; D = (0.75·0.1 + 0.25·0.3) / 0.6 = 0.25
    assert iq.dindex(df, "y", ["g"], weight="w") == pytest.approx(0.25)
    assert iq.hoi(df, "y", ["g"], weight="w") == pytest.approx(0.3 * 0.75)


def test_zero_rate_gives_zero_d():
    df = pd.DataFrame({"g": ["a", "b"], "y": [0, 0]})
    assert iq.dindex(df, "y", ["g"]) == 0.0 and iq.hoi(df, "y", ["g"]) == 0.0


def test_barrier_uses_the_complement():
    df = _two_groups()
    # stunting-like barrier: rates of NOT having it are 0.8 and 0.4; p̄ = 0.6
    # D = (0.5·0.2 + 0.5·0.2) / 1.2 = 1/6
    assert iq.dindex(df, "y", ["g"], barrier=True) == pytest.approx(1 / 6)


def test_identity_with_the_duncan_index():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"g": rng.integers(0, 5, 500), "y": rng.random(500) < 0.3})
    counts = df.groupby("g")["y"].agg(["sum", "size"])
    duncan = (
        0.5
        * np.abs(counts["sum"] / counts["sum"].sum() - counts["size"] / counts["size"].sum()).sum()
    )
    assert iq.dindex(df, "y", ["g"]) == pytest.approx(duncan)


def test_shapley_two_circumstances_by_hand():
    df = pd.DataFrame({"a": [0, 0, 1, 1] * 25, "b": [0, 1, 0, 1] * 25, "y": [0, 0, 1, 1] * 25})
    # y depends on a only: D(a) = D(a,b) = 0.5, D(b) = 0; φ_a = ½·(0.5) + ½·(0.5 − 0) = 0.5, φ_b = 0
    shares = iq.shapley(df, "y", ["a", "b"])
    assert shares["a"] == pytest.approx(0.5) and shares["b"] == pytest.approx(0.0)


def test_shapley_shares_sum_to_d():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({c: rng.integers(0, k, 2000) for c, k in [("x", 2), ("z", 3), ("v", 4)]})
    df["y"] = rng.random(2000) < 0.2 + 0.2 * df["x"] + 0.1 * (df["z"] == 2)
    shares = iq.shapley(df, "y", ["x", "z", "v"])
    assert shares.sum() == pytest.approx(iq.dindex(df, "y", ["x", "z", "v"]))
    assert shares["x"] > shares["z"] > abs(shares["v"])
