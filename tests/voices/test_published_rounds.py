"""Testimonies added between two rounds, audited: worked out by hand, k = 5."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import changes
from lnob_methods.voices import disclosure_audit, published


def _audit(table: pd.DataFrame) -> pd.DataFrame:
    pub = disclosure_audit.Publication()
    published._rounds(pub, table, {})
    return published.audit_table(pub, 5)


def test_hiding_only_the_small_number_added_gives_it_back():
    # 10 people before, 12 after: hiding only "added" (2) leaves 12 - 10 = 2 exactly.
    naive = pd.DataFrame(
        {"group": ["women"], "before": [10], "after": [12], "added": pd.array([pd.NA], "Int64")}
    )
    audit = _audit(naive)
    assert audit["exposed"].tolist() == [True]
    assert (audit["low"].iloc[0], audit["high"].iloc[0]) == (2, 2)


def test_the_page_rule_hides_the_earlier_count_too_and_the_audit_passes():
    # The page's rule: added (2) is under k, so the earlier count (10) goes as well; then the
    # added count can be anything from 1 to 12 and the earlier one from 0 to 11.
    shown = changes.testimonies_added(pd.Series({"women": 10}), pd.Series({"women": 12}), k=5)
    assert shown["before"].isna().all() and shown["added"].isna().all()
    assert shown["after"].tolist() == [12]
    audit = _audit(shown).set_index("column")
    assert not audit["exposed"].any()
    assert (audit.loc["added", "low"], audit.loc["added", "high"]) == (1, 12)
    assert (audit.loc["before", "low"], audit.loc["before", "high"]) == (0, 11)
