"""`lnob template` and `lnob validate`, called in-process: every message they print."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import openpyxl
import pytest

from lnob_methods.cli.main import main
from tests.helpers import KENYA_COUNTIES, ROOT
from tests.helpers.testimonies import SUBMISSIONS, write_kobo_xlsx

# The column labels of the inventory template, as a user's spreadsheet has them.
HEADER = (
    "ID,Organisation,Holder type,Title,Evidence type,Method,SDG targets,Population groups,"
    "Disaggregation dimensions,Country (ISO3),Admin-1 areas,First year,Last year,Sample size,"
    "Quality,Access,Link or contact,Language,Contains personal data,Is a synthesis"
)
GOOD_ROW = (
    "AA-003,ActionAid,icso,Water study,study,qualitative,6.1,slum_dwellers,sex,KEN,Kisumu,"
    "2019,2021,,low,public,MEL,en,no,no"
)
BAD_ROWS = [
    # Row 2: "servey" for survey; "Atlantis" is no county of Kenya.
    "AA-001,ActionAid,icso,Survey of slum households,servey,quantitative,10.2; 16.10,"
    "slum_dwellers; women_and_girls,sex,KEN,Nairobi; Atlantis,2019,2021,1200,medium,public,"
    "MEL focal point,en,no,no",
    # Row 3: first year 2021 after last year 2019.
    "AA-002,ActionAid,icso,Water study,study,qualitative,6.1,slum_dwellers,sex,KEN,Kisumu,"
    "2021,2019,,low,public,MEL,en,no,no",
]
BAD_LINES = [
    "bad.csv, row 2, column 'Evidence type': is not an allowed value. Did you mean 'survey'? "
    "(value: 'servey') [near-miss]",
    "bad.csv, row 2, column 'Admin-1 areas': 'Atlantis' is not an admin-1 area of KEN. "
    f"The admin-1 areas of KEN are: {KENYA_COUNTIES}. "
    "(value: 'Nairobi; Atlantis') [unknown-area]",
    "bad.csv, row 3, column 'First year': is after the last year 2019. (value: 2021) [year-order]",
]
AGAIN = "Fix them and run `lnob validate` again."


def _declare(folder):
    """Declare the provenance of the files these tests write (see reference.provenance)."""
    entry = "    synthetic: true\n    source: written by this test\n"
    names = ["bad.csv", "good.csv", "kobo.xlsx", "3w.csv"]
    text = "files:\n" + "".join(f"  {name}:\n{entry}" for name in names)
    (folder / "provenance.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The user's working folder: messages name files relative to it."""
    monkeypatch.chdir(tmp_path)
    _declare(tmp_path)
    return tmp_path


def _csv(path, *rows):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_every_problem_is_printed_with_its_place(folder, capsys):
    _csv(folder / "bad.csv", *BAD_ROWS)
    assert main(["validate", "bad.csv"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [*BAD_LINES, f"3 problem(s) in 1 file(s). {AGAIN}"]
    assert err == ""


def test_a_clean_file(folder, capsys):
    second = GOOD_ROW.replace("AA-003", "AA-004")
    _csv(folder / "good.csv", GOOD_ROW, second)
    assert main(["validate", "good.csv", "--country", "ken"]) == 0
    assert capsys.readouterr().out == "1 file(s), 2 item(s): no problems found.\n"


def test_a_folder_is_read_for_its_spreadsheets_only(folder, capsys):
    (folder / "in").mkdir()
    _declare(folder / "in")
    _csv(folder / "in" / "good.csv", GOOD_ROW)
    (folder / "in" / "notes.txt").write_text("not an inventory")
    assert main(["validate", "in"]) == 0
    assert capsys.readouterr().out == "1 file(s), 1 item(s): no problems found.\n"
    _csv(folder / "in" / "bad.csv", *BAD_ROWS)
    assert main(["validate", "in"]) == 1
    out = capsys.readouterr().out
    lines = [line.replace("bad.csv", "in/bad.csv", 1) for line in BAD_LINES]
    assert out.splitlines() == [*lines, f"3 problem(s) in 2 file(s). {AGAIN}"]


def test_items_about_another_country(folder, capsys):
    _csv(folder / "good.csv", GOOD_ROW)
    assert main(["validate", "good.csv", "--country", "NPL"]) == 1
    out = capsys.readouterr().out
    assert (
        "good.csv, row 2, column 'Country (ISO3)': this inventory is for NPL; put items about "
        "other countries in their own country folder. (value: 'KEN') [country-mismatch]"
    ) in out
    assert f"2 problem(s) in 1 file(s). {AGAIN}" in out  # and Kisumu is not in Nepal


def test_an_undeclared_file_is_reported(folder, capsys):
    _csv(folder / "other.csv", GOOD_ROW)
    assert main(["validate", "other.csv"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "other.csv: is not declared in provenance.yaml: add it under 'files:' with "
        "'synthetic: true' or 'synthetic: false', its holder, when it was collected and its "
        "licence or sharing terms. Until then its evidence is labelled 'provenance not declared'. "
        "[provenance-not-declared]",
        f"1 problem(s) in 1 file(s). {AGAIN}",
    ]


def test_a_missing_file_is_a_problem_not_a_crash(folder, capsys):
    assert main(["validate", "missing.csv"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "missing.csv: does not exist or is not a file. [not-found]",
        f"1 problem(s) in 1 file(s). {AGAIN}",
    ]


def test_an_unknown_country_suggests_the_code(folder, capsys):
    _csv(folder / "good.csv", GOOD_ROW)
    assert main(["validate", "good.csv", "--country", "KEM"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        "lnob validate: 1 problem(s) found:\n  - --country: is not an ISO 3166-1 alpha-3 code of "
        "the UN SDG database. Did you mean 'KEN'"
    )
    assert err.endswith("(value: 'KEM') [unknown-country]\n")


def test_testimonies_need_a_country(folder, capsys):
    write_kobo_xlsx(folder / "kobo.xlsx", SUBMISSIONS)
    assert main(["validate", "--testimonies", "kobo.xlsx"]) == 2
    assert capsys.readouterr().err == (
        "lnob validate: lnob validate --testimonies needs --country ISO3: areas and groups are "
        "checked against the country.\n"
    )


def test_clean_testimonies(folder, capsys):
    # Six submissions; proposals: u1 two, u2 one, u5 one: four.
    write_kobo_xlsx(folder / "kobo.xlsx", SUBMISSIONS)
    assert main(["validate", "--testimonies", "--country", "KEN", "kobo.xlsx"]) == 0
    assert capsys.readouterr().out == (
        "1 file(s), 6 testimonies and 4 proposal(s): no problems found.\n"
    )


def test_a_testimony_problem_is_located(folder, capsys):
    typo = [(*SUBMISSIONS[0][:6], "femal", *SUBMISSIONS[0][7:]), *SUBMISSIONS[1:]]
    write_kobo_xlsx(folder / "kobo.xlsx", typo)
    assert main(["validate", "--testimonies", "--country", "KEN", "kobo.xlsx"]) == 1
    out = capsys.readouterr().out
    assert "row 2, column 'sex': is not a choice of the form. Did you mean 'female'?" in out
    assert out.endswith(f"1 problem(s) in 1 file(s). {AGAIN}\n")


def test_a_3w_table_is_checked_with_its_problems_located(folder, capsys):
    # Two organisations in Kabul; "AF99" is no province of Afghanistan.
    (folder / "3w.csv").write_text(
        "Org,Province,Cluster\n#org +name,#adm1+code,#sector +cluster +name\n"
        "Batas Foundation,AF01,Shelter\nBatas foundation,AF01,Health\nAid Org,AF99,Health\n",
        encoding="utf-8",
    )
    assert main(["validate", "--presence", "--country", "AFG", "3w.csv"]) == 1
    assert capsys.readouterr().out == (
        "3w.csv, row 5, column 'Province': is not an admin-1 p-code or name of AFG. "
        "(value: 'AF99') [unknown-area]\n"
        f"1 problem(s) in 1 file(s). {AGAIN}\n"
    )
    (folder / "3w.csv").write_text(
        "Org,Province,Cluster\n#org +name,#adm1+code,#sector +cluster +name\n"
        "Batas Foundation,AF01,Shelter\nBatas foundation,AF01,Health\n",
        encoding="utf-8",
    )
    assert main(["validate", "--presence", "--country", "AFG", "3w.csv"]) == 0
    assert capsys.readouterr().out == (
        "1 file(s), 2 presence row(s) (organisation, admin-1 area, sector): no problems found.\n"
    )


def test_template_is_written_under_its_default_name(folder, capsys):
    assert main(["template", "--country", "ken"]) == 0
    assert capsys.readouterr().out == "template written: lnob_inventory_template_KEN.xlsx\n"
    with zipfile.ZipFile(folder / "lnob_inventory_template_KEN.xlsx") as z:
        assert "xl/workbook.xml" in z.namelist()


def test_template_is_written_where_asked(folder, capsys):
    assert main(["template", "--country", "NPL", "--out", "npl.XLSX"]) == 0
    assert capsys.readouterr().out == "template written: npl.XLSX\n"
    assert zipfile.is_zipfile(folder / "npl.XLSX")


def test_template_goes_to_any_writable_path(folder, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for out in [str(elsewhere / "t.xlsx"), "../" + folder.name + "/up.xlsx"]:
        assert main(["template", "--country", "KEN", "--out", out]) == 0
        assert capsys.readouterr().out == f"template written: {out}\n"
    assert (elsewhere / "t.xlsx").is_file() and (folder / "up.xlsx").is_file()


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("missing/t.xlsx", "the folder 'missing' does not exist: create it first."),
        ("sub.xlsx", "it is a folder: give a file name ending in .xlsx."),
    ],
)
def test_template_says_why_a_path_cannot_be_written(folder, capsys, out, why):
    (folder / "sub.xlsx").mkdir()
    assert main(["template", "--country", "KEN", "--out", out]) == 2
    assert capsys.readouterr().err == f"lnob template: cannot write {out!r}: {why}\n"


def test_template_must_be_xlsx(folder, capsys):
    assert main(["template", "--country", "KEN", "--out", "t.csv"]) == 2
    assert capsys.readouterr().err == "lnob template: t.csv must end in .xlsx\n"
    assert [p.name for p in folder.iterdir()] == ["provenance.yaml"]  # nothing written


def test_template_of_an_unknown_country(folder, capsys):
    assert main(["template", "--country", "Kenya"]) == 2
    assert capsys.readouterr().err == (
        "lnob template: 1 problem(s) found:\n"
        "  - --country: is not an ISO 3166-1 alpha-3 code of the UN SDG database. "
        "Did you mean 'KEN'? (value: 'Kenya') [unknown-country]\n"
    )


def test_cli_validate_and_template(tmp_path):
    lnob = [sys.executable, "-m", "lnob_methods.cli.main"]
    ok = subprocess.run(
        [*lnob, "validate", "data/countries/KEN/inventories", "--country", "KEN"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    bad = subprocess.run(
        [
            *lnob,
            "validate",
            "tests/fixtures/inventory/several-errors-one-row.csv",
            "tests/fixtures/inventory/zip-bomb.xlsx",
            "--country",
            "KEN",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    # 5 in the files' content, and neither file is declared in a provenance.yaml
    assert "7 problem(s) in 2 file(s)" in bad.stdout
    assert bad.stdout.count("[provenance-not-declared]") == 2
    assert "row 2, column 'Quality': is not an allowed value" in bad.stdout
    assert "(value: 'great')" in bad.stdout
    out = tmp_path / "k.xlsx"
    made = subprocess.run(
        [*lnob, "template", "--country", "KEN", "--out", "k.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0 and out.exists()
    missing = subprocess.run(
        [*lnob, "template", "--country", "KEN", "--out", "no/such/folder/k.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2 and "does not exist: create it first" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_country_folder_needs_no_country_option(monkeypatch, capsys):
    # The README's example, as written: Kenya's own inventories folder, from the repository root.
    monkeypatch.chdir(ROOT)
    assert main(["validate", "data/countries/KEN/inventories"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("country KEN (from the folder; --country ISO3 to choose another)\n")
    assert out.rstrip().endswith("item(s): no problems found.")
    assert "[unknown-area]" not in out and "another country" not in out


def test_a_testimonies_folder_is_checked_as_testimonies(monkeypatch, capsys):
    # Kenya's synthetic testimonies carry planted problems (an empty story, a misspelt choice):
    # they are found by the testimony checks, which run without --testimonies here.
    monkeypatch.chdir(ROOT)
    assert main(["validate", "data/countries/KEN/testimonies"]) == 1
    out = capsys.readouterr().out
    assert "column 'story_text': is empty: a testimony needs its story. [missing-value]" in out


def test_no_country_is_inferred_outside_or_across_country_folders(folder):
    from lnob_methods.cli.inventories import infer_country, infer_testimonies

    countries = ROOT / "data" / "countries"
    assert infer_country([folder / "bad.csv"]) is None
    assert (
        infer_country([countries / "KEN" / "inventories", countries / "NPL" / "inventories"])
        is None
    )
    assert infer_country([countries / "NPL" / "testimonies"]) == "NPL"
    assert infer_testimonies([countries / "NPL" / "testimonies"]) is True
    assert infer_testimonies([countries / "NPL" / "inventories"]) is False


def test_form_is_written_under_its_default_name(folder, capsys):
    assert main(["form", "--country", "uga"]) == 0
    assert capsys.readouterr().out == "testimony form written: lnob_testimony_form_UGA.xlsx\n"
    choices = openpyxl.load_workbook(folder / "lnob_testimony_form_UGA.xlsx")["choices"]
    areas = [r[1] for r in choices.iter_rows(values_only=True) if r[0] == "admin1"]
    assert areas == ["UG1", "UG2", "UG3", "UG4"]


def test_form_goes_to_any_writable_path_and_must_be_xlsx(folder, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("forms") / "f.xlsx"
    assert main(["form", "--country", "KEN", "--out", str(elsewhere)]) == 0
    assert elsewhere.is_file()
    capsys.readouterr()
    assert main(["form", "--country", "KEN", "--out", "f.csv"]) == 2
    assert capsys.readouterr().err == "lnob form: f.csv must end in .xlsx\n"
    assert main(["form", "--country", "KEN", "--out", "no/such/f.xlsx"]) == 2
    assert "does not exist: create it first" in capsys.readouterr().err
