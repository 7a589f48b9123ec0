"""OPHI global MPI 2024 by subnational region: who is furthest behind, and how unequal regions are.

Source: Alkire, Kanagaratnam & Suppa (2024), OPHI MPI Methodological Note 59, tables 5.1 and 5.2
(``data/reference/ophi_mpi2024_subnational_long.csv``). The breakdowns by age group and by
urban/rural area (the harmonised trend tables) are in :mod:`lnob_methods.analysis.mpi_groups`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnob_methods.analysis import inequality
from lnob_methods.reference import ophi

DEPRIVATIONS = [
    "nutrition",
    "child_mortality",
    "years_of_schooling",
    "school_attendance",
    "cooking_fuel",
    "sanitation",
    "drinking_water",
    "electricity",
    "housing",
    "assets",
]


def regions(iso3: str) -> pd.DataFrame:
    """Return one row per region: survey, population (thousands), MPI, H (%) and deprivations."""
    d = ophi.subnational()
    d = d[d["iso3"] == iso3]
    if d.empty:
        return pd.DataFrame()
    wide = d.pivot_table(
        index=["subnational_region", "survey", "survey_year"],
        columns="measure",
        values="value",
        aggfunc="first",
    ).reset_index()
    wide.columns.name = None
    return wide.sort_values("subnational_region").reset_index(drop=True)


def furthest_regions(iso3: str) -> pd.DataFrame:
    """Return, for poverty (H) and each deprivation, the region with the highest share of people."""
    r = regions(iso3)
    if r.empty:
        return pd.DataFrame()
    rows = []
    for label, col in [("multidimensional poverty (H)", "headcount_ratio_H")] + [
        (d.replace("_", " "), f"censored_headcount_{d}") for d in DEPRIVATIONS
    ]:
        if col not in r or r[col].isna().all():
            continue
        top = r.sort_values([col, "subnational_region"], ascending=[False, True]).iloc[0]
        rows.append(
            (
                label,
                top["subnational_region"],
                round(float(top[col]), 1),
                round(float(np.average(r[col], weights=r["population_2022_thousands"])), 1),
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "deprivation",
            "furthest-behind region",
            "% of people (region)",
            "% of people (population-weighted mean of regions)",
        ],
    )


def regional_d(iso3: str) -> dict[str, float] | None:
    """Return the regional D-index of not being MPI-poor (population weights) and the HOI."""
    r = regions(iso3)
    if r.empty:
        return None
    r = r.dropna(subset=["headcount_ratio_H", "population_2022_thousands"])
    p = 1 - r["headcount_ratio_H"].to_numpy() / 100
    pop = r["population_2022_thousands"].to_numpy(dtype=float)
    d, pbar = inequality.d_from_codes(np.arange(len(r)), p, pop)  # each region its own group
    return {
        "regions": int(len(r)),
        "not_poor_rate": round(pbar, 4),
        "D": round(d, 4),
        "HOI": round(pbar * (1 - d), 4),
    }
