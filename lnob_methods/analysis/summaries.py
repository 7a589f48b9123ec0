"""Tables for the stocktake and gap pages: coverage by goal, group, holder, type, year, focus."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import evidence as ev
from lnob_methods.core import vocabulary
from lnob_methods.reference import provenance, taxonomy

SOURCE_LABELS = vocabulary.SOURCE_TYPE_LABELS
# How a column of items of a source type is named when the items are not declared real.
PROVENANCE_SUFFIX = {
    provenance.REAL: "",
    provenance.SYNTHETIC: " (synthetic)",
    provenance.UNDECLARED: " (provenance not declared)",
}
NUMBER_LABELS = {
    "n_items": "Distinct evidence items",
    "n_holders": "Holders (organisations, the official database, the testimonies)",
    "n_official_items": "Official indicators with an LNOB breakdown (UN SDG database)",
    "n_inventory_items": "Items from inventories",
    "n_synthetic_inventory_items": "of which synthetic",
    "n_testimony_items": "Cells with coded testimonies",
    "n_synthetic_items": "Synthetic items in all",
    "n_cells": "Cells (group × SDG target)",
    "n_cells_covered": "Cells with at least one item",
    "n_focus_items": "Items touching the research focus",
}
# Holder types of items that do not come from an inventory.
STREAM_HOLDERS = {"official": "official database", "voices": "community testimonies"}


def _distinct(e: pd.DataFrame, by: list[str]) -> pd.Series:
    return e.groupby(by)["item_id"].nunique()


def source_columns(e: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Return the (source type, provenance, column label) present in ``e``, in display order.

    Items keep their source type whatever their provenance, but synthetic and undeclared items
    are counted in their own, labelled columns: "Official statistics (synthetic)".
    """
    present = set(zip(e["source_type"], e["provenance"], strict=True))
    return [
        (stype, prov, SOURCE_LABELS[stype] + suffix)
        for stype in vocabulary.SOURCE_TYPES
        for prov, suffix in PROVENANCE_SUFFIX.items()
        if (stype, prov) in present
    ]


def _by_source(e: pd.DataFrame, by: str, index: list) -> pd.DataFrame:
    """Return distinct items per ``by`` and labelled source column (every index value listed)."""
    cols = source_columns(e)
    t = pd.DataFrame(index=index)
    for stype, prov, label in cols:
        part = e[(e["source_type"] == stype) & (e["provenance"] == prov)]
        t[label] = _distinct(part, [by]).reindex(index).fillna(0).astype(int)
    if not cols:
        for stype in vocabulary.SOURCE_TYPES:
            t[SOURCE_LABELS[stype]] = 0
    t["all sources"] = _distinct(e, [by]).reindex(index).fillna(0).astype(int)
    return t


def stocktake_numbers(ce) -> dict[str, int]:
    """Return the headline numbers of the stocktake page.

    The items of the three streams add up to the total: official indicators, inventory items
    and testimony cells (one item per group and target covered by coded testimonies).
    """
    e = ce.evidence
    focus = e[e["group"].isin(ce.focus_groups) & e["target"].isin(ce.focus_targets)]
    items = e.drop_duplicates("item_id")
    inv = items[items["stream"] == "inventory"]
    return {
        "n_items": int(len(items)),
        "n_holders": int(e["organisation"].nunique()),
        "n_official_items": int((items["stream"] == "official").sum()),
        "n_inventory_items": int(len(inv)),
        "n_synthetic_inventory_items": int((inv["provenance"] == provenance.SYNTHETIC).sum()),
        "n_testimony_items": int((items["stream"] == "voices").sum()),
        "n_synthetic_items": int((items["provenance"] == provenance.SYNTHETIC).sum()),
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
    t = _by_source(e, "goal", sorted(taxonomy.goals()))
    t.index = [f"{g}. {taxonomy.goals()[g]}" for g in t.index]
    return t.rename_axis("SDG goal").reset_index()


def by_group(ce) -> pd.DataFrame:
    """Return distinct items per group and source type, with the dimension and focus marked."""
    e = ce.evidence
    t = _by_source(e, "group", list(ce.groups["group"]))
    g = ce.groups.set_index("group")
    t.insert(0, "in focus", ["yes" if x in ce.focus_groups else "" for x in t.index])
    t.insert(0, "dimension", g.loc[t.index, "dimension_label"])
    t.index = g.loc[t.index, "label"]
    return t.rename_axis("group").reset_index()


def by_organisation(ce) -> pd.DataFrame:
    """Return per holder: holder type, declared data, items, items touching the focus, latest year.

    Holders of inventory items have their inventory's holder type; the UN SDG database is the
    "official database" and the coded testimonies are "community testimonies".
    """
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
    stream = e.drop_duplicates("organisation").set_index("organisation")["stream"]
    out.insert(0, "holder type", [inv.get(o, STREAM_HOLDERS.get(stream[o], "")) for o in out.index])
    data = e.groupby("organisation")["provenance"].agg(lambda p: "; ".join(sorted(set(p))))
    out.insert(1, "data", [_provenance_words(data[o]) for o in out.index])
    return (
        out.sort_values(["items", "holder type"], ascending=[False, True])
        .rename_axis("holder")
        .reset_index()
    )


def _provenance_words(statuses: str) -> str:
    words = {
        provenance.REAL: "declared real",
        provenance.SYNTHETIC: "synthetic",
        provenance.UNDECLARED: "provenance not declared",
    }
    return "; ".join(words.get(s, s) for s in statuses.split("; "))


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
        table = counts.rename("items").rename_axis(title.split(" (")[0].lower()).reset_index()
        synthetic = items["provenance"].eq(provenance.SYNTHETIC).to_numpy()
        if synthetic.any():
            made_up = col[synthetic].value_counts(sort=False)
            table["of which synthetic"] = [int(made_up.get(v, 0)) for v in counts.index]
        out[title] = table
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
    listed whole. When the ranking includes community priority, a gap chosen by the people asked
    says so.
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
        calls = "; ".join(needs) or "review"
        if getattr(r, "community", 0):
            calls += f" (chosen by {round(100 * r.community)}% of the people asked)"
        rows.append(("gap", f"{r.label} × SDG {r.target}", calls))
    for r in overlaps.head(5).itertuples(index=False):
        rows.append(("overlap", f"{r.label} × SDG {r.target}", f"coordinate: {r.organisations}"))
    return pd.DataFrame(rows, columns=["kind", "cell", "what it calls for"])
