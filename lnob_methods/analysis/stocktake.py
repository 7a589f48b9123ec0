"""Official statistics stocktake: which SDG indicators a country has data for, and by whom.

For each indicator of the SDG framework: whether the country has any value since ``since_year``, the
latest year, and for each LNOB dimension with a UN SDG database column a disaggregation status:

- ``not applicable``: no series of the indicator is broken down by the dimension anywhere;
- ``none``: some series is broken down somewhere, but not for this country;
- ``partial``: the country has the breakdown for some but not all of those series;
- ``complete``: it has the breakdown for every one of those series.

A series is "broken down" by a dimension when it has at least two distinct breakdown codes in that
column (``female`` and ``male``; ``q1`` and ``q5``...), totals and "not specified" excluded. An
indicator that is not measured on people or households (10.b.1, financial flows between countries)
cannot be broken down by population group: every dimension is ``not applicable`` for it
(:mod:`lnob_methods.reference.disaggregation`).

Per group, :func:`group_breakdowns` says which indicators have, for the country, figures that
describe the group (female figures for women and girls; none for LGBTIQ+ people).
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.reference import disaggregation, sdgdb, taxonomy

STATUSES = ["complete", "partial", "none", "not applicable"]


def expected_breakdowns() -> pd.DataFrame:
    """Return one row per (series, dimension) that the global database breaks down anywhere."""
    cat = sdgdb.catalogue()
    rows = []
    for dim, col in sdgdb.dimension_columns().items():
        for code, listed in zip(cat["series_code"], cat[f"disagg_{col}"], strict=True):
            if len(sdgdb.breakdown_codes(col, listed.split(";"))) >= 2:
                rows.append((code, dim))
    return pd.DataFrame(rows, columns=["series_code", "dimension"])


def actual_breakdowns(data: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (series, dimension) that a country's rows break down.

    Parameters
    ----------
    data
        A country's rows, as from :func:`lnob_methods.reference.sdgdb.country_data`.
    """
    rows = []
    for dim, col in sdgdb.dimension_columns().items():
        codes = data.groupby("series_code")[col].agg(lambda s: set(s))
        for series, seen in codes.items():
            if len(sdgdb.breakdown_codes(col, seen)) >= 2:
                rows.append((series, dim))
    return pd.DataFrame(rows, columns=["series_code", "dimension"])


def indicator_stocktake(data: pd.DataFrame, since_year: int = 2000) -> pd.DataFrame:
    """Return the stocktake table: one row per SDG indicator, one status column per dimension.

    Parameters
    ----------
    data
        A country's rows (one per observation and indicator).
    since_year
        Only values from this year on count as data.

    Returns
    -------
    pandas.DataFrame
        Columns ``goal, target, indicator, indicator_title, n_series, has_data, latest_year,
        n_values``, ``measured_on_people`` (whether a breakdown by population group applies) and
        one column per LNOB dimension holding a status of :data:`STATUSES`; sorted in framework
        order.
    """
    fw = taxonomy.sdg_framework()
    fw = fw[fw["indicator"] != ""].drop_duplicates("indicator")
    fw = fw[["goal", "target", "indicator", "indicator_title"]].reset_index(drop=True)
    recent = data[data["year"] >= since_year]
    per_ind = recent.groupby("indicator").agg(
        latest_year=("year", "max"), n_values=("value", "size")
    )
    ser_ind = sdgdb.series_indicators()[["series_code", "indicator"]]
    n_series = ser_ind.groupby("indicator").size().rename("n_series")
    out = fw.merge(n_series, on="indicator", how="left").merge(per_ind, on="indicator", how="left")
    out["n_series"] = out["n_series"].fillna(0).astype(int)
    out["n_values"] = out["n_values"].fillna(0).astype(int)
    out["has_data"] = out["n_values"] > 0
    out["latest_year"] = out["latest_year"].astype("Int64")

    expected = expected_breakdowns().merge(ser_ind, on="series_code")
    actual = actual_breakdowns(recent).merge(ser_ind, on="series_code")
    exp_n = expected.groupby(["indicator", "dimension"]).size()
    act = actual.merge(expected, on=["series_code", "dimension", "indicator"])
    act_n = act.groupby(["indicator", "dimension"]).size()
    out["measured_on_people"] = out["indicator"].isin(disaggregation.people_indicator_set())
    for dim in sdgdb.dimension_columns():
        e = out["indicator"].map(exp_n.xs(dim, level="dimension")) if dim in _level(exp_n) else 0
        a = out["indicator"].map(act_n.xs(dim, level="dimension")) if dim in _level(act_n) else 0
        out[dim] = [_status(x, y) for x, y in zip(_fill(e, out), _fill(a, out), strict=True)]
        out.loc[~out["measured_on_people"], dim] = "not applicable"
    return out[
        [
            "goal",
            "target",
            "indicator",
            "indicator_title",
            "n_series",
            "has_data",
            "latest_year",
            "n_values",
            "measured_on_people",
            *sdgdb.dimension_columns(),
        ]
    ]


def group_breakdowns(
    data: pd.DataFrame, groups: pd.DataFrame, since_year: int = 2000
) -> pd.DataFrame:
    """Return one row per (indicator, group) where the country's figures describe the group.

    An indicator counts for a group when, since ``since_year``, the country has figures of one of
    its series that describe the group (:func:`lnob_methods.reference.disaggregation.
    group_breakdowns`): female figures count for women and girls, whether the series is split by
    sex or reported for women only (5.3.1, women married before 18); they never count for LGBTIQ+
    people; only female figures in an age band of 24 or under count for young women and girls.
    Indicators not measured on people never count.

    Parameters
    ----------
    data
        A country's rows (one per observation and indicator), as for :func:`indicator_stocktake`.
    groups
        The country's groups (``group``, ``dimension``, ``country_specific``).
    since_year
        Only values from this year on count.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator`` and ``group``, sorted.
    """
    recent = data[data["year"] >= since_year]
    people = disaggregation.people_indicator_set()
    rows = []
    for spec in disaggregation.group_breakdowns(groups).itertuples(index=False):
        hits = recent.loc[disaggregation.describes(recent, spec.codes, spec.age_range), "indicator"]
        rows += [(ind, spec.group) for ind in set(hits) if ind in people]
    out = pd.DataFrame(rows, columns=["indicator", "group"])
    return out.sort_values(["group", "indicator"], kind="stable").reset_index(drop=True)


def _level(counts: pd.Series) -> set:
    return set(counts.index.get_level_values("dimension")) if len(counts) else set()


def _fill(values, frame: pd.DataFrame) -> list[int]:
    if isinstance(values, int):
        return [values] * len(frame)
    return values.fillna(0).astype(int).tolist()


def _status(expected: int, actual: int) -> str:
    if expected == 0:
        return "not applicable"
    if actual == 0:
        return "none"
    return "complete" if actual >= expected else "partial"


def goal_dimension_coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Return, per goal and dimension, the share (%) of applicable indicators with a breakdown.

    A breakdown counts when its status is ``complete`` or ``partial``; indicators where the
    dimension is not applicable are left out of the denominator. Goals × dimensions, NaN where no
    indicator of the goal is applicable.
    """
    dims = list(sdgdb.dimension_columns())
    long = table.melt(id_vars=["goal"], value_vars=dims, var_name="dimension", value_name="status")
    long = long[long["status"] != "not applicable"]
    long["covered"] = long["status"].isin(["complete", "partial"])
    share = long.groupby(["goal", "dimension"])["covered"].mean().mul(100).round(1)
    wide = share.unstack("dimension").reindex(index=sorted(table["goal"].unique()), columns=dims)
    wide.index.name = "goal"
    return wide


def headline(table: pd.DataFrame, focus_targets: tuple[str, ...] = ()) -> dict[str, object]:
    """Return the headline numbers quoted in the stocktake prose.

    Returns
    -------
    dict
        ``n_indicators``, ``n_with_data``, ``pct_with_data``, ``n_disaggregated`` (indicators with
        any complete or partial breakdown), ``pct_disaggregated_of_data``, ``median_latest_year``,
        ``n_focus``, ``n_focus_with_data``.
    """
    dims = list(sdgdb.dimension_columns())
    disagg = table[dims].isin(["complete", "partial"]).any(axis=1)
    with_data = table["has_data"]
    focus = table[table["target"].isin(focus_targets)]
    latest = table.loc[with_data, "latest_year"]
    return {
        "n_indicators": int(len(table)),
        "n_with_data": int(with_data.sum()),
        "pct_with_data": round(float(100 * with_data.mean()), 1),
        "n_disaggregated": int(disagg.sum()),
        "pct_disaggregated_of_data": round(
            float(100 * disagg.sum() / max(int(with_data.sum()), 1)), 1
        ),
        "median_latest_year": int(latest.median()) if len(latest) else None,
        "n_focus": int(len(focus)),
        "n_focus_with_data": int(focus["has_data"].sum()),
    }


HEADLINE_LABELS = {
    "n_indicators": "Indicator codes in the SDG framework",
    "n_with_data": "Indicator codes with data",
    "pct_with_data": "Share with data (%)",
    "n_disaggregated": "Indicator codes with an LNOB breakdown",
    "pct_disaggregated_of_data": "Share of those with data that have a breakdown (%)",
    "median_latest_year": "Median latest year",
    "n_focus": "Indicator codes in the research focus",
    "n_focus_with_data": "Research focus indicator codes with data",
}


def headline_table(numbers: dict[str, object]) -> pd.DataFrame:
    """Return the headline numbers as a two-column table (what the prose quotes, in one place)."""
    return pd.DataFrame(
        [(HEADLINE_LABELS[k], "–" if v is None else str(v)) for k, v in numbers.items()],
        columns=["Figure", "Value"],
    )


def status_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Return how many indicators have each disaggregation status, one row per LNOB dimension.

    Parameters
    ----------
    table
        From :func:`indicator_stocktake`.

    Returns
    -------
    pandas.DataFrame
        ``LNOB dimension`` (its label) and one column per status of :data:`STATUSES`.
    """
    columns = list(sdgdb.dimension_columns())
    dims = taxonomy.dimensions()
    return (
        table.melt(value_vars=columns, var_name="dimension", value_name="status")
        .value_counts()
        .unstack("status", fill_value=0)
        .reindex(index=columns, columns=STATUSES, fill_value=0)
        .rename(index={d: dims[d]["label"] for d in columns})
        .rename_axis(index="LNOB dimension", columns=None)
        .reset_index()
    )


def focus_indicators(table: pd.DataFrame, focus_targets: tuple[str, ...]) -> pd.DataFrame:
    """Return the indicators of the research focus: data, latest year, status by dimension."""
    cols = ["indicator", "indicator_title", "has_data", "latest_year", *sdgdb.dimension_columns()]
    return table[table["target"].isin(focus_targets)][cols]
