"""The conclusions register: every row checked against the country, all problems located."""

from __future__ import annotations

import openpyxl
import pandas as pd
import yaml

from lnob_methods.analysis import conclusions

GOOD = {
    "conclusion_id": "KEN-01",
    "responds_to": "gap__older_people__10_2",
    "decision": "data_request",
    "what": "Ask for the breakdown.",
    "lead": "ActionAid",
    "partners": "",
    "due": "2026-09-30",
    "status": "in_progress",
}


def _yaml(tmp_path, entries):
    path = tmp_path / "conclusions.yaml"
    path.write_text(yaml.safe_dump({"conclusions": entries}), encoding="utf-8")
    return path


def test_a_valid_register_reads_clean(tmp_path):
    table, problems = conclusions.read_files([_yaml(tmp_path, [GOOD])], "KEN")
    assert problems == []
    assert table[conclusions.COLUMNS].to_dict("records") == [GOOD]


def test_every_problem_located_at_once(tmp_path):
    entries = [
        GOOD,
        {**GOOD, "conclusion_id": "KEN-01"},  # 2: the id again
        {**GOOD, "conclusion_id": "KEN-03", "responds_to": "gap__astronauts__10_2"},  # 3
        {**GOOD, "conclusion_id": "KEN-04", "responds_to": "gap__youth__10_99"},  # 4
        {**GOOD, "conclusion_id": "KEN-05", "due": "30/09/2026"},  # 5
        {**GOOD, "conclusion_id": "KEN-06", "lead": "ActionAd"},  # 6
        {**GOOD, "conclusion_id": "KEN-07", "decision": "collaboration"},  # 7: no partners
        {**GOOD, "conclusion_id": "KEN-08", "decision": "lobbying", "status": "finished"},  # 8
        {**GOOD, "conclusion_id": "KEN-09", "responds_to": "Youth and 10.2"},  # 9
        {**GOOD, "conclusion_id": "KEN-10", "partners": "CARE; Oxfam"},  # 10
        {**GOOD, "conclusion_id": "KEN-11", "what": ""},  # 11
    ]
    table, problems = conclusions.read_files([_yaml(tmp_path, entries)], "KEN")
    found = sorted((p.row, p.kind, p.column, p.value) for p in problems)
    assert found == [
        (2, "duplicate-id", "conclusion_id", "KEN-01"),
        (3, "unknown-gap", "responds_to", "gap__astronauts__10_2"),
        (4, "unknown-gap", "responds_to", "gap__youth__10_99"),
        (5, "bad-date", "due", "30/09/2026"),
        (6, "unknown-organisation", "lead", "ActionAd"),
        (7, "missing-value", "partners", None),
        (8, "unknown-code", "decision", "lobbying"),
        (8, "unknown-code", "status", "finished"),
        (9, "unknown-finding", "responds_to", "Youth and 10.2"),
        (10, "unknown-organisation", "partners", "Oxfam"),
        (11, "missing-value", "what", None),
    ]
    assert list(table["conclusion_id"]) == ["KEN-01"]  # only the clean row is kept
    lead = next(p for p in problems if p.column == "lead")
    assert "Did you mean 'ActionAid'?" in lead.message
    assert str(lead).startswith(str(tmp_path / "conclusions.yaml") + ", row 6, column 'lead'")


def test_the_generated_sheet_reads_back(tmp_path):
    path = conclusions.write_sheet("KEN", tmp_path / "sheet.xlsx")
    wb = openpyxl.load_workbook(path)
    assert [c.value for c in wb["conclusions"][1]] == conclusions.COLUMNS
    # The findings tab lists the focus cells: 6 focus groups x 1 focus target in Kenya.
    assert wb["findings"].max_row == 1 + 6
    assert wb["findings"]["A2"].value == "gap__women_and_girls__10_2"
    ws = wb["conclusions"]
    ws.append([GOOD[c] for c in conclusions.COLUMNS])
    ws.append(
        ["KEN-02", "gap__youth__10_2", "programme_change", "x", "CARE", "", "2026-1-5", "done"]
    )
    wb.save(path)
    table, problems = conclusions.read_files([path], "KEN")
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("conclusions", 3, "due", "2026-1-5")
    ]
    assert list(table["conclusion_id"]) == ["KEN-01"]


def test_a_finding_without_conclusion_is_open_for_discussion():
    findings = pd.DataFrame(
        {"code": ["gap__youth__10_2", "gap__older_people__10_2"], "finding": ["Y", "O"]}
    )
    table = pd.DataFrame([{**GOOD, "responds_to": "gap__older_people__10_2"}])
    shown = conclusions.beside_findings(findings, table)
    assert shown["finding"].tolist() == ["Y", "O"]
    assert shown.loc[0, "conclusion"] == "open for discussion: no conclusion yet"
    assert shown.loc[1, "conclusion"] == (
        "KEN-01: data request to the national statistics office: Ask for the breakdown."
    )
    assert shown.loc[1, "status"] == "in progress"


def test_open_conclusions_are_planned_or_in_progress_soonest_first():
    table = pd.DataFrame(
        [
            {**GOOD, "conclusion_id": "A", "due": "2027-01-01", "status": "planned"},
            {**GOOD, "conclusion_id": "B", "due": "2026-01-01", "status": "done"},
            {**GOOD, "conclusion_id": "C", "due": "2026-06-01", "status": "in_progress"},
            {**GOOD, "conclusion_id": "D", "due": "2026-02-01", "status": "dropped"},
        ]
    )
    assert conclusions.open_conclusions(table)["conclusion"].tolist() == ["C", "A"]
