"""The content of the brief documents, worked out by hand on the evidence of tests/helpers."""

from __future__ import annotations

import pytest

from lnob_methods.analysis import brief_content as bc
from lnob_methods.analysis import ranking
from tests.helpers import evidence as fixture


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234.56, "1,235"), (12.34, "12"), (10, "10"), (4.44, "4.4"), (2.0, "2"), (0.456, "0.5"),
     (None, "–"), (float("nan"), "–")],
)  # fmt: skip
def test_numbers_are_rounded_for_reading(value, text):
    assert bc.number(value) == text


def test_shorten_cuts_at_a_word():
    assert bc.shorten("one two three", 20) == "one two three"
    assert bc.shorten("one two, three four", 12) == "one two…"


def test_focus_groups_furthest_behind():
    # Behind in the fixture: S4 (D, 33%), S1 (W, 25%); S2 and S0 are groups out of focus.
    table, in_focus = bc.focus_behind(fixture.country_evidence())
    assert in_focus
    assert table.to_dict("list") == {
        "group": ["Persons with disabilities", "Women and girls"],
        "measure": ["Four", "One"],
        "compared with": ["y", "women vs men"],
        "year": ["2017", "2020"],
        "value": ["66", "30"],
        "comparison value": ["99", "40"],
        "gap (%)": ["33", "25"],
    }


def test_without_focus_group_behind_the_largest_gaps_of_any_group():
    ce = fixture.country_evidence()
    ce.group_gaps = ce.group_gaps[~ce.group_gaps["group"].isin(fixture.FOCUS_GROUPS)]
    table, in_focus = bc.focus_behind(ce)
    assert not in_focus
    # S0 and S2 both rank at 0.5: the tie goes by series code (S0 before S2). S5's tiny rates
    # (0.9 % vs 0.1 %, relative gap 0.889) rank last by the ranking gap, 0.08.
    assert list(table["compared with"]) == [
        "poorest vs richest",
        "rural vs urban",
        "rural vs urban",
    ]
    assert table.attrs["gap"] == [50, 50, 89]


def test_knowledge_gaps_rank_as_the_gap_analysis():
    # Disaggregation gaps in scope: D×5.1 and W×10.2 (focus: 2 + 2) before E×10.2 (2); the tie
    # goes by group id (persons_with_disabilities before women_and_girls). The tiny country has
    # Kenya's code but no validation round of its own: ranked without community priority.
    ce = fixture.country_evidence()
    t = bc.knowledge_gaps(ce, ranked=ranking.country_ranking(ce, val=None).ranked)
    assert list(t["group"]) == ["Persons with disabilities", "Women and girls", "Ethnic minorities"]
    assert [s.split(" ")[0] for s in t["SDG target"]] == ["5.1", "10.2", "10.2"]
    assert t["SDG target"][1].startswith("10.2 By 2030, empower and promote")
    assert list(t["evidence items"]) == ["0", "1", "0"]
    assert set(t["what is missing"]) == {"no official figure describes the group"}


def test_overlaps_name_the_organisations():
    # Only D×10.2 has inventory evidence from two organisations (CARE:1, CARE:2, PLAN:1).
    t = bc.overlaps(fixture.country_evidence())
    assert list(t["group"]) == ["Persons with disabilities"]
    assert list(t["organisations"]) == ["2: CARE, Plan International"]


def test_build_orders_the_findings_by_brief():
    ce = fixture.country_evidence()
    prog, adv = bc.build(ce, "programme"), bc.build(ce, "advocacy")
    assert [f.heading for f in prog.findings][:2] == [
        "Who official data show furthest behind",
        "The main knowledge gaps",
    ]
    assert adv.findings[0].heading == "The data to press for"
    assert prog.summary.startswith("Persons with disabilities are furthest behind: four is 66")
    assert "of the 4 combinations of focus group and focus target, 2 have no programme" in (
        prog.summary.lower()
    )
    assert adv.summary.startswith(
        "The focus targets have 2 SDG indicators; 1 of them has no data for Kenya"
    )
    with pytest.raises(ValueError, match="unknown brief 'press'"):
        bc.build(ce, "press")


def test_the_briefs_end_with_the_open_conclusions():
    ce = fixture.country_evidence()
    last = bc.build(ce, "programme").findings[-1]
    assert last.heading == "Open conclusions of the in-country team"
    assert bc.build(ce, "advocacy").findings[-1].heading == last.heading
    # The fixture's country is Kenya. Its latest register is that of round 2
    # (lnob_methods.demo.rounds): KEN-01 and KEN-03 done, KEN-02 in progress, KEN-04 planned.
    assert last.table["due"].tolist() == ["2026-12-31", "2027-03-31"]
    assert last.table["status"].tolist() == ["in progress", "planned"]


def test_a_territory_without_focus_or_official_breakdowns_reads_honestly():
    # Christmas Island: no country configuration (so no research focus) and no series broken down
    # by group. The advocacy brief used to say "The focus targets have 0 SDG indicators; all of
    # them have data for Christmas Island".
    from lnob_methods.analysis import country_evidence

    brief = bc.build(country_evidence.assemble("CXR"), "advocacy")
    assert brief.summary.startswith(
        "No research focus is set, so no focus indicators are assessed. "
    ), brief.summary
    assert "0 SDG indicators" not in brief.summary and "all of them" not in brief.summary
