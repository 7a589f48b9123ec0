"""Generate the SYNTHETIC demonstration inventories of the four pilot countries (seeded).

The organisations' real inventories are not public. These files are invented, plausible in shape
(several holders per country, varying coverage of the research focus, overlaps, gaps), and labelled
synthetic in their file names, titles and every page that shows them. They exercise every input
format: the Excel template, a semicolon CSV in Windows-1252, a KoboToolbox export and an HXL CSV.
Run ``python -m lnob_methods.demo.inventories`` to regenerate them; the bytes are reproducible.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import uuid
import zlib
from pathlib import Path

import numpy as np
from openpyxl import load_workbook

from lnob_methods.core import paths
from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.demo.kobo import KOBO_COPY, KOBO_VERSION
from lnob_methods.inventory.schema import BY_NAME, FIELDS
from lnob_methods.inventory.template import write_template
from lnob_methods.reference import countries, pcodes, provenance, taxonomy

SEED = 20261124
PILOTS = ["BGD", "KEN", "NPL", "VNM"]
OTHER_HOLDERS = [
    ("National statistics office (synthetic)", "national_statistics_office"),
    ("UN agency country office (synthetic)", "un_agency"),
    ("University research centre (synthetic)", "university"),
    ("Community organisations network (synthetic)", "community_group"),
]
TYPES = {
    "icso": [
        "study",
        "evaluation",
        "programme_monitoring",
        "programme_monitoring",
        "citizen_generated",
        "survey",
    ],
    "national_statistics_office": ["survey", "administrative", "dataset"],
    "un_agency": ["dataset", "survey", "study", "evaluation"],
    "university": ["study", "study", "survey"],
    "community_group": ["citizen_generated", "citizen_generated", "study"],
}
METHOD = {
    "study": ["qualitative", "mixed"],
    "survey": ["quantitative"],
    "dataset": ["quantitative"],
    "administrative": ["quantitative"],
    "programme_monitoring": ["quantitative", "mixed"],
    "evaluation": ["mixed"],
    "citizen_generated": ["participatory"],
}
QUALITY_P = {
    "icso": [0.3, 0.5, 0.2],
    "national_statistics_office": [0.05, 0.35, 0.6],
    "un_agency": [0.1, 0.4, 0.5],
    "university": [0.15, 0.45, 0.4],
    "community_group": [0.5, 0.4, 0.1],
}
COMMON_GOALS = [1, 2, 3, 4, 5, 6, 8, 10, 11, 13, 16]
LOCAL = {"BGD": "bn", "KEN": "sw", "NPL": "ne", "VNM": "vi"}


def slug(name: str) -> str:
    """Return a file-name slug: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _items(iso3: str, org: str, holder: str, rng: np.random.Generator) -> list[dict]:
    place = countries.load_country(iso3)
    groups = list(place.groups()["group"])
    labels = dict(zip(place.groups()["group"], place.groups()["label"], strict=True))
    targets = [t for t in taxonomy.targets() if int(t.split(".")[0]) in COMMON_GOALS]
    areas = sorted(set(pcodes.admin1_lookup(iso3).values()))
    names = {
        v: k for k, v in pcodes.admin1_lookup(iso3).items() if not k.startswith(iso3[:2].lower())
    }
    focus_share = rng.uniform(0.15, 0.8)
    out = []
    for i in range(int(rng.integers(20, 61))):
        etype = str(rng.choice(TYPES[holder]))
        in_focus = rng.random() < focus_share and place.focus_targets
        tg = (
            rng.choice(
                place.focus_targets,
                size=min(len(place.focus_targets), 1 + int(rng.integers(0, 2))),
                replace=False,
            )
            if in_focus
            else rng.choice(targets, size=int(rng.integers(1, 4)), replace=False)
        )
        pool = list(place.focus_groups) if in_focus else groups
        gr = rng.choice(pool, size=min(len(pool), int(rng.integers(1, 4))), replace=False)
        year_to = int(2023 - min(rng.geometric(0.22), 15))
        area = (
            [
                str(names.get(a, a)).title()
                for a in rng.choice(areas, size=int(rng.integers(0, 3)), replace=False)
            ]
            if areas
            else []
        )
        quant = METHOD[etype][0] == "quantitative"
        out.append(
            {
                "id": f"{slug(org)[:12].upper()}-{i + 1:03d}",
                "organisation": org,
                "holder_type": holder,
                "title": f"{etype.replace('_', ' ').capitalize()}: {labels[gr[0]]}, SDG {tg[0]}"
                f"{' in ' + area[0] if area else ''} (synthetic)",
                "evidence_type": etype,
                "method": str(rng.choice(METHOD[etype])),
                "sdg_targets": "; ".join(sorted(tg, key=lambda t: (int(t.split(".")[0]), t))),
                "groups": "; ".join(sorted(gr)),
                "disaggregations": "; ".join(
                    sorted(
                        rng.choice(
                            ["sex", "age", "disability", "geographic_location", "income"],
                            size=int(rng.integers(0, 3)),
                            replace=False,
                        )
                    )
                ),
                "iso3": iso3,
                "admin1": "; ".join(sorted(area)),
                "year_from": year_to - int(rng.integers(0, 3)),
                "year_to": year_to,
                "sample_size": int(rng.integers(80, 5000)) if quant else None,
                "quality": str(rng.choice(["low", "medium", "high"], p=QUALITY_P[holder])),
                "access": str(
                    rng.choice(["public", "on_request", "restricted"], p=[0.4, 0.4, 0.2])
                ),
                "link_or_contact": "MEL focal point (synthetic)",
                "language": "en" if rng.random() < 0.7 else LOCAL[iso3],
                "contains_personal_data": "yes"
                if etype in {"programme_monitoring", "citizen_generated"}
                else "no",
                "is_synthesis": "yes"
                if rng.random() < (0.2 if holder == "university" else 0.05)
                else "no",
            }
        )
    return out


def _write_xlsx(iso3, items, path):
    write_template(iso3, path)
    wb = load_workbook(path)
    ws = wb["Inventory"]
    for r, item in enumerate(items, start=3):
        for j, f in enumerate(FIELDS, start=1):
            ws.cell(r, j, item[f.name])
    fix_workbook_times(wb)
    save_reproducible(wb, path)


def _csv_text(header, rows, delimiter=",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _write_csv_cp1252(items, path):
    text = _csv_text(
        [f.label for f in FIELDS], [[it[f.name] for f in FIELDS] for it in items], delimiter=";"
    )
    path.write_bytes(text.encode("cp1252", errors="replace"))


def _write_hxl(items, path):
    rows = [[f.hxl for f in FIELDS]] + [[it[f.name] for f in FIELDS] for it in items]
    path.write_text(_csv_text([f.label for f in FIELDS], rows), encoding="utf-8")


def _write_kobo(items, path, iso3):
    # The layout of KoboToolbox's exporter ("XML values and headers", numbers as text): the form's
    # names, a 0/1 column per choice after each multiple choice, its copy fields and index, every
    # cell quoted, ";" between cells, CRLF line ends (as tests/fixtures/kobo/inv_default_xml.csv).
    choices = {
        "groups": list(countries.load_country(iso3).groups()["group"]),
        "disaggregations": list(BY_NAME["disaggregations"].allowed),
    }
    header = []
    for f in FIELDS:
        header += [f.name, *(f"{f.name}/{c}" for c in choices.get(f.name, []))]
    header += ["__version__", *KOBO_COPY, "_index"]
    rows = []
    for i, it in enumerate(items, start=1):
        row = {"__version__": KOBO_VERSION, "_index": i}
        for f in FIELDS:
            value = "" if it[f.name] is None else str(it[f.name])
            if f.name in choices:
                chosen = value.split("; ") if value else []
                value = " ".join(chosen)
                row |= {f"{f.name}/{c}": int(c in chosen) for c in choices[f.name]}
            row[f.name] = value
        crc = zlib.crc32(it["id"].encode())
        submitted = dt.datetime(2026, 3, 2, 9) + dt.timedelta(minutes=crc % 50_000)
        copy = [crc % 90_000_000 + 10_000_000, str(uuid.uuid5(uuid.NAMESPACE_URL, it["id"]))]
        copy += [submitted.isoformat(), "", "", "submitted_via_web", "", ""]
        row |= dict(zip(KOBO_COPY, copy, strict=True))
        rows.append([row[c] for c in header])
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    w.writerows([header, *rows])
    path.write_bytes(buf.getvalue().encode("utf-8"))


def generate(out_root: Path | None = None) -> list[Path]:
    """Write the synthetic inventories under ``out_root/<ISO3>/inventories/``; return the files."""
    out_root = Path(out_root) if out_root is not None else paths.countries_dir()
    rng = np.random.default_rng(SEED)
    written = []
    for iso3 in PILOTS:
        place = countries.load_country(iso3)
        folder = out_root / iso3 / "inventories"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("synthetic_*"):
            old.unlink()
        holders = [(o, "icso") for o in place.organisations] + OTHER_HOLDERS
        declared = []
        for k, (org, holder) in enumerate(holders):
            items = _items(iso3, org, holder, rng)
            name = f"synthetic_{slug(org)}"
            if k == 1:
                path = folder / f"{name}.csv"
                _write_csv_cp1252(items, path)
            elif k == 2:
                path = folder / f"{name}_kobo_export.csv"
                _write_kobo(items, path, iso3)
            elif k == 3:
                path = folder / f"{name}_hxl.csv"
                _write_hxl(items, path)
            else:
                path = folder / f"{name}.xlsx"
                _write_xlsx(iso3, items, path)
            written.append(path)
            declared.append(_declaration(path.name, org))
        provenance.write(folder, declared, header=DECLARATION_HEADER)
    return written


DECLARATION_HEADER = """\
# Provenance of the inventories in this folder (see lnob_methods/reference/provenance.py).
# Every file here is SYNTHETIC demonstration data, written by
# `python -m lnob_methods.demo.inventories`:
# the organisations' real inventories are not public. Real files placed here need their own entry.
"""


def _declaration(file: str, organisation: str) -> provenance.Declaration:
    return provenance.Declaration(
        file=file,
        synthetic=True,
        holder=f"{organisation} (invented items)",
        collected="generated 2026",
        source=f"python -m lnob_methods.demo.inventories, seed {SEED}",
        licence="CC0 1.0: synthetic demonstration data, describing no real evidence",
    )


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else paths.countries_dir()):
        print(p)
