"""Machine exports with the official SDMX codes of the SDG data model beside the project's codes.

The group-gaps table compares two values of one database column (``q1`` against ``q5`` of
``quantile``). Its export adds the SDMX dimension (``INCOME_WEALTH_QUANTILE``), the code list
(``IAEG-SDGs:CL_QUANTILE(1.1)``) and both codes in SDMX form (``Q1``, ``Q5``), from the map in
:mod:`lnob_methods.reference.sdmx`; a code without an SDMX form is an empty cell.

It also gives the level both values share in each other people dimension, one column per SDMX
dimension (:data:`DIMENSION_COLUMNS`: ``SEX``, ``AGE``...), read from ``breakdown_codes``:
``AGE`` is ``Y15T24`` for a female-male pair of 15-24-year-olds, ``SEX`` is ``_T`` for a rural-urban
pair of both sexes. The compared dimension's column is empty (its two codes are ``sdmx_code`` and
``sdmx_reference_code``), and so is a dimension the series does not have or a code without an SDMX
form.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import group_gaps
from lnob_methods.reference import sdmx

SDMX_COLUMNS = ["sdmx_dimension", "sdmx_codelist", "sdmx_code", "sdmx_reference_code"]
DIMENSION_COLUMNS = list(sdmx.DIMENSIONS.values())


def group_gaps_with_sdmx(gaps: pd.DataFrame) -> pd.DataFrame:
    """Return the group-gaps table with :data:`SDMX_COLUMNS` after ``comparison``.

    Parameters
    ----------
    gaps
        A table of :func:`lnob_methods.analysis.group_gaps.group_gaps`.
    """
    by_label = {label: (col, code, ref) for _, col, code, ref, label in group_gaps.COMPARISONS}
    lists = sdmx.codelist_ids()
    out = gaps.copy()
    cols = out["comparison"].map(lambda lab: by_label[lab][0])
    dims = cols.map(sdmx.DIMENSIONS)
    new = {
        "sdmx_dimension": dims,
        "sdmx_codelist": dims.map(lists),
        "sdmx_code": pd.Series("", index=out.index, dtype=object),
        "sdmx_reference_code": pd.Series("", index=out.index, dtype=object),
    }
    for label, (col, code, ref) in by_label.items():
        rows = out["comparison"] == label
        if rows.any():
            pair = sdmx.to_sdmx(col, pd.Series([code, ref]))
            new["sdmx_code"][rows] = pair[0]
            new["sdmx_reference_code"][rows] = pair[1]
    shared = out.get("breakdown_codes", pd.Series("", index=out.index)).map(_pairs)
    for column, dim in sdmx.DIMENSIONS.items():
        codes = shared.map(lambda pairs, c=column: pairs.get(c, ""))
        new[dim] = sdmx.to_sdmx(column, codes).where(codes != "", "")
    at = list(out.columns).index("comparison") + 1
    for i, name in enumerate(SDMX_COLUMNS + DIMENSION_COLUMNS):
        out.insert(at + i, name, new[name].astype(object))
    return out


def _pairs(text: object) -> dict[str, str]:
    """Return ``{column: code}`` of a ``breakdown_codes`` text (``age=15_24;sex=bothsex``)."""
    if not isinstance(text, str):
        return {}
    return {k: v for k, _, v in (part.partition("=") for part in text.split(";") if part)}
