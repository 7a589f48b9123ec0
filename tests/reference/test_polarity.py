"""The declared polarity table: its checks, its cache, and what the book's series need."""

from __future__ import annotations

import os

import pytest

from lnob_methods.core.errors import InputError
from lnob_methods.reference import polarity, sdgdb


def test_the_table_reads_and_every_series_is_in_the_catalogue():
    table = polarity.series_polarity()
    assert set(table["polarity"]) <= set(polarity.POLARITIES)
    assert table["series_code"].is_unique
    assert table["reason"].str.strip().str.len().gt(20).all(), "a reason a reader can check"
    unknown = set(table["series_code"]) - set(sdgdb.catalogue()["series_code"])
    assert not unknown


def test_each_direction_is_used():
    counts = polarity.series_polarity()["polarity"].value_counts()
    assert set(counts.index) == set(polarity.POLARITIES)


def test_reader_labels_never_show_codes():
    assert polarity.direction_label("higher_is_better") == "higher is better"
    assert polarity.direction_label("higher_is_worse") == "higher is worse"
    assert polarity.direction_label(None) == "not ranked: no direction declared"
    assert polarity.direction_label("no_direction").startswith("not ranked")


def test_every_problem_is_reported_at_once(tmp_path):
    bad = tmp_path / "polarity.csv"
    bad.write_text(
        "series_code,polarity,reason\n"
        "A,lower_is_better,coverage\n"
        "B,higher_is_worse,\n"
        "A,higher_is_better,coverage\n"
    )
    with pytest.raises(InputError) as err:
        polarity.series_polarity(bad)
    problems = [(p.kind, p.row, p.column) for p in err.value.problems]
    assert problems == [
        ("unknown-polarity", 2, "polarity"),
        ("empty", 3, "reason"),
        ("duplicate", None, "series_code"),
    ]
    text = str(err.value)
    assert "3 problem(s) found" in text
    assert (
        "row 2, column 'polarity': use one of higher_is_better, higher_is_worse, no_direction. "
        "(value: 'lower_is_better') [unknown-polarity]" in text
    )
    assert "is listed on rows 2, 4; keep one row per series. (value: 'A')" in text


def test_a_missing_column_is_named(tmp_path):
    bad = tmp_path / "polarity.csv"
    bad.write_text("series_code,direction\nA,up\n")
    with pytest.raises(InputError) as err:
        polarity.series_polarity(bad)
    assert [(p.kind, p.column) for p in err.value.problems] == [
        ("missing-column", "polarity"),
        ("missing-column", "reason"),
    ]


def test_cached_by_path_and_read_again_when_the_file_changes(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("series_code,polarity,reason\nX,higher_is_better,coverage is good\n")
    b.write_text("series_code,polarity,reason\nX,higher_is_worse,mortality\n")
    assert polarity.polarity_map(a) == {"X": "higher_is_better"}
    assert polarity.polarity_map(b) == {"X": "higher_is_worse"}
    a.write_text("series_code,polarity,reason\nX,no_direction,a count of people\n")
    st = a.stat()
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert polarity.polarity_map(a) == {"X": "no_direction"}
    # A caller cannot change the cached table by editing what it was given.
    given = polarity.series_polarity(b)
    given.loc[0, "polarity"] = "no_direction"
    assert polarity.polarity_map(b) == {"X": "higher_is_worse"}
