"""The disaggregation status in Open SDG's vocabulary, for a national reporting platform.

Open SDG (sdg-build's disaggregation status) gives each indicator one of ``complete``,
``inprogress``, ``notstarted`` or ``notapplicable``. The project's stocktake
(:mod:`lnob_methods.analysis.stocktake`) gives each indicator a status per LNOB dimension:
``complete``, ``partial``, ``none`` or ``not applicable``. The rule from one to the other
(:data:`RULE`), per indicator, over the dimensions that apply to it (status other than
``not applicable``):

- ``notapplicable``: no dimension applies (the indicator is not measured on people, or no series
  of it is broken down by any dimension anywhere);
- ``complete``: every dimension that applies is ``complete``;
- ``notstarted``: every dimension that applies is ``none``;
- ``inprogress``: otherwise (some breakdowns are there, not all).

Each dimension's own status is exported too, in the same vocabulary (``partial`` is
``inprogress``, ``none`` is ``notstarted``).
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import stocktake

OPEN_SDG_STATUSES = ["complete", "inprogress", "notstarted", "notapplicable"]
BY_DIMENSION = {
    "complete": "complete",
    "partial": "inprogress",
    "none": "notstarted",
    "not applicable": "notapplicable",
}
RULE = (
    "per indicator, over the LNOB dimensions that apply to it: notapplicable when none applies; "
    "complete when every one is complete; notstarted when none has the breakdown; inprogress "
    "otherwise"
)


def indicator_status(statuses: list[str]) -> str:
    """Return the Open SDG status of one indicator from its per-dimension stocktake statuses."""
    unknown = sorted(set(statuses) - set(stocktake.STATUSES))
    if unknown:
        raise ValueError(f"not a stocktake status: {', '.join(unknown)}")
    applies = [s for s in statuses if s != "not applicable"]
    if not applies:
        return "notapplicable"
    if all(s == "complete" for s in applies):
        return "complete"
    if all(s == "none" for s in applies):
        return "notstarted"
    return "inprogress"


def disaggregation_status(table: pd.DataFrame, dimensions: list[str]) -> pd.DataFrame:
    """Return one row per indicator with its Open SDG disaggregation status.

    Parameters
    ----------
    table
        The stocktake table (:func:`lnob_methods.analysis.stocktake.indicator_stocktake`).
    dimensions
        Its status columns (the LNOB dimensions with a database column).

    Returns
    -------
    pandas.DataFrame
        ``goal, target, indicator, status`` (Open SDG's vocabulary, :data:`RULE`) and one column
        per dimension with that dimension's status in the same vocabulary.
    """
    out = table[["goal", "target", "indicator"]].copy()
    out["status"] = [indicator_status(list(r)) for r in table[dimensions].itertuples(index=False)]
    for dim in dimensions:
        out[dim] = table[dim].map(BY_DIMENSION)
    return out.reset_index(drop=True)
