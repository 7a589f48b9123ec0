"""Tree leaves as a chart non-specialists can read: one bar per group, with its interval."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd


def plot_leaves(
    table: pd.DataFrame, *, ax: plt.Axes | None = None, title: str = "", xlabel: str = "rate"
) -> plt.Axes:
    """Draw each leaf (group) as a bar with its 95% interval; mark furthest behind and ahead.

    Colours are colour-blind safe and each marked bar also carries a text label and a hatch, so the
    chart reads in greyscale. Suppressed leaves are drawn empty and labelled.
    """
    t = table.sort_values("rate", na_position="first").reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.45 * len(t) + 1.5))
    colours = np.where(
        t["furthest_behind"], "#D55E00", np.where(t["furthest_ahead"], "#0072B2", "#999999")
    )
    hatches = np.where(t["furthest_behind"], "//", np.where(t["furthest_ahead"], "..", ""))
    y = np.arange(len(t))
    rates = t["rate"].fillna(0)
    for i in y:
        ax.barh(i, rates[i], color=colours[i], hatch=hatches[i], edgecolor="black", linewidth=0.5)
    err = np.vstack([rates - t["ci_low"].fillna(rates), t["ci_high"].fillna(rates) - rates])
    ax.errorbar(rates, y, xerr=err, fmt="none", ecolor="black", capsize=2, linewidth=0.8)
    labels = []
    for r in t.itertuples(index=False):
        mark = (
            " [furthest behind]"
            if r.furthest_behind
            else (" [furthest ahead]" if r.furthest_ahead else "")
        )
        shown = "suppressed (too few cases)" if r.suppressed else f"{r.rate:.0%}"
        labels.append(f"Group {r.leaf} (n={r.n}): {shown}{mark}")
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11)
    return ax
