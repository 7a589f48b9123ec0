"""The official SDMX codes of the SDG data model for the UN SDG database's people columns.

The UN SDG database writes its breakdowns in lower-case forms (``female``, ``allarea``,
``15_24``, ``q1``); the IAEG-SDGs SDMX code lists of the SDG data structure definition write
``F``, ``_T``, ``Y15T24``, ``Q1``. Exports meant for other systems carry the SDMX codes, with the
dimension and code list named (:data:`CODELISTS`).

Two tables, both data:

- ``data/reference/sdmx_sdg_codelists.csv``: the five code lists, copied from the SDG data
  structure definition (provenance in ``data/reference/SOURCES_upstream.md``).
- ``data/taxonomy/sdgdb_sdmx_codes.csv``: each database code of those columns with its SDMX code,
  or an empty ``sdmx_code`` and a ``note`` saying why (the code list has no such code: ``city``,
  age ``25_54``). An unmapped code stays unmapped in exports (an empty cell), never guessed.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.reference._tables import read_table

# The database's people column -> the SDMX dimension of the SDG data structure definition.
DIMENSIONS = {
    "sex": "SEX",
    "age": "AGE",
    "location": "URBANISATION",
    "quantile": "INCOME_WEALTH_QUANTILE",
    "disability_status": "DISABILITY_STATUS",
}
CODELIST_COLUMNS = ["dimension", "codelist", "agency", "version", "code", "name"]
MAP_COLUMNS = ["column", "code", "sdmx_dimension", "sdmx_code", "note"]


def codelists() -> pd.DataFrame:
    """Return the SDMX codes of the people dimensions (``CODELIST_COLUMNS``)."""
    p = paths.SDMX_CODELISTS
    return _read(p, p.stat().st_mtime_ns, tuple(CODELIST_COLUMNS)).copy()


def codelist_ids() -> dict[str, str]:
    """Return each SDMX dimension's code list as ``agency:id(version)``."""
    cl = codelists().drop_duplicates("dimension")
    return {
        d: f"{a}:{c}({v})"
        for d, a, c, v in cl[["dimension", "agency", "codelist", "version"]].itertuples(index=False)
    }


def code_map() -> pd.DataFrame:
    """Return the map from database codes to SDMX codes (``MAP_COLUMNS``), checked.

    Raises
    ------
    InputError
        Every problem at once: an SDMX code that is not in its dimension's code list, a database
        code listed twice, an unmapped code without a note.
    """
    p = paths.SDMX_CODE_MAP
    table = _read(p, p.stat().st_mtime_ns, tuple(MAP_COLUMNS))
    name = paths.shown(p)
    known = set(codelists()[["dimension", "code"]].itertuples(index=False, name=None))
    problems = []
    for i, r in enumerate(table.itertuples(index=False), start=2):
        if r.sdmx_code and (r.sdmx_dimension, r.sdmx_code) not in known:
            problems.append(
                Problem(
                    name,
                    "unknown-sdmx-code",
                    f"{r.sdmx_code} is not a code of "
                    f"{r.sdmx_dimension} in {paths.shown(paths.SDMX_CODELISTS)}; write a code "
                    "of the list, or leave it empty with a note.",
                    row=i,
                    column="sdmx_code",
                    value=r.sdmx_code,
                )  # fmt: skip
            )
        if not r.sdmx_code and not r.note:
            problems.append(
                Problem(
                    name,
                    "unmapped-without-note",
                    "say in note why this code has no SDMX code.",
                    row=i,
                    column="note",
                    value=r.code,
                )  # fmt: skip
            )
    dup = table[table.duplicated(["column", "code"], keep="first")]
    for i in dup.index:
        problems.append(
            Problem(
                name,
                "duplicate-code",
                "a database code is listed once.",
                row=int(i) + 2,
                column="code",
                value=f"{table.at[i, 'column']}={table.at[i, 'code']}",
            )  # fmt: skip
        )
    if problems:
        raise InputError(problems)
    return table.copy()


def to_sdmx(column: str, codes: pd.Series) -> pd.Series:
    """Return the SDMX codes of database ``codes`` of ``column``; empty text where none exists.

    Parameters
    ----------
    column
        A database people column (a key of :data:`DIMENSIONS`).
    codes
        Its codes (``female``, ``q1``...).
    """
    if column not in DIMENSIONS:
        raise ValueError(f"no SDMX dimension for the column {column!r}")
    m = code_map()
    m = m[m["column"] == column]
    lookup = dict(zip(m["code"], m["sdmx_code"], strict=True))
    return codes.map(lambda c: lookup.get(c, "")).astype(object)


@lru_cache(maxsize=8)
def _read(path, mtime_ns: int, columns: tuple[str, ...]) -> pd.DataFrame:
    return read_table(path, list(columns))[1]
