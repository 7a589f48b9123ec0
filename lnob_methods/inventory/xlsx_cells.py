"""The cells of one XLSX worksheet: values, formulas and merged ranges, read in one pass.

openpyxl's normal mode reads every sheet of a workbook and makes a styled cell object of every
cell, the thousands of formatted but empty cells of the inventory template included. Here the
workbook is opened in openpyxl's read-only mode and only the chosen sheet is parsed: cells that
hold something go through openpyxl's own cell parser (numbers, dates, shared and inline text,
booleans, errors, formulas), while empty cells only count for the sheet's size.

The grid is the one openpyxl's normal mode gives: rows 1 to the last row holding a cell, each as
wide as the widest row, and the cells of a merged range empty but its top-left one. Reading stops
after the first ``<row>`` holding a cell below the row limit.

The sheet's XML goes to Python's C parser only when it cannot declare entities (no ``<!`` and no
NUL byte, so no DOCTYPE in any encoding expat reads); anything else goes to defusedxml's parser,
which refuses entity declarations, as openpyxl's normal mode does.
"""

from __future__ import annotations

import io
from functools import lru_cache

from lnob_methods.core.cells import Formula


class TooManyRows(Exception):
    """A sheet holds a cell below the row limit (raised before the rest of the sheet is read)."""


def open_workbook(path):
    """Return the workbook at ``path`` opened read-only (close it with ``.close()``).

    As ``openpyxl.load_workbook(path, read_only=True)``, but the file is closed when the
    workbook cannot be read. A sheet without a ``<dimension>`` element is parsed once by
    openpyxl to find its size, element by element, without keeping its cells.
    """
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(path, read_only=True, data_only=False)
    try:
        reader.read()
    except BaseException:
        reader.archive.close()  # openpyxl leaves it open when reading fails
        raise
    return reader.wb


def read_sheet(ws, max_rows: int) -> tuple[list[list], list]:
    """Return the rows of cell values of a read-only worksheet, and its merged ranges.

    Parameters
    ----------
    ws
        A worksheet of a workbook from :func:`open_workbook`.
    max_rows
        The row limit: a cell (or a merged range) below it raises :class:`TooManyRows`.

    Returns
    -------
    rows, merged
        ``rows[i][j]`` is the value of the cell at row ``i + 1``, column ``j + 1`` (a formula as
        :class:`~lnob_methods.core.cells.Formula`); ``merged`` lists openpyxl ``CellRange``
        objects in the order of the sheet's ``<mergeCells>``.
    """
    from openpyxl.worksheet._reader import MERGE_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergeCells

    book = ws.parent
    # openpyxl's read-only worksheet keeps its shared strings and its path in the archive itself.
    parser = WorkSheetParser(
        None,
        ws._shared_strings,
        data_only=False,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )
    with ws._get_source() as source:
        data = source.read()
    values: dict[tuple[int, int], object] = {}
    size = [0, 0, 0]  # cells, last row, last column; empty cells count too
    merged: list = []
    for _, element in _iterparse(data):
        if element.tag == ROW_TAG:
            _read_row(parser, element, values, size)
            if size[1] > max_rows:
                raise TooManyRows
            element.clear()
        elif element.tag == MERGE_TAG:
            merged = [CellRange(m.ref) for m in MergeCells.from_tree(element).mergeCell]
            element.clear()
    for rng in merged:  # openpyxl gives every cell of a merged range a place
        _grow(size, rng.max_row, rng.max_col)
    if size[1] > max_rows:
        raise TooManyRows
    return _grid(values, size, merged), merged


def _iterparse(data: bytes):
    """Yield (event, element) at each element's end, parsed as the module docstring says."""
    if b"<!" in data or b"\x00" in data:
        from defusedxml.ElementTree import iterparse
    else:
        from xml.etree.ElementTree import iterparse
    return iterparse(io.BytesIO(data))


def _read_row(parser, row, values: dict, size: list[int]) -> None:
    """Read the cells of a ``<row>`` element into ``values`` and ``size``, as openpyxl would.

    ``values`` maps (row, column) to the value of each cell that holds one; ``size`` counts
    every cell, empty ones included: [cells, last row, last column].
    """
    from openpyxl.utils.cell import coordinate_to_tuple

    parser.row_counter = _row_number(row.get("r"), parser.row_counter)
    parser.col_counter = 0
    number = str(parser.row_counter)
    cut = -len(number)
    columns = _columns()
    cells, last_row, last_column = size
    for cell in row:
        if len(cell):  # a value, a formula or inline text: openpyxl's parser reads it
            found = parser.parse_cell(cell)
            place, value = (found["row"], found["column"]), _value(found)
        else:  # an empty, maybe formatted, cell: only its place counts, found as openpyxl does
            value = None
            coordinate = cell.get("r")
            if coordinate is None:  # no reference: the next column of the row
                place = (parser.row_counter, parser.col_counter + 1)
            elif coordinate.endswith(number) and (column := columns.get(coordinate[:cut])):
                place = (parser.row_counter, column)  # the usual "letters, row number"
            else:
                place = coordinate_to_tuple(coordinate)
            parser.col_counter = place[1]
        cells += 1
        if place[0] > last_row:
            last_row = place[0]
        if place[1] > last_column:
            last_column = place[1]
        if value is None:  # a later cell at the same place replaces an earlier one
            values.pop(place, None)
        else:
            values[place] = value
    size[:] = cells, last_row, last_column


def _row_number(text: str | None, previous: int) -> int:
    """Return a row's number as openpyxl reads it: its ``r`` attribute, or the next one."""
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        if float(text).is_integer():
            return int(float(text))
        raise ValueError(f"{text} is not a valid row number") from None


def _grow(size: list[int], row: int, column: int) -> None:
    """Count a cell in a sheet's size: [cells, last row, last column]."""
    size[0] += 1
    if row > size[1]:
        size[1] = row
    if column > size[2]:
        size[2] = column


@lru_cache(maxsize=1)
def _columns() -> dict[str, int]:
    """Return column letters -> number, for every column openpyxl's coordinates accept."""
    from openpyxl.utils.cell import get_column_letter

    return {get_column_letter(i): i for i in range(1, 18279)}  # A to ZZZ, as openpyxl


def _value(found: dict) -> object:
    """Return a parsed cell's value, a formula (or text that reads as one) as a Formula."""
    value = found["value"]
    if found["data_type"] == "f" or (isinstance(value, str) and value.startswith("=")):
        return Formula(str(value))
    return value


def _grid(values: dict, size: list[int], merged: list) -> list[list]:
    """Return the rows of a sheet from its cells, as openpyxl's normal mode iterates them."""
    cells, height, width = size
    if not cells:
        return []
    rows = [[None] * width for _ in range(height)]
    for (r, c), value in values.items():
        if r >= 1 and c >= 1:
            rows[r - 1][c - 1] = value
    for rng in merged:  # all but the top-left cell of a merged range are empty
        for r, c in list(rng.cells)[1:]:
            if r >= 1 and c >= 1:
                rows[r - 1][c - 1] = None
    return rows
