"""Testimony exports: Kobo XLSX, Kobo CSV and ODK Central CSV give the same tidy table."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lnob_methods.voices import reader as voices_io
from lnob_methods.voices.checks import (
    AMBIGUOUS_PUBLISH,
    AMBIGUOUS_USE,
    EXCLUDED_DUPLICATE,
    EXCLUDED_INVALID,
    NO_ASSENT,
    NO_PUBLISH,
    NO_USE,
    check_testimonies,
    consent_status,
    exclusion_counts,
)
from tests.helpers.testimonies import (
    GROUPS,
    SUBMISSIONS,
    write_kobo_csv,
    write_kobo_xlsx,
    write_odk_csv,
)


def _tidy(files):
    main, proposals, problems = voices_io.read_files(files)
    tidy, found = check_testimonies(main, "KEN", GROUPS)
    tidy = tidy.drop(columns=["_file", "_sheet", "_row"])
    tidy["testimony_id"] = tidy["testimony_id"].str.removeprefix("uuid:")
    props = proposals.drop(columns=["_file", "_sheet", "_row"]).assign(
        testimony_id=lambda d: d["testimony_id"].str.removeprefix("uuid:")
    )
    return (
        tidy,
        props.sort_values(["testimony_id", "proposal_text"]).reset_index(drop=True),
        (problems + found),
    )


def test_every_export_format_gives_the_same_table(tmp_path):
    write_kobo_xlsx(tmp_path / "kobo.xlsx", SUBMISSIONS)
    (tmp_path / "csv").mkdir()
    write_kobo_csv(tmp_path / "csv" / "kobo.csv", SUBMISSIONS)
    (tmp_path / "odk").mkdir()
    write_odk_csv(tmp_path / "odk" / "lnob_testimony.csv", SUBMISSIONS)
    (tmp_path / "split").mkdir()
    write_kobo_xlsx(tmp_path / "split" / "kobo.xlsx", SUBMISSIONS, split_only=True)
    xlsx = _tidy([tmp_path / "kobo.xlsx"])
    for files in (
        sorted((tmp_path / "csv").iterdir()),
        sorted((tmp_path / "odk").iterdir()),
        [tmp_path / "split" / "kobo.xlsx"],
    ):
        other = _tidy(files)
        assert other[2] == [] and xlsx[2] == []
        pd.testing.assert_frame_equal(xlsx[0], other[0])
        pd.testing.assert_frame_equal(xlsx[1], other[1])
    tidy, props, _ = xlsx
    assert tidy.loc[0, "groups"] == ("women_and_girls", "youth")
    assert tidy["year"].tolist() == [2024] * 6
    assert props["testimony_id"].tolist() == ["u1", "u1", "u2", "u5"]


def test_repeats_join_by_parent_index_when_the_uuid_is_missing(tmp_path):
    write_kobo_csv(tmp_path / "kobo.csv", SUBMISSIONS, drop_uuid_in_repeats=True)
    _, props, problems = _tidy(sorted(tmp_path.iterdir()))
    assert problems == []
    assert props["testimony_id"].tolist() == ["u1", "u1", "u2", "u5"]


def test_consent_rules_and_accounting(tmp_path):
    write_kobo_xlsx(tmp_path / "kobo.xlsx", SUBMISSIONS)
    main, _, problems = voices_io.read_files([tmp_path / "kobo.xlsx"])
    tidy, found = check_testimonies(main, "KEN", GROUPS)
    status = consent_status(tidy).set_index("testimony_id")
    assert status["use"].to_dict() == {
        "u1": True,
        "u2": True,
        "u3": False,
        "u4": False,
        "u5": False,
        "u6": True,
    }
    assert status["publish"].to_dict() == {
        "u1": True,
        "u2": False,
        "u3": False,
        "u4": False,
        "u5": False,
        "u6": False,
    }
    assert status.loc["u3", "reason"] == NO_USE
    assert status.loc["u4", "reason"] == AMBIGUOUS_USE
    assert status.loc["u5", "reason"] == NO_ASSENT
    assert status.loc["u2", "reason"] == NO_PUBLISH
    assert status.loc["u6", "reason"] == AMBIGUOUS_PUBLISH
    table = exclusion_counts(len(main), problems + found, consent_status(tidy))
    counts = dict(zip(table["status"], table["testimonies"], strict=True))
    assert counts["used and quotable"] == 1
    assert sum(counts.values()) == 6


BAD = [
    ("b1", "yes", "yes", "25_34", "", "", "femal", "youth", "KE047", "en", "x", []),
    ("b2", "yes", "yes", "25_34", "", "", "female", "yuoth", "KE047", "en", "x", []),
    ("b3", "yes", "yes", "25_34", "", "", "female", "youth", "NP01", "en", "x", []),
    ("b4", "yes", "yes", "25_34", "", "", "female", "youth", "KE047", "en", "", []),
    ("b5", "Yes ", "yes", "25_34", "", "", "female", "youth", "KE047", "en", "ok", []),
    ("b5", "yes", "yes", "25_34", "", "", "female", "youth", "KE047", "en", "again", []),
    ("b6", "oui", "yes", "25_34", "", "", "female", "youth", "KE047", "en", "x", []),
    ("b7", "yes", "yes", "40_49", "", "", "female", "youth", "KE047", "xx", "x", []),
]


def test_bad_rows_are_located_and_counted(tmp_path):
    write_kobo_xlsx(tmp_path / "bad.xlsx", BAD)
    main, _, problems = voices_io.read_files([tmp_path / "bad.xlsx"])
    tidy, found = check_testimonies(main, "KEN", GROUPS)
    got = sorted((p.row, p.column, p.kind) for p in found)
    assert got == [
        (2, "sex", "near-miss"),
        (3, "groups", "unknown-group"),
        (4, "admin1", "unknown-area"),
        (5, "story_text", "missing-value"),
        (7, "_uuid", "duplicate-id"),
        (8, "consent_use", "unknown-code"),
        (9, "age_band", "unknown-code"),
        (9, "language", "unknown-code"),
    ]
    assert all(p.file.endswith("bad.xlsx") and p.sheet == "lnob_testimony" for p in found)
    assert "Did you mean 'female'?" in str(found[0])
    assert "Did you mean 'youth'?" in next(str(p) for p in found if p.column == "groups")
    assert tidy["testimony_id"].tolist() == ["b5"], "trailing spaces and case are not errors"
    table = exclusion_counts(len(main), problems + found, consent_status(tidy))
    counts = dict(zip(table["status"], table["testimonies"], strict=True))
    assert counts[EXCLUDED_INVALID] == 6 and counts[EXCLUDED_DUPLICATE] == 1
    assert sum(counts.values()) == len(BAD)


def test_orphan_repeat_is_reported(tmp_path):
    write_kobo_csv(tmp_path / "kobo.csv", SUBMISSIONS[:1])
    rep = tmp_path / "kobo_proposals.csv"
    with open(rep, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerow(["Ghost", 9, "lnob_testimony", 9, 9, "nobody"])
    _, props, problems = voices_io.read_files(sorted(tmp_path.iterdir()))
    assert [(p.kind, p.row, p.value) for p in problems] == [("orphan-repeat", 4, "nobody")]
    assert len(props) == 2


@pytest.mark.parametrize(
    "content,kind",
    [
        (b"", "empty-file"),
        (b"a,b,c\n1,2,3\n", "no-header"),
        (b"\x00\x01binary", "not-a-spreadsheet"),
    ],
)
def test_unreadable_files_get_a_clear_problem(tmp_path, content, kind):
    f = tmp_path / "x.csv"
    f.write_bytes(content)
    _, _, problems = voices_io.read_files([f])
    assert [p.kind for p in problems] == [kind]


def test_missing_key_column_is_reported(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("consent_use,consent_publish,story_text\nyes,yes,hello\n", encoding="utf-8")
    _, _, problems = voices_io.read_files([f])
    assert [(p.kind, p.column) for p in problems] == [
        ("missing-column", "_uuid"),
        ("missing-repeat", None),  # a CSV of submissions without its proposals file
    ]


def test_missing_consent_columns_are_errors(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("_uuid,story_text\nu1,hello\n", encoding="utf-8")
    _, _, problems = voices_io.read_files([f])
    assert [(p.kind, p.column) for p in problems] == [
        ("missing-column", "consent_use"),
        ("missing-column", "consent_publish"),
        ("missing-repeat", None),  # a CSV without its proposals file
    ]
    assert problems[0].message == (
        "is missing: export every question of the form. Without the consent answers no "
        "testimony may be used or quoted."
    )


def test_lnob_validate_testimonies_lists_every_problem(tmp_path):
    from tests.helpers import lnob

    write_kobo_xlsx(tmp_path / "bad.xlsx", BAD)
    import os

    res = lnob(dict(os.environ), "validate", "--testimonies", "--country", "KEN", str(tmp_path))
    assert res.returncode == 1
    # 8 in the rows, and the file is not declared in a provenance.yaml
    assert res.stdout.count("[") == 9 and "9 problem(s) in 1 file(s)" in res.stdout
    assert "[provenance-not-declared]" in res.stdout
    assert "row 2, column 'sex': is not a choice of the form. Did you mean 'female'?" in res.stdout
    assert "Traceback" not in res.stderr
    (tmp_path / "provenance.yaml").write_text(
        "files:\n  bad.xlsx:\n    synthetic: true\n    source: this test\n", encoding="utf-8"
    )
    write_kobo_xlsx(tmp_path / "bad.xlsx", SUBMISSIONS)
    res = lnob(dict(os.environ), "validate", "--testimonies", "--country", "KEN", str(tmp_path))
    assert res.returncode == 0 and "6 testimonies and 4 proposal(s): no problems" in res.stdout
    res = lnob(dict(os.environ), "validate", "--testimonies", str(tmp_path))
    assert res.returncode == 2 and "needs --country" in res.stderr


def test_an_export_without_optional_columns_is_valid(tmp_path):
    # An adults-only export may leave out the child consent questions (and the date).
    f = tmp_path / "adults.csv"
    f.write_text(
        "consent/consent_use;consent/consent_publish;respondent/age_band;respondent/sex;"
        "respondent/groups;respondent/admin1;story/language;story/story_text;_uuid\n"
        "yes;yes;25_34;female;youth;KE047;en;The clinic is far.;a1\n",
        encoding="utf-8",
    )
    main, _, problems = voices_io.read_files([f])
    tidy, found = check_testimonies(main, "KEN", GROUPS)
    assert found == []
    assert [p.kind for p in problems] == ["missing-repeat"]  # only: no proposals file beside it
    status = consent_status(tidy)
    assert status["publish"].tolist() == [True] and tidy["year"].isna().all()


# Real KoboToolbox exports of the testimony form (tests/fixtures/kobo/README.md): three
# submissions; proposals "Build a borehole" and "Lower school fees" from the first
# (a1b2…0001, age band 35_59) and "Pay pensions on time" from the third (…0003, 60_plus).
KOBO = Path(__file__).parents[1] / "fixtures" / "kobo"
UUID = "a1b2c3d4-0000-4000-8000-00000000000{}"
PROPOSALS = [
    (UUID.format(1), "Build a borehole"),
    (UUID.format(1), "Lower school fees"),
    (UUID.format(3), "Pay pensions on time"),
]


@pytest.mark.parametrize(
    "name",
    [
        "xml_groups.xlsx",
        "xml_groups_dot.xlsx",
        "xml_groups_types.xlsx",
        "xml_nogroups.xlsx",
        "xml_details_only.xlsx",
        "xml_summary_only.xlsx",
        "xml_groups_parentindex_only.xlsx",
    ],
)
def test_real_kobo_xlsx_exports_load_with_their_proposals(name):
    main, proposals, problems = voices_io.read_files([KOBO / name])
    assert problems == []
    assert list(main["testimony_id"]) == [UUID.format(i) for i in (1, 2, 3)]
    # "numbers as numbers" writes 35_59 as 3559 and 15_17 as 1517: mapped back
    assert list(main["age_band"]) == ["35_59", "15_17", "60_plus"]
    assert list(main["groups"]) == ["people_in_poverty women_and_girls", "youth", "older_people"]
    assert list(main["language"]) == ["sw", "en", "en"]
    assert list(main["consent_publish"]) == ["yes", "no", "yes"]
    assert list(main["admin1"]) == ["KE047", "KE047", "KE030"]
    assert list(zip(proposals["testimony_id"], proposals["proposal_text"], strict=True)) == (
        PROPOSALS
    )
    tidy, found = check_testimonies(main, "KEN", GROUPS)
    assert found == []
    assert list(tidy["year"]) == [2024, 2024, 2024]


@pytest.mark.parametrize(
    "name", ["xml_groups.csv", "xml_groups_dot.csv", "xml_groups_types.csv", "xml_nogroups.csv"]
)
def test_a_kobo_csv_export_without_its_proposals_is_a_problem_not_zero_proposals(name):
    main, proposals, problems = voices_io.read_files([KOBO / name])
    assert len(main) == 3 and list(main["age_band"]) == ["35_59", "15_17", "60_plus"]
    assert len(proposals) == 0
    assert [(p.file, p.kind) for p in problems] == [(str(KOBO / name), "missing-repeat")]
    assert "Export the data as XLS" in problems[0].message
    assert f"'{name.removesuffix('.csv')}_proposals.csv'" in problems[0].message


def test_a_kobo_csv_with_its_proposals_file_beside_it_is_complete(tmp_path):
    main_csv = tmp_path / "export.csv"
    main_csv.write_bytes((KOBO / "xml_groups.csv").read_bytes())
    (tmp_path / "export_proposals.csv").write_text(
        '"proposals/proposal_text";"_index";"_parent_index";"_submission__uuid"\r\n'
        f'"Build a borehole";"1";"1";"{UUID.format(1)}"\r\n',
        encoding="utf-8",
    )
    _, proposals, problems = voices_io.read_files([main_csv, tmp_path / "export_proposals.csv"])
    assert problems == []
    assert list(proposals["proposal_text"]) == ["Build a borehole"]


@pytest.mark.parametrize(
    ("name", "sheets"),
    [
        (
            "kpi_default_labels.xlsx",
            [
                (
                    "LNOB testimony (voices of th...",
                    "Do you agree that what you say is used to understand who is left behind?",
                ),
                ("proposals", "What do you propose should change?"),
            ],
        ),
        (
            "kpi_default_labels.csv",
            [(None, "Do you agree that what you say is used to understand who is left behind?")],
        ),
    ],
)
def test_a_kobo_export_with_label_headers_is_refused_with_the_setting_to_change(name, sheets):
    main, proposals, problems = voices_io.read_files([KOBO / name])
    assert len(main) == 0 and len(proposals) == 0
    # the labels, not orphan proposals nor "no problems found"
    assert [(p.kind, p.sheet, p.column) for p in problems] == [
        ("label-headers", s, c) for s, c in sheets
    ]
    assert all("'XML values and headers'" in p.message for p in problems)


def test_numbers_map_back_to_a_choice_only_when_exactly_one_fits():
    assert voices_io.as_choice(3559, ["18_24", "35_59"]) == "35_59"
    assert voices_io.as_choice(3559.0, ["35_59"]) == "35_59"
    assert voices_io.as_choice("1517", ["15_17"]) == "15_17"
    # two choices read as the same number: left as found, for the check to report
    assert voices_io.as_choice(1234, ["1_234", "12_34"]) == 1234
    assert voices_io.as_choice(12.5, ["12_5"]) == 12.5
    assert voices_io.as_choice("yes", ["yes", "no"]) == "yes"


def test_label_headers_with_group_labels_and_translated_repeats_are_not_orphans(tmp_path):
    import openpyxl

    # The real label export, with Kobo's "include groups in headers" ("Respondent/Age band"),
    # then with the proposals' header in another language: the headers are the problem,
    # never three orphan proposals.
    wb = openpyxl.load_workbook(KOBO / "kpi_default_labels.xlsx")
    main_sheet, props = wb.worksheets
    for cell in main_sheet[1]:
        if cell.value not in ("start", "end", "today") and not cell.value.startswith("_"):
            cell.value = "Respondent/" + cell.value
    props["A1"].value = "Proposals/" + props["A1"].value
    wb.save(tmp_path / "groups.xlsx")
    _, proposals, problems = voices_io.read_files([tmp_path / "groups.xlsx"])
    assert len(proposals) == 0
    assert [(p.kind, p.sheet) for p in problems] == [
        ("label-headers", "LNOB testimony (voices of th..."),
        ("label-headers", "proposals"),
    ]
    props["A1"].value = "Quelle est votre proposition ?"
    wb.save(tmp_path / "french.xlsx")
    _, _, problems = voices_io.read_files([tmp_path / "french.xlsx"])
    assert ("no-header", "proposals") in [(p.kind, p.sheet) for p in problems]
    assert "orphan-repeat" not in {p.kind for p in problems}
