"""Tables for the programme and advocacy briefs, built from a country's evidence."""

from __future__ import annotations

import pandas as pd

from lnob_methods.reference import sdgdb, taxonomy


def programme_reach(ce) -> pd.DataFrame:
    """Return per focus group × focus target: items by kind, latest year and a plain finding."""
    cells = ce.cells[ce.cells["in_focus"]].copy()
    rows = []
    for r in cells.itertuples(index=False):
        if r.n_programme_data == 0 and r.n_items == 0:
            finding = "no evidence at all"
        elif r.n_programme_data == 0:
            finding = "studied, but no programme reaches it in the evidence"
        elif r.n_community_voices == 0:
            finding = "programmes exist; the group's own voice is missing"
        else:
            finding = "programmes and voices present"
        rows.append(
            (
                r.label,
                f"SDG {r.target}",
                r.n_items,
                r.n_programme_data,
                r.n_icso_study,
                r.n_community_voices,
                r.latest_year,
                finding,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "group",
            "target",
            "items",
            "programme data",
            "ICSO studies",
            "community voices",
            "latest year",
            "finding",
        ],
    )


def groups_behind(ce, top: int = 12) -> pd.DataFrame:
    """Return the largest official gaps where a group is behind (latest common year)."""
    gg = ce.group_gaps[ce.group_gaps["group_behind"]].copy()
    gg = gg.sort_values(["relative_gap", "series_code"], ascending=[False, True]).head(top)
    gg["relative gap (%)"] = (100 * gg["relative_gap"]).round(0).astype(int)
    cols = [
        "comparison",
        "indicator",
        "series_description",
        "year",
        "value",
        "reference_value",
        "relative gap (%)",
    ]
    return (
        gg[cols]
        .rename(
            columns={
                "series_description": "series",
                "value": "group value",
                "reference_value": "comparison value",
            }
        )
        .reset_index(drop=True)
    )


def disaggregation_status(ce) -> pd.DataFrame:
    """Return the SDG 17.18 disaggregation status of every indicator of the focus targets."""
    dims = list(sdgdb.dimension_columns())
    labels = {d: taxonomy.dimensions()[d]["label"] for d in dims}
    t = ce.official[ce.official["target"].isin(ce.focus_targets)]
    t = t[["indicator", "indicator_title", "has_data", "latest_year", *dims]]
    return t.rename(columns=labels).rename(columns={"has_data": "data"}).reset_index(drop=True)


def data_asks(ce, top: int = 15) -> pd.DataFrame:
    """Return the official data to press for: in-scope cells with a disaggregation gap."""
    cells = ce.cells[ce.cells["in_scope"] & ce.cells["gap_disaggregation"]]
    cells = cells.sort_values(
        ["in_focus", "n_items", "group", "target"], ascending=[False, True, True, True]
    ).head(top)
    dims = taxonomy.dimensions()
    rows = []
    for r in cells.itertuples(index=False):
        column = dims[r.dimension]["sdgdb"]["column"]
        how = (
            f"break down the indicators of target {r.target} by "
            f"{dims[r.dimension]['label'].lower()}"
            if column
            else f"add a {dims[r.dimension]['label'].lower()} breakdown to national surveys "
            f"(none exists in the global database)"
        )
        rows.append((r.label, f"SDG {r.target}", "yes" if r.in_focus else "", how))
    return pd.DataFrame(rows, columns=["group", "target", "in focus", "ask"])
