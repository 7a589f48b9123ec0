"""The community validation XLSForm: consent first, nothing asked without it, valid for ODK."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from lnob_methods.voices import validation_form as vf

ITEMS = [
    vf.Item("gap__youth__10_2", "Youth: too little is known about reduced inequalities."),
    vf.Item("proposal__health_care", "People like you proposed action on: health care."),
]
COMMITTED = sorted((Path(__file__).parents[2] / "data" / "forms" / "validation").glob("*.xlsx"))


def _write(tmp_path, **kw):
    return vf.write_xlsform(
        tmp_path / "v.xlsx", ITEMS, form_id="lnob_validation_test", title="Test", **kw
    )


def _rows(path, sheet):
    return [[c.value for c in row] for row in openpyxl.load_workbook(path)[sheet].iter_rows()]


def test_survey_rows_by_hand(tmp_path):
    rows = _rows(_write(tmp_path), "survey")
    assert rows[0][:3] == ["type", "name", "label::English (en)"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("start", "start"),
        ("end", "end"),
        ("today", "today"),
        ("begin_group", "consent"),
        ("select_one yes_no", "consent_use"),
        ("select_one yes_no", "consent_publish"),
        ("end_group", None),
        ("begin_group", "respondent"),
        ("select_one age_band", "age_band"),
        ("select_one language", "language"),
        ("end_group", None),
        ("begin_group", "child_consent"),
        ("select_one yes_no", "caregiver_consent"),
        ("select_one yes_no", "child_assent"),
        ("end_group", None),
        ("begin_group", "findings"),
        ("select_one judgement", "j_gap__youth__10_2"),
        ("select_one judgement", "j_proposal__health_care"),
        ("end_group", None),
        ("begin_group", "priorities"),
        ("select_multiple items", "top_three"),
        ("end_group", None),
        ("begin_group", "your_words"),
        ("text", "correction"),
        ("text", "new_proposal"),
        ("end_group", None),
    ]
    by_name = {r[1]: r for r in rows}
    assert by_name["j_gap__youth__10_2"][2] == (
        "1. Youth: too little is known about reduced inequalities.\n"
        "Is this right for people like you?"
    )
    assert by_name["top_three"][2] == "Which three of these matter most?"
    assert by_name["top_three"][5] == "count-selected(.) <= 3"


def test_nothing_but_consent_is_asked_or_required_without_it(tmp_path):
    rows = _rows(_write(tmp_path), "survey")
    header = rows[0]
    rel = header.index("relevance")
    depth_relevance = []  # the relevance of each open group
    for r in rows[1:]:
        if r[0] == "begin_group":
            depth_relevance.append(r[rel] or "")
            continue
        if r[0] == "end_group":
            depth_relevance.pop()
            continue
        if r[0] in {"start", "end", "today"} or r[1] in {"consent_use", "consent_publish"}:
            continue
        # Every other question sits in a group shown only once consent to use is yes.
        assert any("${consent_use} = 'yes'" in g for g in depth_relevance), r[1]
    findings = next(r for r in rows if r[1] == "findings")[rel]
    # A child also needs the caregiver's consent and their own assent.
    assert "${caregiver_consent} = 'yes' and ${child_assent} = 'yes'" in findings


def test_translations_where_given_english_otherwise(tmp_path):
    path = _write(
        tmp_path,
        languages=("en", "sw"),
        language_names={"sw": "Kiswahili"},
        translations={"sw": {"judge": "Je, hili ni kweli kwa watu kama wewe?", "yes": "Ndiyo"}},
    )
    rows = _rows(path, "survey")
    assert rows[0][2:4] == ["label::English (en)", "label::Kiswahili (sw)"]
    by_name = {r[1]: r for r in rows}
    assert by_name["j_gap__youth__10_2"][3].endswith("Je, hili ni kweli kwa watu kama wewe?")
    assert by_name["correction"][3] == vf.PHRASES["correction"]  # no translation: English
    choices = {(r[0], r[1]): r[2:] for r in _rows(path, "choices")[1:]}
    assert choices[("yes_no", "yes")] == ["Yes", "Ndiyo"]
    assert choices[("judgement", "dont_know")] == ["Don't know", "Don't know"]


def test_item_codes_round_trip():
    assert vf.gap_code("older_people", "10.b") == "gap__older_people__10_b"
    assert vf.parse_code("gap__older_people__10_b") == {
        "kind": "gap",
        "group": "older_people",
        "target": "10.b",
    }
    assert vf.parse_code("gap__older_people") is None
    assert vf.parse_code("finding_1") is None
    with pytest.raises(ValueError, match="not item codes"):
        vf.check_items([vf.Item("Youth 10.2", "x")])


def test_the_form_is_reproducible(tmp_path):
    a = _write(tmp_path).read_bytes()
    b = vf.write_xlsform(
        tmp_path / "b.xlsx", ITEMS, form_id="lnob_validation_test", title="Test"
    ).read_bytes()
    assert a == b


def _convert(path, validate):
    pyxform = pytest.importorskip("pyxform.xls2xform")
    return pyxform.convert(str(path), validate=validate)


@pytest.mark.parametrize("languages", [("en",), ("en", "sw")])
def test_pyxform_converts_and_odk_validate_accepts(tmp_path, languages):
    path = _write(tmp_path, languages=languages, language_names={"sw": "Kiswahili"})
    result = _convert(path, validate=shutil.which("java") is not None)
    xform = result.xform
    assert "<h:title>Test</h:title>" in xform
    assert "count-selected( . ) &lt;= 3" in xform or "count-selected(.) &lt;= 3" in xform
    # The relevance of the findings group reached the XForm.
    assert re.search(
        r'<bind nodeset="/data/findings" relevant="[^"]*consent_use\s+= \'yes\'', xform
    )


@pytest.mark.parametrize("path", COMMITTED, ids=[p.stem for p in COMMITTED])
def test_committed_country_forms_pass_odk_validate(path):
    result = _convert(path, validate=shutil.which("java") is not None)
    assert "lnob_validation_" in result.xform
