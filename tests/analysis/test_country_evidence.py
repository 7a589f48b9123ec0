"""What a CountryEvidence says about itself, on the tiny hand-made object of tests/helpers."""

from __future__ import annotations

import dataclasses

import pandas as pd

from tests.helpers.evidence import D, W, country_evidence


def test_synthetic_when_any_inventory_file_is_synthetic():
    ce = country_evidence()  # synthetic_care.csv, plan.xlsx, forum.csv
    assert ce.synthetic and ce.data_label == "synthetic inventories"
    with_voices = dataclasses.replace(ce, testimonies_synthetic=True)
    assert with_voices.data_label == "synthetic inventories and synthetic testimonies"
    real = dataclasses.replace(ce, inventory=ce.inventory.assign(_file="care.xlsx"))
    assert not real.synthetic and real.data_label == "inventories"


def test_severity_is_the_largest_relative_gap_where_the_group_is_behind():
    ce = country_evidence()
    extra = pd.DataFrame(
        {"group": [W], "target": ["1.2"], "relative_gap": [1.4], "group_behind": [True]}
    )
    ce = dataclasses.replace(ce, group_gaps=pd.concat([ce.group_gaps, extra], ignore_index=True))
    # Behind: W × 1.2 (0.25, and 1.4 clipped to 1), rural × 10.2 (0.5), poverty × 1.2 (0.5),
    # D × 10.2 (0.333); W × 5.1 (0.9) is not behind and has no severity.
    assert ce.severity().round(3).to_dict() == {
        (D, "10.2"): 0.333,
        ("people_in_poverty", "1.2"): 0.5,
        ("rural_population", "10.2"): 0.5,
        (W, "1.2"): 1.0,
    }
