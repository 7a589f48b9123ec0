"""Provenance is declared per file, never guessed from a file name."""

from __future__ import annotations

import pytest

from lnob_methods.reference import provenance
from tests.helpers import ROOT

DECLARED = """\
files:
  real_survey.xlsx:
    synthetic: false
    holder: ActionAid
    collected: "2025"
    licence: shared for this analysis only
  synthetic_like_name.csv:
    synthetic: false
    holder: CARE
  made_up.csv:
    synthetic: true
    source: a generator
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "provenance.yaml").write_text(DECLARED, encoding="utf-8")
    for name in ["real_survey.xlsx", "synthetic_like_name.csv", "made_up.csv", "orphan.csv"]:
        (tmp_path / name).write_text("x")
    return tmp_path


def test_status_follows_the_declaration_not_the_name(folder):
    assert provenance.status(folder / "real_survey.xlsx") == "real"
    # named "synthetic_..." but declared real: real
    assert provenance.status(folder / "synthetic_like_name.csv") == "real"
    assert provenance.status(folder / "made_up.csv") == "synthetic"
    assert provenance.status(folder / "orphan.csv") == "undeclared"
    assert not provenance.is_synthetic(folder / "synthetic_like_name.csv")
    assert provenance.is_synthetic(folder / "made_up.csv")


def test_declaration_keeps_every_field(folder):
    d = provenance.declaration(folder / "real_survey.xlsx")
    assert (d.holder, d.collected, d.synthetic, d.licence, d.source) == (
        "ActionAid",
        "2025",
        False,
        "shared for this analysis only",
        "",
    )


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["made_up.csv"], "synthetic inventories"),
        (["real_survey.xlsx"], "inventories"),
        (["real_survey.xlsx", "made_up.csv"], "inventories (some synthetic)"),
        (["made_up.csv", "orphan.csv"], "inventories (provenance not declared)"),
        ([], "inventories"),
    ],
)
def test_label(folder, names, expected):
    assert provenance.label([folder / n for n in names], "inventories") == expected


def test_check_reports_undeclared_files_and_bad_entries(tmp_path):
    (tmp_path / "provenance.yaml").write_text(
        "files:\n"
        "  a.csv:\n    synthetic: maybe\n"
        "  b.csv:\n    synthetic: true\n    licnce: CC0\n"
        "  c.csv:\n    holder: X\n",
        encoding="utf-8",
    )
    files = [tmp_path / n for n in ["a.csv", "b.csv", "c.csv", "d.csv"]]
    got = sorted((p.kind, p.column or p.file.rsplit("/", 1)[-1]) for p in provenance.check(files))
    assert got == [
        ("missing-key", "c.csv: synthetic"),
        ("provenance-not-declared", "a.csv"),  # its entry is invalid, so it is not declared
        ("provenance-not-declared", "c.csv"),
        ("provenance-not-declared", "d.csv"),
        ("unknown-key", "b.csv: licnce"),
        ("wrong-type", "a.csv: synthetic"),
    ]
    unknown = next(p for p in provenance.check(files) if p.kind == "unknown-key")
    assert "Did you mean 'licence'?" in unknown.message


def test_a_folder_without_declaration_declares_nothing(tmp_path):
    (tmp_path / "x.csv").write_text("x")
    assert provenance.read(tmp_path) == ({}, [])
    (problem,) = provenance.check([tmp_path / "x.csv"])
    assert problem.kind == "provenance-not-declared"
    assert "add it under 'files:'" in problem.message


def test_broken_yaml_is_located(tmp_path):
    (tmp_path / "provenance.yaml").write_text("files:\n  a.csv: [unclosed\n", encoding="utf-8")
    (problem,) = provenance.read(tmp_path)[1]
    assert problem.kind == "yaml-syntax" and problem.row is not None


def test_write_then_read_round_trips(tmp_path):
    decl = provenance.Declaration("z.csv", True, holder="H", collected="2026", licence="CC0")
    provenance.write(tmp_path, [decl], header="# a comment\n")
    assert (tmp_path / "provenance.yaml").read_text().startswith("# a comment\nfiles:\n")
    assert provenance.read(tmp_path) == ({"z.csv": decl}, [])


def test_every_pilot_file_is_declared_synthetic():
    files = [
        p
        for iso3 in ["BGD", "KEN", "NPL", "VNM"]
        for stream in ["inventories", "testimonies"]
        for p in (ROOT / "data" / "countries" / iso3 / stream).iterdir()
        if p.suffix in {".csv", ".xlsx"}
    ]
    assert len(files) > 40
    assert provenance.check(files) == []
    assert provenance.statuses(files) == {"synthetic"}


def test_a_changed_declaration_is_read_again(folder):
    # Each folder's file is parsed once while unchanged; a new declaration must be seen at once.
    assert provenance.status(folder / "made_up.csv") == "synthetic"
    found, _ = provenance.read(folder)
    found.clear()  # a caller changing its copy changes nothing kept
    assert provenance.status(folder / "made_up.csv") == "synthetic"
    text = DECLARED.replace("synthetic: true", "synthetic: false")
    (folder / "provenance.yaml").write_text(text, encoding="utf-8")
    assert provenance.status(folder / "made_up.csv") == "real"
    (folder / "provenance.yaml").unlink()
    assert provenance.status(folder / "made_up.csv") == "undeclared"
