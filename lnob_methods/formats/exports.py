"""Exports (CSV, XLSX) that are safe to open in a spreadsheet and byte-for-byte reproducible."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(<)")


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
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in sheets.items():
            safe_frame(df).to_excel(xw, sheet_name=name[:31], index=False)
        fix_workbook_times(xw.book)
    _rewrite_zip_fixed(buf.getvalue(), path)
    return path


def fix_workbook_times(wb) -> None:
    """Set an openpyxl workbook's document dates and author to constants."""
    props = wb.properties
    props.created = props.modified = dt.datetime(2000, 1, 1)
    props.creator = props.lastModifiedBy = "lnob"


def save_reproducible(wb, path: Path) -> Path:
    """Save an openpyxl workbook so that the same content always gives the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    wb.save(buf)
    _rewrite_zip_fixed(buf.getvalue(), path)
    return path


def _rewrite_zip_fixed(data: bytes, path: Path) -> None:
    # openpyxl stamps each zip member with the current time; rewrite with a fixed one.
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the save time whatever the workbook says.
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\2", data)
            dst.writestr(fixed, data)
