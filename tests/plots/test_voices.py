"""Figures of the voices pages on tiny hand-made tables, every mark counted by hand."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lnob_methods.plots.voices import (  # noqa: E402
    plot_theme_heatmap,
    plot_voices_on_gap_map,
    voices_states,
)

W, D, E, X = "women_and_girls", "persons_with_disabilities", "ethnic_minorities", "older_persons"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _themes() -> pd.DataFrame:
    # Two themes × two groups; water × disabilities was suppressed (missing).
    return pd.DataFrame(
        {"Women": [12, 7], "Disabilities": [np.nan, 5]},
        index=pd.Index(["Water", "School"], name="theme"),
    )


def test_theme_heatmap_writes_counts_and_marks_suppressed_cells():
    ax = plot_theme_heatmap(_themes(), k=5, title="Kenya")
    assert ax.get_title() == "Kenya"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Group (self-identified)", "Theme")
    # Three counts written by seaborn, one "s" for the suppressed cell.
    assert sorted(t.get_text() for t in ax.texts) == ["12", "5", "7", "s"]
    # The suppressed cell (row 0, column 1) is hatched.
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 1 and hatched[0].get_xy() == (1, 0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Women", "Disabilities"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Water", "School"]


def test_theme_heatmap_colour_bar_names_the_threshold():
    ax = plot_theme_heatmap(_themes(), k=5)
    cbar = ax.collections[0].colorbar
    # Suppressed counts are 1 to k - 1 = 4.
    assert cbar.ax.get_ylabel() == "testimonies (hatched, s: 1 to 4, suppressed)"


def test_theme_heatmap_without_testimonies_says_so():
    _, ax = plt.subplots()
    out = plot_theme_heatmap(pd.DataFrame(), k=5, ax=ax, title="Nepal")
    assert out is ax
    assert [t.get_text() for t in ax.texts] == ["No testimonies for this country"]
    assert not ax.axison
    assert ax.get_title() == "Nepal"


def _evidence() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": [W, W, D, E],
            "target": ["5.1", "5.2", "1.2", "10.2"],
            "stream": ["voices", "inventory", "voices", "official"],
        }
    )


def _groups() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": [W, D, E, X],
            "label": ["Women and girls", "Persons with disabilities", "Ethnic minorities", "Older"],
        }
    )


def test_voices_states_by_hand():
    states = voices_states(_evidence(), _groups(), [1, 5, 10])
    # 0 both, 1 testimonies only, 2 other evidence only, 3 none.
    # W: goal 5 has a testimony (5.1) and an inventory item (5.2): 0.
    # D: goal 1 has a testimony only: 1.  E: goal 10 has official statistics only: 2.
    assert states.to_numpy().tolist() == [
        [3, 0, 3],
        [1, 3, 3],
        [3, 3, 2],
        [3, 3, 3],
    ]
    assert list(states.index) == [W, D, E, X]
    assert list(states.columns) == [1, 5, 10]


def test_gap_map_draws_one_cell_per_group_and_goal():
    goals = {10: "Reduced inequalities", 1: "No poverty", 5: "Gender equality"}
    ax = plot_voices_on_gap_map(_evidence(), _groups(), goals=goals, title="Kenya")
    assert ax.get_title() == "Kenya"
    assert ax.get_xlabel() == "SDG goal"
    # 4 groups × 3 goals = 12 cells, goals sorted 1, 5, 10.
    assert len(ax.patches) == 12
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1", "5", "10"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Women and girls",
        "Persons with disabilities",
        "Ethnic minorities",
        "Older",
    ]
    assert ax.get_ylim() == (4, 0)  # the first group on top
    # Cells are drawn row by row: W×5 is patch 1 (both), E×10 is patch 8 (other only, hatched).
    assert mcolors.to_hex(ax.patches[1].get_facecolor()) == "#1b4e7a"
    assert ax.patches[8].get_hatch() == "///"
    assert mcolors.to_hex(ax.patches[3].get_facecolor()) == "#7fb0d6"  # D×1: testimonies only
    assert ax.patches[0].get_hatch() == "..."  # W×1: no evidence
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "testimonies and other evidence",
        "testimonies only",
        "other evidence, no testimonies",
        "no evidence",
    ]


def test_group_names_on_the_heat_map_are_short_and_wrapped():
    from lnob_methods.plots.voices import short_label

    assert short_label("Youth (15-24, UN definition; 15-35 in some national policies)") == "Youth"
    assert short_label("People affected by conflict, disasters or climate shocks") == (
        "People affected by\nconflict, disasters or\nclimate shocks"
    )
    assert short_label("Women") == "Women"


def test_the_heat_map_of_eighteen_groups_fits_about_a_text_column():
    table = pd.DataFrame(np.ones((18, 18)), columns=[f"Group {i}" for i in range(18)])
    ax = plot_theme_heatmap(table, k=5)
    width_px = ax.figure.get_size_inches()[0] * 100  # the book draws figures at 100 dpi
    # 0.4 in per group and 3.6 in for labels and colour bar: 10.8 in, not 23.8 in as before
    assert width_px == pytest.approx(1080)
