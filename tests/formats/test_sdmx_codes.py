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
        }
    )  # fmt: skip
    out = group_gaps_with_sdmx(gaps)
    assert list(out.columns) == [
        "series_code", "comparison", "sdmx_dimension", "sdmx_codelist", "sdmx_code",
        "sdmx_reference_code", "group", "value",
    ]  # fmt: skip
    got = out[["sdmx_dimension", "sdmx_codelist", "sdmx_code", "sdmx_reference_code"]]
    assert got.values.tolist() == [
        ["SEX", "IAEG-SDGs:CL_SEX(1.1)", "F", "M"],
        ["URBANISATION", "IAEG-SDGs:CL_URBANISATION(1.0)", "R", "U"],
        ["INCOME_WEALTH_QUANTILE", "IAEG-SDGs:CL_QUANTILE(1.1)", "Q1", "Q5"],
        ["DISABILITY_STATUS", "IAEG-SDGs:CL_DISABILITY(1.0)", "PWD", "PD"],
    ]
    assert list(gaps.columns) == ["series_code", "comparison", "group", "value"]  # unchanged


def test_an_empty_table_keeps_its_columns():
    gaps = pd.DataFrame(columns=["series_code", "comparison", "group"])
    out = group_gaps_with_sdmx(gaps)
    assert out.empty
    assert "sdmx_code" in out.columns
