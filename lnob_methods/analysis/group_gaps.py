"""Gaps between groups in official data: poorest vs richest, rural vs urban, women vs men.

For every series where a country has both values of a comparison in the same year, with the other
people columns at their totals, the latest such year gives a gap. Whether a higher value is better
or worse is read from the declared polarity of the series (:mod:`lnob_methods.reference.polarity`);
the group that is behind is then the one on the worse side. A series whose polarity is "no
direction", or that has none declared, is listed but never ranked: nobody is behind on it.

Which pair of values a series shows follows a stated rule (:data:`SELECTION_RULE`), never the sort
order of codes: the latest year with both values; then the pair closest to the whole population
(most other breakdowns at their totals); then the level preferred in
``data/taxonomy/preferred_breakdowns.csv`` (lower secondary for completion rates...). Where no rule
separates two levels, every one of them is kept, each named. The level shown is named in the
``breakdown`` column.

How large a gap is for ranking follows one rule too (:func:`ranking_gap`): the relative gap, except
that for a rate the larger value counts as at least :data:`PERCENT_FLOOR` % of its scale (10 for a
percentage, 100 for a rate per 1,000, 10,000 for a rate per 100,000), so that a ratio of two tiny
rates (0.9 % against 0.1 %, or 1 against 0.5 new HIV infections per 1,000) cannot rank above a gap
of tens of points.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.reference import disaggregation, sdgdb, taxonomy
from lnob_methods.reference import polarity as pol

COMPARISONS = [
    # (group behind if worse, LNOB group id, column, code, reference code, label)
    ("people_in_poverty", "quantile", "q1", "q5", "poorest vs richest quintile"),
    ("rural_population", "location", "rural", "urban", "rural vs urban"),
    ("women_and_girls", "sex", "female", "male", "female vs male"),
    (
        "persons_with_disabilities",
        "disability_status",
        "pwd",
        "pd",
        "persons with vs without disability",
    ),
]

PERCENT_FLOOR = 10.0
SELECTION_RULE = (
    "the latest year with both values; then the pair closest to the whole population (most other "
    "breakdowns at their totals); then the level preferred in the table of preferred breakdowns; "
    "where no rule separates two levels, each is shown"
)
RANKING_RULE = (
    f"gaps are ranked by the difference divided by the larger of the two values; for a rate the "
    f"larger value counts as at least {PERCENT_FLOOR:g} % of its scale ({PERCENT_FLOOR:g} for a "
    f"percentage, 100 for a rate per 1,000, 10,000 for a rate per 100,000), so two tiny rates "
    f"(0.9 % against 0.1 %) rank by their difference over that floor"
)
_UNRANKED_LEVEL = 99  # a level the table does not list comes after every listed level


def preferred_breakdowns(path: Path | str | None = None) -> pd.DataFrame:
    """Return the preferred breakdown levels: ``column, code, label, preference, reason``.

    Parameters
    ----------
    path
        The CSV file (default ``data/taxonomy/preferred_breakdowns.csv``).
    """
    p = Path(path) if path is not None else paths.PREFERRED_BREAKDOWNS
    return pd.read_csv(p, dtype={"code": str, "column": str}, keep_default_na=False)


def ranking_gap(value: float, reference: float, scale: float | None) -> float:
    """Return the size of a gap for ranking, 0 to 1 (the rule of :data:`RANKING_RULE`).

    ``|value − reference| / max(|value|, |reference|)``, with the denominator at least
    :data:`PERCENT_FLOOR` % of ``scale`` when the unit is a rate (``scale`` 100 for a
    percentage, 1,000 for a rate per 1,000; None when the unit is not a rate); 0 when both
    values are 0.

    >>> ranking_gap(3.0, 1.0, 100), ranking_gap(1.0, 0.5, 1000), ranking_gap(60, 40, None)
    (0.2, 0.005, 0.3333333333333333)
    """
    floor = PERCENT_FLOOR / 100 * scale if scale else 0.0
    denom = max(abs(value), abs(reference), floor)
    return abs(value - reference) / denom if denom else 0.0


def rate_scale(units: str, description: str = "") -> float | None:
    """Return the scale of a rate from its unit (100 for a percentage, N for "per N"), or None.

    >>> rate_scale("percent"), rate_scale("per_100000_pop"), rate_scale("per_1000_live_births")
    (100.0, 100000.0, 1000.0)
    >>> rate_scale("number") is None, rate_scale("index", "Share of youth (%)")
    (True, 100.0)
    >>> rate_scale("", "Maternal mortality ratio (per 100,000 live births)")
    100000.0
    """
    if _is_percent(units, description):
        return 100.0
    found = re.fullmatch(r"per_(\d+)(?:_.*)?", str(units).strip().lower())
    if found:
        return float(found.group(1))
    found = re.search(r"\(per (\d[\d,]*) ", str(description))
    return float(found.group(1).replace(",", "")) if found else None


def group_gaps(
    data: pd.DataFrame,
    polarity_file: Path | str | None = None,
    preferred_file: Path | str | None = None,
) -> pd.DataFrame:
    """Return one row per series and comparison at the latest year with both values.

    Parameters
    ----------
    data
        A country's rows (``sdgdb.country_data``): ``series_code``, ``series_description``,
        ``target``-bearing ``indicator``, ``year``, ``value_num`` and the people columns.
    polarity_file
        The polarity table (default ``data/taxonomy/series_polarity.csv``).
    preferred_file
        The preferred breakdown levels (default ``data/taxonomy/preferred_breakdowns.csv``).

    Returns
    -------
    pandas.DataFrame
        ``series_code, series_description, indicator, target, comparison, group, year, value,
        reference_value, gap`` (value minus reference), ``relative_gap`` (|gap| divided by the
        larger absolute value, 0 to 1), ``percent`` (whether the unit is a percentage),
        ``ranking_gap`` (:func:`ranking_gap`), ``breakdown`` (the other breakdown levels of the
        pair, for readers: "education level: lower secondary"; "none" when all are totals),
        ``breakdown_codes`` (the same for machines: the database's codes of the other people
        columns, totals included, ``age=15_24;sex=bothsex``),
        ``polarity`` (a code of
        :data:`lnob_methods.reference.polarity.POLARITIES`, missing where none is declared),
        ``direction`` (what a reader sees: "higher is better", "higher is worse", or why the series
        is not ranked), ``ranked`` (True for "higher is better" and "higher is worse") and
        ``group_behind`` (True when the series is ranked and the group is on the worse side).
    """
    polarities = pol.polarity_map(polarity_file)
    pref = preferred_breakdowns(preferred_file)
    keys = list(zip(pref["column"], pref["code"], strict=True))
    ranks = dict(zip(keys, pref["preference"].astype(int), strict=True))
    labels = _labels(pref)
    if "units" not in data.columns:
        data = data.assign(units="")
    rows = []
    people = [c for c in sdgdb.PEOPLE_COLUMNS if c in data.columns]
    for group, col, code, ref, label in COMPARISONS:
        others = [c for c in people if c != col]
        base = data.dropna(subset=["value_num"])
        # Parity indices are already ratios between groups: comparing them again says nothing.
        base = base[
            base[col].isin([code, ref])
            & ~base["series_description"].str.contains("parity index", case=False)
        ]
        if base.empty:
            continue
        # Pair values that agree on every other breakdown (same age band, same sex...).
        keys = [
            "series_code",
            "series_description",
            "indicator",
            "year",
            "other_disaggregations",
            "units",
            *others,
        ]
        wide = base.pivot_table(index=keys, columns=col, values="value_num", aggfunc="first")
        if code not in wide or ref not in wide:
            continue
        wide = wide.dropna(subset=[code, ref]).reset_index()
        wide = _select(wide, others, ranks)
        for r in wide.itertuples(index=False):
            a, b = getattr(r, code), getattr(r, ref)
            polarity = polarities.get(r.series_code)
            denom = max(abs(a), abs(b))
            scale = rate_scale(r.units, r.series_description)
            percent = scale == 100.0
            rows.append(
                {
                    "series_code": r.series_code,
                    "series_description": r.series_description,
                    "indicator": r.indicator,
                    "target": r.indicator.rsplit(".", 1)[0],
                    "comparison": label,
                    "group": group,
                    "year": int(r.year),
                    "value": a,
                    "reference_value": b,
                    "gap": a - b,
                    "relative_gap": abs(a - b) / denom if denom else 0.0,
                    "percent": percent,
                    "ranking_gap": ranking_gap(a, b, scale),
                    "breakdown": _breakdown(r, others, labels),
                    "breakdown_codes": _breakdown_codes(r, others),
                    "polarity": polarity,
                    "direction": pol.direction_label(polarity),
                    "ranked": polarity in (pol.HIGHER_IS_BETTER, pol.HIGHER_IS_WORSE),
                    "group_behind": _behind(polarity, a, b),
                }
            )
    cols = [
        "series_code",
        "series_description",
        "indicator",
        "target",
        "comparison",
        "group",
        "year",
        "value",
        "reference_value",
        "gap",
        "relative_gap",
        "percent",
        "ranking_gap",
        "breakdown",
        "breakdown_codes",
        "polarity",
        "direction",
        "ranked",
        "group_behind",
    ]
    out = pd.DataFrame(rows, columns=cols)
    # Typed even when empty (a territory with no breakdown by group): an empty mask of objects
    # would select columns, not rows, and the pages' filters would lose every column.
    out = out.astype({"percent": bool, "ranked": bool, "group_behind": bool, "year": "int64"})
    return out.sort_values(
        ["group", "indicator", "series_code", "breakdown"], kind="stable"
    ).reset_index(drop=True)


def _select(wide: pd.DataFrame, others: list[str], ranks: dict) -> pd.DataFrame:
    """Keep, per series, the pairs the rule of :data:`SELECTION_RULE` selects (several on a tie)."""
    if wide.empty:
        return wide
    split = {c: wide[c].map(lambda v, c=c: bool(sdgdb.breakdown_codes(c, [v]))) for c in others}
    extra = wide["other_disaggregations"].map(lambda v: len(_other_levels(v)))
    wide = wide.assign(
        _n_totals=sum((~s).astype(int) for s in split.values()) - extra,
        _preference=sum(
            wide[c].map(lambda v, c=c: ranks.get((c, v), _UNRANKED_LEVEL)).where(split[c], 0)
            for c in others
        ),
    )
    per = wide.groupby(["series_code", "indicator"])
    keep = wide["year"] == per["year"].transform("max")
    wide = wide[keep]
    per = wide.groupby(["series_code", "indicator"])
    wide = wide[wide["_n_totals"] == per["_n_totals"].transform("max")]
    per = wide.groupby(["series_code", "indicator"])
    wide = wide[wide["_preference"] == per["_preference"].transform("min")]
    return wide.drop(columns=["_n_totals", "_preference"])


def _is_percent(units: str, description: str) -> bool:
    return str(units).strip().lower() == "percent" or str(description).rstrip().endswith("(%)")


def _breakdown(row, others: list[str], labels: dict) -> str:
    """Name the other breakdown levels of a pair for readers ("education level: primary")."""
    parts = []
    for c in others:
        v = getattr(row, c)
        if sdgdb.breakdown_codes(c, [v]):
            fallback = _age_label(v) if c == "age" else str(v).replace("_", " ")
            name = labels.get((c, v), fallback)
            parts.append(f"{disaggregation.COLUMN_LABELS.get(c, c)}: {name}")
    parts += [
        f"{key.replace('_', ' ')}: {labels.get((key, value), value.replace('_', ' '))}"
        for key, value in _other_levels(row.other_disaggregations)
    ]
    return "; ".join(parts) if parts else "none"


def _breakdown_codes(row, others: list[str]) -> str:
    """Return the database codes of the other people columns of a pair (``age=15_24;sex=...``)."""
    codes = [(c, getattr(row, c)) for c in others]
    return ";".join(f"{c}={v}" for c, v in codes if isinstance(v, str) and v)


def _labels(preferred: pd.DataFrame, path: Path | str | None = None) -> dict:
    """Return readers' labels by (column, code): taxonomy, then label table, then preferences."""
    labels = {}
    for dim in taxonomy.dimensions().values():
        column = dim["sdgdb"]["column"]
        labels.update({(column, k): v for k, v in (dim["sdgdb"].get("labels") or {}).items()})
    table = pd.read_csv(path or paths.BREAKDOWN_LABELS, dtype=str, keep_default_na=False)
    for frame in (table, preferred):
        keys = zip(frame["column"], frame["code"], strict=True)
        labels.update(zip(keys, frame["label"], strict=True))
    return labels


def _other_levels(text) -> list[tuple[str, str]]:
    """Return the (breakdown, level) pairs of ``other_disaggregations`` that are not totals."""
    totals = sdgdb.NOT_A_BREAKDOWN | {"t", "total", "_t", "all"}
    pairs = [part.partition("=") for part in str(text).split(";") if part]
    return [(k, v) for k, _, v in pairs if v not in totals]


def _age_label(code: str) -> str:
    if m := re.fullmatch(r"lt(\d+)y", code):
        return f"under {m[1]} year{'s' if m[1] != '1' else ''}"
    if m := re.fullmatch(r"lt(\d+)m", code):
        return f"under {m[1]} month{'s' if m[1] != '1' else ''}"
    if m := re.fullmatch(r"m(\d+)t(\d+)", code):
        return f"{m[1]}-{m[2]} months"
    span = taxonomy.age_code_range(code)
    if span is None:
        return code
    lo, hi = span
    if hi >= 150:
        return f"{lo} years and over"
    return f"{lo} years" if lo == hi else f"{lo}-{hi} years"


def n_comparisons(gaps: pd.DataFrame) -> int:
    """Return how many series × comparisons a gap table holds (levels shown apart count once).

    Where no rule separates two breakdown levels, each level is a row of its own; the prose
    counts the series compared, not the rows.
    """
    return int(len(gaps[["series_code", "comparison"]].drop_duplicates()))


def _behind(polarity: str | None, value: float, reference: float) -> bool:
    """Return True when the group's value is on the worse side of the comparison group's."""
    if polarity == pol.HIGHER_IS_WORSE:
        return bool(value > reference)
    if polarity == pol.HIGHER_IS_BETTER:
        return bool(value < reference)
    return False  # no direction, or none declared: nobody is ranked behind
