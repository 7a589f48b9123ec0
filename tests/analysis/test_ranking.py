"""The country's ranking: community priority in the score only when it can be counted."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from lnob_methods.analysis import brief_content, country_evidence, gaps, ranking, validation_items
from lnob_methods.core import paths
from lnob_methods.reference.countries import Country
from lnob_methods.voices import validation
from lnob_methods.voices.validation_form import PRIORITY, gap_code


def _cells(*rows):
    """In-scope cells from (group, target, gap classes present)."""
    out = []
    for group, target, present in rows:
        cell = {
            "group": group,
            "label": f"Group {group.upper()}",
            "dimension": "d",
            "target": target,
            "n_items": 0,
            "focus_group": False,
            "in_focus": False,
            "in_scope": True,
        }
        cell.update({f"gap_{g}": g in present for g in gaps.GAP_CLASSES})
        out.append(cell)
    return pd.DataFrame(out)


# a: absolute 3 + recency 1 = 4.0
# b: absolute 3 + severity 2 x 0.3 = 3.6
# c: disaggregation 2 = 2.0
CELLS = _cells(
    ("a", "1.1", {"absolute", "recency"}),
    ("b", "1.1", {"absolute"}),
    ("c", "1.1", {"disaggregation"}),
)
SEVERITY = gaps.severity(pd.DataFrame({"group": ["b"], "target": ["1.1"], "ranking_gap": [0.3]}))
PLACE = Country(iso3="KEN", name="Kenya")
A, B, C = gap_code("a", "1.1"), gap_code("b", "1.1"), gap_code("c", "1.1")


def _ce():
    return SimpleNamespace(place=PLACE, cells=CELLS, severity=lambda: SEVERITY)


def _val(picks: list[tuple[str, ...]], k: int = 5) -> validation.Validation:
    used = pd.DataFrame({PRIORITY: picks})
    return validation.Validation(PLACE, k, [], [], pd.DataFrame(), used, [A, B, C])


# Ten people counted: b chosen by 6 (60 %), c by 4 (fewer than k = 5: counts 0), a by 2 (0).
TEN = [(B, C)] * 4 + [(B,)] * 2 + [(A,)] * 2 + [()] * 2


def _order(r) -> list[str]:
    return list(r.ranked["group"])


def test_a_gap_chosen_by_most_people_moves_above_a_slightly_higher_score():
    plain = ranking.country_ranking(_ce(), val=None)
    assert plain.status == ranking.NO_ROUND and "community" not in plain.ranked
    assert list(zip(plain.ranked["group"], plain.ranked["score"], strict=True)) == [
        ("a", 4.0),
        ("b", 3.6),
        ("c", 2.0),
    ]
    r = ranking.country_ranking(_ce(), val=_val(TEN))
    assert r.status == ranking.INCLUDED and r.weights["community"] == 1.0
    # b: 3.6 + 1 x 0.6 = 4.2 goes above a (4.0); c chosen by only 4 people counts 0.
    got = list(zip(r.ranked["group"], r.ranked["community"], r.ranked["score"], strict=True))
    assert got == [("b", 0.6, 4.2), ("a", 0.0, 4.0), ("c", 0.0, 2.0)]
    assert list(r.plain["group"]) == ["a", "b", "c"]
    # The weight is a parameter: 0.25 x 0.6 = 0.15 leaves b (3.75) below a.
    light = ranking.country_ranking(_ce(), w_community=0.25, val=_val(TEN))
    assert _order(light) == ["a", "b", "c"]
    assert light.ranked.set_index("group").loc["b", "score"] == 3.75


def test_a_gap_chosen_by_exactly_k_people_counts():
    five = [(B, C)] * 5 + [(B,)] + [()] * 4  # c chosen by 5 of 10: 0.5
    r = ranking.country_ranking(_ce(), val=_val(five))
    assert r.ranked.set_index("group").loc["c", "score"] == 2.5


@pytest.mark.parametrize(
    ("w", "picks", "status"),
    [(0.0, TEN, ranking.WEIGHT_ZERO), (1.0, [(B,)] * 4, ranking.TOO_FEW)],
)
def test_weight_zero_or_fewer_than_k_responses_give_the_plain_order(w, picks, status):
    r = ranking.country_ranking(_ce(), w_community=w, val=_val(picks))
    assert r.status == status
    assert _order(r) == ["a", "b", "c"] and "community" not in r.ranked
    assert "community" not in r.weights
    assert ranking.moved(r, 1) == ([], [])


def test_each_case_has_its_sentence():
    name = "Kenya"
    included = ranking.ranking_sentence(ranking.country_ranking(_ce(), val=_val(TEN)), name)
    assert included.startswith("The ranking includes community priority, with weight 1:")
    assert "fewer than 5 people counts 0" in included
    none = ranking.ranking_sentence(ranking.country_ranking(_ce(), val=None), name)
    assert none == (
        "The ranking does not include community priority: no community validation round has "
        "been recorded for Kenya yet."
    )
    few = ranking.country_ranking(_ce(), val=_val([(B,)] * 4))
    assert "fewer than 5 people's answers could be counted" in ranking.ranking_sentence(few, name)
    zero = ranking.country_ranking(_ce(), w_community=0, val=_val(TEN))
    assert "its weight is set to 0" in ranking.ranking_sentence(zero, name)


def test_moved_names_what_community_priority_changed_in_the_top():
    r = ranking.country_ranking(_ce(), val=_val(TEN))
    assert ranking.moved(r, 1) == (["Group B × SDG 1.1"], ["Group A × SDG 1.1"])
    assert ranking.moved_sentence(r, 1) == (
        "Compared with the ranking without it, community priority brings Group B × SDG 1.1 into "
        "the top 1 and moves Group A × SDG 1.1 out of it."
    )
    assert ranking.moved_sentence(r, 2) == (
        "Community priority changes the order within the top 2 but brings no gap into it and "
        "pushes none out."
    )


def test_the_sensitivity_moves_the_community_weight_too():
    r = ranking.country_ranking(_ce(), val=_val(TEN))
    table = ranking.sensitivity(_ce(), r, top=1).set_index(["weight", "to"])
    # Community weight 0.5: b = 3.6 + 0.3 = 3.9 < 4.0, a is back on top; 1.5: b = 4.5 stays.
    assert table.loc[("community", 0.5), "entering"] == "Group A × SDG 1.1"
    assert table.loc[("community", 0.5), "leaving"] == "Group B × SDG 1.1"
    assert table.loc[("community", 1.5), "kept from the baseline top"] == 1


def test_the_top_table_shows_the_share_chosen():
    r = ranking.country_ranking(_ce(), val=_val(TEN))
    table = gaps.top_table(r.ranked, 3)
    assert table[gaps.COMMUNITY_COLUMN].tolist() == ["60%", "", ""]
    assert gaps.COMMUNITY_COLUMN not in gaps.top_table(r.plain, 3)


def test_kenya_briefs_form_and_page_share_one_ranking():
    # Kenya has a (synthetic) validation round: its ranking includes community priority, and
    # the briefs and the validation form take their top gaps from it, not from the plain one.
    ce = country_evidence.assemble("KEN")
    r = ranking.country_ranking(ce)
    assert r.includes_community
    gap_cells = r.ranked[r.ranked[gaps.GAP_CLASSES].sum(axis=1) > 0]
    brief = brief_content.knowledge_gaps(ce)
    assert list(brief["group"]) == list(gap_cells["label"].head(len(brief)))
    items = validation_items.findings(ce, None)
    assert [i.code for i in items] == [
        gap_code(g, t) for g, t in zip(r.ranked["group"], r.ranked["target"], strict=True)
    ][: validation_items.N_GAPS]


def test_no_module_ranks_gaps_on_its_own():
    # One function ranks a country's gaps (ranking.country_ranking); only gaps.py (the score)
    # and ranking.py call the score directly.
    root = paths.ROOT / "lnob_methods"
    callers = {
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if re.search(r"gaps\.priority\(", p.read_text(encoding="utf-8"))
    }
    assert callers <= {"analysis/ranking.py"}, callers
    notebooks = [
        p.name
        for p in Path(paths.ROOT, "notebooks").glob("*.md")
        if "gaps.priority(" in p.read_text(encoding="utf-8")
    ]
    assert notebooks == []
