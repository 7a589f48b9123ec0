"""Exports (CSV, XLSX) that are safe to open in a spreadsheet and byte-for-byte reproducible."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from lnob_methods.core.workbook import fix_workbook_times, write_reproducible_zip
from lnob_methods.formats import xlsx_rows

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
    safe = {name: safe_frame(df) for name, df in sheets.items()}
    try:
        data, rows = _with_rows_written_here(safe)
    except xlsx_rows.Unsupported:
        data, rows = _written_by_openpyxl(safe), {}

    def _fill(member: str, content: bytes) -> bytes:
        return (
            content.replace(xlsx_rows.EMPTY_SHEET_DATA, rows[member]) if member in rows else content
        )

    write_reproducible_zip(data, path, edit=_fill)
    return path


def _with_rows_written_here(sheets: dict[str, pd.DataFrame]) -> tuple[bytes, dict[str, bytes]]:
    """Return a workbook saved with empty sheets, and each sheet's rows to put in it.

    The rows are the XML openpyxl would write (:mod:`lnob_methods.formats.xlsx_rows`), made
    several times faster; the workbook around them is openpyxl's own. Raises
    :class:`~lnob_methods.formats.xlsx_rows.Unsupported` for values left to openpyxl, and when
    openpyxl's empty sheet is not the one expected (another openpyxl version).
    """
    rows = [xlsx_rows.sheet_data([str(c) for c in df.columns], df, _cell) for df in sheets.values()]
    wb = Workbook(write_only=True)
    made = [wb.create_sheet(title=name[:31]) for name in sheets]
    fix_workbook_times(wb)
    buf = io.BytesIO()
    wb.save(buf)
    members = {ws.path.lstrip("/"): r for ws, r in zip(made, rows, strict=True)}
    with zipfile.ZipFile(buf) as saved:
        if any(saved.read(m).count(xlsx_rows.EMPTY_SHEET_DATA) != 1 for m in members):
            raise xlsx_rows.Unsupported("sheet")
    return buf.getvalue(), members


def _written_by_openpyxl(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Return the workbook written cell by cell by openpyxl's write-only mode (streamed rows)."""
    wb = Workbook(write_only=True)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in row])
    fix_workbook_times(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: object) -> object:
    """Return a value as openpyxl writes it: missing values empty, numpy scalars as Python."""
    if value is None or (not isinstance(value, (str, bytes, tuple, list)) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    if isinstance(value, (tuple, list)):
        return "; ".join(map(str, value))
    return value
