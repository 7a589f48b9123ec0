"""The disclosure audit (bounds on suppressed counts by linear programming) and the suppression
that passes it, for any table shape published with row and column totals."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from lnob_methods.voices import disclosure
from lnob_methods.voices import disclosure_audit as audit

NA = pd.NA


def _bounds(pub):
    iv = audit.intervals(pub)
    return {key: (row.low, row.high) for key, row in zip(iv["key"], iv.itertuples(), strict=True)}


def test_single_suppression_in_a_2x2_with_totals_is_recovered_exactly():
    # | 2  10 | 12        Only the 2 is hidden: 12 - 10 = 2 (row) and 12 - 10 = 2 (column).
    # | 10 10 | 20
    # | 12 20 | 32
    shown = pd.DataFrame(
        {"x": [NA, 10, 12], "y": [10, 10, 20], "Total": [12, 20, 32]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    pub = audit.additive_table("t", shown)
    assert _bounds(pub) == {("t", "a", "x"): (2.0, 2.0)}
    bad = audit.exposed(pub, 5)
    assert bad["key"].tolist() == [("t", "a", "x")] and bad["width"].tolist() == [0.0]


def test_four_cells_hidden_in_a_cycle_leave_an_interval_as_wide_as_the_smaller_margin():
    # Same table, all four inner cells hidden: a.x = t, a.y = 12 - t, b.x = 12 - t, b.y = 8 + t
    # with every cell >= 0, so t runs from 0 to 12: width 12.
    shown = pd.DataFrame(
        {"x": [NA, NA, 12], "y": [NA, NA, 20], "Total": [12, 20, 32]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    got = _bounds(audit.additive_table("t", shown))
    assert got[("t", "a", "x")] == (0.0, 12.0)
    assert got[("t", "b", "y")] == (8.0, 20.0)
    assert audit.exposed(audit.additive_table("t", shown), 5).empty
    assert not audit.exposed(audit.additive_table("t", shown), 13).empty


def test_first_exposed_is_the_first_count_too_narrow_in_table_order():
    # | NA NA | 12    a.x and a.y hidden, b.x and b.y shown: a.x = 12 - 10 = 2 from column x,
    # | 10 10 | 20    a.y = 20 - 10 = 10 from column y. Both are exact (width 0), a.x first.
    # | 12 20 | 32
    shown = pd.DataFrame(
        {"x": [NA, 10, 12], "y": [NA, 10, 20], "Total": [12, 20, 32]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    pub = audit.additive_table("t", shown)
    assert audit.first_exposed(pub, 5) == ("t", "a", "x")
    # A count known to be wide enough is not bounded again: the next one is named.
    assert audit.first_exposed(pub, 5, wide=[("t", "a", "x")]) == ("t", "a", "y")
    assert audit.first_exposed(pub, 5, wide=[("t", "a", "x"), ("t", "a", "y")]) is None


def test_first_exposed_finds_nothing_when_every_interval_is_wide_enough():
    # All four inner cells hidden: each runs over an interval 12 wide (see above).
    shown = pd.DataFrame(
        {"x": [NA, NA, 12], "y": [NA, NA, 20], "Total": [12, 20, 32]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    assert audit.first_exposed(audit.additive_table("t", shown), 12) is None
    assert audit.first_exposed(audit.additive_table("t", shown), 13) == ("t", "a", "x")


# The table on which subtraction-only complementary suppression left counts recoverable:
#   x y z       The small cells are a.z = 1 and the total of column z (1). Subtraction-only
# a 8 5 1 | 14  suppression hid a.y, a.z, a.Total, b.y, b.Total, Total.x and Total.z: every line
# b 0 6 0 |  6  then holds two hidden counts. But the Total row reads Tx + 11 + Tz = 20, column x
#   8 11 1 | 20 reads Tx = a.x = 8 (b.x = 0 shown), so Tz = 1 and a.z = 1 exactly.
CHAIN = pd.DataFrame({"x": [8, 0], "y": [5, 6], "z": [1, 0]}, index=["a", "b"])


def test_audit_recovers_the_chain_left_by_subtraction_only_suppression():
    shown = pd.DataFrame(
        {"x": [8, 0, NA], "y": [NA, NA, 11], "z": [NA, 0, NA], "Total": [NA, NA, 20]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    got = _bounds(audit.additive_table("t", shown))
    assert got[("t", "a", "z")] == (1.0, 1.0)
    assert got[("t", "Total", "z")] == (1.0, 1.0)
    assert got[("t", "Total", "x")] == (8.0, 8.0)
    assert got[("t", "a", "y")] == (0.0, 11.0)


def test_suppression_protects_the_chain():
    out = disclosure.suppress_with_totals(CHAIN, 5)
    # a.x goes too (the smallest positive count shown beside the exposed a.z): then
    # a.x + a.z = 20 - 11 = 9 and a.z runs from 0 to 9.
    assert out.isna().loc["a", ["x", "y", "z", "Total"]].all()
    got = _bounds(audit.additive_table("t", out))
    assert got[("t", "a", "z")] == (0.0, 9.0)
    assert audit.exposed(audit.additive_table("t", out), 5).empty


def test_audit_matches_integer_enumeration_on_small_tables():
    # Independent of the linear programme: every whole-number table agreeing with what is shown.
    #   x y z | T
    # a 3 2 1 | 6      hidden: a.x, a.y, b.y, a.z, Total.y
    # b 0 4 5 | 9
    #   3 6 6 | 15
    cells = {("a", "x"): 3, ("a", "y"): 2, ("a", "z"): 1, ("b", "x"): 0, ("b", "y"): 4}
    cells |= {("b", "z"): 5}
    rows, cols = {"a": 6, "b": 9}, {"x": 3, "y": 6, "z": 6}
    hide = [("a", "x"), ("a", "y"), ("b", "y"), ("a", "z")]
    seen = {h: set() for h in [*hide, ("Total", "y")]}
    for values in itertools.product(range(16), repeat=len(hide)):
        trial = cells | dict(zip(hide, values, strict=True))
        col_y = trial[("a", "y")] + trial[("b", "y")]
        ok = all(sum(trial[(r, c)] for c in "xyz") == t for r, t in rows.items()) and all(
            sum(trial[(r, c)] for r in "ab") == t for c, t in cols.items() if c != "y"
        )
        if ok and col_y + cols["x"] + cols["z"] == 15:
            for h, value in zip(hide, values, strict=True):
                seen[h].add(value)
            seen[("Total", "y")].add(col_y)
    full = pd.DataFrame(
        {"x": [3, 0, 3], "y": [NA, NA, NA], "z": [NA, 5, 6], "Total": [6, 9, 15]},
        index=["a", "b", "Total"],
        dtype="Int64",
    )
    full.loc["a", "x"] = NA
    got = _bounds(audit.additive_table("t", full))
    assert set(got) == {("t", r, c) for r, c in seen}
    for (r, c), values in seen.items():
        assert got[("t", r, c)] == (min(values), max(values)), (r, c)


def test_bounded_relations_and_lower_bounds():
    # A theme count hidden beside its group's total of 7: between 0 and 7. A quote of the cell
    # says it holds at least 5: between 5 and 7, width 2.
    pub = audit.Publication()
    cell = pub.add(("themes", "t", "g"), None)
    total = pub.add(("groups", "g", "Total"), 7)
    pub.not_above(cell, total)
    assert _bounds(pub) == {cell: (0.0, 7.0)}
    pub.at_least(cell, 5)
    assert _bounds(pub) == {cell: (5.0, 7.0)}
    assert audit.exposed(pub, 5)["key"].tolist() == [cell]


def test_unbounded_and_inconsistent():
    pub = audit.Publication()
    a, b = pub.add("a", None), pub.add("b", None)
    pub.sums_to([a], b)
    assert _bounds(pub) == {"a": (0.0, float("inf")), "b": (0.0, float("inf"))}
    bad = audit.Publication()
    c = bad.add("c", None)
    bad.sums_to([c], bad.add("shown", 3))
    bad.at_least(c, 4)
    with pytest.raises(ValueError, match="inconsistent"):
        audit.intervals(bad)


@st.composite
def _tables(draw):
    rows = draw(st.integers(1, 4))
    cols = draw(st.integers(1, 4))
    cell = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30])
    values = [[draw(cell) for _ in range(cols)] for _ in range(rows)]
    return pd.DataFrame(values, index=[f"r{i}" for i in range(rows)], columns=list("wxyz")[:cols])


@seed(20)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=_tables(), k=st.sampled_from([3, 5]))
def test_suppression_with_totals_always_passes_the_audit(table, k):
    out = disclosure.suppress_with_totals(table, k)
    full = table.copy()
    full["Total"] = full.sum(axis=1)
    full.loc["Total"] = full.sum(axis=0)
    hidden = out.isna()
    # Every small count is hidden, every shown count is the true one, no zero is hidden.
    assert hidden[(full >= 1) & (full < k)].fillna(True).all().all()
    assert (out[~hidden].fillna(0) == full[~hidden].fillna(0)).all().all()
    assert not (hidden & (full == 0)).any().any()
    iv = audit.intervals(audit.additive_table("t", out))
    assert (iv["width"] >= k).all(), iv[iv["width"] < k]
    for key, low, high in zip(iv["key"], iv["low"], iv["high"], strict=True):
        assert low <= full.loc[key[1], key[2]] <= high
