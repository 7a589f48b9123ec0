"""Generate a SYNTHETIC second stocktaking round for two pilots (KEN, NPL), to show what changed.

No second round took place. For Kenya and Nepal this writes, tagged ``round: 2`` in the folders'
``provenance.yaml``:

- one more inventory (the lead organisation's round-2 holdings): a recent, high-quality survey for
  each of the first four in-scope cells that had no evidence at all in round 1 (those of a focus
  group first: Kenya has four, Nepal none), so that their absolute gaps close in round 2;
- round-2 testimonies: 64 more invented people, met from April 2026, in the country's export format
  (the generator of :mod:`lnob_methods.demo.testimonies`, a random stream of its own);
- round-2 validation responses: 48 invented people answering the round-2 form, whose findings are
  the top gaps of round 2's ranking (its evidence, with round 1's community priority) and the
  proposals' themes (the generator of :mod:`lnob_methods.demo.validation`; most people now
  disagree with the third finding instead of the second);
- a round-2 conclusions register: the round-1 conclusions carried forward, the data request
  (``<ISO3>-01``) now done and the new research (``<ISO3>-02``) in progress.

The round-1 files are left as they are (a file that declares no round is in round 1). Run after
``python -m lnob_methods.demo.inventories``, ``testimonies``, ``validation`` and ``conclusions``,
which rewrite their folders: ``python -m lnob_methods.demo.rounds [OUT_ROOT]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import yaml

from lnob_methods.analysis import conclusions, country_evidence, ranking, validation_items
from lnob_methods.core import paths
from lnob_methods.demo import testimonies
from lnob_methods.demo import validation as demo_validation
from lnob_methods.demo.inventories import _write_xlsx, slug
from lnob_methods.reference import countries, provenance
from lnob_methods.voices import prepare as voices

PILOTS = ["KEN", "NPL"]
ROUND, ROUND_DATE = 2, "2027-03-01"
N_CLOSED = 4
_CLOSES = ("absolute", "recency", "quality")
INVENTORY = "synthetic_round2_{org}.xlsx"
CONCLUSIONS = "synthetic_conclusions_round2.yaml"
VALIDATION = "synthetic_validation_round2_kobo.xlsx"


def new_items(iso3: str, cells) -> list[dict]:
    """Return round-2 items: one survey per cell that had no evidence in round 1 (first four)."""
    place = countries.load_country(iso3)
    org = place.lead_organisation
    mine = cells[cells["in_scope"]].assign(other=~cells["focus_group"])
    # Cells without evidence first, those of a focus group before the others; then cells whose
    # evidence is old or of low quality only (a recent, high-quality survey closes those too).
    picked = [mine[mine[f"gap_{g}"]].sort_values(["other", "group", "target"]) for g in _CLOSES]
    empty = pd.concat(picked).drop_duplicates(["group", "target"]).head(N_CLOSED)
    items = []
    for i, (group, label, target) in enumerate(
        zip(empty["group"], empty["label"], empty["target"], strict=True), start=1
    ):
        items.append(
            {
                "id": f"R2-{slug(org)[:8].upper()}-{i:03d}",
                "organisation": org,
                "holder_type": "icso",
                "title": f"Household survey, round 2: {label}, SDG {target} (synthetic)",
                "evidence_type": "survey",
                "method": "quantitative",
                "sdg_targets": target,
                "groups": group,
                "disaggregations": "sex; age",
                "iso3": iso3,
                "admin1": "",
                "year_from": 2026,
                "year_to": 2026,
                "sample_size": 1200,
                "quality": "high",
                "access": "on_request",
                "link_or_contact": "MEL focal point (synthetic)",
                "language": "en",
                "contains_personal_data": "no",
                "is_synthesis": "no",
            }
        )
    return items


def round2_conclusions(iso3: str, before: list[dict]) -> list[dict]:
    """Return the round-2 register: round 1's, with -01 done and -02 in progress."""
    status = {f"{iso3}-01": "done", f"{iso3}-02": "in_progress"}
    return [{**c, "status": status.get(c["conclusion_id"], c["status"])} for c in before]


def _add_declaration(folder: Path, decl: provenance.Declaration, note: str) -> None:
    path = folder / provenance.DECLARATION
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    if note not in header:
        header += note
    found, _ = provenance.read(folder)
    found = {k: v for k, v in found.items() if k != decl.file}
    provenance.write(folder, [*found.values(), decl], header)


NOTE = (
    "# Files declared `round: 2` are a SYNTHETIC second stocktaking round, written by\n"
    "# `python -m lnob_methods.demo.rounds`.\n"
)


def _declaration(file: str, holder: str, source: str, what: str) -> provenance.Declaration:
    return provenance.Declaration(
        file=file,
        synthetic=True,
        holder=holder,
        collected="generated 2026",
        source=source,
        licence=f"CC0 1.0: synthetic demonstration data, describing no real {what}",
        round=ROUND,
        round_date=ROUND_DATE,
    )


def _testimonies(iso3: str, folder: Path) -> list[Path]:
    """Write a pilot's round-2 testimonies and declare them; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = testimonies.write_round(iso3, folder, ROUND)
    for f in files:
        decl = _declaration(
            f.name,
            "the LNOB partnership (invented testimonies)",
            f"python -m lnob_methods.demo.rounds (testimonies seed {testimonies.SEED}, round 2)",
            "person",
        )
        _add_declaration(folder, decl, NOTE)
    return files


def _validation(iso3: str, folder: Path) -> Path:
    """Write a pilot's round-2 validation responses and declare them; return the file.

    The round-2 form puts round 2's findings: the top gaps of its evidence ranked with round 1's
    community priority, and the themes of its testimonies.
    """
    ce = country_evidence.assemble(iso3, round_no=ROUND)
    v = voices.prepare(iso3, round_no=ROUND) if voices.country_files(iso3, ROUND) else None
    first = ranking.latest_validation(iso3, round_no=1)
    ranked = ranking.country_ranking(ce, val=first).ranked
    items = validation_items.findings(ce, v, ranked=ranked)
    folder.mkdir(parents=True, exist_ok=True)
    path = demo_validation.write_export(folder / VALIDATION, iso3, [i.code for i in items], ROUND)
    decl = _declaration(
        path.name,
        "the LNOB partnership (invented validation responses)",
        f"python -m lnob_methods.demo.rounds (validation seed {demo_validation.SEED}, round 2)",
        "person",
    )
    _add_declaration(folder, decl, NOTE)
    return path


def generate(out_root: Path | None = None) -> list[Path]:
    """Write the synthetic second round of KEN and NPL; return the files written."""
    out_root = Path(out_root) if out_root is not None else paths.countries_dir()
    written = []
    for iso3 in PILOTS:
        place = countries.load_country(iso3)
        cells = country_evidence.assemble(iso3, round_no=1).cells
        folder = out_root / iso3 / "inventories"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / INVENTORY.format(org=slug(place.lead_organisation))
        _write_xlsx(iso3, new_items(iso3, cells), path)
        _add_declaration(
            folder,
            provenance.Declaration(
                file=path.name,
                synthetic=True,
                holder=f"{place.lead_organisation} (invented items)",
                collected="generated 2026",
                source="python -m lnob_methods.demo.rounds",
                licence="CC0 1.0: synthetic demonstration data, describing no real evidence",
                round=ROUND,
                round_date=ROUND_DATE,
            ),
            NOTE,
        )
        written.append(path)
        written += _testimonies(iso3, out_root / iso3 / "testimonies")
        written.append(_validation(iso3, out_root / iso3 / "validation"))
        folder = out_root / iso3 / "conclusions"
        folder.mkdir(parents=True, exist_ok=True)
        table, _ = conclusions.read_files(conclusions.country_files(iso3, 1), iso3)
        before = table[conclusions.COLUMNS].to_dict("records")
        entries = round2_conclusions(iso3, before)
        path = folder / CONCLUSIONS
        path.write_text(
            "# SYNTHETIC demonstration conclusions, round 2 (python -m lnob_methods.demo.rounds)\n"
            + yaml.safe_dump({"conclusions": entries}, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        _add_declaration(
            folder,
            provenance.Declaration(
                file=path.name,
                synthetic=True,
                holder="the LNOB partnership (invented conclusions)",
                collected="generated 2026",
                source="python -m lnob_methods.demo.rounds",
                licence="CC0 1.0: synthetic demonstration data",
                round=ROUND,
                round_date=ROUND_DATE,
            ),
            NOTE,
        )
        written.append(path)
    return written


if __name__ == "__main__":
    for p in generate(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(p)
