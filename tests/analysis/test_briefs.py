"""The brief tables on the tiny hand-made country evidence of ``tests/helpers/evidence.py``."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import briefs
from tests.helpers.evidence import country_evidence


def rows(table: pd.DataFrame) -> list[tuple]:
    """Return a table's rows as tuples, missing values as None (NA never equals NA)."""
    return [tuple(None if pd.isna(v) else v for v in r) for r in table.itertuples(index=False)]


def test_programme_reach_gives_one_finding_per_focus_cell():
    table = briefs.programme_reach(country_evidence())
    assert list(table.columns) == [
        "group",
        "target",
        "items",
        "programme data",
        "ICSO studies",
        "community voices",
        "latest year",
        "finding",
    ]
    # The four focus cells (women, disabilities × 5.1, 10.2), in cell order; counts from the
    # helper's item list: W×5.1 has SDGDB:5.1.1 and the evaluation CARE:2; W×10.2 the study
    # CARE:1; D×5.1 nothing; D×10.2 the study, the evaluation and Plan's testimonies.
    assert rows(table) == [
        ("Women and girls", "SDG 5.1", 2, 1, 0, 0, 2022,
         "programmes exist; the group's own voice is missing"),
        ("Women and girls", "SDG 10.2", 1, 0, 1, 0, 2019,
         "studied, but no programme reaches it in the evidence"),
        ("Persons with disabilities", "SDG 5.1", 0, 0, 0, 0, None, "no evidence at all"),
        ("Persons with disabilities", "SDG 10.2", 3, 1, 1, 1, 2019,
         "programmes and voices present"),
    ]  # fmt: skip


def test_programme_reach_of_no_focus_cell_is_an_empty_table_with_its_columns():
    ce = country_evidence()
    ce.cells["in_focus"] = False
    table = briefs.programme_reach(ce)
    assert table.empty and len(table.columns) == 8


def test_groups_behind_keeps_the_largest_gaps_where_the_group_is_behind():
    table = briefs.groups_behind(country_evidence())
    assert list(table.columns) == [
        "comparison",
        "indicator",
        "series",
        "breakdown shown",
        "direction",
        "year",
        "group value",
        "comparison value",
        "difference",
        "relative difference (%)",
        "ranking gap (%)",
    ]
    # S3 (0.9) is not behind and goes; S0 and S2 tie at 0.5 and sort by indicator (1.2.1 before
    # 10.2.1); then S4 (0.333 -> 33 %) and S1 (0.25 -> 25 %). S5, 0.9 % against 0.1 %, has the
    # largest relative difference (0.8 / 0.9 -> 89 %) but ranks last: 0.8 points over the 10 %
    # floor is 8 %. Every series of the fixture is "higher is worse".
    worse = "higher is worse"
    assert rows(table) == [
        ("poorest vs richest", "1.2.1", "Zero", "none", worse, 2021, 10.0, 20.0, -10.0, 50, 50),
        ("rural vs urban", "10.2.1", "Two", "none", worse, 2019, 40.0, 80.0, -40.0, 50, 50),
        ("y", "10.2.1", "Four", "none", worse, 2017, 66.0, 99.0, -33.0, 33, 33),
        ("women vs men", "1.2.1", "One", "none", worse, 2020, 30.0, 40.0, -10.0, 25, 25),
        ("rural vs urban", "1.2.1", "Five", "age: 15-24 years", worse, 2022, 0.9, 0.1, 0.8, 89, 8),
    ]
    assert list(briefs.groups_behind(country_evidence(), top=2)["series"]) == ["Zero", "Two"]


def test_disaggregation_status_lists_the_indicators_of_the_focus_targets_with_labels():
    table = briefs.disaggregation_status(country_evidence())
    # Dimensions with a UN database column, labelled as in data/taxonomy/lnob_groups.yaml;
    # race/ethnicity and other status have no column and no status.
    assert list(table.columns) == [
        "indicator",
        "indicator_title",
        "data",
        "latest_year",
        "Income and wealth",
        "Sex and gender",
        "Age",
        "Migratory status",
        "Disability",
        "Geographic location",
    ]
    # 1.2.1 belongs to target 1.2, outside the focus (5.1, 10.2).
    assert rows(table) == [
        ("5.1.1", "Legal frameworks", False, None, *["not applicable"] * 6),
        ("10.2.1", "Living below 50% of median", True, 2018,
         "complete", "partial", "none", "not applicable", "none", "complete"),
    ]  # fmt: skip


def test_data_asks_focus_first_then_fewest_items_and_say_how():
    table = briefs.data_asks(country_evidence())
    assert list(table.columns) == ["group", "target", "in focus", "ask"]
    # In scope with a disaggregation gap: W×10.2 (focus, 1 item), D×5.1 (focus, 0 items) and
    # E×10.2 (not focus); D×1.2 has the gap but is out of scope. Focus first, fewest items first.
    # The ask names the target's indicators with data (10.2: 10.2.1; 5.1: none has data) and the
    # figures that describe the group (data/taxonomy/lnob_groups.yaml): women are "sex: female",
    # persons with disabilities "disability status: persons with disability"; no breakdown of the
    # UN database describes ethnic minorities, so their ask is a survey question.
    assert rows(table) == [
        ("Persons with disabilities", "SDG 5.1", "yes",
         "break down the indicators of target 5.1 to give figures for disability status: "
         "persons with disability"),
        ("Women and girls", "SDG 10.2", "yes",
         "break down indicator 10.2.1 of target 10.2 to give figures for sex: female"),
        ("Ethnic minorities", "SDG 10.2", "",
         "add figures on ethnic minorities for indicator 10.2.1 of target 10.2 to national "
         "surveys (no breakdown in the global database describes them)"),
    ]  # fmt: skip
    assert list(briefs.data_asks(country_evidence(), top=1)["group"]) == [
        "Persons with disabilities"
    ]
