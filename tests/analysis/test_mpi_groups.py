"""OPHI MPI 2024 by age group and by area: known answers from the file, the rule, the page."""

from __future__ import annotations

import json
import shutil

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from lnob_methods.analysis import mpi_groups
from lnob_methods.plots import mpi as plots_mpi
from lnob_methods.reference import ophi
from tests.helpers import ROOT, lnob

# Read by hand with:
#   zcat data/reference/ophi_mpi2024_harmonised_trends_disaggregated_long.csv.gz \
#     | grep "^NPL,Nepal,MICS,2019,DHS,2022," \
#     | grep -E ",(national,national|age_group,0-9|area,Rural),"
NPL_NATIONAL_MPI_T1 = 0.0677731399868784
NPL_0_9_MPI_T1 = 0.1154080618241689
NPL_0_9_H_T0 = 27.871377114126627
NPL_RURAL_MPI_CHANGE = -0.0067950474473945
NPL_RURAL_H_T1 = 23.82879100651786


def _row(frame, disaggregation, group):
    hit = frame[(frame["disaggregation"] == disaggregation) & (frame["group"] == group)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_nepal_known_answers_from_the_file():
    b = mpi_groups.breakdowns("NPL")
    assert list(b.columns) == mpi_groups.COLUMNS
    # Nepal has five harmonised pairs; the page uses the latest, MICS 2019 to DHS 2022.
    assert set(map(tuple, b[mpi_groups.PERIOD].to_numpy())) == {("MICS", "2019", "DHS", "2022")}
    assert list(b["group"]) == ["national", "0-9", "10-17", "18-59", "60+", "0-17", "18+"] + [
        "Rural",
        "Urban",
    ]
    assert _row(b, "national", "national")["mpi_t1"] == pytest.approx(
        NPL_NATIONAL_MPI_T1, abs=1e-12
    )
    assert _row(b, "age_group", "0-9")["mpi_t1"] == pytest.approx(NPL_0_9_MPI_T1, abs=1e-12)
    assert _row(b, "age_group", "0-9")["h_pct_t0"] == pytest.approx(NPL_0_9_H_T0, abs=1e-12)
    rural = _row(b, "area", "Rural")
    assert rural["mpi_change_per_year"] == pytest.approx(NPL_RURAL_MPI_CHANGE, abs=1e-12)
    assert rural["h_pct_t1"] == pytest.approx(NPL_RURAL_H_T1, abs=1e-12)
    every = mpi_groups.breakdowns("NPL", all_periods=True)
    assert len(every) == 5 * 9 and every.iloc[0]["year_t0"] == "2006"


def test_nepal_furthest_behind_groups():
    top = mpi_groups.furthest_behind_groups("NPL")
    assert list(top.columns) == mpi_groups.FURTHEST_COLUMNS
    assert list(top["disaggregation"]) == ["age_group", "area"]
    assert list(top["group"]) == ["0-9", "Rural"]
    assert top.iloc[0]["ratio_to_national_mpi"] == pytest.approx(
        NPL_0_9_MPI_T1 / NPL_NATIONAL_MPI_T1, abs=1e-12
    )


@pytest.mark.parametrize("iso3", ["BGD", "KEN", "NPL", "VNM"])
def test_every_pilot_has_a_breakdown(iso3):
    b = mpi_groups.breakdowns(iso3)
    assert set(b["disaggregation"]) == {"national", "age_group", "area"}
    assert b[["mpi_t0", "mpi_t1", "h_pct_t0", "h_pct_t1"]].notna().all().all()


def _wide(rows, pair=("DHS", "2016", "DHS", "2022")):
    """Return a breakdowns-like table from (disaggregation, group, mpi_t1) rows."""
    frame = pd.DataFrame(rows, columns=["disaggregation", "group", "mpi_t1"])
    for col, value in zip(mpi_groups.PERIOD, pair, strict=True):
        frame[col] = value
    frame["h_pct_t1"] = frame["mpi_t1"] * 200
    return frame.reindex(columns=mpi_groups.COLUMNS)


def test_furthest_behind_rule_by_hand():
    table = _wide(
        [
            ("national", "national", 0.2),
            ("age_group", "0-9", 0.3),
            ("age_group", "60+", 0.3),  # tie with 0-9: "0-9" sorts first
            ("age_group", "18-59", 0.1),
            ("age_group", "0-17", 0.9),  # a union of finer groups never competes
            ("area", "Urban", 0.1),
            ("area", "Rural", 0.25),
        ]
    )
    top = mpi_groups.pick_furthest_behind(table)
    assert list(top["group"]) == ["0-9", "Rural"]
    assert list(top["mpi_t1"]) == [0.3, 0.25]
    assert list(top["national_mpi_t1"]) == [0.2, 0.2]
    assert top["ratio_to_national_mpi"].tolist() == pytest.approx([1.5, 1.25], abs=1e-12)
    assert top.iloc[1]["h_pct_t1"] == pytest.approx(50.0, abs=1e-12)
    assert mpi_groups.finding_text(table, "Testland") == (
        "In the latest harmonised survey for Testland (DHS 2022, national MPI 0.200), the age "
        "group furthest behind is people aged 0-9 (MPI 0.300, 1.50 times the national MPI) and "
        "the area furthest behind is rural areas (MPI 0.250, 1.25 times the national MPI)."
    )


def test_only_the_latest_pair_counts_and_zero_national_gives_no_ratio():
    old = _wide([("national", "national", 0.5), ("area", "Urban", 0.9)], ("DHS", "2010") * 2)
    new = _wide([("national", "national", 0.0), ("area", "Urban", 0.0), ("area", "Rural", 0.0)])
    top = mpi_groups.pick_furthest_behind(pd.concat([old, new], ignore_index=True))
    assert list(top["group"]) == ["Rural"] and top.iloc[0]["year_t1"] == "2022"
    assert np.isnan(top.iloc[0]["ratio_to_national_mpi"])


def test_breakdowns_pivot_and_order_on_a_hand_made_file(monkeypatch):
    rows = []
    for pair, base in [
        (("DHS", "2008-2009", "DHS", "2014"), 0.1),
        (("DHS", "2014", "MICS", "2019"), 0.0),
    ]:
        for dis, group in [("area", "Urban"), ("area", "Rural"), ("national", "national")]:
            for stat, v in [("t0", 0.4), ("t1", 0.2), ("annualized_abs_change", -0.04)]:
                rows.append(("XXX", *pair, dis, group, "mpi", stat, v + base))
                rows.append(("XXX", *pair, dis, group, "headcount_ratio_H", stat, 100 * v))
    frame = pd.DataFrame(
        rows,
        columns=["iso3", *mpi_groups.PERIOD, "disaggregation", "group"]
        + [
            "measure",
            "statistic",
            "value",
        ],
    )
    monkeypatch.setattr(ophi, "trends", lambda: frame)
    b = mpi_groups.breakdowns("XXX")
    assert list(b["group"]) == ["national", "Rural", "Urban"]
    assert (b["year_t1"] == "2019").all()
    assert b["mpi_t1"].tolist() == [0.2, 0.2, 0.2] and b["h_pct_change_per_year"].iloc[0] == -4.0
    every = mpi_groups.breakdowns("XXX", all_periods=True)
    assert list(every["year_t1"]) == ["2014"] * 3 + ["2019"] * 3


def test_country_not_in_the_file_gives_empty_frames_with_the_columns():
    b = mpi_groups.breakdowns("ABW")
    assert b.empty and list(b.columns) == mpi_groups.COLUMNS
    top = mpi_groups.furthest_behind_groups("ABW")
    assert top.empty and list(top.columns) == mpi_groups.FURTHEST_COLUMNS
    assert mpi_groups.finding_text(b, "Aruba") == (
        "The OPHI global MPI 2024 harmonised trend tables have no breakdown by age group or by "
        "urban/rural area for Aruba."
    )
    assert mpi_groups.table_caption(b, "Aruba") == (
        "No harmonised OPHI global MPI 2024 breakdown by age or by area exists for Aruba."
    )
    with pytest.raises(ValueError, match="No harmonised OPHI breakdown by age or area to draw"):
        plots_mpi.plot_mpi_groups(b, country="Aruba")


def test_figure_names_the_country_and_source_and_uses_shapes():
    fig = plots_mpi.plot_mpi_groups(mpi_groups.breakdowns("NPL"), country="Nepal")
    try:
        title = fig.get_suptitle()
        assert title.startswith("Nepal:") and "OPHI global MPI 2024 (harmonised)" in title
        age, area = fig.axes
        assert [t.get_text() for t in age.get_xticklabels()] == ["0-9", "10-17", "18-59", "60+"]
        assert [t.get_text() for t in area.get_xticklabels()] == ["Rural", "Urban"]
        markers = {line.get_label(): line.get_marker() for line in age.get_lines()}
        assert markers["group, t0"] != markers["group, t1"]
        styles = {line.get_label(): line.get_linestyle() for line in age.get_lines()}
        assert styles["national, t1"] == "--" and styles["national, t0"] == ":"
    finally:
        plt.close(fig)


def _published(folders, iso3):
    return json.loads((folders["results"] / iso3 / "furthest_behind.ipynb").read_text())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("iso3", "expected"), [("NPL", "people aged 0-9"), ("ABW", "no breakdown")]
)
def test_the_page_runs_with_and_without_a_breakdown(sandbox, iso3, expected):
    env, f = sandbox
    shutil.copyfile(
        ROOT / "notebooks" / "furthest_behind.md", f["notebooks"] / "furthest_behind.md"
    )
    res = lnob(
        env, "run", "--country", iso3, "--notebook", "furthest_behind", "--quiet", timeout=900
    )
    assert res.returncode == 0, res.stdout + res.stderr
    nb = _published(f, iso3)
    sources = ["".join(c["source"]) for c in nb["cells"]]
    assert any(s.startswith("## By age and by area") for s in sources)
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    text = json.dumps(outputs)
    assert expected in text
