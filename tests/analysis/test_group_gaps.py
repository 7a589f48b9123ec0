"""Gaps between groups with the declared polarity of each series: known answers by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.analysis import group_gaps
from lnob_methods.reference import polarity, sdgdb

PEOPLE = dict.fromkeys(sdgdb.PEOPLE_COLUMNS, "")
PILOTS = ["BGD", "KEN", "NPL", "VNM"]


def _rows(*rows):
    return pd.DataFrame([{**PEOPLE, "other_disaggregations": "", **r} for r in rows])


def _pair(code, description, indicator, year, column, group_value, reference_value, codes):
    """Two rows of one series: the group's value and the comparison group's value."""
    common = {
        "series_code": code,
        "series_description": description,
        "indicator": indicator,
        "year": year,
    }
    return [
        {**common, column: codes[0], "value_num": group_value},
        {**common, column: codes[1], "value_num": reference_value},
    ]


UEMP = "[ILO] Proportion of unemployed persons receiving unemployment cash benefit, by sex (%)"


def test_viet_nam_women_with_higher_benefit_coverage_are_not_behind():
    # Viet Nam 2016: 56.7 % of unemployed women and 35.3 % of unemployed men receive the benefit.
    data = _rows(*_pair("SI_COV_UEMP", UEMP, "1.3.1", 2016, "sex", 56.7, 35.3, ("female", "male")))
    row = group_gaps.group_gaps(data).iloc[0]
    assert (row["group"], row["comparison"], row["target"]) == (
        "women_and_girls",
        "female vs male",
        "1.3",
    )
    assert row["gap"] == pytest.approx(21.4)  # 56.7 - 35.3
    assert row["relative_gap"] == pytest.approx(21.4 / 56.7)
    assert row["polarity"] == "higher_is_better"
    assert row["direction"] == "higher is better"
    assert bool(row["ranked"]) and not bool(row["group_behind"])


def test_lower_benefit_coverage_is_behind():
    data = _rows(*_pair("SI_COV_UEMP", UEMP, "1.3.1", 2016, "sex", 30.0, 40.0, ("female", "male")))
    assert bool(group_gaps.group_gaps(data).iloc[0]["group_behind"])


@pytest.mark.parametrize("code", ["SI_COV_UEMP", "SI_COV_POOR", "SI_COV_WKINJRY"])
def test_benefit_coverage_series_are_declared_higher_is_better(code):
    assert polarity.polarity_map()[code] == "higher_is_better"


def test_bribery_prevalence_is_worse_when_higher():
    assert polarity.polarity_map()["IU_COR_BRIB"] == "higher_is_worse"
    data = _rows(
        *_pair(
            "IU_COR_BRIB",
            "Prevalence rate of bribery, by sex (%)",
            "16.5.1",
            2019,
            "sex",
            25.0,
            20.0,
            ("female", "male"),
        )
    )
    row = group_gaps.group_gaps(data).iloc[0]
    assert row["direction"] == "higher is worse"
    assert bool(row["group_behind"])  # 25 % of women met a bribe, 20 % of men
    assert row["relative_gap"] == pytest.approx(5 / 25)


def test_a_series_without_polarity_is_listed_but_not_ranked():
    # The description reads like mortality, but nobody declared the series: it is not ranked.
    data = _rows(
        *_pair(
            "ZZ_NOT_DECLARED",
            "Under-five mortality rate",
            "3.2.1",
            2020,
            "location",
            60.0,
            20.0,
            ("rural", "urban"),
        )
    )
    out = group_gaps.group_gaps(data)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["group"] == "rural_population" and pd.isna(row["polarity"])
    assert row["direction"] == "not ranked: no direction declared"
    assert not bool(row["ranked"]) and not bool(row["group_behind"])
    assert row["gap"] == 40.0  # still reported


def test_a_count_of_deaths_has_no_direction():
    assert polarity.polarity_map()["SH_DYN_MORTN"] == "no_direction"
    data = _rows(
        *_pair(
            "SH_DYN_MORTN",
            "Under-five deaths (number)",
            "3.2.1",
            2021,
            "sex",
            900.0,
            1000.0,
            ("female", "male"),
        )
    )
    row = group_gaps.group_gaps(data).iloc[0]
    assert row["direction"] == "not ranked: a higher value is neither better nor worse"
    assert not bool(row["ranked"]) and not bool(row["group_behind"])


def test_direction_and_latest_common_year_with_a_declared_table(tmp_path):
    table = tmp_path / "polarity.csv"
    table.write_text(
        "series_code,polarity,reason\n"
        "M,higher_is_worse,deaths per 1000 births\n"
        "C,higher_is_better,completion rate\n"
        "P,higher_is_better,parity index\n"
    )
    mortality, completion, parity = (
        "Under-five mortality rate",
        "Completion rate",
        "Gender parity index for completion",
    )
    data = _rows(
        # rural 30 vs urban 20 in 2019, the latest year with both; 2021 has rural only
        *_pair("M", mortality, "3.2.1", 2019, "location", 30.0, 20.0, ("rural", "urban")),
        {
            "series_code": "M",
            "series_description": mortality,
            "indicator": "3.2.1",
            "year": 2021,
            "location": "rural",
            "value_num": 25.0,
        },
        # female 60 vs male 80: higher is better, so women are behind
        *_pair("C", completion, "4.1.2", 2020, "sex", 60.0, 80.0, ("female", "male")),
        *_pair("P", parity, "4.1.2", 2020, "sex", 0.9, 1.0, ("female", "male")),
    )
    out = group_gaps.group_gaps(data, polarity_file=table).set_index("series_code")
    assert "P" not in out.index, "parity indices are not compared again"
    m = out.loc["M"]
    assert (m["group"], m["year"], m["value"], m["reference_value"]) == (
        "rural_population",
        2019,
        30.0,
        20.0,
    )
    assert m["direction"] == "higher is worse" and bool(m["group_behind"])
    assert m["relative_gap"] == pytest.approx(10 / 30)
    c = out.loc["C"]
    assert c["group"] == "women_and_girls" and bool(c["group_behind"])
    assert c["target"] == "4.1" and c["relative_gap"] == pytest.approx(0.25)


@pytest.mark.parametrize("iso3", PILOTS)
def test_every_series_compared_for_a_pilot_has_a_declared_polarity(iso3):
    # What reaches the pages: every series group_gaps returns for the pilot (all years).
    seen = set(group_gaps.group_gaps(sdgdb.country_data(iso3))["series_code"])
    assert seen, "the pilot has comparisons"
    undeclared = sorted(seen - set(polarity.polarity_map()))
    assert not undeclared, f"declare these in data/taxonomy/series_polarity.csv: {undeclared}"


@pytest.mark.slow
def test_every_series_with_a_comparison_anywhere_has_a_declared_polarity():
    # Any country can be run (`lnob run --country all`): every series with both values of a
    # comparison for some country and year (a superset of what group_gaps pairs) is declared.
    import pyarrow.parquet as pq

    columns = ["iso3", "series_code", "year", "value", *{c for _, c, *_ in group_gaps.COMPARISONS}]
    table = pq.read_table(sdgdb.ensure_cache(), columns=columns).to_pandas()
    table = table[pd.to_numeric(table["value"], errors="coerce").notna()]
    seen = set()
    for _, column, code, reference, _ in group_gaps.COMPARISONS:
        pairs = table[table[column].isin([code, reference])]
        both = pairs.groupby(["series_code", "iso3", "year"])[column].nunique()
        seen |= set(both[both == 2].index.get_level_values("series_code"))
    described = sdgdb.series_indicators()
    parity = described.loc[
        described["series_description"].str.contains("parity index", case=False), "series_code"
    ]
    seen = (seen & set(described["series_code"])) - set(parity)
    undeclared = sorted(seen - set(polarity.polarity_map()))
    assert not undeclared, f"declare these in data/taxonomy/series_polarity.csv: {undeclared}"


def test_the_page_lists_the_comparisons_not_ranked_with_the_reason():
    from types import SimpleNamespace

    from lnob_methods.analysis import briefs

    data = _rows(
        *_pair(
            "SH_DYN_MORTN",
            "Under-five deaths (number)",
            "3.2.1",
            2021,
            "sex",
            900.0,
            1000.0,
            ("female", "male"),
        ),
        *_pair("ZZ_NOT_DECLARED", "Something", "3.2.1", 2021, "sex", 1.0, 2.0, ("female", "male")),
        *_pair("SI_COV_UEMP", UEMP, "1.3.1", 2016, "sex", 56.7, 35.3, ("female", "male")),
    )
    shown = briefs.not_ranked(SimpleNamespace(group_gaps=group_gaps.group_gaps(data)))
    assert shown["series"].tolist() == ["Under-five deaths (number)", "Something"]
    assert shown["why"].iloc[0].startswith("a count of under-five deaths")
    assert shown["why"].iloc[1] == "no direction declared"
    assert shown[["group value", "comparison value"]].values.tolist() == [
        [900.0, 1000.0],
        [1.0, 2.0],
    ]


CPLR = "Completion rate, by sex, location, wealth quintile and education level (%)"


def _levels(year, column, levels, **fixed):
    """Rows of the completion rate by quintile: {level: (poorest value, richest value)}."""
    out = []
    for level, (q1, q5) in levels.items():
        for pair in _pair("SE_TOT_CPLR", CPLR, "4.1.2", year, "quantile", q1, q5, ("q1", "q5")):
            out.append({**pair, column: level, **fixed})
    return out


def test_the_education_level_shown_is_the_preferred_one_not_the_last_in_sort_order():
    # 2019, three levels: sort order would pick upper secondary (the last code, "uppsec"); the
    # table of preferred breakdowns names lower secondary first.
    data = _rows(
        *_levels(
            2019,
            "education_level",
            {"primar": (60.0, 90.0), "lowsec": (40.0, 80.0), "uppsec": (20.0, 70.0)},
        )
    )
    out = group_gaps.group_gaps(data)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["breakdown"] == "education level: lower secondary"
    # For machines the same in the database's codes; empty people columns are left out.
    assert row["breakdown_codes"] == "education_level=lowsec"
    assert (row["value"], row["reference_value"], row["gap"]) == (40.0, 80.0, -40.0)


def test_the_latest_year_comes_before_the_preferred_level():
    # Lower secondary only up to 2019; primary in 2021: the latest year wins, and is named.
    data = _rows(
        *_levels(2019, "education_level", {"lowsec": (40.0, 80.0)}),
        *_levels(2021, "education_level", {"primar": (70.0, 95.0)}),
    )
    row = group_gaps.group_gaps(data).iloc[0]
    assert (row["year"], row["breakdown"], row["value"]) == (2021, "education level: primary", 70.0)


def test_the_total_comes_before_any_level():
    # Both sexes together (a total) and girls alone in the same year: the total is shown.
    data = _rows(
        *_levels(2019, "sex", {"bothsex": (50.0, 85.0), "female": (45.0, 86.0)}),
    )
    row = group_gaps.group_gaps(data).iloc[0]
    assert (row["breakdown"], row["value"]) == ("none", 50.0)
    assert row["breakdown_codes"] == "sex=bothsex"  # the total is named in codes


def test_levels_no_rule_separates_are_all_shown_and_named():
    # Two skills of SE_ADT_ACTS in one year, at equal totals, neither in the table: both kept.
    desc = "Proportion of youth and adults with ICT skills, by sex and type of skill (%)"
    data = _rows(
        *[
            {**r, "other_disaggregations": skill}
            for skill, (f, m) in [
                ("type_of_skill=email", (28.0, 37.5)),
                ("type_of_skill=soft", (19.0, 25.0)),
            ]
            for r in _pair("SE_ADT_ACTS", desc, "4.4.1", 2021, "sex", f, m, ("female", "male"))
        ]
    )
    out = group_gaps.group_gaps(data)
    # Named in words from data/taxonomy/breakdown_labels.csv, listed in the order of the names.
    assert out["breakdown"].tolist() == [
        "type of skill: finding, downloading and installing software",
        "type of skill: sending e-mails with attachments",
    ]
    assert out["value"].tolist() == [19.0, 28.0]


STUNTING = "Proportion of children moderately or severely stunted (%)"


@pytest.mark.parametrize(
    ("age", "named"),
    [
        ("lt5y", "age: under 5 years"),
        ("lt1m", "age: under 1 month"),
        ("m12t23", "age: 12-23 months"),
        ("15_24", "age: 15-24 years"),
        ("65", "age: 65 years and over"),
    ],
)
def test_age_bands_are_named_in_words(age, named):
    data = _rows(
        *[
            {**r, "age": age}
            for r in _pair(
                "SH_STA_STNT", STUNTING, "2.2.1", 2020, "sex", 30.0, 20.0, ("female", "male")
            )
        ]
    )
    assert group_gaps.group_gaps(data).iloc[0]["breakdown"] == named


POVERTY = "Proportion of population below international poverty line (%)"
WATER = "Proportion of population using safely managed drinking water services, by urban/rural (%)"


def test_a_ratio_of_two_tiny_rates_does_not_dominate_the_ranking():
    # Viet Nam 2020: 0.945 % of rural and 0.146 % of urban people below the poverty line;
    # 2022: 46.4 % of rural and 75.8 % of urban people with safely managed water.
    data = _rows(
        *_pair("SI_POV_DAY1", POVERTY, "1.1.1", 2020, "location", 0.945, 0.146, ("rural", "urban")),
        *_pair("SH_H2O_SAFE", WATER, "6.1.1", 2022, "location", 46.4, 75.8, ("rural", "urban")),
    )
    out = group_gaps.group_gaps(data).set_index("series_code")
    poverty, water = out.loc["SI_POV_DAY1"], out.loc["SH_H2O_SAFE"]
    # Relative gaps: 0.799 / 0.945 = 0.8455 against 29.4 / 75.8 = 0.3879: poverty would lead.
    assert poverty["relative_gap"] == pytest.approx(0.799 / 0.945)
    assert water["relative_gap"] == pytest.approx(29.4 / 75.8)
    # The floor: the larger percentage counts as at least 10 %, so poverty ranks by 0.799 / 10.
    assert poverty["ranking_gap"] == pytest.approx(0.0799)
    assert water["ranking_gap"] == pytest.approx(0.38786, abs=1e-5)
    assert bool(poverty["percent"]) and bool(water["percent"])


def test_the_floor_applies_to_every_rate_on_its_own_scale():
    # Maternal deaths per 100,000 live births, 3 against 1: a rate per 100,000, so the larger
    # value counts as at least 10 % of 100,000 = 10,000: 2 / 10,000. Without the floor, 2 / 3
    # would rank this pair of tiny rates above a gap of tens of points.
    desc = "Maternal mortality ratio (per 100,000 live births)"
    data = _rows(
        *_pair("SH_STA_MORT", desc, "3.1.1", 2020, "location", 3.0, 1.0, ("rural", "urban"))
    )
    row = group_gaps.group_gaps(data).iloc[0]
    assert not bool(row["percent"])
    assert row["relative_gap"] == pytest.approx(2 / 3)
    assert row["ranking_gap"] == pytest.approx(2 / 10_000)
    # Kenya 2021: 1.0 against 0.5 new HIV infections per 1,000 uninfected: 0.5 / 100 = 0.005.
    assert group_gaps.ranking_gap(1.0, 0.5, 1000) == pytest.approx(0.005)
    assert group_gaps.ranking_gap(3.0, 1.0, 100) == pytest.approx(0.2)  # a percentage: 2 / 10
    assert group_gaps.ranking_gap(3.0, 1.0, None) == pytest.approx(2 / 3)  # a count: no floor
    assert group_gaps.ranking_gap(0.0, 0.0, None) == 0.0


def test_the_scale_of_a_rate_comes_from_its_unit_or_description():
    assert group_gaps.rate_scale("per_1000_uninfected_pop") == 1000
    assert group_gaps.rate_scale("per_10000_pop") == 10_000
    assert group_gaps.rate_scale("percent") == 100
    assert group_gaps.rate_scale("number", "Number of victims") is None
    assert group_gaps.rate_scale("", "Deaths (per 100,000 population)") == 100_000


def test_levels_shown_apart_count_once_as_a_comparison():
    table = pd.DataFrame(
        {
            "series_code": ["SE_ADT_ACTS", "SE_ADT_ACTS", "SE_ADT_ACTS", "SI_POV_DAY1"],
            "comparison": ["female vs male", "female vs male", "rural vs urban", "rural vs urban"],
        }
    )
    # Two skills of one series and sex comparison count once; its area comparison and the
    # poverty series count once each: 3.
    assert group_gaps.n_comparisons(table) == 3
    assert group_gaps.n_comparisons(table.iloc[:0]) == 0


def test_a_country_without_breakdowns_keeps_every_column_when_filtered():
    # A territory whose only series has no value for any group (Aland, Bouvet Island...): no
    # comparison at all. Filtering the empty table by "group behind" must keep its columns, as
    # the pages do (an untyped empty mask selects columns and loses them all).
    data = _rows(
        {
            "series_code": "SI_POV_DAY1",
            "series_description": "Poverty (%)",
            "indicator": "1.1.1",
            "year": 2020,
            "value_num": 1.0,
        }
    )
    gaps = group_gaps.group_gaps(data)
    assert gaps.empty
    behind = gaps[gaps["group_behind"]]
    assert list(behind.columns) == list(gaps.columns)
    assert "ranking_gap" in behind.columns and group_gaps.n_comparisons(behind) == 0
