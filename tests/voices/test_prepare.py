"""The voices pipeline on the pilots' synthetic testimonies: consent, redaction, k, the gap map."""

from __future__ import annotations

import functools

import openpyxl
import pandas as pd
import pytest

from lnob_methods.analysis import country_evidence
from lnob_methods.demo.testimonies import canaries
from lnob_methods.voices import disclosure
from lnob_methods.voices import prepare as voices
from lnob_methods.voices.form import write_xlsform
from tests.helpers import ROOT
from tests.helpers.testimonies import canary_pattern

PILOTS = ["BGD", "KEN", "NPL", "VNM"]


@functools.cache
def _prepared(iso3, k=5):
    return voices.prepare(iso3, k=k)


def _published(v):
    """Every table a voices page shows or exports."""
    return {
        "accounting": voices.accounting_table(v),
        "redactions": voices.redaction_counts(v),
        "groups": voices.group_counts(v),
        "themes": voices.theme_by_group(v).reset_index(),
        "cooccurrence": voices.cooccurrence(v).reset_index(),
        "proposals": voices.proposals_by_theme(v),
        "quotes": voices.quotes(v, limit=40),
        "gap_cells": voices.gap_cells(v),
    }


@pytest.mark.parametrize("iso3", PILOTS)
@pytest.mark.parametrize("k", [5, 10])
def test_no_published_count_is_between_one_and_k_minus_one(iso3, k):
    v = _prepared(iso3, k)
    for name, table in _published(v).items():
        small = disclosure.small_counts(table, k)
        assert small.empty, f"{iso3} {name}: counts under {k} published:\n{small}"


@pytest.mark.parametrize("iso3", PILOTS)
def test_published_tables_hold_no_canary(iso3):
    v = _prepared(iso3)
    planted = canaries(iso3)
    assert len(planted) >= 10
    text = "\n".join(t.to_csv() for t in _published(v).values())
    text += "\n".join(v.used["story_text"]) + "\n".join(v.proposals["proposal_text"])
    text += "\n".join(v.coded["passage"])
    leaked = sorted({m[0] for m in canary_pattern(planted).finditer(text)})
    assert leaked == [], f"{iso3}: personal data left after redaction: {leaked}"
    # ... and the redaction log, which stays private, holds them: the redaction did the work.
    logged = set(v.redactions["original"])
    assert any(c in logged or any(c in x for x in logged) for c in planted)


@pytest.mark.parametrize("iso3", PILOTS)
def test_quotes_are_consented_and_their_tags_k_anonymous(iso3):
    v = _prepared(iso3)
    q = voices.quotes(v, limit=40)
    assert len(q) > 0
    by_tags = v.tags.groupby(["group", "sex", "age", "area"]).size()
    for rec in q.to_dict("records"):
        sex, age, area = rec["who"].split(", ")
        assert by_tags[(rec["group"], sex, age, area)] >= v.k, rec
    quotable = set(v.used.loc[v.used["publish"], "testimony_id"])
    passages = v.coded[v.coded["testimony_id"].isin(quotable)]["passage"]
    assert set(q["quote (redacted)"].str.rstrip("…")) <= {
        p[: len(x)] for p in passages for x in q["quote (redacted)"].str.rstrip("…")
    } | set(passages)
    not_quotable = v.coded[~v.coded["testimony_id"].isin(quotable)]["passage"]
    assert not set(q["quote (redacted)"]) & (set(not_quotable) - set(passages))


@pytest.mark.parametrize("iso3", PILOTS)
def test_every_testimony_read_is_accounted_for(iso3):
    v = _prepared(iso3)
    acc = dict(zip(v.accounting["status"], v.accounting["testimonies"], strict=True))
    assert acc["invalid row (see the validation problems)"] >= 1, "the demo has bad rows"
    assert acc["consent to use missing or ambiguous"] >= 1
    assert acc["no consent to publish (counted, never quoted)"] >= 1
    assert sum(acc.values()) >= 320
    assert len(v.used) == sum(
        n for s, n in acc.items() if s == "used and quotable" or "counted, never quoted" in s
    )
    assert v.problems, "the demo's bad rows are reported"


def test_private_files_stay_outside_the_book(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    v = voices.prepare("KEN", write_private=True)
    folder = tmp_path / "state" / "private" / "KEN"
    log = pd.read_csv(folder / "redaction_log.csv")
    assert len(log) == len(v.redactions) > 0
    assert set(log["kind"]) >= {"name", "phone", "place"}
    assert (folder / "problems.txt").read_text().count("\n") == len(v.problems)


def test_voices_feed_the_gap_map():
    ce = country_evidence.assemble("KEN")
    rows = ce.evidence[ce.evidence["stream"] == "voices"]
    assert len(rows) > 0
    assert set(rows["source_type"]) == {"community_voices"}
    v = _prepared("KEN")
    cells = voices.gap_cells(v)
    assert set(zip(rows["group"], rows["target"], strict=True)) == set(
        zip(cells["group"], cells["target"], strict=True)
    )
    cells_by_key = ce.cells.set_index(["group", "target"])
    for g, t in zip(rows["group"], rows["target"], strict=True):
        if (g, t) in cells_by_key.index:  # cells outside the country's rows are not in the table
            assert not cells_by_key.loc[(g, t), "gap_voices"], (g, t)
            assert cells_by_key.loc[(g, t), "n_community_voices"] >= 1


def test_a_country_without_testimonies_gives_empty_tables():
    v = voices.prepare("ETH")
    assert v.used.empty and v.accounting["testimonies"].sum() == 0
    for name, table in _published(v).items():
        assert disclosure.small_counts(table, v.k).empty, name
    # The programme brief asks for the focus groups' proposals (a KeyError before the fix).
    proposals = voices.proposals_by_theme(v, groups=["women_and_girls", "youth"])
    assert proposals.empty
    assert list(proposals.columns) == ["theme", "people proposing", "examples (redacted)"]


def test_k_below_two_is_refused():
    with pytest.raises(ValueError, match="at least 2"):
        voices.prepare("KEN", k=1)


def test_shipped_xlsform_is_generated_from_the_form(tmp_path):
    write_xlsform(tmp_path / "form.xlsx")
    assert (tmp_path / "form.xlsx").read_bytes() == (
        ROOT / "data" / "forms" / "testimony_xlsform.xlsx"
    ).read_bytes(), (
        "run python -m lnob_methods.voices.form --write data/forms/testimony_xlsform.xlsx"
    )
    survey = list(
        openpyxl.load_workbook(tmp_path / "form.xlsx")["survey"].iter_rows(values_only=True)
    )
    names = [r[1] for r in survey]
    for q in [
        "consent_use",
        "consent_publish",
        "caregiver_consent",
        "child_assent",
        "story_text",
        "proposal_text",
        "groups",
        "admin1",
        "age_band",
        "sex",
        "language",
    ]:
        assert q in names
    assert ("begin_repeat", "proposals") in [(r[0], r[1]) for r in survey]
    asked = [str(r[1]).lower() for r in survey[1:]]  # the first row is the header
    assert not [q for q in asked if q in {"name", "full_name", "phone", "email", "address"}]


def test_voices_states_hand_made():
    from lnob_methods.plots.voices import voices_states

    ev = pd.DataFrame(
        {
            "group": ["youth", "youth", "older_people", "women_and_girls"],
            "target": ["1.2", "1.3", "1.2", "4.1"],
            "stream": ["voices", "inventory", "voices", "official"],
        }
    )
    groups = pd.DataFrame({"group": ["youth", "older_people", "women_and_girls", "migrants"]})
    states = voices_states(ev, groups, [1, 4])
    # 0 both, 1 testimonies only, 2 other evidence only, 3 nothing
    assert states.to_dict("index") == {
        "youth": {1: 0, 4: 3},
        "older_people": {1: 1, 4: 3},
        "women_and_girls": {1: 3, 4: 2},
        "migrants": {1: 3, 4: 3},
    }


@pytest.mark.parametrize("iso3", PILOTS)
def test_group_counts_cannot_be_recovered_by_subtraction(iso3):
    table = voices.group_counts(_prepared(iso3))
    parts = table[["quotable", "counted only"]].isna()
    for row, hidden in zip(table.itertuples(), parts.sum(axis=1), strict=True):
        assert hidden != 1 or pd.isna(row.testimonies), row
    shown = table.dropna()
    assert (shown["quotable"] + shown["counted only"] == shown["testimonies"]).all()
    assert table["testimonies"].notna().sum() >= 5


@pytest.mark.parametrize("iso3", PILOTS)
def test_theme_counts_do_not_reveal_small_complements(iso3):
    v = _prepared(iso3)
    totals = dict(zip(*voices.group_counts(v)[["group", "testimonies"]].T.values, strict=True))
    table = voices.theme_by_group(v)
    for group in table.columns:
        total = totals[group]
        if pd.isna(total):
            continue
        rest = total - table[group].dropna()
        assert not ((rest >= 1) & (rest < v.k)).any(), (iso3, group)
    both = voices.cooccurrence(v)
    for a in both.index:
        diag = both.loc[a, a]
        if pd.isna(diag):
            continue
        rest = diag - both.loc[a].drop(a).dropna()
        assert not ((rest >= 1) & (rest < v.k)).any(), (iso3, a)


def test_long_table_hand_made():
    t = pd.DataFrame(
        {"a": pd.array([0, 7, pd.NA], dtype="Int64"), "b": pd.array([9, 0, 5], dtype="Int64")},
        index=["x", "y", "z"],
    )
    long = voices.long_table(t, "theme", "group")
    assert long.astype(object).where(long.notna(), None).values.tolist() == [
        ["x", "b", 9],
        ["y", "a", 7],
        ["z", "b", 5],
        ["z", "a", None],
    ]
    sym = pd.DataFrame([[9, 4], [4, 6]], index=["p", "q"], columns=["p", "q"])
    pairs = voices.long_table(sym, "theme", "with theme")
    assert pairs.values.tolist() == [["p", "q", 4]]


def test_proposals_by_theme_for_focus_groups():
    v = _prepared("KEN")
    everyone = voices.proposals_by_theme(v).set_index("theme")
    focus = voices.proposals_by_theme(v, groups=["persons_with_disabilities"]).set_index("theme")
    assert len(focus) > 0
    for theme, n in focus["people proposing"].dropna().items():
        assert n <= everyone.loc[theme, "people proposing"]
    assert disclosure.small_counts(focus.reset_index(), v.k).empty
    assert voices.proposals_by_theme(v, groups=["no_such_group"]).empty


def test_pages_say_which_streams_are_synthetic():
    assert country_evidence.assemble("KEN").data_label == (
        "synthetic inventories and synthetic testimonies"
    )
    assert country_evidence.assemble("ETH").data_label == "inventories"


def test_refused_files_are_named_for_the_console_without_their_content(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    good = ROOT / "data" / "countries" / "KEN" / "testimonies" / "synthetic_testimonies_kobo.xlsx"
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"Amina Otieno +254 700 000000")  # not a workbook; text that is personal
    nostory = tmp_path / "nostory.csv"
    nostory.write_text("_uuid,consent_use,consent_publish\nu1,yes,yes\n", encoding="utf-8")
    v = voices.prepare("KEN", files=[good, fake, nostory])
    lines = voices.refused_inputs(v)
    assert voices.refused_files(v) == 2, "the fake workbook and the file without a story column"
    # The CSV export has no proposals file beside it either: a third line, about that file.
    assert len(lines) == 3
    assert lines[0].startswith(f"testimony file refused: {fake}: cannot be read as an Excel")
    assert (
        f"testimony file refused: {nostory}: column 'story_text' is missing: "
        "export every question of the form."
    ) in lines
    assert any(
        line.startswith(f"testimony file refused: {nostory}:") and "proposals" in line
        for line in lines
    )
    assert not any("Amina" in line or "700" in line for line in lines)


def test_a_territory_without_testimonies_or_ocha_names_has_an_empty_voices_page():
    # Aland has no testimonies and no OCHA admin names: nothing to redact, so no place list is
    # needed (it used to stop the voices page and the programme brief with an error).
    v = voices.prepare("ALA", k=5, files=[])
    assert v.used.empty and v.proposals.empty


def test_the_published_tables_are_suppressed_once_and_handed_out_as_copies(monkeypatch):
    # Every voices page asks for the group and theme tables several times; their suppression
    # solves linear programs, so it runs once per prepared object. A caller that relabels its
    # table (theme_by_group does) must not change what the next caller gets.
    v = voices.prepare("KEN", k=5, files=voices.country_files("KEN"))
    calls = []
    real = disclosure.suppress_with_totals
    monkeypatch.setattr(
        disclosure, "suppress_with_totals", lambda *a, **kw: calls.append(1) or real(*a, **kw)
    )
    first = voices.theme_table(v)
    first.iloc[:, :] = 0
    first.columns = ["x"] * len(first.columns)
    again = voices.theme_table(v)
    assert calls == []  # computed when prepared
    assert list(again.columns) != list(first.columns)
    assert again.equals(voices.theme_table(v))
    assert voices.group_table(v).equals(voices.group_table(v))
    fresh = voices.prepare("KEN", k=5, files=voices.country_files("KEN"))
    assert voices.group_table(fresh).equals(voices.group_table(v))


def test_proposal_examples_one_per_quotable_person_first_passage_first():
    passages = [("a", "a first"), ("x", "x not quotable"), ("a", "a second"), ("b", "b only")]
    # "a"'s two passages share one rank: the first in table order is kept; "x" never shows.
    assert sorted(voices._examples(passages, {"a", "b"}, "theme", 5)) == ["a first", "b only"]
    assert voices._examples(passages, {"a"}, "theme", 5) == ["a first"]
    assert voices._examples(passages, {"a", "b"}, "theme", 1)[0] in ("a first", "b only")
    assert len(voices._examples(passages, {"a", "b"}, "theme", 1)) == 1
    assert voices._examples(passages, set(), "theme", 5) == []
