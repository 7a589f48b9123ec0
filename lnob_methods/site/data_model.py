"""The book's data-model page of the evidence inventory, generated from the schema.

Run ``python -m lnob_methods.site.data_model`` after changing :mod:`lnob_methods.inventory.schema`;
a test fails when the committed page differs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lnob_methods.core import paths
from lnob_methods.inventory.schema import ERROR_KINDS, FIELDS, QUALITY_RULE

PAGE = paths.BOOK / "methods" / "data_model.md"


def docs_markdown() -> str:
    """Return the book's data-model page (MyST), generated from :data:`FIELDS`."""
    out = [
        "# The evidence inventory: data model",
        "",
        "*This page is generated from the schema in `lnob_methods/inventory/schema.py` by "
        "`python -m lnob_methods.site.data_model`; do not edit it by hand.*",
        "",
        "Each organisation lists, one row per item, the evidence and data it holds on groups at "
        "risk of being left behind: studies, surveys, datasets, programme monitoring data, "
        "evaluations, citizen-generated data and administrative data. The Excel template "
        "(`lnob template --country KEN`), the KoboToolbox form in `data/forms/` and the checks "
        "of `lnob validate` all come from the same field list below.",
        "",
        "The inventories shown in this book's country pages are **synthetic demonstration data**: "
        "the organisations' real inventories are not public.",
        "",
        "## Fields",
        "",
        "| Field | Header in the template | Required | Allowed values | Description | Example |",
        "|---|---|---|---|---|---|",
    ]
    for f in FIELDS:
        allowed = {
            "targets": "SDG targets of the framework (169)",
            "groups": "LNOB taxonomy groups and the country's own groups",
            "iso3": "ISO 3166-1 alpha-3 codes",
            "admin1": "admin-1 names or p-codes of the country (OCHA COD)",
            "year": "1900 to 2100",
            "count": "0 or more",
            "text": "free text",
        }.get(f.kind, ", ".join(f"`{v}`" for v in f.allowed))
        out.append(
            f"| `{f.name}` | {f.label} | {'yes' if f.required else 'no'} | {allowed} | "
            f"{f.description} | `{f.example}` |"
        )
    out += [
        "",
        "## The quality rule",
        "",
        "Appraise each item against these rules; when in doubt, choose the lower level.",
        "",
    ]
    out += [f"- **{k}**: {v}" for k, v in QUALITY_RULE.items()]
    out += [
        "",
        "## How items are counted in the gap map",
        "",
        "Each item counts once in every cell (population group × SDG target) it covers. Its "
        "source type is derived: citizen-generated or participatory items are *community voices*; "
        "surveys, datasets and administrative data held by a national statistics office or a UN "
        "agency are *official statistics*; programme monitoring and evaluations are *programme "
        "data*; the rest are *ICSO studies*.",
        "",
        "## Error types reported by `lnob validate`",
        "",
        "| Error type | Meaning |",
        "|---|---|",
    ]
    out += [f"| `{k}` | {v} |" for k, v in ERROR_KINDS.items()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the data-model page (default ``book/methods/data_model.md``)."""
    ap = argparse.ArgumentParser(description="Generate the inventory data-model page.")
    ap.add_argument("--write-docs", type=Path, default=PAGE, metavar="PATH")
    args = ap.parse_args(argv)
    args.write_docs.write_text(docs_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
