"""MPI by age group and by area: the figure of a hand-made two-period table, worked out by hand.

The table has an older survey pair (DHS 2008-2009 to 2014, which must not be drawn) and the latest
(DHS 2014 to 2022)::

    disaggregation  group   mpi_t0  mpi_t1
    national        -       0.20    0.10
    age_group       0-9     0.30    0.20
    age_group       10-17   0.25    0.15
    age_group       0-17    0.28    0.18   (aggregate of 0-9 and 10-17: left out)
    age_group       60+     0.10    0.10
    area            urban   0.05    0.03
    area            rural   0.30    0.20
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lnob_methods.plots.mpi import plot_mpi_groups  # noqa: E402

LATEST = ("DHS", "2014", "DHS", "2022")
OLDER = ("DHS", "2008-2009", "DHS", "2014")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _table(with_areas=True) -> pd.DataFrame:
    rows = [
        (*OLDER, "national", "national", 0.30, 0.20),
        (*OLDER, "age_group", "0-9", 0.50, 0.40),  # higher than any latest value
        (*LATEST, "national", "national", 0.20, 0.10),
        (*LATEST, "age_group", "0-9", 0.30, 0.20),
        (*LATEST, "age_group", "10-17", 0.25, 0.15),
        (*LATEST, "age_group", "0-17", 0.28, 0.18),
        (*LATEST, "age_group", "60+", 0.10, 0.10),
    ]
    if with_areas:
        rows += [
            (*LATEST, "area", "urban", 0.05, 0.03),
            (*LATEST, "area", "rural", 0.30, 0.20),
        ]
    columns = ["survey_t0", "year_t0", "survey_t1", "year_t1", "disaggregation", "group"]
    return pd.DataFrame(rows, columns=[*columns, "mpi_t0", "mpi_t1"])


def test_title_labels_and_groups():
    fig = plot_mpi_groups(_table(), country="Kenya")
    age, area = fig.axes
    assert fig.get_suptitle() == (
        "Kenya: multidimensional poverty by age group and by area, DHS 2014 (t0) and DHS 2022 (t1)"
        "\nOPHI global MPI 2024 (harmonised)"
    )
    assert age.get_ylabel() == "MPI (0 to 1)"
    assert (age.get_xlabel(), area.get_xlabel()) == ("Age group (years)", "Area")
    # The aggregate 0-17 is left out; groups keep the table's order.
    assert [t.get_text() for t in age.get_xticklabels()] == ["0-9", "10-17", "60+"]
    assert [t.get_text() for t in area.get_xticklabels()] == ["urban", "rural"]


def test_markers_lines_and_values():
    age, area = plot_mpi_groups(_table(), country="Kenya").axes
    by_label = {line.get_label(): line for line in age.get_lines()}
    # One ring (t0) and one square (t1) per group: 3 of each on the age panel, 2 on the area one.
    assert list(by_label["group, t0"].get_ydata()) == [0.30, 0.25, 0.10]
    assert list(by_label["group, t1"].get_ydata()) == [0.20, 0.15, 0.10]
    assert (by_label["group, t0"].get_marker(), by_label["group, t1"].get_marker()) == ("o", "s")
    # 3 grey joining lines + 2 marker series + 2 national lines = 7; area: 2 + 2 + 2 = 6.
    assert (len(age.get_lines()), len(area.get_lines())) == (7, 6)
    # National lines at the latest pair's values: t1 0.10 dashed, t0 0.20 dotted.
    assert list(by_label["national, t1"].get_ydata()) == [0.10, 0.10]
    assert list(by_label["national, t0"].get_ydata()) == [0.20, 0.20]
    # The t1 value is written beside each square, three decimals.
    assert [t.get_text() for t in age.texts] == ["0.200", "0.150", "0.100"]
    assert [t.get_text() for t in area.texts] == ["0.030", "0.200"]


def test_shared_y_scale_from_the_latest_pair_only():
    age, area = plot_mpi_groups(_table(), country="Kenya").axes
    # Highest latest value 0.30 (0-9 and rural at t0), 18% headroom: 0.354. The older 0.50 is
    # not drawn and does not stretch the axis.
    assert age.get_ylim() == pytest.approx((0, 0.354))
    assert area.get_ylim() == pytest.approx((0, 0.354))


def test_legend_names_the_four_marks():
    fig = plot_mpi_groups(_table(), country="Kenya")
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["group, t0", "group, t1", "national, t1", "national, t0"]


def test_a_panel_without_groups_says_so():
    fig, axes = plt.subplots(1, 2)
    out = plot_mpi_groups(_table(with_areas=False), country="Kenya", axes=axes)
    assert out is fig  # drawn on the given axes
    assert [t.get_text() for t in axes[1].texts] == ["no breakdown"]


def test_an_empty_table_is_an_error_naming_the_country():
    with pytest.raises(ValueError, match=r"^No harmonised OPHI breakdown .* for Kenya\.$"):
        plot_mpi_groups(_table().iloc[0:0], country="Kenya")
