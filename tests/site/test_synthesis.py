"""The cross-country page from hand-made country exports."""

from __future__ import annotations

import pandas as pd

from lnob_methods.site import synthesis


def _write(root, country, notebook, name, df):
    folder = root / country / "exports" / notebook
    folder.mkdir(parents=True, exist_ok=True)
    df.to_csv(folder / name, index=False)


def test_shared_gaps_overlaps_and_invisible_dimensions(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path))
    for c, orgs in [("KEN", [2, 0]), ("NPL", [3, 1])]:
        cells = pd.DataFrame(
            {
                "label": ["Youth", "Youth"],
                "target": ["10.2", "16.10"],
                "gap_disaggregation": [True, True],
                "gap_absolute": [True, c == "KEN"],
                "n_organisations": orgs,
            }
        )
        _write(tmp_path, c, "gap_analysis", "gap_cells.csv", cells)
        stock = pd.DataFrame(
            {"sex": ["none", "complete", "not applicable"], "age": ["none", "none", "partial"]}
        )
        _write(tmp_path, c, "official_stocktake", "indicator_stocktake.csv", stock)
    t = synthesis.tables(["KEN", "NPL"])
    assert t["shared_gaps"].values.tolist() == [["Youth", 1]]  # 10.2 in both; 16.10 in KEN only
    assert t["shared_overlaps"].values.tolist() == [["Youth", "10.2", "KEN, NPL"]]
    inv = t["invisible"].set_index("dimension")
    assert inv.loc["Age", "missing"] == 4 and inv.loc["Age", "missing (%)"] == 66.7
    assert inv.loc["Sex and gender", "missing (%)"] == 50.0
    assert synthesis.write_page(["KEN", "NPL"]) == "synthesis"
    page = (tmp_path / "synthesis.md").read_text()
    assert page.startswith("# Across countries")
    assert "| Youth | 10\\.2 | KEN, NPL |" in page


def test_shared_overlaps_sort_targets_as_numbers_not_text(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path))
    for c in ["KEN", "NPL"]:
        cells = pd.DataFrame(
            {
                "label": ["Youth"] * 3,
                "target": ["16.10", "4.7", "16.2"],
                "gap_disaggregation": [False] * 3,
                "gap_absolute": [False] * 3,
                "n_organisations": [2, 3, 2],
            }
        )
        _write(tmp_path, c, "gap_analysis", "gap_cells.csv", cells)
    t = synthesis.tables(["KEN", "NPL"])
    # As text "16.10" < "16.2" < "4.7"; as the framework lists them 4.7, 16.2, 16.10.
    assert t["shared_overlaps"]["target"].tolist() == ["4.7", "16.2", "16.10"]
