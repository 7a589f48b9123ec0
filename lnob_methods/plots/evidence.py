"""Evidence coverage figures: colour-blind-safe colours plus hatches, so they read in greyscale."""

from __future__ import annotations

import matplotlib.pyplot as plt

from lnob_methods.analysis.summaries import by_goal
from lnob_methods.core import vocabulary
from lnob_methods.plots.gapmap import STYLE

HATCHES = {
    "official_statistics": "",
    "icso_study": "//",
    "programme_data": "..",
    "community_voices": "xx",
}


def plot_coverage_by_goal(evidence, *, ax: plt.Axes | None = None, title: str = "") -> plt.Axes:
    """Draw distinct evidence items per SDG goal, stacked by source type; return the Axes."""
    table = by_goal(evidence).set_index("SDG goal")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    left = None
    for stype in vocabulary.SOURCE_TYPES:
        colour, _, label = STYLE[stype]
        values = table[label]
        ax.barh(
            table.index,
            values,
            left=left,
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            hatch=HATCHES[stype],
            label=label,
        )
        left = values if left is None else left + values
    ax.invert_yaxis()
    ax.set_xlabel("Distinct evidence items (an item may cover several goals)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(title, fontsize=11)
    ax.tick_params(axis="y", labelsize=8)
    return ax
