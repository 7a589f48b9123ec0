"""OPHI global MPI 2024 harmonised trends by age group and by urban/rural area.

Source: Alkire, Kanagaratnam & Suppa (2024), OPHI MPI Methodological Note 59, tables 6.1-6.4
(``data/reference/ophi_mpi2024_harmonised_trends_disaggregated_long.csv.gz``). For each country
OPHI compares two surveys made comparable ("harmonised"): t0 and t1, with the annualised absolute
change between them. Some countries have several such pairs (Nepal has five); the country pages
use the latest pair, the one whose t1 survey ends last.

Units are kept as OPHI gives them and named in the columns: the MPI is a number from 0 to 1
(``mpi_*``), the headcount ratio H a percentage of people (``h_pct_*``); the annualised changes are
in MPI points and in percentage points per year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnob_methods.reference import ophi

# Display order of the groups; a group OPHI adds later sorts after these, by name.
GROUP_ORDER = ["national", "0-9", "10-17", "18-59", "60+", "0-17", "18+", "Rural", "Urban", "Camp"]
# 0-17 and 18+ are unions of the finer age groups, so they never compete for "furthest behind".
AGGREGATES = {"0-17", "18+"}
PERIOD = ophi.PERIOD
DISAGGREGATIONS = ophi.DISAGGREGATIONS
_MEASURES = {"mpi": "mpi", "headcount_ratio_H": "h_pct"}
_STATISTICS = {"t0": "t0", "t1": "t1", "annualized_abs_change": "change_per_year"}
COLUMNS = [
    "disaggregation",
    "group",
    *PERIOD,
    "mpi_t0",
    "mpi_t1",
    "mpi_change_per_year",
    "h_pct_t0",
    "h_pct_t1",
    "h_pct_change_per_year",
]
FURTHEST_COLUMNS = [
    "disaggregation",
    "group",
    "survey_t1",
    "year_t1",
    "mpi_t1",
    "h_pct_t1",
    "national_mpi_t1",
    "ratio_to_national_mpi",
]


def _end_year(year: str) -> int:
    """Return the last calendar year of a survey year such as ``"2008-2009"``."""
    return int(str(year)[-4:])


def _period_key(frame: pd.DataFrame) -> pd.Series:
    return frame["year_t1"].map(_end_year) * 10_000 + frame["year_t0"].map(_end_year)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {g: i for i, g in enumerate(GROUP_ORDER)}
    keys = pd.DataFrame(
        {
            "period": _period_key(frame),
            "disaggregation": frame["disaggregation"].map(DISAGGREGATIONS.index),
            "group_rank": frame["group"].map(lambda g: rank.get(g, len(rank))),
            "group": frame["group"],
            "survey_t0": frame["survey_t0"],
            "survey_t1": frame["survey_t1"],
        },
        index=frame.index,
    )
    order = keys.sort_values(list(keys.columns), kind="mergesort").index
    return frame.loc[order].reset_index(drop=True)


def latest_period(table: pd.DataFrame) -> pd.DataFrame:
    """Keep the rows of the latest survey pair (latest end of t1, then of t0)."""
    if table.empty:
        return table
    key = _period_key(table)
    return table[key == key.max()].reset_index(drop=True)


def breakdowns(iso3: str, *, all_periods: bool = False) -> pd.DataFrame:
    """Return MPI and H by age group and by area, with the national values, for one country.

    Parameters
    ----------
    iso3
        ISO 3166-1 alpha-3 code.
    all_periods
        Keep every harmonised survey pair OPHI gives for the country; by default only the latest.

    Returns
    -------
    pandas.DataFrame
        One row per (survey pair, disaggregation, group), columns :data:`COLUMNS`: the surveys and
        their years, ``mpi_t0``, ``mpi_t1`` (0-1), ``h_pct_t0``, ``h_pct_t1`` (% of people) and
        the annualised absolute changes (MPI points and percentage points per year). Sorted by
        survey pair, then national, age groups, areas, in :data:`GROUP_ORDER`. Empty, with the
        same columns, when the file has no row for the country.
    """
    d = ophi.trends()
    d = d[d["iso3"] == iso3]
    if d.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in COLUMNS})
    wide = d.pivot(
        index=[*PERIOD, "disaggregation", "group"], columns=["measure", "statistic"], values="value"
    )
    wide.columns = [f"{_MEASURES[m]}_{_STATISTICS[s]}" for m, s in wide.columns]
    wide = wide.reset_index().reindex(columns=COLUMNS)
    wide = _sorted(wide)
    return wide if all_periods else latest_period(wide)


def _dtype(column: str) -> str:
    return "float64" if column.startswith(("mpi_", "h_pct_")) else "str"


def pick_furthest_behind(table: pd.DataFrame) -> pd.DataFrame:
    """Return, for age group and for area, the group with the highest MPI at t1.

    Only the latest survey pair in ``table`` is used. The overlapping age groups 0-17 and 18+
    (:data:`AGGREGATES`) are left out: they average the finer groups. The file gives no group
    populations, so a tie in MPI goes to the group whose name sorts first.

    Parameters
    ----------
    table
        From :func:`breakdowns` (or a table with the same columns).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FURTHEST_COLUMNS`: one row per disaggregation that has groups, with the
        group's MPI and H at t1, the national MPI at t1 and the ratio of the two (NaN when the
        national MPI is 0 or missing).
    """
    t = latest_period(table)
    national = t.loc[t["disaggregation"] == "national", "mpi_t1"]
    nat = float(national.iloc[0]) if len(national) else np.nan
    rows = []
    for dis in DISAGGREGATIONS[1:]:
        cand = t[(t["disaggregation"] == dis) & ~t["group"].isin(AGGREGATES) & t["mpi_t1"].notna()]
        if cand.empty:
            continue
        top = cand.sort_values(["mpi_t1", "group"], ascending=[False, True], kind="mergesort")
        top = top.iloc[0]
        ratio = float(top["mpi_t1"]) / nat if nat > 0 else np.nan
        rows.append(
            [dis, top["group"], top["survey_t1"], top["year_t1"], float(top["mpi_t1"])]
            + [float(top["h_pct_t1"]), nat, ratio]
        )
    out = pd.DataFrame(rows, columns=FURTHEST_COLUMNS)
    return out.astype({c: "float64" for c in FURTHEST_COLUMNS[4:]})


def furthest_behind_groups(iso3: str) -> pd.DataFrame:
    """Return :func:`pick_furthest_behind` of the country's latest :func:`breakdowns`."""
    return pick_furthest_behind(breakdowns(iso3))


_AREA_WORDS = {"Rural": "rural areas", "Urban": "urban areas", "Camp": "camps"}


def _who(row) -> str:
    if row["disaggregation"] == "age_group":
        return f"the age group furthest behind is people aged {row['group']}"
    return f"the area furthest behind is {_AREA_WORDS.get(row['group'], row['group'])}"


def finding_text(table: pd.DataFrame, name: str) -> str:
    """Return one sentence on who is furthest behind by age and by area, for the page's prose.

    Parameters
    ----------
    table
        From :func:`breakdowns`.
    name
        The country's name.
    """
    top = pick_furthest_behind(table)
    if top.empty:
        return (
            f"The OPHI global MPI 2024 harmonised trend tables have no breakdown by age group or "
            f"by urban/rural area for {name}."
        )
    first = top.iloc[0]
    clauses = []
    for _, r in top.iterrows():
        if np.isnan(r["ratio_to_national_mpi"]):
            how = f"MPI {r['mpi_t1']:.3f}; the national MPI is 0 or missing"
        else:
            how = f"MPI {r['mpi_t1']:.3f}, {r['ratio_to_national_mpi']:.2f} times the national MPI"
        clauses.append(f"{_who(r)} ({how})")
    nat = first["national_mpi_t1"]
    national = "" if np.isnan(nat) else f", national MPI {nat:.3f}"
    survey = f"{first['survey_t1']} {first['year_t1']}{national}"
    return f"In the latest harmonised survey for {name} ({survey}), " + " and ".join(clauses) + "."


def table_caption(table: pd.DataFrame, name: str) -> str:
    """Return the caption of the breakdown table, saying so when there is no breakdown."""
    if table.empty:
        return f"No harmonised OPHI global MPI 2024 breakdown by age or by area exists for {name}."
    return (
        f"{name}: MPI (0-1) and H (% of people) by age group and by area, at t0 and t1, with the "
        "annualised absolute change (per year); OPHI global MPI 2024 (harmonised)"
    )


def for_display(table: pd.DataFrame) -> pd.DataFrame:
    """Round the breakdown table for reading: MPI to 3 decimals, H to 1, changes to 4 and 2."""
    digits = {"mpi_t0": 3, "mpi_t1": 3, "mpi_change_per_year": 4}
    digits |= {"h_pct_t0": 1, "h_pct_t1": 1, "h_pct_change_per_year": 2}
    return table.round(digits)
