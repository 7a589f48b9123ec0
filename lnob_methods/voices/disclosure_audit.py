"""Audit of suppressed counts by linear programming: how narrowly a reader can bound each one.

A reader who sees every published count, and knows how the counts relate (a row adds up to its
total, a theme count cannot exceed its group's total, ...), can compute for each suppressed count
the smallest and largest value it may take: two linear programmes over all the counts, published
ones fixed, with every count non-negative (integrality relaxed: the interval is at least as wide as
the integer one, and equal to it for tables of rows and columns with their totals).

**The protection rule.** Every suppressed count's feasible interval ``[low, high]`` must be at
least *k* wide: ``high − low ≥ k``. A count from 1 to *k* − 1 then may, for all a reader can
compute, be as large as a count that would have been published.

A :class:`Publication` collects the counts (each identified by a key such as
``("themes", row, column)``; a missing value is a suppressed count) and the relations between
them; :func:`intervals` solves the programmes and :func:`exposed` lists the counts that break
the rule.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.sparse import coo_array

TOTAL = "Total"


@dataclass
class Publication:
    """Counts a reader sees (``None`` where suppressed) and the relations a reader knows.

    Relations are linear: ``equal`` holds ``(terms, constant)`` with ``Σ coef·count = constant``,
    ``at_most`` holds ``(terms, constant)`` with ``Σ coef·count ≤ constant``; ``terms`` maps a
    count's key to its coefficient.
    """

    values: dict[Hashable, float | None] = field(default_factory=dict)
    equal: list[tuple[dict[Hashable, float], float]] = field(default_factory=list)
    at_most: list[tuple[dict[Hashable, float], float]] = field(default_factory=list)

    def add(self, key: Hashable, value) -> Hashable:
        """Record one count (missing = suppressed) and return its key."""
        missing = value is None or value is pd.NA
        missing = missing or (isinstance(value, float) and math.isnan(value))
        self.values[key] = None if missing else float(value)
        return key

    def add_frame(self, name: str, frame: pd.DataFrame) -> dict[tuple, Hashable]:
        """Record every cell of a count table as ``(name, row, column)``; return the keys."""
        keys = {}
        for r in frame.index:
            for c in frame.columns:
                keys[(r, c)] = self.add((name, r, c), frame.loc[r, c])
        return keys

    def sums_to(self, parts: Iterable[Hashable], total: Hashable) -> None:
        """Record that the counts ``parts`` add up to the count ``total``."""
        terms = {p: 1.0 for p in parts}
        terms[total] = terms.get(total, 0.0) - 1.0
        self.equal.append((terms, 0.0))

    def same(self, a: Hashable, b: Hashable) -> None:
        """Record that two keys are the same count shown twice."""
        if a != b:
            self.equal.append(({a: 1.0, b: -1.0}, 0.0))

    def not_above(self, small: Hashable | list[Hashable], large: Hashable | list[Hashable]):
        """Record that the sum of ``small`` is at most the sum of ``large``."""
        terms: dict[Hashable, float] = {}
        for s in small if isinstance(small, list) else [small]:
            terms[s] = terms.get(s, 0.0) + 1.0
        for g in large if isinstance(large, list) else [large]:
            terms[g] = terms.get(g, 0.0) - 1.0
        self.at_most.append((terms, 0.0))

    def at_least(self, key: Hashable, value: float) -> None:
        """Record that a count is known to be at least ``value``."""
        self.at_most.append(({key: -1.0}, -float(value)))

    def hidden(self) -> list[Hashable]:
        """Return the keys of the suppressed counts, in the order they were added."""
        return [key for key, v in self.values.items() if v is None]


def additive_table(name: str, full: pd.DataFrame, publication: Publication | None = None):
    """Record a count table published with its totals: rows and columns add up.

    Parameters
    ----------
    name
        Prefix of the keys.
    full
        Counts with a ``Total`` column and/or a ``Total`` row (as published: suppressed cells
        missing); a total that is not published (the row or column dropped) adds no relation.
    publication
        Add to this publication (default: a new one).
    """
    pub = publication if publication is not None else Publication()
    keys = pub.add_frame(name, full)
    rows = [r for r in full.index if r != TOTAL]
    cols = [c for c in full.columns if c != TOTAL]
    if TOTAL in full.columns:
        for r in full.index:
            pub.sums_to([keys[(r, c)] for c in cols], keys[(r, TOTAL)])
    if TOTAL in full.index:
        for c in full.columns:
            pub.sums_to([keys[(r, c)] for r in rows], keys[(TOTAL, c)])
    return pub


def intervals(pub: Publication) -> pd.DataFrame:
    """Return each suppressed count's feasible interval given everything published.

    Returns
    -------
    DataFrame
        One row per suppressed count: ``key``, ``low``, ``high`` (``inf`` when unbounded) and
        ``width``; empty when nothing is suppressed.
    """
    hidden = pub.hidden()
    if not hidden:
        return pd.DataFrame(columns=["key", "low", "high", "width"])
    bounds = _Bounds(pub)
    table = pd.DataFrame(
        [{"key": key, "low": low, "high": high} for key in hidden for low, high in [bounds(key)]]
    )
    table["width"] = table["high"] - table["low"]
    return table


class _Bounds:
    """The feasible interval of each suppressed count, solved when first asked for.

    Only the relations that touch a suppressed count matter; published counts are constants.
    Suppressed counts linked by no chain of relations are bounded apart: one small programme
    per connected group of counts, two programmes (lowest, highest) per count.
    """

    def __init__(self, pub: Publication):
        hidden = pub.hidden()
        index = {key: i for i, key in enumerate(hidden)}
        relations = []
        for kind, group in (("eq", pub.equal), ("ub", pub.at_most)):
            for terms, constant in group:
                free = {k: c for k, c in terms.items() if k in index and c != 0}
                if free:
                    known = sum(c * pub.values[k] for k, c in terms.items() if k not in index)
                    relations.append((kind, free, constant - known))
        parent = list(range(len(hidden)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for _, free, _ in relations:
            first, *rest = (index[k] for k in free)
            for other in rest:
                parent[root(other)] = root(first)
        members: dict[int, list[Hashable]] = {}
        for key in hidden:
            members.setdefault(root(index[key]), []).append(key)
        linked: dict[int, list] = {}
        for rel in relations:
            linked.setdefault(root(index[next(iter(rel[1]))]), []).append(rel)
        self._component = {key: root(index[key]) for key in hidden}
        self._members, self._linked = members, linked
        self._programmes: dict[int, tuple] = {}

    def __call__(self, key: Hashable) -> tuple[float, float]:
        """Return (low, high) of one suppressed count."""
        component = self._component[key]
        if component not in self._programmes:
            keys = self._members[component]
            self._programmes[component] = _programme(keys, self._linked.get(component, []))
        return _solve(key, *self._programmes[component])


def _programme(keys: list[Hashable], relations: list) -> tuple:
    """Return (index of each count, A_eq, b_eq, A_ub, b_ub) of one connected group of counts."""
    index = {key: i for i, key in enumerate(keys)}
    if not relations:
        return index, None
    matrices = {}
    for kind in ("eq", "ub"):
        mine = [(free, rhs) for k, free, rhs in relations if k == kind]
        if not mine:
            matrices[kind] = (None, None)
            continue
        data, r_idx, c_idx = [], [], []
        for r, (free, _) in enumerate(mine):
            for key, coef in free.items():
                data.append(coef)
                r_idx.append(r)
                c_idx.append(index[key])
        matrix = coo_array((data, (r_idx, c_idx)), shape=(len(mine), len(keys))).tocsr()
        matrices[kind] = (matrix, np.array([rhs for _, rhs in mine]))
    return index, (*matrices["eq"], *matrices["ub"])


def _solve(key: Hashable, index: dict, matrices: tuple | None) -> tuple[float, float]:
    """Return (low, high) of one count by two programmes (``inf`` when unbounded)."""
    if matrices is None:
        return (0.0, math.inf)
    a_eq, b_eq, a_ub, b_ub = matrices
    ends = []
    for sign in (1.0, -1.0):
        cost = np.zeros(len(index))
        cost[index[key]] = sign
        res = linprog(
            cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs"
        )
        if res.status == 3:  # unbounded (only upwards: every count is at least 0)
            ends.append(math.inf)
        elif res.status != 0:
            raise ValueError(f"the published counts are inconsistent ({res.message}): {key}")
        else:
            ends.append(sign * res.fun)
    return (_clean(ends[0]), _clean(ends[1]))


def _clean(x: float) -> float:
    # HiGHS returns vertices to about 1e-9: snap to whole counts where that close.
    return float(round(x)) if math.isfinite(x) and abs(x - round(x)) < 1e-6 else x


def exposed(pub: Publication, k: int) -> pd.DataFrame:
    """Return the suppressed counts whose interval is narrower than ``k`` (the rule broken)."""
    table = intervals(pub)
    return table[table["width"] < k].reset_index(drop=True)


def first_exposed(pub: Publication, k: int, wide: Iterable[Hashable] = ()) -> Hashable | None:
    """Return the first suppressed count (in the order added) narrower than ``k``, or None.

    The same count as the first row of :func:`exposed`, found without bounding the counts after
    it.

    Parameters
    ----------
    pub
        The counts and relations.
    k
        The smallest width allowed.
    wide
        Counts known to be at least ``k`` wide already (not bounded again): for instance those
        found so before more counts of the same publication were suppressed, which only widens
        every interval (a published count turned into an unknown removes a constraint).
    """
    bounds = _Bounds(pub)
    known = set(wide)
    for key in pub.hidden():
        if key in known:
            continue
        low, high = bounds(key)
        if high - low < k:
            return key
    return None
