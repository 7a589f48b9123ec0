"""Where a breakdown by group applies, and which figures describe which group."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError
from lnob_methods.reference import disaggregation, taxonomy

CHAPTERS = ["official_data.md", "gap_map.md"]


def test_every_framework_indicator_is_declared_once():
    table = disaggregation.people_indicators()
    framework = set(taxonomy.sdg_framework()["indicator"]) - {""}
    assert table["indicator"].is_unique
    assert set(table["indicator"]) == framework
    assert table["reason"].str.strip().str.len().gt(20).all()


@pytest.mark.parametrize(
    ("indicator", "on_people"),
    [
        ("10.b.1", False),  # resource flows between countries
        ("10.6.1", False),  # voting rights of developing countries
        ("5.1.1", False),  # whether legal frameworks exist
        ("10.2.1", True),  # people below half the median income
        ("1.3.1", True),  # population covered by social protection
        ("16.5.1", True),  # people who paid a bribe
    ],
)
def test_indicators_measured_on_people(indicator, on_people):
    assert (indicator in disaggregation.people_indicator_set()) is on_people


def test_a_target_applies_when_one_of_its_indicators_does():
    targets = disaggregation.people_targets()
    assert "10.b" not in targets and "10.6" not in targets
    # 1.5: 1.5.1 counts people (deaths, missing, affected); 1.5.2-1.5.4 do not.
    assert "1.5" in targets and "10.2" in targets


def test_every_problem_of_the_indicator_file_at_once(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text(
        "indicator,measured_on_people,reason\n"
        "1.1.1,maybe,share of the population below the poverty line\n"
        "1.1.1,yes,\n"
    )
    with pytest.raises(InputError) as err:
        disaggregation.people_indicators(bad)
    assert [(p.kind, p.row, p.column) for p in err.value.problems] == [
        ("not-yes-no", 2, "measured_on_people"),
        ("empty", 3, "reason"),
        ("duplicate", None, "indicator"),
    ]
    assert "write yes or no. (value: 'maybe')" in str(err.value)


def test_every_taxonomy_group_declares_its_figures_with_a_reason():
    table = disaggregation.group_breakdowns().set_index("group")
    assert set(table.index) == set(taxonomy.groups_table()["group"])
    assert table["reason"].str.len().gt(20).all()
    assert table.loc["women_and_girls", "codes"] == (("sex", ("female",)),)
    assert table.loc["young_women_and_girls", "age_range"] == (0, 24)
    for nobody in ["lgbtiq_people", "slum_dwellers", "refugees_and_displaced_people"]:
        assert table.loc[nobody, "codes"] == () and table.loc[nobody, "age_range"] is None


def test_a_country_group_has_no_declared_figures():
    groups = taxonomy.groups_table(
        [{"id": "street_dwellers", "label": "Street dwellers", "dimension": "geographic_location"}]
    )
    row = disaggregation.group_breakdowns(groups).set_index("group").loc["street_dwellers"]
    assert row["codes"] == () and row["age_range"] is None
    assert row["reason"] == disaggregation.COUNTRY_GROUP_REASON


def test_which_rows_describe_a_group():
    rows = pd.DataFrame(
        {
            "sex": ["female", "female", "female", "male", "female", "bothsex"],
            "age": ["15_24", "allage", "15_49", "15_24", "lt5y", "65"],
        }
    )
    young_women = disaggregation.describes(rows, (("sex", ("female",)),), (0, 24))
    assert young_women.tolist() == [True, False, False, False, True, False]
    women = disaggregation.describes(rows, (("sex", ("female",)),), None)
    assert women.tolist() == [True, True, True, False, True, False]
    older = disaggregation.describes(rows, (), (60, 200))
    assert older.tolist() == [False, False, False, False, False, True]
    assert not disaggregation.describes(rows, (), None).any()


def test_reader_text_of_the_figures():
    assert disaggregation.breakdown_text((("sex", ("female",)),), (0, 24)) == (
        "sex: female, with an age band within 0 to 24 years"
    )
    assert disaggregation.breakdown_text((("quantile", ("q1", "b40")),), None) == (
        "income group: poorest quintile or bottom 40 per cent"
    )
    assert disaggregation.breakdown_text((), (60, 200)) == "an age band of 60 years and over"
    assert disaggregation.breakdown_text((), None) == "none"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_shows_the_declared_figures(chapter):
    text = (paths.BOOK / "methods" / chapter).read_text(encoding="utf-8")
    table = disaggregation.breakdown_markdown()
    assert table in text, (
        f"book/methods/{chapter} must show the groups' figures as declared in "
        f"data/taxonomy/lnob_groups.yaml; paste:\n{table}"
    )
    # One row per taxonomy group, so a group added to the taxonomy shows up in the chapter.
    assert table.count("\n| ") == len(taxonomy.groups_table())


@pytest.fixture
def fresh_specs():
    disaggregation._taxonomy_specs.cache_clear()
    yield
    disaggregation._taxonomy_specs.cache_clear()


def test_a_group_without_declared_figures_is_reported(monkeypatch, fresh_specs):
    broken = {
        "dimensions": {
            "sex": {
                "label": "Sex",
                "factors": [],
                "sdgdb": {"column": "sex"},
                "groups": {
                    "women_and_girls": {"label": "Women and girls"},
                    "lgbtiq_people": {
                        "label": "LGBTIQ+ people",
                        "sdgdb_breakdown": {"codes": {"gender": ["x"]}, "reason": "a reason"},
                    },
                },
            }
        }
    }
    monkeypatch.setattr(taxonomy, "groups_taxonomy", lambda: broken)
    with pytest.raises(InputError) as err:
        disaggregation.group_breakdowns()
    assert [(p.kind, p.column) for p in err.value.problems] == [
        ("missing-breakdown", "dimensions.*.groups.women_and_girls.sdgdb_breakdown"),
        ("unknown-column", "dimensions.*.groups.lgbtiq_people.sdgdb_breakdown.codes"),
    ]
    text = str(err.value)
    assert "declare which figures of the UN SDG database describe the group (or none)" in text
    assert "is not a breakdown column of the UN SDG database" in text and "'gender'" in text
