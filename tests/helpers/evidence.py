"""A tiny hand-made country evidence object, small enough to work every answer out by hand.

Three groups, three SDG targets (1.2, 5.1, 10.2) and five evidence items (holder type in
brackets; the holder of SDGDB:5.1.1 is in no inventory)::

    item         holder                   source type          quality  access      year  cells
    SDGDB:5.1.1  UN SDG Global Database   official_statistics  high     public      2022  W×5.1
    CARE:1       CARE [icso]              icso_study           medium   public      2019  W×10.2
                                                                                          D×10.2
    CARE:2       CARE [icso]              programme_data       low      on_request  2012  W×5.1
                                                                                          D×10.2
    PLAN:1       Plan International [icso] community_voices    medium   restricted  -     D×10.2
                                                                                          D×1.2
    FORUM:1      Dalit Forum [community]  icso_study           medium   public      2023  E×1.2

W = women_and_girls, D = persons_with_disabilities (both in the research focus), E =
ethnic_minorities (not in focus); focus targets 5.1 and 10.2. The cell table below counts these
rows cell by cell (the comment beside each cell says which items).
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis.country_evidence import CountryEvidence
from lnob_methods.reference.countries import Country

W, D, E = "women_and_girls", "persons_with_disabilities", "ethnic_minorities"
LABELS = {W: "Women and girls", D: "Persons with disabilities", E: "Ethnic minorities"}
FOCUS_GROUPS = (W, D)
FOCUS_TARGETS = ("5.1", "10.2")
UN = "UN SDG Global Database"

# (item, holder, source type, evidence type, quality, access, year, stream, [(group, target)])
ITEMS = [
    ("SDGDB:5.1.1", UN, "official_statistics", "official_indicator", "high", "public", 2022,
     "official", [(W, "5.1")]),
    ("CARE:1", "CARE", "icso_study", "study", "medium", "public", 2019,
     "inventory", [(W, "10.2"), (D, "10.2")]),
    ("CARE:2", "CARE", "programme_data", "evaluation", "low", "on_request", 2012,
     "inventory", [(W, "5.1"), (D, "10.2")]),
    ("PLAN:1", "Plan International", "community_voices", "citizen_generated", "medium",
     "restricted", None, "inventory", [(D, "10.2"), (D, "1.2")]),
    ("FORUM:1", "Dalit Forum", "icso_study", "study", "medium", "public", 2023,
     "inventory", [(E, "1.2")]),
]  # fmt: skip


def groups() -> pd.DataFrame:
    """Return the three groups with their (real taxonomy) dimensions."""
    return pd.DataFrame(
        {
            "group": [W, D, E],
            "label": [LABELS[W], LABELS[D], LABELS[E]],
            "dimension": ["sex", "disability", "race_ethnicity"],
            "dimension_label": [
                "Sex and gender",
                "Disability",
                "Race, ethnicity, caste and indigeneity",
            ],
        }
    )


def evidence() -> pd.DataFrame:
    """Return the long evidence table: one row per item and cell (``evidence.COLUMNS``)."""
    rows = []
    for item, org, source, etype, quality, access, year, stream, cells in ITEMS:
        for group, target in cells:
            rows.append(
                {
                    "item_id": item,
                    "organisation": org,
                    "title": f"Title of {item}",
                    "source_type": source,
                    "evidence_type": etype,
                    "quality": quality,
                    "access": access,
                    "year": year,
                    "is_synthesis": False,
                    "group": group,
                    "target": target,
                    "stream": stream,
                    "provenance": "real",  # tests of provenance change it row by row
                }
            )
    out = pd.DataFrame(rows)
    out["year"] = out["year"].astype("Int64")
    return out


def cells() -> pd.DataFrame:
    """Return the cell table (group × target), counted by hand from :data:`ITEMS`."""
    na = pd.NA
    # group, target, n_items, official, icso, programme, voices, latest year, gap_disaggregation
    counts = [
        (W, "1.2", 0, 0, 0, 0, 0, na, False),  # nothing
        (W, "5.1", 2, 1, 0, 1, 0, 2022, False),  # SDGDB:5.1.1, CARE:2
        (W, "10.2", 1, 0, 1, 0, 0, 2019, True),  # CARE:1
        (D, "1.2", 1, 0, 0, 0, 1, na, True),  # PLAN:1 (no year); out of scope
        (D, "5.1", 0, 0, 0, 0, 0, na, True),  # nothing
        (D, "10.2", 3, 0, 1, 1, 1, 2019, False),  # CARE:1, CARE:2, PLAN:1
        (E, "1.2", 1, 0, 1, 0, 0, 2023, False),  # FORUM:1
        (E, "5.1", 0, 0, 0, 0, 0, na, False),  # nothing
        (E, "10.2", 0, 0, 0, 0, 0, na, True),  # nothing
    ]
    dims = dict(zip(groups()["group"], groups()["dimension"], strict=True))
    out = pd.DataFrame(
        counts,
        columns=[
            "group",
            "target",
            "n_items",
            "n_official_statistics",
            "n_icso_study",
            "n_programme_data",
            "n_community_voices",
            "latest_year",
            "gap_disaggregation",
        ],
    )
    out.insert(1, "label", out["group"].map(LABELS))
    out.insert(2, "dimension", out["group"].map(dims))
    out["latest_year"] = out["latest_year"].astype("Int64")
    out["focus_group"] = out["group"].isin(FOCUS_GROUPS)
    out["in_focus"] = out["focus_group"] & out["target"].isin(FOCUS_TARGETS)
    # In scope: a focus target, or a focus group on a goal of the focus targets (5 and 10).
    out["in_scope"] = out["target"].isin(FOCUS_TARGETS)
    return out


def official() -> pd.DataFrame:
    """Return an official stocktake of three indicators (one outside the focus targets)."""
    return pd.DataFrame(
        {
            "target": ["1.2", "5.1", "10.2"],
            "indicator": ["1.2.1", "5.1.1", "10.2.1"],
            "indicator_title": ["Poverty line", "Legal frameworks", "Living below 50% of median"],
            "has_data": [True, False, True],
            "latest_year": pd.array([2021, pd.NA, 2018], dtype="Int64"),
            "income": ["none", "not applicable", "complete"],
            "sex": ["complete", "not applicable", "partial"],
            "age": ["partial", "not applicable", "none"],
            "migratory_status": ["not applicable"] * 3,
            "disability": ["none", "not applicable", "none"],
            "geographic_location": ["complete", "not applicable", "complete"],
            # all three measured on people or households, so a breakdown by group applies
            "measured_on_people": [True, True, True],
        }
    )


def inventory() -> pd.DataFrame:
    """Return the inventory rows the holders come from (holder type per organisation)."""
    return pd.DataFrame(
        {
            "organisation": ["CARE", "CARE", "Plan International", "Dalit Forum"],
            "holder_type": ["icso", "icso", "icso", "community_group"],
            "_file": ["synthetic_care.csv", "synthetic_care.csv", "plan.xlsx", "forum.csv"],
        }
    )


def group_gaps() -> pd.DataFrame:
    """Return official gaps: five series where the group is behind, one where it is not.

    S5 is a pair of tiny rates (0.9 % against 0.1 %): a relative gap of 0.889 but a ranking gap
    of 0.08 (0.8 points over the 10 % floor). Only S5 is shown at a breakdown level.
    """
    return pd.DataFrame(
        {
            "series_code": ["S1", "S2", "S3", "S0", "S4", "S5"],
            "series_description": ["One", "Two", "Three", "Zero", "Four", "Five"],
            "indicator": ["1.2.1", "10.2.1", "5.1.1", "1.2.1", "10.2.1", "1.2.1"],
            "target": ["1.2", "10.2", "5.1", "1.2", "10.2", "1.2"],
            "comparison": [
                "women vs men",
                "rural vs urban",
                "x",
                "poorest vs richest",
                "y",
                "rural vs urban",
            ],
            "group": [W, "rural_population", W, "people_in_poverty", D, "rural_population"],
            "year": [2020, 2019, 2018, 2021, 2017, 2022],
            "value": [30.0, 40.0, 1.0, 10.0, 66.0, 0.9],
            "reference_value": [40.0, 80.0, 10.0, 20.0, 99.0, 0.1],
            "gap": [-10.0, -40.0, -9.0, -10.0, -33.0, 0.8],
            "relative_gap": [0.25, 0.5, 0.9, 0.5, 0.333, 0.889],
            "percent": [True] * 6,
            "ranking_gap": [0.25, 0.5, 0.9, 0.5, 0.333, 0.08],
            "breakdown": ["none"] * 5 + ["age: 15-24 years"],
            "polarity": ["higher_is_worse"] * 6,
            "direction": ["higher is worse"] * 6,
            "ranked": [True] * 6,
            "group_behind": [True, True, False, True, True, True],
        }
    )


def country_evidence() -> CountryEvidence:
    """Return the tiny country evidence object (Kenya's code, hand-made contents)."""
    return CountryEvidence(
        place=Country(iso3="KEN", name="Kenya"),
        groups=groups(),
        official=official(),
        inventory=inventory(),
        evidence=evidence(),
        cells=cells(),
        group_gaps=group_gaps(),
        focus_groups=FOCUS_GROUPS,
        focus_targets=FOCUS_TARGETS,
    )
