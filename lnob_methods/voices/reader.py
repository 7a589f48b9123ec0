"""Read testimony exports of the testimony form: KoboToolbox (XLSX, CSV) and ODK Central (CSV).

Every reader returns raw tables with one column per form question (values as found), the
testimony key, and ``_file``, ``_sheet``, ``_row`` (the row a spreadsheet user sees):

- *main* rows, one per submission, keyed by ``testimony_id`` (Kobo ``_uuid``, ODK ``KEY``);
- *repeat* rows of the ``proposals`` repeat group, with the key of their parent submission
  (Kobo ``_submission__uuid`` or ``_parent_index``, ODK ``PARENT_KEY``).

Column names carry the form's group path in any of the exporters' styles (``story/story_text``,
``story-story_text``, ``story_text``). A multiple-choice question is read from its space-separated
column, or rebuilt from the one-column-per-choice 0/1 columns when only those were exported.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from lnob_methods.core.cells import ORIGIN
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import MAX_ROWS, read_text, safety_problems, too_many_rows
from lnob_methods.voices.form import QUESTIONS, REPEAT

GROUP_NAMES = {q.group for q in QUESTIONS} | {"meta"}
MAIN_FIELDS = [q.name for q in QUESTIONS if q.group != REPEAT]
# Columns an export must have: the story, and both consent answers (use, and publish or quote).
REQUIRED_COLUMNS = ["story_text", "consent_use", "consent_publish"]
REPEAT_FIELDS = [q.name for q in QUESTIONS if q.group == REPEAT]
MAIN_COLUMNS = ["testimony_id", "_index", "submitted", *MAIN_FIELDS, *ORIGIN]
REPEAT_COLUMNS = ["parent_id", "_parent_index", *REPEAT_FIELDS, *ORIGIN]
SUFFIXES = {".xlsx", ".csv"}
# Export columns that hold the submission key, its index and its date, by exporter.
_KEY = ("_uuid", "KEY", "instanceID", "meta/instanceID")
_PARENT_KEY = ("_submission__uuid", "PARENT_KEY")
_DATE = ("_submission_time", "SubmissionDate", "today")


def field_of(header: object) -> tuple[str | None, str | None]:
    """Return (question name, choice) for an export header; (None, None) if not a question.

    Examples
    --------
    >>> field_of("story/story_text")
    ('story_text', None)
    >>> field_of("respondent-groups")
    ('groups', None)
    >>> field_of("respondent/groups/youth")
    ('groups', 'youth')
    """
    text = str(header or "").strip()
    head, sep, rest = text.partition("-")
    if sep and head in GROUP_NAMES:  # ODK Central: "respondent-groups"
        text = rest
    parts = [p for p in text.split("/") if p]
    while parts and parts[0] in GROUP_NAMES and len(parts) > 1:
        parts = parts[1:]
    if not parts:
        return None, None
    if parts[0] in MAIN_FIELDS or parts[0] in REPEAT_FIELDS:
        return parts[0], (parts[1] if len(parts) > 1 else None)
    return None, None


def read_any(path: Path) -> tuple[list[pd.DataFrame], list[pd.DataFrame], list[Problem]]:
    """Read one export file; return (main tables, repeat tables, problems)."""
    path = Path(path)
    name = str(path)
    if not path.is_file():
        return [], [], [Problem(name, "not-found", "does not exist or is not a file.")]
    if path.stat().st_size == 0:
        return [], [], [Problem(name, "empty-file", "is empty: export the form's data again.")]
    problems = safety_problems(path)
    if problems:
        return [], [], problems
    if path.suffix.lower() == ".xlsx" or path.read_bytes()[:2] == b"PK":
        sheets, problems = _xlsx_grids(path)
    elif path.suffix.lower() == ".csv":
        sheets, problems = _csv_grid(path)
    else:
        return (
            [],
            [],
            [Problem(name, "not-a-spreadsheet", "is not a .xlsx or .csv export of the form.")],
        )
    mains, repeats = [], []
    for sheet, grid in sheets:
        kind, table = _table(name, sheet, grid, problems)
        if kind == "main":
            mains.append(table)
        elif kind == "repeat":
            repeats.append(table)
    if not mains and not repeats and not problems:
        problems.append(
            Problem(
                name,
                "no-header",
                "has no column of the testimony form (story_text, consent_use, …): export the "
                "data of the form in data/forms/testimony_xlsform.xlsx with XML names as headers.",
            )
        )
    return mains, repeats, problems


def _xlsx_grids(path: Path) -> tuple[list[tuple[str, list[list]]], list[Problem]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure means "not a spreadsheet"
        return [], [
            Problem(
                str(path),
                "not-a-spreadsheet",
                f"cannot be read as an Excel workbook ({type(exc).__name__}); export it again.",
            )
        ]
    grids = []
    for ws in wb:
        rows = []
        for r in ws.iter_rows(values_only=True):  # bounded by rows, not only by bytes
            if len(rows) >= MAX_ROWS:
                wb.close()
                return [], [too_many_rows(str(path), len(rows) + 1, ws.title)]
            rows.append(list(r))
        grids.append((ws.title, rows))
    wb.close()
    return grids, []


def _csv_grid(path: Path) -> tuple[list[tuple[str | None, list[list]]], list[Problem]]:
    text, refused = read_text(path)
    if text is None:
        return [], refused
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t"], key=first.count)
    try:
        grid = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=delim))
    except csv.Error as exc:
        return [], [Problem(str(path), "not-a-spreadsheet", f"is not a readable CSV ({exc}).")]
    return [(None, grid)], []


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def _table(name: str, sheet: str | None, grid: list[list], problems: list[Problem]):
    """Return ("main" | "repeat" | None, raw table) for one sheet or CSV."""
    if not grid:
        return None, None
    header = [str(h).strip() if h is not None else "" for h in grid[0]]
    fields = [field_of(h) for h in header]
    named = {f for f, choice in fields if f and choice is None}
    is_repeat = any(h in _PARENT_KEY or h == "_parent_index" for h in header)
    if not named and not is_repeat and not any(f for f, _ in fields):
        return None, None
    pos = {h: j for j, h in enumerate(header)}
    key_col = next((pos[h] for h in _KEY if h in pos), None)
    records = []
    for i, cells in enumerate(grid[1:], start=2):
        if all(_blank(c) for c in cells):
            continue
        cells = list(cells) + [None] * (len(header) - len(cells))
        rec = {"_file": name, "_sheet": sheet, "_row": i}
        choices: dict[str, list[str]] = {}
        for j, (f, choice) in enumerate(fields):
            if f is None:
                continue
            if choice is None:
                rec[f] = cells[j]
            elif str(cells[j]).strip() in {"1", "1.0", "True", "true"}:
                choices.setdefault(f, []).append(choice)
        for f, picked in choices.items():
            if _blank(rec.get(f)):
                rec[f] = " ".join(picked)  # only the 0/1 columns were exported
        if is_repeat:
            rec["parent_id"] = next(
                (cells[pos[h]] for h in _PARENT_KEY if h in pos and not _blank(cells[pos[h]])),
                None,
            )
            rec["_parent_index"] = cells[pos["_parent_index"]] if "_parent_index" in pos else None
        else:
            rec["testimony_id"] = cells[key_col] if key_col is not None else None
            rec["_index"] = cells[pos["_index"]] if "_index" in pos else None
            rec["submitted"] = next(
                (cells[pos[h]] for h in _DATE if h in pos and not _blank(cells[pos[h]])), None
            )
        records.append(rec)
    if not is_repeat:
        for m in [f for f in REQUIRED_COLUMNS if f not in named]:
            why = (
                " Without the consent answers no testimony may be used or quoted."
                if m.startswith("consent")
                else ""
            )
            problems.append(
                Problem(
                    name,
                    "missing-column",
                    "is missing: export every question of the form." + why,
                    sheet=sheet,
                    column=m,
                )
            )
        if key_col is None:
            problems.append(
                Problem(
                    name,
                    "missing-column",
                    "is missing: exports keep the submission key "
                    "(Kobo _uuid, ODK KEY), needed to join proposals and find duplicates.",
                    sheet=sheet,
                    column="_uuid",
                )
            )
    columns = REPEAT_COLUMNS if is_repeat else MAIN_COLUMNS
    return ("repeat" if is_repeat else "main"), pd.DataFrame(records, columns=columns, dtype=object)


def join_repeats(mains: pd.DataFrame, repeats: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Attach each repeat row to its submission; return (proposals with ``testimony_id``, orphans).

    Kobo's repeat rows name their parent by ``_submission__uuid``; older Kobo exports only by
    ``_parent_index``, which is resolved within the same file (or its ``*_proposals.csv``
    companion). ODK Central names it by ``PARENT_KEY``.
    """
    problems = []
    if repeats.empty:
        return pd.DataFrame(columns=["testimony_id", *REPEAT_FIELDS, *ORIGIN]), problems
    ids = set(mains["testimony_id"].dropna().astype(str))
    by_index = {
        (_stem(f), str(ix)): tid
        for f, ix, tid in zip(mains["_file"], mains["_index"], mains["testimony_id"], strict=True)
        if not _blank(ix)
    }
    out = []
    for rec in repeats.to_dict("records"):
        parent = rec["parent_id"]
        if _blank(parent) and not _blank(rec["_parent_index"]):
            parent = by_index.get((_stem(rec["_file"]), str(rec["_parent_index"])))
        if _blank(parent) or str(parent) not in ids:
            problems.append(
                Problem(
                    rec["_file"],
                    "orphan-repeat",
                    "is a proposal whose submission is not in the export; export the "
                    "submissions and their repeat groups together.",
                    sheet=rec["_sheet"],
                    row=rec["_row"],
                    column="_submission__uuid",
                    value=rec["parent_id"] or rec["_parent_index"],
                )
            )
            continue
        out.append(
            {
                "testimony_id": str(parent),
                **{f: rec[f] for f in REPEAT_FIELDS},
                **{p: rec[p] for p in ORIGIN},
            }
        )
    return pd.DataFrame(out, columns=["testimony_id", *REPEAT_FIELDS, *ORIGIN]), problems


def _stem(file: str) -> str:
    # "x_proposals.csv" and "x-proposals.csv" belong to "x.csv"; sheets share their workbook.
    stem = Path(str(file)).stem
    for tail in (f"_{REPEAT}", f"-{REPEAT}"):
        stem = stem.removesuffix(tail)
    return stem


def read_files(files: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """Read every export file; return (submissions, proposals joined to them, problems)."""
    mains, repeats, problems = [], [], []
    for f in files:
        m, r, p = read_any(Path(f))
        mains += m
        repeats += r
        problems += p
    main = (
        pd.concat([m for m in mains if len(m)], ignore_index=True)
        if any(len(m) for m in mains)
        else pd.DataFrame(columns=MAIN_COLUMNS, dtype=object)
    )
    rep = (
        pd.concat([r for r in repeats if len(r)], ignore_index=True)
        if any(len(r) for r in repeats)
        else pd.DataFrame(columns=REPEAT_COLUMNS, dtype=object)
    )
    proposals, orphans = join_repeats(main, rep)
    return main, proposals, problems + orphans
