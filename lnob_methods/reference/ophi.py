"""OPHI's global MPI 2024 tables, read once: by subnational region, and harmonised trends by group.

Source: Alkire, Kanagaratnam & Suppa (2024), OPHI MPI Methodological Note 59: tables 5.1 and 5.2
(``data/reference/ophi_mpi2024_subnational_long.csv``) and tables 6.1-6.4
(``data/reference/ophi_mpi2024_harmonised_trends_disaggregated_long.csv.gz``). The analyses are in
:mod:`lnob_methods.analysis.mpi` and :mod:`lnob_methods.analysis.mpi_groups`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lnob_methods.core import paths

SUBNATIONAL = paths.REFERENCE / "ophi_mpi2024_subnational_long.csv"
TRENDS = paths.REFERENCE / "ophi_mpi2024_harmonised_trends_disaggregated_long.csv.gz"
PERIOD = ["survey_t0", "year_t0", "survey_t1", "year_t1"]
DISAGGREGATIONS = ["national", "age_group", "area"]
MEASURES = ["mpi", "headcount_ratio_H"]


@lru_cache(maxsize=1)
def subnational() -> pd.DataFrame:
    """Return the subnational table (long: one row per region, survey and measure)."""
    return pd.read_csv(SUBNATIONAL)


@lru_cache(maxsize=1)
def trends() -> pd.DataFrame:
    """Return the national, age-group and area rows of the MPI and H harmonised trends."""
    d = pd.read_csv(
        TRENDS,
        usecols=["iso3", *PERIOD, "disaggregation", "group", "measure", "statistic", "value"],
        dtype={c: str for c in ["iso3", *PERIOD, "disaggregation", "group", "measure"]},
    )
    keep = d["disaggregation"].isin(DISAGGREGATIONS) & d["measure"].isin(MEASURES)
    return d[keep].reset_index(drop=True)
