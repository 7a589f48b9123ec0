"""Generate the SYNTHETIC conclusions registers of the four pilot countries.

No in-country team wrote these. For each pilot, four invented conclusions answer findings of its
validation form (:mod:`lnob_methods.demo.validation`): a data request to the national statistics
office, new research on the finding people disputed, a collaboration between two named
organisations (done), and joint advocacy on the people's first proposal. The other findings are
left without a conclusion, so that the pages show them as open for discussion. KEN and BGD are
written as the Excel sheet of ``lnob conclusions-sheet``, NPL and VNM as YAML, with
``provenance.yaml``.

Run ``python -m lnob_methods.demo.conclusions [OUT_ROOT]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from lnob_methods.analysis import conclusions, country_evidence, ranking, validation_items
from lnob_methods.core import paths
from lnob_methods.reference import countries, provenance
from lnob_methods.voices import prepare as voices

PILOTS = ["BGD", "KEN", "NPL", "VNM"]
EXCEL = {"BGD", "KEN"}
FILE = "synthetic_conclusions"


def rows(iso3: str, codes: list[str]) -> list[dict]:
    """Return the synthetic conclusions of a country answering the finding codes ``codes``."""
    place = countries.load_country(iso3)
    orgs = conclusions.known_organisations(place)
    gaps = [c for c in codes if c.startswith("gap__")]
    props = [c for c in codes if c.startswith("proposal__")]
    out = [
        {
            "conclusion_id": f"{iso3}-01",
            "responds_to": gaps[0],
            "decision": "data_request",
            "what": "Ask the national statistics office for this breakdown in the next survey.",
            "lead": orgs[0],
            "partners": "",
            "due": "2026-09-30",
            "status": "in_progress",
        },
        {
            "conclusion_id": f"{iso3}-02",
            "responds_to": gaps[1],
            "decision": "new_research",
            "what": "Most people asked disagreed: go back to them and find out why.",
            "lead": orgs[1],
            "partners": "",
            "due": "2026-12-31",
            "status": "planned",
        },
        {
            "conclusion_id": f"{iso3}-03",
            "responds_to": gaps[2],
            "decision": "collaboration",
            "what": "Pool the two organisations' programme data on this group.",
            "lead": orgs[2],
            "partners": f"{orgs[3]}",
            "due": "2026-06-30",
            "status": "done",
        },
    ]
    if props:
        out.append(
            {
                "conclusion_id": f"{iso3}-04",
                "responds_to": props[0],
                "decision": "joint_advocacy",
                "what": "Carry the people's proposal to the national planning consultation.",
                "lead": orgs[0],
                "partners": "; ".join(orgs[1:3]),
                "due": "2027-03-31",
                "status": "planned",
            }
        )
    return out


def _write_excel(iso3: str, path: Path, entries: list[dict], findings) -> Path:
    import openpyxl

    from lnob_methods.core.workbook import fix_workbook_times, save_reproducible

    conclusions.write_sheet(iso3, path, findings)
    wb = openpyxl.load_workbook(path)
    ws = wb[conclusions.SHEET]
    for e in entries:
        ws.append([e[c] for c in conclusions.COLUMNS])
    fix_workbook_times(wb)
    return save_reproducible(wb, path)


DECLARATION_HEADER = """\
# Provenance of the conclusions register in this folder (see lnob_methods/reference/provenance.py).
# Every file here is SYNTHETIC demonstration data, written by
# `python -m lnob_methods.demo.conclusions`: invented conclusions of an invented team meeting.
"""


def generate(out_root: Path | None = None) -> list[Path]:
    """Write each pilot's synthetic conclusions; return the files written."""
    out_root = Path(out_root) if out_root is not None else paths.countries_dir()
    written = []
    for iso3 in PILOTS:
        # Round 1: what was known before any validation round (a second round, written later by
        # lnob_methods.demo.rounds, must not change the questions of the first).
        ce = country_evidence.assemble(iso3, round_no=1)
        v = voices.prepare(iso3, round_no=1) if voices.country_files(iso3, 1) else None
        # The findings put to people before any validation round: the ranking without community
        # priority (the responses this generator writes must not choose their own questions).
        items = validation_items.findings(
            ce, v, ranked=ranking.country_ranking(ce, val=None).ranked
        )
        entries = rows(iso3, [i.code for i in items])
        folder = out_root / iso3 / "conclusions"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{FILE}*"):
            old.unlink()
        if iso3 in EXCEL:
            path = _write_excel(
                iso3, folder / f"{FILE}.xlsx", entries, [(i.code, i.statement) for i in items]
            )
        else:
            path = folder / f"{FILE}.yaml"
            text = yaml.safe_dump({"conclusions": entries}, allow_unicode=True, sort_keys=False)
            path.write_text(
                "# SYNTHETIC demonstration conclusions (python -m lnob_methods.demo.conclusions)\n"
                + text,
                encoding="utf-8",
            )
        provenance.write(
            folder,
            [
                provenance.Declaration(
                    file=path.name,
                    synthetic=True,
                    holder="the LNOB partnership (invented conclusions)",
                    collected="generated 2026",
                    source="python -m lnob_methods.demo.conclusions",
                    licence="CC0 1.0: synthetic demonstration data",
                )
            ],
            DECLARATION_HEADER,
        )
        written.append(path)
    return written


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(p)
