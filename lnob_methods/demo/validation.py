"""Generate the SYNTHETIC community validation round of the four pilot countries (seeded).

No real person answered these forms. For each pilot the generator writes the country's validation
XLSForm from its current results (``data/forms/validation/validation_xlsform_<ISO3>.xlsx``) and 48
invented responses to it, exported as KoboToolbox would (group paths in the headers, ``_uuid``,
``_submission_time``), into ``data/countries/<ISO3>/validation/`` with its ``provenance.yaml``.

The responses exercise every rule of the loader: most people agree with the findings, but the
second finding of each country is *disagreed with by most* (so that the pages show a disputed
finding); three people refuse consent *and still have answers filled in* (never counted); one
child has no assent; one submission is exported twice; one answer is misspelt ("agre"). Some
corrections carry an invented name that the redaction must remove.

Run ``python -m lnob_methods.demo.validation [OUT_ROOT]`` (writes the forms under ``data/forms``
only with the default root).
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import numpy as np
from openpyxl import Workbook

from lnob_methods.analysis import country_evidence, ranking, validation_items
from lnob_methods.core import paths
from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.reference import provenance
from lnob_methods.voices import prepare as voices
from lnob_methods.voices.validation_form import JUDGEMENTS, PRIORITY

SEED = 20261130
PILOTS = ["BGD", "KEN", "NPL", "VNM"]
N = 48
N_NO_CONSENT = 3
FILE = "synthetic_validation_kobo.xlsx"
LOCAL = {"BGD": "bn", "KEN": "sw", "NPL": "ne", "VNM": "vi"}
# Answer propensities: agree, partly, disagree, don't know.
USUAL = [0.6, 0.2, 0.1, 0.1]
DISPUTED = [0.15, 0.1, 0.7, 0.05]
# Which item most people disagree with, and the year of the submissions, per round.
DISPUTED_ITEM = {1: 1, 2: 2}
MONTHS = {1: "2026", 2: "2027"}
CORRECTIONS = [
    "The problem is not only money, it is that nobody listens to us at the office.",
    "Add that the clinic is too far for older people without transport.",
    "My name is Wanjiru Atieno and this is right for my family too.",
    "Young mothers are missing from this list.",
]
PROPOSALS = [
    "Hold the meetings in our language and near the market.",
    "Let our group choose who speaks for us at the county.",
    "Count people with disabilities in every survey.",
]


def responses(iso3: str, codes: list[str], wave: int = 1) -> list[dict]:
    """Return the synthetic responses of a country to the items ``codes`` (seeded).

    In round 1 (``wave``) most people disagree with the second item; in the synthetic round 2
    (written by :mod:`lnob_methods.demo.rounds`, its own random stream, submitted in
    :data:`MONTHS` [2]) with the third: the pages show a judgement that changed.
    """
    rng = np.random.default_rng([SEED, PILOTS.index(iso3)] + ([] if wave == 1 else [wave]))
    disputed = DISPUTED_ITEM[wave]
    rows = []
    for i in range(N):
        uid = str(uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | i))
        refuse = i < N_NO_CONSENT
        r = {
            "_uuid": uid,
            "_submission_time": f"{MONTHS[wave]}-0{3 + i % 3}-{10 + i % 15:02d}T10:{i % 60:02d}:00",
            "consent_use": "no" if refuse else "yes",
            "consent_publish": "yes" if rng.random() < 0.8 else "no",
            "age_band": str(rng.choice(["18_24", "25_34", "35_59", "60_plus"])),
            "language": "en" if rng.random() < 0.5 else LOCAL[iso3],
            "caregiver_consent": "",
            "child_assent": "",
        }
        if i == N_NO_CONSENT:  # a child whose own assent is missing
            r.update(age_band="15_17", caregiver_consent="yes", child_assent="")
        for j, code in enumerate(codes):
            p = DISPUTED if j == disputed else USUAL
            r[f"j_{code}"] = str(rng.choice(JUDGEMENTS, p=p))
        picks = rng.choice(len(codes), size=3, replace=False, p=_weights(len(codes)))
        r[PRIORITY] = " ".join(codes[p] for p in sorted(picks))
        r["correction"] = CORRECTIONS[i % len(CORRECTIONS)] if i % 5 == 0 else ""
        r["new_proposal"] = PROPOSALS[i % len(PROPOSALS)] if i % 7 == 0 else ""
        rows.append(r)
    rows[10][f"j_{codes[0]}"] = "agre"  # a misspelt answer: the row is excluded and located
    rows.append(dict(rows[20]))  # the same submission exported twice
    return rows


def _weights(n: int) -> list[float]:
    # The first items are chosen more often: a demonstration, not a finding.
    raw = np.array([1.0 / (1 + 0.3 * i) for i in range(n)])
    return list(raw / raw.sum())


def _headers(codes: list[str]) -> list[tuple[str, str]]:
    """Return (export header, response key) pairs, in Kobo's order."""
    out = [("start", None), ("end", None), ("today", None)]
    out += [(f"consent/{c}", c) for c in ("consent_use", "consent_publish")]
    out += [(f"respondent/{c}", c) for c in ("age_band", "language")]
    out += [(f"child_consent/{c}", c) for c in ("caregiver_consent", "child_assent")]
    out += [(f"findings/j_{c}", f"j_{c}") for c in codes]
    out += [(f"priorities/{PRIORITY}", PRIORITY)]
    out += [(f"your_words/{c}", c) for c in ("correction", "new_proposal")]
    out += [("_id", None), ("_uuid", "_uuid"), ("_submission_time", "_submission_time")]
    out += [("_index", None)]
    return out


def write_export(path: Path, iso3: str, codes: list[str], wave: int = 1) -> Path:
    """Write the Kobo XLSX export of the synthetic responses; return the path."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"lnob_validation_{iso3.lower()}"
    headers = _headers(codes)
    ws.append([h for h, _ in headers])
    for i, r in enumerate(responses(iso3, codes, wave), start=1):
        row = []
        for h, key in headers:
            if key is not None:
                row.append(r.get(key) or None)
            elif h == "_id":
                row.append(1000 + i)
            elif h == "_index":
                row.append(i)
            else:
                row.append(r["_submission_time"][:10] if h == "today" else None)
        ws.append(row)
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


DECLARATION_HEADER = """\
# Provenance of the community validation responses in this folder (see
# lnob_methods/reference/provenance.py). Every file here is SYNTHETIC demonstration data, written
# by `python -m lnob_methods.demo.validation`: invented people answering the country's validation
# form. No real response is published.
"""


def generate(out_root: Path | None = None, forms_root: Path | None = None) -> list[Path]:
    """Write each pilot's validation form and synthetic responses; return the files written."""
    default = out_root is None
    out_root = Path(out_root) if out_root is not None else paths.countries_dir()
    written = []
    for iso3 in PILOTS:
        # Round 1: what was known before any validation round (a second round, written later by
        # lnob_methods.demo.rounds, must not change the questions of the first).
        ce = country_evidence.assemble(iso3, round_no=1)
        v = voices.prepare(iso3, round_no=1) if voices.country_files(iso3, 1) else None
        # The findings put to people before any validation round: the ranking without community
        # priority (the responses this generator writes must not choose their own questions).
        before = ranking.country_ranking(ce, val=None).ranked
        items = validation_items.findings(ce, v, ranked=before)
        if default or forms_root is not None:
            form = validation_items.form_path(iso3, forms_root)
            form.parent.mkdir(parents=True, exist_ok=True)
            written.append(validation_items.write_country_form(ce, v, form, ranked=before))
        folder = out_root / iso3 / "validation"
        folder.mkdir(parents=True, exist_ok=True)
        path = write_export(folder / FILE, iso3, [i.code for i in items])
        provenance.write(
            folder,
            [
                provenance.Declaration(
                    file=FILE,
                    synthetic=True,
                    holder="the LNOB partnership (invented validation responses)",
                    collected="generated 2026",
                    source=f"python -m lnob_methods.demo.validation, seed {SEED}",
                    licence="CC0 1.0: synthetic demonstration data, describing no real person",
                )
            ],
            DECLARATION_HEADER,
        )
        written.append(path)
    return written


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(p)
