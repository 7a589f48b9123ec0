"""Figures of the voices pages: suppressed counts shown as such, colour-blind and greyscale safe."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from lnob_methods.analysis.evidence import goal_of
from lnob_methods.plots.style import SEQUENTIAL

# Four states of a cell, told apart by hatching as well as by colour (greyscale-safe).
STATES = [
    ("testimonies and other evidence", "#1b4e7a", ""),
    ("testimonies only", "#7fb0d6", ""),
    ("other evidence, no testimonies", "#e8c36a", "///"),
    ("no evidence", "#f2f2f2", "..."),
]


def plot_theme_heatmap(
    table: pd.DataFrame, *, k: int, ax: plt.Axes | None = None, title: str = ""
) -> plt.Axes:
    """Draw themes × groups, each cell the number of testimonies; suppressed cells marked "s".

    Parameters
    ----------
    table
        From :func:`lnob_methods.voices.prepare.theme_by_group` (suppressed cells are missing).
    k
        The suppression threshold, named in the colour-bar label.
    ax, title
        Axes to draw on (a new figure when None) and the title (name the country).
    """
    if ax is None:
        # Sized for the text column: narrow cells with group names standing upright, so that
        # eighteen groups make a figure about 1,000 px wide (a 10-point count stays readable
        # at the column's width) rather than 2,400 px shrunk three times.
        _, ax = plt.subplots(figsize=(0.4 * max(table.shape[1], 3) + 3.6, 0.36 * len(table) + 2.9))
    if table.empty:
        ax.text(0.5, 0.5, "No testimonies for this country", ha="center", va="center")
        ax.set_axis_off()
        ax.set_title(title, fontsize=11)
        return ax
    values = table.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    annot = np.where(np.isnan(values), "s", np.nan_to_num(values).astype(int).astype(str))
    sns.heatmap(
        pd.DataFrame(values, index=table.index, columns=[short_label(c) for c in table.columns]),
        ax=ax,
        cmap=SEQUENTIAL,
        annot=annot,
        fmt="",
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": f"testimonies (hatched, s: 1 to {k - 1}, suppressed)"},
        annot_kws={"fontsize": 10},
    )
    for (i, j), v in np.ndenumerate(values):
        if np.isnan(v):
            ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, hatch="//", edgecolor="#999999"))
            ax.text(j + 0.5, i + 0.5, "s", ha="center", va="center", fontsize=10)
    ax.set_xlabel("Group (self-identified)")
    ax.set_ylabel("Theme")
    ax.set_title(title, fontsize=11)
    ax.tick_params(axis="x", labelrotation=90, labelsize=9)
    ax.tick_params(axis="y", labelsize=9)
    return ax


def short_label(label: str, width: int = 24) -> str:
    """Return a group's name for a figure's axis: without its parenthesis, wrapped in lines.

    "Youth (15-24, UN definition; 15-35 in some national policies)" becomes "Youth"; the full
    names are in the tables beside the figure.
    """
    name = str(label).split(" (")[0].strip() or str(label)
    return textwrap.fill(name, width=width)


def voices_states(evidence: pd.DataFrame, groups: pd.DataFrame, goals: list[int]) -> pd.DataFrame:
    """Return, for each group × goal, which of :data:`STATES` it is in (index of the state).

    *Testimonies* are the evidence rows of the voices stream (coded testimonies); every other row
    (official statistics, inventories, citizen-generated data among them) is *other evidence*.
    """
    ev = evidence.assign(goal=goal_of(evidence["target"]))
    is_testimony = ev["stream"] == "voices"
    voices = set(zip(ev.loc[is_testimony, "group"], ev.loc[is_testimony, "goal"], strict=True))
    other = set(zip(ev.loc[~is_testimony, "group"], ev.loc[~is_testimony, "goal"], strict=True))
    rows = list(groups["group"])
    state = np.full((len(rows), len(goals)), 3)
    for i, g in enumerate(rows):
        for j, goal in enumerate(goals):
            v, o = (g, goal) in voices, (g, goal) in other
            state[i, j] = 0 if v and o else 1 if v else 2 if o else 3
    return pd.DataFrame(state, index=rows, columns=goals)


def plot_voices_on_gap_map(
    evidence: pd.DataFrame,
    groups: pd.DataFrame,
    *,
    goals: dict[int, str],
    ax: plt.Axes | None = None,
    title: str = "",
) -> plt.Axes:
    """Draw groups × goals coloured by whether coded testimonies and other evidence cover them."""
    cols = sorted(goals)
    states = voices_states(evidence, groups, cols)
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 0.42 * len(states) + 3))
    for (i, j), s in np.ndenumerate(states.to_numpy()):
        label, colour, hatch = STATES[s]
        ax.add_patch(
            plt.Rectangle(
                (j, i), 1, 1, facecolor=colour, hatch=hatch, edgecolor="white", linewidth=0.8
            )
        )
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(states), 0)
    ax.set_xticks(np.arange(len(cols)) + 0.5, [f"{g}" for g in cols])
    labels = dict(zip(groups["group"], groups["label"], strict=True))
    ax.set_yticks(np.arange(len(states)) + 0.5, [labels[g] for g in states.index], fontsize=8)
    ax.set_xlabel("SDG goal")
    handles = [
        plt.Rectangle((0, 0), 1, 1, facecolor=c, hatch=h, edgecolor="#666666") for _, c, h in STATES
    ]
    ax.legend(
        handles,
        [s[0] for s in STATES],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=4,
        frameon=False,
        fontsize=8,
    )
    ax.set_title(title, fontsize=11)
    return ax
