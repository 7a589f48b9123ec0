"""The evidence inventory data model: declared once, here, with pandera.

The Excel template, the KoboToolbox form, the validation and the book's data-model page are all
generated from :data:`FIELDS` and :data:`ERROR_KINDS`, so they cannot drift apart. Run
``python -m lnob_methods.site.data_model`` to regenerate the page (a test fails when the committed
page differs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.pandas as pa

from lnob_methods.core.vocabulary import MULTI_VALUE_KINDS, QUALITIES, SOURCE_TYPES

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
QUALITY = QUALITIES
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

# What `lnob validate` reports about inventories, by error type (the data-model page lists them).
ERROR_KINDS = {
    "missing-value": "a required cell is empty",
    "unknown-code": "a value that is not one of the allowed codes",
    "near-miss": "a value close to an allowed code (probably a typo): the closest is suggested",
    "excluded-group": "a population group that the country config says does not apply",
    "target-as-number": "an SDG target typed as a number (Excel turns 16.10 into 16.1)",
    "unknown-target": "a value that is not an SDG target of the framework",
    "unknown-group": "a population group code that is neither in the taxonomy nor in the country "
    "config",
    "unknown-area": "an admin-1 name or p-code that is not one of the country's",
    "country-mismatch": "an ISO3 code other than the country the inventory is for",
    "date-serial": "an Excel date serial number where a year is expected",
    "date-in-year": "a date where a year is expected",
    "text-date": "a date typed as text where a year is expected",
    "not-a-year": "a value that is not a four-digit year",
    "not-a-number": "a value that is not a whole number",
    "year-order": "the first year is after the last year",
    "formula-cell": "a formula where a typed value is expected",
    "duplicate-row": "a row identical to an earlier row",
    "duplicate-id": "an ID used more than once (in one file or across files)",
    "unknown-column": "a column that is not part of the template",
    "label-headers": "a KoboToolbox export with the questions' labels as headers, not their names",
    "missing-column": "a required column is missing",
    "repeated-header": "the header row repeated inside the data",
    "merged-header": "merged cells in the header row",
    "wrong-sheet": "the workbook has no 'Inventory' sheet",
    "empty-file": "the file, or its inventory sheet, holds no items",
    "no-header": "no row holds at least three of the template's column headers",
    "not-a-spreadsheet": "the file is not an .xlsx or .csv file",
    "not-found": "the path does not exist",
    "unsafe-file": "a file refused for safety (zip bomb, XML entities, path tricks, size)",
    "provenance-not-declared": "a file that its folder's provenance.yaml does not declare (real or "
    "synthetic, holder, when collected, licence)",
    "yaml-syntax": "provenance.yaml is not valid YAML",
    "not-a-mapping": "provenance.yaml, or one of its entries, is not a mapping of keys",
    "unknown-key": "a key of provenance.yaml that is not one of holder, collected, synthetic, "
    "source, licence",
    "missing-key": "an entry of provenance.yaml that does not say whether the file is synthetic",
    "wrong-type": "'synthetic' is not true or false",
}


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
        elif f.kind in MULTI_VALUE_KINDS:
            cols[f.name] = pa.Column(
                object, pa.Check(lambda s: s.map(type).eq(tuple).all()), description=f.description
            )
        else:
            cols[f.name] = pa.Column(str, nullable=not f.required, description=f.description)
    cols["source_type"] = pa.Column(
        str,
        pa.Check.isin(SOURCE_TYPES),
    )
    return pa.DataFrameSchema(cols, strict=False, unique=["organisation", "id"])
