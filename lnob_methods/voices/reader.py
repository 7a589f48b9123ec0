"""Read testimony exports of the testimony form: KoboToolbox (XLSX, CSV) and ODK Central (CSV).

Every reader returns raw tables with one column per form question (values as found), the
testimony key, and ``_file``, ``_sheet``, ``_row`` (the row a spreadsheet user sees):

- *main* rows, one per submission, keyed by ``testimony_id`` (Kobo ``_uuid``, ODK ``KEY``);
- *repeat* rows of the ``proposals`` repeat group, with the key of their parent submission
  (Kobo ``_submission__uuid`` or ``_parent_index``, ODK ``PARENT_KEY``).

Column names carry the form's group path in any of the exporters' styles (``story/story_text``,
Kobo's ``.`` separator ``story.story_text``, ODK's ``story-story_text``, or ``story_text``). A
multiple-choice question is read from its space-separated column, or rebuilt from the
one-column-per-choice 0/1 columns when only those were exported.

KoboToolbox's export settings are read as they come, or refused with the setting to change:

- *Value and header format* "Labels" (Kobo's default) writes the questions' labels and the
  choices' labels: refused (labels are translations and need not be unique), asking for
  "XML values and headers";
- "Store date and number responses as text" unticked writes choice names that look like numbers
  as numbers (``35_59`` becomes ``3559``): mapped back to the one choice of the form they can be;
- a CSV export holds no repeat group: a CSV without its proposals file is a problem, never
  "0 proposals".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from lnob_methods.core.cells import ORIGIN
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import MAX_ROWS, read_text, safety_problems, too_many_rows
from lnob_methods.voices.form import AGE_BANDS, LANGUAGES, QUESTIONS, REPEAT, SEX, YES_NO

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
# Kobo's columns of every export (copy fields): a sheet with them is an export of some form.
_KOBO_META = {"_uuid", "_submission_time", "_submission__uuid", "_parent_table_name"}
# The questions' labels, as a Kobo export with "Labels" as header format writes them.
LABELS = {q.label: q.name for q in QUESTIONS}
# Single-choice answers whose choice names Kobo may store as numbers ("35_59" -> 3559).
CHOICES = {
    "age_band": AGE_BANDS,
    "sex": SEX,
    "language": list(LANGUAGES),
    **{c: YES_NO for c in ("consent_use", "consent_publish", "caregiver_consent", "child_assent")},
}
FIX_LABELS = (
    "Export again in KoboToolbox with 'Value and header format' set to "
    "'XML values and headers' (labels are translations of the questions and choices, "
    "not the names the form defines)."
)
FIX_CSV = (
    "is a CSV export without its proposals (the repeat group): KoboToolbox's CSV export "
    "leaves repeat groups out. Export the data as XLS instead (the proposals come on their own "
    "sheet), or put the proposals table beside it as '{stem}_proposals.csv'."
)


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
    >>> field_of("respondent.groups.youth")
    ('groups', 'youth')
    """
    text = str(header or "").strip()
    head, sep, rest = text.partition("-")
    if sep and head in GROUP_NAMES:  # ODK Central: "respondent-groups"
        text = rest
    # Kobo's group separator is "/" or "."; neither occurs in a form's names.
    parts = [p for p in text.replace(".", "/").split("/") if p]
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
                "data of the form in data/forms/testimony_xlsform.xlsx with XML names as headers "
                "(in KoboToolbox: 'Value and header format' set to 'XML values and headers').",
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
    # A label alone, before a choice ("label/choice label"), or after a group's label.
    labelled = next((h for h in header if LABELS.keys() & {h, *h.split("/"), *h.split(".")}), None)
    if labelled is not None:
        problems.append(
            Problem(
                name,
                "label-headers",
                "is a question's label, not its name: the export was made with labels as "
                "headers. " + FIX_LABELS,
                sheet=sheet,
                column=labelled,
            )
        )
        return None, None
    fields = [field_of(h) for h in header]
    named = {f for f, choice in fields if f and choice is None}
    is_repeat = any(h in _PARENT_KEY or h == "_parent_index" for h in header)
    if not named and not is_repeat and not any(f for f, _ in fields):
        return None, None
    if is_repeat and not any(f for f, _ in fields):
        # Kobo's repeat sheet without the form's question: headers in another language or
        # labels. Its rows are not orphan proposals: the headers are what to fix.
        problems.append(
            Problem(
                name,
                "no-header",
                "has Kobo's repeat columns but not the proposal question (proposal_text): "
                + FIX_LABELS,
                sheet=sheet,
            )
        )
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
                rec[f] = as_choice(cells[j], CHOICES[f]) if f in CHOICES else cells[j]
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


def as_choice(value: object, choices: list[str]) -> object:
    """Return the choice name a number stands for, or ``value`` unchanged.

    KoboToolbox's export with "Store date and number responses as text" unticked converts any
    answer Python reads as a number, and Python reads ``35_59`` as 3559. Mapped back only
    when exactly one choice of the list, without its underscores, is that number.

    Examples
    --------
    >>> as_choice(3559, ["18_24", "35_59", "60_plus"])
    '35_59'
    >>> as_choice("1517", ["15_17"]), as_choice("60_plus", ["60_plus"]), as_choice(7, ["15_17"])
    ('15_17', '60_plus', 7)
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            return value
        value = int(value)
    text = str(value).strip()
    if not text.isdigit() or text in choices:
        return value
    match = [c for c in choices if c.replace("_", "") == text]
    return match[0] if len(match) == 1 else value


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
    with_repeats, csv_mains = set(), []
    for f in files:
        m, r, p = read_any(Path(f))
        mains += m
        repeats += r
        problems += p
        if r:
            with_repeats.add(_stem(str(f)))
        if m and Path(f).suffix.lower() == ".csv":
            csv_mains.append(str(f))
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
    # Kobo's CSV export never holds the repeat group: say so rather than read 0 proposals.
    missing = [
        Problem(f, "missing-repeat", FIX_CSV.format(stem=_stem(f)))
        for f in csv_mains
        if _stem(f) not in with_repeats
    ]
    return main, proposals, problems + orphans + missing
