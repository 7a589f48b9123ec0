"""The group-gaps export carries the official SDMX codes beside the database's codes."""

from __future__ import annotations

import pandas as pd

from lnob_methods.formats.sdmx_codes import group_gaps_with_sdmx


def test_each_comparison_gets_its_dimension_code_list_and_both_codes():
    gaps = pd.DataFrame(
        {
            "series_code": ["A", "B", "C", "D"],
            "comparison": ["female vs male", "rural vs urban", "poorest vs richest quintile",
                           "persons with vs without disability"],
            "group": ["women_and_girls", "rural_population", "people_in_poverty",
                      "persons_with_disabilities"],
            "value": [1.0, 2.0, 3.0, 4.0],
            "breakdown_codes": ["age=15_24;location=allarea", "sex=bothsex;age=25_54",
                                "", "education_level=lowsec;sex=female"],
        }
    )  # fmt: skip
    out = group_gaps_with_sdmx(gaps)
    assert list(out.columns) == [
        "series_code", "comparison", "sdmx_dimension", "sdmx_codelist", "sdmx_code",
        "sdmx_reference_code", "SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE",
        "DISABILITY_STATUS", "group", "value", "breakdown_codes",
    ]  # fmt: skip
    got = out[["sdmx_dimension", "sdmx_codelist", "sdmx_code", "sdmx_reference_code"]]
    assert got.values.tolist() == [
        ["SEX", "IAEG-SDGs:CL_SEX(1.1)", "F", "M"],
        ["URBANISATION", "IAEG-SDGs:CL_URBANISATION(1.0)", "R", "U"],
        ["INCOME_WEALTH_QUANTILE", "IAEG-SDGs:CL_QUANTILE(1.1)", "Q1", "Q5"],
        ["DISABILITY_STATUS", "IAEG-SDGs:CL_DISABILITY(1.0)", "PWD", "PD"],
    ]
    # The levels both values share, by hand: 15-24 is Y15T24 and all areas _T; 25-54 has no
    # code in CL_AGE (empty); education level is no SDMX people dimension of ours (left out).
    dims = out[["SEX", "AGE", "URBANISATION", "INCOME_WEALTH_QUANTILE", "DISABILITY_STATUS"]]
    assert dims.values.tolist() == [
        ["", "Y15T24", "_T", "", ""],
        ["_T", "", "", "", ""],
        ["", "", "", "", ""],
        ["F", "", "", "", ""],
    ]
    assert list(gaps.columns) == ["series_code", "comparison", "group", "value", "breakdown_codes"]


def test_an_empty_table_keeps_its_columns():
    gaps = pd.DataFrame(columns=["series_code", "comparison", "group"])
    out = group_gaps_with_sdmx(gaps)
    assert out.empty
    assert "sdmx_code" in out.columns
