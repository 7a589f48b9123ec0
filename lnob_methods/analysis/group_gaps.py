"""Gaps between groups in official data: poorest vs richest, rural vs urban, women vs men.

For every series where a country has both values of a comparison in the same year, with the other
people columns at their totals, the latest such year gives a gap. Whether a higher value is worse
(mortality, poverty, stunting...) is decided by a documented keyword rule on the series description:
:data:`WORSE_WHEN_HIGHER`. The group that is behind is then the one on the worse side.
"""

from __future__ import annotations

import re

import pandas as pd

from lnob_methods.reference import sdgdb

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
WORSE_WHEN_HIGHER = re.compile(
    r"mortality|death|poverty|poor\b|stunt|wast|overweight|obes|anaemi|undernourish|"
    r"violence|victim|homicide|suicide|unemploy|not in (education|employment)|neet|out.of.school|"
    r"child labou?r|married (before|by)|mutilation|hiv|malaria|tubercul|hepatitis|incidence|"
    r"food insecurity|informal|slum|without|lack|deprived|below|injur|disaster|affected|missing|"
    r"tobacco|alcohol|smok|substance|drug use|particulate|pollut|emission",
    re.IGNORECASE,
)


def worse_when_higher(description: str) -> bool:
    """Return True when a higher value of the series means people are worse off (keyword rule)."""
    return bool(WORSE_WHEN_HIGHER.search(description or ""))


def group_gaps(data: pd.DataFrame) -> pd.DataFrame:
    """Return one row per series and comparison at the latest year with both values.

    Parameters
    ----------
    data
        A country's rows (``sdgdb.country_data``): ``series_code``, ``series_description``,
        ``target``-bearing ``indicator``, ``year``, ``value_num`` and the people columns.

    Returns
    -------
    pandas.DataFrame
        ``series_code, series_description, indicator, target, comparison, group, year, value,
        reference_value, gap`` (value minus reference), ``relative_gap`` (|gap| divided by the
        larger absolute value, 0 to 1), ``worse_when_higher`` and ``group_behind`` (True when the
        group is on the worse side).
    """
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
            *others,
        ]
        wide = base.pivot_table(index=keys, columns=col, values="value_num", aggfunc="first")
        if code not in wide or ref not in wide:
            continue
        wide = wide.dropna(subset=[code, ref]).reset_index()
        # Prefer the latest year, then the pair closest to the whole population (most totals).
        wide["n_totals"] = sum(
            wide[c].map(lambda v, c=c: not sdgdb.breakdown_codes(c, [v])) for c in others
        )
        wide = wide.sort_values(["year", "n_totals", *keys], kind="stable")
        wide = wide.groupby(["series_code", "indicator"]).tail(1)
        for r in wide.itertuples(index=False):
            a, b = getattr(r, code), getattr(r, ref)
            worse = worse_when_higher(r.series_description)
            denom = max(abs(a), abs(b))
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
                    "worse_when_higher": worse,
                    "group_behind": (a > b) if worse else (a < b),
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
        "worse_when_higher",
        "group_behind",
    ]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["group", "indicator", "series_code"], kind="stable").reset_index(
        drop=True
    )
