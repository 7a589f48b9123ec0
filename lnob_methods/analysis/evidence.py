"""One evidence table per country: official statistics, inventories and voices, keyed by cell.

A *cell* is a population group × an SDG target. Each row of the long evidence table says that one
evidence item covers one cell. Three streams feed it:

- official statistics: an SDG indicator of the target whose figures describe the group (female
  figures for women and girls; see :func:`lnob_methods.analysis.stocktake.group_breakdowns`) is
  evidence for that group, and only for it: female and male figures are not evidence on LGBTIQ+
  people, nor urban and rural figures on slum dwellers;
- the organisations' and other stakeholders' inventories (one row per item, group and target);
- community voices: coded testimonies that cover the group and the target.

Every row carries the declared ``provenance`` of its item: ``real`` for the UN SDG database, and
for inventory and testimony items what their file's ``provenance.yaml`` says (``real``,
``synthetic`` or ``undeclared``). "Official statistics" in findings means an official source
*and* declared real (:func:`is_official_real`); synthetic items keep their source type and are
labelled synthetic wherever they are counted.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.reference import provenance

COLUMNS = [
    "item_id",
    "organisation",
    "title",
    "source_type",
    "evidence_type",
    "quality",
    "access",
    "year",
    "is_synthesis",
    "group",
    "target",
    "stream",
    "provenance",
]
OFFICIAL_HOLDER = "UN SDG Global Database (UNSD and custodian agencies)"


def official_evidence(stocktake: pd.DataFrame, breakdowns: pd.DataFrame) -> pd.DataFrame:
    """Return official-statistics evidence rows from a stocktake table.

    Parameters
    ----------
    stocktake
        From :func:`lnob_methods.analysis.stocktake.indicator_stocktake`.
    breakdowns
        ``indicator`` and ``group``: where the country's figures describe the group, from
        :func:`lnob_methods.analysis.stocktake.group_breakdowns`.

    Returns
    -------
    pandas.DataFrame
        One row per (indicator, group) of ``breakdowns`` whose indicator has data; columns
        :data:`COLUMNS`. Quality is "high" (official statistics reported to the UN database),
        access "public", year the indicator's latest year.
    """
    with_data = stocktake[stocktake["has_data"]]
    rows = breakdowns[["indicator", "group"]].merge(
        with_data[["target", "indicator", "indicator_title", "latest_year"]], on="indicator"
    )
    out = pd.DataFrame(
        {
            "item_id": "SDGDB:" + rows["indicator"],
            "organisation": OFFICIAL_HOLDER,
            "title": rows["indicator"] + " " + rows["indicator_title"],
            "source_type": "official_statistics",
            "evidence_type": "official_indicator",
            "quality": "high",
            "access": "public",
            "year": rows["latest_year"].astype("Int64"),
            "is_synthesis": False,
            "group": rows["group"],
            "target": rows["target"],
            "stream": "official",
            "provenance": provenance.REAL,
        }
    )
    return _tidy(out)


def inventory_evidence(items: pd.DataFrame) -> pd.DataFrame:
    """Return evidence rows from a tidy inventory table (one row per item, group and target).

    Parameters
    ----------
    items
        Tidy inventory: ``id, organisation, title, source_type, evidence_type, quality, access,
        year_to, is_synthesis`` and the multi-valued ``groups`` and ``sdg_targets`` (tuples);
        ``_file``, the file each item was read from, gives its declared provenance.
    """
    if items.empty:
        return pd.DataFrame(columns=COLUMNS)
    long = items.explode("groups").explode("sdg_targets")
    long = long.dropna(subset=["groups", "sdg_targets"])
    out = pd.DataFrame(
        {
            "item_id": long["organisation"] + ":" + long["id"].astype(str),
            "organisation": long["organisation"],
            "title": long["title"],
            "source_type": long["source_type"],
            "evidence_type": long["evidence_type"],
            "quality": long["quality"],
            "access": long["access"],
            "year": pd.to_numeric(long["year_to"], errors="coerce").astype("Int64"),
            "is_synthesis": long["is_synthesis"].eq("yes"),
            "group": long["groups"],
            "target": long["sdg_targets"],
            "stream": "inventory",
            "provenance": _provenance_of(long),
        }
    )
    return _tidy(out)


def _provenance_of(items: pd.DataFrame) -> pd.Series:
    """Return each item's declared status, from its file (``_file``); undeclared without one."""
    if "_file" not in items:
        return pd.Series(provenance.UNDECLARED, index=items.index)
    files = items["_file"].astype(str)
    status = {f: next(iter(provenance.statuses([f]))) for f in sorted(files.unique())}
    return files.map(status)


def voices_evidence_rows(
    voices: pd.DataFrame, year: int | None = None, status: str = provenance.UNDECLARED
) -> pd.DataFrame:
    """Return community-voices evidence rows: one per (group, target) covered by testimonies.

    Parameters
    ----------
    voices
        Columns ``group``, ``target`` and ``n_testimonies`` (published counts, already suppressed:
        a suppressed count is NaN but the cell is still covered).
    year
        The collection year of the testimonies, if known.
    status
        The declared provenance of the testimonies (:func:`combined_status` of their files).
    """
    if voices.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.DataFrame(
        {
            "item_id": "VOICES:" + voices["group"] + ":" + voices["target"],
            "organisation": "Community testimonies",
            "title": "Coded testimonies of people in the group",
            "source_type": "community_voices",
            "evidence_type": "testimonies",
            "quality": "medium",
            "access": "restricted",
            "year": pd.array([year] * len(voices), dtype="Int64"),
            "is_synthesis": False,
            "group": voices["group"],
            "target": voices["target"],
            "stream": "voices",
            "provenance": status,
        }
    )
    return _tidy(out)


def combined_status(files) -> str:
    """Return one status for items drawn from several files.

    Synthetic if any file is synthetic (an item mixing real and made-up data is not real), else
    undeclared if any file is undeclared, else real.
    """
    found = provenance.statuses(files)
    for status in (provenance.SYNTHETIC, provenance.UNDECLARED):
        if status in found:
            return status
    return provenance.REAL


def is_official_real(e: pd.DataFrame) -> pd.Series:
    """Return True for rows that are official statistics: an official source, declared real."""
    return e["source_type"].eq("official_statistics") & e["provenance"].eq(provenance.REAL)


def combine(*parts: pd.DataFrame) -> pd.DataFrame:
    """Concatenate evidence rows, drop exact duplicates and sort for reproducible output."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return _tidy(pd.concat(frames, ignore_index=True))


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    df = df[COLUMNS].drop_duplicates(subset=["item_id", "group", "target"])
    return df.sort_values(["group", "target", "item_id"], kind="stable").reset_index(drop=True)


def goal_of(target: pd.Series) -> pd.Series:
    """Return the goal number (int) of each SDG target code ("16.10" → 16)."""
    return target.str.split(".").str[0].astype(int)
