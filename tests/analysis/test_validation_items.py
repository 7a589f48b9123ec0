"""What goes back to the people: statements in plain words, labels, community priority by cell."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import validation_items as vi
from lnob_methods.voices import coding


def test_gap_statement_in_plain_words():
    assert vi.gap_statement("Youth", "10.2", ["voices"]) == (
        "Youth: too little is known about reduced inequalities (SDG target 10.2): the people "
        "concerned have not been asked."
    )
    assert vi.gap_statement("Youth", "4.5", ["absolute", "focus"]) == (
        "Youth: too little is known about quality education (SDG target 4.5): nobody has "
        "studied it: no survey, study or programme data."
    )


def test_item_labels_for_readers():
    groups = pd.DataFrame({"group": ["youth"], "label": ["Youth"]})
    labels = vi.item_labels(
        ["gap__youth__10_2", "proposal__no_such_theme"], groups, coding.load_codebook()
    )
    assert labels == ["gap: Youth × SDG 10.2", "proposal: no_such_theme"]
