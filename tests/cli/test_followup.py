"""`lnob validate --conclusions / --validation` and `lnob conclusions-sheet`, in-process."""

from __future__ import annotations

import pytest

from lnob_methods.cli.main import main


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    names = ["conclusions.yaml", "responses.csv"]
    text = "files:\n" + "".join(f"  {n}:\n    synthetic: true\n" for n in names)
    (tmp_path / "provenance.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_conclusions_problems_are_printed_with_their_place(folder, capsys):
    (folder / "conclusions.yaml").write_text(
        "conclusions:\n"
        "  - {conclusion_id: K1, responds_to: gap__youth__10_2, decision: joint_advocacy,\n"
        "     what: x, lead: CAER, due: 2026-02-30, status: planned}\n",
        encoding="utf-8",
    )
    assert main(["validate", "--conclusions", "--country", "KEN", "conclusions.yaml"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("conclusions.yaml, row 1, column 'lead': is not an organisation")
    assert "Did you mean 'CARE'?" in out[0]
    assert out[1] == (
        "conclusions.yaml, row 1, column 'due': is not a date: write it as YYYY-MM-DD "
        "(2026-06-30). (value: '2026-02-30') [bad-date]"
    )
    assert out[2] == "2 problem(s) in 1 file(s). Fix them and run `lnob validate` again."


def test_validation_responses_are_checked(folder, capsys):
    (folder / "responses.csv").write_text(
        "consent/consent_use,consent/consent_publish,respondent/age_band,respondent/language,"
        "findings/j_gap__youth__10_2,priorities/top_three,_uuid\n"
        "yes,yes,25_34,en,disagre,gap__youth__10_2,u1\n",
        encoding="utf-8",
    )
    assert main(["validate", "--validation", "--country", "KEN", "responses.csv"]) == 1
    out = capsys.readouterr().out
    assert "row 2, column 'j_gap__youth__10_2'" in out and "Did you mean 'disagree'?" in out


def test_a_country_is_needed(folder, capsys):
    assert main(["validate", "--conclusions", "conclusions.yaml"]) == 2
    assert "needs --country ISO3" in capsys.readouterr().err


def test_the_conclusions_sheet_is_written(folder, capsys):
    assert main(["conclusions-sheet", "--country", "KEN"]) == 0
    assert (folder / "lnob_conclusions_KEN.xlsx").exists()
    capsys.readouterr()
    # Any writable path (as for the template and the forms); a missing folder is said so.
    assert main(["conclusions-sheet", "--country", "KEN", "--out", "no/such/x.xlsx"]) == 2
    assert capsys.readouterr().err == (
        "lnob conclusions-sheet: cannot write 'no/such/x.xlsx': the folder 'no/such' does not "
        "exist: create it first.\n"
    )
