"""Testimony checks: the country's languages are accepted; areas that are not are listed."""

from __future__ import annotations

import pandas as pd

from lnob_methods.voices.checks import NO_ASSENT, NO_USE, check_testimonies, consent_status


def _raw(**changes) -> pd.DataFrame:
    """One valid Ugandan submission as the reader returns it, with ``changes``."""
    row = {
        "testimony_id": "t1",
        "_file": "kobo.xlsx",
        "_sheet": "lnob_testimony",
        "_row": 2,
        "consent_use": "yes",
        "consent_publish": "yes",
        "caregiver_consent": "",
        "child_assent": "",
        "age_band": "25_34",
        "sex": "female",
        "groups": "youth",
        "admin1": "UG2",
        "language": "en",
        "story_text": "The clinic is far.",
        "submitted": "2024-03-01",
    }
    return pd.DataFrame([{**row, **changes}])


def _messages(problems):
    return [(p.column, p.kind, p.message, p.value) for p in problems]


def test_a_language_of_the_country_config_is_accepted():
    tidy, problems = check_testimonies(_raw(language="lg"), "UGA", ["youth"], ("en", "lg"))
    assert problems == []
    assert list(tidy["language"]) == ["lg"]


def test_a_language_outside_form_and_config_lists_the_choices():
    _, problems = check_testimonies(_raw(language="lg"), "UGA", ["youth"], ("en", "sw"))
    assert _messages(problems) == [
        (
            "language",
            "unknown-code",
            "is not a choice of the form; use one of: en, sw, ne, bn, vi, other.",
            "lg",
        )
    ]
    _, problems = check_testimonies(_raw(language="lg"), "UGA", ["youth"], ("en", "ach", "lg"))
    assert problems == []


def test_an_area_far_from_every_name_lists_the_countrys_areas():
    _, problems = check_testimonies(_raw(admin1="Kampala"), "UGA", ["youth"])
    assert _messages(problems) == [
        (
            "admin1",
            "unknown-area",
            "is not a first-level p-code or name of this country. The country's admin-1 areas "
            "are: Central, Eastern, Northern, Western.",
            "Kampala",
        )
    ]


def test_a_misspelt_area_gets_its_name():
    _, problems = check_testimonies(_raw(admin1="Eastrn"), "UGA", ["youth"])
    assert problems[0].message == (
        "is not a first-level p-code or name of this country. Did you mean 'Eastern'?"
    )
    tidy, problems = check_testimonies(_raw(admin1="eastern"), "UGA", ["youth"])
    assert (problems, list(tidy["admin1"])) == ([], ["UG2"])


def test_a_group_the_country_excludes_is_named_as_such():
    # Valid groups: the taxonomy less indigenous_peoples (what Country.groups() gives then).
    _, problems = check_testimonies(
        _raw(groups="youth indigenous_peoples"), "UGA", ["youth", "women_and_girls"]
    )
    assert _messages(problems) == [
        (
            "groups",
            "excluded-group",
            "is a group that does not apply in this country (groups_not_applicable in its "
            "config): correct the answer, or take the group out of groups_not_applicable.",
            "indigenous_peoples",
        )
    ]
    _, problems = check_testimonies(_raw(groups="elders"), "UGA", ["youth"])
    assert [p.kind for p in problems] == ["unknown-group"]


def _refusal(**changes) -> pd.DataFrame:
    """A submission as the form sends it when the person refuses: nothing after the consent."""
    blank = dict.fromkeys(["age_band", "sex", "groups", "admin1", "language", "story_text"], "")
    return _raw(**{"consent_use": "no", "consent_publish": "no", **blank, **changes})


def test_a_refusal_without_story_is_not_a_problem_and_counts_as_refused():
    tidy, problems = check_testimonies(_refusal(), "UGA", ["youth"])
    assert problems == []
    status = consent_status(tidy)
    assert list(status["reason"]) == [NO_USE]
    assert not status["use"].any()


def test_a_child_without_assent_needs_no_story_but_the_respondent_answers():
    child = _raw(
        age_band="15_17", caregiver_consent="yes", child_assent="no", language="", story_text=""
    )
    tidy, problems = check_testimonies(child, "UGA", ["youth"])
    assert problems == []
    assert list(consent_status(tidy)["reason"]) == [NO_ASSENT]
    # The respondent questions were asked (consent to use was given): an empty one is missing.
    _, problems = check_testimonies(
        _raw(age_band="15_17", caregiver_consent="yes", child_assent="no", sex="", story_text=""),
        "UGA",
        ["youth"],
    )
    assert [(p.column, p.kind) for p in problems] == [("sex", "missing-value")]


def test_an_empty_story_with_every_consent_is_still_missing():
    _, problems = check_testimonies(_raw(story_text=""), "UGA", ["youth"])
    assert [(p.column, p.kind) for p in problems] == [("story_text", "missing-value")]
