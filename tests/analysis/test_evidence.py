"""The long evidence table: one row per item × group × target, from a tiny hand-made inventory."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import evidence

W, D = "women_and_girls", "persons_with_disabilities"


def _items() -> pd.DataFrame:
    """Three tidy inventory items.

    CARE 1 covers 2 groups × 2 targets (4 cells); PLAN 7 covers one cell, has no last year and is
    a synthesis; ACT 3 names no group, so it covers no cell.
    """
    return pd.DataFrame(
        {
            "id": ["1", 7, "3"],
            "organisation": ["CARE", "PLAN", "ACT"],
            "title": ["Survey", "Review", "Notes"],
            "source_type": ["icso_study", "icso_study", "programme_data"],
            "evidence_type": ["survey", "study", "evaluation"],
            "quality": ["medium", "low", "high"],
            "access": ["public", "on_request", "public"],
            "year_to": [2021, "", 2020],
            "is_synthesis": ["no", "yes", "no"],
            "groups": [(W, D), (W,), ()],
            "sdg_targets": [("5.1", "10.2"), ("10.2",), ("1.2",)],
        }
    )


def test_inventory_evidence_has_one_row_per_item_group_and_target():
    out = evidence.inventory_evidence(_items())
    assert list(out.columns) == evidence.COLUMNS
    # Sorted by group, then target as text ("10.2" before "5.1"), then item.
    assert list(zip(out["group"], out["target"], out["item_id"], strict=True)) == [
        (D, "10.2", "CARE:1"),
        (D, "5.1", "CARE:1"),
        (W, "10.2", "CARE:1"),
        (W, "10.2", "PLAN:7"),
        (W, "5.1", "CARE:1"),
    ]
    assert set(out["stream"]) == {"inventory"}


def test_inventory_evidence_years_and_synthesis():
    out = evidence.inventory_evidence(_items()).set_index("item_id")
    plan = out.loc["PLAN:7"]
    assert pd.isna(plan["year"])  # an empty last year
    assert bool(plan["is_synthesis"]) is True
    care = out.loc["CARE:1"]
    assert care["year"].tolist() == [2021, 2021, 2021, 2021]
    assert not care["is_synthesis"].any()
    assert str(out["year"].dtype) == "Int64"


def test_an_empty_inventory_gives_an_empty_table_with_the_columns():
    out = evidence.inventory_evidence(_items().iloc[0:0])
    assert out.empty and list(out.columns) == evidence.COLUMNS


def test_official_evidence_only_for_indicators_with_data():
    stocktake = pd.DataFrame(
        {
            "target": ["5.1", "1.2"],
            "indicator": ["5.1.1", "1.2.1"],
            "indicator_title": ["Legal frameworks", "National poverty line"],
            "latest_year": [2022, 2019],
            "has_data": [True, False],
        }
    )
    breakdowns = pd.DataFrame({"indicator": ["5.1.1", "1.2.1"], "group": [W, W]})
    out = evidence.official_evidence(stocktake, breakdowns)
    # 1.2.1 has no data: only the 5.1.1 row is evidence.
    assert len(out) == 1
    row = out.iloc[0]
    assert row["item_id"] == "SDGDB:5.1.1"
    assert row["title"] == "5.1.1 Legal frameworks"
    assert (row["group"], row["target"], row["year"]) == (W, "5.1", 2022)
    assert (row["quality"], row["access"], row["stream"]) == ("high", "public", "official")


def test_voices_rows_cover_cells_even_when_the_count_is_suppressed():
    voices = pd.DataFrame({"group": [W, D], "target": ["5.1", "5.1"], "n_testimonies": [12, None]})
    out = evidence.voices_evidence_rows(voices, year=2024)
    assert out["item_id"].tolist() == [f"VOICES:{D}:5.1", f"VOICES:{W}:5.1"]
    assert out["year"].tolist() == [2024, 2024]
    assert set(out["access"]) == {"restricted"}


def test_combine_drops_duplicate_cells_and_sorts():
    inv = evidence.inventory_evidence(_items())
    again = inv.iloc[[0]].assign(title="Another title")  # same item, group and target
    voices = evidence.voices_evidence_rows(
        pd.DataFrame({"group": [D], "target": ["10.2"], "n_testimonies": [6]})
    )
    out = evidence.combine(inv, pd.DataFrame(columns=evidence.COLUMNS), again, voices)
    # 5 inventory rows + 1 voices row; the repeated (CARE:1, D, 10.2) is dropped, first kept.
    assert len(out) == 6
    first = out[(out["item_id"] == "CARE:1") & (out["group"] == D) & (out["target"] == "10.2")]
    assert first["title"].tolist() == ["Survey"]
    assert out["item_id"].tolist()[:2] == ["CARE:1", f"VOICES:{D}:10.2"]


def test_combine_of_nothing_is_empty():
    out = evidence.combine()
    assert out.empty and list(out.columns) == evidence.COLUMNS
    assert evidence.combine(pd.DataFrame(columns=evidence.COLUMNS)).empty


def test_goal_of_targets():
    s = pd.Series(["16.10", "1.a", "5.1", "17.19"])
    assert evidence.goal_of(s).tolist() == [16, 1, 5, 17]
