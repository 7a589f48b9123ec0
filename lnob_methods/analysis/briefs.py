"""Tables for the programme and advocacy briefs, built from a country's evidence."""

from __future__ import annotations

import pandas as pd

from lnob_methods.reference import disaggregation, polarity, sdgdb, taxonomy


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
    """Return the largest official gaps where a group is behind (latest common year).

    Both differences are shown: the difference (group value minus comparison value, in the
    series' unit: points for a percentage) and the relative difference (the difference over the
    larger value). The order is the ranking gap of :data:`lnob_methods.analysis.group_gaps.
    RANKING_RULE` (the relative difference, with a floor of 10 % on the larger value of a
    percentage), then the indicator and series code; ``ranking gap (%)`` shows it.
    """
    gg = ce.group_gaps[ce.group_gaps["group_behind"]].copy()
    gg = gg.sort_values(
        ["ranking_gap", "indicator", "series_code"], ascending=[False, True, True], kind="stable"
    ).head(top)
    gg["difference"] = (gg["value"] - gg["reference_value"]).round(2)
    gg["relative difference (%)"] = (100 * gg["relative_gap"]).round(0).astype(int)
    gg["ranking gap (%)"] = (100 * gg["ranking_gap"]).round(0).astype(int)
    return _gap_rows(gg, ["difference", "relative difference (%)", "ranking gap (%)"])


def not_ranked(ce) -> pd.DataFrame:
    """Return the official comparisons that are never ranked, with the declared reason.

    A series declared "no direction" shows its reason (a count of people grows with the group's
    size...); a series with no declaration says so.
    """
    gg = ce.group_gaps[~ce.group_gaps["ranked"]]
    reasons = polarity.series_polarity().set_index("series_code")["reason"]
    gg = gg.assign(
        why=[
            reasons.get(code, "") if pd.notna(p) else "no direction declared"
            for code, p in zip(gg["series_code"], gg["polarity"], strict=True)
        ]
    )
    out = _gap_rows(gg.sort_values(["indicator", "series_code", "comparison"]), ["why"])
    return out.drop(columns="direction")


def _gap_rows(gg: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    cols = [
        "comparison",
        "indicator",
        "series_description",
        "breakdown",
        "direction",
        "year",
        "value",
        "reference_value",
        *extra,
    ]
    out = gg[cols].rename(
        columns={
            "series_description": "series",
            "breakdown": "breakdown shown",
            "value": "group value",
            "reference_value": "comparison value",
        }
    )
    # Read, not computed on: two decimals keep 0.95 against 0.15 apart.
    out["group value"] = out["group value"].round(2)
    out["comparison value"] = out["comparison value"].round(2)
    return out.reset_index(drop=True)


def disaggregation_status(ce) -> pd.DataFrame:
    """Return the SDG 17.18 disaggregation status of every indicator of the focus targets."""
    dims = list(sdgdb.dimension_columns())
    labels = {d: taxonomy.dimensions()[d]["label"] for d in dims}
    t = ce.official[ce.official["target"].isin(ce.focus_targets)]
    t = t[["indicator", "indicator_title", "has_data", "latest_year", *dims]]
    return t.rename(columns=labels).rename(columns={"has_data": "data"}).reset_index(drop=True)


def data_asks(ce, top: int = 15) -> pd.DataFrame:
    """Return the official data to press for: in-scope cells with a disaggregation gap.

    A cell has a disaggregation gap only where a breakdown by population group applies (see
    :mod:`lnob_methods.analysis.gaps`), so no ask names a target that is not about people. The
    ask names the target's indicators measured on people that have data, and the figures that
    would describe the group.
    """
    cells = ce.cells[ce.cells["in_scope"] & ce.cells["gap_disaggregation"]]
    cells = cells.sort_values(
        ["in_focus", "n_items", "group", "target"], ascending=[False, True, True, True]
    ).head(top)
    specs = disaggregation.group_breakdowns(ce.groups).set_index("group")
    official = ce.official[ce.official["measured_on_people"] & ce.official["has_data"]]
    indicators = official.groupby("target")["indicator"].agg(list)
    rows = []
    for r in cells.itertuples(index=False):
        which = _indicator_list(indicators.get(r.target, []))
        spec = specs.loc[r.group]
        if spec["codes"] or spec["age_range"]:
            text = disaggregation.breakdown_text(spec["codes"], spec["age_range"])
            how = f"break down {which} of target {r.target} to give figures for {text}"
        else:
            how = (
                f"add figures on {_in_sentence(r.label)} for {which} of target {r.target} to "
                f"national surveys (no breakdown in the global database describes them)"
            )
        rows.append((r.label, f"SDG {r.target}", "yes" if r.in_focus else "", how))
    return pd.DataFrame(rows, columns=["group", "target", "in focus", "ask"])


def _indicator_list(codes: list[str]) -> str:
    if not codes:
        return "the indicators"
    if len(codes) == 1:
        return f"indicator {codes[0]}"
    return "indicators " + ", ".join(codes[:-1]) + " and " + codes[-1]


def _in_sentence(label: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym ("LGBTIQ+ people")."""
    return label[0].lower() + label[1:] if label[1:2].islower() else label
