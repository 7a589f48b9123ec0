"""Statistical disclosure control for testimonies: k-anonymous tags and suppressed counts.

Two rules protect the people who gave testimonies:

- **Tags** (group, sex, age band, area) shown beside a quote are coarsened, one attribute at a
  time by global recoding (each time the one that leaves the fewest people in small combinations,
  the group last), until every combination shown holds at least *k* testimonies; the few
  testimonies still in smaller combinations have their tags withheld (and are never quoted).
- **Counts** between 1 and *k* − 1 are suppressed (primary suppression); where a table shows a
  total, a second cell of the same row or column is suppressed too, so that a suppressed count
  cannot be recovered by subtraction (complementary suppression). Zero is published: it reveals no
  one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lnob_methods.reference import taxonomy
from lnob_methods.voices import disclosure_audit
from lnob_methods.voices.form import AGE_BANDS

SUPPRESSED = pd.NA
WITHHELD = "withheld"
ALL = {"area": "all areas", "age": "all ages", "sex": "all", "group": "all groups"}
# Each attribute's levels, finest first; a level maps a raw value to what is shown.
_AGE_BROAD = {
    "10_14": "under 18",
    "15_17": "under 18",
    "18_24": "18-34",
    "25_34": "18-34",
    "35_59": "35-59",
    "60_plus": "60 and over",
}
_AGE_FINE = {b: b.replace("_plus", " and over").replace("_", "-") for b in AGE_BANDS}
_SEX_BROAD = {
    "female": "female",
    "male": "male",
    "other": "other or not stated",
    "prefer_not_to_say": "other or not stated",
}
# Ties between attributes go in this order; the group is coarsened last (the analysis is by group,
# so it is kept as long as possible).
ORDER = ("area", "age", "sex", "group")


def levels(area_names: dict[str, str], group_labels: dict[str, str]) -> dict[str, list[dict]]:
    """Return each tag attribute's generalisation levels (value maps), finest first.

    Parameters
    ----------
    area_names
        Admin-1 p-code to name.
    group_labels
        Group id to label; the second level is the group's LNOB dimension.
    """
    groups = taxonomy.groups_table()
    dim_of = dict(zip(groups["group"], groups["dimension_label"], strict=True))
    return {
        "area": [area_names],
        "age": [_AGE_FINE, _AGE_BROAD],
        "sex": [{s: s.replace("_", " ") for s in _SEX_BROAD}, _SEX_BROAD],
        "group": [group_labels, {g: dim_of.get(g, "Other status") for g in group_labels}],
    }


def coarsen(
    tags: pd.DataFrame,
    k: int,
    hierarchy: dict[str, list[dict]],
    max_withheld: float = 0.05,
    attributes: tuple[str, ...] = ORDER,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return k-anonymous tags and the level chosen per attribute.

    Parameters
    ----------
    tags
        One row per testimony and group: columns ``area``, ``age``, ``sex``, ``group`` (raw codes).
    k
        The smallest combination that may be shown.
    hierarchy
        From :func:`levels`; a level beyond the last maps everything to :data:`ALL`.
    max_withheld
        Share of rows whose tags may be withheld instead of coarsening further.
    attributes
        The attributes that may be coarsened; the others stay as collected.

    Returns
    -------
    shown, chosen
        ``shown`` has the same index and columns, values as shown (or :data:`WITHHELD` for every
        column of a row left in a combination smaller than ``k``); ``chosen`` the level per
        attribute (0 = as collected).
    """
    codes = _level_codes(tags, hierarchy)
    chosen, small = _choose(codes, k, max_withheld, attributes)
    shown = _apply(tags, hierarchy, chosen)
    shown.loc[pd.Series(small, index=tags.index), list(ORDER)] = WITHHELD
    return shown, chosen


def _choose(
    codes: dict[str, list[_Level]], k: int, max_withheld: float, attributes: tuple[str, ...]
) -> tuple[dict[str, int], np.ndarray]:
    """Return the level chosen per attribute and which rows stay in small combinations."""
    chosen = dict.fromkeys(ORDER, 0)
    while True:
        small = _small(codes, chosen, k)
        if len(small) and small.mean() <= max_withheld:
            break
        # Greedy: of the steps that merge values (a level that merges nothing is skipped), take
        # the one that leaves the fewest rows in small combinations; the group only when nothing
        # else can help; ties go to the earlier attribute of ORDER.
        steps = {a: _next_merge(codes[a], chosen[a]) for a in ORDER if a in attributes}
        steps = {a: lvl for a, lvl in steps.items() if lvl is not None}
        candidates = [a for a in steps if a != "group"] or list(steps)
        if not candidates:
            break
        scores = {a: int(_small(codes, {**chosen, a: steps[a]}, k).sum()) for a in candidates}
        best = min(candidates, key=lambda a: (scores[a], ORDER.index(a)))
        chosen[best] = steps[best]
    return chosen, small


@dataclass(frozen=True)
class _Level:
    """One attribute at one level, as whole numbers: equal codes, equal values shown.

    ``codes`` holds one code per row; ``missing`` tells, per code, whether the value shown is
    missing (it still forms a combination, but is not a value of its own when counting values).
    """

    codes: np.ndarray
    missing: np.ndarray

    def take(self, rows: np.ndarray) -> _Level:
        """Return the same level for some rows only (positions)."""
        return _Level(self.codes[rows], self.missing)

    def n_values(self) -> int:
        """Return how many different values, not missing, the rows show."""
        present = np.unique(self.codes)
        return int((~self.missing[present]).sum())


def _level_codes(tags: pd.DataFrame, hierarchy: dict) -> dict[str, list[_Level]]:
    """Return, per attribute, each level's values as codes (the last level maps all to one).

    A level maps each raw value as :func:`_apply` does, so it is computed once per distinct
    raw value instead of once per row.
    """
    out = {}
    for a in ORDER:
        raw, uniques = tags[a].factorize(use_na_sentinel=False)
        values = pd.Series(uniques)
        out[a] = []
        for lvl in range(len(hierarchy[a]) + 1):
            if lvl >= len(hierarchy[a]):
                shown = pd.Series([ALL[a]] * len(values), dtype=object)
            else:
                shown = values.map(lambda v, m=hierarchy[a][lvl]: m.get(v, str(v)))
            mapped, labels = shown.factorize(use_na_sentinel=False)
            missing = np.asarray(pd.isna(labels), dtype=bool)
            out[a].append(_Level(mapped[raw], missing))
    return out


def _next_merge(levels: list[_Level], now: int) -> int | None:
    """Return the first level above ``now`` that merges values, or None."""
    count = levels[now].n_values()
    for lvl in range(now + 1, len(levels)):
        if levels[lvl].n_values() < count:
            return lvl
    return None


def coarsen_by_group(
    tags: pd.DataFrame, k: int, hierarchy: dict[str, list[dict]], max_withheld: float = 0.05
) -> pd.DataFrame:
    """Return k-anonymous tags, coarsened group by group (local recoding).

    The group is part of every combination shown, so the combinations of two groups never merge:
    each group's area, age and sex can be coarsened on their own, and a large group keeps finer
    tags than a small one. The group itself is never coarsened here: the rows of a group smaller
    than ``k`` are withheld.

    Parameters
    ----------
    tags, k, hierarchy, max_withheld
        As for :func:`coarsen`.
    """
    codes = _level_codes(tags, hierarchy)
    parts = []
    grouped = tags.groupby("group", sort=True)
    for key, rows in grouped:
        where = grouped.indices[key]
        mine = {a: [lvl.take(where) for lvl in levels] for a, levels in codes.items()}
        chosen, small = _choose(mine, k, max_withheld, ("area", "age", "sex"))
        shown = _apply(rows, hierarchy, chosen)
        shown.loc[pd.Series(small, index=rows.index), list(ORDER)] = WITHHELD
        parts.append(shown)
    if not parts:
        return pd.DataFrame(columns=list(ORDER), index=tags.index)
    return pd.concat(parts).reindex(tags.index)


def _small(codes: dict[str, list[_Level]], chosen: dict[str, int], k: int) -> np.ndarray:
    """Return, per row, whether its combination of values shown holds fewer than ``k`` rows."""
    key = np.zeros(len(codes[ORDER[0]][0].codes), dtype=np.int64)
    for a in ORDER:
        level = codes[a][chosen[a]]
        key = key * len(level.missing) + level.codes
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    return counts[inverse] < k


def _apply(tags: pd.DataFrame, hierarchy: dict, chosen: dict) -> pd.DataFrame:
    out = pd.DataFrame(index=tags.index)
    for a in ORDER:
        lvl = chosen[a]
        if lvl >= len(hierarchy[a]):
            out[a] = ALL[a]
        else:
            mapping = hierarchy[a][lvl]
            out[a] = tags[a].map(lambda v, m=mapping: m.get(v, str(v)))
    return out


def suppress(counts: pd.Series | pd.DataFrame, k: int) -> pd.Series | pd.DataFrame:
    """Return counts with every value from 1 to ``k`` − 1 replaced by :data:`SUPPRESSED`.

    The result has the nullable ``Int64`` type, so suppressed cells stay missing, never 0.
    """
    out = counts.astype("Int64")
    return out.mask((out >= 1) & (out < k), SUPPRESSED)


def suppress_with_totals(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """Suppress a count table that is published with row and column totals.

    Adds a ``Total`` column and row and suppresses small cells and small totals (primary). Then,
    in every row and column where exactly one cell is suppressed but the total is shown, also
    suppresses the smallest other positive cell (or, if there is none, the total), repeating until
    no suppressed value can be found by subtraction. Finally the table is audited as a reader
    would (:mod:`lnob_methods.voices.disclosure_audit`: bounds on every suppressed count by linear
    programming, given everything shown): while a suppressed count can be bounded within an
    interval narrower than ``k``, the smallest positive count shown in its row or column (a cell
    before a total) is suppressed too. The result passes the audit for any shape of table.

    Parameters
    ----------
    table
        Non-negative whole counts, without totals.
    k
        The smallest count that may be shown.
    """
    full = table.astype(int).copy()
    full["Total"] = full.sum(axis=1)
    full.loc["Total"] = full.sum(axis=0)
    hidden = (full >= 1) & (full < k)
    _complement_by_subtraction(full, hidden)
    # Counts found at least k wide stay so when one more count is hidden (a constraint fewer),
    # and the intervals of such a table have whole-number ends: they are not bounded again.
    wide: set = set()
    while True:
        shown = full.astype("Int64").mask(hidden, SUPPRESSED)
        pub = disclosure_audit.additive_table("t", shown)
        bad = disclosure_audit.first_exposed(pub, k, wide)
        if bad is None:
            return shown
        keys = pub.hidden()
        wide.update(keys[: keys.index(bad)])
        _, row, col = bad
        target = _next_to_hide(full, hidden, row, col)
        if target is None:  # every positive count is hidden: nothing is bounded any more
            return shown
        hidden.loc[target] = True


def _complement_by_subtraction(full: pd.DataFrame, hidden: pd.DataFrame) -> None:
    """Hide a second count in every line with one hidden cell beside a shown total (in place)."""
    changed = True
    while changed:
        changed = False
        for axis_frame, flip in ((full, False), (full.T, True)):
            mask = hidden.T if flip else hidden
            for label in axis_frame.index:
                row, row_mask = axis_frame.loc[label], mask.loc[label]
                cells = row.index != "Total"
                if row_mask["Total"] or int(row_mask[cells].sum()) != 1:
                    continue
                candidates = row[cells & ~row_mask.to_numpy() & (row > 0).to_numpy()]
                target = candidates.idxmin() if len(candidates) else "Total"
                r, c = (target, label) if flip else (label, target)
                hidden.loc[r, c] = True
                changed = True


def _next_to_hide(full: pd.DataFrame, hidden: pd.DataFrame, row, col) -> tuple | None:
    """Return the cell to hide next for an exposed count at (row, col), or None.

    The smallest positive count shown in the same row or column, cells before totals, ties in
    table order; if that row and column hold none, the smallest positive count shown anywhere.
    """
    lines = [(row, c) for c in full.columns] + [(r, col) for r in full.index]
    for pool in (lines, [(r, c) for r in full.index for c in full.columns]):
        shown = [(r, c) for r, c in pool if not hidden.loc[r, c] and full.loc[r, c] > 0]
        if shown:
            return min(
                shown,
                key=lambda rc: ("Total" in rc, int(full.loc[rc]), pool.index(rc)),
            )
    return None


def suppress_with_margins(table: pd.DataFrame, totals: pd.Series, k: int) -> pd.DataFrame:
    """Suppress counts of a non-additive table whose column totals are published elsewhere.

    Each cell counts people in a column who have an attribute (a theme), out of the column's
    published total (people in the group). A cell is hidden when it is from 1 to ``k`` − 1, or
    when the people *without* the attribute (total − cell) are from 1 to ``k`` − 1, since that
    small number would follow by subtraction.

    Parameters
    ----------
    table
        Whole counts; columns are the keys of ``totals``.
    totals
        The published total of each column; a missing (suppressed) total hides nothing more.
    k
        The smallest count that may be shown.
    """
    out = table.astype("Int64")
    rest = pd.DataFrame(
        {c: totals.get(c, pd.NA) - out[c] for c in out.columns}, index=out.index
    ).astype("Int64")
    small = ((out >= 1) & (out < k)) | ((rest >= 1) & (rest < k)).fillna(False)
    return out.mask(small, SUPPRESSED)


def small_counts(df: pd.DataFrame, k: int, columns: list[str] | None = None) -> pd.DataFrame:
    """Return the cells of ``df`` holding a count from 1 to ``k`` − 1 (for checks and tests)."""
    cols = columns or [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c])]
    long = df[cols].stack().rename("value").reset_index()
    values = pd.to_numeric(long["value"], errors="coerce")
    return long[(values >= 1) & (values < k)]
