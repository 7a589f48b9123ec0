"""The testimony form: declared once, here; the XLSForm in ``data/forms/`` is generated from it.

A testimony is what one person says about their situation and what they propose, collected with
KoboToolbox or ODK Collect. The form asks for no name, phone number or address: people mention them
in their stories all the same, which is why every text is redacted before use
(:mod:`lnob_methods.voices.redact`).

Nothing after the consent questions is shown, or required, without consent: the groups after the
consent group carry a relevance (:data:`GROUP_RELEVANCE`) on the consent to use, and the story and
the proposals also on the caregiver's consent and the child's assent when the person is a child.
An enumerator can therefore submit a refusal without a story.

Regenerate the form with
``python -m lnob_methods.voices.form --write data/forms/testimony_xlsform.xlsx`` (a test fails when
the committed file differs); ``lnob form ISO3`` writes the form of one country (its admin-1 areas,
groups and languages).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from lnob_methods.reference import countries, pcodes, taxonomy

FORM_ID = "lnob_testimony"
FORM_TITLE = "LNOB testimony (voices of the people)"
YES_NO = ["yes", "no", "unsure"]
SEX = ["female", "male", "other", "prefer_not_to_say"]
AGE_BANDS = ["10_14", "15_17", "18_24", "25_34", "35_59", "60_plus"]
CHILD_BANDS = {"10_14", "15_17"}
LANGUAGES = {
    "en": "English",
    "sw": "Kiswahili",
    "ne": "Nepali",
    "bn": "Bangla",
    "vi": "Vietnamese",
    "other": "Other",
}
REPEAT = "proposals"  # the repeat group: one entry per proposal the person makes


@dataclass(frozen=True)
class Question:
    """One question of the testimony form.

    Attributes
    ----------
    name
        The XLSForm name; exports prefix it with its group path (``consent/consent_use``).
    group
        The form group (``consent``, ``respondent``, ``child_consent``, ``story``) or the repeat
        group ``proposals``.
    kind
        ``select_one LIST``, ``select_multiple LIST``, ``text`` or ``integer``.
    label, required, relevant
        As in XLSForm.
    """

    name: str
    group: str
    kind: str
    label: str
    required: bool = True
    relevant: str = ""


_CHILD = "selected(${age_band}, '10_14') or selected(${age_band}, '15_17')"
QUESTIONS = [
    Question(
        "consent_use",
        "consent",
        "select_one yes_no",
        "Do you agree that what you say is used to understand who is left behind?",
    ),
    Question(
        "consent_publish",
        "consent",
        "select_one yes_no",
        "Do you agree that your words, without your name, may be quoted in public reports?",
    ),
    Question("age_band", "respondent", "select_one age_band", "Age band"),
    Question("sex", "respondent", "select_one sex", "Sex"),
    Question(
        "groups",
        "respondent",
        "select_multiple groups",
        "Which of these groups do you see yourself in?",
    ),
    Question(
        "admin1",
        "respondent",
        "text",
        "Province, county or region (first-level p-code)",
    ),
    Question(
        "caregiver_consent",
        "child_consent",
        "select_one yes_no",
        "Caregiver: do you agree to the child taking part?",
        relevant=_CHILD,
    ),
    Question(
        "child_assent",
        "child_consent",
        "select_one yes_no",
        "Child: do you want to take part?",
        relevant=_CHILD,
    ),
    Question("language", "story", "select_one language", "Language of the testimony"),
    Question(
        "story_text", "story", "text", "In your own words: your situation, what holds you back"
    ),
    Question("proposal_text", REPEAT, "text", "What do you propose should change?", required=False),
]
# The relevance of each group: nothing after the consent group without consent to use; the story
# and the proposals of a child also need the caregiver's consent and the child's assent.
CONSENTED = "${consent_use} = 'yes'"
FULL_CONSENT = (
    f"{CONSENTED} and (not({_CHILD}) or "
    "(${caregiver_consent} = 'yes' and ${child_assent} = 'yes'))"
)
GROUP_RELEVANCE = {
    "consent": "",
    "respondent": CONSENTED,
    "child_consent": CONSENTED,
    "story": FULL_CONSENT,
    REPEAT: FULL_CONSENT,
}
CONSENT_FIELDS = ["consent_use", "consent_publish", "caregiver_consent", "child_assent"]
TAGS = ["groups", "sex", "age_band", "admin1"]


def choice_lists(country_groups: list[dict] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Return every choice list as (name, label) pairs; groups from the LNOB taxonomy.

    Parameters
    ----------
    country_groups
        A country config's own groups (``id``, ``label``, ``dimension``), added to the list.
    """
    groups = taxonomy.groups_table(list(country_groups or []))
    return {
        "yes_no": [(v, v.capitalize()) for v in YES_NO],
        "sex": [(v, v.replace("_", " ").capitalize()) for v in SEX],
        "age_band": [(v, v.replace("_plus", " and over").replace("_", "-")) for v in AGE_BANDS],
        "groups": list(zip(groups["group"], groups["label"], strict=True)),
        "language": list(LANGUAGES.items()),
    }


def country_choice_lists(place: countries.Country) -> dict[str, list[tuple[str, str]]]:
    """Return the choice lists of one country's form.

    The groups that apply in the country (the taxonomy less ``groups_not_applicable``, plus its
    own groups), its languages (named as in its config, then "Other"), and its admin-1 areas
    (OCHA p-codes, labelled with their names; none when the reference has no areas for it).
    """
    lists = choice_lists()
    groups = place.groups()
    lists["groups"] = list(zip(groups["group"], groups["label"], strict=True))
    names = dict(LANGUAGES) | dict(place.language_names)
    lists["language"] = [(c, names.get(c, c)) for c in place.languages if c != "other"]
    lists["language"].append(("other", LANGUAGES["other"]))
    areas = pcodes.admin1_names(place.iso3)
    if areas:
        lists["admin1"] = [(code, name) for name, code in areas.items()]
    return lists


def write_xlsform(path: Path, iso3: str | None = None) -> Path:
    """Write the KoboToolbox/ODK XLSForm of the testimony form; return the path.

    Parameters
    ----------
    path
        Where to write the ``.xlsx`` file.
    iso3
        A country: its form lists only its admin-1 areas (to choose from), the groups that apply
        there and its languages. None writes the form of every country (the committed one).
    """
    from openpyxl import Workbook

    from lnob_methods.core.workbook import fix_workbook_times, save_reproducible

    place = countries.load_country(iso3) if iso3 else None
    lists = country_choice_lists(place) if place else choice_lists()
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "required", "relevance"])
    survey.append(["start", "start", "", "", ""])
    survey.append(["end", "end", "", "", ""])
    survey.append(["today", "today", "", "", ""])
    current = None
    for q in QUESTIONS:
        if q.group != current:
            if current is not None:
                survey.append([f"end_{'repeat' if current == REPEAT else 'group'}", "", "", "", ""])
            begin = "begin_repeat" if q.group == REPEAT else "begin_group"
            label = q.group.replace("_", " ").capitalize()
            survey.append([begin, q.group, label, "", GROUP_RELEVANCE[q.group]])
            current = q.group
        kind, label = q.kind, q.label
        if q.name == "admin1" and "admin1" in lists:
            kind = "select_one admin1"
            label = f"{label.split(' (')[0]} of {place.name}"
        survey.append([kind, q.name, label, "yes" if q.required else "no", q.relevant])
    survey.append([f"end_{'repeat' if current == REPEAT else 'group'}", "", "", "", ""])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for list_name, pairs in lists.items():
        for name, label in pairs:
            choices.append([list_name, name, label])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    title = FORM_TITLE
    if place:
        title = f"{title}, {place.name}"
    settings.append([title, FORM_ID, "1"])
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


def main(argv: list[str] | None = None) -> int:
    """Write the XLSForm (``--write PATH``, and ``--country ISO3`` for one country's form)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=Path, required=True, metavar="PATH")
    ap.add_argument("--country", metavar="ISO3", help="write this country's form")
    args = ap.parse_args(argv)
    write_xlsform(args.write, args.country)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
