"""The display layer: what readers see instead of code vocabulary (worked out by hand)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lnob_methods.site import display


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2019.0, "2019"),  # a year held as a float stays a year
        (12345.0, "12,345"),  # whole numbers of ten thousand or more get separators
        (250.4, "250"),  # from 100 on: no decimals
        (45.678, "45.68"),  # from 1 on: two decimals at most
        (3.5, "3.5"),  # ... without trailing zeros
        (0.123456, "0.123"),  # below 1: three decimals at most
        (0.0323, "0.032"),
        (0.0004567, "< 0.001"),  # not "0": it is not zero
        (float("nan"), "–"),
        (-0.5, "-0.5"),
    ],
)
def test_numbers_are_rounded_for_reading(value, shown):
    assert display.number_text(value) == shown


def test_codes_become_words():
    # labels from data/taxonomy/lnob_groups.yaml and the vocabulary
    assert display.cell_text("women_and_girls") == "Women and girls"
    assert display.cell_text("official_statistics") == "Official statistics"
    assert display.cell_text("national_statistics_office") == "national statistics office"
    assert display.cell_text("mother_age >= 30") == "mother age >= 30"
    assert display.cell_text(True) == "yes" and display.cell_text(np.bool_(False)) == "no"
    assert display.cell_text(("lgbtiq_people", "older_people")) == (
        "LGBTIQ+ people, Older people (60 and over)"
    )
    assert display.cell_text("KEN-001") == "KEN-001"  # no underscore: left alone


def test_column_names_become_words():
    assert [
        display.column_label(c)
        for c in ["n_items", "has_data", "latest_year", "h_pct_t1", "people proposing"]
    ] == ["items", "data", "latest year", "H at t1 (% of people)", "people proposing"]


def test_a_table_for_readers():
    table = pd.DataFrame(
        {
            "group": ["lgbtiq_people", "women_and_girls"],
            "n_items": [3, 0],
            "in_focus": [True, False],
            "relative_gap": [0.254321, np.nan],
        }
    )
    shown = display.for_readers(table)
    assert list(shown.columns) == ["group", "items", "in the research focus", "relative gap"]
    assert shown.values.tolist() == [
        ["LGBTIQ+ people", 3, "yes", "0.254"],  # 0.254321 to three decimals
        ["Women and girls", 0, "no", "–"],
    ]
    assert table["group"].tolist()[0] == "lgbtiq_people", "the input is left as it was"


def test_a_table_with_a_repeated_column_name():
    table = pd.DataFrame([["youth", True]], columns=["x", "x"])
    assert display.for_readers(table).values.tolist() == [[display.words("youth"), "yes"]]
