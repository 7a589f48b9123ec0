"""The conclusions register: what the in-country team decides to do about each finding.

After the gap analysis and the community validation round, the in-country team records its
conclusions in a sheet generated per country (``lnob conclusions-sheet --country ISO3``) and kept
in ``data/countries/<ISO3>/conclusions/`` (Excel, sheet ``conclusions``, or YAML: a list under
``conclusions:`` with the same keys). One row per conclusion:

- ``conclusion_id``: short and unique (``KEN-01``);
- ``responds_to``: the finding it answers, by its code: a gap ``gap__<group>__<target>`` (the cell
  must exist: a group of the country, an SDG target) or a proposal ``proposal__<theme>`` (a theme
  of the codebook); the sheet's ``findings`` tab lists the current ones;
- ``decision``: one of :data:`DECISIONS`;
- ``what``: the conclusion in one sentence;
- ``lead``: the organisation that leads it (a participating organisation of the country config);
- ``partners``: other organisations, separated by ``;`` (required for a collaboration);
- ``due``: the date it is due (YYYY-MM-DD); ``status``: one of :data:`STATUSES`.

``lnob validate --conclusions --country ISO3 FILES`` checks every row, all problems at once.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import yaml

from lnob_methods.core import paths
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import safety_problems
from lnob_methods.core.suggest import did_you_mean
from lnob_methods.reference import countries, provenance, rounds, taxonomy
from lnob_methods.voices import coding
from lnob_methods.voices.validation_form import parse_code

DECISIONS = {
    "new_research": "new research",
    "data_request": "data request to the national statistics office",
    "programme_change": "programme change",
    "joint_advocacy": "joint advocacy",
    "collaboration": "collaboration between named organisations",
}
STATUSES = {
    "planned": "planned",
    "in_progress": "in progress",
    "done": "done",
    "dropped": "dropped",
}
OPEN_STATUSES = ("planned", "in_progress")
COLUMNS = ["conclusion_id", "responds_to", "decision", "what", "lead", "partners", "due", "status"]
REQUIRED = ["conclusion_id", "responds_to", "decision", "what", "lead", "due", "status"]
SHEET = "conclusions"
SUFFIXES = {".xlsx", ".yaml", ".yml"}
OPEN_FOR_DISCUSSION = "open for discussion: no conclusion yet"


def country_files(iso3: str, round_no: int | None = None) -> list[Path]:
    """Return a country's conclusions files (``data/countries/<ISO3>/conclusions/``), sorted.

    Those of the latest round up to ``round_no`` that has any
    (:mod:`lnob_methods.reference.rounds`).
    """
    folder = paths.countries_dir() / iso3 / "conclusions"
    if not folder.exists():
        return []
    found = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name != provenance.DECLARATION
    )
    return rounds.select(found, "conclusions", round_no)


def known_organisations(place: countries.Country) -> list[str]:
    """Return the organisations a conclusion may name: the lead and the participating ones."""
    names = [place.lead_organisation or "", *place.organisations]
    return list(dict.fromkeys(n for n in names if n))


class _DatesAsText(yaml.SafeLoader):
    """The safe loader, reading dates as text: 2026-02-30 is then a located problem, not a crash."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _safe_load_dates_as_text(text: str):
    loader = _DatesAsText(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _grid_rows(path: Path) -> tuple[list[dict], list[Problem]]:
    """Return the raw rows of one file (each with ``_file``, ``_sheet``, ``_row``) and problems."""
    name = str(path)
    if not path.is_file():
        return [], [Problem(name, "not-found", "does not exist or is not a file.")]
    refused = safety_problems(path)
    if refused:
        return [], refused
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            raw = _safe_load_dates_as_text(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            return [], [Problem(name, "yaml-syntax", f"is not valid YAML ({exc}).")]
        entries = raw.get("conclusions") if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            return [], [
                Problem(
                    name,
                    "not-a-list",
                    "must hold a list 'conclusions:' of conclusions with the keys "
                    + ", ".join(COLUMNS)
                    + ".",
                    column="conclusions",
                    label="key",
                )
            ]
        rows = []
        for i, e in enumerate(entries, start=1):
            rows.append({**(e if isinstance(e, dict) else {}), "_file": name, "_sheet": None})
            rows[-1]["_row"] = i  # the n-th conclusion of the list
        return rows, []
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure means "not a workbook"
        return [], [
            Problem(name, "not-a-spreadsheet", f"cannot be read as Excel ({type(exc).__name__}).")
        ]
    if SHEET not in wb.sheetnames:
        wb.close()
        return [], [
            Problem(
                name,
                "missing-sheet",
                f"has no sheet {SHEET!r}: write the conclusions in the sheet made by "
                "`lnob conclusions-sheet`.",
            )
        ]
    grid = [list(r) for r in wb[SHEET].iter_rows(values_only=True)]
    wb.close()
    if not grid:
        return [], []
    header = [str(h).strip() if h is not None else "" for h in grid[0]]
    problems = [
        Problem(name, "missing-column", "is missing: keep every column of the sheet.", SHEET, 1, c)
        for c in REQUIRED
        if c not in header
    ]
    rows = []
    for i, cells in enumerate(grid[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        rec = {h: v for h, v in zip(header, cells, strict=False) if h}
        rows.append({**rec, "_file": name, "_sheet": SHEET, "_row": i})
    return rows, problems


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def check_rows(rows: list[dict], place: countries.Country) -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw conclusion rows against the country; return (valid rows, every problem)."""
    problems: list[Problem] = []
    groups = set(place.groups()["group"])
    targets = taxonomy.target_set()
    themes = {t.id for t in coding.load_codebook().themes}
    orgs = known_organisations(place)
    seen: set[str] = set()
    out = []
    for rec in rows:
        before = len(problems)

        def add(column, kind, message, value, rec=rec):
            problems.append(
                Problem(
                    rec["_file"],
                    kind,
                    message,
                    sheet=rec["_sheet"],
                    row=rec["_row"],
                    column=column,
                    value=value,
                )
            )

        for column in REQUIRED:
            if not _text(rec.get(column)):
                add(column, "missing-value", "is empty: every conclusion needs it.", None)
        cid = _text(rec.get("conclusion_id"))
        if cid in seen:
            add("conclusion_id", "duplicate-id", "is used by another conclusion: number anew.", cid)
        seen.add(cid)
        ref = _text(rec.get("responds_to"))
        what = parse_code(ref) if ref else None
        if ref and what is None:
            add(
                "responds_to",
                "unknown-finding",
                "is not a finding code: write gap__<group>__<target> (gap__youth__10_2) or "
                "proposal__<theme>, as listed in the sheet's findings tab.",
                ref,
            )
        elif what and what["kind"] == "gap":
            if what["group"] not in groups:
                add(
                    "responds_to",
                    "unknown-gap",
                    f"names a group that is not one of the country's ({what['group']!r})."
                    + did_you_mean(what["group"], groups),
                    ref,
                )
            if what["target"] not in targets:
                add(
                    "responds_to",
                    "unknown-gap",
                    f"names an SDG target that does not exist ({what['target']!r}).",
                    ref,
                )
        elif what and what["theme"] not in themes:
            add(
                "responds_to",
                "unknown-finding",
                "names a theme that is not in the codebook." + did_you_mean(what["theme"], themes),
                ref,
            )
        decision = _text(rec.get("decision"))
        if decision and decision not in DECISIONS:
            add(
                "decision",
                "unknown-code",
                "is not a decision of the register; use one of: "
                + ", ".join(DECISIONS)
                + "."
                + did_you_mean(decision, DECISIONS),
                decision,
            )
        lead = _text(rec.get("lead"))
        if lead and lead not in orgs:
            add(
                "lead",
                "unknown-organisation",
                "is not an organisation of the country config (lead_organisation, "
                "participating_organisations): correct the name or add the organisation there."
                + did_you_mean(lead, orgs),
                lead,
            )
        partners = [p.strip() for p in _text(rec.get("partners")).split(";") if p.strip()]
        for p in partners:
            if p not in orgs:
                add(
                    "partners",
                    "unknown-organisation",
                    "is not an organisation of the country config; separate names with ';'."
                    + did_you_mean(p, orgs),
                    p,
                )
        if decision == "collaboration" and not partners:
            add(
                "partners",
                "missing-value",
                "is empty: a collaboration names the organisations that work together.",
                None,
            )
        due_raw = rec.get("due")
        due = _date(due_raw)
        if _text(due_raw) and due is None:
            add("due", "bad-date", "is not a date: write it as YYYY-MM-DD (2026-06-30).", due_raw)
        status = _text(rec.get("status"))
        if status and status not in STATUSES:
            add(
                "status",
                "unknown-code",
                "is not a status; use one of: "
                + ", ".join(STATUSES)
                + "."
                + did_you_mean(status, STATUSES),
                status,
            )
        if len(problems) == before:
            out.append(
                {
                    "conclusion_id": cid,
                    "responds_to": ref,
                    "decision": decision,
                    "what": _text(rec.get("what")),
                    "lead": lead,
                    "partners": "; ".join(partners),
                    "due": due.isoformat(),
                    "status": status,
                    "_file": rec["_file"],
                    "_row": rec["_row"],
                }
            )
    return pd.DataFrame(out, columns=[*COLUMNS, "_file", "_row"]), problems


def read_files(files: list[Path], iso3: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Read and check conclusions files of a country; return (valid conclusions, problems)."""
    place = countries.load_country(iso3)
    rows, problems = [], []
    for f in files:
        r, p = _grid_rows(Path(f))
        rows += r
        problems += p
    table, found = check_rows(rows, place)
    return table, problems + found


def load(iso3: str, round_no: int | None = None) -> tuple[pd.DataFrame, list[Problem], list[Path]]:
    """Return a country's valid conclusions of a round (default: the latest), problems, files."""
    files = country_files(iso3, round_no)
    table, problems = read_files(files, iso3)
    return table, problems, files


def write_sheet(iso3: str, path: Path, findings: list[tuple[str, str]] | None = None) -> Path:
    """Write the empty conclusions sheet of a country (with drop-down lists); return the path.

    Parameters
    ----------
    iso3
        The country: its organisations fill the lists of ``lead``.
    path
        Where to write (``.xlsx``).
    findings
        (code, statement) of the current findings, listed in the ``findings`` tab; default: every
        gap cell of the country's research focus.
    """
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
    from lnob_methods.voices.validation_form import gap_code

    place = countries.load_country(iso3)
    if findings is None:
        labels = dict(zip(place.groups()["group"], place.groups()["label"], strict=True))
        findings = [
            (gap_code(g, t), f"{labels.get(g, g)} × SDG {t}")
            for g in place.focus_groups
            for t in place.focus_targets
        ]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(COLUMNS)
    lists = wb.create_sheet("lists")
    orgs = known_organisations(place)
    columns = {"decision": list(DECISIONS), "status": list(STATUSES), "lead": orgs}
    for j, (name, values) in enumerate(columns.items(), start=1):
        letter = "ABC"[j - 1]
        lists.cell(row=1, column=j, value=name)
        for i, value in enumerate(values, start=2):
            lists.cell(row=i, column=j, value=value)
        rule = DataValidation(
            type="list", formula1=f"=lists!${letter}$2:${letter}${len(values) + 1}"
        )
        ws.add_data_validation(rule)
        col = "ABCDEFGH"[COLUMNS.index(name)]
        rule.add(f"{col}2:{col}500")
    tab = wb.create_sheet("findings")
    tab.append(["code (copy into responds_to)", "finding"])
    for code, text in findings:
        tab.append([code, text])
    help_ = wb.create_sheet("how to fill")
    for line in (__doc__ or "").strip().splitlines():
        help_.append([line])
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


# ----- for readers --------------------------------------------------------------------------------


def reader_table(table: pd.DataFrame) -> pd.DataFrame:
    """Return conclusions as readers see them: words for codes, no file columns."""
    return pd.DataFrame(
        {
            "conclusion": table["conclusion_id"],
            "decision": table["decision"].map(DECISIONS),
            "what": table["what"],
            "lead": table["lead"],
            "with": table["partners"],
            "due": table["due"],
            "status": table["status"].map(STATUSES),
        }
    )


def beside_findings(findings: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Return each finding with the conclusions that answer it, or "open for discussion".

    Parameters
    ----------
    findings
        ``code`` and ``finding`` (the reader's label), in the order shown.
    table
        Valid conclusions (:func:`load`).
    """
    rows = []
    for code, label in zip(findings["code"], findings["finding"], strict=True):
        mine = table[table["responds_to"] == code]
        if mine.empty:
            rows.append({"finding": label, "conclusion": OPEN_FOR_DISCUSSION})
        for r in mine.itertuples(index=False):
            rows.append(
                {
                    "finding": label,
                    "conclusion": f"{r.conclusion_id}: {DECISIONS[r.decision]}: {r.what}",
                    "lead": r.lead,
                    "with": r.partners,
                    "due": r.due,
                    "status": STATUSES[r.status],
                }
            )
    return pd.DataFrame(rows, columns=["finding", "conclusion", "lead", "with", "due", "status"])


def open_conclusions(table: pd.DataFrame) -> pd.DataFrame:
    """Return the conclusions still open (planned or in progress), soonest due first."""
    mine = table[table["status"].isin(OPEN_STATUSES)].sort_values(["due", "conclusion_id"])
    return reader_table(mine).reset_index(drop=True)
