"""Evidence inventories: read, check and combine every file of a country, or files you name."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.inventory.checks import check_rows
from lnob_methods.inventory.reader import read_any
from lnob_methods.reference import countries, rounds

SUFFIXES = {".xlsx", ".csv"}


def country_files(iso3: str, round_no: int | None = None) -> list[Path]:
    """Return the inventory files of a country (``data/countries/<ISO3>/inventories/``), sorted.

    Only those of round ``round_no`` (default: the latest; :mod:`lnob_methods.reference.rounds`).
    """
    folder = paths.countries_dir() / iso3 / "inventories"
    if not folder.exists():
        return []
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
    return rounds.select(found, "inventories", round_no)


def check_files(
    files: list[Path], country: str | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check files together; return (tidy table of every row, all problems).

    Parameters
    ----------
    files
        Inventory files in any supported format.
    country
        ISO3 code: enables the country's own groups and the check that rows are about it.
    """
    place = countries.load_country(country) if country else None
    raws, problems = [], []
    for path in files:
        raw, found = read_any(Path(path))
        raws.append(raw)
        problems += found
    filled = [r for r in raws if len(r)]
    if not filled:
        return load_empty(), problems
    raw = pd.concat(filled, ignore_index=True)
    tidy, found = check_rows(raw, place)
    return tidy, problems + found


def load(files: list[Path], country: str | None = None) -> pd.DataFrame:
    """Return the tidy inventory of ``files``; raise :class:`InputError` listing every problem."""
    tidy, problems = check_files(files, country)
    if problems:
        raise InputError(problems)
    return tidy


def load_country(iso3: str, round_no: int | None = None) -> pd.DataFrame:
    """Return the combined, checked inventory of a country (empty when it has no files)."""
    files = country_files(iso3, round_no)
    if not files:
        return load_empty()
    return load(files, iso3)


def load_empty() -> pd.DataFrame:
    """Return an empty tidy inventory with every column."""
    from lnob_methods.core.cells import ORIGIN
    from lnob_methods.inventory.schema import FIELDS

    return pd.DataFrame(columns=[*(f.name for f in FIELDS), *ORIGIN, "source_type"])
