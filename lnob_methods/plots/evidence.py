"""Evidence coverage figures: colour-blind-safe colours plus hatches, so they read in greyscale."""

from __future__ import annotations

import matplotlib.pyplot as plt

from lnob_methods.analysis.summaries import SOURCE_LABELS, by_goal, source_columns
from lnob_methods.core import vocabulary
from lnob_methods.plots.gapmap import STYLE
from lnob_methods.reference import provenance

HATCHES = {
    "official_statistics": "",
    "icso_study": "//",
    "programme_data": "..",
    "community_voices": "xx",
}


def _empty_columns() -> list[tuple[str, str, str]]:
    return [(s, provenance.REAL, SOURCE_LABELS[s]) for s in vocabulary.SOURCE_TYPES]


def plot_coverage_by_goal(evidence, *, ax: plt.Axes | None = None, title: str = "") -> plt.Axes:
    """Draw distinct evidence items per SDG goal, stacked by source type; return the Axes.

    Items not declared real (synthetic, or without a declaration) are stacked separately, drawn
    lighter and named so in the legend.
    """
    table = by_goal(evidence).set_index("SDG goal")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6.5))
    left = None
    for stype, prov, label in source_columns(evidence) or _empty_columns():
        colour = STYLE[stype][0]
        values = table[label] if label in table else 0 * table["all sources"]
        # Items not declared real are drawn lighter, and named so in the legend.
        ax.barh(
            table.index,
            values,
            left=left,
            color=colour,
            alpha=1.0 if prov == provenance.REAL else 0.45,
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
