"""Reading a hand-kept reference table: every column present, or one located error per column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem


def read_table(path: Path, columns: list[str]) -> tuple[str, pd.DataFrame]:
    """Return (the file's name as messages show it, its rows as text).

    Raises
    ------
    InputError
        One ``missing-column`` problem per required column the file lacks.
    """
    name = paths.shown(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        message = f"needs the columns {', '.join(columns)}."
        raise InputError([Problem(name, "missing-column", message, column=c) for c in missing])
    return name, table
