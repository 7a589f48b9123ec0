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
    # their absolute gaps close; nothing else changes class (the voices gap stays: a survey is
    # no testimony). The round-2 register marks KEN-01 done.
    out = changes.compare("KEN")
    assert out["sentence"] == "Kenya has held rounds 1, 2: round 1 is compared with round 2."
    assert set(out["gaps"]["change"]) == {"closed"}
    assert out["gaps"]["gap"].tolist() == ["absolute"] * 4
    assert out["gaps_sentence"].startswith("4 gaps closed and 0 gaps opened")
    assert out["evidence"]["added"].sum() == 4
    assert out["completed"]["conclusion"].tolist() == ["KEN-01"]
    assert out["official"].empty  # the same official extract in both rounds
