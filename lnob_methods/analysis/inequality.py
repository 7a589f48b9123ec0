"""Inequality of opportunity: group rates, the dissimilarity index (D), HOI and Shapley shares.

``D = 1/(2·p̄) · Σ_k β_k·|p_k − p̄|`` over groups k (β_k the group's share of the population
weight, p_k its rate, p̄ the overall rate), 0 when p̄ = 0; ``HOI = p̄·(1 − D)``. For a barrier
(such as stunting) the rates are computed on the complement, 1 − outcome, so that a higher rate is
always better. D is also the Duncan dissimilarity between how the successes and how the
population are spread across the groups.
"""

from __future__ import annotations

from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd


def _codes(df: pd.DataFrame, by: list[str]) -> np.ndarray:
    if not by:
        return np.zeros(len(df), dtype=np.int64)
    return df.groupby(by, sort=True, observed=True).ngroup().to_numpy()


def _factor(column: pd.Series) -> tuple[np.ndarray, int]:
    """Return a column's integer codes (missing values as a level of their own) and level count."""
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
    return codes.astype(np.int64), max(len(uniques), 1)


def _combined(factors: list[tuple[np.ndarray, int]], n_rows: int) -> np.ndarray:
    """Return one group code per row for the cross of several coded circumstances.

    The codes are combined in mixed radix (``code_1 + k_1·code_2 + …``); when the product of the
    level counts grows large, the codes are renumbered to the groups present, so they stay small.
    """
    out = np.zeros(n_rows, dtype=np.int64)
    radix = 1
    for codes, k in factors:
        out += codes * radix
        radix *= k
        if radix > 4 * n_rows + 1_000_000:
            out = np.unique(out, return_inverse=True)[1].astype(np.int64).reshape(-1)
            radix = int(out.max()) + 1 if n_rows else 1
    return out


def _arrays(df, outcome, weight, barrier):
    y = df[outcome].to_numpy(dtype=float)
    if barrier:
        y = 1.0 - y
    w = np.ones(len(df)) if weight is None else df[weight].to_numpy(dtype=float)
    return y, w


def d_from_codes(codes: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """Return (D, p̄) for rows already coded by group (0..K−1), with outcomes and weights.

    The fast core of :func:`dindex`, for callers that hold group codes (bootstrap resamples, one
    row per region).
    """
    wk = np.bincount(codes, weights=w)
    sk = np.bincount(codes, weights=w * y)
    total = wk.sum()
    pbar = sk.sum() / total
    if pbar == 0:
        return 0.0, 0.0
    keep = wk > 0
    pk = sk[keep] / wk[keep]
    beta = wk[keep] / total
    return float(np.sum(beta * np.abs(pk - pbar)) / (2 * pbar)), float(pbar)


def group_rates(
    df: pd.DataFrame, outcome: str, by: list[str], weight: str | None = None, barrier: bool = False
) -> pd.DataFrame:
    """Return, per group, the weighted rate, the population share β and the unweighted count."""
    y, w = _arrays(df, outcome, weight, barrier)
    tmp = df[by].assign(_y=y * w, _w=w)
    g = tmp.groupby(by, sort=True, observed=True).agg(
        weighted=("_y", "sum"), weight=("_w", "sum"), n=("_w", "size")
    )
    g["rate"] = g["weighted"] / g["weight"]
    g["share"] = g["weight"] / g["weight"].sum()
    return g[["rate", "share", "n"]].reset_index()


def dindex(
    df: pd.DataFrame, outcome: str, by: list[str], weight: str | None = None, barrier: bool = False
) -> float:
    """Return the dissimilarity index D of ``outcome`` across the groups defined by ``by``."""
    y, w = _arrays(df, outcome, weight, barrier)
    return d_from_codes(_codes(df, by), y, w)[0]


def hoi(
    df: pd.DataFrame, outcome: str, by: list[str], weight: str | None = None, barrier: bool = False
) -> float:
    """Return the Human Opportunity Index p̄·(1 − D)."""
    y, w = _arrays(df, outcome, weight, barrier)
    d, pbar = d_from_codes(_codes(df, by), y, w)
    return pbar * (1 - d)


def shapley(
    df: pd.DataFrame,
    outcome: str,
    circumstances: list[str],
    weight: str | None = None,
    barrier: bool = False,
) -> pd.Series:
    """Return the exact Shapley decomposition of D by circumstance (the shares sum to D).

    ``φ_c = Σ_{S ⊆ N∖{c}} |S|!·(n−|S|−1)!/n! · (D(S ∪ {c}) − D(S))`` with ``D(∅) = 0``.
    """
    y, w = _arrays(df, outcome, weight, barrier)
    n = len(circumstances)
    # Each circumstance is coded once; a subset's groups are the mixed-radix sum of its codes,
    # so every one of the 2^n values of D is a single weighted count over the rows.
    coded = {c: _factor(df[c]) for c in circumstances}
    cache: dict[frozenset, float] = {frozenset(): 0.0}

    def d_of(subset: frozenset) -> float:
        if subset not in cache:
            factors = [coded[c] for c in circumstances if c in subset]
            cache[subset] = d_from_codes(_combined(factors, len(df)), y, w)[0]
        return cache[subset]

    out = {}
    for c in circumstances:
        others = [x for x in circumstances if x != c]
        total = 0.0
        for size in range(n):
            weight_s = factorial(size) * factorial(n - size - 1) / factorial(n)
            for s in combinations(others, size):
                s = frozenset(s)
                total += weight_s * (d_of(s | {c}) - d_of(s))
        out[c] = total
    return pd.Series(out, name="shapley_share_of_D")
