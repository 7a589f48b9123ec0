"""What results notebooks call: set-up, escaped tables, the run card (display captured)."""

from __future__ import annotations

import re
from unittest.mock import patch

import matplotlib as mpl
import numpy as np
import pandas as pd

from lnob_methods.site import notebook


def shown(call) -> str:
    """Return the HTML that ``call`` (a function of no argument) displayed, exactly once."""
    with patch.object(notebook, "display") as display:
        call()
    [(args, _)] = display.call_args_list
    return args[0].data


def cells(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", html, re.S)


TABLE = pd.DataFrame(
    {
        "group": ["<script>alert(1)</script>", "A & B", None],
        "n": pd.array([3, pd.NA, 5], dtype="Int64"),  # a suppressed count
        "share": [1.5, np.nan, 2.5],
    },
    index=["x", "y", "z"],
)
TABLE.columns.name = "leftover"


def test_show_table_escapes_text_and_shows_a_dash_for_missing_values():
    html = shown(lambda: notebook.show_table(TABLE, caption="Groups <i>& counts</i>"))
    assert html.startswith("<p><strong>Groups &lt;i&gt;&amp; counts&lt;/i&gt;</strong></p><table")
    assert 'class="dataframe lnob-table"' in html
    # No index, no cell for the columns' name: three headers, three cells a row.
    assert cells(html, "th") == ["group", "n", "share"]
    assert cells(html, "td") == [
        "&lt;script&gt;alert(1)&lt;/script&gt;", "3", "1.5",
        "A &amp; B", "–", "–",
        "–", "5", "2.5",
    ]  # fmt: skip
    assert "<script" not in html and "<NA>" not in html and "&lt;NA&gt;" not in html
    assert TABLE.columns.name == "leftover", "the caller's table is left as it was"


def test_show_table_without_caption_starts_with_the_table():
    html = shown(lambda: notebook.show_table(pd.DataFrame({"a": [1]})))
    assert html.startswith("<table") and "<p>" not in html


def test_setup_fixes_display_and_figure_settings():
    with (
        mpl.rc_context(),
        pd.option_context("display.max_rows", 7, "display.max_columns", 5, "display.width", 50),
    ):
        mpl.rcParams.update({"figure.dpi": 72, "svg.hashsalt": None, "figure.autolayout": True})
        notebook.setup()
        assert mpl.rcParams["figure.dpi"] == 100
        assert mpl.rcParams["savefig.dpi"] == 100
        assert mpl.rcParams["svg.hashsalt"] == "lnob"  # SVG ids the same on every run
        assert mpl.rcParams["font.family"] == ["DejaVu Sans"]
        assert mpl.rcParams["figure.autolayout"] is False
        assert pd.get_option("display.max_rows") == 200
        assert pd.get_option("display.max_columns") == 30
        assert pd.get_option("display.width") == 120


def test_show_run_card_lists_the_card_as_a_table():
    card = {
        "methodology_version": "1.2.0",
        "git_commit": "abc123",
        "run_date": "2024-05-01",
        "country": "KEN",
        "notebook": "stocktake",
        "python": "3.11.9",
        "parameters": {"country": "KEN", "since_year": 2015},
        "packages": {"pandas": "2.2.2"},
        "inputs": {"data/x.csv": "ff00"},
    }
    with patch.object(notebook.runcard, "read", return_value=card):
        html = shown(notebook.show_run_card)
    # folded at the end of the page: closed <details>, its summary names version and date
    assert html.startswith(
        '<details class="lnob-run-card"><summary>Run card: how this page was made '
        "(method 1.2.0, 2024-05-01)</summary>"
    )
    assert html.endswith("</details>") and "<details open" not in html
    assert cells(html, "th") == ["Item", "Value"]
    tds = cells(html, "td")
    assert list(zip(tds[::2], tds[1::2], strict=True)) == [
        ("Methodology version", "1.2.0"),
        ("Git commit", "abc123"),
        ("Run date (fixed: commit date)", "2024-05-01"),
        ("Country", "KEN"),
        ("Notebook", "stocktake"),
        ("Python", "3.11.9"),
        ("Parameter country", "'KEN'"),  # the repr of the value
        ("Parameter since_year", "2015"),
        ("Package pandas", "2.2.2"),
        ("Input data/x.csv", "sha256 ff00"),
    ]


def test_a_notice_goes_to_the_runs_file_and_nowhere_outside_a_run(tmp_path, monkeypatch, capsys):
    from lnob_methods.site import notebook as nb_helpers

    monkeypatch.delenv("LNOB_NOTICES", raising=False)
    nb_helpers.notice(["outside a run"])
    assert capsys.readouterr() == ("", ""), "nothing on the page outside a run"
    target = tmp_path / "notices.txt"
    monkeypatch.setenv("LNOB_NOTICES", str(target))
    nb_helpers.notice(["first", "second"])
    nb_helpers.notice(["third"])
    assert target.read_text(encoding="utf-8") == "first\nsecond\nthird\n"


def test_a_table_without_rows_says_none_under_its_caption():
    # A territory with no breakdown by group: the table of groups behind has no row.
    empty = pd.DataFrame({"group": pd.Series([], dtype=object), "gap": pd.Series([], dtype=float)})
    html = shown(lambda: notebook.show_table(empty, caption="Groups behind"))
    empty_text = '<p class="lnob-empty-table">Nothing to list.</p>'
    assert html == "<p><strong>Groups behind</strong></p>" + empty_text
