"""Check and clean raw inventory rows: every problem located and reported at once.

Only truly empty cells are missing: "NA" stays the text "NA" (and is then an error where a code is
expected, never silently Namibia or missing).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

import pandas as pd

from lnob_methods.core.cells import ABSENT, ORIGIN, Formula, is_date
from lnob_methods.core.errors import Problem
from lnob_methods.core.suggest import close_matches
from lnob_methods.core.vocabulary import MULTI_VALUE_KINDS, source_type
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.reference import countries, pcodes, taxonomy

MULTI_SPLIT = re.compile(r"[;,\s]+")
CODE_NORMALISE = re.compile(r"[\s\-]+")


class _Row:
    """Collects the problems of one row, located by file, sheet, row and column header."""

    def __init__(self, raw: dict, problems: list[Problem]):
        self.raw, self.problems = raw, problems

    def add(self, field, kind, message, value):
        self.problems.append(
            Problem(
                file=self.raw["_file"],
                sheet=self.raw["_sheet"],
                row=self.raw["_row"],
                column=field.label,
                kind=kind,
                message=message,
                value=value,
            )
        )


@lru_cache(maxsize=65536)
def _code_text(value: str) -> str:
    return CODE_NORMALISE.sub("_", value.strip().lower())


def _code(row, f, value, allowed) -> str | None:
    text = _code_text(str(value))
    if text in allowed:
        return text
    close = close_matches(text, allowed)
    if close:
        row.add(f, "near-miss", f"is not an allowed value. Did you mean {close[0]!r}?", value)
    else:
        # Every choice is listed when they fit in a message (the groups of a country do).
        shown = ", ".join(sorted(allowed)) if len(allowed) <= 40 else f"{len(allowed)} codes"
        row.add(f, "unknown-code", f"is not an allowed value; use one of: {shown}.", value)
    return None


def _group(row, f, part, value, groups, country) -> str | None:
    """Return a group id, or report it: a group the country excludes is named as such."""
    if not part:
        return None
    text = CODE_NORMALISE.sub("_", str(part).strip().lower())
    if country is not None and text in country.groups_not_applicable:
        row.add(
            f,
            "excluded-group",
            f"{text!r} is a group that does not apply in {country.iso3} (groups_not_applicable "
            "in its config): remove it here, or take it out of groups_not_applicable.",
            value,
        )
        return None
    return _code(row, f, part, groups)


def _year(row, f, value) -> int | None:
    if is_date(value):
        row.add(f, "date-in-year", f"is a date; type the year only ({value.year}).", str(value))
        return None
    if isinstance(value, bool):
        row.add(f, "not-a-year", "is not a year; type four digits such as 2021.", value)
        return None
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1900 <= value <= 2100:
            return int(value)
        if 10000 <= value <= 80000:
            year = (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).year
            row.add(
                f,
                "date-serial",
                f"looks like an Excel date serial number (a date in {year})"
                f"; type the year only: {year}.",
                value,
            )
            return None
        row.add(f, "not-a-year", "is not a year between 1900 and 2100.", value)
        return None
    text = str(value).strip()
    if re.fullmatch(r"(19|20)\d\d(\.0)?", text):
        return int(float(text))
    m = re.search(r"\b(19|20)\d\d\b", text)
    if m:
        row.add(f, "text-date", f"is a date typed as text; type the year only: {m[0]}.", value)
    else:
        row.add(f, "not-a-year", "is not a year; type four digits such as 2021.", value)
    return None


def _targets(row, f, value) -> tuple[str, ...]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        row.add(
            f,
            "target-as-number",
            "SDG targets must be entered as text: this cell holds "
            f"the number {value!r} (16.10 typed in a number cell becomes 16.1). Format the "
            "column as Text and type the targets again.",
            value,
        )
        return ()
    valid = taxonomy.target_set()
    out = []
    for t in (x for x in MULTI_SPLIT.split(str(value).strip()) if x):
        t = t.rstrip(".")
        if t in valid:
            out.append(t)
        else:
            close = close_matches(t, valid)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            row.add(f, "unknown-target", f"{t!r} is not an SDG target.{hint}", value)
    return tuple(sorted(set(out), key=lambda t: (int(t.split(".")[0]), t)))


def check_row(
    raw: dict, country: countries.Country | None, groups: set[str], problems: list[Problem]
) -> dict:
    """Return the cleaned record of one raw row, adding its problems to ``problems``."""
    row = _Row(raw, problems)
    rec: dict = {}
    for f in FIELDS:
        value = raw.get(f.name)
        if value is ABSENT:
            rec[f.name] = () if f.kind in MULTI_VALUE_KINDS else None
            continue
        if isinstance(value, Formula):
            row.add(f, "formula-cell", "holds a formula; type the value itself.", str(value))
            rec[f.name] = None
            continue
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
            if f.required:
                row.add(f, "missing-value", "is empty; this column is required.", None)
            rec[f.name] = () if f.kind in MULTI_VALUE_KINDS else None
            continue
        rec[f.name] = _clean(row, f, value, country, groups)
    if rec.get("year_from") and rec.get("year_to") and rec["year_from"] > rec["year_to"]:
        row.add(
            next(f for f in FIELDS if f.name == "year_from"),
            "year-order",
            f"is after the last year {rec['year_to']}.",
            rec["year_from"],
        )
    for key in ORIGIN:
        rec[key] = raw[key]
    return rec


@cache
def _allowed(name: str) -> frozenset[str]:
    """Return the allowed codes of a field, built once (not once per cell)."""
    return frozenset(next(f for f in FIELDS if f.name == name).allowed)


def _clean(row, f, value, country, groups):
    if f.kind == "text":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)
    if f.kind == "code":
        return _code(row, f, value, _allowed(f.name))
    if f.kind == "codes":
        allowed = _allowed(f.name)
        codes = [_code(row, f, v, allowed) for v in MULTI_SPLIT.split(str(value)) if v]
        return tuple(sorted({c for c in codes if c}))
    if f.kind == "groups":
        codes = [_group(row, f, v, value, groups, country) for v in MULTI_SPLIT.split(str(value))]
        return tuple(sorted({c for c in codes if c}))
    if f.kind == "targets":
        return _targets(row, f, value)
    if f.kind == "iso3":
        return _iso3(row, f, value, country)
    if f.kind == "admin1":
        return _admin1(row, f, value, country)
    if f.kind == "year":
        return _year(row, f, value)
    if f.kind == "count":
        text = re.sub(r"[,\s]", "", str(value))
        if re.fullmatch(r"\d+(\.0)?", text):
            return int(float(text))
        row.add(f, "not-a-number", "is not a whole number of 0 or more.", value)
    return None


def _iso3(row, f, value, country):
    code = str(value).strip().upper()
    names = countries.iso3_names()
    if code not in names:
        hint = " (NA is not an ISO3 code: Namibia is NAM)" if code == "NA" else ""
        close = close_matches(code, names)
        row.add(
            f,
            "unknown-code",
            f"is not an ISO3 country code{hint}."
            + (f" Did you mean {close[0]!r}?" if close else ""),
            value,
        )
        return None
    if country is not None and code != country.iso3:
        row.add(
            f,
            "country-mismatch",
            f"this inventory is for {country.iso3}; put items about "
            "other countries in their own country folder.",
            value,
        )
    return code


def _admin1(row, f, value, country):
    iso3 = country.iso3 if country is not None else str(row.raw.get("iso3") or "").upper()
    known = pcodes.admin1_lookup(iso3)
    out = []
    for part in (p.strip() for p in str(value).split(";") if p.strip()):
        if part.casefold() in known:
            out.append(known[part.casefold()])
        else:
            close = close_matches(part.casefold(), known)
            names = list(pcodes.admin1_names(iso3))
            if close:
                hint = f" Did you mean {close[0]!r}?"
            elif names:  # nothing close: the country's areas, so the user can pick one
                hint = f" The admin-1 areas of {iso3} are: {', '.join(names)}."
            else:
                hint = ""
            row.add(f, "unknown-area", f"{part!r} is not an admin-1 area of {iso3}.{hint}", value)
    return tuple(sorted(set(out)))


def check_rows(
    raw: pd.DataFrame, country: countries.Country | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Clean every raw row; return (tidy table, problems), duplicates checked across all rows."""
    problems: list[Problem] = []
    if country is not None:
        groups = set(country.groups()["group"])
    else:
        groups = set(taxonomy.groups_table()["group"])
    records = [check_row(r, country, groups, problems) for r in raw.to_dict("records")]
    tidy = pd.DataFrame(records, columns=[*(f.name for f in FIELDS), *ORIGIN])
    problems += _duplicates(tidy)
    if len(tidy):
        tidy["source_type"] = [
            source_type(h or "", e or "", m or "")
            for h, e, m in zip(
                tidy["holder_type"], tidy["evidence_type"], tidy["method"], strict=True
            )
        ]
    else:
        tidy["source_type"] = pd.Series(dtype=str)
    for f in FIELDS:
        if f.kind in {"year", "count"}:
            tidy[f.name] = pd.array(tidy[f.name], dtype="Int64")
    return tidy, problems


def _duplicates(tidy: pd.DataFrame) -> list[Problem]:
    """Return a problem for every row that repeats an earlier row, or an earlier row's ID.

    Rows are compared on every field's text; the work is done column by column and only the
    repeated rows are visited one by one.
    """
    out: list[Problem] = []
    if tidy.empty:
        return out
    id_field = next(f for f in FIELDS if f.name == "id")
    keys = tidy[[f.name for f in FIELDS]].astype(str)
    row_group = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    first_of_group: dict[int, int] = {}
    repeated = []
    for i, g in enumerate(row_group):
        if g in first_of_group:
            repeated.append((i, first_of_group[g]))
        else:
            first_of_group[g] = i
    where = list(zip(tidy["_file"], tidy["_sheet"], tidy["_row"], strict=True))
    dup_rows = {i for i, _ in repeated}
    for i, first in repeated:
        out.append(
            Problem(
                file=where[i][0],
                sheet=where[i][1],
                row=where[i][2],
                column=None,
                kind="duplicate-row",
                value=None,
                message=f"repeats row {where[first][2]} of {where[first][0]}; delete one.",
            )
        )
    ids = tidy["id"].to_numpy(dtype=object)
    seen_ids: dict[object, int] = {}
    for i, iid in enumerate(ids):
        if i in dup_rows or iid is None or (isinstance(iid, float) and pd.isna(iid)):
            continue
        if iid in seen_ids:
            first = seen_ids[iid]
            out.append(
                Problem(
                    file=where[i][0],
                    sheet=where[i][1],
                    row=where[i][2],
                    column=id_field.label,
                    kind="duplicate-id",
                    value=iid,
                    message=f"is already used in row {where[first][2]} of {where[first][0]}; "
                    "give each item its own ID.",
                )
            )
        else:
            seen_ids[iid] = i
    return _in_row_order(out, where)


def _in_row_order(problems: list[Problem], where: list[tuple]) -> list[Problem]:
    """Return the problems in the order of the rows they are about (as one pass would)."""
    rank = {w: i for i, w in enumerate(where)}
    return sorted(problems, key=lambda p: rank[(p.file, p.sheet, p.row)])
