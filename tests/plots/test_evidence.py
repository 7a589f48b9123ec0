"""The coverage-by-goal bars on the tiny hand-made evidence of tests/helpers/evidence.py."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lnob_methods.plots.evidence import plot_coverage_by_goal  # noqa: E402
from tests.helpers.evidence import evidence  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_one_bar_per_goal_stacked_by_source_type():
    ax = plot_coverage_by_goal(evidence(), title="Kenya (synthetic inventories)")
    assert ax.get_title() == "Kenya (synthetic inventories)"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 17
    assert (labels[0], labels[9]) == ("1. No poverty", "10. Reduced inequalities")
    assert ax.yaxis_inverted(), "goal 1 on top"
    # Four stacks (one per source type) of 17 bars; hatches tell them apart in greyscale.
    assert [len(c) for c in ax.containers] == [17] * 4
    assert [c.patches[0].get_hatch() or "" for c in ax.containers] == ["", "//", "..", "xx"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Official statistics",
        "ICSO study",
        "Programme data",
        "Community voices",
    ]


def test_bar_lengths_and_stacking_are_the_distinct_items():
    ax = plot_coverage_by_goal(evidence())
    width = [[c.patches[i].get_width() for c in ax.containers] for i in (0, 4, 9, 16)]
    left = [[c.patches[i].get_x() for c in ax.containers] for i in (0, 4, 9, 16)]
    # Goal 1: FORUM:1 (study), PLAN:1 (voices). Goal 5: SDGDB:5.1.1, CARE:2 (evaluation).
    # Goal 10: CARE:1 (once, though it covers two groups), CARE:2, PLAN:1. Goal 17: nothing.
    assert width == [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 1, 1], [0, 0, 0, 0]]
    # Each source starts where the ones before it end.
    assert left == [[0, 0, 1, 1], [0, 1, 1, 2], [0, 0, 1, 2], [0, 0, 0, 0]]


def test_draws_on_the_axes_it_is_given():
    _, ax = plt.subplots()
    assert plot_coverage_by_goal(evidence(), ax=ax) is ax
