"""The testimony XLSForm: consent first, child consent only for children, no identifiers."""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from lnob_methods.voices import form
from tests.helpers import ROOT
from tests.helpers.countries import admin1_rows, pilot_words_in, text_of, write_config
from tests.helpers.xforms import consent_violations, xform_of


def _rows(path, sheet):
    return [[c.value for c in row] for row in openpyxl.load_workbook(path)[sheet].iter_rows()]


def test_consent_questions_come_first():
    assert [q.name for q in form.QUESTIONS[:2]] == ["consent_use", "consent_publish"]
    assert {q.group for q in form.QUESTIONS[:2]} == {"consent"}
    assert all(q.required for q in form.QUESTIONS[:2])


def test_child_consent_is_asked_only_of_children_after_their_age():
    names = [q.name for q in form.QUESTIONS]
    for q in form.QUESTIONS:
        for ref in re.findall(r"\$\{(\w+)\}", q.relevant):
            # A question can only depend on an answer given before it.
            assert names.index(ref) < names.index(q.name), q.name
    child = [q for q in form.QUESTIONS if q.group == "child_consent"]
    assert [q.name for q in child] == ["caregiver_consent", "child_assent"]
    assert {q.relevant for q in child} == {
        "selected(${age_band}, '10_14') or selected(${age_band}, '15_17')"
    }


def test_the_form_asks_for_no_name_phone_or_address():
    names = " ".join(q.name for q in form.QUESTIONS)
    assert not re.search(r"name|phone|address|mail", names)
    # The only free-text answers: the area, the story and the proposals.
    assert [q.name for q in form.QUESTIONS if q.kind == "text"] == [
        "admin1",
        "story_text",
        "proposal_text",
    ]


def test_survey_sheet_by_hand(tmp_path):
    path = form.write_xlsform(tmp_path / "forms" / "testimony.xlsx")
    rows = _rows(path, "survey")
    assert rows[0] == ["type", "name", "label", "required", "relevance"]
    # Written out by hand from QUESTIONS: metadata, then one group per run of questions, the
    # proposals as a repeat.
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
        ("select_one sex", "sex"),
        ("select_multiple groups", "groups"),
        ("text", "admin1"),
        ("end_group", None),
        ("begin_group", "child_consent"),
        ("select_one yes_no", "caregiver_consent"),
        ("select_one yes_no", "child_assent"),
        ("end_group", None),
        ("begin_group", "story"),
        ("select_one language", "language"),
        ("text", "story_text"),
        ("end_group", None),
        ("begin_repeat", "proposals"),
        ("text", "proposal_text"),
        ("end_repeat", None),
    ]
    by_name = {r[1]: r for r in rows}
    assert by_name["child_consent"][2] == "Child consent"  # group label
    # Every group after the consent group is relevant on consent (written out by hand).
    consented = "${consent_use} = 'yes'"
    child = "selected(${age_band}, '10_14') or selected(${age_band}, '15_17')"
    full = (
        f"{consented} and (not({child}) or "
        "(${caregiver_consent} = 'yes' and ${child_assent} = 'yes'))"
    )
    assert {g: by_name[g][4] for g in ["consent", "respondent", "child_consent", "story"]} == {
        "consent": None,
        "respondent": consented,
        "child_consent": consented,
        "story": full,
    }
    assert by_name["proposals"][4] == full
    assert by_name["proposal_text"][3] == "no"  # the only optional question
    assert by_name["story_text"][3] == "yes"
    # The form of every country names no country's area as an example.
    assert by_name["admin1"][2] == "Province, county or region (first-level p-code)"


def test_choices_and_settings_by_hand(tmp_path):
    path = form.write_xlsform(tmp_path / "testimony.xlsx")
    choices = _rows(path, "choices")
    lists: dict[str, list] = {}
    for list_name, name, label in choices[1:]:
        lists.setdefault(list_name, []).append((name, label))
    assert lists["yes_no"] == [("yes", "Yes"), ("no", "No"), ("unsure", "Unsure")]
    assert [label for _, label in lists["age_band"]] == [
        "10-14",
        "15-17",
        "18-24",
        "25-34",
        "35-59",
        "60 and over",
    ]
    assert ("prefer_not_to_say", "Prefer not to say") in lists["sex"]
    assert ("women_and_girls", "Women and girls") in lists["groups"]
    assert ("sw", "Kiswahili") in lists["language"]
    assert _rows(path, "settings") == [
        ["form_title", "form_id", "version"],
        ["LNOB testimony (voices of the people)", "lnob_testimony", "1"],
    ]


def test_the_form_is_reproducible(tmp_path):
    a = form.write_xlsform(tmp_path / "a.xlsx").read_bytes()
    b = form.main(["--write", str(tmp_path / "b.xlsx")])
    assert b == 0
    assert (tmp_path / "b.xlsx").read_bytes() == a


def test_country_groups_join_the_groups_list():
    extra = [{"id": "pastoralists", "label": "Pastoralists", "dimension": "geographic_location"}]
    groups = form.choice_lists(extra)["groups"]
    assert groups[-1] == ("pastoralists", "Pastoralists")
    assert len(groups) == len(form.choice_lists()["groups"]) + 1


def test_nothing_after_consent_is_relevant_without_consent(tmp_path):
    """pyxform converts the forms; every question is checked for every consent answer."""
    assert consent_violations(xform_of(ROOT / "data" / "forms" / "testimony_xlsform.xlsx")) == []
    for iso3 in ["UGA", "KEN"]:
        path = form.write_xlsform(tmp_path / f"{iso3}.xlsx", iso3)
        assert consent_violations(xform_of(path)) == [], iso3


def _with_relevance(tmp_path, group, relevance):
    """The generated form with one group's relevance replaced (a broken fixture)."""
    path = form.write_xlsform(tmp_path / "broken.xlsx")
    wb = openpyxl.load_workbook(path)
    for row in wb["survey"].iter_rows(min_row=2):
        if row[0].value in {"begin_group", "begin_repeat"} and row[1].value == group:
            row[4].value = relevance
    wb.save(path)
    return xform_of(path)


def test_the_checker_catches_a_missing_relevance(tmp_path):
    # The story group without relevance: its two questions are shown to someone who refused.
    found = consent_violations(_with_relevance(tmp_path, "story", None))
    assert [f.split(" ")[0] for f in found] == ["/data/story/language", "/data/story/story_text"]
    # The respondent group without relevance: its four questions.
    found = consent_violations(_with_relevance(tmp_path, "respondent", None))
    assert [f.split(" ")[0].split("/")[-1] for f in found] == [
        "age_band",
        "sex",
        "groups",
        "admin1",
    ]


def test_the_checker_catches_a_story_without_the_childs_assent(tmp_path):
    found = consent_violations(_with_relevance(tmp_path, "proposals", "${consent_use} = 'yes'"))
    assert len(found) == 1
    assert found[0].startswith("/data/proposals/proposal_text is relevant when")
    # The state found is a child, with consent to use, and without both child consents.
    assert "'consent_use': 'yes'" in found[0]
    assert "'age_band': '10_14'" in found[0]


def test_the_form_before_the_fix_is_caught():
    """Known answer: the form as shipped before relevance on consent (a fixture)."""
    fixture = ROOT / "tests" / "fixtures" / "forms" / "testimony_no_consent_relevance.xlsx"
    found = consent_violations(xform_of(fixture))
    assert {f.split(" ")[0].split("/")[-1] for f in found} == {
        "age_band",
        "sex",
        "groups",
        "admin1",
        "caregiver_consent",
        "child_assent",
        "language",
        "story_text",
        "proposal_text",
    }


# A new country (Uganda): the team excluded two groups and added Luganda.
EXCLUDED = ["indigenous_peoples", "caste_affected_groups"]


@pytest.fixture
def uganda(tmp_path, monkeypatch):
    root = tmp_path / "countries"
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(root))
    write_config(
        root, "UGA", groups_not_applicable=EXCLUDED, languages={"en": "English", "lg": "Luganda"}
    )
    return root


def _lists(path) -> dict[str, list]:
    lists: dict[str, list] = {}
    for list_name, name, label in _rows(path, "choices")[1:]:
        lists.setdefault(list_name, []).append((name, label))
    return lists


def test_a_countrys_form_has_its_areas_groups_and_languages(uganda, tmp_path):
    path = form.write_xlsform(tmp_path / "uga.xlsx", "UGA")
    lists = _lists(path)
    assert lists["admin1"] == admin1_rows("UGA")  # [(UG1, Central), ..., (UG4, Western)]
    assert len(lists["admin1"]) == 4
    assert lists["language"] == [("en", "English"), ("lg", "Luganda"), ("other", "Other")]
    groups = [g for g, _ in lists["groups"]]
    assert len(groups) == 18 - 2 and not set(EXCLUDED) & set(groups)
    survey = {r[1]: r for r in _rows(path, "survey")}
    assert survey["admin1"][:3] == [
        "select_one admin1",
        "admin1",
        "Province, county or region of Uganda",
    ]
    assert _rows(path, "settings")[1][0] == "LNOB testimony (voices of the people), Uganda"
    assert pilot_words_in(path, "UGA") == []
    text = text_of(path)
    assert not any(g in text for g in EXCLUDED)
    # pyxform converts it, and nothing after consent is relevant without it.
    assert consent_violations(xform_of(path)) == []
    again = form.main(["--write", str(tmp_path / "again.xlsx"), "--country", "UGA"])
    assert again == 0 and (tmp_path / "again.xlsx").read_bytes() == path.read_bytes()


def test_a_country_without_areas_keeps_the_typed_area(tmp_path):
    path = form.write_xlsform(tmp_path / "mco.xlsx", "MCO")
    assert "admin1" not in _lists(path)
    assert {r[1]: r for r in _rows(path, "survey")}["admin1"][0] == "text"
    assert consent_violations(xform_of(path)) == []


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_odk_validate_accepts_the_forms(tmp_path):
    """ODK Validate (shipped with pyxform, run with Java) accepts the forms as ODK Collect would."""
    from pyxform.xls2xform import convert

    country = form.write_xlsform(tmp_path / "eth.xlsx", "ETH")
    for path in (ROOT / "data" / "forms" / "testimony_xlsform.xlsx", country):
        assert convert(xlsform=str(path), validate=True).warnings == []
