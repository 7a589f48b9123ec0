"""The evidence inventory data model: declared once, here, with pandera.

The Excel template, the KoboToolbox form, the validation and the book's data-model page are all
generated from :data:`FIELDS`, so they cannot drift apart. Run
``python -m lnob_methods.inventory.schema --write-docs book/methods/data_model.md`` to regenerate
the page (a test fails when the committed page differs).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import pandera.pandas as pa

HOLDER_TYPES = [
    "icso",
    "national_statistics_office",
    "un_agency",
    "university",
    "community_group",
    "government",
    "other",
]
EVIDENCE_TYPES = [
    "study",
    "survey",
    "dataset",
    "programme_monitoring",
    "evaluation",
    "citizen_generated",
    "administrative",
]
METHODS = ["quantitative", "qualitative", "mixed", "participatory"]
QUALITY = ["low", "medium", "high"]
ACCESS = ["public", "on_request", "restricted"]
YES_NO = ["yes", "no"]
DIMENSION_CODES = [
    "income",
    "sex",
    "age",
    "race_ethnicity",
    "migratory_status",
    "disability",
    "geographic_location",
    "other_status",
]
QUALITY_RULE = {
    "high": "A documented method, a sample or coverage that represents the group, data collected "
    "in the last five years, and an external review or an official statistical standard.",
    "medium": "A documented method and a sample or coverage that represents at least part of the "
    "group, but no external review, or data older than five years.",
    "low": "No documented method, a convenience sample or anecdotal sources, or coverage that "
    "does not represent the group.",
}


@dataclass(frozen=True)
class Field:
    """One column of the inventory.

    Attributes
    ----------
    name, label
        Machine name (snake_case, used in CSV and Kobo) and the header shown in the template.
    kind
        ``text``, ``code`` (one value of ``allowed``), ``codes`` (several, separated by ";"),
        ``targets`` (SDG targets), ``groups`` (LNOB groups), ``admin1``, ``iso3``, ``year`` or
        ``count``.
    required
        Whether a value must be given.
    allowed
        The coded values (for ``code``/``codes``); groups and targets come from the taxonomies.
    hxl
        The HXL hashtag of the column in an HXL-tagged CSV.
    """

    name: str
    label: str
    kind: str
    required: bool
    description: str
    example: str
    hxl: str
    allowed: tuple[str, ...] = field(default=())


FIELDS: list[Field] = [
    Field(
        "id",
        "ID",
        "text",
        True,
        "Your identifier for the item, unique in your file.",
        "ORG-001",
        "#meta+id",
    ),
    Field(
        "organisation",
        "Organisation",
        "text",
        True,
        "Who holds the evidence: a participating ICSO or another holder.",
        "ActionAid",
        "#org+name",
    ),
    Field(
        "holder_type",
        "Holder type",
        "code",
        True,
        "What kind of organisation holds it.",
        "icso",
        "#org+type",
        tuple(HOLDER_TYPES),
    ),
    Field(
        "title",
        "Title",
        "text",
        True,
        "Title of the study, survey, dataset or report.",
        "Household survey of informal settlements 2021",
        "#meta+title",
    ),
    Field(
        "evidence_type",
        "Evidence type",
        "code",
        True,
        "What kind of evidence it is.",
        "survey",
        "#meta+type",
        tuple(EVIDENCE_TYPES),
    ),
    Field(
        "method",
        "Method",
        "code",
        True,
        "How the evidence was produced.",
        "quantitative",
        "#meta+method",
        tuple(METHODS),
    ),
    Field(
        "sdg_targets",
        "SDG targets",
        "targets",
        True,
        "SDG targets covered, typed as text and separated by semicolons: 16.10 is not 16.1.",
        "10.2; 16.10",
        "#sector+sdg+target",
    ),
    Field(
        "groups",
        "Population groups",
        "groups",
        True,
        "Groups covered: codes of the LNOB taxonomy or of the country config, separated by "
        "semicolons.",
        "women_and_girls; persons_with_disabilities",
        "#population+group",
    ),
    Field(
        "disaggregations",
        "Disaggregation dimensions",
        "codes",
        False,
        "Dimensions by which the data can be broken down, separated by semicolons.",
        "sex; disability",
        "#meta+disaggregation",
        tuple(DIMENSION_CODES),
    ),
    Field(
        "iso3",
        "Country (ISO3)",
        "iso3",
        True,
        "Three-letter ISO code of the country.",
        "KEN",
        "#country+code",
    ),
    Field(
        "admin1",
        "Admin-1 areas",
        "admin1",
        False,
        "First-level areas covered (names or p-codes), separated by semicolons; empty for "
        "national coverage.",
        "Nairobi; Turkana",
        "#adm1+name",
    ),
    Field(
        "year_from",
        "First year",
        "year",
        True,
        "First year the data cover (four digits).",
        "2019",
        "#date+year+start",
    ),
    Field(
        "year_to",
        "Last year",
        "year",
        True,
        "Last year the data cover (four digits).",
        "2021",
        "#date+year+end",
    ),
    Field(
        "sample_size",
        "Sample size",
        "count",
        False,
        "Number of people, households or records; empty when not applicable.",
        "1200",
        "#meta+sample",
    ),
    Field(
        "quality",
        "Quality",
        "code",
        True,
        "Quality or confidence appraisal, by the rule on the data-model page.",
        "medium",
        "#meta+quality",
        tuple(QUALITY),
    ),
    Field(
        "access",
        "Access",
        "code",
        True,
        "Who can get the evidence.",
        "on_request",
        "#meta+access",
        tuple(ACCESS),
    ),
    Field(
        "link_or_contact",
        "Link or contact",
        "text",
        False,
        "Where to find it, or a role-based contact (no personal names).",
        "https://example.org/report",
        "#meta+url",
    ),
    Field(
        "language",
        "Language",
        "text",
        True,
        "Language code of the item (ISO 639-1).",
        "en",
        "#meta+lang",
    ),
    Field(
        "contains_personal_data",
        "Contains personal data",
        "code",
        True,
        "Whether the item holds data about identifiable people.",
        "no",
        "#meta+personal",
        tuple(YES_NO),
    ),
    Field(
        "is_synthesis",
        "Is a synthesis",
        "code",
        True,
        "Whether the item is a review or synthesis of other evidence.",
        "no",
        "#meta+synthesis",
        tuple(YES_NO),
    ),
]

BY_NAME = {f.name: f for f in FIELDS}


def tidy_schema() -> pa.DataFrameSchema:
    """Return the pandera schema of the tidy inventory table (after cleaning).

    Multi-valued fields are tuples of text; years and sample sizes are nullable integers.
    """
    cols = {}
    for f in FIELDS:
        if f.kind in {"year", "count"}:
            checks = [pa.Check.in_range(1900, 2100)] if f.kind == "year" else [pa.Check.ge(0)]
            cols[f.name] = pa.Column(
                "Int64", checks, nullable=not f.required, description=f.description
            )
        elif f.kind in {"code"}:
            cols[f.name] = pa.Column(str, pa.Check.isin(list(f.allowed)), description=f.description)
        elif f.kind in {"targets", "groups", "codes", "admin1"}:
            cols[f.name] = pa.Column(
                object, pa.Check(lambda s: s.map(type).eq(tuple).all()), description=f.description
            )
        else:
            cols[f.name] = pa.Column(str, nullable=not f.required, description=f.description)
    cols["source_type"] = pa.Column(
        str,
        pa.Check.isin(["official_statistics", "icso_study", "programme_data", "community_voices"]),
    )
    return pa.DataFrameSchema(cols, strict=False, unique=["organisation", "id"])


def source_type(holder_type: str, evidence_type: str, method: str) -> str:
    """Return the gap-map source type of an item.

    community voices: citizen-generated or participatory; official statistics: held by a national
    statistics office or UN agency and a survey, dataset or administrative data; programme data:
    programme monitoring or evaluation; otherwise an ICSO (or other holder's) study.
    """
    if evidence_type == "citizen_generated" or method == "participatory":
        return "community_voices"
    if holder_type in {"national_statistics_office", "un_agency"} and evidence_type in {
        "survey",
        "dataset",
        "administrative",
    }:
        return "official_statistics"
    if evidence_type in {"programme_monitoring", "evaluation"}:
        return "programme_data"
    return "icso_study"


def docs_markdown() -> str:
    """Return the book's data-model page (MyST), generated from :data:`FIELDS`."""
    from lnob_methods.inventory.checks import ERROR_KINDS

    out = [
        "# The evidence inventory: data model",
        "",
        "*This page is generated from the schema in `lnob_methods/inventory/schema.py`; do not "
        "edit it by hand.*",
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
    """Write the data-model page: ``--write-docs PATH``."""
    ap = argparse.ArgumentParser(description="Generate the inventory data-model page.")
    ap.add_argument("--write-docs", type=Path, required=True)
    args = ap.parse_args(argv)
    args.write_docs.write_text(docs_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
