"""The SDG framework and the LNOB groups taxonomy, loaded from ``data/`` and validated."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from lnob_methods.core import paths, yamlio

TARGET_RE = re.compile(r"^(\d{1,2})\.([0-9]{1,2}|[a-z])$")


@lru_cache(maxsize=1)
def sdg_framework() -> pd.DataFrame:
    """Return the SDG indicator framework, one row per (target, indicator).

    Returns
    -------
    pandas.DataFrame
        Columns ``goal`` (int), ``goal_short``, ``target`` (text, so "16.10" stays "16.10"),
        ``target_title``, ``indicator`` and ``indicator_title``; 169 targets, 231 unique
        indicators (IAEG-SDGs tier file of 30 November 2022).
    """
    df = pd.read_csv(paths.SDG_FRAMEWORK, dtype=str, keep_default_na=False)
    df["goal"] = df["goal"].astype(int)
    return df


def targets() -> list[str]:
    """Return every SDG target code in framework order."""
    return list(_targets())


@lru_cache(maxsize=1)
def _targets() -> tuple[str, ...]:
    return tuple(dict.fromkeys(sdg_framework()["target"].tolist()))


def target_key(target: str) -> tuple[int, int, int | str]:
    """Return a sort key for SDG targets in framework order: 4.7, 16.10, then 16.a.

    Parameters
    ----------
    target : str
        A target code such as ``"16.10"`` or ``"16.a"``.

    Returns
    -------
    tuple
        ``(goal, 0, number)`` for numbered targets and ``(goal, 1, letter)`` for the means of
        implementation, which the framework lists after the numbered ones.
    """
    goal, _, sub = str(target).partition(".")
    return (int(goal), 0, int(sub)) if sub.isdigit() else (int(goal), 1, sub)


@lru_cache(maxsize=1)
def target_set() -> frozenset[str]:
    """Return the SDG target codes as a set, for fast membership tests."""
    return frozenset(_targets())


def goals() -> dict[int, str]:
    """Return goal number to short goal name."""
    fw = sdg_framework().drop_duplicates("goal")
    return dict(zip(fw["goal"], fw["goal_short"], strict=True))


@lru_cache(maxsize=1)
def groups_taxonomy() -> dict:
    """Return the LNOB groups taxonomy (``data/taxonomy/lnob_groups.yaml``) as a dict."""
    return yamlio.safe_load_file(paths.GROUPS_TAXONOMY)


def groups_table(extra: list[dict] | None = None) -> pd.DataFrame:
    """Return one row per population group with its dimension and factors.

    Parameters
    ----------
    extra
        Country-specific groups, each a dict with ``id``, ``label`` and ``dimension``.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``label``, ``dimension``, ``dimension_label``, ``factors``
        (semicolon-joined), ``sdgdb_column`` and ``country_specific``. Which figures of the UN
        SDG database describe each group: see
        :func:`lnob_methods.reference.disaggregation.group_breakdowns`.
    """
    tax = groups_taxonomy()
    rows = []
    for dim_id, dim in tax["dimensions"].items():
        for gid, g in dim["groups"].items():
            rows.append(
                {
                    "group": gid,
                    "label": g["label"],
                    "dimension": dim_id,
                    "dimension_label": dim["label"],
                    "factors": ";".join(dim["factors"]),
                    "sdgdb_column": dim["sdgdb"]["column"],
                    "country_specific": False,
                }
            )
    for g in extra or []:
        dim = tax["dimensions"][g["dimension"]]
        rows.append(
            {
                "group": g["id"],
                "label": g["label"],
                "dimension": g["dimension"],
                "dimension_label": dim["label"],
                "factors": ";".join(dim["factors"]),
                "sdgdb_column": dim["sdgdb"]["column"],
                "country_specific": True,
            }
        )
    return pd.DataFrame(rows)


def dimensions() -> dict[str, dict]:
    """Return the LNOB dimensions (SDG 17.18 grounds plus "other status") by id."""
    return groups_taxonomy()["dimensions"]


def age_code_range(code: str) -> tuple[int, int] | None:
    """Return the (min, max) age in whole years of a UN SDG database age code, or None.

    Parameters
    ----------
    code
        A DDF age code: ``15_24`` (15-24), ``65`` (65 and over), ``lt5y`` (under 5),
        ``lt_45y`` (45 or under), ``lt1m`` (under one month), ``m12t23`` (12-23 months).
        Totals and unknowns (``allage``, ``notspec``, ``u``, ``x``) give None.

    Examples
    --------
    >>> age_code_range("15_24")
    (15, 24)
    >>> age_code_range("65")
    (65, 200)
    >>> age_code_range("lt18y")
    (0, 17)
    >>> age_code_range("m24t59")
    (2, 4)
    """
    if m := re.fullmatch(r"(\d+)_(\d+)", code):
        return int(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d+)", code):
        return int(m[1]), 200
    if m := re.fullmatch(r"lt(\d+)y", code):
        return 0, int(m[1]) - 1
    if m := re.fullmatch(r"lt_(\d+)y", code):
        return 0, int(m[1])
    if re.fullmatch(r"lt\d+m", code):
        return 0, 0
    if m := re.fullmatch(r"m(\d+)t(\d+)", code):
        return int(m[1]) // 12, int(m[2]) // 12
    return None
