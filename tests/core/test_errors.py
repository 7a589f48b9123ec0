"""Errors users see name the file, sheet, row and column, and list every problem at once."""

from __future__ import annotations

import pytest

from lnob_methods.core.errors import InputError, LnobError, Problem


def test_problem_with_only_a_file_names_file_message_and_kind():
    p = Problem(file="inv.xlsx", kind="missing-sheet", message="No sheet 'Evidence'.")
    assert str(p) == "inv.xlsx: No sheet 'Evidence'. [missing-sheet]"


def test_problem_with_every_location_and_a_value():
    p = Problem(
        file="inv.xlsx",
        kind="unknown-code",
        message="Not a known group.",
        sheet="Evidence",
        row=7,
        column="group",
        value="womn",
    )
    # Parts joined by ", ", the sheet and column quoted with repr, the value in parentheses.
    assert str(p) == (
        "inv.xlsx, sheet 'Evidence', row 7, column 'group': "
        "Not a known group. (value: 'womn') [unknown-code]"
    )


def test_a_config_file_calls_its_fields_keys():
    p = Problem(
        file="kenya.yml", kind="unknown-key", message="Unknown.", column="contry", label="key"
    )
    assert str(p) == "kenya.yml, key 'contry': Unknown. [unknown-key]"


def test_row_zero_and_a_falsy_value_are_still_shown():
    # Row 0 and value 0 are information; only None means "not known".
    p = Problem(file="f.csv", kind="k", message="m", row=0, value=0)
    assert str(p) == "f.csv, row 0: m (value: 0) [k]"


def test_a_numeric_value_is_shown_without_quotes():
    p = Problem(file="f.csv", kind="year-range", message="Too old.", column="year", value=1850)
    assert str(p) == "f.csv, column 'year': Too old. (value: 1850) [year-range]"


def test_input_error_lists_every_problem_and_counts_them():
    a = Problem(file="a.xlsx", kind="k1", message="First.", row=2)
    b = Problem(file="b.yml", kind="k2", message="Second.", column="x", label="key")
    err = InputError([a, b])
    assert str(err) == (
        "2 problem(s) found:\n  - a.xlsx, row 2: First. [k1]\n  - b.yml, key 'x': Second. [k2]"
    )
    assert err.problems == [a, b]


def test_input_error_keeps_its_own_copy_of_the_problems():
    problems = [Problem(file="a", kind="k", message="m")]
    err = InputError(problems)
    problems.append(Problem(file="b", kind="k", message="m"))
    assert len(err.problems) == 1


def test_input_error_is_an_lnob_error():
    with pytest.raises(LnobError, match=r"^1 problem\(s\) found:"):
        raise InputError([Problem(file="a", kind="k", message="m")])
