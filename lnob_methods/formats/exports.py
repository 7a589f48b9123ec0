"""Exports (CSV, XLSX) that are safe to open in a spreadsheet and byte-for-byte reproducible."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from lnob_methods.core.workbook import fix_workbook_times, write_reproducible_zip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Return text that a spreadsheet will not run as a formula (a leading apostrophe).

    Non-text values are returned unchanged, so numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` whose text cells and column names cannot start a formula."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_formula)
    out.columns = [neutralise_formula(str(c)) for c in out.columns]
    return out


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write a formula-safe UTF-8 CSV with Unix line endings; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(df).to_csv(path, index=False, lineterminator="\n")
    return path


def write_json(data: object, path: Path) -> Path:
    """Write ``data`` as UTF-8 JSON with sorted keys and one-space indents; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False)
    return path


def write_xlsx(sheets: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write formula-safe sheets to an XLSX file with fixed timestamps (reproducible bytes).

    Parameters
    ----------
    sheets
        Sheet name to table.
    path
        Where to write.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # openpyxl's write-only mode streams the rows: several times faster than pandas' to_excel,
    # which builds every cell as an object first.
    wb = Workbook(write_only=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        safe = safe_frame(df)
        ws.append([str(c) for c in safe.columns])
        for row in safe.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in row])
    fix_workbook_times(wb)
    buf = io.BytesIO()
    wb.save(buf)
    write_reproducible_zip(buf.getvalue(), path)
    return path


def _cell(value: object) -> object:
    """Return a value as openpyxl writes it: missing values empty, numpy scalars as Python."""
    if value is None or (not isinstance(value, (str, bytes, tuple, list)) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, (tuple, list)):
        return "; ".join(map(str, value))
    return value
