"""Regression trees in the ESCAP-compatible mode of R's rpart (method "anova").

Weighted squared-error splits; numeric circumstances split at midpoints between distinct values;
categorical circumstances are ordered by their weighted mean response and split along that order,
as rpart does for anova; the first best split wins ties (variables in column order). Stopping as in
the ESCAP methodology: maximum depth 6, minimum leaf size ``max(49, n/11)`` unweighted rows
(``n/19`` when ethnicity or religion is a circumstance), minimum split size twice that, complexity
parameter ``1/n``; the grown tree is then pruned at that complexity (weakest-link cost-complexity
pruning), which is what rpart returns for that ``cp``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(eq=False)  # nodes are compared by identity, never by their arrays
class Node:
    """One node: its rows, weighted mean and risk, and (if split) the rule and children."""

    rows: np.ndarray
    depth: int
    mean: float
    risk: float
    weight: float
    var: str | None = None
    threshold: float | None = None
    left_levels: tuple | None = None
    children: list = field(default_factory=list)

    @property
    def n(self) -> int:
        """Unweighted number of rows."""
        return len(self.rows)


def escap_controls(n: int, circumstances: list[str]) -> dict:
    """Return minbucket, minsplit, cp and maxdepth of the ESCAP-compatible mode for n rows."""
    sensitive = any(c.lower() in {"ethnicity", "religion"} for c in circumstances)
    minbucket = max(49, round(n / (19 if sensitive else 11)))
    return {"minbucket": minbucket, "minsplit": 2 * minbucket, "cp": 1 / n, "maxdepth": 6}


def _risk(y, w):
    tw = w.sum()
    mean = (w * y).sum() / tw
    return mean, float((w * (y - mean) ** 2).sum()), float(tw)


def _best_split(codes, y, w, n_levels, categorical, values, minbucket):
    """Return (improvement, threshold or left level codes) of the best split of one variable.

    ``codes`` are the node's rows coded 0 … ``n_levels`` − 1: category codes, or for a numeric
    variable the rank of its value among the column's distinct ``values`` (sorted). Each
    candidate split is a boundary between two levels present in the node, so the sums per level
    (``numpy.bincount``, one pass over the rows) and their cumulative sums give every candidate
    at once, without sorting the rows. A numeric split's threshold is the midpoint of the two
    values around the boundary; a categorical split's left side is a set of level codes.
    """
    count = np.bincount(codes, minlength=n_levels)
    present = np.flatnonzero(count)
    if len(present) < 2:
        return 0.0, None
    cn = count[present]
    sw = np.bincount(codes, weights=w, minlength=n_levels)[present]
    sy = np.bincount(codes, weights=w * y, minlength=n_levels)[present]
    if categorical:
        # rpart orders the categories of an anova split by their (weighted) mean response.
        order = np.lexsort((present, sy / sw))
        present, cn, sw, sy = present[order], cn[order], sw[order], sy[order]
    ccn, cw, cs = np.cumsum(cn)[:-1], np.cumsum(sw), np.cumsum(sy)
    tw, ts = cw[-1], cs[-1]
    n = int(count.sum())
    ok = (ccn >= minbucket) & (n - ccn >= minbucket)
    if not ok.any():
        return 0.0, None
    lw, ls = cw[:-1], cs[:-1]
    rw, rs = tw - lw, ts - ls
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = ls**2 / lw + rs**2 / rw - ts**2 / tw
    gain = np.where(ok, gain, -np.inf)
    best = int(np.argmax(gain))
    if not np.isfinite(gain[best]) or gain[best] <= 0:
        return 0.0, None
    if categorical:
        return float(gain[best]), tuple(present[: best + 1].tolist())
    return float(gain[best]), (values[present[best]] + values[present[best + 1]]) / 2


def _coded(column: pd.Series, categorical: bool) -> tuple[np.ndarray, np.ndarray]:
    """Return a column as integer level codes and the level of each code (sorted).

    A numeric column is coded by the rank of its value among its distinct values, so splits
    between levels are splits between values; a categorical one by its sorted categories.
    """
    if categorical:
        codes, uniques = pd.factorize(column, sort=True)
        return codes.astype(np.intp), np.asarray(uniques)
    values, codes = np.unique(column.to_numpy(dtype=float), return_inverse=True)
    return codes.astype(np.intp), values


def grow(
    df: pd.DataFrame,
    outcome: str,
    circumstances: list[str],
    weight: str | None = None,
    controls: dict | None = None,
) -> Node:
    """Grow and prune the tree; return its root node."""
    ctl = controls or escap_controls(len(df), circumstances)
    y = df[outcome].to_numpy(dtype=float)
    w = np.ones(len(df)) if weight is None else df[weight].to_numpy(dtype=float)
    cats = {c: not pd.api.types.is_numeric_dtype(df[c]) for c in circumstances}
    cols, levels = {}, {}
    for c in circumstances:
        cols[c], levels[c] = _coded(df[c], cats[c])
    mean, risk, tw = _risk(y, w)
    root = Node(np.arange(len(df)), 0, mean, risk, tw)
    alpha = ctl["cp"] * root.risk
    stack = [root]
    while stack:
        node = stack.pop()
        if node.n < ctl["minsplit"] or node.depth >= ctl["maxdepth"] or node.risk <= alpha:
            continue
        best = (0.0, None, None)
        yn, wn = y[node.rows], w[node.rows]
        for c in circumstances:
            gain, rule = _best_split(
                cols[c][node.rows], yn, wn, len(levels[c]), cats[c], levels[c], ctl["minbucket"]
            )
            if rule is not None and gain > best[0]:
                best = (gain, c, rule)
        gain, var, rule = best
        if var is None or gain <= alpha:
            continue
        x = cols[var][node.rows]
        node.var = var
        if cats[var]:
            goes_left = np.zeros(len(levels[var]), dtype=bool)
            goes_left[list(rule)] = True
            left = goes_left[x]
            node.left_levels = tuple(levels[var][list(rule)].tolist())
        else:
            left = levels[var][x] < rule
            node.threshold = float(rule)
        for part in (node.rows[left], node.rows[~left]):
            m, r, t = _risk(y[part], w[part])
            child = Node(part, node.depth + 1, m, r, t)
            node.children.append(child)
            stack.append(child)
    _prune(root, alpha)
    return root


def _subtree(node):
    if not node.children:
        return node.risk, 1
    r, k = 0.0, 0
    for c in node.children:
        cr, ck = _subtree(c)
        r, k = r + cr, k + ck
    return r, k


def _prune(root: Node, alpha: float) -> None:
    """Weakest-link pruning: collapse the internal node with the smallest g ≤ alpha, repeatedly."""
    while True:
        weakest, g_min = None, np.inf
        stack = [root]
        while stack:
            node = stack.pop()
            if node.children:
                r, k = _subtree(node)
                g = (node.risk - r) / (k - 1)
                if g < g_min:
                    weakest, g_min = node, g
                stack.extend(node.children)
        if weakest is None or g_min > alpha:
            return
        weakest.children, weakest.var = [], None
        weakest.threshold = weakest.left_levels = None


def leaves(root: Node) -> list[Node]:
    """Return the leaves, left to right."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.children:
            stack.extend(reversed(node.children))
        else:
            out.append(node)
    return out


def splits(root: Node) -> list[tuple]:
    """Return every split as (variable, threshold or sorted left levels), in preorder."""
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.children:
            rule = (
                node.threshold
                if node.threshold is not None
                else tuple(sorted(map(str, node.left_levels)))
            )
            out.append((node.var, rule))
            stack.extend(reversed(node.children))
    return out


MIN_PREVALENCE = 0.03


def analyse(
    df: pd.DataFrame, outcome: str, circumstances: list[str], weight: str | None = None
) -> Node | None:
    """Grow the ESCAP-mode tree, or return None when prevalence is under 3% (not analysed)."""
    w = np.ones(len(df)) if weight is None else df[weight].to_numpy(dtype=float)
    prevalence = float(np.average(df[outcome].to_numpy(dtype=float), weights=w))
    if prevalence < MIN_PREVALENCE or len(df) == 0:
        return None
    return grow(df, outcome, circumstances, weight)


def furthest_behind(root: Node) -> Node:
    """Return the leaf with the lowest rate; ties go to the larger leaf (more rows)."""
    return min(leaves(root), key=lambda leaf: (leaf.mean, -leaf.n))


def furthest_ahead(root: Node) -> Node:
    """Return the leaf with the highest rate; ties go to the larger leaf (more rows)."""
    return max(leaves(root), key=lambda leaf: (leaf.mean, leaf.n))


def assign(root: Node, df: pd.DataFrame) -> np.ndarray:
    """Return, for every row of ``df``, the index (in :func:`leaves` order) of its leaf.

    Each variable is read once: a categorical one as integer codes, so a node's rule is a
    look-up in a small table of its levels rather than a comparison of strings row by row.
    """
    order = {id(leaf): i for i, leaf in enumerate(leaves(root))}
    out = np.full(len(df), -1)
    columns: dict[str, tuple] = {}

    def goes_left(node, rows):
        if node.var not in columns:
            if node.left_levels is not None:
                codes, uniques = pd.factorize(df[node.var])
                columns[node.var] = (codes, np.asarray(uniques, dtype=object))
            else:
                columns[node.var] = (df[node.var].to_numpy(dtype=float), None)
        values, uniques = columns[node.var]
        if uniques is None:
            return values[rows] < node.threshold
        # A missing value (code -1) reads the last entry: False, it goes right.
        table = np.append(np.isin(uniques, np.asarray(node.left_levels, dtype=object)), False)
        return table[values[rows]]

    stack = [(root, np.arange(len(df)))]
    while stack:
        node, rows = stack.pop()
        if not node.children:
            out[rows] = order[id(node)]
            continue
        left = goes_left(node, rows)
        stack += [(node.children[0], rows[left]), (node.children[1], rows[~left])]
    return out


LEVELS_SHOWN = 5


def level_list(levels, keep: int | None = None) -> str:
    """Return the levels of a categorical split as readable text, shortened past ``keep``.

    A split on a variable with many levels (Viet Nam's communes) can send hundreds of them one
    way: a reader needs how many and a few examples, the full list stays in the export.

    Parameters
    ----------
    levels
        The levels, in the order the tree holds them.
    keep : int, optional
        Show at most this many, then "and N more"; ``None`` shows all.

    Returns
    -------
    str
        For example ``"a, b, c"`` or ``"12 levels: a, b, c and 9 more"``.
    """
    names = [str(v) for v in levels]
    if keep is None or len(names) <= keep + 1:
        return ", ".join(names)
    return f"{len(names)} levels: {', '.join(names[:keep])} and {len(names) - keep} more"


def _in(prev: tuple | None, levels: tuple) -> tuple:
    """Join "in ``levels``" to what the path already says of the variable."""
    if prev is None:
        return ("in", levels)
    if prev[0] == "in":
        return ("in", tuple(v for v in prev[1] if v in set(levels)))
    return ("in", tuple(v for v in levels if v not in set(prev[1])))


def _not_in(prev: tuple | None, levels: tuple) -> tuple:
    """Join "not in ``levels``" to what the path already says of the variable."""
    if prev is None:
        return ("not in", levels)
    if prev[0] == "in":
        return ("in", tuple(v for v in prev[1] if v not in set(levels)))
    return ("not in", prev[1] + tuple(v for v in levels if v not in set(prev[1])))


def _condition_text(var: str, cond: tuple, keep: int | None) -> str:
    if cond[0] == "num":
        lo, hi = cond[1], cond[2]
        if lo is None:
            return f"{var} < {hi:g}"
        if hi is None:
            return f"{var} >= {lo:g}"
        return f"{lo:g} <= {var} < {hi:g}"
    return f"{var} {cond[0]} {{{level_list(cond[1], keep)}}}"


def paths(root: Node, keep: int | None = None) -> list[str]:
    """Return a readable rule for each leaf, e.g. "urban in {rural} AND wealth < 2.5".

    Splits on the same variable along a path are joined into one condition: "commune in {143
    communes} AND commune in {40 of them} AND commune not in {21 of those}" becomes "commune in
    {the 19 left}", and two thresholds become one range.

    Parameters
    ----------
    root : Node
        The grown tree.
    keep : int, optional
        List at most this many levels of a categorical condition (:func:`level_list`); ``None``
        lists all, as the exports do.
    """
    out = []

    def walk(node, conds):
        if not node.children:
            out.append(" AND ".join(_condition_text(v, c, keep) for v, c in conds.items()))
            out[-1] = out[-1] or "everyone"
            return
        var, prev = node.var, conds.get(node.var)
        if node.left_levels is not None:
            levels = tuple(str(v) for v in node.left_levels)
            sides = [_in(prev, levels), _not_in(prev, levels)]
        else:
            t = node.threshold
            lo, hi = (None, None) if prev is None else prev[1:]
            sides = [
                ("num", lo, t if hi is None else min(hi, t)),
                ("num", t if lo is None else max(lo, t), hi),
            ]
        for child, cond in zip(node.children, sides, strict=True):
            walk(child, {**conds, var: cond})

    walk(root, {})
    return out
