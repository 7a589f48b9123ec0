"""One display layer: the library's tables as readers see them, without code vocabulary.

Every table a results page shows goes through :func:`for_readers` (``notebook.show_table`` calls
it): column names become words, codes of the taxonomy and vocabulary become their labels, other
``snake_case`` codes become words, Python booleans become "yes" and "no", and numbers are rounded
for reading. Machine exports (CSV, XLSX, JSON) keep the codes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from lnob_methods.core import vocabulary
from lnob_methods.reference import taxonomy

SNAKE = re.compile(r"\b[A-Za-z][a-z0-9]*(?:_[A-Za-z0-9]+)+\b")
# Column names whose words are not just the name without underscores.
COLUMN_WORDS = {
    "has_data": "data",
    "n_items": "items",
    "n_organisations": "number of organisations",
    "in_focus": "in the research focus",
    "mpi_t0": "MPI at t0",
    "mpi_t1": "MPI at t1",
    "mpi_change_per_year": "MPI change per year",
    "h_pct_t0": "H at t0 (% of people)",
    "h_pct_t1": "H at t1 (% of people)",
    "h_pct_change_per_year": "H change per year (points)",
    "national_mpi_t1": "national MPI at t1",
    "ratio_to_national_mpi": "ratio to the national MPI",
    "not_poor_rate": "rate of people not poor",
    "ci_low": "95% interval from",
    "ci_high": "95% interval to",
    "D_ci_low": "D, 95% interval from",
    "D_ci_high": "D, 95% interval to",
    "n_boot": "bootstrap resamples",
    "age_group": "age group",
}


@lru_cache(maxsize=1)
def code_labels() -> dict[str, str]:
    """Return the labels readers see for codes: groups, dimensions, source types."""
    labels = dict(vocabulary.SOURCE_TYPE_LABELS)
    labels.update({k: v["label"] for k, v in taxonomy.dimensions().items()})
    groups = taxonomy.groups_table()
    labels.update(dict(zip(groups["group"], groups["label"], strict=True)))
    return labels


def words(code: str) -> str:
    """Return a code in words: its label when it has one, else without underscores."""
    return code_labels().get(code) or code.replace("_", " ")


def column_label(name: object) -> str:
    """Return the header readers see for a column name."""
    text = str(name)
    if text in COLUMN_WORDS:
        return COLUMN_WORDS[text]
    if text.startswith("n_"):
        return "number of " + text[2:].replace("_", " ")
    return SNAKE.sub(lambda m: words(m.group(0)), text)


def number_text(x: float) -> str:
    """Return a number rounded for reading.

    Whole numbers as they are (years stay "2019", counts of ten thousand or more get thousands
    separators); from 100 on no decimals; from 1 on two decimals at most; below 1 three decimals
    at most, and "< 0.001" for what would round to zero.

    Examples
    --------
    >>> [number_text(v) for v in [2019.0, 12345.0, 123.456, 45.678, 0.0323, 0.0002, 0.0]]
    ['2019', '12,345', '123', '45.68', '0.032', '< 0.001', '0']
    """
    if x is None or pd.isna(x):
        return "–"
    if float(x).is_integer():
        n = int(x)
        return f"{n:,}" if abs(n) >= 10_000 else str(n)
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 1:
        return f"{x:,.2f}".rstrip("0").rstrip(".")
    shown = f"{x:.3f}".rstrip("0").rstrip(".")
    return "< 0.001" if shown in ("0", "-0") else shown


def cell_text(value: object) -> object:
    """Return one cell as readers see it (see the module docstring)."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return number_text(float(value))
    if isinstance(value, str):
        if value in code_labels():
            return code_labels()[value]
        return SNAKE.sub(lambda m: words(m.group(0)), value)
    if isinstance(value, tuple):
        return ", ".join(str(cell_text(v)) for v in value)
    return value


def for_readers(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table with words for codes, yes/no and rounded numbers."""
    out = df.copy()
    for i in range(out.shape[1]):  # by position: a table may repeat a column name
        series = out.iloc[:, i]
        if series.dtype == object or pd.api.types.is_bool_dtype(series):
            shown = series.map(cell_text, na_action="ignore")
        elif pd.api.types.is_float_dtype(series):
            shown = series.map(number_text).astype(object)
        elif isinstance(series.dtype, pd.StringDtype):
            shown = series.astype(object).map(cell_text, na_action="ignore")
        else:
            continue
        out.isetitem(i, shown)
    labels = [column_label(c) for c in out.columns]
    if len(set(labels)) < len(set(map(str, out.columns))):  # two names gave one label: keep apart
        labels = [str(c).replace("_", " ") for c in out.columns]
    out.columns = labels
    return out
