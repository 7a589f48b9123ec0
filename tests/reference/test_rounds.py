"""Stocktaking rounds as the folders declare them: what each stream's round is made of."""

from __future__ import annotations

import pytest

from lnob_methods.reference import provenance, rounds
from tests.helpers import ROOT


def _folder(tmp_path, declared):
    """Files a.csv, b.csv, c.csv declared with the given rounds (None: no round key)."""
    lines = ["files:"]
    for name, number in declared.items():
        (tmp_path / name).write_text("x\n", encoding="utf-8")
        lines.append(f"  {name}:\n    synthetic: true")
        if number is not None:
            lines.append(f"    round: {number}\n    round_date: '2027-0{number}-01'")
    (tmp_path / "provenance.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [tmp_path / n for n in declared]


def test_a_file_without_a_round_is_in_round_one(tmp_path):
    files = _folder(tmp_path, {"a.csv": None, "b.csv": 2})
    assert rounds.round_of(files) == {files[0]: 1, files[1]: 2}


def test_inventories_and_testimonies_accumulate(tmp_path):
    a, b, c = _folder(tmp_path, {"a.csv": None, "b.csv": 2, "c.csv": 3})
    assert rounds.select([a, b, c], "inventories") == [a, b, c]  # latest: 3
    assert rounds.select([a, b, c], "testimonies", 2) == [a, b]
    assert rounds.select([a, b, c], "inventories", 1) == [a]


def test_validation_and_conclusions_are_replaced(tmp_path):
    a, b, c = _folder(tmp_path, {"a.csv": None, "b.csv": 2, "c.csv": 2})
    assert rounds.select([a, b, c], "conclusions") == [b, c]
    assert rounds.select([a, b, c], "validation", 1) == [a]
    # Round 3 has no register of its own: the latest one up to 3 (round 2's) stands.
    assert rounds.select([a, b, c], "conclusions", 3) == [b, c]


def test_a_round_must_be_a_whole_number_from_one(tmp_path):
    (tmp_path / "provenance.yaml").write_text(
        "files:\n  a.csv:\n    synthetic: true\n    round: second\n", encoding="utf-8"
    )
    _, problems = provenance.read(tmp_path)
    assert [(p.kind, p.column, p.value) for p in problems] == [
        ("wrong-type", "a.csv: round", "second")
    ]


def test_unknown_stream():
    with pytest.raises(ValueError, match="unknown stream"):
        rounds.select([], "surveys")


def test_the_pilots_rounds():
    # KEN: round 1 from the demonstration generators, round 2 from lnob_methods.demo.rounds
    # (one inventory, one testimony export, one validation export and one conclusions
    # register); BGD has round 1 only.
    ken = rounds.country_rounds("KEN").set_index("round")
    assert list(ken.index) == [1, 2]
    assert ken.loc[2].to_dict() == {
        "date": "2027-03-01",
        "inventories": 1,
        "testimonies": 1,
        "validation": 1,
        "conclusions": 1,
    }
    assert rounds.latest_round("BGD") == 1
    assert rounds.latest_round("SEN") is None


def test_a_round_in_words():
    folder = ROOT / "data" / "countries" / "KEN" / "validation"
    second = [folder / "synthetic_validation_round2_kobo.xlsx"]
    assert rounds.round_words(second) == "round 2 of 2027-03-01"
    assert rounds.round_words([folder / "synthetic_validation_kobo.xlsx"]) == "round 1"
    assert rounds.round_words([folder / "synthetic_validation_kobo.xlsx", *second]) == (
        "rounds 1 and 2"
    )
    assert rounds.round_words([]) == ""
