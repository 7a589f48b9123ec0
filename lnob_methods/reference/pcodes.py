"""The OCHA global P-codes (admin-1 and admin-2 names and codes): read in one place, once.

``data/reference/ocha_global_pcodes_adm1_adm2.csv.gz`` has one row per area: ``iso3``,
``admin_level`` ("1" or "2"), ``pcode``, ``name`` and ``parent_pcode``. Every module that needs
areas (the inventory and testimony checks, the redaction gazetteer, the demonstration generators)
reads them here.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from lnob_methods.core import paths


@lru_cache(maxsize=1)
def table() -> pd.DataFrame:
    """Return the whole P-code table, every column as text."""
    # keep_default_na=False: "NA" is Namibia, not a missing value.
    return pd.read_csv(paths.PCODES, dtype=str, keep_default_na=False)


def areas(iso3: str, level: str | None = None) -> pd.DataFrame:
    """Return a country's areas, all levels or one (``"1"`` or ``"2"``), in file order.

    Parameters
    ----------
    iso3
        ISO 3166-1 alpha-3 code (upper case).
    level
        ``"1"`` for admin-1 areas, ``"2"`` for admin-2 areas, None for both.
    """
    pc = table()
    rows = pc[pc["iso3"] == iso3]
    if level is not None:
        rows = rows[rows["admin_level"] == level]
    return rows.reset_index(drop=True)


def admin1_names(iso3: str) -> dict[str, str]:
    """Return a country's admin-1 names, in file order, mapped to their P-codes."""
    rows = areas(iso3, "1")
    return dict(zip(rows["name"], rows["pcode"], strict=True))


@lru_cache(maxsize=256)
def admin1_lookup(iso3: str) -> dict[str, str]:
    """Return casefolded admin-1 names and P-codes of a country, each mapped to its P-code.

    This is how a typed area is recognised: "Kilifi", "KILIFI" and "KE003" all give "KE003".
    """
    out = {name.casefold(): code for name, code in admin1_names(iso3).items()}
    out.update({code.casefold(): code for code in admin1_names(iso3).values()})
    return out
