"""Saving openpyxl workbooks so that the same content always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lnob_methods.core.files import write_atomic

_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(<)")


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
    write_reproducible_zip(buf.getvalue(), path)
    return path


def write_reproducible_zip(
    data: bytes,
    path: Path,
    modified: str = "2000-01-01T00:00:00Z",
    edit: Callable[[str, bytes], bytes] | None = None,
) -> None:
    """Write the bytes of a saved workbook to ``path`` with fixed member times and dates.

    openpyxl stamps each zip member, and the document's "modified" date, with the current time;
    both are rewritten with a constant (``modified``, for example a run date, for the document).
    The file is written atomically. Word documents (python-docx) are zip files of the same kind.
    ``edit``, if given, is called with each member's name and bytes and returns the bytes to
    write (the exports put their sheets' rows in this way).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the save time whatever the workbook says.
                data = _MODIFIED.sub(rb"\g<1>" + modified.encode() + rb"\2", data)
            if edit is not None:
                data = edit(info.filename, data)
            dst.writestr(fixed, data)
    write_atomic(path, out.getvalue())
