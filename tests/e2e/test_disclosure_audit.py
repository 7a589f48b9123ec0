"""Disclosure audit of everything the site publishes about each pilot's testimonies.

The counts come from the functions the pages call (lnob_methods.voices.published collects
them); the exports written by the voices run are checked to hold exactly those counts, so the
audit is of what is actually published. Every suppressed count must keep a feasible interval at
least k wide. Needs `make book` first (`make test` does it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lnob_methods.core import paths
from lnob_methods.voices import prepare as voices
from lnob_methods.voices import published

pytestmark = pytest.mark.slow

PILOTS = ["BGD", "KEN", "NPL", "VNM"]


def _same_counts(exported: pd.DataFrame, shown: pd.DataFrame, what: str) -> None:
    numeric = [c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c])]
    got = exported[[str(c) for c in numeric]].to_numpy(dtype=float)
    want = shown[numeric].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    assert got.shape == want.shape and np.array_equal(got, want, equal_nan=True), what


@pytest.mark.parametrize("iso3", PILOTS)
def test_exports_hold_the_audited_counts(iso3):
    folder = paths.results_dir() / iso3 / "exports" / "voices"
    if not (folder / "voices_tables.xlsx").exists():
        pytest.fail("the voices pages are not built: run `make book` (make test does it first)")
    v = voices.prepare(iso3)
    sheets = pd.read_excel(folder / "voices_tables.xlsx", sheet_name=None)
    _same_counts(sheets["status"], voices.accounting_table(v), f"{iso3} status")
    _same_counts(sheets["groups"], voices.group_counts(v), f"{iso3} groups")
    _same_counts(sheets["themes"], voices.theme_by_group(v).reset_index(), f"{iso3} themes")
    together = voices.cooccurrence(v).reset_index()
    _same_counts(sheets["themes_together"], together, f"{iso3} themes together")
    _same_counts(sheets["proposals"], voices.proposals_by_theme(v), f"{iso3} proposals")
    gap = pd.read_csv(folder / "voices_gap_cells.csv")
    _same_counts(gap, voices.gap_cells(v), f"{iso3} gap cells")


@pytest.mark.parametrize("iso3", PILOTS)
def test_no_suppressed_count_is_bounded_narrower_than_k(iso3):
    v = voices.prepare(iso3)
    audit = published.audit_table(published.publication(v), v.k)
    assert len(audit) > 50, "the pilots publish suppressed counts to audit"
    assert {"groups", "themes", "gap_cells"} <= set(audit["table"])
    exposed = audit[audit["exposed"]]
    assert exposed.empty, f"{iso3}: suppressed counts a reader can bound too narrowly:\n{exposed}"


@pytest.mark.parametrize("iso3", ["KEN", "NPL"])
def test_testimonies_added_between_rounds_are_audited_with_the_voices_page(iso3):
    # The "What changed" page publishes per group the people counted in each round and how many
    # were added; with the voices page's totals of the later round, no hidden count of either may
    # be bounded narrower than k.
    from lnob_methods.analysis import changes

    table = changes.compare(iso3)["testimonies"]
    assert len(table), f"{iso3}: the synthetic second round adds testimonies"
    v = voices.prepare(iso3)
    totals = voices.group_table(v)["Total"]
    for row in table.itertuples(index=False):  # the later count is the voices page's total
        if not pd.isna(row.after) and not pd.isna(totals.get(row.group)):
            assert row.after == totals[row.group], (iso3, row.group)
    audit = published.audit_table(published.publication(v, added=table), v.k)
    exposed = audit[audit["exposed"]]
    assert exposed.empty, f"{iso3}: counts bounded too narrowly:\n{exposed}"
