"""The sentences that open each results page, on hand-made results (every count chosen by hand)."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import page_text


def test_counts_are_grammatical_for_one_none_and_many():
    assert page_text.count(1, "indicator") == "1 indicator"
    assert page_text.count(0, "indicator") == "0 indicators"
    assert page_text.count(12345, "testimony", "testimonies") == "12,345 testimonies"
    assert (page_text.has(1), page_text.has(2), page_text.is_are(1)) == ("has", "have", "is")
    assert page_text.listing(["a"]) == "a"
    assert page_text.listing(["a", "b", "c"]) == "a, b and c"


def test_target_in_words_with_its_number():
    assert page_text.target_words("16.10") == (
        "ensure public access to information and protect fundamental freedoms, in… (SDG 16.10)"
    )
    assert page_text.target_words("99.9") == "SDG 99.9"
    # "By 2030, empower …": the date is dropped, the target's first ten words kept
    assert page_text.target_words("10.2") == (
        "empower and promote the social, economic and political inclusion of… (SDG 10.2)"
    )


def _headline(**changes):
    numbers = {
        "n_indicators": 231,
        "n_with_data": 150,
        "pct_with_data": 64.9,
        "n_disaggregated": 1,
        "pct_disaggregated_of_data": 0.7,
        "median_latest_year": 2021,
        "n_focus": 1,
        "n_focus_with_data": 1,
    }
    return numbers | changes


def test_official_stocktake_sentences_for_one_indicator_in_focus():
    got = page_text.official_stocktake("Kenya", _headline(), 2000)
    assert got == [
        "The UN SDG Global Database holds data on Kenya since 2000 for 150 of the 231 SDG "
        "indicators (65 %).",
        "1 indicator is broken down by at least one dimension on which people are left behind "
        "(sex, age, income, location, disability or migratory status), 1 % of those with data.",
        "Half of the indicators with data were last updated in 2021 or later.",
        "The research focus has 1 indicator, 1 of which has data.",
    ]


def test_official_stocktake_for_a_territory_without_data_is_one_honest_sentence():
    got = page_text.official_stocktake(
        "Tokelau", _headline(n_with_data=0, n_disaggregated=0, median_latest_year=None), 2015
    )
    assert len(got) == 1
    assert got[0].startswith("The UN SDG Global Database holds no value for Tokelau since 2015")


def test_official_stocktake_without_focus_or_breakdowns():
    got = page_text.official_stocktake("X", _headline(n_disaggregated=0, n_focus=0), 2000)
    assert got[1] == "None of them is broken down by a dimension on which people are left behind."
    assert got[-1] == "No research focus is set for this country yet."


def _numbers(**changes):
    numbers = {
        "n_items": 10,
        "n_official_items": 2,
        "n_inventory_items": 5,
        "n_synthetic_inventory_items": 5,
        "n_testimony_items": 3,
        "n_cells": 40,
        "n_cells_covered": 7,
        "n_focus_items": 1,
    }
    return numbers | changes


BY_GROUP = pd.DataFrame(
    {"group": ["Women and girls", "Older people", "Migrants"], "all sources": [6, 0, 2]}
)


def test_stocktake_sentences_add_up_and_say_what_is_synthetic():
    got = page_text.stocktake("Kenya", _numbers(), BY_GROUP)
    assert got == [
        "The evidence on Kenya holds 10 items: 2 official indicators broken down for a group, "
        "5 items from the inventories (all synthetic) and 3 combinations of group and target "
        "raised in testimonies.",
        "They cover 7 of the 40 combinations of group and SDG target.",
        "Women and girls have the most evidence (6 items); 1 group has none: Older people.",
        "1 item touches the research focus.",
    ]


def test_stocktake_with_only_official_data_and_no_empty_group():
    numbers = _numbers(
        n_items=2,
        n_inventory_items=0,
        n_synthetic_inventory_items=0,
        n_testimony_items=0,
        n_focus_items=0,
    )
    by_group = BY_GROUP.assign(**{"all sources": [2, 1, 1]})
    got = page_text.stocktake("Chad", numbers, by_group)
    assert (
        got[0]
        == "The evidence on Chad holds 2 items: 2 official indicators broken down for a group."
    )
    # Migrants and Older people tie for the least: both are named
    assert got[2] == (
        "Women and girls have the most evidence (2 items); Migrants and Older people the least "
        "(1 item each)."
    )
    assert got[3] == "No item touches the research focus."
    assert page_text.stocktake("Chad", _numbers(n_items=0), BY_GROUP) == [
        "No evidence on Chad was found in any stream."
    ]


def _ranked(scores, tied):
    return pd.DataFrame(
        {
            "rank": [1] * tied + list(range(tied + 1, len(scores) + 1)),
            "tied": [tied] * tied + [1] * (len(scores) - tied),
            "label": ["Older people", "Migrants", "Women and girls"][: len(scores)],
            "target": ["1.3", "10.7", "5.1"][: len(scores)],
            "score": scores,
        }
    )


SCOPE = pd.DataFrame(
    {"gap_absolute": [True, True, False, False], "gap_disaggregation": [True, False, False, False]}
)


def test_gap_analysis_names_the_first_gap_or_the_tie():
    one = page_text.gap_analysis(_ranked([7.5, 6.0, 5.0], 1), SCOPE, pd.DataFrame({"x": [1]}))
    assert one[0] == (
        "Around the research focus, 2 of the 4 cells in scope have no evidence at all, and 1 "
        "lacks an official figure that describes the group."
    )
    assert one[1].startswith("The gap ranked first is Older people and ")
    assert one[1].endswith("(SDG 1.3) (score 7.5).")
    assert one[2] == (
        "1 cell holds evidence from two organisations or more: room to pool data or divide the "
        "work."
    )
    tie = page_text.gap_analysis(_ranked([6.0, 6.0, 5.0], 2), SCOPE, pd.DataFrame())
    assert tie[1].startswith("2 cells share the first rank (score 6), among them Older people")
    assert tie[2] == "No cell holds evidence from two organisations or more."


def test_gap_analysis_without_a_focus():
    got = page_text.gap_analysis(_ranked([], 0), SCOPE.iloc[:0], pd.DataFrame())
    assert got[0].startswith("No cell is in scope, because no research focus is set")


def test_furthest_behind_counts_and_passes_the_findings_on():
    got = page_text.furthest_behind("Rural people are furthest behind.", 12, 1, "")
    assert got == [
        "Of the 12 comparisons of a group with its reference group in official data, the group "
        "is behind in 1.",
        "Rural people are furthest behind.",
    ]
    assert page_text.furthest_behind("", 0, 0, "")[0].startswith(
        "The UN SDG Global Database has no"
    )


ACCOUNTING = pd.DataFrame(
    {
        "status": [
            "no consent to use",
            "no consent to publish (counted, never quoted)",
            "consent to publish missing or ambiguous (counted, never quoted)",
            "used and quotable",
        ],
        "testimonies": pd.array([7, 21, pd.NA, 276], dtype="Int64"),
    }
)


def test_voices_sentences_use_published_counts_only():
    themes = pd.DataFrame(
        {
            "theme": ["Work and income", "Health care access and cost", "Land"],
            "people proposing": pd.array([56, 18, pd.NA], dtype="Int64"),
        }
    )
    got = page_text.voices("Kenya", ACCOUNTING, themes, "synthetic")
    # counted: 21 + (suppressed, 0) + 276 = 297; quotable 276; "no consent to use" not counted
    assert got == [
        "297 synthetic testimonies from Kenya are counted on this page, 276 of them from people "
        "who agreed to be quoted.",
        "Most of the proposals people made concern work and income (56 people).",
    ]


def test_voices_without_testimonies_is_an_honest_sentence():
    empty = ACCOUNTING.assign(testimonies=pd.array([0, 0, 0, 0], dtype="Int64"))
    got = page_text.voices("Uganda", empty, pd.DataFrame({"theme": [], "people proposing": []}), "")
    assert got == [
        "No testimonies have been collected for Uganda yet: see the voices chapter for how people "
        "of the groups can speak for themselves here."
    ]
