"""The tree-leaves chart on four hand-made leaves: order, labels, marks, intervals."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from lnob_methods.plots.tree import plot_leaves  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


LEAVES = pd.DataFrame(
    {
        "leaf": [1, 2, 3, 4],
        "n": [40, 30, 25, 3],
        "rate": [0.5, 0.2, 0.8, np.nan],
        "ci_low": [0.35, 0.1, 0.7, np.nan],
        "ci_high": [0.65, 0.3, 0.9, np.nan],
        "furthest_behind": [False, False, True, False],
        "furthest_ahead": [False, True, False, False],
        "suppressed": [False, False, False, True],
    }
)


def test_leaves_sorted_by_rate_with_the_suppressed_leaf_first_and_labelled():
    ax = plot_leaves(LEAVES, title="Kenya: stunting", xlabel="share stunted")
    assert isinstance(ax, plt.Axes)
    assert ax.get_title() == "Kenya: stunting" and ax.get_xlabel() == "share stunted"
    # Sorted by rate, the leaf without a rate first: 4 (suppressed), 2 (20%), 1 (50%), 3 (80%).
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Group 4 (n=3): suppressed (too few cases)",
        "Group 2 (n=30): 20% [furthest ahead]",
        "Group 1 (n=40): 50%",
        "Group 3 (n=25): 80% [furthest behind]",
    ]
    assert ax.get_xlim() == (0, 1)


def test_marked_bars_carry_colour_and_hatch_and_the_suppressed_bar_is_empty():
    ax = plot_leaves(LEAVES)
    bars = ax.patches
    assert [round(float(b.get_width()), 6) for b in bars] == [0.0, 0.2, 0.5, 0.8]
    # Okabe-Ito: blue with dots for the furthest ahead, vermilion with stripes for the furthest
    # behind, grey and plain for the others.
    assert [to_hex(b.get_facecolor()) for b in bars] == ["#999999", "#0072b2", "#999999", "#d55e00"]
    assert [b.get_hatch() or "" for b in bars] == ["", "..", "", "//"]


def test_intervals_span_each_leaf_ci():
    ax = plot_leaves(LEAVES)
    [lines] = ax.collections  # the error bars
    spans = [[tuple(round(float(v), 6) for v in p) for p in seg] for seg in lines.get_segments()]
    assert spans == [
        [(0.0, 0.0), (0.0, 0.0)],  # suppressed: no interval drawn (zero length)
        [(0.1, 1.0), (0.3, 1.0)],
        [(0.35, 2.0), (0.65, 2.0)],
        [(0.7, 3.0), (0.9, 3.0)],
    ]


def test_draws_on_the_axes_it_is_given():
    _, ax = plt.subplots()
    assert plot_leaves(LEAVES, ax=ax) is ax
