"""The SDG framework and the LNOB groups taxonomy, checked against answers read in data/ by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.reference import taxonomy


def test_the_framework_has_169_targets_in_order():
    # python csv over data/reference/sdg_indicator_framework.csv: 249 rows, 169 distinct targets,
    # the first 1.1, 1.2, 1.3 and the last 17.17, 17.18, 17.19.
    t = taxonomy.targets()
    assert len(t) == 169
    assert t[:3] == ["1.1", "1.2", "1.3"]
    assert t[-3:] == ["17.17", "17.18", "17.19"]
    assert len(taxonomy.sdg_framework()) == 249


def test_targets_of_goal_one_by_hand():
    # grep "^1," sdg_indicator_framework.csv: 1.1 ... 1.5 and the means targets 1.a, 1.b.
    goal_one = [t for t in taxonomy.targets() if t.split(".")[0] == "1"]
    assert goal_one == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]


def test_target_16_10_stays_text_and_belongs_to_goal_16():
    fw = taxonomy.sdg_framework()
    rows = fw[fw["target"] == "16.10"]
    # Lines 223-224 of the CSV: indicators 16.10.1 and 16.10.2, goal 16.
    assert rows["indicator"].tolist() == ["16.10.1", "16.10.2"]
    assert rows["goal"].tolist() == [16, 16]
    assert "16.10" in taxonomy.target_set() and "16.1" in taxonomy.target_set()
    assert "16.11" not in taxonomy.target_set()


def test_goals_are_the_seventeen_short_names():
    g = taxonomy.goals()
    assert sorted(g) == list(range(1, 18))
    assert g[5] == "Gender equality"
    assert g[10] == "Reduced inequalities"
    assert g[17] == "Partnerships for the goals"


def test_dimensions_are_the_17_18_grounds_plus_other_status():
    # The eight keys under "dimensions:" in data/taxonomy/lnob_groups.yaml.
    assert list(taxonomy.dimensions()) == [
        "income",
        "sex",
        "age",
        "race_ethnicity",
        "migratory_status",
        "disability",
        "geographic_location",
        "other_status",
    ]


def test_groups_table_rows_by_hand():
    t = taxonomy.groups_table().set_index("group")
    women = t.loc["women_and_girls"]
    assert (women["dimension"], women["sdgdb_column"], women["factors"]) == (
        "sex",
        "sex",
        "discrimination",
    )
    # other_status: factors [governance, shocks_and_fragility], sdgdb column null.
    crises = t.loc["people_affected_by_crises"]
    assert crises["factors"] == "governance;shocks_and_fragility"
    assert pd.isna(crises["sdgdb_column"])
    assert not t["country_specific"].any()
    assert t.index.is_unique


def test_a_country_group_joins_its_dimension():
    extra = [{"id": "pastoralists", "label": "Pastoralists", "dimension": "geographic_location"}]
    t = taxonomy.groups_table(extra)
    row = t[t["group"] == "pastoralists"].iloc[0]
    # geographic_location: column "location", factors [geography].
    assert row["sdgdb_column"] == "location"
    assert row["factors"] == "geography"
    assert row["dimension_label"] == "Geographic location"
    assert bool(row["country_specific"]) is True
    assert len(t) == len(taxonomy.groups_table()) + 1


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("15_24", (15, 24)),
        ("0_4", (0, 4)),
        ("65", (65, 200)),  # 65 and over, capped at 200
        ("lt5y", (0, 4)),  # under 5: at most 4 whole years
        ("lt18y", (0, 17)),
        ("lt_45y", (0, 45)),  # 45 or under
        ("lt1m", (0, 0)),  # under one month
        ("m12t23", (1, 1)),  # 12-23 months: one whole year
        ("m24t59", (2, 4)),  # 24/12 = 2, 59 // 12 = 4
        ("allage", None),
        ("notspec", None),
        ("u", None),
        ("x", None),
    ],
)
def test_age_code_range(code, expected):
    assert taxonomy.age_code_range(code) == expected


def test_target_key_orders_targets_as_the_framework_lists_them():
    shuffled = ["16.a", "16.10", "4.7", "16.2", "10.2", "4.a", "16.1"]
    by_hand = ["4.7", "4.a", "10.2", "16.1", "16.2", "16.10", "16.a"]
    assert sorted(shuffled, key=taxonomy.target_key) == by_hand
