"""Gap classes, overlaps, priority score and sensitivity on a hand-made country."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from lnob_methods.analysis import briefs, evidence, gaps, stocktake
from lnob_methods.reference import disaggregation, sdgdb, taxonomy

GROUPS = pd.DataFrame(
    {
        "group": ["women_and_girls", "persons_with_disabilities", "ethnic_minorities"],
        "label": ["Women and girls", "Persons with disabilities", "Ethnic minorities"],
        "dimension": ["sex", "disability", "race_ethnicity"],
    }
)
TARGETS = ["1.1", "10.2"]


def _stocktake():
    rows = []
    for target, ind, has, sex in [
        ("1.1", "1.1.1", True, "complete"),
        ("10.2", "10.2.1", True, "not applicable"),
    ]:
        row = {
            "goal": int(target.split(".")[0]),
            "target": target,
            "indicator": ind,
            "indicator_title": "t",
            "has_data": has,
            "latest_year": 2020,
            "measured_on_people": True,
        }
        row.update(dict.fromkeys(sdgdb.dimension_columns(), "not applicable"))
        row["sex"] = sex
        rows.append(row)
    return pd.DataFrame(rows)


def _item(
    iid,
    org,
    group,
    target,
    year,
    quality="medium",
    source="icso_study",
    synth=False,
    stream="inventory",
    prov="real",
):
    return {
        "item_id": iid,
        "organisation": org,
        "title": iid,
        "source_type": source,
        "evidence_type": "study",
        "quality": quality,
        "access": "public",
        "year": year,
        "is_synthesis": synth,
        "group": group,
        "target": target,
        "stream": stream,
        "provenance": prov,
    }


@pytest.fixture
def cells():
    st = _stocktake()
    # The country's 1.1.1 figures describe women and girls (female figures), nobody else.
    official = evidence.official_evidence(
        st, pd.DataFrame({"indicator": ["1.1.1"], "group": ["women_and_girls"]})
    )
    rows = pd.DataFrame(
        [
            _item("A:1", "A", "women_and_girls", "10.2", 2015, "low", prov="synthetic"),
            _item("B:1", "B", "women_and_girls", "10.2", 2016, "low"),
            _item(
                "V:1",
                "Community testimonies",
                "persons_with_disabilities",
                "1.1",
                2022,
                source="community_voices",
                stream="voices",
            ),
            _item("B:2", "B", "persons_with_disabilities", "10.2", 2021, "high", synth=True),
        ]
    )
    rows["year"] = rows["year"].astype("Int64")
    ev = evidence.combine(official, rows)
    return gaps.cell_table(
        ev,
        GROUPS,
        TARGETS,
        st,
        focus_groups=("women_and_girls", "persons_with_disabilities"),
        focus_targets=("10.2",),
        reference_year=2023,
        recency_years=5,
        synthesis_min=2,
    ).set_index(["group", "target"])


def test_official_evidence_goes_only_to_the_groups_described(cells):
    assert cells.loc[("women_and_girls", "1.1"), "n_official_statistics"] == 1
    assert cells.loc[("persons_with_disabilities", "1.1"), "n_official_statistics"] == 0


GAP_EXPECTED = {
    # group, target: absolute, disaggregation, recency, quality, voices, synthesis
    ("women_and_girls", "1.1"): (False, False, False, False, True, False),
    ("women_and_girls", "10.2"): (False, True, True, True, True, True),
    ("persons_with_disabilities", "1.1"): (False, True, False, False, False, False),
    ("persons_with_disabilities", "10.2"): (False, True, False, False, True, False),
    ("ethnic_minorities", "1.1"): (True, True, False, False, True, False),
    ("ethnic_minorities", "10.2"): (True, True, False, False, True, False),
}


@pytest.mark.parametrize("cell", list(GAP_EXPECTED))
def test_every_gap_class(cells, cell):
    got = tuple(bool(cells.loc[cell, f"gap_{g}"]) for g in gaps.GAP_CLASSES)
    assert got == GAP_EXPECTED[cell]


def test_overlaps_name_the_organisations(cells):
    ov = gaps.overlaps(cells.reset_index())
    assert ov[["group", "target", "organisations"]].values.tolist() == [
        ["women_and_girls", "10.2", "A; B"]
    ]


def test_priority_score_and_ranking(cells):
    ranked = gaps.priority(cells.reset_index())
    got = [
        (g, t, s)
        for g, t, s in zip(ranked["group"], ranked["target"], ranked["score"], strict=True)
    ]
    # In scope: the focus target 10.2 for every group, and the focus groups' goal-10 targets;
    # 1.1 is outside the focus goals, so it is not ranked.
    assert got == [
        ("women_and_girls", "10.2", 8.0),  # disagg, recency, quality, voices, synth, focus
        ("ethnic_minorities", "10.2", 6.0),  # absolute 3 + disagg 2 + voices 1
        ("persons_with_disabilities", "10.2", 5.0),  # disagg 2 + voices 1 + focus 2
    ]
    assert {"absolute", "disaggregation", "severity", "focus", "score"} <= set(ranked.columns)


def test_severity_moves_a_cell_and_ties_go_to_focus_groups(cells):
    sev = gaps.severity(
        pd.DataFrame(
            {"group": ["persons_with_disabilities"], "target": ["10.2"], "ranking_gap": [0.5]}
        )
    )
    ranked = gaps.priority(cells.reset_index(), sev)
    rows = ranked[["group", "score", "severity"]].values.tolist()
    assert rows[1:] == [["persons_with_disabilities", 6.0, 0.5], ["ethnic_minorities", 6.0, 0.0]]


def test_weights_change_the_ranking(cells):
    ranked = gaps.priority(cells.reset_index(), weights={"absolute": 10.0})
    assert ranked.iloc[0][["group", "target"]].tolist() == ["ethnic_minorities", "10.2"]


def test_sensitivity_table(cells):
    table = gaps.sensitivity(cells.reset_index(), top=2)
    row = table[(table["weight"] == "absolute") & (table["to"] == 1.5)].iloc[0]
    assert row["kept from the baseline top"] == 1
    assert row["cells in the top"] == 2
    assert row["entering"] == "Persons with disabilities × SDG 10.2"
    assert row["leaving"] == "Ethnic minorities × SDG 10.2"
    assert len(table) == 2 * len(gaps.DEFAULT_WEIGHTS)


def _hand_cells(*rows):
    """In-scope cells from (group, target, gap classes present, focus group, in focus)."""
    out = []
    for group, target, present, focus_group, in_focus in rows:
        cell = {
            "group": group,
            "label": f"Group {group.upper()}",
            "dimension": "d",
            "target": target,
            "n_items": 0,
            "focus_group": focus_group,
            "in_focus": in_focus,
            "in_scope": True,
        }
        cell.update({f"gap_{g}": g in present for g in gaps.GAP_CLASSES})
        out.append(cell)
    return pd.DataFrame(out)


TIES = _hand_cells(
    ("a", "1.1", {"absolute"}, False, False),  # 3
    ("b", "1.1", {"absolute"}, False, False),  # 3
    ("c", "1.1", {"absolute"}, True, False),  # 3, a focus group
    ("d", "1.2", {"disaggregation"}, False, False),  # 2 + 2 x severity 0.5 = 3
    ("e", "1.2", {"voices"}, False, False),  # 1
)
TIES_SEVERITY = gaps.severity(
    pd.DataFrame({"group": ["d"], "target": ["1.2"], "ranking_gap": [0.5]})
)


def test_ties_share_a_rank_after_the_stated_tie_breaks():
    ranked = gaps.priority(TIES, TIES_SEVERITY)
    got = list(zip(ranked["group"], ranked["score"], ranked["rank"], ranked["tied"], strict=True))
    # Four cells score 3: c first (a focus group), then d (severity 0.5), then a and b, equal
    # on every rule: they share rank 3, and the next cell is ranked 5, as in sports.
    assert got == [
        ("c", 3.0, 1, 1),
        ("d", 3.0, 2, 1),
        ("a", 3.0, 3, 2),
        ("b", 3.0, 3, 2),
        ("e", 1.0, 5, 1),
    ]


def test_a_research_focus_cell_wins_a_tie_before_a_focus_group():
    cells = _hand_cells(
        ("a", "1.1", {"absolute"}, True, False),  # 3, a focus group
        ("b", "1.1", {"voices"}, True, True),  # 1 + focus 2 = 3, in the research focus
    )
    assert gaps.priority(cells)["group"].tolist() == ["b", "a"]


def test_a_top_that_cuts_through_a_tie_takes_the_whole_tie_group_and_says_so():
    ranked = gaps.priority(TIES, TIES_SEVERITY)
    assert gaps.top(ranked, 3)["group"].tolist() == ["c", "d", "a", "b"]
    assert gaps.top_note(ranked, 3) == (
        "4 cells, not 3: the 2 cells tied at rank 3 are all shown, since no stated rule "
        "separates them"
    )
    assert gaps.top(ranked, 2)["group"].tolist() == ["c", "d"]
    assert gaps.top_note(ranked, 2) == ""


def test_the_top_table_speaks_to_readers():
    table = gaps.top_table(gaps.priority(TIES, TIES_SEVERITY), 2)
    assert list(table.columns) == [
        "rank",
        "cells sharing the rank",
        "group",
        "target",
        "items",
        "absolute gap",
        "disaggregation gap",
        "recency gap",
        "quality gap",
        "voices gap",
        "synthesis gap",
        "severity",
        "research focus",
        "score",
    ]
    assert table.iloc[1].tolist() == [
        2,
        1,
        "Group D",
        "SDG 1.2",
        0,
        "",
        "yes",
        "",
        "",
        "",
        "",
        0.5,
        "",
        3.0,
    ]


def test_sensitivity_compares_tie_aware_tops():
    table = gaps.sensitivity(TIES, TIES_SEVERITY, top=3).set_index(["weight", "to"])
    # Baseline top 3: c, d and the tie a, b (4 cells). Severity weight 1: d scores 2.5 and
    # falls to rank 4; c, a, b are tied at 3 (c first, a focus group): the top is c, a, b.
    down = table.loc[("severity", 1.0)]
    assert (down["cells in the top"], down["kept from the baseline top"]) == (3, 3)
    assert (down["entering"], down["leaving"]) == ("", "Group D × SDG 1.2")
    # Severity weight 3: d scores 3.5 and leads; the top holds the same four cells.
    up = table.loc[("severity", 3.0)]
    assert (up["cells in the top"], up["kept from the baseline top"], up["leaving"]) == (4, 4, "")


def test_xlsx_and_csv_exports_are_reproducible_and_formula_safe(tmp_path):
    import time
    import zipfile

    from lnob_methods.formats.exports import write_csv, write_xlsx

    df = pd.DataFrame(
        {"n": [1, -2], "text": ['=HYPERLINK("x")', "@SUM(A1)"], "more": ["+1", "\tx"]}
    )
    write_xlsx({"s": df}, tmp_path / "a.xlsx")
    time.sleep(1.1)
    write_xlsx({"s": df}, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core
    back = pd.read_excel(tmp_path / "a.xlsx")
    assert back["text"].tolist() == ['\'=HYPERLINK("x")', "'@SUM(A1)"]
    assert back["n"].tolist() == [1, -2], "numbers stay numbers"
    write_csv(df, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text().splitlines()[1:] == [
        '1,"\'=HYPERLINK(""x"")",\'+1',
        "-2,'@SUM(A1),'\tx",
    ]


# --- Which figures describe which group, and where a breakdown applies at all ---------------

PEOPLE = dict.fromkeys(sdgdb.PEOPLE_COLUMNS, "")
SEX_GROUPS = ["women_and_girls", "young_women_and_girls", "lgbtiq_people"]


def _country(*rows):
    """Hand-made country rows: one per observation and indicator, every people column present."""
    return pd.DataFrame(
        [{**PEOPLE, "value": "1", "value_num": 1.0, "other_disaggregations": "", **r} for r in rows]
    )


def _sex_groups():
    return taxonomy.groups_table().query("group in @SEX_GROUPS").reset_index(drop=True)


def _assembled(data, groups, targets):
    st = stocktake.indicator_stocktake(data)
    described = stocktake.group_breakdowns(data, groups)
    ev = evidence.official_evidence(st, described)
    cells = gaps.cell_table(ev, groups, targets, st)
    return st, described, ev, cells


MOBILE_BY_SEX = [
    # IT_MOB_OWN (indicator 5.b.1), female and male figures only, all ages.
    {"series_code": "IT_MOB_OWN", "indicator": "5.b.1", "year": 2020, "sex": "female"},
    {"series_code": "IT_MOB_OWN", "indicator": "5.b.1", "year": 2020, "sex": "male"},
]


def test_female_and_male_figures_are_no_evidence_on_lgbtiq_people():
    data = _country(*MOBILE_BY_SEX)
    _, described, _, cells = _assembled(data, _sex_groups(), ["5.b"])
    # By hand: female figures describe women and girls only; no age band, so not young women;
    # nothing describes LGBTIQ+ people.
    assert described.values.tolist() == [["5.b.1", "women_and_girls"]]
    cells = cells.set_index("group")
    assert cells.loc["women_and_girls", "n_official_statistics"] == 1
    assert not cells.loc["women_and_girls", "gap_disaggregation"]
    assert cells.loc["lgbtiq_people", "n_official_statistics"] == 0
    assert cells.loc["lgbtiq_people", "gap_disaggregation"]
    assert cells.loc["young_women_and_girls", "gap_disaggregation"]


def test_female_figures_in_a_young_age_band_describe_young_women():
    data = _country(
        *MOBILE_BY_SEX,
        {
            "series_code": "IT_MOB_OWN",
            "indicator": "5.b.1",
            "year": 2020,
            "sex": "female",
            "age": "15_24",
        },
        {
            "series_code": "IT_MOB_OWN",
            "indicator": "5.b.1",
            "year": 2020,
            "sex": "male",
            "age": "15_24",
        },
    )
    _, described, _, cells = _assembled(data, _sex_groups(), ["5.b"])
    assert sorted(described["group"]) == ["women_and_girls", "young_women_and_girls"]
    gap = cells.set_index("group")["gap_disaggregation"].to_dict()
    assert gap == {
        "women_and_girls": False,
        "young_women_and_girls": False,
        "lgbtiq_people": True,
    }


def test_a_band_reaching_past_24_does_not_describe_young_women():
    data = _country(
        *MOBILE_BY_SEX,
        {
            "series_code": "IT_MOB_OWN",
            "indicator": "5.b.1",
            "year": 2020,
            "sex": "female",
            "age": "15_49",
        },
    )
    _, described, _, _ = _assembled(data, _sex_groups(), ["5.b"])
    assert described["group"].tolist() == ["women_and_girls"]


FLOWS_BY_SEX = [
    # A contrived sex breakdown of 10.b.1 (financial flows between countries): even then, no
    # population group can be asked for, counted or scored on it.
    {"series_code": "DC_TRF_TOTL", "indicator": "10.b.1", "year": 2021, "sex": "female"},
    {"series_code": "DC_TRF_TOTL", "indicator": "10.b.1", "year": 2021, "sex": "male"},
]


def test_target_10b_never_has_a_disaggregation_gap():
    groups = taxonomy.groups_table()
    data = _country(*MOBILE_BY_SEX, *FLOWS_BY_SEX)
    st, described, ev, cells = _assembled(data, groups, ["5.b", "10.b"])
    flows = st.set_index("indicator").loc["10.b.1"]
    assert bool(flows["has_data"]) and not bool(flows["measured_on_people"])
    assert flows["sex"] == "not applicable"
    assert "10.b.1" not in set(described["indicator"])
    assert not (ev["target"] == "10.b").any()
    on_10b = cells[cells["target"] == "10.b"]
    assert len(on_10b) == len(groups)
    assert not on_10b["disaggregation_applies"].any()
    assert not on_10b["gap_disaggregation"].any()
    # 5.b is about people: every group but women and girls lacks figures there.
    on_5b = cells[cells["target"] == "5.b"].set_index("group")["gap_disaggregation"]
    assert not on_5b["women_and_girls"] and on_5b.drop("women_and_girls").all()
    ranked = gaps.priority(cells)
    assert (ranked.loc[ranked["target"] == "10.b", "disaggregation"] == 0.0).all()


def test_target_10b_is_never_a_data_ask():
    groups = _sex_groups()
    data = _country(*MOBILE_BY_SEX, *FLOWS_BY_SEX)
    st, _, ev, cells = _assembled(data, groups, ["5.b", "10.b"])
    ce = SimpleNamespace(cells=cells, groups=groups, official=st)
    asks = briefs.data_asks(ce)
    assert "SDG 10.b" not in set(asks["target"])
    assert asks[["group", "target", "ask"]].values.tolist() == [
        [
            "LGBTIQ+ people",
            "SDG 5.b",
            "add figures on LGBTIQ+ people for indicator 5.b.1 of target 5.b to national surveys "
            "(no breakdown in the global database describes them)",
        ],
        [
            "Young women and girls",
            "SDG 5.b",
            "break down indicator 5.b.1 of target 5.b to give figures for sex: female, with an "
            "age band within 0 to 24 years",
        ],
    ]


def test_a_country_group_has_no_official_figures():
    groups = taxonomy.groups_table(
        [{"id": "street_dwellers", "label": "Street dwellers", "dimension": "geographic_location"}]
    ).query("group in ['rural_population', 'street_dwellers']")
    data = _country(
        {"series_code": "EG_ACS_ELEC", "indicator": "7.1.1", "year": 2020, "location": "rural"},
        {"series_code": "EG_ACS_ELEC", "indicator": "7.1.1", "year": 2020, "location": "urban"},
    )
    _, described, _, cells = _assembled(data, groups, ["7.1"])
    assert described.values.tolist() == [["7.1.1", "rural_population"]]
    gap = cells.set_index("group")["gap_disaggregation"].to_dict()
    assert gap == {"rural_population": False, "street_dwellers": True}


def test_data_only_on_an_indicator_not_about_people_is_no_disaggregation_gap():
    # Target 1.5: the country reports 1.5.2 (economic loss from disasters, in dollars) but not
    # 1.5.1 (people dead, missing or affected). 1.5 is about people through 1.5.1, yet no figure
    # on people exists to break down: no disaggregation gap, for any group.
    groups = _sex_groups()
    data = _country(
        {"series_code": "VC_DSR_AGLH", "indicator": "1.5.2", "year": 2020, "value_num": 5.0},
    )
    st, _, _, cells = _assembled(data, groups, ["1.5"])
    assert st.set_index("indicator").loc["1.5.2", "has_data"]
    assert cells["disaggregation_applies"].all()
    assert not cells["gap_disaggregation"].any()
    # Once 1.5.1 has data (totals only), every group lacks figures that describe it.
    data = _country(
        {"series_code": "VC_DSR_AGLH", "indicator": "1.5.2", "year": 2020},
        {"series_code": "VC_DSR_MTMP", "indicator": "1.5.1", "year": 2020},
    )
    _, _, _, cells = _assembled(data, groups, ["1.5"])
    assert cells["gap_disaggregation"].all()


def test_figures_reported_for_the_group_only_describe_it():
    # 5.3.1 is reported for women aged 20-24 only (no sex split): those figures describe women
    # and girls, young women (20-24 lies within 0-24) and youth (within 15-35), not LGBTIQ+
    # people. Stunting (2.2.1) is reported for children under 5 only: children, not youth.
    groups = taxonomy.groups_table().query(
        "group in ['women_and_girls', 'young_women_and_girls', 'lgbtiq_people', 'children', "
        "'youth']"
    )
    data = _country(
        {
            "series_code": "SP_DYN_MRBF18",
            "indicator": "5.3.1",
            "year": 2019,
            "sex": "female",
            "age": "20_24",
        },
        {"series_code": "SH_STA_STNT", "indicator": "2.2.1", "year": 2019, "age": "lt5y"},
    )
    described = stocktake.group_breakdowns(data, groups)
    assert described.values.tolist() == [
        ["2.2.1", "children"],
        ["5.3.1", "women_and_girls"],
        ["5.3.1", "young_women_and_girls"],
        ["5.3.1", "youth"],
    ]


def test_the_gap_rule_and_the_declared_targets_agree():
    st = stocktake.indicator_stocktake(_country(*MOBILE_BY_SEX))
    applies = gaps.official_coverage(st)["applies"]
    assert set(applies[applies].index) == disaggregation.people_targets()
    assert not applies["10.b"] and not applies["10.6"] and applies["10.2"]


def test_synthetic_and_undeclared_items_are_counted_per_cell(cells):
    # A:1 (declared synthetic) and B:1 (real) on women × 10.2; nothing synthetic elsewhere.
    assert cells.loc[
        ("women_and_girls", "10.2"), ["n_items", "n_synthetic", "n_undeclared"]
    ].tolist() == [2, 1, 0]
    assert cells.loc[("women_and_girls", "1.1"), "n_synthetic"] == 0  # the UN database: real
    assert cells["n_synthetic"].sum() == 1


def test_community_priority_is_a_weighted_component_only_when_given():
    cells = _hand_cells(
        ("a", "1.1", {"absolute"}, False, False),  # 3
        ("b", "1.1", {"disaggregation", "voices"}, False, False),  # 2 + 1 = 3
    )
    community = pd.Series(
        [0.6], index=pd.MultiIndex.from_tuples([("b", "1.1")], names=["group", "target"])
    )
    # Without responses the score is as before and there is no community column.
    plain = gaps.priority(cells)
    assert "community" not in plain.columns
    assert plain["score"].tolist() == [3.0, 3.0]
    # With them: b gains 1.0 x 0.6 (the default weight) and moves ahead; a counts 0.
    ranked = gaps.priority(cells, community=community)
    assert list(zip(ranked["group"], ranked["community"], ranked["score"], strict=True)) == [
        ("b", 0.6, 3.6),
        ("a", 0.0, 3.0),
    ]
    # The weight is a parameter: 5 x 0.6 = 3 more.
    heavy = gaps.priority(cells, weights={"community": 5.0}, community=community)
    assert heavy.set_index("group").loc["b", "score"] == 6.0


def test_overlaps_name_three_organisations_and_count_the_rest():
    table = pd.DataFrame(
        {
            "group": ["women", "youth", "older"],
            "label": ["Women", "Youth", "Older people"],
            "target": ["5.1", "4.1", "1.3"],
            "n_organisations": [6, 4, 2],
            "organisations": ["A; B; C; D; E; F", "A; B; C; D", "A; B"],
            "n_items": [9, 5, 2],
            "in_focus": [True, False, True],
        }
    )
    out = gaps.overlaps_shown(table)
    assert list(out.columns) == [
        "label",
        "target",
        "n_organisations",
        "organisations",
        "n_items",
        "in_focus",
    ]
    assert out["organisations"].tolist() == [
        "A; B; C and 3 more",  # six: three named, three counted
        "A; B; C; D",  # four: the fourth named rather than "and 1 more"
        "A; B",
    ]
    assert table["organisations"].iloc[0] == "A; B; C; D; E; F", "the export keeps every name"


def test_sensitivity_names_three_cells_entering_and_leaving_and_counts_the_rest():
    table = pd.DataFrame(
        {
            "weight": ["absolute", "voices"],
            "entering": ["W × 5.1; Y × 4.1; O × 1.3; D × 10.2; E × 10.c", ""],
            "leaving": ["P × 1.2", None],
        }
    )
    out = gaps.sensitivity_shown(table)
    assert out["entering"].tolist() == ["W × 5.1; Y × 4.1; O × 1.3 and 2 more", ""]
    assert out["leaving"].tolist() == ["P × 1.2", ""]
