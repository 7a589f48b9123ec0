"""Community validation responses: consent, exclusions, verdicts and suppression worked by hand."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import validation_items
from lnob_methods.voices import validation

A = "gap__youth__10_2"
B = "proposal__health_care"
HEADER = [
    "consent/consent_use",
    "consent/consent_publish",
    "respondent/age_band",
    "respondent/language",
    "child_consent/caregiver_consent",
    "child_consent/child_assent",
    f"findings/j_{A}",
    f"findings/j_{B}",
    "priorities/top_three",
    "your_words/correction",
    "_uuid",
    "_submission_time",
]
# id, consent_use, consent_publish, age, caregiver, assent, judge A, judge B, top three, correction
ROWS = [
    (
        "r1",
        "yes",
        "yes",
        "25_34",
        "",
        "",
        "disagree",
        "agree",
        f"{A} {B}",
        "My name is Wanjiru Atieno.",
    ),
    ("r2", "yes", "yes", "25_34", "", "", "disagree", "agree", A, ""),
    ("r3", "yes", "no", "35_59", "", "", "disagree", "partly", B, ""),
    ("r4", "yes", "yes", "18_24", "", "", "agree", "agree", A, ""),
    ("r5", "yes", "yes", "60_plus", "", "", "partly", "dont_know", "", ""),
    # no consent: its answers would turn A from disputed to mixed if they were counted
    ("r6", "no", "yes", "25_34", "", "", "agree", "agree", f"{A} {B}", ""),
    # a child whose own assent is refused
    ("r7", "yes", "yes", "15_17", "yes", "no", "agree", "agree", A, ""),
    # consent to use left blank: ambiguous
    ("r8", "", "yes", "25_34", "", "", "agree", "agree", A, ""),
    # a misspelt answer: excluded and located
    ("r9", "yes", "yes", "25_34", "", "", "agre", "agree", A, ""),
    # the first submission exported twice
    ("r1", "yes", "yes", "25_34", "", "", "disagree", "agree", f"{A} {B}", ""),
]


def _export(tmp_path, rows=ROWS):
    lines = [",".join(HEADER)]
    for rid, cu, cp, age, cg, ca, ja, jb, top, corr in rows:
        lines.append(",".join([cu, cp, age, "en", cg, ca, ja, jb, top, corr, rid, "2026-03-01"]))
    path = tmp_path / "responses.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _val(tmp_path, k=3, rows=ROWS):
    return validation.prepare("KEN", k=k, files=[_export(tmp_path, rows)])


def test_only_consented_responses_are_counted(tmp_path):
    val = _val(tmp_path)
    assert sorted(val.used["response_id"]) == ["r1", "r2", "r3", "r4", "r5"]
    exact = dict(zip(val.accounting["status"], val.accounting["responses"], strict=True))
    assert exact == {
        validation.EXCLUDED_INVALID: 1,  # r9
        validation.EXCLUDED_DUPLICATE: 1,  # the second r1
        "no consent to use": 1,  # r6
        "consent to use missing or ambiguous": 1,  # r8
        "child: caregiver consent missing, ambiguous or refused": 0,
        "child: assent missing, ambiguous or refused": 1,  # r7
        validation.USED: 5,
    }


def test_a_response_without_consent_is_never_read(tmp_path):
    # r6 refuses consent and has a misspelt answer: nothing of it is read, so no problem either.
    rows = [*ROWS[:5], ("r6", "no", "yes", "25_34", "", "", "agre", "nonsense", "x y z w", "")]
    val = _val(tmp_path, rows=rows)
    assert val.problems == []
    assert "r6" not in set(val.used["response_id"])
    assert validation.judgement_counts(val).loc[A, "agree"] == 1  # r4 only


def test_problems_are_located(tmp_path):
    val = _val(tmp_path)
    found = {(p.kind, p.row, p.column, p.value) for p in val.problems}
    # Row numbers are those a spreadsheet user sees: the header is row 1.
    assert found == {
        ("near-miss", 10, f"j_{A}", "agre"),
        ("duplicate-id", 11, "_uuid", "r1"),
    }
    near = next(p for p in val.problems if p.kind == "near-miss")
    assert "Did you mean 'agree'?" in near.message


def test_disputed_finding_and_suppression_by_hand(tmp_path):
    table = validation.judgement_table(_val(tmp_path)).set_index("item")
    # A: agree 1 (r4), partly 1 (r5), disagree 3 (r1-r3) of 5 people: 3 > 5/2, disputed.
    # With k = 3 the two 1s are hidden; shown beside 3, 0 and the total 5 they would add up to
    # 2, so each lies in [0, 2], narrower than k: the audited suppression hides the 3 too. The
    # verdict is made from the true counts, before suppression.
    a = table.loc[A]
    assert pd.isna(a["agree"]) and pd.isna(a["partly"]) and pd.isna(a["disagree"])
    assert a["dont_know"] == 0
    assert a["verdict"] == "disputed"
    # B: agree 3, partly 1, don't know 1: judged 4, agreed by 3 > 4/2, confirmed. The two 1s
    # would lie in [0, 2] beside 3, 0 and the total 5: the 3 is hidden too, the total shown.
    b = table.loc[B]
    assert pd.isna(b["agree"]) and pd.isna(b["partly"]) and pd.isna(b["dont_know"])
    assert (b["disagree"], b["people asked"]) == (0, 5)
    assert b["verdict"] == "confirmed"
    # Chosen among three: A by r1, r2, r4 (3, shown); B by r1, r3 (2, hidden).
    assert a["chose it among three"] == 3
    assert pd.isna(b["chose it among three"])


def test_verdicts_are_those_of_the_published_table_without_its_counts(tmp_path):
    # A: disagree 3 of 5 judged (disputed); B: agree 3 of 4 judged (confirmed): worked above.
    table = validation.verdicts(_val(tmp_path))
    assert list(table.columns) == ["item", "verdict"]
    assert dict(zip(table["item"], table["verdict"], strict=True)) == {
        A: "disputed",
        B: "confirmed",
    }
    # With k = 5, B's 4 judged answers are too few to say; A's 5 are enough.
    wider = validation.verdicts(_val(tmp_path, k=5)).set_index("item")["verdict"]
    assert (wider[A], wider[B]) == ("disputed", "too few answers to say")
    assert validation_items.disputed(_val(tmp_path)) == [A]
    assert validation_items.disputed(_val(tmp_path, rows=ROWS[3:5])) == []


def test_no_round_has_no_verdicts(tmp_path):
    val = validation.prepare("KEN", k=5, files=[])
    assert validation.verdicts(val).empty
    assert validation_items.disputed(val) == []


def test_one_hidden_count_in_a_row_hides_a_second(tmp_path):
    # A row with a single small count (partly 1) beside its total: a second count is hidden.
    rows = [
        (f"p{i}", "yes", "yes", "25_34", "", "", "agree" if i < 4 else "partly", "agree", "", "")
        for i in range(5)
    ]
    row = validation.judgement_table(_val(tmp_path, rows=rows)).set_index("item").loc[A]
    # agree 4, partly 1: partly is hidden, and so is agree (4 = 5 - 1 would give it back).
    assert pd.isna(row["partly"]) and pd.isna(row["agree"])
    assert row["people asked"] == 5


def test_community_priority_share_by_hand(tmp_path):
    share = validation.community_priority(_val(tmp_path))
    assert share[A] == 3 / 5  # 3 of the 5 people counted chose it
    assert share[B] == 0.0  # chosen by 2 < k: counts nothing, gives nothing back


def test_corrections_are_redacted(tmp_path):
    val = _val(tmp_path)
    text = val.used.set_index("response_id").loc["r1", "correction"]
    assert "Wanjiru" not in text and "[name]" in text


def test_verdict_rule_by_hand():
    assert validation.verdict(2, 1, 6, k=5) == "disputed"  # 6 of 9
    assert validation.verdict(5, 0, 5, k=5) == "mixed"  # half is not most
    assert validation.verdict(3, 1, 1, k=5) == "confirmed"  # 3 of 5
    assert validation.verdict(1, 1, 2, k=5) == "too few answers to say"  # 4 < k


def test_a_too_long_priority_list_is_a_problem(tmp_path):
    c = "gap__youth__10_1 gap__youth__10_3 gap__youth__10_4"
    rows = [("r1", "yes", "yes", "25_34", "", "", "agree", "agree", f"{A} {B} {c}", "")]
    problems = _val(tmp_path, rows=rows).problems
    assert {p.kind for p in problems} == {"unknown-item", "too-many-choices"}


def test_no_files_is_no_round(tmp_path):
    val = validation.prepare("KEN", k=5, files=[])
    assert val.used.empty and val.items == []
    assert validation.judgement_table(val).empty


def test_a_territory_without_responses_or_ocha_names_is_prepared_empty():
    # Aland: no responses and no OCHA admin names, so no place list is needed to redact nothing.
    val = validation.prepare("ALA", k=5, files=[])
    assert val.used.empty
