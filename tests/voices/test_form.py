"""The testimony XLSForm: consent first, child consent only for children, no identifiers."""

from __future__ import annotations

import re

import openpyxl

from lnob_methods.voices import form


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
    assert by_name["proposal_text"][3] == "no"  # the only optional question
    assert by_name["story_text"][3] == "yes"


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
