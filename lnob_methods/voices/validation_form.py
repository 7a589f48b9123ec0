"""The community validation form: findings and proposals put back to the people, in plain words.

After the gap analysis, the in-country team goes back to people of the focus groups with the main
findings and the proposals people made, and asks of each: *Is this right for people like you?*
(agree, partly, disagree, don't know), then *Which three of these matter most?*, with room for a
correction and a new proposal. The consent questions come first; every other question sits in a
group that is only shown, and only required, once consent is given (for a child: the caregiver's
consent and the child's assent too). The form asks for no name, phone number, address, sex or
place: only the age band (for the child-consent rule) and the language of the answers.

Each finding or proposal is an *item* with a code that says what it refers to, so that answers
can be matched back without the form itself: ``gap__<group>__<target>`` (a gap of the map, the
target's dot written ``_``) or ``proposal__<theme>`` (a theme of the people's proposals). Its
judgement question is named ``j_<code>``; the priority question ``top_three`` takes item codes.

The items of a country come from its results (:mod:`lnob_methods.analysis.validation_items`);
``lnob validation-form --country ISO3`` writes the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lnob_methods.voices.form import AGE_BANDS, YES_NO

JUDGEMENTS = ["agree", "partly", "disagree", "dont_know"]
PRIORITY = "top_three"
PRIORITY_MAX = 3
JUDGE_PREFIX = "j_"
CONSENT_FIELDS = ["consent_use", "consent_publish", "caregiver_consent", "child_assent"]
TEXT_FIELDS = ["correction", "new_proposal"]
_CHILD = "(selected(${age_band}, '10_14') or selected(${age_band}, '15_17'))"
_CONSENTED = (
    f"${{consent_use}} = 'yes' and (not({_CHILD}) or "
    "(${caregiver_consent} = 'yes' and ${child_assent} = 'yes'))"
)
# The English text of every fixed phrase of the form, by key; a country config's `translations`
# gives the same keys in its languages (see data/countries/README.md).
PHRASES = {
    "consent": "Consent",
    "consent_use": "Do you agree that your answers are used to check and rank these findings?",
    "consent_publish": "Do you agree that your words, without your name, may be quoted in public "
    "reports?",
    "respondent": "About you",
    "age_band": "Age band",
    "language": "Language of your answers",
    "child_consent": "Child consent",
    "caregiver_consent": "Caregiver: do you agree to the child taking part?",
    "child_assent": "Child: do you want to take part?",
    "findings": "What we found",
    "judge": "Is this right for people like you?",
    "priorities": "What matters most",
    "top_three": "Which three of these matter most?",
    "top_three_limit": "Choose at most three.",
    "your_words": "In your own words",
    "correction": "Is anything here wrong or missing? Your correction:",
    "new_proposal": "What else do you propose should change?",
    "yes": "Yes",
    "no": "No",
    "unsure": "Unsure",
    "agree": "Agree",
    "partly": "Partly agree",
    "disagree": "Disagree",
    "dont_know": "Don't know",
}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Item:
    """One finding or proposal put to the people.

    Attributes
    ----------
    code
        ``gap__<group>__<target>`` or ``proposal__<theme>`` (see :func:`gap_code`).
    statement
        The plain-words sentence people judge.
    """

    code: str
    statement: str


def gap_code(group: str, target: str) -> str:
    """Return the item code of a gap cell.

    Examples
    --------
    >>> gap_code("persons_with_disabilities", "10.2")
    'gap__persons_with_disabilities__10_2'
    """
    return f"gap__{group}__{target.replace('.', '_')}"


def proposal_code(theme: str) -> str:
    """Return the item code of a proposal theme (``proposal__<theme>``)."""
    return f"proposal__{theme}"


def parse_code(code: str) -> dict[str, str] | None:
    """Return what an item code refers to, or None when it is not an item code.

    Examples
    --------
    >>> parse_code("gap__youth__10_b")
    {'kind': 'gap', 'group': 'youth', 'target': '10.b'}
    >>> parse_code("proposal__health_care")
    {'kind': 'proposal', 'theme': 'health_care'}
    """
    parts = str(code).strip().split("__")
    if len(parts) == 3 and parts[0] == "gap" and re.fullmatch(r"\d+_[0-9a-z]+", parts[2]):
        return {"kind": "gap", "group": parts[1], "target": parts[2].replace("_", ".", 1)}
    if len(parts) == 2 and parts[0] == "proposal" and parts[1]:
        return {"kind": "proposal", "theme": parts[1]}
    return None


def _language_column(code: str, names: dict[str, str]) -> str:
    return f"label::{names.get(code, code)} ({code})"


def _rows(items: list[Item], languages: list[str]) -> list[tuple]:
    """Return the survey rows.

    Each row is (type, name, phrase key or (key, literal text), required, relevance, constraint).
    """
    rows = [("start", "start", None, "", "", ""), ("end", "end", None, "", "", "")]
    rows += [("today", "today", None, "", "", "")]
    rows += [
        ("begin_group", "consent", "consent", "", "", ""),
        ("select_one yes_no", "consent_use", "consent_use", "yes", "", ""),
        ("select_one yes_no", "consent_publish", "consent_publish", "yes", "", ""),
        ("end_group", "", None, "", "", ""),
        ("begin_group", "respondent", "respondent", "", "${consent_use} = 'yes'", ""),
        ("select_one age_band", "age_band", "age_band", "yes", "", ""),
        ("select_one language", "language", "language", "yes", "", ""),
        ("end_group", "", None, "", "", ""),
        (
            "begin_group",
            "child_consent",
            "child_consent",
            "",
            "${consent_use} = 'yes' and " + _CHILD,
            "",
        ),
        ("select_one yes_no", "caregiver_consent", "caregiver_consent", "yes", "", ""),
        ("select_one yes_no", "child_assent", "child_assent", "yes", "", ""),
        ("end_group", "", None, "", "", ""),
        ("begin_group", "findings", "findings", "", _CONSENTED, ""),
    ]
    for i, item in enumerate(items, start=1):
        rows.append(
            (
                "select_one judgement",
                JUDGE_PREFIX + item.code,
                ("judge", f"{i}. {item.statement}"),
                "yes",
                "",
                "",
            )
        )
    rows += [
        ("end_group", "", None, "", "", ""),
        ("begin_group", "priorities", "priorities", "", _CONSENTED, ""),
        (
            "select_multiple items",
            PRIORITY,
            "top_three",
            "yes",
            "",
            f"count-selected(.) <= {PRIORITY_MAX}",
        ),
        ("end_group", "", None, "", "", ""),
        ("begin_group", "your_words", "your_words", "", _CONSENTED, ""),
        ("text", "correction", "correction", "no", "", ""),
        ("text", "new_proposal", "new_proposal", "no", "", ""),
        ("end_group", "", None, "", "", ""),
    ]
    return rows


def _text(key, lang: str, translations: dict[str, dict[str, str]]) -> str:
    """Return a label in a language: the translation given, else the English phrase."""
    if key is None:
        return ""
    mine = translations.get(lang, {})
    if isinstance(key, tuple):  # (phrase key, literal text): the statement, then the question
        phrase, literal = key
        return f"{literal}\n{mine.get(phrase, PHRASES[phrase])}"
    if key in PHRASES:
        return mine.get(key, PHRASES[key])
    return str(key)


def check_items(items: list[Item]) -> None:
    """Raise ValueError when item codes are not usable as XLSForm names or are repeated."""
    codes = [i.code for i in items]
    bad = [c for c in codes if not _NAME.match(c) or parse_code(c) is None]
    if bad:
        raise ValueError(f"not item codes: {bad}")
    if len(set(codes)) != len(codes):
        raise ValueError("item codes are repeated")
    if not items:
        raise ValueError("a validation form needs at least one finding or proposal")


def write_xlsform(
    path: Path,
    items: list[Item],
    *,
    form_id: str,
    title: str,
    languages: tuple[str, ...] = ("en",),
    language_names: dict[str, str] | None = None,
    translations: dict[str, dict[str, str]] | None = None,
    version: str = "1",
) -> Path:
    """Write the validation XLSForm of a list of items; return the path.

    Parameters
    ----------
    path
        Where to write (``.xlsx``).
    items
        The findings and proposals, in the order asked.
    form_id, title, version
        The form's settings.
    languages, language_names
        The country's languages (ISO 639 codes) and their names; English always comes first and is
        the default language.
    translations
        Per language code, the translated text of :data:`PHRASES` keys; a phrase without a
        translation is shown in English.
    """
    from openpyxl import Workbook

    from lnob_methods.core.workbook import fix_workbook_times, save_reproducible

    check_items(items)
    names = {"en": "English", **(language_names or {})}
    langs = ["en", *[c for c in languages if c != "en"]]
    tr = translations or {}
    label_cols = [_language_column(c, names) for c in langs]
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    message_cols = [c.replace("label::", "constraint_message::") for c in label_cols]
    survey.append(
        ["type", "name", *label_cols, "required", "relevance", "constraint", *message_cols]
    )
    for kind, name, key, required, relevance, constraint in _rows(items, langs):
        labels = [_text(key, c, tr) for c in langs]
        messages = [_text("top_three_limit", c, tr) if constraint else "" for c in langs]
        survey.append([kind, name, *labels, required, relevance, constraint, *messages])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *label_cols])
    for value in YES_NO:
        choices.append(["yes_no", value, *[_text(value, c, tr) for c in langs]])
    for band in AGE_BANDS:
        shown = band.replace("_plus", " and over").replace("_", "-")
        choices.append(["age_band", band, *[shown for _ in langs]])
    for code in langs:
        choices.append(["language", code, *[names.get(code, code) for _ in langs]])
    for value in JUDGEMENTS:
        choices.append(["judgement", value, *[_text(value, c, tr) for c in langs]])
    for item in items:
        choices.append(["items", item.code, *[item.statement for _ in langs]])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([title, form_id, version, f"{names['en']} (en)"])
    fix_workbook_times(wb)
    return save_reproducible(wb, path)
