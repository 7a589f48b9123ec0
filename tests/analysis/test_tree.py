"""The ESCAP-mode regression tree: rules on small cases, and parity with R's rpart."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

from lnob_methods.analysis import tree
from tests.helpers import ROOT

CIRC = ["wealth", "urban", "region", "educ", "age"]


def synthetic(n: int, seed: int) -> pd.DataFrame:
    """A seeded SYNTHETIC survey-like frame (not real data) for the rules and parity tests."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "wealth": rng.integers(1, 6, n),
            "urban": rng.choice(["urban", "rural"], n),
            "region": rng.choice(list("ABCDEFG"), n),
            "educ": rng.choice(["none", "primary", "secondary", "higher"], n),
            "age": rng.integers(15, 50, n),
        }
    )
    p = (
        0.2
        + 0.02 * df["wealth"]
        + 0.2 * (df["urban"] == "urban")
        + 0.15 * df["region"].isin(["A", "C"])
        + 0.1 * (df["educ"] == "higher")
    )
    df["y"] = (rng.random(n) < p).astype(int)
    df["w"] = rng.uniform(0.5, 2.0, n).round(3)
    return df


def test_escap_controls():
    assert tree.escap_controls(1100, ["sex"]) == {
        "minbucket": 100,
        "minsplit": 200,
        "cp": 1 / 1100,
        "maxdepth": 6,
    }
    assert tree.escap_controls(300, ["sex"])["minbucket"] == 49
    assert tree.escap_controls(1900, ["Ethnicity"])["minbucket"] == 100


def test_hand_checkable_split_and_rules():
    df = pd.DataFrame({"g": ["a"] * 100 + ["b"] * 100, "y": [0] * 90 + [1] * 10 + [1] * 100})
    ctl = {"minbucket": 49, "minsplit": 98, "cp": 0.01, "maxdepth": 6}
    root = tree.grow(df, "y", ["g"], controls=ctl)
    assert tree.splits(root) == [("g", ("a",))]
    assert [round(leaf.mean, 3) for leaf in tree.leaves(root)] == [0.1, 1.0]
    assert tree.furthest_behind(root).mean == pytest.approx(0.1)
    assert tree.furthest_ahead(root).mean == 1.0
    big = dict(ctl, minbucket=101, minsplit=202)
    assert tree.leaves(tree.grow(df, "y", ["g"], controls=big))[0].n == 200, "min leaf stops it"


def test_ties_go_to_the_larger_leaf():
    a = tree.Node(np.arange(10), 1, 0.2, 0, 10)
    b = tree.Node(np.arange(30), 1, 0.2, 0, 30)
    root = tree.Node(np.arange(40), 0, 0.2, 0, 40, var="x", threshold=1.0, children=[a, b])
    assert tree.furthest_behind(root) is b and tree.furthest_ahead(root) is b


def test_rare_outcomes_are_not_analysed():
    df = pd.DataFrame({"g": ["a", "b"] * 50, "y": [1] * 2 + [0] * 98})
    assert tree.analyse(df, "y", ["g"]) is None
    assert tree.analyse(df.assign(y=[1] * 10 + [0] * 90), "y", ["g"]) is not None


def test_max_depth_is_respected():
    root = tree.grow(
        synthetic(20000, 9),
        "y",
        CIRC,
        controls={"minbucket": 5, "minsplit": 10, "cp": 0.0, "maxdepth": 3},
    )
    assert max(leaf.depth for leaf in tree.leaves(root)) <= 3


def _rpart(df, outcome, circ, weight, tmp_path):
    ctl = tree.escap_controls(len(df), circ)
    df.to_csv(tmp_path / "d.csv", index=False)
    subprocess.run(
        [
            "Rscript",
            str(ROOT / "tests" / "r" / "grow_rpart.R"),
            str(tmp_path / "d.csv"),
            outcome,
            weight or "NONE",
            str(ctl["minbucket"]),
            str(ctl["minsplit"]),
            repr(ctl["cp"]),
            "6",
            str(tmp_path / "o"),
            *circ,
        ],
        check=True,
        capture_output=True,
    )
    where = pd.read_csv(tmp_path / "o_where.csv")["where"].to_numpy()
    frame = pd.read_csv(tmp_path / "o_frame.csv")
    return ctl, where, frame


def _vietnam():
    d = pd.read_csv(ROOT / "data" / "reference" / "vietnam_vlss1997_VietNamI.csv")
    d["commune"] = "c" + d["commune"].astype(int).astype(str)
    return d[["insurance", "sex", "married", "educ", "commune"]]


def _nepal():
    d = pd.read_csv(
        ROOT / "data" / "reference" / "nepal_nnips_child_anthropometry_faraway_nepali.csv"
    )
    d = d.dropna(subset=["wt", "ht"])
    d["lost_a_child"] = (d["died"] > 0).astype(int)
    d["literate"] = np.where(d["lit"] == 1, "yes", "no")
    return d[["lost_a_child", "literate", "mage", "sex"]]


CASES = {
    "synthetic-weighted": lambda: (synthetic(12000, 3), "y", CIRC, "w"),
    "synthetic-unweighted": lambda: (synthetic(6000, 4), "y", CIRC, None),
    "vietnam-vlss-insurance": lambda: (
        _vietnam(),
        "insurance",
        ["sex", "married", "educ", "commune"],
        None,
    ),
    "nepal-nnips": lambda: (_nepal(), "lost_a_child", ["literate", "mage", "sex"], None),
}


@pytest.mark.r
@pytest.mark.parametrize("case", list(CASES))
def test_same_tree_as_rpart(case, tmp_path):
    if shutil.which("Rscript") is None:
        pytest.skip("Rscript is not installed: run `make system-deps`")
    df, outcome, circ, weight = CASES[case]()
    ctl, where, frame = _rpart(df, outcome, circ, weight, tmp_path)
    root = tree.grow(df, outcome, circ, weight, ctl)
    ours = np.empty(len(df), dtype=int)
    for i, leaf in enumerate(tree.leaves(root)):
        ours[leaf.rows] = i
    table = pd.crosstab(ours, where)
    assert (table.gt(0).sum(axis=1) == 1).all() and (table.gt(0).sum(axis=0) == 1).all(), (
        "same leaves: every leaf of ours is exactly one leaf of rpart"
    )
    r_leaves = frame[frame["var"] == "<leaf>"]
    assert len(tree.leaves(root)) == len(r_leaves) > 1
    # Each of our leaves holds the same rows as its rpart leaf, with the same (weighted) mean.
    for i, leaf in enumerate(tree.leaves(root)):
        r_row = frame.iloc[int(table.columns[table.loc[i].gt(0)][0]) - 1]
        assert r_row["var"] == "<leaf>" and r_row["n"] == len(leaf.rows)
        assert leaf.mean == pytest.approx(float(r_row["yval"]), rel=1e-9)
    r_split_vars = sorted(frame.loc[frame["var"] != "<leaf>", "var"])
    assert sorted(v for v, _ in tree.splits(root)) == r_split_vars
    means = dict(zip(frame["node"].astype(str), frame["yval"].astype(float), strict=True))
    for i, leaf in enumerate(tree.leaves(root)):
        r_node = int(pd.Series(where[ours == i]).iloc[0])
        r_name = frame.index[r_node - 1]
        assert leaf.mean == pytest.approx(float(frame.loc[r_name, "yval"]), abs=1e-9)
    assert len(means) == len(frame)


def test_long_level_lists_are_summarised_with_a_count_and_examples():
    communes = [f"c{i:03d}" for i in range(1, 13)]  # 12 communes
    assert tree.level_list(communes, keep=5) == "12 levels: c001, c002, c003, c004, c005 and 7 more"
    # six levels are all shown rather than five "and 1 more"
    assert tree.level_list(communes[:6], keep=5) == "c001, c002, c003, c004, c005, c006"
    assert tree.level_list(communes, keep=None) == ", ".join(communes)


def test_paths_summarise_a_split_on_many_levels_and_keep_the_full_rule():
    levels = tuple(f"c{i}" for i in range(1, 9))  # 8 communes go left
    left = tree.Node(np.arange(8), 1, 0.1, 0, 8)
    right = tree.Node(np.arange(2), 1, 0.9, 0, 2)
    root = tree.Node(
        np.arange(10), 0, 0.2, 0, 10, var="commune", left_levels=levels, children=[left, right]
    )
    assert tree.paths(root, keep=3) == [
        "commune in {8 levels: c1, c2, c3 and 5 more}",
        "commune not in {8 levels: c1, c2, c3 and 5 more}",
    ]
    assert tree.paths(root)[0] == "commune in {c1, c2, c3, c4, c5, c6, c7, c8}"


def test_splits_on_one_variable_along_a_path_are_joined():
    def leaf(n):
        return tree.Node(np.arange(n), 2, 0.5, 0, n)

    # commune in {a..e}; then, inside, commune in {a, b, c}; then commune not in {c}:
    # the deepest left leaf is commune in {a, b}, its sibling commune in {c}.
    deep = tree.Node(
        np.arange(3), 2, 0.5, 0, 3, var="commune", left_levels=("c",), children=[leaf(1), leaf(2)]
    )
    mid = tree.Node(
        np.arange(5),
        1,
        0.5,
        0,
        5,
        var="commune",
        left_levels=("a", "b", "c"),
        children=[deep, leaf(2)],
    )
    wealth = tree.Node(
        np.arange(6),
        1,
        0.5,
        0,
        6,
        var="wealth",
        threshold=2.5,
        children=[
            leaf(3),
            tree.Node(
                np.arange(3), 2, 0.5, 0, 3, var="wealth", threshold=4.0, children=[leaf(1), leaf(2)]
            ),
        ],
    )
    root = tree.Node(
        np.arange(11),
        0,
        0.5,
        0,
        11,
        var="commune",
        left_levels=("a", "b", "c", "d", "e"),
        children=[mid, wealth],
    )
    assert tree.paths(root) == [
        "commune in {c}",  # in {a..e}, in {a, b, c}, in {c}
        "commune in {a, b}",  # in {a..e}, in {a, b, c}, not in {c}
        "commune in {d, e}",  # in {a..e}, not in {a, b, c}
        "commune not in {a, b, c, d, e} AND wealth < 2.5",
        "commune not in {a, b, c, d, e} AND 2.5 <= wealth < 4",
        "commune not in {a, b, c, d, e} AND wealth >= 4",
    ]
