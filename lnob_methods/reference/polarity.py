"""Which way is worse: the declared polarity of each UN SDG database series.

Whether a higher value means people are worse off cannot be guessed from words in a description
("Proportion of unemployed persons receiving unemployment cash benefit" contains "unemploy" but
coverage is good). ``data/taxonomy/series_polarity.csv`` declares it for every series that can
reach a comparison between groups, one row per series, with the reason read from the series'
description and unit:

- ``higher_is_better``: coverage, access, completion, income...;
- ``higher_is_worse``: mortality, poverty, violence, bribery...;
- ``no_direction``: a higher value is neither better nor worse for the group (a count of people
  that grows with the group's size, the composition of a workforce, detected cases that measure
  detection as much as harm).

A series without a row has no declared polarity: it is never ranked either.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.reference._tables import read_table

HIGHER_IS_BETTER = "higher_is_better"
HIGHER_IS_WORSE = "higher_is_worse"
NO_DIRECTION = "no_direction"
POLARITIES = (HIGHER_IS_BETTER, HIGHER_IS_WORSE, NO_DIRECTION)
COLUMNS = ["series_code", "polarity", "reason"]
# What a reader sees: the pages never show the codes above.
LABELS = {
    HIGHER_IS_BETTER: "higher is better",
    HIGHER_IS_WORSE: "higher is worse",
    NO_DIRECTION: "not ranked: a higher value is neither better nor worse",
}
NOT_DECLARED = "not ranked: no direction declared"
_NEEDS = f"needs the columns {', '.join(COLUMNS)}."


def series_polarity(path: Path | str | None = None) -> pd.DataFrame:
    """Return the polarity table: ``series_code``, ``polarity`` and ``reason``, one row a series.

    Parameters
    ----------
    path
        The CSV file (default ``data/taxonomy/series_polarity.csv``). Read once per path and
        modification time.

    Raises
    ------
    InputError
        Every problem of the file at once: a missing column, an unknown polarity, a series listed
        twice, an empty reason.
    """
    p = Path(path) if path is not None else paths.SERIES_POLARITY
    return _load(p, p.stat().st_mtime_ns).copy()


def polarity_map(path: Path | str | None = None) -> dict[str, str]:
    """Return series code to polarity; a series missing from the dict has none declared."""
    table = series_polarity(path)
    return dict(zip(table["series_code"], table["polarity"], strict=True))


def direction_label(polarity: str | None) -> str:
    """Return what a reader sees for a polarity: "higher is better", or why it is not ranked."""
    return LABELS.get(polarity, NOT_DECLARED) if polarity else NOT_DECLARED


@lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int) -> pd.DataFrame:
    name, table = read_table(path, COLUMNS)
    problems = []
    for i, r in enumerate(table.itertuples(index=False), start=2):
        if not r.series_code.strip():
            problems.append(
                Problem(name, "empty", "give the series code.", row=i, column="series_code")
            )
        if r.polarity not in POLARITIES:
            problems.append(
                Problem(
                    name,
                    "unknown-polarity",
                    f"use one of {', '.join(POLARITIES)}.",
                    row=i,
                    column="polarity",
                    value=r.polarity,
                )
            )
        if not r.reason.strip():
            problems.append(
                Problem(
                    name,
                    "empty",
                    "say why, from the series' description and unit.",
                    row=i,
                    column="reason",
                )
            )
    for code in table.loc[table["series_code"].duplicated(), "series_code"].unique():
        rows = [i + 2 for i in table.index[table["series_code"] == code]]
        problems.append(
            Problem(
                name,
                "duplicate",
                f"is listed on rows {', '.join(map(str, rows))}; keep one row per series.",
                column="series_code",
                value=code,
            )
        )
    if problems:
        raise InputError(problems)
    return table[COLUMNS].reset_index(drop=True)
