"""Gap classes, overlaps, priority scores and their sensitivity, per cell (group × SDG target).

Every class is a rule on the evidence table of one cell; the book's chapter on the evidence gap map
states the same rules:

- absolute gap: no evidence item at all;
- disaggregation gap: the target can be broken down by population group (at least one of its
  indicators is measured on people or households), official data exist for such an indicator, but
  no figure of the country describes the group (no official-statistics item of the UN SDG database
  covers the cell). Where a breakdown does not apply (10.b, financial flows between countries),
  there is never a disaggregation gap;
- recency gap: evidence exists but the latest year is older than ``reference_year - recency_years``;
- quality gap: evidence exists but every item is of low quality;
- voices gap: no community-voices evidence;
- synthesis gap (research focus only): at least ``synthesis_min`` items and none is a synthesis.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import evidence as ev
from lnob_methods.core import vocabulary

GAP_CLASSES = ["absolute", "disaggregation", "recency", "quality", "voices", "synthesis"]
TIE_RULE = (
    "equal scores go first to a cell of the research focus, then to a cell of a focus group, then "
    "to the higher severity; cells equal on all of these share a rank"
)
DEFAULT_WEIGHTS = {
    "absolute": 3.0,
    "disaggregation": 2.0,
    "recency": 1.0,
    "quality": 1.0,
    "voices": 1.0,
    "synthesis": 1.0,
    "severity": 2.0,
    "focus": 2.0,
}
# Weight of the community priority component: the share of the people asked in the validation
# round who chose the gap among the three that matter most (0 to 1). It enters the score only when
# validation responses exist (``community`` given to :func:`priority`).
DEFAULT_COMMUNITY_WEIGHT = 1.0
COMMUNITY_COLUMN = "chosen by the people asked"


def official_coverage(stocktake: pd.DataFrame) -> pd.DataFrame:
    """Return per target: whether a breakdown by group applies, and whether data exist for it.

    ``applies``: at least one indicator of the target is measured on people or households;
    ``has_data``: at least one such indicator has data for the country.
    """
    people = stocktake["measured_on_people"].astype(bool)
    per = pd.DataFrame(
        {
            "target": stocktake["target"],
            "applies": people,
            "has_data": people & stocktake["has_data"].astype(bool),
        }
    )
    return per.groupby("target").any()


def cell_table(
    evidence: pd.DataFrame,
    groups: pd.DataFrame,
    targets: list[str],
    stocktake: pd.DataFrame,
    *,
    focus_groups: tuple[str, ...] = (),
    focus_targets: tuple[str, ...] = (),
    reference_year: int = 2023,
    recency_years: int = 5,
    synthesis_min: int = 3,
) -> pd.DataFrame:
    """Return one row per group × target with counts and every gap class.

    Parameters
    ----------
    evidence
        Long evidence table (:mod:`lnob_methods.analysis.evidence`).
    groups
        The country's groups (``group``, ``label``, ``dimension``).
    targets
        SDG targets to lay out (columns of the map), in framework order.
    stocktake
        The official stocktake (``target``, ``has_data``, ``measured_on_people``), for the
        disaggregation gap; the figures that describe each group are the evidence's
        ``official`` stream.
    focus_groups, focus_targets
        The research focus; a cell is in focus when its group and its target both are.
    reference_year, recency_years, synthesis_min
        Parameters of the recency and synthesis gaps.
    """
    grid = groups[["group", "label", "dimension"]].merge(
        pd.DataFrame({"target": targets}), how="cross"
    )
    e = evidence
    counts = e.groupby(["group", "target"]).agg(
        n_items=("item_id", "nunique"),
        latest_year=("year", "max"),
        all_low=("quality", lambda q: bool(len(q)) and (q == "low").all()),
        any_synthesis=("is_synthesis", "any"),
    )
    # Items are labelled by their declared provenance wherever they are counted.
    if "provenance" in e:
        for status in ("synthetic", "undeclared"):
            hits = e[e["provenance"] == status].groupby(["group", "target"])["item_id"].nunique()
            counts[f"n_{status}"] = hits.reindex(counts.index).fillna(0).astype(int)
    by_source = (
        e.groupby(["group", "target", "source_type"])["item_id"]
        .nunique()
        .unstack("source_type")
        .reindex(columns=vocabulary.SOURCE_TYPES)
        .fillna(0)
        .astype(int)
        .add_prefix("n_")
    )
    by_quality = (
        e.groupby(["group", "target", "quality"])["item_id"]
        .nunique()
        .unstack("quality")
        .reindex(columns=vocabulary.QUALITIES)
        .fillna(0)
        .astype(int)
        .add_prefix("n_quality_")
    )
    orgs = (
        e[e["stream"] == "inventory"]
        .groupby(["group", "target"])["organisation"]
        .agg(lambda s: "; ".join(sorted(set(s))))
        .rename("organisations")
    )
    cells = grid.join(counts, on=["group", "target"]).join(by_source, on=["group", "target"])
    cells = cells.join(by_quality, on=["group", "target"]).join(orgs, on=["group", "target"])
    extra = [c for c in ("n_synthetic", "n_undeclared") if c in cells]
    for col in [*by_source.columns, *by_quality.columns, "n_items", *extra]:
        cells[col] = cells[col].fillna(0).astype(int)
    cells["organisations"] = cells["organisations"].fillna("")
    cells["n_organisations"] = cells["organisations"].map(lambda s: len(s.split("; ")) if s else 0)
    cells["latest_year"] = cells["latest_year"].astype("Int64")
    cells["goal"] = ev.goal_of(cells["target"])
    cells["focus_group"] = cells["group"].isin(focus_groups)
    cells["in_focus"] = cells["focus_group"] & cells["target"].isin(focus_targets)
    cells["in_scope"] = in_scope(cells, focus_groups, focus_targets)

    cov = official_coverage(stocktake)
    applies = cells["target"].map(cov["applies"]).fillna(False).astype(bool)
    has_official = cells["target"].map(cov["has_data"]).fillna(False).astype(bool)
    described = pd.MultiIndex.from_frame(
        e.loc[e["stream"] == "official", ["group", "target"]].drop_duplicates()
    )
    covered = pd.MultiIndex.from_frame(cells[["group", "target"]]).isin(described)
    some = cells["n_items"] > 0
    cells["disaggregation_applies"] = applies
    cells["gap_absolute"] = ~some
    cells["gap_disaggregation"] = applies & has_official & ~covered
    cells["gap_recency"] = some & (cells["latest_year"].fillna(0) < reference_year - recency_years)
    # eq(True): a cell without items has NaN here (of any dtype when there is no evidence at all).
    cells["gap_quality"] = some & cells["all_low"].eq(True)
    cells["gap_voices"] = cells["n_community_voices"] == 0
    cells["gap_synthesis"] = (
        cells["in_focus"] & (cells["n_items"] >= synthesis_min) & ~cells["any_synthesis"].eq(True)
    )
    cells = cells.drop(columns=["all_low", "any_synthesis"])
    return cells.reset_index(drop=True)


def in_scope(cells: pd.DataFrame, focus_groups, focus_targets) -> pd.Series:
    """Return which cells the ranking considers: the research focus and its surroundings.

    A cell is in scope when its target is a focus target (any group), or its group is a focus
    group and its target belongs to a focus goal. Without a focus, every cell is in scope.
    """
    if not focus_groups and not focus_targets:
        return pd.Series(True, index=cells.index)
    goals = {int(t.split(".")[0]) for t in focus_targets}
    near = cells["group"].isin(focus_groups) & (cells["goal"].isin(goals) if goals else True)
    return cells["target"].isin(focus_targets) | near


def overlaps(cells: pd.DataFrame, min_organisations: int = 2) -> pd.DataFrame:
    """Return cells where several organisations hold evidence: collaboration opportunities."""
    out = cells[cells["n_organisations"] >= min_organisations]
    cols = ["group", "label", "target", "n_organisations", "organisations", "n_items", "in_focus"]
    return out.sort_values(
        ["n_organisations", "group", "target"], ascending=[False, True, True], kind="stable"
    )[cols].reset_index(drop=True)


ORGANISATIONS_SHOWN = 3


def short_list(text: str, keep: int = ORGANISATIONS_SHOWN) -> str:
    """Return a "; "-separated list as its first ``keep`` entries and how many more.

    A fourth entry is named rather than counted as "and 1 more".
    """
    names = [n for n in str(text).split("; ") if n]
    if len(names) <= keep + 1:
        return "; ".join(names)
    return f"{'; '.join(names[:keep])} and {len(names) - keep} more"


def overlaps_shown(overlaps_table: pd.DataFrame, keep: int = ORGANISATIONS_SHOWN) -> pd.DataFrame:
    """Return the overlaps as readers see them: each cell's organisations summarised.

    A cell can hold evidence from a dozen organisations; listing them all in a table column makes
    each row hundreds of pixels tall. The page names the first ``keep`` (in the table's order)
    and how many more (:func:`short_list`); the export (:func:`overlaps`) keeps every name. The
    group's code column, which repeats its label, is left out.
    """
    out = overlaps_table.drop(columns="group").copy()
    out["organisations"] = out["organisations"].map(lambda t: short_list(t, keep))
    return out


def sensitivity_shown(table: pd.DataFrame, keep: int = ORGANISATIONS_SHOWN) -> pd.DataFrame:
    """Return the sensitivity table as readers see it: cells entering and leaving summarised.

    The page names the first ``keep`` cells entering and leaving the top and how many more
    (:func:`short_list`); the export (:func:`sensitivity`) lists them all.
    """
    out = table.copy()
    for col in ("entering", "leaving"):
        if col in out:
            out[col] = out[col].fillna("").map(lambda t: short_list(t, keep))
    return out


def severity(group_gaps: pd.DataFrame) -> pd.Series:
    """Return severity in [0, 1] per (group, target): the largest ranking gap where it is behind.

    Parameters
    ----------
    group_gaps
        Columns ``group``, ``target`` and ``ranking_gap`` (0 = no gap, 1 = the group has none of
        what the comparison group has; the rule of
        :func:`lnob_methods.analysis.group_gaps.ranking_gap`, so that two tiny rates do not make
        a severe gap), only rows where the group is the one behind.
    """
    if group_gaps.empty:
        return pd.Series(
            dtype=float, index=pd.MultiIndex.from_arrays([[], []], names=["group", "target"])
        )
    clipped = group_gaps.assign(ranking_gap=group_gaps["ranking_gap"].clip(0, 1))
    return clipped.groupby(["group", "target"])["ranking_gap"].max()


def priority(
    cells: pd.DataFrame,
    sev: pd.Series | None = None,
    weights: dict[str, float] | None = None,
    community: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the in-scope cells ranked by priority score, each component beside the score.

    ``score = Σ_k w_k · component_k`` over the six gap classes (1 when the gap is present),
    ``severity`` (0 to 1, from official disaggregated data) and ``focus`` (1 in the research focus).
    When ``community`` is given (per ``group``, ``target``: the share of the people asked who chose
    the gap among the three that matter most, 0 to 1), a ``community`` component joins the score
    with weight ``weights["community"]`` (default :data:`DEFAULT_COMMUNITY_WEIGHT`); without it the
    score is as before and no ``community`` column is added.

    Equal scores are broken only by the rule of :data:`TIE_RULE`: a cell of the research focus
    first, then a cell of a focus group, then the higher severity. Cells still equal are tied: they
    share a rank (the rank of the first of them, as in sports: 1, 2, 2, 4) and ``tied`` gives the
    number of cells sharing it; within a tie they are listed by group and target, for reading only.
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    out = cells[cells["in_scope"]].copy()
    comp = pd.DataFrame(index=out.index)
    for g in GAP_CLASSES:
        comp[g] = out[f"gap_{g}"].astype(float)
    if sev is not None and len(sev):
        key = pd.MultiIndex.from_frame(out[["group", "target"]])
        comp["severity"] = sev.reindex(key).fillna(0.0).to_numpy()
    else:
        comp["severity"] = 0.0
    comp["focus"] = out["in_focus"].astype(float)
    parts = [*GAP_CLASSES, "severity", "focus"]
    if community is not None:
        key = pd.MultiIndex.from_frame(out[["group", "target"]])
        comp["community"] = community.reindex(key).fillna(0.0).to_numpy()
        w.setdefault("community", DEFAULT_COMMUNITY_WEIGHT)
        parts.append("community")
    out = out[["group", "label", "dimension", "target", "n_items", "focus_group"]].join(comp)
    out["score"] = sum(w[k] * out[k] for k in parts).round(6)
    # Rounded so that two severities equal to the reader are equal to the rule as well.
    out["_severity"] = out["severity"].round(6)
    key = ["score", "focus", "focus_group", "_severity"]
    out = out.sort_values(
        [*key, "group", "target"], ascending=[False] * len(key) + [True, True], kind="stable"
    ).reset_index(drop=True)
    first = ~out.duplicated(subset=key)
    rank = pd.Series(range(1, len(out) + 1), index=out.index).where(first).ffill()
    out.insert(0, "rank", rank.astype(int) if len(out) else rank)
    out.insert(1, "tied", out.groupby("rank")["rank"].transform("size"))
    return out.drop(columns=["focus_group", "_severity"])


def top(ranked: pd.DataFrame, n: int) -> pd.DataFrame:
    """Return the top ``n`` of a ranking with every tie group it reaches, whole.

    A tie group that starts at rank ``n`` or before is kept entire, so the top may hold more
    than ``n`` cells; :func:`top_note` says so in words.
    """
    return ranked[ranked["rank"] <= n]


def top_note(ranked: pd.DataFrame, n: int) -> str:
    """Return what the reader must know about the top ``n``: how ties widened it, or ""."""
    head = top(ranked, n)
    if len(head) <= n:
        return ""
    last = head["rank"].max()
    size = int((head["rank"] == last).sum())
    return (
        f"{len(head)} cells, not {n}: the {size} cells tied at rank {last} are all shown, since "
        f"no stated rule separates them"
    )


def top_table(ranked: pd.DataFrame, n: int) -> pd.DataFrame:
    """Return the top ``n`` (ties whole) as readers see it: labels, yes or blank, rounded.

    When the ranking includes community priority, a column gives the share of the people asked who
    chose the gap (blank when fewer than k did).
    """
    head = top(ranked, n)
    out = pd.DataFrame(
        {
            "rank": head["rank"],
            "cells sharing the rank": head["tied"],
            "group": head["label"],
            "target": "SDG " + head["target"],
            "items": head["n_items"],
        }
    )
    for g in GAP_CLASSES:
        out[f"{g} gap"] = head[g].map({1.0: "yes", 0.0: ""})
    out["severity"] = head["severity"].round(2)
    out["research focus"] = head["focus"].map({1.0: "yes", 0.0: ""})
    if "community" in head:
        out[COMMUNITY_COLUMN] = [f"{round(100 * s)}%" if s else "" for s in head["community"]]
    out["score"] = head["score"].round(2)
    return out.reset_index(drop=True)


def sensitivity(
    cells: pd.DataFrame,
    sev: pd.Series | None = None,
    weights: dict[str, float] | None = None,
    top: int = 10,
    change: float = 0.5,
    community: pd.Series | None = None,
) -> pd.DataFrame:
    """Return how the top ranking changes when each weight moves by ±``change`` (50 %).

    The top is tie-aware (:func:`top`): a tie group reaching rank ``top`` counts whole, so no cell
    enters or leaves by the order of names within a tie. One row per weight and direction: the
    new weight, the cells in the new top, how many of the baseline top cells stay, and which cells
    enter and leave (named by their labels). With ``community`` (as in :func:`priority`), the
    community weight is moved too.
    """
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    if community is not None:
        w.setdefault("community", DEFAULT_COMMUNITY_WEIGHT)
    else:
        w.pop("community", None)
    base = _top_cells(priority(cells, sev, w, community), top)
    rows = []
    for k in w:
        for factor in (1 - change, 1 + change):
            new = _top_cells(priority(cells, sev, {**w, k: w[k] * factor}, community), top)
            rows.append(
                {
                    "weight": k,
                    "from": w[k],
                    "to": round(w[k] * factor, 2),
                    "cells in the top": len(new),
                    "kept from the baseline top": len(set(base) & set(new)),
                    "entering": "; ".join(c for c in new if c not in base),
                    "leaving": "; ".join(c for c in base if c not in new),
                }
            )
    return pd.DataFrame(rows)


def _top_cells(ranked: pd.DataFrame, n: int) -> list[str]:
    head = top(ranked, n)
    return [f"{g} × SDG {t}" for g, t in zip(head["label"], head["target"], strict=True)]
