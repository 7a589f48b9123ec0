"""Gap classes, overlaps, priority score and sensitivity on a hand-made country."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.analysis import evidence, gaps
from lnob_methods.reference import sdgdb

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
    }


@pytest.fixture
def cells():
    st = _stocktake()
    official = evidence.official_evidence(st, GROUPS)
    rows = pd.DataFrame(
        [
            _item("A:1", "A", "women_and_girls", "10.2", 2015, "low"),
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


def test_official_evidence_follows_the_dimension(cells):
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
            {"group": ["persons_with_disabilities"], "target": ["10.2"], "relative_gap": [0.5]}
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
    assert row["top_kept"] == 1
    assert row["entering"] == "persons_with_disabilities × 10.2"
    assert row["leaving"] == "ethnic_minorities × 10.2"
    assert len(table) == 2 * len(gaps.DEFAULT_WEIGHTS)


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


def test_group_gaps_direction_and_latest_common_year():
    from lnob_methods.analysis import group_gaps

    base = dict.fromkeys(sdgdb.PEOPLE_COLUMNS, "")
    rows = [
        # mortality: higher is worse; rural 30 vs urban 20 in 2019 (latest common year)
        {
            "series_code": "M",
            "series_description": "Under-five mortality rate",
            "year": 2019,
            "location": "rural",
            "value_num": 30.0,
        },
        {
            "series_code": "M",
            "series_description": "Under-five mortality rate",
            "year": 2019,
            "location": "urban",
            "value_num": 20.0,
        },
        {
            "series_code": "M",
            "series_description": "Under-five mortality rate",
            "year": 2021,
            "location": "rural",
            "value_num": 25.0,
        },
        # completion: higher is better; female 60 vs male 80
        {
            "series_code": "C",
            "series_description": "Completion rate",
            "year": 2020,
            "sex": "female",
            "value_num": 60.0,
        },
        {
            "series_code": "C",
            "series_description": "Completion rate",
            "year": 2020,
            "sex": "male",
            "value_num": 80.0,
        },
        {
            "series_code": "P",
            "series_description": "Gender parity index for completion",
            "year": 2020,
            "sex": "female",
            "value_num": 0.9,
        },
        {
            "series_code": "P",
            "series_description": "Gender parity index for completion",
            "year": 2020,
            "sex": "male",
            "value_num": 1.0,
        },
    ]
    df = pd.DataFrame(
        [{**base, "indicator": "3.2.1", "other_disaggregations": "", **r} for r in rows]
    )
    df.loc[df["series_code"] == "C", "indicator"] = "4.1.2"
    out = group_gaps.group_gaps(df).set_index("series_code")
    assert "P" not in out.index, "parity indices are not compared again"
    m = out.loc["M"]
    assert (m["group"], m["year"], m["value"], m["reference_value"]) == (
        "rural_population",
        2019,
        30.0,
        20.0,
    )
    assert bool(m["worse_when_higher"]) and bool(m["group_behind"])
    assert m["relative_gap"] == pytest.approx(10 / 30)
    c = out.loc["C"]
    assert c["group"] == "women_and_girls" and bool(c["group_behind"])
    assert c["target"] == "4.1" and c["relative_gap"] == pytest.approx(0.25)
