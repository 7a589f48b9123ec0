"""Testimony exports written for tests, and readers of the synthetic ones."""

from __future__ import annotations

import csv
import re

import openpyxl
import pandas as pd

from lnob_methods.demo import testimonies as demo
from lnob_methods.voices.form import choice_lists
from tests.helpers import ROOT

COUNTRIES = ROOT / "data" / "countries"


def read_testimonies(iso3: str, root=COUNTRIES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (main, proposals) as text, columns named by question (``consent_use``, ...)."""
    folder = root / iso3 / "testimonies"
    files = [folder / name for name in demo.FILES[demo.FORMAT[iso3]]]
    opts = {"dtype": str, "keep_default_na": False}
    if files[0].suffix == ".xlsx":
        main, repeat = pd.read_excel(files[0], sheet_name=[0, 1], **opts).values()
    else:
        main, repeat = (pd.read_csv(f, **opts) for f in files)
    main = main.rename(columns=lambda c: re.split(r"[/.-]", c)[-1])
    repeat = repeat.rename(columns=lambda c: re.split(r"[/.]", c)[-1])
    if demo.FORMAT[iso3] == "kobo_xlsx_typed":  # Kobo wrote 35_59 as 3559: back to the name
        typed = {"1014": "10_14", "1517": "15_17", "1824": "18_24", "2534": "25_34"}
        main["age_band"] = main["age_band"].replace(typed | {"3559": "35_59"})
    uuid = main["_uuid"] if "_uuid" in main else main["KEY"].str.removeprefix("uuid:")
    return main.assign(uuid=uuid), repeat


def raw_text(iso3: str, root=COUNTRIES) -> str:
    """Return every cell of a country's testimony files as one text."""
    main, repeat = read_testimonies(iso3, root)
    return "\n".join(main.astype(str).to_numpy().ravel()) + "\n".join(
        repeat.astype(str).to_numpy().ravel()
    )


def canary_pattern(planted: list[str]) -> re.Pattern:
    """Match any canary not glued to other ASCII letters or digits.

    Short names ("Tham", "Khai") also occur by chance inside the base64 of embedded figures; an
    ASCII boundary rules those out and still finds "Tham," or "Tham." in text. Canaries in
    Devanagari or Bengali match anywhere, suffixes included.
    """
    alternatives = "|".join(re.escape(c) for c in sorted(planted, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")


GROUPS = [g for g, _ in choice_lists()["groups"]]


# (uuid, use, publish, age, caregiver, assent, sex, groups, admin1, language, story, proposals)
SUBMISSIONS = [
    (
        "u1",
        "yes",
        "yes",
        "25_34",
        "",
        "",
        "female",
        "women_and_girls youth",
        "KE047",
        "en",
        "The clinic is far.",
        ["Build a clinic", "Lower fees"],
    ),
    (
        "u2",
        "yes",
        "no",
        "60_plus",
        "",
        "",
        "male",
        "older_people",
        "KE001",
        "sw",
        "Hakuna maji.",
        ["Maji safi"],
    ),
    (
        "u3",
        "no",
        "no",
        "35_59",
        "",
        "",
        "female",
        "persons_with_disabilities",
        "KE047",
        "en",
        "No ramp at school.",
        [],
    ),
    ("u4", "", "yes", "18_24", "", "", "other", "youth", "KE047", "en", "No work.", []),
    (
        "u5",
        "yes",
        "yes",
        "10_14",
        "yes",
        "",
        "female",
        "children",
        "KE001",
        "en",
        "School is far.",
        ["A bus"],
    ),
    ("u6", "yes", "unsure", "18_24", "", "", "male", "youth", "KE001", "en", "No jobs.", []),
]


MAIN_HEADER = [
    "start",
    "end",
    "today",
    "consent/consent_use",
    "consent/consent_publish",
    "respondent/age_band",
    "respondent/sex",
    "respondent/groups",
    *[f"respondent/groups/{g}" for g in GROUPS],
    "respondent/admin1",
    "child_consent/caregiver_consent",
    "child_consent/child_assent",
    "story/language",
    "story/story_text",
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
]


REPEAT_HEADER = [
    "proposals/proposal_text",
    "_index",
    "_parent_table_name",
    "_parent_index",
    "_submission__id",
    "_submission__uuid",
]


def write_kobo_xlsx(path, subs, split_only=False):
    main, rep = _kobo_rows(subs, split_only)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "lnob_testimony"
    ws.append(MAIN_HEADER)
    for r in main:
        ws.append(r)
    ws2 = wb.create_sheet("proposals")
    ws2.append(REPEAT_HEADER)
    for r in rep:
        ws2.append(r)
    wb.save(path)


def write_kobo_csv(path, subs, drop_uuid_in_repeats=False):
    main, rep = _kobo_rows(subs)
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(MAIN_HEADER)
        w.writerows(main)
    header = REPEAT_HEADER[:-1] if drop_uuid_in_repeats else REPEAT_HEADER
    with open(
        path.with_name(path.stem + "_proposals.csv"), "w", newline="", encoding="utf-8-sig"
    ) as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(header)
        w.writerows(r[: len(header)] for r in rep)


def write_odk_csv(path, subs):
    header = [
        "SubmissionDate",
        "start",
        "end",
        "today",
        "consent-consent_use",
        "consent-consent_publish",
        "respondent-age_band",
        "respondent-sex",
        "respondent-groups",
        "respondent-admin1",
        "child_consent-caregiver_consent",
        "child_consent-child_assent",
        "story-language",
        "story-story_text",
        "meta-instanceID",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "Status",
    ]
    rep = []
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for uuid, use, pub, age, care, assent, sex, groups, area, lang, story, props in subs:
            key = f"uuid:{uuid}"
            w.writerow(
                [
                    "2024-03-02T08:00:00Z",
                    "",
                    "",
                    "2024-03-01",
                    use,
                    pub,
                    age,
                    sex,
                    groups,
                    area,
                    care,
                    assent,
                    lang,
                    story,
                    key,
                    key,
                    "7",
                    "enumerator01",
                    "",
                ]
            )
            rep += [[p, key, f"{key}/proposals[{j}]"] for j, p in enumerate(props, start=1)]
    with open(
        path.with_name(path.stem + "-proposals.csv"), "w", newline="", encoding="utf-8"
    ) as fh:
        w = csv.writer(fh)
        w.writerow(["proposal_text", "PARENT_KEY", "KEY"])
        w.writerows(rep)


def _kobo_rows(subs, split_only=False):
    main, rep = [], []
    for i, (uuid, use, pub, age, care, assent, sex, groups, area, lang, story, props) in enumerate(
        subs, start=1
    ):
        picked = groups.split()
        main.append(
            [
                "2024-03-01T10:00:00",
                "2024-03-01T10:20:00",
                "2024-03-01",
                use,
                pub,
                age,
                sex,
                "" if split_only else groups,
                *[1 if g in picked else 0 for g in GROUPS],
                area,
                care,
                assent,
                lang,
                story,
                1000 + i,
                uuid,
                "2024-03-02T08:00:00",
                i,
            ]
        )
        for p in props:
            rep.append([p, len(rep) + 1, "lnob_testimony", i, 1000 + i, uuid])
    return main, rep
