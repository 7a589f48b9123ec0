"""Where a breakdown by population group applies, and which figures describe which group.

Two declarations, both data with a reason a reader can check:

- ``data/taxonomy/people_indicators.csv``: whether each SDG indicator is measured on people or
  households. Only those can be broken down by population group (the IAEG-SDGs principle:
  indicators are disaggregated "where relevant"); asking for 10.b.1 (financial flows between
  countries) "by disability" makes no sense. A target can be broken down when at least one of its
  indicators can.
- ``sdgdb_breakdown`` of each group in ``data/taxonomy/lnob_groups.yaml``: the codes of the UN SDG
  database that describe the group (``female`` for women and girls, an age band under 18 for
  children). A figure of the group's dimension that does not describe it (female and male figures
  for LGBTIQ+ people, urban and rural figures for slum dwellers) is not evidence on the group.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.reference import sdgdb, taxonomy
from lnob_methods.reference._tables import read_table

PEOPLE_COLUMNS = ["indicator", "measured_on_people", "reason"]
# How the pages name the columns of the database (readers never see the column codes).
COLUMN_LABELS = {
    "sex": "sex",
    "age": "age",
    "location": "area",
    "quantile": "income group",
    "disability_status": "disability status",
    "migratory_status": "migratory status",
    "education_level": "education level",
    "population_group": "population group",
}
COUNTRY_GROUP_REASON = (
    "a group of the country's own: no figure of the global database is declared to describe it"
)


def people_indicators(path: Path | str | None = None) -> pd.DataFrame:
    """Return one row per SDG indicator code: ``indicator``, ``measured_on_people`` and ``reason``.

    Parameters
    ----------
    path
        The CSV file (default ``data/taxonomy/people_indicators.csv``); read once per path and
        modification time.

    Raises
    ------
    InputError
        Every problem at once: a value other than yes or no, an empty code or reason, an
        indicator listed twice. An indicator without a row counts as not measured on people (a
        test checks that the file lists every indicator of the framework).
    """
    p = Path(path) if path is not None else paths.PEOPLE_INDICATORS
    return _load_people(p, p.stat().st_mtime_ns).copy()


def people_indicator_set(path: Path | str | None = None) -> frozenset[str]:
    """Return the indicator codes measured on people or households."""
    t = people_indicators(path)
    return frozenset(t.loc[t["measured_on_people"], "indicator"])


def people_targets(path: Path | str | None = None) -> frozenset[str]:
    """Return the SDG targets with at least one indicator measured on people or households."""
    fw = taxonomy.sdg_framework()
    return frozenset(fw.loc[fw["indicator"].isin(people_indicator_set(path)), "target"])


@lru_cache(maxsize=8)
def _load_people(path: Path, mtime_ns: int) -> pd.DataFrame:
    name, table = read_table(path, PEOPLE_COLUMNS)
    problems = []
    for i, r in enumerate(table.itertuples(index=False), start=2):
        if not r.indicator.strip():
            problems.append(
                Problem(name, "empty", "give the indicator code.", row=i, column="indicator")
            )
        if r.measured_on_people not in ("yes", "no"):
            problems.append(
                Problem(
                    name,
                    "not-yes-no",
                    "write yes or no.",
                    row=i,
                    column="measured_on_people",
                    value=r.measured_on_people,
                )
            )
        if not r.reason.strip():
            problems.append(
                Problem(
                    name, "empty", "say why, from the indicator's wording.", row=i, column="reason"
                )
            )
    for code in table.loc[table["indicator"].duplicated(), "indicator"].unique():
        problems.append(
            Problem(
                name,
                "duplicate",
                "is listed more than once; keep one row.",
                column="indicator",
                value=code,
            )
        )
    if problems:
        raise InputError(problems)
    out = table[PEOPLE_COLUMNS].copy()
    out["measured_on_people"] = out["measured_on_people"].eq("yes")
    return out.reset_index(drop=True)


def group_breakdowns(groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per group, the figures of the UN SDG database that describe it, and why.

    Parameters
    ----------
    groups
        A groups table (``group``, ``dimension``, ``country_specific``); default: the taxonomy's.
        A country's own groups have no declared breakdown.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``dimension``, ``column`` (the dimension's database column, None where it has
        none), ``codes`` (a tuple of (column, tuple of codes)), ``age_range`` ((min, max) or None)
        and ``reason``. A group with neither codes nor an age range has no breakdown.

    Raises
    ------
    InputError
        A taxonomy group without ``sdgdb_breakdown`` or its reason, or naming an unknown column.
    """
    specs = _taxonomy_specs()
    if groups is None:
        groups = taxonomy.groups_table()
    rows = []
    for g in groups.itertuples(index=False):
        column = taxonomy.dimensions()[g.dimension]["sdgdb"]["column"]
        codes, age, reason = specs.get(g.group, ((), None, COUNTRY_GROUP_REASON))
        if getattr(g, "country_specific", False):
            codes, age, reason = (), None, COUNTRY_GROUP_REASON
        rows.append((g.group, g.dimension, column, codes, age, reason))
    return pd.DataFrame(
        rows, columns=["group", "dimension", "column", "codes", "age_range", "reason"]
    )


@lru_cache(maxsize=1)
def _taxonomy_specs() -> dict[str, tuple]:
    name = paths.shown(paths.GROUPS_TAXONOMY)
    problems, specs = [], {}
    for dim in taxonomy.dimensions().values():
        for gid, g in dim["groups"].items():
            spec = g.get("sdgdb_breakdown")
            where = f"dimensions.*.groups.{gid}.sdgdb_breakdown"
            if not isinstance(spec, dict) or not str(spec.get("reason", "")).strip():
                problems.append(
                    Problem(
                        name,
                        "missing-breakdown",
                        "declare which figures of the UN SDG "
                        "database describe the group (or none), with a reason.",
                        column=where,
                        label="key",
                    )
                )
                continue
            codes = tuple(
                (col, tuple(str(c) for c in listed))
                for col, listed in (spec.get("codes") or {}).items()
            )
            for col, _ in codes:
                if col not in sdgdb.PEOPLE_COLUMNS:
                    problems.append(
                        Problem(
                            name,
                            "unknown-column",
                            "is not a breakdown column of the UN SDG "
                            f"database ({', '.join(sdgdb.PEOPLE_COLUMNS)}).",
                            column=where + ".codes",
                            value=col,
                            label="key",
                        )
                    )
            age = spec.get("age_range")
            specs[gid] = (codes, tuple(age) if age else None, " ".join(str(spec["reason"]).split()))
    if problems:
        raise InputError(problems)
    return specs


def describes(data: pd.DataFrame, codes: tuple, age_range: tuple | None) -> pd.Series:
    """Return which rows of the database describe a group (see :func:`group_breakdowns`).

    A row describes the group when, for every declared column, its code is one of the group's
    codes, and, with an age range, its age code's whole range lies inside it. A group with
    neither describes no row.
    """
    if not codes and not age_range:
        return pd.Series(False, index=data.index)
    mask = pd.Series(True, index=data.index)
    for col, listed in codes:
        mask &= data[col].isin(listed)
    if age_range:
        lo, hi = age_range
        inside = {
            code: (r is not None and lo <= r[0] and r[1] <= hi)
            for code in data["age"].unique()
            for r in [taxonomy.age_code_range(code)]
        }
        mask &= data["age"].map(inside).astype(bool)
    return mask


def breakdown_text(codes: tuple, age_range: tuple | None) -> str:
    """Return a reader's description of a group's figures.

    Examples: "sex: female", "an age band of 60 years and over", "sex: female, with an age band
    within 0 to 24 years"; "none" when no figure describes the group.
    """
    labels = {}
    for dim in taxonomy.dimensions().values():
        labels.update(dim["sdgdb"].get("labels") or {})
    parts = [
        f"{COLUMN_LABELS.get(col, col)}: {' or '.join(labels.get(c, c) for c in listed)}"
        for col, listed in codes
    ]
    if age_range:
        lo, hi = age_range
        parts.append(
            f"an age band within {lo} to {hi} years"
            if hi < 150
            else f"an age band of {lo} years and over"
        )
    return ", with ".join(parts) if parts else "none"


def breakdown_markdown() -> str:
    """Return the table of the taxonomy groups' breakdowns, as the book chapters print it."""
    table = group_breakdowns()
    labels = taxonomy.groups_table().set_index("group")["label"]
    lines = [
        "| Group | Figures of the UN SDG Global Database that describe it | Why |",
        "|---|---|---|",
    ]
    for r in table.itertuples(index=False):
        lines.append(f"| {labels[r.group]} | {breakdown_text(r.codes, r.age_range)} | {r.reason} |")
    return "\n".join(lines)
