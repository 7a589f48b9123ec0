"""Inventory files written for tests: the same items in every supported format."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from lnob_methods.core.workbook import fix_workbook_times, save_reproducible
from lnob_methods.inventory import load as inventories
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.inventory.template import write_template
from lnob_methods.reference import taxonomy

ITEMS = [
    {
        "id": "X-1",
        "organisation": "CARE",
        "holder_type": "icso",
        "title": "Étude – accès à l’eau",
        "evidence_type": "study",
        "method": "qualitative",
        "sdg_targets": "6.1; 16.10",
        "groups": "women_and_girls; slum_dwellers",
        "disaggregations": "sex",
        "iso3": "KEN",
        "admin1": "Kisumu",
        "year_from": 2018,
        "year_to": 2020,
        "sample_size": None,
        "quality": "low",
        "access": "public",
        "link_or_contact": "MEL team",
        "language": "fr",
        "contains_personal_data": "no",
        "is_synthesis": "no",
    },
    {
        "id": "X-2",
        "organisation": "CARE",
        "holder_type": "icso",
        "title": "Panel survey",
        "evidence_type": "survey",
        "method": "quantitative",
        "sdg_targets": "10.2",
        "groups": "youth",
        "disaggregations": "age; sex",
        "iso3": "KEN",
        "admin1": "",
        "year_from": 2021,
        "year_to": 2022,
        "sample_size": 1500,
        "quality": "high",
        "access": "on_request",
        "link_or_contact": "",
        "language": "sw",
        "contains_personal_data": "yes",
        "is_synthesis": "no",
    },
]


VALUES = [f.name for f in FIELDS]


def csv_text(rows, header, delimiter=",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    for r in [header, *rows]:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


def formats(tmp_path):
    rows = [[it[f] for f in VALUES] for it in ITEMS]
    labels = [f.label for f in FIELDS]
    out = {}
    write_template("KEN", tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    for r, row in enumerate(rows, start=3):
        for j, v in enumerate(row, start=1):
            wb["Inventory"].cell(r, j, v)
    fix_workbook_times(wb)
    out["xlsx"] = save_reproducible(wb, tmp_path / "filled.xlsx")
    for enc, delim in [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";")]:
        p = tmp_path / f"inv-{enc}.csv"
        p.write_bytes(csv_text(rows, labels, delim).encode(enc))
        out[enc] = p
    hxl = tmp_path / "inv-hxl.csv"
    hxl.write_text(csv_text([[f.hxl for f in FIELDS], *rows], labels))
    out["hxl"] = hxl
    groups = list(taxonomy.groups_table()["group"])
    kobo_rows = []
    for it in ITEMS:
        chosen = it["groups"].split("; ")
        row = [
            str(it[f]).replace("; ", " ") if f in {"groups", "disaggregations"} else it[f]
            for f in VALUES
        ]
        kobo_rows.append(row + [int(g in chosen) for g in groups] + ["uuid-1", 1])
    kobo = tmp_path / "inv-kobo.csv"
    kobo.write_text(
        csv_text(
            kobo_rows,
            [f"inventory/{f}" for f in VALUES]
            + [f"inventory/groups/{g}" for g in groups]
            + ["_uuid", "_index"],
        )
    )
    out["kobo"] = kobo
    return out


def table(path):
    t = inventories.load([path], "KEN")
    return t.drop(columns=["_file", "_sheet", "_row"]).reset_index(drop=True)
