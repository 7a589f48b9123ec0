"""Figures for the book: colour-blind-safe, readable in greyscale, return the matplotlib Axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

# cividis is designed for colour-vision deficiency and is monotonic in lightness (greyscale-safe).
SEQUENTIAL = "cividis"


def plot_disaggregation_heatmap(
    coverage: pd.DataFrame,
    *,
    ax: plt.Axes | None = None,
    title: str = "",
    dimension_labels: dict[str, str] | None = None,
    goal_labels: dict[int, str] | None = None,
) -> plt.Axes:
    """Draw goals × LNOB dimensions, each cell the % of applicable indicators with a breakdown.

    Parameters
    ----------
    coverage
        Output of :func:`lnob_methods.analysis.stocktake.goal_dimension_coverage` (NaN = not
        applicable).
    ax
        Axes to draw on; a new figure is made when None.
    title
        Figure title; name the country in it.
    dimension_labels, goal_labels
        Readable labels for the columns and rows.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 7.5))
    data = coverage.rename(columns=dimension_labels or {})
    if goal_labels:
        data.index = [f"{g}. {goal_labels.get(g, '')}" for g in data.index]
    annot = data.map(lambda v: "n/a" if pd.isna(v) else f"{v:.0f}%")
    ax.set_facecolor("#f2f2f2")
    sns.heatmap(
        data,
        ax=ax,
        cmap=SEQUENTIAL,
        vmin=0,
        vmax=100,
        annot=annot.to_numpy(),
        fmt="",
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": "% of applicable indicators"},
        annot_kws={"fontsize": 8},
    )
    # Hatch the not-applicable cells so they read as "no such breakdown anywhere", not as 0%.
    # seaborn leaves NaN cells unannotated, so their "n/a" is written here.
    for (i, j), v in np.ndenumerate(data.to_numpy(dtype=float)):
        if np.isnan(v):
            ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, hatch="//", edgecolor="#999999"))
            ax.text(j + 0.5, i + 0.5, "n/a", ha="center", va="center", fontsize=8)
    ax.set_xlabel("LNOB dimension (SDG 17.18)")
    ax.set_ylabel("SDG goal")
    ax.set_title(title, fontsize=11)
    ax.tick_params(axis="x", labelrotation=30)
    for lbl in ax.get_xticklabels():
        lbl.set_horizontalalignment("right")
    return ax
