"""Small-cell protection: suppression, complementary suppression and k-anonymous tags."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from lnob_methods.voices import disclosure


def test_suppress_hides_one_to_k_minus_one_and_keeps_zero():
    s = pd.Series([0, 1, 4, 5, 12])
    out = disclosure.suppress(s, 5)
    assert out.isna().tolist() == [False, True, True, False, False]
    assert out.dropna().tolist() == [0, 5, 12]
    assert str(out.dtype) == "Int64"


def test_complementary_suppression_hand_computed():
    # Row a has one small cell (2): with the row total 20 shown, 2 = 20 - 9 - 9 would be
    # recovered, so the smallest other positive cell of row a (y = 9) is hidden too. Column x
    # then has one hidden cell beside its total, so its smallest other cell (b: 7) goes; column y
    # likewise (b: 8). Row b now has two hidden cells and every line is safe.
    t = pd.DataFrame({"x": [2, 7, 30], "y": [9, 8, 30], "z": [9, 6, 30]}, index=["a", "b", "c"])
    out = disclosure.suppress_with_totals(t, 5)
    hidden = out.isna()
    assert sorted(map(tuple, hidden.stack()[hidden.stack()].index)) == [
        ("a", "x"),
        ("a", "y"),
        ("b", "x"),
        ("b", "y"),
    ]
    for frame in (hidden, hidden.T):
        for label in frame.index:
            cells = frame.loc[label].drop("Total")
            assert cells.sum() != 1 or frame.loc[label, "Total"], label
    assert out.loc["Total", "Total"] == 131
    assert out.loc["a", "Total"] == 20


def test_complementary_suppression_hides_total_when_nothing_else_can_go():
    t = pd.DataFrame({"x": [3, 10], "y": [0, 10]}, index=["a", "b"])
    out = disclosure.suppress_with_totals(t, 5)
    assert pd.isna(out.loc["a", "x"])
    assert pd.isna(out.loc["a", "Total"]), "3 + 0 = 3 would reveal the hidden cell"


def _random_tags(n, seed):
    import random

    rnd = random.Random(seed)
    return pd.DataFrame(
        {
            "area": [rnd.choice(["A1", "A2", "A3", "A4", "A5"]) for _ in range(n)],
            "age": [
                rnd.choice(["10_14", "15_17", "18_24", "25_34", "35_59", "60_plus"])
                for _ in range(n)
            ],
            "sex": [rnd.choice(["female", "male", "other"]) for _ in range(n)],
            "group": [rnd.choice(["women_and_girls", "youth", "older_people"]) for _ in range(n)],
        }
    )


HIER = disclosure.levels(
    {f"A{i}": f"Area {i}" for i in range(1, 6)},
    {"women_and_girls": "Women and girls", "youth": "Youth", "older_people": "Older people"},
)


@pytest.mark.parametrize("n,k", [(40, 5), (200, 5), (300, 10), (12, 5)])
def test_coarsened_tags_are_k_anonymous(n, k):
    shown, chosen = disclosure.coarsen(_random_tags(n, n + k), k, HIER)
    kept = shown[shown["group"] != disclosure.WITHHELD]
    sizes = kept.groupby(list(disclosure.ORDER)).size()
    assert (sizes >= k).all()
    assert (shown["group"] == disclosure.WITHHELD).mean() <= 0.05 or all(
        chosen[a] >= len(HIER[a]) for a in disclosure.ORDER
    )


def test_coarsening_goes_area_first_and_keeps_groups_when_possible():
    tags = pd.DataFrame(
        list(itertools.product(["A1", "A2"], ["25_34"], ["female"], ["youth", "older_people"])) * 3,
        columns=["area", "age", "sex", "group"],
    )
    shown, chosen = disclosure.coarsen(tags, 5, HIER)
    assert chosen == {"area": 1, "age": 0, "sex": 0, "group": 0}
    assert set(shown["area"]) == {"all areas"}
    assert set(shown["group"]) == {"Youth", "Older people"}


def test_small_counts_finds_only_one_to_k_minus_one():
    df = pd.DataFrame(
        {"a": [0, 1, 7], "b": pd.array([pd.NA, 4, 5], dtype="Int64"), "t": list("xyz")}
    )
    found = disclosure.small_counts(df, 5)
    assert sorted(found["value"].tolist()) == [1, 4]


def test_suppress_with_margins_hides_small_complements():
    # Column g1 has 12 people: 10 raise theme a (so 2 do not: hidden), 3 raise b (hidden),
    # 0 raise c (shown: 12 do not). Column g2's total is suppressed: only small cells go.
    t = pd.DataFrame({"g1": [10, 3, 0], "g2": [2, 6, 0]}, index=["a", "b", "c"])
    totals = pd.Series({"g1": 12, "g2": pd.NA}, dtype="Int64")
    out = disclosure.suppress_with_margins(t, totals, 5)
    assert out.isna().to_dict() == {
        "g1": {"a": True, "b": True, "c": False},
        "g2": {"a": True, "b": False, "c": False},
    }
    assert out.loc["b", "g2"] == 6 and out.loc["c", "g1"] == 0


def test_coarsen_by_group_keeps_finer_tags_for_larger_groups():
    big = [("A1", "25_34", "female", "women_and_girls")] * 6 + [
        ("A2", "25_34", "female", "women_and_girls")
    ] * 6
    small = [("A1", "60_plus", "male", "older_people"), ("A2", "60_plus", "female", "older_people")]
    small = small * 3  # 6 older people, split by area and sex
    tags = pd.DataFrame(
        big + small + [("A1", "18_24", "male", "youth")] * 2,
        columns=["area", "age", "sex", "group"],
    )
    shown = disclosure.coarsen_by_group(tags, 5, HIER)
    women = shown[tags["group"] == "women_and_girls"]
    assert set(women["area"]) == {"Area 1", "Area 2"} and set(women["age"]) == {"25-34"}
    older = shown[tags["group"] == "older_people"]
    assert set(map(tuple, older.to_numpy())) == {
        ("all areas", "60 and over", "all", "Older people")
    }
    youth = shown[tags["group"] == "youth"]
    assert (youth == disclosure.WITHHELD).all().all(), "a group smaller than k is withheld"


@pytest.mark.parametrize("n,k", [(60, 5), (300, 5), (300, 10)])
def test_coarsen_by_group_is_k_anonymous(n, k):
    shown = disclosure.coarsen_by_group(_random_tags(n, n * k), k, HIER)
    kept = shown[shown["group"] != disclosure.WITHHELD]
    assert (kept.groupby(list(disclosure.ORDER)).size() >= k).all()
