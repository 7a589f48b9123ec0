"""Official SDMX codes for the UN SDG database's people codes, checked against the code lists."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError
from lnob_methods.reference import sdmx

# Written by hand from the IAEG-SDGs code lists (CL_SEX, CL_URBANISATION, CL_AGE, CL_QUANTILE,
# CL_DISABILITY): the database's lower-case code and its SDMX code.
PAIRS = [
    ("sex", "female", "F"),
    ("sex", "male", "M"),
    ("sex", "bothsex", "_T"),
    ("location", "urban", "U"),
    ("location", "rural", "R"),
    ("location", "allarea", "_T"),
    ("age", "15_24", "Y15T24"),
    ("age", "65", "Y_GE65"),
    ("age", "lt5y", "Y0T4"),
    ("age", "lt1y", "Y0"),
    ("age", "allage", "_T"),
    ("quantile", "q1", "Q1"),
    ("quantile", "q5", "Q5"),
    ("quantile", "b40", "B40"),
    ("quantile", "t", "_T"),
    ("disability_status", "pd", "PD"),
    ("disability_status", "pwd", "PWD"),
    ("disability_status", "t", "_T"),
]


@pytest.mark.parametrize(("column", "code", "expected"), PAIRS)
def test_known_codes_map_to_their_sdmx_codes(column, code, expected):
    assert sdmx.to_sdmx(column, pd.Series([code])).tolist() == [expected]


def test_codes_without_an_sdmx_form_stay_empty_with_a_reason():
    # city (a city as opposed to the country's urban area) and the age band 25-54 have no code in
    # the lists; a code the map does not know at all is empty too, never guessed.
    out = sdmx.to_sdmx("location", pd.Series(["city", "rural", "nowhere"])).tolist()
    assert out == ["", "R", ""]
    assert sdmx.to_sdmx("age", pd.Series(["25_54"])).tolist() == [""]
    m = sdmx.code_map().set_index(["column", "code"])
    assert m.loc[("location", "city"), "note"] == "no code in IAEG-SDGs:CL_URBANISATION(1.0)"
    assert m.loc[("age", "25_54"), "note"].startswith("no code in IAEG-SDGs:CL_AGE(1.1)")


def test_a_column_without_an_sdmx_dimension_is_refused():
    with pytest.raises(ValueError, match="no SDMX dimension for the column 'education_level'"):
        sdmx.to_sdmx("education_level", pd.Series(["x"]))


def test_code_lists_are_named_as_in_the_data_structure_definition():
    assert sdmx.codelist_ids() == {
        "SEX": "IAEG-SDGs:CL_SEX(1.1)",
        "AGE": "IAEG-SDGs:CL_AGE(1.1)",
        "URBANISATION": "IAEG-SDGs:CL_URBANISATION(1.0)",
        "INCOME_WEALTH_QUANTILE": "IAEG-SDGs:CL_QUANTILE(1.1)",
        "DISABILITY_STATUS": "IAEG-SDGs:CL_DISABILITY(1.0)",
    }


def test_every_sdmx_code_of_the_map_is_in_the_copied_code_list():
    with open(paths.SDMX_CODELISTS, encoding="utf-8") as fh:
        lists = {(r["dimension"], r["code"]) for r in csv.DictReader(fh)}
    # Spot checks of the copied list itself (from the DSD by hand): sizes and a few codes.
    assert sum(d == "SEX" for d, _ in lists) == 7
    assert sum(d == "URBANISATION" for d, _ in lists) == 3
    assert {
        ("AGE", "Y15T24"),
        ("INCOME_WEALTH_QUANTILE", "B40"),
        ("DISABILITY_STATUS", "PWD"),
    } <= lists
    with open(paths.SDMX_CODE_MAP, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    emitted = {(r["sdmx_dimension"], r["sdmx_code"]) for r in rows if r["sdmx_code"]}
    assert emitted <= lists
    assert len(emitted) >= 60  # every age band the list has, not a handful


def test_a_bad_map_is_refused_with_every_problem_located(tmp_path, monkeypatch):
    bad = tmp_path / "map.csv"
    bad.write_text(
        "column,code,sdmx_dimension,sdmx_code,note\n"
        "sex,female,SEX,FEM,\n"
        "sex,male,SEX,,\n"
        "sex,female,SEX,F,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "SDMX_CODE_MAP", bad)
    with pytest.raises(InputError) as err:
        sdmx.code_map()
    got = [(p.kind, p.row, p.column, p.value) for p in err.value.problems]
    assert got == [
        ("unknown-sdmx-code", 2, "sdmx_code", "FEM"),
        ("unmapped-without-note", 3, "note", "male"),
        ("duplicate-code", 4, "code", "sex=female"),
    ]
    assert "FEM is not a code of SEX in" in err.value.problems[0].message
