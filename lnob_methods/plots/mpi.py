"""MPI by age group and by area at two surveys: colour-blind safe and readable in greyscale."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from lnob_methods.analysis.mpi_groups import AGGREGATES, latest_period
from lnob_methods.plots.style import SEQUENTIAL

# Two shades far apart in lightness on cividis, plus different marker shapes and fills, so t0 and
# t1 are told apart without colour.
_CMAP = mpl.colormaps[SEQUENTIAL]
T0 = {"marker": "o", "color": _CMAP(0.65), "markerfacecolor": "none", "markeredgewidth": 1.8}
T1 = {"marker": "s", "color": _CMAP(0.0), "markerfacecolor": _CMAP(0.0), "markeredgewidth": 1.0}
PANELS = [("age_group", "Age group (years)"), ("area", "Area")]


def plot_mpi_groups(table: pd.DataFrame, *, country: str, axes=None) -> plt.Figure:
    """Draw the MPI at t0 and t1 for each age group and each area, with the national MPI as lines.

    One panel per disaggregation. Each group has an open ring at t0 and a filled square at t1,
    joined by a grey line (the ring circles the square when the two are equal); the t1 value is
    written beside its square. The national MPI is a dashed line (t1) and a dotted line (t0). The
    overlapping age groups 0-17 and 18+ are left out (they are in the table).

    Parameters
    ----------
    table
        From :func:`lnob_methods.analysis.mpi_groups.breakdowns`; only its latest survey pair is
        drawn.
    country
        The country's name, used in the title.
    axes
        Two Axes to draw on; a new figure is made when None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When the table is empty (the country has no breakdown).
    """
    t = latest_period(table)
    if t.empty:
        raise ValueError(f"No harmonised OPHI breakdown by age or area to draw for {country}.")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True, width_ratios=[4, 3])
    fig = axes[0].figure
    nat = t[t["disaggregation"] == "national"]
    top = float(np.nanmax(t[["mpi_t0", "mpi_t1"]].to_numpy(dtype=float)))
    for ax, (dis, label) in zip(axes, PANELS, strict=True):
        g = t[(t["disaggregation"] == dis) & ~t["group"].isin(AGGREGATES)]
        _panel(ax, g, nat, label)
        ax.set_ylim(0, top * 1.18 if top > 0 else 1)
    axes[0].set_ylabel("MPI (0 to 1)")
    first = t.iloc[0]
    fig.suptitle(
        f"{country}: multidimensional poverty by age group and by area, "
        f"{first['survey_t0']} {first['year_t0']} (t0) and {first['survey_t1']} {first['year_t1']}"
        " (t1)\nOPHI global MPI 2024 (harmonised)",
        fontsize=11,
    )
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def _panel(ax: plt.Axes, g: pd.DataFrame, nat: pd.DataFrame, label: str) -> None:
    x = np.arange(len(g))
    if not len(g):
        ax.text(0.5, 0.5, "no breakdown", ha="center", va="center", transform=ax.transAxes)
    for xi, (a, b) in zip(x, g[["mpi_t0", "mpi_t1"]].to_numpy(dtype=float), strict=True):
        ax.plot([xi, xi], [a, b], color="#999999", linewidth=1.5, zorder=1)
        if not np.isnan(b):
            ax.annotate(
                f"{b:.3f}",
                (xi, b),
                xytext=(8, -3),
                textcoords="offset points",
                fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                zorder=5,
            )
    ax.plot(x, g["mpi_t0"], linestyle="none", markersize=11, label="group, t0", zorder=4, **T0)
    ax.plot(x, g["mpi_t1"], linestyle="none", markersize=7, label="group, t1", zorder=3, **T1)
    if len(nat):
        ax.axhline(nat["mpi_t1"].iloc[0], color="black", linestyle="--", label="national, t1")
        ax.axhline(nat["mpi_t0"].iloc[0], color="#666666", linestyle=":", label="national, t0")
    ax.set_xticks(x, list(g["group"]))
    ax.set_xlim(-0.6, max(len(g), 1) - 0.4)
    ax.set_xlabel(label)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
