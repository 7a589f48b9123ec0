"""The disaggregation heatmap on a hand-made 2 × 2 coverage table with a not-applicable cell."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lnob_methods.plots.style import plot_disaggregation_heatmap  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# Goal 1: half its indicators broken down by sex, no disability breakdown anywhere (NaN).
# Goal 5: one indicator in three by sex, none of the applicable ones by disability.
COVERAGE = pd.DataFrame({"sex": [50.0, 100 / 3], "disability": [np.nan, 0.0]}, index=[1, 5])


def heatmap(**kwargs):
    return plot_disaggregation_heatmap(
        COVERAGE,
        title="Kenya: share of SDG indicators with a breakdown",
        dimension_labels={"sex": "Sex and gender", "disability": "Disability"},
        goal_labels={1: "No poverty", 5: "Gender equality"},
        **kwargs,
    )


def test_labels_title_and_colour_bar():
    ax = heatmap()
    assert ax.get_title() == "Kenya: share of SDG indicators with a breakdown"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Sex and gender", "Disability"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["1. No poverty", "5. Gender equality"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("LNOB dimension (SDG 17.18)", "SDG goal")
    [colour_bar] = [a for a in ax.figure.axes if a is not ax]
    assert colour_bar.get_ylabel() == "% of applicable indicators"


def test_cells_show_rounded_percentages_and_the_not_applicable_cell_is_hatched_and_marked():
    ax = heatmap()
    # 50 -> "50%", 33.3 -> "33%", 0 -> "0%" (a real zero, not hatched); the NaN cell (row 0,
    # column 1) is hatched and reads "n/a", as the official stocktake page says.
    assert sorted(t.get_text() for t in ax.texts) == ["0%", "33%", "50%", "n/a"]
    [na] = [t for t in ax.texts if t.get_text() == "n/a"]
    assert na.get_position() == (1.5, 0.5)
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert [(p.get_hatch(), p.get_xy()) for p in hatched] == [("//", (1, 0))]


def test_draws_on_the_axes_it_is_given():
    _, ax = plt.subplots()
    assert heatmap(ax=ax) is ax
