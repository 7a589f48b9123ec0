"""Tables for the stocktake and gap pages: coverage by goal, group, holder, type, year, focus."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import evidence as ev
from lnob_methods.core import vocabulary
from lnob_methods.reference import taxonomy

SOURCE_LABELS = {
    "official_statistics": "Official statistics",
    "icso_study": "ICSO study",
    "programme_data": "Programme data",
    "community_voices": "Community voices",
}
NUMBER_LABELS = {
    "n_items": "Distinct evidence items",
    "n_holders": "Holders (organisations and official database)",
    "n_inventory_items": "Items from inventories",
    "n_official_items": "Official indicators with an LNOB breakdown",
    "n_cells": "Cells (group × SDG target)",
    "n_cells_covered": "Cells with at least one item",
    "n_focus_items": "Items touching the research focus",
}


def _distinct(e: pd.DataFrame, by: list[str]) -> pd.Series:
    return e.groupby(by)["item_id"].nunique()


def stocktake_numbers(ce) -> dict[str, int]:
    """Return the headline numbers of the stocktake page."""
    e = ce.evidence
    focus = e[e["group"].isin(ce.focus_groups) & e["target"].isin(ce.focus_targets)]
    return {
        "n_items": int(e["item_id"].nunique()),
        "n_holders": int(e["organisation"].nunique()),
        "n_inventory_items": int(e.loc[e["stream"] == "inventory", "item_id"].nunique()),
        "n_official_items": int(e.loc[e["stream"] == "official", "item_id"].nunique()),
        "n_cells": int(len(ce.cells)),
        "n_cells_covered": int((ce.cells["n_items"] > 0).sum()),
        "n_focus_items": int(focus["item_id"].nunique()),
    }


def headline_table(numbers: dict[str, int]) -> pd.DataFrame:
    """Return headline numbers as a two-column table, labelled."""
    return pd.DataFrame(
        [(NUMBER_LABELS.get(k, k), v) for k, v in numbers.items()], columns=["Figure", "Value"]
    )


def by_goal(e: pd.DataFrame) -> pd.DataFrame:
    """Return distinct items per SDG goal and source type (every goal listed)."""
    e = e.assign(goal=ev.goal_of(e["target"]))
    t = _distinct(e, ["goal", "source_type"]).unstack("source_type")
    t = (
        t.reindex(index=sorted(taxonomy.goals()), columns=vocabulary.SOURCE_TYPES)
        .fillna(0)
        .astype(int)
    )
    t["all sources"] = _distinct(e, ["goal"]).reindex(t.index).fillna(0).astype(int)
    t.index = [f"{g}. {taxonomy.goals()[g]}" for g in t.index]
    return t.rename(columns=SOURCE_LABELS).rename_axis("SDG goal").reset_index()


def by_group(ce) -> pd.DataFrame:
    """Return distinct items per group and source type, with the dimension and focus marked."""
    e = ce.evidence
    t = _distinct(e, ["group", "source_type"]).unstack("source_type")
    t = (
        t.reindex(index=list(ce.groups["group"]), columns=vocabulary.SOURCE_TYPES)
        .fillna(0)
        .astype(int)
    )
    t["all sources"] = _distinct(e, ["group"]).reindex(t.index).fillna(0).astype(int)
    g = ce.groups.set_index("group")
    t.insert(0, "in focus", ["yes" if x in ce.focus_groups else "" for x in t.index])
    t.insert(0, "dimension", g.loc[t.index, "dimension_label"])
    t.index = g.loc[t.index, "label"]
    return t.rename(columns=SOURCE_LABELS).rename_axis("group").reset_index()


def by_organisation(ce) -> pd.DataFrame:
    """Return per holder: holder type, items, items touching the focus, latest year."""
    e = ce.evidence
    focus = e["group"].isin(ce.focus_groups) & e["target"].isin(ce.focus_targets)
    out = pd.DataFrame(
        {
            "items": _distinct(e, ["organisation"]),
            "items touching the focus": _distinct(e[focus], ["organisation"]),
            "latest year": e.groupby("organisation")["year"].max(),
        }
    ).fillna({"items touching the focus": 0})
    out["items touching the focus"] = out["items touching the focus"].astype(int)
    inv = ce.inventory.drop_duplicates("organisation").set_index("organisation")["holder_type"]
    out.insert(0, "holder type", [inv.get(o, "official database") for o in out.index])
    return (
        out.sort_values(["items", "holder type"], ascending=[False, True])
        .rename_axis("holder")
        .reset_index()
    )


def profiles(ce, reference_year: int) -> dict[str, pd.DataFrame]:
    """Return item counts by evidence type, recency band, access and quality (distinct items)."""
    items = ce.evidence.drop_duplicates("item_id")
    age = reference_year - items["year"].astype("Float64")
    bands = pd.cut(
        age,
        [-100, 2, 5, 10, 1000],
        labels=["0-2 years", "3-5 years", "6-10 years", "over 10 years"],
    )
    bands = bands.cat.add_categories("unknown").fillna("unknown")
    out = {}
    for title, col in [
        ("Evidence type", items["evidence_type"]),
        ("Recency (age at reference year)", bands),
        ("Access", items["access"]),
        ("Quality", items["quality"]),
    ]:
        counts = col.value_counts(sort=False)
        counts = counts[counts > 0].sort_index()
        out[title] = counts.rename("items").rename_axis(title.split(" (")[0].lower()).reset_index()
    return out


def focus_matrix(ce) -> pd.DataFrame:
    """Return distinct items for each focus group (rows) and focus target (columns)."""
    e = ce.evidence
    t = _distinct(e, ["group", "target"]).unstack("target")
    t = t.reindex(index=list(ce.focus_groups), columns=list(ce.focus_targets)).fillna(0)
    labels = ce.groups.set_index("group")["label"]
    t.index = [labels.get(g, g) for g in t.index]
    t.columns = [f"SDG {c}" for c in t.columns]
    return t.astype(int).rename_axis("group").reset_index()


def gap_numbers(scope: pd.DataFrame, overlaps: pd.DataFrame, sensitivity: pd.DataFrame) -> dict:
    """Return the numbers quoted on the gap page (cells in scope by class, overlaps, stability)."""
    out = {"n_scope": int(len(scope))}
    for g in ["absolute", "disaggregation", "recency", "quality", "voices", "synthesis"]:
        out[f"n_{g}"] = int(scope[f"gap_{g}"].sum())
    out["n_overlaps"] = int(len(overlaps))
    kept = sensitivity["kept from the baseline top"]
    out["mean_top_kept"] = round(float(kept.mean()), 1) if len(kept) else 0.0
    return out


def gap_class_counts(scope: pd.DataFrame) -> pd.DataFrame:
    """Return, per gap class, how many in-scope cells have it, overall and in the focus."""
    rows = []
    for g in ["absolute", "disaggregation", "recency", "quality", "voices", "synthesis"]:
        col = scope[f"gap_{g}"]
        rows.append((g, int(col.sum()), int((col & scope["in_focus"]).sum())))
    return pd.DataFrame(rows, columns=["gap class", "cells", "of which in the research focus"])


def weights_table(weights: dict[str, float]) -> pd.DataFrame:
    """Return the weights of the priority score as a table."""
    return pd.DataFrame(list(weights.items()), columns=["component", "weight"])


def conclusions(ranked: pd.DataFrame, overlaps: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """Return discussion points: the top gaps with what they call for, and top overlaps.

    The top gaps are those ranked ``top_n`` or better, so a tie group reaching ``top_n`` is
    listed whole.
    """
    rows = []
    for r in ranked[ranked["rank"] <= top_n].itertuples(index=False):
        needs = []
        if r.absolute:
            needs.append("find or generate evidence")
        if r.disaggregation:
            needs.append("ask for disaggregated official data (SDG 17.18)")
        if r.voices:
            needs.append("collect the group's own testimonies")
        if r.recency:
            needs.append("update old evidence")
        if r.quality:
            needs.append("strengthen quality")
        if r.synthesis:
            needs.append("synthesise existing items")
        rows.append(("gap", f"{r.label} × SDG {r.target}", "; ".join(needs) or "review"))
    for r in overlaps.head(5).itertuples(index=False):
        rows.append(("overlap", f"{r.label} × SDG {r.target}", f"coordinate: {r.organisations}"))
    return pd.DataFrame(rows, columns=["kind", "cell", "what it calls for"])
