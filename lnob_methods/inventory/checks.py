"""Check and clean raw inventory rows: every problem located and reported at once.

Only truly empty cells are missing: "NA" stays the text "NA" (and is then an error where a code is
expected, never silently Namibia or missing).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from lnob_methods.core.cells import ABSENT, ORIGIN, Formula, is_date
from lnob_methods.core.columns import distinct, objects
from lnob_methods.core.errors import Problem
from lnob_methods.core.suggest import close_matches
from lnob_methods.core.vocabulary import MULTI_VALUE_KINDS, source_type
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.reference import countries, pcodes, taxonomy

MULTI_SPLIT = re.compile(r"[;,\s]+")
CODE_NORMALISE = re.compile(r"[\s\-]+")


class _Row:
    """Collects the problems of one cell value: (kind, message, value), located later."""

    def __init__(self, iso3: str = ""):
        self.issues: list[tuple[str, str, object]] = []
        self.iso3 = iso3  # the row's own ISO3 text, for admin-1 areas when no country is given

    def add(self, field, kind, message, value):
        self.issues.append((kind, message, value))


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
    iso3 = country.iso3 if country is not None else row.iso3
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


def _cell(f, value, country, groups, iso3: str = "") -> tuple[object, tuple]:
    """Return the cleaned value of one cell value and its problems ((kind, message, value), ...).

    The same value in the same column always gives the same answer (the admin-1 areas also
    depend on the row's ISO3 when no country is given): it is worked out once per distinct value.
    """
    row = _Row(iso3)
    empty = () if f.kind in MULTI_VALUE_KINDS else None
    if value is ABSENT:
        return empty, ()
    if isinstance(value, Formula):
        row.add(f, "formula-cell", "holds a formula; type the value itself.", str(value))
        return None, tuple(row.issues)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        if f.required:
            row.add(f, "missing-value", "is empty; this column is required.", None)
        return empty, tuple(row.issues)
    return _clean(row, f, value, country, groups), tuple(row.issues)


def _check_column(f, values, country, groups, iso3_text):
    """Return (cleaned column, positions of failing cells, the problems of each position)."""
    if f.kind == "admin1" and country is None:
        # Areas are looked up in each row's own country: distinct (area, country) pairs.
        area_codes, areas = distinct(values)
        iso3_codes, iso3s = iso3_text
        pair_codes, pairs = pd.factorize(area_codes * len(iso3s) + iso3_codes)
        results = [
            _cell(f, areas[p // len(iso3s)], country, groups, iso3s[p % len(iso3s)]) for p in pairs
        ]
        codes = pair_codes
    else:
        codes, uniques = distinct(values)
        if f.kind == "text":  # IDs and titles: many distinct values, most of them plain text
            results = [
                (t, ()) if type(u) is str and (t := u.strip()) else _cell(f, u, country, groups)
                for u in uniques
            ]
        else:
            results = [_cell(f, u, country, groups) for u in uniques]
    cleaned = objects([r[0] for r in results])[codes]
    failing = [j for j, r in enumerate(results) if r[1]]
    if not failing:
        return cleaned, np.empty(0, dtype=np.intp), []
    at = np.flatnonzero(np.isin(codes, failing))
    return cleaned, at, [results[j][1] for j in codes[at]]


def _iso3_text(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Return each row's ISO3 as typed (upper case, "" when empty), as codes and distinct texts."""
    codes, uniques = distinct(values)
    return codes, [str(v or "").upper() for v in uniques]


def check_row(
    raw: dict, country: countries.Country | None, groups: set[str], problems: list[Problem]
) -> dict:
    """Return the cleaned record of one raw row, adding its problems to ``problems``."""
    table = pd.DataFrame([raw], columns=[*(f.name for f in FIELDS), *ORIGIN], dtype=object)
    columns, found = _check_columns(table, country, groups)
    problems += found
    return {name: column[0] for name, column in columns.items()}


def _check_columns(
    raw: pd.DataFrame, country: countries.Country | None, groups: set[str]
) -> tuple[dict[str, np.ndarray], list[Problem]]:
    """Clean every column; return the cleaned columns and the problems, in row then column order.

    Each rule is applied once per distinct value of a column; problems are located only for the
    cells that fail.
    """
    n = len(raw)
    iso3_text = _iso3_text(raw["iso3"].to_numpy(dtype=object)) if country is None else None
    columns: dict[str, np.ndarray] = {}
    found: list[tuple[int, int, int, str, tuple]] = []
    for fi, f in enumerate(FIELDS):
        values = raw[f.name].to_numpy(dtype=object)
        cleaned, at, issues = _check_column(f, values, country, groups, iso3_text)
        columns[f.name] = cleaned
        for i, cell_issues in zip(at.tolist(), issues, strict=True):
            found += [(i, fi, k, f.label, issue) for k, issue in enumerate(cell_issues)]
    first, last = columns["year_from"], columns["year_to"]
    both = np.fromiter(
        (bool(a) and bool(b) for a, b in zip(first, last, strict=True)), dtype=bool, count=n
    )
    label = next(f.label for f in FIELDS if f.name == "year_from")
    for i in np.flatnonzero(both).tolist():
        if first[i] > last[i]:
            message = f"is after the last year {last[i]}."
            found.append((i, len(FIELDS), 0, label, ("year-order", message, first[i])))
    found.sort(key=lambda p: p[:3])
    files, sheets, rows = (raw[k].to_numpy(dtype=object) for k in ORIGIN)
    problems = [
        Problem(
            file=files[i],
            sheet=sheets[i],
            row=rows[i],
            column=column,
            kind=kind,
            message=message,
            value=value,
        )
        for i, _, _, column, (kind, message, value) in found
    ]
    for key in ORIGIN:
        columns[key] = raw[key].to_numpy(dtype=object)
    return columns, problems


def check_rows(
    raw: pd.DataFrame, country: countries.Country | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Clean every raw row; return (tidy table, problems), duplicates checked across all rows."""
    if country is not None:
        groups = set(country.groups()["group"])
    else:
        groups = set(taxonomy.groups_table()["group"])
    columns, problems = _check_columns(raw, country, groups)
    # Where each row was read is inferred from lists (the row number as int64, as before).
    origin = {key: list(columns[key]) for key in ORIGIN}
    tidy = pd.DataFrame({**columns, **origin}, columns=[*(f.name for f in FIELDS), *ORIGIN])
    problems += _duplicates(tidy)
    if len(tidy):
        kinds: dict[tuple, str] = {}
        triples = zip(
            *(columns[k] for k in ("holder_type", "evidence_type", "method")), strict=True
        )
        tidy["source_type"] = [
            kinds.get(k) or kinds.setdefault(k, source_type(*(v or "" for v in k))) for k in triples
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
    # A repeated row repeats its ID (or its empty ID): only rows whose ID comes back are compared.
    maybe = np.flatnonzero(tidy["id"].duplicated(keep=False).to_numpy())
    if not len(maybe):  # no ID comes back: no repeated row, no repeated ID
        return out
    keys = tidy[[f.name for f in FIELDS]].iloc[maybe].astype(str)
    row_group = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    first_of_group: dict[int, int] = {}
    repeated = []
    for i, g in zip(maybe.tolist(), row_group.tolist(), strict=True):
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
