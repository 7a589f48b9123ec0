"""Read inventory files (XLSX, CSV in any usual encoding and delimiter, Kobo/ODK exports, HXL).

KoboToolbox exports are read with either group separator (``groups/youth`` or ``groups.youth``);
an export made with the questions' labels as headers (Kobo's default) is refused with the export
setting to change, because its answers are labels too, not the codes the inventory uses.

Every reader returns the same raw table: one column per schema field (cell values as found), plus
``_file``, ``_sheet`` and ``_row`` (the row number the user sees), and a list of located problems.
Files are checked for safety before any parser touches them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

import numpy as np
import pandas as pd

from lnob_methods.core.cells import ABSENT, ORIGIN
from lnob_methods.core.columns import distinct, objects
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import MAX_ROWS, read_text, safety_problems, too_many_rows
from lnob_methods.core.vocabulary import MULTI_VALUE_KINDS
from lnob_methods.inventory import xlsx_cells
from lnob_methods.inventory.schema import FIELDS

SHEET = "Inventory"


def _norm(text: object) -> str:
    return _norm_text(str(text))


@lru_cache(maxsize=65536)
def _norm_text(text: str) -> str:
    # Cached: a sheet repeats the same few values (codes, years) in thousands of cells.
    return re.sub(r"[\s_]+", " ", text.strip().lower().lstrip("#"))


ALIASES = {}
for _f in FIELDS:
    for _a in (_f.name, _f.label):
        ALIASES.setdefault(_norm(_a), _f.name)


def hxl_field(tag: str) -> str | None:
    """Return the field an HXL hashtag names, in any legal spelling, or None.

    ``#org +name`` and ``#org+name`` are the organisation, ``#sector +target +sdg`` the SDG
    targets. A bare base tag is not enough: ``#sector +cluster +name`` (a 3W's cluster, such as
    "Shelter") is not SDG targets, and ``#org +type +name`` is neither the name nor the type.

    Examples
    --------
    >>> hxl_field("#org +name"), hxl_field("#sector+cluster+name"), hxl_field("#adm1 +name")
    ('organisation', None, 'admin1')
    """
    import hxl

    try:
        column = hxl.model.Column.parse(tag.strip())
    except Exception:  # noqa: BLE001 - not a hashtag libhxl can parse
        return None
    if not column:
        return None
    fits = [f for f in FIELDS if hxl.model.TagPattern.parse(f.hxl).match(column)]
    exact = [
        f
        for f in fits
        if set(hxl.model.TagPattern.parse(f.hxl).include_attributes) == column.attributes
    ]
    # Extra attributes are allowed (#org+name+funder) as long as one field fits.
    best = exact or fits
    return best[0].name if len(best) == 1 else None


MULTI_PREFIXES = {f.name for f in FIELDS if f.kind in MULTI_VALUE_KINDS}


def column_field(header: object) -> str | None:
    """Return the schema field a header names (name, template label, or HXL tag), or None."""
    text = str(header or "").strip()
    if text.startswith("#"):
        return hxl_field(text)
    if "/" in text or "." in text:  # Kobo prefixes group names: "inventory/sdg_targets"
        text = re.split(r"[/.]", text)[-1]
    return ALIASES.get(_norm(text))


def is_kobo_extra(header: object) -> bool:
    """Return True for columns a Kobo/ODK export adds (meta, and one 0/1 column per choice)."""
    text = str(header or "").strip()
    if text.startswith("_") or text in {
        "start",
        "end",
        "today",
        "deviceid",
        "meta/instanceID",
        "__version__",
        "instanceID",
    }:
        return True
    parts = re.split(r"[/.]", text)  # Kobo's group separator is "/" or "."
    return len(parts) >= 2 and parts[-2] in MULTI_PREFIXES


KOBO_META = {"_uuid", "_submission_time", "_index"}
# A Kobo export writes the form's labels as headers unless told otherwise.
KOBO_LABELS = {f.label for f in FIELDS if f.label.lower() != f.name}
FIX_LABELS = (
    "is a question's label, not its name: the KoboToolbox export was made with labels as "
    "headers, and its answers are labels too. Export again with 'Value and header format' set "
    "to 'XML values and headers'."
)


def kobo_label_header(header: list) -> str | None:
    """Return the first label header of a Kobo export made with labels as headers, else None.

    The template itself has labels as headers: only a sheet with Kobo's own columns
    (``_uuid``, ``_submission_time``, ``_index``) is a Kobo export.
    """
    texts = [str(h).strip() for h in header if h is not None]
    if not KOBO_META & set(texts):
        return None
    return next((t for t in texts if t.split("/")[0] in KOBO_LABELS), None)


def read_any(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one inventory file of any supported format; return (raw table, problems)."""
    path = Path(path)
    name = str(path)
    if not path.exists() or not path.is_file():
        return _empty(), [Problem(name, "not-found", "does not exist or is not a file.")]
    if path.stat().st_size == 0:
        return _empty(), [Problem(name, "empty-file", "is empty: fill the template and save it.")]
    problems = safety_problems(path)
    if problems:
        return _empty(), problems
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if suffix == ".xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _empty(), [
            Problem(
                name,
                "not-a-spreadsheet",
                "is an old .xls workbook: open it in Excel and save it as .xlsx.",
            )
        ]
    if suffix in {".xlsx", ".xlsm"} or head.startswith(b"PK"):
        return read_xlsx(path)
    if suffix in {".csv", ".txt", ".tsv"}:
        return read_csv(path)
    return _empty(), [
        Problem(
            name,
            "not-a-spreadsheet",
            f"has the extension {suffix!r}: inventories are .xlsx or .csv files.",
        )
    ]


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[*(f.name for f in FIELDS), *ORIGIN])


CHUNK = 8192  # rows turned into columns at a time: memory stays near the distinct values


def _table(
    name: str,
    sheet: str | None,
    header: list,
    rows: Iterable[list],
    first_row: int,
    problems: list[Problem],
    empty_is_none: bool = False,
) -> pd.DataFrame:
    """Map header cells to fields and build the raw table from the rows under the header.

    ``first_row`` is the number a spreadsheet user sees on the first of ``rows``.

    Rows are taken a chunk at a time and turned into columns: blank rows, repeated headers and
    the template's example row are found column by column. With ``empty_is_none`` (CSV), empty
    text is an empty cell.
    """
    labelled = kobo_label_header(header)
    if labelled is not None:
        problems.append(Problem(name, "label-headers", FIX_LABELS, sheet=sheet, column=labelled))
        return _empty()
    cols: dict[int, str] = {}
    for j, h in enumerate(header):
        f = column_field(h)
        if f and f not in cols.values():
            cols[j] = f
        elif h not in (None, "") and not is_kobo_extra(h) and not f:
            problems.append(
                Problem(
                    name,
                    "unknown-column",
                    "is not a column of the inventory template; remove or rename it.",
                    sheet=sheet,
                    row=None,
                    column=str(h),
                )
            )
    missing = [f for f in FIELDS if f.name not in cols.values() and f.required]
    for m in missing:
        problems.append(
            Problem(
                name,
                "missing-column",
                "is missing: add this column (see the template).",
                sheet=sheet,
                column=m.label,
            )
        )
    header_norm = [_norm(h) for h in header]
    by_field = {fname: j for j, fname in cols.items()}
    kept: dict[int, list[np.ndarray]] = {j: [] for j in cols}
    numbers: list[np.ndarray] = []
    pools: dict[int, dict] = {j: {} for j in cols}
    rows = iter(rows)
    start = first_row
    while chunk := list(islice(rows, CHUNK)):
        keep, headers, columns = _chunk(chunk, header_norm, by_field.get("id"), empty_is_none)
        numbered = objects(list(range(start, start + len(chunk))))
        start += len(chunk)
        for i in np.flatnonzero(headers).tolist():
            problems.append(
                Problem(
                    name,
                    "repeated-header",
                    "repeats the header row; delete it.",
                    sheet=sheet,
                    row=numbered[i],
                )
            )
        numbers.append(numbered[keep])
        for j in cols:
            codes, uniques = columns[j]
            shared = [pools[j].setdefault(u, u) if type(u) is str else u for u in uniques]
            kept[j].append(objects(shared)[codes[keep]])
    n = sum(len(x) for x in numbers)
    data = {
        f.name: np.concatenate(kept[by_field[f.name]])
        if f.name in by_field and n
        else objects([None if f.name in by_field else ABSENT] * n)
        for f in FIELDS
    }
    data["_file"] = objects([name] * n)
    data["_sheet"] = objects([sheet] * n)
    data["_row"] = np.concatenate(numbers) if n else objects([])
    return pd.DataFrame(data, columns=[*(f.name for f in FIELDS), *ORIGIN], dtype=object)


def _chunk(chunk: list[list], header_norm: list[str], id_at: int | None, empty_is_none: bool):
    """Return which rows of a chunk to keep, which repeat the header, and the chunk's columns.

    Each column comes as (index of each cell's distinct value, the distinct values). Dropped:
    blank rows, repeated headers and the template's example row.
    """
    width = len(header_norm)
    padded = [
        cells if len(cells) >= width else [*cells, *[None] * (width - len(cells))]
        for cells in chunk
    ]
    columns = []
    blank = np.ones(len(chunk), dtype=bool)
    for cells in list(zip(*padded, strict=False))[:width]:
        codes, uniques = distinct(np.array(cells, dtype=object))
        if empty_is_none:
            uniques = [None if u == "" else u for u in uniques]
        blank &= np.array([u is None or str(u).strip() == "" for u in uniques], dtype=bool)[codes]
        columns.append((codes, uniques))
    for i, cells in enumerate(chunk):  # cells beyond the header count too
        if len(cells) > width and blank[i]:
            blank[i] = all(c is None or str(c).strip() == "" for c in cells[width:])
    headers = ~blank & _repeated_header(chunk, columns, header_norm, empty_is_none)
    keep = ~blank & ~headers
    if id_at is not None:
        codes, uniques = columns[id_at]
        example = [str(u or "").upper().startswith("EXAMPLE") for u in uniques]
        keep &= ~np.array(example, dtype=bool)[codes]
    return keep, headers, columns


def _repeated_header(chunk, columns, header_norm, empty_is_none) -> np.ndarray:
    """Return which rows of a chunk repeat the header row.

    A repeat has every cell equal to the header's: the column with the fewest distinct values
    picks the candidates, each then compared cell by cell.
    """
    found = np.zeros(len(chunk), dtype=bool)
    if not header_norm or not columns:
        return found
    j = min(range(len(columns)), key=lambda k: len(columns[k][1]))
    codes, uniques = columns[j]
    maybe = np.array([_norm(u) == header_norm[j] for u in uniques], dtype=bool)[codes]
    for i in np.flatnonzero(maybe).tolist():
        cells = [None if c == "" else c for c in chunk[i]] if empty_is_none else chunk[i]
        found[i] = (
            bool(cells)
            and _norm(cells[0]) == header_norm[0]
            and [_norm(c) for c in cells[: len(header_norm)]] == header_norm
        )
    return found


def read_xlsx(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read the "Inventory" sheet (or the only sheet) of an XLSX file."""
    name = str(path)
    try:
        wb = xlsx_cells.open_workbook(path)
    except Exception as exc:  # noqa: BLE001 - any parser failure means "not a spreadsheet"
        return _empty(), [_unreadable(name, exc)]
    try:
        if SHEET in wb.sheetnames:
            ws = wb[SHEET]
        elif len(wb.sheetnames) == 1:
            ws = wb[wb.sheetnames[0]]
        else:
            return _empty(), [
                Problem(
                    name,
                    "wrong-sheet",
                    f"has no sheet named {SHEET!r} (sheets: "
                    f"{', '.join(wb.sheetnames)}); put the inventory on a sheet "
                    f"named {SHEET!r}.",
                )
            ]
        grid, merged = xlsx_cells.read_sheet(ws, MAX_ROWS)
    except xlsx_cells.TooManyRows:
        return _empty(), [too_many_rows(name, MAX_ROWS + 1, ws.title)]
    except Exception as exc:  # noqa: BLE001 - as above, for the sheet's own XML
        return _empty(), [_unreadable(name, exc)]
    finally:
        wb.close()
    return _sheet_table(name, ws.title, grid, merged)


def _unreadable(name: str, exc: Exception) -> Problem:
    # openpyxl reports any ValueError met while loading a workbook as a plain ValueError.
    kind = "ValueError" if isinstance(exc, ValueError) else type(exc).__name__
    return Problem(
        name,
        "not-a-spreadsheet",
        f"cannot be read as an Excel workbook ({kind}); save it as .xlsx.",
    )


def _sheet_table(name: str, sheet: str, grid: list[list], merged: list):
    """Build the raw table of a sheet's rows; refuse merged cells in its header row."""
    problems: list[Problem] = []
    hdr = _header_index(grid)
    if hdr is None:
        problems.append(
            Problem(
                name,
                "no-header",
                "has no header row with the template's columns: use the template.",
                sheet=sheet,
            )
        )
        return _empty(), problems
    for rng in _merged_order(merged):
        if rng.min_row <= hdr + 1 <= rng.max_row:
            problems.append(
                Problem(
                    name,
                    "merged-header",
                    f"has merged header cells {rng.coord}:"
                    " unmerge them so each column has its own header.",
                    sheet=sheet,
                    row=hdr + 1,
                )
            )
    table = _table(name, sheet, grid[hdr], islice(grid, hdr + 1, None), hdr + 2, problems)
    if table.empty and not problems:
        problems.append(Problem(name, "empty-file", "has a header but no items.", sheet=sheet))
    return table, problems


def _merged_order(merged: list) -> list:
    """Return merged ranges in the order openpyxl's ``ws.merged_cells.ranges`` gives them."""
    from openpyxl.worksheet.cell_range import MultiCellRange

    return list(MultiCellRange(merged).ranges)


def _header_index(grid: list[list]) -> int | None:
    best, best_n = None, 2
    for i, row in enumerate(grid[:15]):
        n = sum(column_field(c) is not None for c in row if c not in (None, ""))
        if n > best_n:
            best, best_n = i, n
    return best


def read_csv(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV (comma, semicolon or tab), plain, Kobo export or HXL-tagged.

    Encodings: see :mod:`lnob_methods.core.safety` (UTF-8, UTF-16 with BOM, Windows-1252).
    """
    name = str(path)
    text, refused = read_text(path)
    if text is None:
        return _empty(), refused
    if UNUSUAL_BREAKS.search(text):
        # Line breaks csv does not know (form feed, U+2028, a carriage return inside a quoted
        # cell): every one of them is a new line, as in a text editor.
        text = "\n".join(text.splitlines())
    else:  # the same without a copy of every line: only the last line break goes
        text = text.removesuffix("\n")
    delim = max([",", ";", "\t"], key=text.partition("\n")[0].count)
    records = csv.reader(_lines(text), delimiter=delim)
    try:
        return _csv_table(name, records)
    except csv.Error as exc:
        return _empty(), [Problem(name, "not-a-spreadsheet", f"is not a readable CSV ({exc}).")]


UNUSUAL_BREAKS = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _lines(text: str):
    """Yield the lines of a text one at a time, each with its line break (no copy of the whole)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start : end + 1]
        start = end + 1
    if start < len(text):
        yield text[start:]


def _csv_table(name: str, records) -> tuple[pd.DataFrame, list[Problem]]:
    """Build the raw table of a CSV from its records (read as they are needed)."""
    grid = list(islice(records, 16))  # the header is looked for in the first 15 rows
    problems: list[Problem] = []
    hdr = _header_index(grid)
    if hdr is None:
        hxl = next(
            (i for i, r in enumerate(grid[:5]) if sum(str(c).startswith("#") for c in r) >= 3), None
        )
        if hxl is None:
            return _empty(), [
                Problem(
                    name,
                    "no-header",
                    "has no header row with the template's columns (or HXL tags).",
                )
            ]
        hdr = hxl
    if hdr + 1 < len(grid) and sum(str(c).startswith("#") for c in grid[hdr + 1]) >= 3:
        hdr += 1  # HXL: the hashtag row under the human header names the columns
    rows = chain(grid[hdr + 1 :], records)
    table = _table(name, None, grid[hdr], rows, hdr + 2, problems, empty_is_none=True)
    if table.empty and not problems:
        problems.append(Problem(name, "empty-file", "has a header but no items."))
    return table, problems
