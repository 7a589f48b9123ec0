"""Inventory checks: the malformed-inventory corpus end to end (each fixture reports exactly its
expected errors), then ``check_row`` and ``check_rows`` directly on hand-made raw rows."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

from lnob_methods.core.cells import ABSENT, Formula
from lnob_methods.core.errors import Problem
from lnob_methods.inventory.checks import check_row, check_rows
from lnob_methods.inventory.load import check_files
from lnob_methods.reference.countries import Country
from tests.helpers import FIXTURES, KENYA_COUNTIES

CORPUS = FIXTURES / "inventory"
sys.path.insert(0, str(CORPUS))  # the corpus builder's helpers (row, LABELS)
sys.path.insert(0, str(CORPUS / "many-errors"))  # the many-errors cases
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def test_corpus_is_large_enough():
    malformed = [k for k, v in EXPECTED.items() if v]
    assert len(malformed) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reports_exactly_its_errors(name):
    path = CORPUS / name
    tracemalloc.start()
    start = time.perf_counter()
    _, problems = check_files([path], "KEN")
    took = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    got = sorted([[p.row, p.column, p.kind] for p in problems], key=str)
    assert got == sorted(EXPECTED[name], key=str)
    for p in problems:
        assert p.file == str(path) and p.message and str(p).startswith(str(path))
    assert took < 5, "every file, hostile ones included, is judged in bounded time"
    assert peak < 200 * 2**20, "and bounded memory"


def test_n_seeded_errors_are_all_reported(tmp_path):
    """A file with one error in each of N rows reports all N, in one pass."""
    from make_fixtures import LABELS, row

    traps = [
        ("quality", "great"),
        ("access", "open"),
        ("year_to", "20x1"),
        ("iso3", "NA"),
        ("evidence_type", "servey"),
        ("groups", "nobody"),
        ("sdg_targets", "99.9"),
        ("method", ""),
        ("is_synthesis", "perhaps"),
        ("admin1", "Atlantis"),
    ]
    lines = [",".join(LABELS)]
    for i, (field, value) in enumerate(traps):
        r = row(id=f"AA-{i:03d}", title=f"Item {i}", **{field: value})
        lines.append(",".join(f'"{v}"' for v in r.values()))
    path = tmp_path / "ten-errors.csv"
    path.write_text("\n".join(lines) + "\n")
    _, problems = check_files([path], "KEN")
    assert sorted(p.row for p in problems) == list(range(2, 2 + len(traps)))


# check_row and check_rows directly, on raw rows as the reader gives them (cells as found).

KEN = Country(iso3="KEN", name="Kenya")
GROUPS = {"women_and_girls", "youth"}


def raw(row=2, **changes):
    """Return a valid raw row of ``inv.csv`` (as the reader gives it), with ``changes``."""
    cells = {
        "id": "C-1",
        "organisation": "CARE",
        "holder_type": "icso",
        "title": " Water study ",
        "evidence_type": "study",
        "method": "qualitative",
        "sdg_targets": "16.10; 6.1",
        "groups": "youth; women_and_girls",
        "disaggregations": "sex",
        "iso3": "ken",
        "admin1": "Kisumu",
        "year_from": 2018,
        "year_to": "2020",
        "sample_size": "1,200",
        "quality": "Medium",
        "access": "on-request",
        "link_or_contact": "MEL team",
        "language": "en",
        "contains_personal_data": "no",
        "is_synthesis": "no",
        "_file": "inv.csv",
        "_sheet": None,
        "_row": row,
    }
    return {**cells, **changes}


def check(**changes):
    """Return (clean record, problems) of one raw row."""
    problems = []
    return check_row(raw(**changes), KEN, GROUPS, problems), problems


def test_a_valid_row_is_cleaned():
    rec, problems = check()
    assert problems == []
    assert rec["title"] == "Water study"  # stripped
    assert rec["sdg_targets"] == ("6.1", "16.10")  # goal order, 16.10 kept as text
    assert rec["groups"] == ("women_and_girls", "youth")  # sorted
    assert rec["iso3"] == "KEN"
    assert rec["admin1"] == ("KE042",)  # Kisumu's P-code in the OCHA table
    assert (rec["year_from"], rec["year_to"], rec["sample_size"]) == (2018, 2020, 1200)
    assert (rec["quality"], rec["access"]) == ("medium", "on_request")  # case, hyphen
    assert (rec["_file"], rec["_sheet"], rec["_row"]) == ("inv.csv", None, 2)


def test_an_absent_column_is_no_problem_on_the_row():
    rec, problems = check(admin1=ABSENT, sample_size=ABSENT)
    assert problems == [] and rec["admin1"] == () and rec["sample_size"] is None


# (field changed, value, column label, kind, message, value reported): one case per error kind
# that check_row finds, each worked out from the rule in lnob_methods/inventory/checks.py.
CASES = [
    ("title", "  ", "Title", "missing-value", "is empty; this column is required.", None),
    ("holder_type", "banana", "Holder type", "unknown-code",
     "is not an allowed value; use one of: community_group, government, icso, "
     "national_statistics_office, other, un_agency, university.", "banana"),
    ("groups", "elders", "Population groups", "unknown-code",
     "is not an allowed value; use one of: women_and_girls, youth.", "elders"),
    ("evidence_type", "servey", "Evidence type", "near-miss",
     "is not an allowed value. Did you mean 'survey'?", "servey"),
    ("sdg_targets", 16.1, "SDG targets", "target-as-number",
     "SDG targets must be entered as text: this cell holds the number 16.1 (16.10 typed in a "
     "number cell becomes 16.1). Format the column as Text and type the targets again.", 16.1),
    ("sdg_targets", "6.1; 16.100", "SDG targets", "unknown-target",
     "'16.100' is not an SDG target. Did you mean '16.10'?", "6.1; 16.100"),
    ("admin1", "Kisumu; Atlantis", "Admin-1 areas", "unknown-area",
     f"'Atlantis' is not an admin-1 area of KEN. The admin-1 areas of KEN are: {KENYA_COUNTIES}.",
     "Kisumu; Atlantis"),
    ("iso3", "UGA", "Country (ISO3)", "country-mismatch",
     "this inventory is for KEN; put items about other countries in their own country folder.",
     "UGA"),
    # 44197 days after 30 December 1899 is 1 January 2021.
    ("year_to", 44197, "Last year", "date-serial",
     "looks like an Excel date serial number (a date in 2021); type the year only: 2021.", 44197),
    ("year_to", dt.date(2020, 5, 17), "Last year", "date-in-year",
     "is a date; type the year only (2020).", "2020-05-17"),
    ("year_to", "17/05/2020", "Last year", "text-date",
     "is a date typed as text; type the year only: 2020.", "17/05/2020"),
    ("year_to", "20x1", "Last year", "not-a-year",
     "is not a year; type four digits such as 2021.", "20x1"),
    ("year_to", 1850, "Last year", "not-a-year", "is not a year between 1900 and 2100.", 1850),
    ("year_to", True, "Last year", "not-a-year",
     "is not a year; type four digits such as 2021.", True),
    ("sample_size", "about 300", "Sample size", "not-a-number",
     "is not a whole number of 0 or more.", "about 300"),
    ("year_to", 2016, "First year", "year-order", "is after the last year 2016.", 2018),
    ("title", Formula("=A1&B1"), "Title", "formula-cell",
     "holds a formula; type the value itself.", "=A1&B1"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "column", "kind", "message", "reported"),
    CASES,
    ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)],
)
def test_each_error_kind_is_located_on_its_row_and_column(
    field, value, column, kind, message, reported
):
    rec, problems = check(row=7, **{field: value})
    assert problems == [
        Problem(
            file="inv.csv",
            sheet=None,
            row=7,
            column=column,
            kind=kind,
            message=message,
            value=reported,
        )
    ]


def test_na_is_text_never_namibia_or_missing():
    rec, problems = check(iso3="NA")
    assert rec["iso3"] is None
    [p] = problems
    assert (p.kind, p.column, p.value) == ("unknown-code", "Country (ISO3)", "NA")
    assert "(NA is not an ISO3 code: Namibia is NAM)" in p.message


def test_every_problem_of_a_row_is_reported_at_once():
    _, problems = check(quality="great", access="", year_from="1999/2000", sdg_targets="0.0")
    assert sorted((p.column, p.kind) for p in problems) == [
        ("Access", "missing-value"),
        ("First year", "text-date"),
        ("Quality", "unknown-code"),
        ("SDG targets", "unknown-target"),
    ]


def test_check_rows_finds_duplicates_across_rows_and_derives_the_source_type():
    frame = pd.DataFrame(
        [
            raw(row=2),
            raw(row=3),  # the same row again
            raw(row=4, title="Another study"),  # the same ID on another item
            raw(row=5, id="C-2", holder_type="un_agency", evidence_type="survey"),
        ],
        dtype=object,
    )
    tidy, problems = check_rows(frame, KEN)
    assert [(p.row, p.column, p.kind, p.value, p.message) for p in problems] == [
        (3, None, "duplicate-row", None, "repeats row 2 of inv.csv; delete one."),
        (4, "ID", "duplicate-id", "C-1",
         "is already used in row 2 of inv.csv; give each item its own ID."),
    ]  # fmt: skip
    assert len(tidy) == 4 and tidy["_row"].tolist() == [2, 3, 4, 5]
    # An ICSO's study is an ICSO study; a UN agency's survey is official statistics.
    assert tidy["source_type"].tolist() == ["icso_study"] * 3 + ["official_statistics"]
    assert str(tidy["year_to"].dtype) == "Int64" and tidy["year_to"].tolist() == [2020] * 4
    assert str(tidy["sample_size"].dtype) == "Int64"


def test_check_rows_without_a_country_accepts_every_taxonomy_group_and_any_country():
    frame = pd.DataFrame([raw(iso3="UGA", admin1="", groups="slum_dwellers")], dtype=object)
    tidy, problems = check_rows(frame, None)
    assert problems == [] and tidy.loc[0, "groups"] == ("slum_dwellers",)


def test_check_rows_of_no_rows_is_an_empty_table_with_every_column():
    tidy, problems = check_rows(pd.DataFrame(columns=list(raw())), KEN)
    assert problems == [] and tidy.empty
    assert "source_type" in tidy.columns and "year_to" in tidy.columns


# Column-wise checks: the same messages as the per-row checks they replaced, in the same order.
MANY = FIXTURES / "inventory" / "many-errors"


MANY_EXPECTED = json.loads((MANY / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(MANY_EXPECTED))
def test_column_wise_checks_say_what_the_per_row_checks_said(case, monkeypatch):
    """Every problem (text, order, file, sheet, row, column, value) and the tidy table, as the
    per-row checks gave them before (frozen in expected.json by make_many_errors.py)."""
    from make_many_errors import CASES, excluding_country, frozen_form

    from lnob_methods.inventory.reader import read_any

    monkeypatch.chdir(MANY)
    if case == "xlsx, KEN excluding two groups":
        raw, _ = read_any(Path("many-errors.xlsx"))
        tidy, problems = check_rows(raw, excluding_country())
    elif case in CASES:
        files, country = CASES[case]
        tidy, problems = check_files([Path(f) for f in files], country)
    else:
        path = case.removeprefix("fixture ").removesuffix(", KEN")
        tidy, problems = check_files([Path(path)], "KEN")
    got = json.dumps(frozen_form(problems, tidy), ensure_ascii=False, indent=1)
    assert got == json.dumps(MANY_EXPECTED[case], ensure_ascii=False, indent=1)


def test_many_errors_cover_every_kind_a_row_can_have():
    kinds = {p["kind"] for case in MANY_EXPECTED.values() for p in case["problems"]}
    row_kinds = {
        "missing-value", "unknown-code", "near-miss", "excluded-group", "target-as-number",
        "unknown-target", "unknown-area", "country-mismatch", "date-serial", "date-in-year",
        "text-date", "not-a-year", "not-a-number", "year-order", "formula-cell", "duplicate-row",
        "duplicate-id", "repeated-header",
    }  # fmt: skip
    assert row_kinds <= kinds


def test_the_same_bad_value_in_many_rows_is_reported_on_each_row_in_row_order(tmp_path):
    """Worked out by hand: one distinct bad value is judged once, but located on every row."""
    from make_fixtures import LABELS, row

    rows = [
        row(id="A-1", holder_type="icos"),
        row(id="A-2", holder_type="icos", title=""),
        row(id="A-3", year_from="2021", year_to="2019"),
        row(id="A-4", holder_type="icos", sdg_targets="1.1; zz"),
        row(id="A-5"),
        row(id="A-5"),
    ]
    lines = [",".join(LABELS), *(",".join(f'"{v}"' for v in r.values()) for r in rows)]
    path = tmp_path / "same-typo.csv"
    path.write_text("\n".join(lines) + "\n")
    tidy, problems = check_files([path], "KEN")
    near = "is not an allowed value. Did you mean 'icso'?"
    assert [(p.row, p.column, p.kind, p.message, p.value) for p in problems] == [
        (2, "Holder type", "near-miss", near, "icos"),
        (3, "Holder type", "near-miss", near, "icos"),
        (3, "Title", "missing-value", "is empty; this column is required.", None),
        (4, "First year", "year-order", "is after the last year 2019.", 2021),
        (5, "Holder type", "near-miss", near, "icos"),
        (5, "SDG targets", "unknown-target", "'zz' is not an SDG target.", "1.1; zz"),
        (7, None, "duplicate-row", f"repeats row 6 of {path}; delete one.", None),
    ]
    assert all(p.file == str(path) and p.sheet is None for p in problems)
    assert tidy["holder_type"].isna().tolist() == [True, True, False, True, False, False]
    assert tidy["holder_type"][2] == "icso"
    assert tidy["sdg_targets"].tolist()[3] == ("1.1",)
    assert tidy["year_from"].tolist()[2] == 2021 and tidy["_row"].tolist() == [2, 3, 4, 5, 6, 7]
