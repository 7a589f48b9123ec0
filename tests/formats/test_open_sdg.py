"""The disaggregation status in Open SDG's vocabulary: the stated rule on hand-made indicators."""

from __future__ import annotations

import pandas as pd
import pytest

from lnob_methods.formats.open_sdg import disaggregation_status, indicator_status

NA = "not applicable"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([NA, NA, NA], "notapplicable"),  # nothing to break down
        ([], "notapplicable"),
        (["complete", "complete", NA], "complete"),  # not-applicable dimensions do not count
        (["none", NA, "none"], "notstarted"),
        (["complete", "none", NA], "inprogress"),  # some there, not all
        (["partial", "partial"], "inprogress"),
        (["partial", "none"], "inprogress"),
        (["complete", "partial"], "inprogress"),
    ],
)
def test_indicator_status(statuses, expected):
    assert indicator_status(statuses) == expected


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="not a stocktake status: done"):
        indicator_status(["complete", "done"])


def test_one_row_per_indicator_with_each_dimension_in_the_same_vocabulary():
    table = pd.DataFrame(
        {
            "goal": [1, 5, 10],
            "target": ["1.1", "5.1", "10.b"],
            "indicator": ["1.1.1", "5.1.1", "10.b.1"],
            "indicator_title": ["a", "b", "c"],
            "sex": ["complete", "partial", NA],
            "income": ["none", NA, NA],
        }
    )
    out = disaggregation_status(table, ["sex", "income"])
    assert out.to_dict("records") == [
        {"goal": 1, "target": "1.1", "indicator": "1.1.1", "status": "inprogress",
         "sex": "complete", "income": "notstarted"},
        {"goal": 5, "target": "5.1", "indicator": "5.1.1", "status": "inprogress",
         "sex": "inprogress", "income": "notapplicable"},
        {"goal": 10, "target": "10.b", "indicator": "10.b.1", "status": "notapplicable",
         "sex": "notapplicable", "income": "notapplicable"},
    ]  # fmt: skip
