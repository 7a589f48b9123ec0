"""The LNOB evidence gap map: groups (rows) × SDG goals (columns), static and interactive.

The static figure is for the book and for print: one marker per source type in each cell, its area
growing with the number of items, shapes as well as colours (Okabe-Ito, colour-blind safe) so it
reads in greyscale; empty cells are hatched. The interactive view is one self-contained HTML
fragment (no network): filters, drill-down from goals to targets, and a click on a cell lists its
records. Text from data is only ever inserted with ``textContent``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from lnob_methods.analysis import evidence as ev
from lnob_methods.core import vocabulary

# Okabe-Ito colours with distinct marker shapes: readable by colour-blind readers and in greyscale.
_MARKS = {
    "official_statistics": ("#0072B2", "s"),
    "icso_study": ("#E69F00", "o"),
    "programme_data": ("#009E73", "^"),
    "community_voices": ("#CC79A7", "D"),
}
STYLE = {k: (*_MARKS[k], vocabulary.SOURCE_TYPE_LABELS[k]) for k in vocabulary.SOURCE_TYPES}
OFFSETS = [(-0.2, -0.2), (0.2, -0.2), (-0.2, 0.2), (0.2, 0.2)]


def goal_counts(evidence: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Return distinct items per group × goal × source type (long table, zeros omitted)."""
    e = evidence.assign(goal=ev.goal_of(evidence["target"]))
    out = e.groupby(["group", "goal", "source_type"])["item_id"].nunique().rename("n_items")
    return out.reset_index().merge(groups[["group"]], on="group")


def plot_gap_map(
    evidence: pd.DataFrame,
    groups: pd.DataFrame,
    *,
    goals: dict[int, str],
    ax: plt.Axes | None = None,
    title: str = "",
) -> plt.Axes:
    """Draw the evidence gap map (groups × goals) and return its Axes.

    Parameters
    ----------
    evidence
        Long evidence table.
    groups
        Rows, in order (``group``, ``label``, ``dimension_label``).
    goals
        Goal number to short name (columns).
    ax
        Axes to draw on; a new figure when None.
    title
        Figure title (name the country; say "synthetic" when inventories are synthetic).
    """
    rows = list(groups["group"])
    cols = sorted(goals)
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 0.42 * len(rows) + 3))
    counts = goal_counts(evidence, groups)
    total = counts.groupby(["group", "goal"])["n_items"].sum()
    vmax = max(int(counts["n_items"].max()) if len(counts) else 1, 1)
    for i, g in enumerate(rows):
        for j, goal in enumerate(cols):
            if total.get((g, goal), 0) == 0:
                ax.add_patch(
                    plt.Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        facecolor="#eeeeee",
                        hatch="///",
                        edgecolor="#bbbbbb",
                        lw=0,
                    )
                )
    for k, (stype, (colour, marker, _)) in enumerate(STYLE.items()):
        sub = counts[counts["source_type"] == stype]
        x = [cols.index(gl) + OFFSETS[k][0] for gl in sub["goal"]]
        y = [rows.index(g) + OFFSETS[k][1] for g in sub["group"]]
        size = 18 + 160 * np.sqrt(sub["n_items"].to_numpy() / vmax)
        ax.scatter(x, y, s=size, c=colour, marker=marker, edgecolors="black", linewidths=0.6)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xticks(
        range(len(cols)), [f"{c}. {goals[c]}" for c in cols], rotation=45, ha="right", fontsize=8
    )
    labels = [
        f"{lab} ({dim})"
        for lab, dim in zip(groups["label"], groups["dimension_label"], strict=True)
    ]
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_xticks(np.arange(-0.5, len(cols)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.tick_params(which="minor", length=0)
    handles = [
        plt.Line2D([], [], ls="", marker=m, color=c, markeredgecolor="black", label=lab)
        for c, m, lab in STYLE.values()
    ]
    handles.append(
        plt.Rectangle(
            (0, 0),
            1,
            1,
            facecolor="#eeeeee",
            hatch="///",
            edgecolor="#bbbbbb",
            label="No evidence (gap)",
        )
    )
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        title="Marker area: number of items",
        title_fontsize=8,
        frameon=False,
    )
    ax.set_title(title, fontsize=11)
    return ax


def _link(value: object) -> str | None:
    """Return a web address to offer as a link, or None (a contact or nothing is no link)."""
    text = "" if value is None or pd.isna(value) else str(value).strip()
    return text if text.startswith(("https://", "http://")) else None


def _payload(evidence: pd.DataFrame, groups: pd.DataFrame, framework: pd.DataFrame) -> dict:
    items = {}
    for row in evidence.itertuples(index=False):
        it = items.setdefault(
            row.item_id,
            {
                "id": row.item_id,
                "org": row.organisation,
                "title": row.title,
                "source": row.source_type,
                "type": row.evidence_type,
                "quality": row.quality,
                "access": row.access,
                # Declared provenance: synthetic items are labelled so, item by item.
                "provenance": getattr(row, "provenance", "real"),
                "year": None if pd.isna(row.year) else int(row.year),
                "link": _link(getattr(row, "link", None)),
                "cells": [],
            },
        )
        it["cells"].append([row.group, row.target])
    fw = framework.drop_duplicates("target")
    goals = [
        {"n": int(g), "name": str(s), "targets": list(fw.loc[fw["goal"] == g, "target"])}
        for g, s in fw.drop_duplicates("goal")[["goal", "goal_short"]].itertuples(index=False)
    ]
    return {
        "groups": [
            {"id": g, "label": lab, "dim": d}
            for g, lab, d in groups[["group", "label", "dimension_label"]].itertuples(index=False)
        ],
        "goals": goals,
        "items": [items[k] for k in sorted(items)],
        "sources": {k: v[2] for k, v in STYLE.items()},
    }


def interactive_html(
    evidence: pd.DataFrame,
    groups: pd.DataFrame,
    framework: pd.DataFrame,
    title: str,
    *,
    heading_level: int = 3,
) -> str:
    """Return a self-contained HTML fragment with the filterable, clickable gap map.

    Filters combine with AND across filter groups and OR within one (two organisations ticked:
    items of either). No network resource is used; data travel as JSON in the fragment, with
    ``<`` escaped so no text can close the script element. ``heading_level`` is the level of the
    heading over a selected cell's records: one below the heading the map is placed under (3
    under a page's ``##`` section), so that heading levels never skip one.
    """
    data = json.dumps(_payload(evidence, groups, framework), sort_keys=True, ensure_ascii=True)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    uid = "egm" + hashlib.sha256(data.encode()).hexdigest()[:10]
    js = (Path(__file__).with_name("gapmap.js")).read_text(encoding="utf-8")
    css = (Path(__file__).with_name("gapmap.css")).read_text(encoding="utf-8")
    safe_title = json.dumps(title).replace("<", "\\u003c")
    return (
        f'<div class="lnob-egm" id="{uid}" role="region" aria-label="Interactive evidence gap map">'
        f"<style>{css}</style></div>"
        f'<script type="application/json" id="{uid}-data">{data}</script>'
        f"<script>{js}\nlnobGapMap({json.dumps(uid)}, {safe_title}, {int(heading_level)});</script>"
    )


def write_standalone(
    evidence: pd.DataFrame, groups: pd.DataFrame, framework: pd.DataFrame, title: str, path
) -> Path:
    """Write the interactive map as one offline HTML file (no network resource)."""
    import html as _html

    body = interactive_html(evidence, groups, framework, title, heading_level=2)  # under the h1
    # The page's content sits in <main>: readers who move by landmarks find it (axe "region",
    # "landmark-one-main").
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_html.escape(title)}</title></head>"
        f"<body><main><h1>{_html.escape(title)}</h1>{body}</main></body></html>\n"
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
