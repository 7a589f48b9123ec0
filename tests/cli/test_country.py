"""`lnob country new` and `lnob country check`, called in-process: every message they print."""

from __future__ import annotations

import pytest
import yaml
from openpyxl import load_workbook

from lnob_methods.cli.main import main
from lnob_methods.reference import countries, provenance
from tests.helpers import KENYA_COUNTIES
from tests.helpers.testimonies import SUBMISSIONS, write_kobo_xlsx


@pytest.fixture
def root(tmp_path, monkeypatch):
    """An empty countries folder: nothing is written into the checkout."""
    where = tmp_path / "countries"
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(where))
    return where


def test_new_writes_a_config_that_loads_and_the_folders(root, capsys):
    assert main(["country", "new", "uga"]) == 0
    out = capsys.readouterr().out.splitlines()
    forms = root / "UGA" / "forms"
    assert out[:5] == [
        f"written: {root / 'UGA.yaml'}",
        f"written: {root / 'UGA' / 'inventories' / 'provenance.yaml'}",
        f"written: {root / 'UGA' / 'testimonies' / 'provenance.yaml'}",
        f"written: {forms / 'lnob_inventory_template_UGA.xlsx'}",
        f"written: {forms / 'lnob_testimony_form_UGA.xlsx'}",
    ]
    assert out[5].startswith(f"Next: fill in the keys marked TO FILL in {root / 'UGA.yaml'}")
    assert out[5].endswith(
        "write the template and the form again: `lnob template --country UGA --out PATH`, "
        "`lnob form --country UGA --out PATH`."
    )
    # The template and the form are Uganda's: its four regions.
    template = load_workbook(forms / "lnob_inventory_template_UGA.xlsx")
    assert template["Inventory"]["J2"].value == "UGA"
    assert template["Inventory"]["K2"].value == "Central; Eastern"
    choices = load_workbook(forms / "lnob_testimony_form_UGA.xlsx")["choices"]
    areas = [r[1] for r in choices.iter_rows(values_only=True) if r[0] == "admin1"]
    assert areas == ["UG1", "UG2", "UG3", "UG4"]
    uga = countries.load_country("UGA")
    assert (uga.iso3, uga.name, uga.configured) == ("UGA", "Uganda", True)
    assert (uga.lead_organisation, uga.organisations, uga.focus_targets) == ("", (), ())
    assert (uga.languages, uga.groups_not_applicable) == (("en",), ())
    # All 18 groups of the taxonomy apply until the team excludes some.
    assert len(uga.groups()) == 18
    text = (root / "UGA.yaml").read_text(encoding="utf-8")
    # Uganda's four regions, with their OCHA p-codes, as a comment list.
    for line in ("#   UG1  Central", "#   UG2  Eastern", "#   UG3  Northern", "#   UG4  Western"):
        assert line in text
    assert "#   migratory_status (Migratory status):" in text
    assert "#     refugees_and_displaced_people: Refugees and internally displaced people" in text
    assert "groups_not_applicable: []" in text
    assert "# TO FILL: the organisation that leads the LNOB process in the country." in text
    for folder in ("inventories", "testimonies"):
        decl = root / "UGA" / folder / "provenance.yaml"
        assert provenance.read(decl.parent) == ({}, [])
        assert "#   synthetic: true or false (required)" in decl.read_text(encoding="utf-8")


def test_new_refuses_an_unknown_code_with_suggestions(root, capsys):
    assert main(["country", "new", "KEM"]) == 2
    assert capsys.readouterr().err == (
        "lnob country new: 'KEM' is not an ISO 3166-1 alpha-3 code of the UN SDG database. "
        "Did you mean 'KEN', 'KHM', 'TKM'?\n"
    )
    assert not root.exists()


def test_check_refuses_an_unknown_code_with_suggestions(root, capsys):
    assert main(["country", "check", "Kenya"]) == 2
    assert capsys.readouterr().err == (
        "lnob country check: 'Kenya' is not an ISO 3166-1 alpha-3 code of the UN SDG database. "
        "Did you mean 'KEN'?\n"
    )


def test_new_refuses_a_configured_country(root, capsys):
    root.mkdir()
    (root / "KEN.yaml").write_text("iso3: KEN\n", encoding="utf-8")
    assert main(["country", "new", "KEN"]) == 2
    assert capsys.readouterr().err == (
        f"lnob country new: KEN is already configured ({root / 'KEN.yaml'}). Edit that file, "
        "and check it with `lnob country check KEN`.\n"
    )
    assert (root / "KEN.yaml").read_text(encoding="utf-8") == "iso3: KEN\n"


def test_new_keeps_a_teams_existing_declarations(root, capsys):
    (root / "UGA" / "inventories").mkdir(parents=True)
    kept = root / "UGA" / "inventories" / "provenance.yaml"
    kept.write_text("files: {}  # ours\n", encoding="utf-8")
    assert main(["country", "new", "UGA"]) == 0
    assert kept.read_text(encoding="utf-8") == "files: {}  # ours\n"
    assert f"written: {kept}" not in capsys.readouterr().out


def test_check_of_a_new_country_finds_nothing(root, capsys):
    main(["country", "new", "UGA"])
    capsys.readouterr()
    assert main(["country", "check", "UGA"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "note: lead_organisation is empty: name the organisation that leads the process.",
        "note: participating_organisations is empty: list every organisation.",
        "note: research_focus is empty: pages cover every target and group until the team "
        "agrees on a focus (book chapter 'Adding a country').",
        "UGA: config, 0 inventory file(s) (0 item(s)), 0 testimony file(s) "
        "(0 valid testimonies): no problems found.",
    ]


def test_check_of_an_unconfigured_country(root, capsys):
    assert main(["country", "check", "UGA"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{root / 'UGA.yaml'}: does not exist: write it with `lnob country new UGA`. "
        "[not-configured]"
    )


# What the team fills in after `lnob country new`.
FILLED = {
    "lead_organisation": "ActionAid",
    "participating_organisations": ["ActionAid", "CARE"],
    "research_focus": {"title": "Inclusion (SDG 10.2)", "sdg_targets": ["10.2"], "groups": []},
}


def _edit(path, **changes):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw.update(changes)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def test_check_lists_every_problem_of_config_and_files(root, capsys):
    main(["country", "new", "KEN"])
    config = root / "KEN.yaml"
    _edit(
        config,
        langauges=["en"],
        colour="red",
        groups_not_applicable=["refugees"],
        research_focus={"title": "x", "sdg_targets": ["10.2"], "groups": ["older_peple"]},
    )
    # One testimony in an area that is not Kenyan; the file is not declared.
    bad = [s[:8] + ("Kampala",) + s[9:] if s[0] == "u1" else s for s in SUBMISSIONS]
    write_kobo_xlsx(root / "KEN" / "testimonies" / "kobo.xlsx", bad)
    capsys.readouterr()
    assert main(["country", "check", "KEN"]) == 1
    out = capsys.readouterr().out.splitlines()
    name = str(config)
    assert out == [
        f"{name}, key 'langauges': is not a country config key; remove it or fix the spelling. "
        "Did you mean 'languages'? (value: 'langauges') [unknown-key]",
        f"{name}, key 'colour': is not a country config key; remove it or fix the spelling. "
        "(value: 'colour') [unknown-key]",
        f"{name}, key 'research_focus.groups': unknown group 'older_peple': it is not a group of "
        "the LNOB taxonomy or of country_groups. Did you mean 'older_people'? "
        "(value: 'older_peple') [unknown-group]",
        f"{name}, key 'groups_not_applicable': unknown group 'refugees': list only groups of the "
        "LNOB taxonomy (a country's own group that does not apply is simply not added). "
        "Did you mean 'refugees_and_displaced_people'? (value: 'refugees') [unknown-group]",
        f"{root / 'KEN' / 'testimonies' / 'kobo.xlsx'}, sheet 'lnob_testimony', row 2, column "
        "'admin1': is not a first-level p-code or name of this country. The country's admin-1 "
        f"areas are: {KENYA_COUNTIES}. (value: 'Kampala') [unknown-area]",
        f"{root / 'KEN' / 'testimonies' / 'kobo.xlsx'}: is not declared in "
        f"{root / 'KEN' / 'testimonies' / 'provenance.yaml'}: add it under 'files:' with "
        "'synthetic: true' or 'synthetic: false', its holder, when it was collected and its "
        "licence or sharing terms. Until then its evidence is labelled 'provenance not "
        "declared'. [provenance-not-declared]",
        "6 problem(s) found. KEN: config, 0 inventory file(s) (0 item(s)), 1 testimony file(s) "
        "(5 valid testimonies). Fix them and run `lnob country check KEN` again.",
    ]


def _luganda_country(root):
    """KEN configured with Luganda; u1 and u3 speak it; every file declared."""
    main(["country", "new", "KEN"])
    _edit(
        root / "KEN.yaml",
        **FILLED,
        languages={"en": "English", "sw": "Kiswahili", "lg": "Luganda"},
    )
    subs = [s[:9] + ("lg",) + s[10:] if s[0] in {"u1", "u3"} else s for s in SUBMISSIONS]
    folder = root / "KEN" / "testimonies"
    write_kobo_xlsx(folder / "kobo.xlsx", subs)
    (folder / "provenance.yaml").write_text(
        "files:\n  kobo.xlsx:\n    synthetic: true\n    source: written by this test\n",
        encoding="utf-8",
    )
    return folder / "kobo.xlsx"


LUGANDA_NOTE = (
    "note: 2 testimonies in Luganda are not coded: add rules for 'lg' to the codebook "
    "(data/voices/codebook.yaml)."
)


def test_check_accepts_a_declared_language_and_reports_it_uncoded(root, capsys):
    _luganda_country(root)
    capsys.readouterr()
    assert main(["country", "check", "KEN"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        LUGANDA_NOTE,
        "KEN: config, 0 inventory file(s) (0 item(s)), 1 testimony file(s) "
        "(6 valid testimonies): no problems found.",
    ]


def test_validate_testimonies_reports_uncoded_languages(root, capsys):
    export = _luganda_country(root)
    capsys.readouterr()
    assert main(["validate", "--testimonies", "--country", "KEN", str(export)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        LUGANDA_NOTE,
        "1 file(s), 6 testimonies and 4 proposal(s): no problems found.",
    ]


def test_an_undeclared_language_is_refused_with_the_choices(root, capsys):
    export = _luganda_country(root)
    _edit(root / "KEN.yaml", languages=["en", "sw"])
    capsys.readouterr()
    assert main(["validate", "--testimonies", "--country", "KEN", str(export)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{export}, sheet 'lnob_testimony', row 2, column 'language': is not a choice of the "
        "form; use one of: en, sw, ne, bn, vi, other. (value: 'lg') [unknown-code]"
    )
    assert len(out) == 3  # u1 and u3, then the summary


def test_check_names_an_inventory_group_that_does_not_apply(root, capsys):
    main(["country", "new", "KEN"])
    _edit(root / "KEN.yaml", **FILLED, groups_not_applicable=["indigenous_peoples"])
    folder = root / "KEN" / "inventories"
    (folder / "inv.csv").write_text(
        "ID,Organisation,Holder type,Title,Evidence type,Method,SDG targets,Population groups,"
        "Disaggregation dimensions,Country (ISO3),Admin-1 areas,First year,Last year,Sample size,"
        "Quality,Access,Link or contact,Language,Contains personal data,Is a synthesis\n"
        "AA-1,ActionAid,icso,Water study,study,qualitative,6.1,youth; indigenous_peoples,sex,KEN,"
        "Kisumu,2019,2021,,low,public,MEL,en,no,no\n",
        encoding="utf-8",
    )
    (folder / "provenance.yaml").write_text(
        "files:\n  inv.csv:\n    synthetic: true\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["country", "check", "KEN"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{folder / 'inv.csv'}, row 2, column 'Population groups': 'indigenous_peoples' is a "
        "group that does not apply in KEN (groups_not_applicable in its config): remove it here, "
        "or take it out of groups_not_applicable. (value: 'youth; indigenous_peoples') "
        "[excluded-group]",
        "1 problem(s) found. KEN: config, 1 inventory file(s) (1 item(s)), 0 testimony file(s) "
        "(0 valid testimonies). Fix them and run `lnob country check KEN` again.",
    ]
