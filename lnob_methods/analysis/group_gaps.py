"""Gaps between groups in official data: poorest vs richest, rural vs urban, women vs men.

For every series where a country has both values of a comparison in the same year, with the other
people columns at their totals, the latest such year gives a gap. Whether a higher value is better
or worse is read from the declared polarity of the series (:mod:`lnob_methods.reference.polarity`);
the group that is behind is then the one on the worse side. A series whose polarity is "no
direction", or that has none declared, is listed but never ranked: nobody is behind on it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.reference import polarity as pol
from lnob_methods.reference import sdgdb

COMPARISONS = [
    # (group behind if worse, LNOB group id, column, code, reference code, label)
    ("people_in_poverty", "quantile", "q1", "q5", "poorest vs richest quintile"),
    ("rural_population", "location", "rural", "urban", "rural vs urban"),
    ("women_and_girls", "sex", "female", "male", "female vs male"),
    (
        "persons_with_disabilities",
        "disability_status",
        "pwd",
        "pd",
        "persons with vs without disability",
    ),
]


def group_gaps(data: pd.DataFrame, polarity_file: Path | str | None = None) -> pd.DataFrame:
    """Return one row per series and comparison at the latest year with both values.

    Parameters
    ----------
    data
        A country's rows (``sdgdb.country_data``): ``series_code``, ``series_description``,
        ``target``-bearing ``indicator``, ``year``, ``value_num`` and the people columns.
    polarity_file
        The polarity table (default ``data/taxonomy/series_polarity.csv``).

    Returns
    -------
    pandas.DataFrame
        ``series_code, series_description, indicator, target, comparison, group, year, value,
        reference_value, gap`` (value minus reference), ``relative_gap`` (|gap| divided by the
        larger absolute value, 0 to 1), ``polarity`` (a code of
        :data:`lnob_methods.reference.polarity.POLARITIES`, missing where none is declared),
        ``direction`` (what a reader sees: "higher is better", "higher is worse", or why the series
        is not ranked), ``ranked`` (True for "higher is better" and "higher is worse") and
        ``group_behind`` (True when the series is ranked and the group is on the worse side).
    """
    polarities = pol.polarity_map(polarity_file)
    rows = []
    people = [c for c in sdgdb.PEOPLE_COLUMNS if c in data.columns]
    for group, col, code, ref, label in COMPARISONS:
        others = [c for c in people if c != col]
        base = data.dropna(subset=["value_num"])
        # Parity indices are already ratios between groups: comparing them again says nothing.
        base = base[
            base[col].isin([code, ref])
            & ~base["series_description"].str.contains("parity index", case=False)
        ]
        if base.empty:
            continue
        # Pair values that agree on every other breakdown (same age band, same sex...).
        keys = [
            "series_code",
            "series_description",
            "indicator",
            "year",
            "other_disaggregations",
            *others,
        ]
        wide = base.pivot_table(index=keys, columns=col, values="value_num", aggfunc="first")
        if code not in wide or ref not in wide:
            continue
        wide = wide.dropna(subset=[code, ref]).reset_index()
        # Prefer the latest year, then the pair closest to the whole population (most totals).
        wide["n_totals"] = sum(
            wide[c].map(lambda v, c=c: not sdgdb.breakdown_codes(c, [v])) for c in others
        )
        wide = wide.sort_values(["year", "n_totals", *keys], kind="stable")
        wide = wide.groupby(["series_code", "indicator"]).tail(1)
        for r in wide.itertuples(index=False):
            a, b = getattr(r, code), getattr(r, ref)
            polarity = polarities.get(r.series_code)
            denom = max(abs(a), abs(b))
            rows.append(
                {
                    "series_code": r.series_code,
                    "series_description": r.series_description,
                    "indicator": r.indicator,
                    "target": r.indicator.rsplit(".", 1)[0],
                    "comparison": label,
                    "group": group,
                    "year": int(r.year),
                    "value": a,
                    "reference_value": b,
                    "gap": a - b,
                    "relative_gap": abs(a - b) / denom if denom else 0.0,
                    "polarity": polarity,
                    "direction": pol.direction_label(polarity),
                    "ranked": polarity in (pol.HIGHER_IS_BETTER, pol.HIGHER_IS_WORSE),
                    "group_behind": _behind(polarity, a, b),
                }
            )
    cols = [
        "series_code",
        "series_description",
        "indicator",
        "target",
        "comparison",
        "group",
        "year",
        "value",
        "reference_value",
        "gap",
        "relative_gap",
        "polarity",
        "direction",
        "ranked",
        "group_behind",
    ]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["group", "indicator", "series_code"], kind="stable").reset_index(
        drop=True
    )


def _behind(polarity: str | None, value: float, reference: float) -> bool:
    """Return True when the group's value is on the worse side of the comparison group's."""
    if polarity == pol.HIGHER_IS_WORSE:
        return bool(value > reference)
    if polarity == pol.HIGHER_IS_BETTER:
        return bool(value < reference)
    return False  # no direction, or none declared: nobody is ranked behind
