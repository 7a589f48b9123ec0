"""What changed between two rounds: gaps closed and opened, conclusions completed, in words."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.analysis import changes, gaps


def _cells(rows):
    out = []
    for group, target, present in rows:
        cell = {"group": group, "label": group.title(), "target": target, "in_scope": True}
        cell.update({f"gap_{g}": g in present for g in gaps.GAP_CLASSES})
        out.append(cell)
    return pd.DataFrame(out)


def test_gaps_closed_and_opened_by_hand():
    before = _cells([("a", "1.1", {"absolute", "voices"}), ("b", "1.2", {"recency"})])
    after = _cells([("a", "1.1", {"voices"}), ("b", "1.2", {"quality"})])
    got = changes.gap_changes(before, after)
    assert list(zip(got["group"], got["target"], got["gap"], got["change"], strict=True)) == [
        ("a", "1.1", "absolute", "closed"),
        ("b", "1.2", "recency", "closed"),
        ("b", "1.2", "quality", "opened"),
    ]
    assert changes.gaps_sentence(got) == (
        "2 gaps closed and 1 gap opened between the two rounds (a cell can hold several gap "
        "classes)."
    )
    assert changes.gaps_sentence(got.iloc[:0]) == "No gap closed or opened between the two rounds."


def test_conclusions_completed():
    cols = ["conclusion_id", "decision", "what", "lead", "partners", "due", "status"]
    row = ["new_research", "w", "CARE", "", "2026-01-01"]
    before = pd.DataFrame([["K1", *row, "planned"], ["K2", *row, "done"]], columns=cols)
    after = pd.DataFrame(
        [["K1", *row, "done"], ["K2", *row, "done"], ["K3", *row, "planned"]], columns=cols
    )
    assert changes.conclusions_completed(before, after)["conclusion"].tolist() == ["K1"]


def test_the_rounds_chosen():
    assert changes.chosen_rounds([1, 2, 3]) == (2, 3)
    assert changes.chosen_rounds([1, 2, 3], round_to=2) == (1, 2)
    assert changes.chosen_rounds([1, 2, 3], round_from=1) == (1, 3)
    with pytest.raises(ValueError, match="round_to = 4 is not a round of this country"):
        changes.chosen_rounds([1, 2, 3], round_to=4)
    with pytest.raises(ValueError, match="must come before"):
        changes.chosen_rounds([1, 2, 3], round_from=3, round_to=2)


def test_honest_sentences_with_one_round_or_none():
    assert changes.compare("BGD")["sentence"] == (
        "Bangladesh has held one stocktaking round (round 1): this page compares two rounds, and "
        "will show what changed once a second round is recorded."
    )
    assert changes.compare("SEN")["sentence"] == (
        "Senegal has no stocktaking round recorded yet: there is nothing to compare."
    )


def test_kenya_second_round_closes_the_gaps_it_was_made_to_close():
    # lnob_methods.demo.rounds adds, in round 2, one recent high-quality survey for each of the
    # first four in-scope cells without any evidence in round 1 (Kenya has four of focus groups):
    # their absolute gaps close (the voices gap of a survey's cell stays: a survey is no
    # testimony). Its 64 round-2 testimonies add community voices: a voices gap closes too, and
    # none opens (testimonies accumulate). The round-2 register marks KEN-01 done.
    out = changes.compare("KEN")
    assert out["sentence"] == "Kenya has held rounds 1, 2: round 1 is compared with round 2."
    assert set(out["gaps"]["change"]) == {"closed"}
    assert sorted(out["gaps"]["gap"]) == ["absolute"] * 4 + ["voices"]
    assert out["gaps_sentence"].startswith("5 gaps closed and 0 gaps opened")
    assert (out["evidence"]["added"] > 0).all()
    assert out["completed"]["conclusion"].tolist() == ["KEN-01"]
    assert out["official"].empty  # the same official extract in both rounds
    # Testimonies accumulate: no group loses people, and every count shown is k or more.
    shown = out["testimonies"][["before", "after", "added"]].to_numpy().ravel()
    assert all(x == 0 or x >= 5 for x in shown if not pd.isna(x))
    assert (out["testimonies"]["added"].dropna() > 0).all()
    # Round 2's validation round (lnob_methods.demo.validation, round 2) asks the same ten items;
    # most people now dispute the third (slum dwellers) and no longer the second (disabilities).
    changed = out["judgements"][out["judgements"]["change"] == "changed"]
    assert changed["item"].tolist() == [
        "gap__persons_with_disabilities__10_2",
        "gap__slum_dwellers__10_2",
    ]
    assert changed["verdict after"].tolist() == ["confirmed", "disputed"]


def test_testimonies_added_hide_small_counts_and_what_would_give_them_back():
    # k = 5; the later count is the one the voices page publishes. a: 10 -> 16, 6 added: all
    # shown. b: 3 -> 9: 3 hidden, and 9 - 6 would give it back: the number added is hidden.
    # c: 8 -> 10: 2 added hidden, and 10 - 8 would give it back: the earlier count is hidden.
    # d: 0 -> 7: nothing to hide. f: 6 -> 12, but the voices page hides f's 12: 12 hidden here
    # too, and 6 + 6 would give it back: the number added is hidden. g: 2 -> 4: all small, all
    # hidden.
    # e: 12 -> 12: unchanged, not listed.
    before = pd.Series({"a": 10, "b": 3, "c": 8, "e": 12, "f": 6, "g": 2})
    after = pd.Series({"a": 16, "b": 9, "c": 10, "d": 7, "e": 12, "f": 12, "g": 4})
    got = changes.testimonies_added(before, after, k=5, hidden_after={"f"})
    rows = [
        tuple(None if pd.isna(x) else x for x in r)
        for r in got[["group", "before", "after", "added"]].itertuples(index=False)
    ]
    assert rows == [
        ("a", 10, 16, 6),
        ("b", None, 9, None),
        ("c", None, 10, None),
        ("f", 6, None, None),
        ("g", None, None, None),
        ("d", 0, 7, 7),
    ]


def test_judgement_changes_by_hand():
    before = pd.DataFrame(
        {"item": ["g1", "g2", "p1"], "verdict": ["disputed", "confirmed", "mixed"]}
    )
    after = pd.DataFrame(
        {"item": ["g2", "g1", "g3"], "verdict": ["disputed", "confirmed", "mixed"]}
    )
    got = changes.judgement_changes(before, after)
    assert got.values.tolist() == [
        ["g2", "confirmed", "disputed", "changed"],
        ["g1", "disputed", "confirmed", "changed"],
        ["g3", "", "mixed", "first asked"],
        ["p1", "mixed", "", "not asked again"],
    ]
    assert changes.judgements_sentence(got, 1, 2) == (
        "2 findings and proposals were put to the people asked in both rounds; 2 were judged "
        "differently in round 2 than in round 1. In round 2, 1 was put for the first time and 1 "
        "was not put again."
    )
    same = changes.judgement_changes(before, before)
    assert set(same["change"]) == {"same"}
    assert changes.judgements_sentence(same, 1, 2) == (
        "3 findings and proposals were put to the people asked in both rounds; each was judged "
        "as before."
    )
    assert changes.judgements_sentence(None, 1, 2).startswith(
        "The findings were not put to the people asked in both round 1 and round 2"
    )
