"""Generate the SYNTHETIC demonstration testimonies of the four pilot countries (seeded).

No real testimony is published. These files are invented: 320 people per country telling, in
English or the local language, what holds them back (sentences from
:mod:`lnob_methods.demo.phrases`, written with the codebook so that the coding finds
the themes), with their proposals, consent, groups and province. They exercise the exports the
testimony loader reads, in the layout of KoboToolbox's own exporter (``tests/fixtures/kobo/``):
KoboToolbox XLSX with XML names and "/" (KEN, VNM), KoboToolbox XLSX with the "." separator and
numbers stored as numbers (BGD), and ODK Central CSV (NPL). (KoboToolbox's CSV export leaves the
proposals out, so no pilot uses it.) About 2% of rows are deliberately wrong (a misspelt choice,
a p-code of another country, an empty story, a duplicate submission, an orphan proposal) for the
validator, and about 15% of stories carry invented personal data (names, phone numbers, ids,
places: the "canaries") that the redactor must remove; :func:`canaries` lists them.

Run ``python -m lnob_methods.demo.testimonies [OUT_ROOT]`` to regenerate (reproducible bytes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import uuid
from collections import deque
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from lnob_methods.core import paths
from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.demo.kobo import KOBO_COPY, KOBO_VERSION, sheet_title
from lnob_methods.demo.phrases import (
    BANK,
    CANARIES,
    FOR_AGES,
    FRAME,
    GROUP_THEMES,
    IDS,
    NAMES,
    PHONES,
    THEME_WEIGHTS,
    VILLAGES,
)
from lnob_methods.reference import countries, pcodes, provenance
from lnob_methods.voices import form as voices_form

SEED = 20261125
PILOTS = ["BGD", "KEN", "NPL", "VNM"]
N = 320
LOCAL = {"BGD": "bn", "KEN": "sw", "NPL": "ne", "VNM": "vi"}
UTC_MINUTES = {"BGD": 360, "KEN": 180, "NPL": 345, "VNM": 420}
# Where people were met: a few first-level areas, the rest anywhere in the country.
ADMIN1 = {
    "BGD": {"BD30": 0.5, "BD20": 0.2, "BD40": 0.15},
    "KEN": {"KE047": 0.35, "KE042": 0.2, "KE003": 0.15, "KE023": 0.15},
    "NPL": {"NP02": 0.4, "NP06": 0.3, "NP07": 0.3},  # the three focus provinces only
    "VNM": {"VN201": 0.25, "VN205": 0.2, "VN302": 0.2, "VN101": 0.15},
}
# Groups nobody in the synthetic data belongs to, where they make little sense.
NOT_MET = {"KEN": {"caste_affected_groups"}, "VNM": {"caste_affected_groups"}}
FOREIGN_ADMIN1 = {"BGD": "VN101", "KEN": "NP03", "NPL": "BD30", "VNM": "KE047"}
EN_SHARE, N_CHILD, N_YOUNG_CHILD, N_CANARY = 0.45, 38, 16, 48
N_PUBLISH_NO, N_UNSURE, N_CHILD_MISSING = 21, 12, 7
# The synthetic second round (written by lnob_methods.demo.rounds): fewer people, met later, each
# count above scaled to the smaller size, and a random stream of its own.
N_ROUND2, FIRST_DAY = 64, {1: dt.date(2024, 2, 1), 2: dt.date(2026, 4, 1)}
FORMAT = {"BGD": "kobo_xlsx_typed", "KEN": "kobo_xlsx", "NPL": "odk_csv", "VNM": "kobo_xlsx"}
KOBO_REPEAT = ["proposal_text", "_index", "_parent_table_name", "_parent_index"]
KOBO_REPEAT += [f"_submission_{c}" for c in KOBO_COPY]
ODK_META = ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent"]
ODK_META += ["AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion"]
FILES = {
    "kobo_xlsx": ["synthetic_testimonies_kobo.xlsx"],
    "kobo_xlsx_typed": ["synthetic_testimonies_kobo.xlsx"],
    "odk_csv": ["synthetic_testimonies_odk.csv", "synthetic_testimonies_odk-proposals.csv"],
}


def _pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def places(iso3: str) -> list[str]:
    """Return the admin-2 names a canary may use as a place (under the areas of :data:`ADMIN1`).

    Names of 5 letters or more, in plain words, that are not also an admin-1 name, carry no
    compass word ("Kilifi North") and are not an ordinary Swahili or English word ("Kilimani").
    """
    pc = pcodes.areas(iso3)
    adm1 = {n.casefold() for n in pc.loc[pc["admin_level"] == "1", "name"]}
    adm2 = pc[(pc["admin_level"] == "2") & pc["parent_pcode"].isin(ADMIN1[iso3])]
    compass = {"north", "south", "east", "west", "central", "town"}
    compass |= {"kilimani", "starehe", "kwanza", "manyatta", "turbo"}  # ordinary words too
    return sorted(
        n
        for n in adm2["name"]
        if re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+)*", n)
        and len(n.replace(" ", "")) >= 5
        and n.casefold() not in adm1
        and not set(n.casefold().split()) & compass
    )


def _digits(rng, template: str) -> str:
    draw = {"#": (0, 10), "@": (1, 10), "%": (3, 10)}
    return "".join(str(rng.integers(*draw[c])) if c in draw else c for c in template)


def _canary(ctx, lang, pattern, sentence) -> tuple[str, list[str]]:
    iso3, rng = ctx["iso3"], ctx["rng"]
    firsts, lasts = (s.split() for s in NAMES[(iso3, lang)])
    first, _, middle = _pick(rng, firsts).partition(":")
    last = _pick(rng, lasts)
    local_script = lang in ("ne", "bn")
    values = {
        "First": first,
        "Last": last,
        "Middle": middle,
        "phone": _digits(rng, _pick(rng, PHONES[iso3])),
        "id": _digits(rng, _pick(rng, IDS[iso3])),
        "email": f"{first}.{last}{int(rng.integers(10, 99))}@example.org".lower(),
        "Place": _pick(
            rng, VILLAGES[(iso3, lang)] if local_script or rng.random() < 0.5 else ctx["places"]
        ),
    }
    # Placeholders next to each other ("{First} {Last}") make one canary string.
    found = [g.format(**values) for g in re.findall(r"\{\w+\}(?: \{\w+\})*", pattern)]
    return sentence.format(**values), found


def _groups(ctx, age) -> list[str]:
    rng = ctx["rng"]
    focus = [g for g in ctx["focus"] if age in FOR_AGES.get(g, {age})]
    other = [g for g in ctx["others"] if age in FOR_AGES.get(g, {age})]
    chosen: list[str] = []
    for k in range(1 + int(rng.random() < 0.4)):
        pool = focus if focus and rng.random() < (0.85 if k == 0 else 0.5) else other
        pool = [g for g in pool if g not in chosen]
        if pool:
            chosen.append(_pick(rng, pool))
    return chosen


def _themes(ctx, groups, sex, age) -> list[str]:
    ids = list(BANK)
    w = np.array([THEME_WEIGHTS[ctx["iso3"]].get(t, 1.0) for t in ids])
    for i, t in enumerate(ids):
        for g in groups:
            w[i] *= GROUP_THEMES.get(g, {}).get(t, 1.0)
        if sex == "male" and t in ("child_marriage", "gender_based_violence"):
            w[i] *= 0.3
        if age in voices_form.CHILD_BANDS and t in ("work_income", "land_farming"):
            w[i] *= 0.3
    k = int(ctx["rng"].integers(2, 5))
    return [str(t) for t in ctx["rng"].choice(ids, size=k, replace=False, p=w / w.sum())]


def _story(ctx, lang, themes, with_canary) -> tuple[str, list[str]]:
    rng = ctx["rng"]
    sentences = [_pick(rng, BANK[t][lang]["s"]) for t in themes]
    if rng.random() < 0.6:
        sentences.insert(0, _pick(rng, FRAME[lang]["o"]))
    if rng.random() < 0.4:
        sentences.append(_pick(rng, FRAME[lang]["c"]))
    found: list[str] = []
    for _ in range(1 + int(rng.random() < 0.3) if with_canary else 0):
        queue = ctx["queues"][lang]  # cycle through the patterns so that each one is used
        if not queue:
            queue.extend(rng.permutation(len(CANARIES[lang])).tolist())
        text, values = _canary(ctx, lang, *CANARIES[lang][queue.popleft()])
        sentences.insert(int(rng.integers(0, len(sentences) + 1)), text)
        found += values
    return (" " if rng.random() > 0.06 else "\n").join(sentences), found


def _person(ctx, i) -> dict:
    rng, flags, iso3 = ctx["rng"], ctx["flags"], ctx["iso3"]
    child = bool(flags["child"][i])
    adult = str(rng.choice(["18_24", "25_34", "35_59", "60_plus"], p=[0.25, 0.3, 0.3, 0.15]))
    age = ("10_14" if flags["young"][i] else "15_17") if child else adult
    groups = _groups(ctx, age)
    sex = str(rng.choice(voices_form.SEX, p=[0.55, 0.41, 0.02, 0.02]))
    if {"women_and_girls", "young_women_and_girls"} & set(groups):
        sex = "female"
    lang = "en" if flags["en"][i] else LOCAL[iso3]
    themes = _themes(ctx, groups, sex, age)
    story, found = _story(ctx, lang, themes, flags["canary"][i])
    wanted = themes + [str(t) for t in rng.permutation([t for t in BANK if t not in themes])]
    weights = np.array(list(ADMIN1[iso3].values()))
    in_focus = rng.random() < weights.sum()
    areas = list(ADMIN1[iso3]) if in_focus else ctx["all_admin1"]
    admin1 = str(rng.choice(areas, p=weights / weights.sum() if in_focus else None))
    day = ctx["first_day"] + dt.timedelta(days=int(rng.integers(0, 300)))
    tz = dt.timezone(dt.timedelta(minutes=UTC_MINUTES[iso3]))
    start = dt.datetime.combine(day, dt.time(8), tz)
    start += dt.timedelta(seconds=int(rng.integers(0, 9 * 3600)))
    end = start + dt.timedelta(seconds=int(rng.integers(6 * 60, 40 * 60)))
    return {
        "start": start,
        "end": end,
        "submitted": end + dt.timedelta(seconds=int(rng.integers(300, 3 * 86400))),
        "consent_use": "yes",
        "consent_publish": "yes",
        "age_band": age,
        "sex": sex,
        "groups": groups,
        "admin1": admin1,
        "caregiver_consent": "yes" if child else "",
        "child_assent": "yes" if child else "",
        "language": lang,
        "story_text": story,
        "proposals": [_pick(rng, BANK[t][lang]["p"]) for t in wanted[: int(rng.integers(1, 4))]],
        "uuid": str(uuid.UUID(bytes=rng.bytes(16), version=4)),
        "enumerator": int(rng.integers(1, 7)),
        "review": str(rng.choice(["", "approved", "hasIssues"], p=[0.8, 0.17, 0.03])),
        "canaries": found,
    }


def _people(iso3: str, wave: int = 1) -> tuple[list[dict], dict]:
    """Return the main rows (in export order, numbered) and the orphan proposal of a country.

    ``wave`` 1 is the first round's people; 2 the smaller synthetic second round's.
    """
    # One stream per country (and round), so that canaries(iso3) regenerates one country alone.
    rng = np.random.default_rng([SEED, PILOTS.index(iso3)] + ([] if wave == 1 else [wave]))
    place = countries.load_country(iso3)
    pc = pcodes.table()
    size = N if wave == 1 else N_ROUND2

    def scaled(count):
        return count if wave == 1 else max(1, round(count * size / N))

    def take(n):
        mask = np.zeros(size, bool)
        mask[rng.permutation(size)[:n]] = True
        return mask

    flags = {
        "child": take(scaled(N_CHILD)),
        "en": take(round(EN_SHARE * size)),
        "canary": take(scaled(N_CANARY)),
    }
    flags["young"] = np.zeros(size, bool)
    flags["young"][np.flatnonzero(flags["child"])[: scaled(N_YOUNG_CHILD)]] = True
    skip = {*place.focus_groups, *NOT_MET.get(iso3, ())}
    ctx = {
        "iso3": iso3,
        "rng": rng,
        "flags": flags,
        "focus": list(place.focus_groups),
        "others": [g for g in place.groups()["group"] if g not in skip],
        "queues": {lang: deque() for lang in CANARIES},
        "places": places(iso3),
        "all_admin1": sorted(pc.loc[(pc["iso3"] == iso3) & (pc["admin_level"] == "1"), "pcode"]),
        "first_day": FIRST_DAY[wave],
    }
    rows = [_person(ctx, i) for i in range(size)]
    # Consent: children without assent or caregiver consent; refusals; unsure or left blank.
    children = [int(i) for i in rng.permutation(np.flatnonzero(flags["child"]))]
    for k, i in enumerate(children[: scaled(N_CHILD_MISSING)]):
        rows[i]["child_assent" if k % 2 == 0 else "caregiver_consent"] = ""
    adults = [int(i) for i in rng.permutation(np.flatnonzero(~flags["child"]))]
    n_no, n_unsure = scaled(N_PUBLISH_NO), scaled(N_UNSURE)
    for i in adults[:n_no]:
        rows[i]["consent_publish"] = "no"
    for k, i in enumerate(adults[n_no : n_no + n_unsure]):
        rows[i]["consent_use" if k % 4 in (0, 3) else "consent_publish"] = (
            "unsure" if k % 4 < 2 else ""
        )
    # Bad rows for the validator, among complete adult rows without canaries.
    clean = [i for i in adults[n_no + n_unsure :] if not rows[i]["canaries"]]
    bad, source = clean[:5], clean[5]
    rows[bad[0]]["sex"] = "femal"
    rows[bad[1]]["consent_use"] = "Yes "
    rows[bad[2]]["admin1"] = FOREIGN_ADMIN1[iso3]
    rows[bad[3]]["story_text"] = ""
    dup = dict(rows[source], canaries=[])
    dup["submitted"] = rows[source]["submitted"] + dt.timedelta(hours=3)
    rows[bad[4]] = dup
    rows.sort(key=lambda r: (r["submitted"], r["uuid"]))
    next_id = 150_000_000 + 10_000_000 * PILOTS.index(iso3) + 5_000_000 * (wave - 1)
    for k, r in enumerate(rows, start=1):
        next_id += int(rng.integers(1, 40))
        r["_id"], r["_index"] = next_id, k
    text = _pick(rng, BANK["participation_voice"]["en"]["p"])
    orphan_uuid = str(uuid.UUID(bytes=rng.bytes(16), version=4))
    return rows, {"text": text, "uuid": orphan_uuid, "_id": next_id + 1000, "_index": size + 7}


def canaries(iso3: str, wave: int = 1) -> list[str]:
    """Return every personal-data canary inserted in a pilot country's synthetic stories.

    Full names as written ("Nyambura Kamau", "Nguyễn Thị Quỳnh", or the given name after
    "Mama"), phone numbers, e-mail addresses, identity numbers and places, each once, in the
    order they were inserted. Regenerated deterministically; nothing is stored.
    """
    rows, _ = _people(iso3.upper(), wave)
    return list(dict.fromkeys(c for r in rows for c in r["canaries"]))


def _answers(r: dict, sep: str) -> dict:
    # Column names from the form itself: "<group><sep><name>", as Kobo ("/") and ODK ("-") do.
    out = {
        "start": r["start"].isoformat(timespec="milliseconds"),
        "end": r["end"].isoformat(timespec="milliseconds"),
        "today": r["start"].date().isoformat(),
    }
    for q in voices_form.QUESTIONS:
        if q.group != voices_form.REPEAT:
            value = r[q.name]
            out[f"{q.group}{sep}{q.name}"] = " ".join(value) if q.name == "groups" else value
    return out


def _utc(r: dict) -> dt.datetime:
    return r["submitted"].astimezone(dt.UTC).replace(tzinfo=None)


def _typed(value):
    # "Store date and number responses as text" unticked: whatever Python reads as a number is
    # written as one (int("35_59") is 3559), dates as dates (without their time zone).
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _kobo_tables(
    iso3: str, sep: str = "/", typed: bool = False, wave: int = 1
) -> tuple[list[list], list[list]]:
    rows, orphan = _people(iso3, wave)
    place = countries.load_country(iso3)
    choices = [g for g, _ in voices_form.choice_lists(list(place.country_groups))["groups"]]
    questions = list(_answers(rows[0], sep))
    flags = [f"respondent{sep}groups{sep}{g}" for g in choices]
    cut = questions.index(f"respondent{sep}groups") + 1
    header = [*questions[:cut], *flags, *questions[cut:], "__version__", *KOBO_COPY, "_index"]
    main = [header]
    repeat = [[f"{voices_form.REPEAT}{sep}{KOBO_REPEAT[0]}", *KOBO_REPEAT[1:]]]
    for r in rows:
        row = _answers(r, sep) | {
            f: str(int(g in r["groups"])) for f, g in zip(flags, choices, strict=True)
        }
        copy = [r["_id"], r["uuid"], _utc(r).isoformat(), None, None, "submitted_via_web"]
        copy += [None, None]
        if typed:
            row = {k: _typed(v) for k, v in row.items()}
            for k in ("start", "end"):
                row[k] = r[k].replace(tzinfo=None)
            row["today"] = dt.datetime.combine(r["start"].date(), dt.time())
            copy[2] = _utc(r)
        row |= dict(zip(KOBO_COPY, copy, strict=True))
        main.append([row.get(c, KOBO_VERSION) for c in header[:-1]] + [r["_index"]])
        for text in r["proposals"]:
            repeat.append([text, len(repeat), voices_form.FORM_TITLE, r["_index"], *copy])
    lost_time = _utc(rows[-1]) if typed else _utc(rows[-1]).isoformat()
    lost = [orphan["_id"], orphan["uuid"], lost_time, None, None, "submitted_via_web"]
    repeat.append(
        [orphan["text"], len(repeat), voices_form.FORM_TITLE, orphan["_index"], *lost, None, None]
    )
    return main, repeat


def file_names(fmt: str, wave: int = 1) -> list[str]:
    """Return the files of an export format, in a round: round 2's carry "round2" in the name."""
    return [
        n.replace("synthetic_testimonies", f"synthetic_testimonies_round{wave}") if wave > 1 else n
        for n in FILES[fmt]
    ]


def _write_kobo_xlsx(
    iso3: str, folder: Path, sep: str = "/", typed: bool = False, wave: int = 1
) -> list[Path]:
    main, repeat = _kobo_tables(iso3, sep, typed, wave)
    wb = Workbook()
    wb.active.title = sheet_title(voices_form.FORM_TITLE)
    for row in main:
        wb.active.append([None if v == "" else v for v in row])  # blank answer: empty cell
    ws = wb.create_sheet(voices_form.REPEAT)
    for row in repeat:
        ws.append(row)
    fix_workbook_times(wb)
    return [save_reproducible(wb, folder / file_names("kobo_xlsx", wave)[0])]


def _write_kobo_xlsx_typed(iso3: str, folder: Path, wave: int = 1) -> list[Path]:
    return _write_kobo_xlsx(iso3, folder, sep=".", typed=True, wave=wave)


def _csv(rows, path: Path, delimiter: str, encoding: str, newline: str) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def _write_odk_csv(iso3: str, folder: Path, wave: int = 1) -> list[Path]:
    rows, orphan = _people(iso3, wave)
    header = ["SubmissionDate", *_answers(rows[0], "-"), *ODK_META]
    main, repeat = [header], [["proposal_text", "PARENT_KEY", "KEY"]]
    for r in rows:
        key, e = f"uuid:{r['uuid']}", r["enumerator"]
        device = f"collect:{uuid.uuid5(uuid.NAMESPACE_OID, str(e)).hex[:16]}"
        meta = [key, key, str(100 + e), f"enumerator{e:02d}", "0", "0", "", r["review"], device]
        submitted = _utc(r).isoformat(timespec="milliseconds") + "Z"
        main.append([submitted, *_answers(r, "-").values(), *meta, "0", "2024020101"])
        for j, text in enumerate(r["proposals"], start=1):
            repeat.append([text, key, f"{key}/proposals[{j}]"])
    parent = f"uuid:{orphan['uuid']}"
    repeat.append([orphan["text"], parent, f"{parent}/proposals[1]"])
    return [
        _csv(rows, folder / name, ",", "utf-8", "\n")
        for rows, name in zip((main, repeat), file_names("odk_csv", wave), strict=True)
    ]


WRITERS = {
    "kobo_xlsx": _write_kobo_xlsx,
    "kobo_xlsx_typed": _write_kobo_xlsx_typed,
    "odk_csv": _write_odk_csv,
}


def write_round(iso3: str, folder: Path, wave: int) -> list[Path]:
    """Write a pilot's synthetic testimonies of round ``wave`` into ``folder``; return the files.

    Round 1 is :func:`generate`'s; round 2 (:data:`N_ROUND2` people, met from
    ``FIRST_DAY[2]``) is written by :mod:`lnob_methods.demo.rounds`, in the same export format.
    """
    return WRITERS[FORMAT[iso3]](iso3, folder, wave=wave)


def generate(out_root: Path | None = None) -> list[Path]:
    """Write the synthetic testimonies under ``out_root/<ISO3>/testimonies/``; return the files."""
    out_root = Path(out_root) if out_root is not None else paths.countries_dir()
    written = []
    for iso3 in PILOTS:
        folder = Path(out_root) / iso3 / "testimonies"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("synthetic_testimonies*"):
            old.unlink()
        files = WRITERS[FORMAT[iso3]](iso3, folder)
        provenance.write(folder, [_declaration(p.name) for p in files], DECLARATION_HEADER)
        written += files
    return written


DECLARATION_HEADER = """\
# Provenance of the testimony exports in this folder (see lnob_methods/reference/provenance.py).
# Every file here is SYNTHETIC demonstration data, written by
# `python -m lnob_methods.demo.testimonies`:
# invented people, stories and personal-data canaries. No real testimony is published.
"""


def _declaration(file: str) -> provenance.Declaration:
    return provenance.Declaration(
        file=file,
        synthetic=True,
        holder="the LNOB partnership (invented testimonies)",
        collected="generated 2026",
        source=f"python -m lnob_methods.demo.testimonies, seed {SEED}",
        licence="CC0 1.0: synthetic demonstration data, describing no real person",
    )


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.countries_dir()):
        print(p)
