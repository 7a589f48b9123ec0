"""Stocktake and gap-page tables on the tiny hand-made country evidence (tests/helpers/evidence.py).

Every expected number is counted by hand from the helper's five items; the comments say which.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import summaries
from tests.helpers.evidence import country_evidence

SOURCE_COLUMNS = ["Official statistics", "ICSO study", "Programme data", "Community voices"]


def rows(table: pd.DataFrame) -> list[tuple]:
    """Return a table's rows as tuples, missing values as None (NA never equals NA)."""
    return [tuple(None if pd.isna(v) else v for v in r) for r in table.itertuples(index=False)]


def test_stocktake_numbers():
    assert summaries.stocktake_numbers(country_evidence()) == {
        "n_items": 5,  # SDGDB:5.1.1, CARE:1, CARE:2, PLAN:1, FORUM:1
        "n_holders": 4,  # the UN database, CARE, Plan International, Dalit Forum
        "n_official_items": 1,
        "n_inventory_items": 4,  # all but the official indicator
        "n_synthetic_inventory_items": 0,  # every item of the helper is declared real
        "n_testimony_items": 0,  # no voices stream in the helper
        "n_synthetic_items": 0,
        "n_cells": 9,  # 3 groups × 3 targets
        "n_cells_covered": 5,  # W×5.1, W×10.2, D×1.2, D×10.2, E×1.2
        "n_focus_items": 4,  # every item but FORUM:1 (ethnic minorities, 1.2)
    }


def test_headline_table_labels_known_numbers_and_keeps_unknown_keys():
    table = summaries.headline_table({"n_items": 5, "n_cells": 9, "n_extra": 2})
    assert list(table.columns) == ["Figure", "Value"]
    assert rows(table) == [
        ("Distinct evidence items", 5),
        ("Cells (group × SDG target)", 9),
        ("n_extra", 2),  # no label: the key is shown as it is
    ]


def test_by_goal_counts_distinct_items_per_goal_and_lists_every_goal():
    table = summaries.by_goal(country_evidence().evidence)
    assert list(table.columns) == ["SDG goal", *SOURCE_COLUMNS, "all sources"]
    assert len(table) == 17
    got = {r[0]: r[1:] for r in rows(table)}
    # Goal 1: PLAN:1 (voices), FORUM:1 (study). Goal 5: SDGDB:5.1.1, CARE:2 (evaluation).
    # Goal 10: CARE:1 once although it covers two groups, CARE:2, PLAN:1.
    assert got["1. No poverty"] == (0, 1, 0, 1, 2)
    assert got["5. Gender equality"] == (1, 0, 1, 0, 2)
    assert got["10. Reduced inequalities"] == (0, 1, 1, 1, 3)
    assert got["17. Partnerships for the goals"] == (0, 0, 0, 0, 0)
    assert table["SDG goal"].iloc[1] == "2. Zero hunger"  # goals in numeric order
    assert table["all sources"].sum() == 7  # CARE:2 and PLAN:1 each cover two goals


def test_by_group_marks_dimension_and_focus():
    table = summaries.by_group(country_evidence())
    assert list(table.columns) == [
        "group",
        "dimension",
        "in focus",
        *SOURCE_COLUMNS,
        "all sources",
    ]
    assert rows(table) == [
        # SDGDB:5.1.1, CARE:1 (study), CARE:2 (evaluation)
        ("Women and girls", "Sex and gender", "yes", 1, 1, 1, 0, 3),
        # CARE:1, CARE:2, PLAN:1 (testimonies)
        ("Persons with disabilities", "Disability", "yes", 0, 1, 1, 1, 3),
        # FORUM:1
        ("Ethnic minorities", "Race, ethnicity, caste and indigeneity", "", 0, 1, 0, 0, 1),
    ]


def test_by_organisation_sorts_by_items_then_holder_type():
    table = summaries.by_organisation(country_evidence())
    assert list(table.columns) == [
        "holder",
        "holder type",
        "data",
        "items",
        "items touching the focus",
        "latest year",
    ]
    # CARE has two items, both in focus (W×10.2, W×5.1). The three holders with one item sort by
    # holder type: community_group < icso < official database (not in any inventory). FORUM:1
    # touches no focus cell (0, not missing); PLAN:1 has no year.
    assert rows(table) == [
        ("CARE", "icso", "declared real", 2, 2, 2019),
        ("Dalit Forum", "community_group", "declared real", 1, 0, 2023),
        ("Plan International", "icso", "declared real", 1, 1, None),
        ("UN SDG Global Database", "official database", "declared real", 1, 1, 2022),
    ]


def test_profiles_count_distinct_items_by_type_recency_access_and_quality():
    out = summaries.profiles(country_evidence(), reference_year=2023)
    assert list(out) == ["Evidence type", "Recency (age at reference year)", "Access", "Quality"]
    assert rows(out["Evidence type"]) == [
        ("citizen_generated", 1),
        ("evaluation", 1),
        ("official_indicator", 1),
        ("study", 2),
    ]
    assert list(out["Evidence type"].columns) == ["evidence type", "items"]
    # Ages at 2023: 1 (2022) and 0 (2023) -> 0-2; 4 (2019) -> 3-5; 11 (2012) -> over 10; PLAN:1
    # has no year. No item is 6-10 years old, so that band is left out.
    assert rows(out["Recency (age at reference year)"]) == [
        ("0-2 years", 2),
        ("3-5 years", 1),
        ("over 10 years", 1),
        ("unknown", 1),
    ]
    assert list(out["Recency (age at reference year)"].columns) == ["recency", "items"]
    assert rows(out["Access"]) == [("on_request", 1), ("public", 3), ("restricted", 1)]
    assert rows(out["Quality"]) == [("high", 1), ("low", 1), ("medium", 3)]


def test_profiles_bands_include_their_upper_edge():
    # Age exactly 2 is still "0-2 years", exactly 5 is "3-5 years", exactly 10 is "6-10 years".
    out = summaries.profiles(country_evidence(), reference_year=2021)  # ages -1, 2, 9, -, -2
    assert rows(out["Recency (age at reference year)"]) == [
        ("0-2 years", 3),
        ("6-10 years", 1),
        ("unknown", 1),
    ]
    out = summaries.profiles(country_evidence(), reference_year=2022)  # ages 0, 3, 10, -, -1
    assert rows(out["Recency (age at reference year)"]) == [
        ("0-2 years", 2),
        ("3-5 years", 1),
        ("6-10 years", 1),
        ("unknown", 1),
    ]


def test_focus_matrix_counts_items_per_focus_group_and_target():
    table = summaries.focus_matrix(country_evidence())
    assert list(table.columns) == ["group", "SDG 5.1", "SDG 10.2"]
    assert rows(table) == [
        ("Women and girls", 2, 1),  # SDGDB:5.1.1 and CARE:2; CARE:1
        ("Persons with disabilities", 0, 3),  # nothing; CARE:1, CARE:2, PLAN:1
    ]


def _scope() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "in_focus": [True, False, True],
            "gap_absolute": [True, False, True],
            "gap_disaggregation": [False, False, True],
            "gap_recency": [False, False, False],
            "gap_quality": [True, True, True],
            "gap_voices": [True, False, False],
            "gap_synthesis": [False, True, False],
        }
    )


def test_gap_numbers():
    overlaps = pd.DataFrame({"group": ["a", "b"]})
    sensitivity = pd.DataFrame({"kept from the baseline top": [3, 4, 4]})
    assert summaries.gap_numbers(_scope(), overlaps, sensitivity) == {
        "n_scope": 3,
        "n_absolute": 2,
        "n_disaggregation": 1,
        "n_recency": 0,
        "n_quality": 3,
        "n_voices": 1,
        "n_synthesis": 1,
        "n_overlaps": 2,
        "mean_top_kept": 3.7,  # 11 / 3 = 3.67, rounded to one decimal
    }
    empty = summaries.gap_numbers(
        _scope(), overlaps.iloc[:0], pd.DataFrame({"kept from the baseline top": []})
    )
    assert empty["n_overlaps"] == 0 and empty["mean_top_kept"] == 0.0


def test_gap_class_counts_overall_and_in_focus():
    table = summaries.gap_class_counts(_scope())
    assert list(table.columns) == ["gap class", "cells", "of which in the research focus"]
    # Rows 0 and 2 of the scope are in focus.
    assert rows(table) == [
        ("absolute", 2, 2),
        ("disaggregation", 1, 1),
        ("recency", 0, 0),
        ("quality", 3, 2),
        ("voices", 1, 1),
        ("synthesis", 1, 0),
    ]


def test_weights_table():
    table = summaries.weights_table({"absolute": 2.0, "voices": 0.5})
    assert rows(table) == [("absolute", 2.0), ("voices", 0.5)]
    assert list(table.columns) == ["component", "weight"]


def test_conclusions_say_what_each_top_gap_calls_for_then_five_overlaps():
    flags = ["absolute", "disaggregation", "voices", "recency", "quality", "synthesis"]
    ranked = pd.DataFrame(
        [
            (1, "Women and girls", "10.2", True, True, True, False, False, False),
            (2, "Persons with disabilities", "5.1", False, False, False, False, False, False),
            (3, "Youth", "4.4", False, False, False, True, True, True),
            (4, "Older people", "1.3", True, False, False, False, False, False),
        ],
        columns=["rank", "label", "target", *flags],
    )
    overlaps = pd.DataFrame(
        {
            "label": [f"Group {i}" for i in range(6)],
            "target": ["16.10"] * 6,
            "organisations": ["CARE; Plan International"] * 6,
        }
    )
    table = summaries.conclusions(ranked, overlaps, top_n=3)
    assert list(table.columns) == ["kind", "cell", "what it calls for"]
    got = rows(table)
    assert got[:3] == [
        (
            "gap",
            "Women and girls × SDG 10.2",
            "find or generate evidence; ask for disaggregated official data (SDG 17.18); "
            "collect the group's own testimonies",
        ),
        ("gap", "Persons with disabilities × SDG 5.1", "review"),  # no gap class: review it
        (
            "gap",
            "Youth × SDG 4.4",
            "update old evidence; strengthen quality; synthesise existing items",
        ),
    ]
    # The fourth gap is beyond top_n; of six overlaps only the first five are listed.
    assert got[3:] == [
        ("overlap", f"Group {i} × SDG 16.10", "coordinate: CARE; Plan International")
        for i in range(5)
    ]
    # Tied with Youth at rank 3, older people are a top-3 gap too: a tie is never cut.
    tied = summaries.conclusions(ranked.assign(rank=[1, 2, 3, 3]), overlaps.iloc[:0], top_n=3)
    assert rows(tied)[3] == ("gap", "Older people × SDG 1.3", "find or generate evidence")


ITEM_IDS = {
    "SDGDB_5_1_1": "SDGDB:5.1.1",
    "CARE_1": "CARE:1",
    "CARE_2": "CARE:2",
    "PLAN_1": "PLAN:1",
    "FORUM_1": "FORUM:1",
}


def _with_provenance(**status: str):
    """Return the tiny country evidence with the given items' provenance changed."""
    ce = country_evidence()
    for item, value in status.items():
        ce.evidence.loc[ce.evidence["item_id"] == ITEM_IDS[item], "provenance"] = value
    return ce


def test_synthetic_items_keep_their_source_type_in_their_own_labelled_column():
    # CARE:1 (study, goal 10) and CARE:2 (evaluation, goals 5 and 10) synthetic; FORUM:1 (study,
    # goal 1) without a declaration; SDGDB:5.1.1 and PLAN:1 real.
    ce = _with_provenance(CARE_1="synthetic", CARE_2="synthetic", FORUM_1="undeclared")
    table = summaries.by_goal(ce.evidence)
    assert list(table.columns) == [
        "SDG goal",
        "Official statistics",
        "ICSO study (synthetic)",
        "ICSO study (provenance not declared)",
        "Programme data (synthetic)",
        "Community voices",
        "all sources",
    ]
    got = {r[0]: r[1:] for r in rows(table)}
    assert got["1. No poverty"] == (0, 0, 1, 0, 1, 2)  # FORUM:1, PLAN:1
    assert got["5. Gender equality"] == (1, 0, 0, 1, 0, 2)  # SDGDB:5.1.1, CARE:2
    assert got["10. Reduced inequalities"] == (0, 1, 0, 1, 1, 3)  # CARE:1, CARE:2, PLAN:1


def test_a_synthetic_official_holder_is_not_counted_as_official_statistics():
    ce = _with_provenance(SDGDB_5_1_1="synthetic")  # as if a synthetic statistics office held it
    by_group = summaries.by_group(ce)
    assert "Official statistics" not in by_group.columns
    assert rows(by_group)[0][3] == 1  # Women and girls: "Official statistics (synthetic)"
    assert list(by_group.columns)[3] == "Official statistics (synthetic)"


def test_headline_numbers_add_up_with_testimonies_and_count_synthetic_items():
    ce = _with_provenance(CARE_1="synthetic", CARE_2="synthetic")
    voices = ce.evidence.iloc[:1].assign(
        item_id="VOICES:women_and_girls:5.1",
        organisation="Community testimonies",
        source_type="community_voices",
        stream="voices",
        provenance="synthetic",
    )
    ce.evidence = pd.concat([ce.evidence, voices], ignore_index=True)
    n = summaries.stocktake_numbers(ce)
    # 1 official + 4 inventory items (2 synthetic) + 1 testimony cell (synthetic) = 6 items
    assert (n["n_items"], n["n_official_items"], n["n_inventory_items"]) == (6, 1, 4)
    assert (n["n_testimony_items"], n["n_synthetic_inventory_items"]) == (1, 2)
    assert n["n_synthetic_items"] == 3
    assert n["n_official_items"] + n["n_inventory_items"] + n["n_testimony_items"] == n["n_items"]
    holders = {r[0]: r[1:3] for r in rows(summaries.by_organisation(ce))}
    assert holders["Community testimonies"] == ("community testimonies", "synthetic")
    assert holders["UN SDG Global Database"] == ("official database", "declared real")
    assert holders["CARE"] == ("icso", "synthetic")


def test_profiles_count_synthetic_items_apart():
    ce = _with_provenance(CARE_1="synthetic", FORUM_1="synthetic")  # both studies, 2019 and 2023
    out = summaries.profiles(ce, reference_year=2023)
    assert list(out["Evidence type"].columns) == ["evidence type", "items", "of which synthetic"]
    assert rows(out["Evidence type"]) == [
        ("citizen_generated", 1, 0),
        ("evaluation", 1, 0),
        ("official_indicator", 1, 0),
        ("study", 2, 2),
    ]
