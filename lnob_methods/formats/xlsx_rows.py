"""A sheet's rows as the XML openpyxl's write-only mode writes, byte for byte, made faster.

openpyxl builds a cell object for every value and writes it through lxml's incremental writer:
about 5 µs a cell, half a second for the 90,000 cells of a country's gap cells. The same XML is
made here from each column at once, for the values exports hold (text, whole and decimal
numbers, true and false, missing values). Any other value (a date, text a spreadsheet would
read as a formula or an error code, text with a character XML cannot hold, text longer than a
cell holds) raises :class:`Unsupported`, and the caller writes the workbook with openpyxl itself,
which converts, refuses or truncates it as it always did.

The element written for each value, as openpyxl 3.1 writes it (checked against openpyxl in the
tests, over every kind of value):

- text: ``<c r="B2" t="inlineStr"><is><t>…</t></is></c>``, with ``xml:space="preserve"`` when
  it starts or ends with white space, and ``<c r="B2" t="inlineStr"></c>`` when empty; ``&``,
  ``<``, ``>`` and carriage returns escaped, characters beyond ASCII as character references;
- numbers: ``<c r="B2" t="n"><v>…</v></c>``, formatted ``%.16g``; infinities as an empty value;
- true and false: ``<c r="B2" t="b"><v>1</v></c>`` and ``<v>0</v>``;
- missing values: no element (the row element is still written).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter

EMPTY_SHEET_DATA = b"<sheetData></sheetData>"
# Longest text a cell holds (openpyxl truncates beyond it: left to openpyxl).
MAX_TEXT = 32767
# Characters openpyxl refuses, or that lxml cannot write in XML (surrogates, U+FFFE, U+FFFF).
_NOT_WRITTEN_HERE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Unsupported(Exception):  # noqa: N818 - a signal to fall back, not an error shown
    """A value this module does not write: openpyxl writes the workbook instead."""


def sheet_data(header: Sequence[str], frame: pd.DataFrame, cell: Callable) -> bytes:
    """Return the ``<sheetData>`` element of a header row and the rows of ``frame``.

    Parameters
    ----------
    header
        The first row's texts.
    frame
        The table; each value goes through ``cell`` first, as it does before openpyxl.
    cell
        The caller's conversion of a value (missing values to None, numpy scalars to Python).

    Raises
    ------
    Unsupported
        For a value written otherwise than above.
    """
    columns = [_column(frame.iloc[:, i], cell) for i in range(frame.shape[1])]
    letters = [get_column_letter(i + 1) for i in range(max(len(header), frame.shape[1]))]
    parts = ["<sheetData>", _row(1, letters, [_text(str(h)) for h in header])]
    for number, row in enumerate(zip(*columns, strict=True), start=2):
        parts.append(_row(number, letters, row))
    if not columns:  # rows without columns are still rows
        parts += [f'<row r="{n}"></row>' for n in range(2, len(frame) + 2)]
    parts.append("</sheetData>")
    return "".join(parts).encode("ascii")


def _row(number: int, letters: list[str], fragments: Sequence[str | None]) -> str:
    r = str(number)
    pairs = zip(letters, fragments, strict=False)  # letters may outnumber a row's values
    cells = "".join(f'<c r="{letter}{r}" {f}' for letter, f in pairs if f is not None)
    return f'<row r="{r}">{cells}</row>'


def _column(values: pd.Series, cell: Callable) -> list[str | None]:
    """Return each value's element after its coordinate (None for no element)."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "b":
        return ['t="b"><v>1</v></c>' if v else 't="b"><v>0</v></c>' for v in values.tolist()]
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return [f't="n"><v>{_number(v)}</v></c>' for v in values.tolist()]
    seen: dict[str, str] = {}
    out = []
    for value in values.tolist():
        value = cell(value)
        kind = type(value)
        if value is None:
            out.append(None)
        elif kind is str:
            fragment = seen.get(value)
            if fragment is None:
                fragment = seen[value] = _text(value)
            out.append(fragment)
        elif kind is bool:
            out.append('t="b"><v>1</v></c>' if value else 't="b"><v>0</v></c>')
        elif kind is int or kind is float:
            out.append(f't="n"><v>{_number(value)}</v></c>')
        else:
            raise Unsupported(kind.__name__)
    return out


def _number(value: int | float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    return "%.16g" % value  # noqa: UP031 - openpyxl's own format, kept exactly


def _text(value: str) -> str:
    if (
        len(value) > MAX_TEXT
        or value in ERROR_CODES
        or (len(value) > 1 and value.startswith("="))
        or _NOT_WRITTEN_HERE.search(value)
    ):
        raise Unsupported("text")
    if value == "":
        return 't="inlineStr"></c>'
    escaped = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
        .encode("ascii", "xmlcharrefreplace")
        .decode("ascii")
    )
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f't="inlineStr"><is><t{space}>{escaped}</t></is></c>'
