"""`make regression` copies the pilots' published notebooks and their run cards, or stops.

The runner is replaced by a stand-in that reports outcomes for planned jobs: no notebook runs.
"""

from __future__ import annotations

import pytest

from lnob_methods.cli import regression
from lnob_methods.core import paths
from lnob_methods.run import runner


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A stand-in checkout: results, references and the toc go to tmp_path; runs are faked."""
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(regression, "REGRESSION", tmp_path / "tests" / "regression")
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path / "book" / "results"))
    calls = {"planned": None, "toc": 0, "statuses": {}}

    def plan(countries, notebooks, given):
        calls["planned"] = (countries, notebooks, given)
        return [runner.Job("KEN", "stocktake", {}), runner.Job("NPL", "voices", {})]

    def run(jobs):
        return [
            runner.Outcome(j, calls["statuses"].get(j.country, "ran"), f"{j.country} broke")
            for j in jobs
        ]

    def write_toc():
        calls["toc"] += 1

    monkeypatch.setattr(regression.runner, "plan", plan)
    monkeypatch.setattr(regression.runner, "run", run)
    monkeypatch.setattr(regression.toc, "write_toc", write_toc)
    return tmp_path, calls


def _publish(root, country, notebook, text):
    page = root / "book" / "results" / country / f"{notebook}.ipynb"
    card = page.parent / "exports" / notebook / "runcard.json"
    card.parent.mkdir(parents=True)
    page.write_text(text)
    card.write_text(f'{{"country": "{country}"}}\n')


def test_references_are_copied_with_their_run_cards(checkout, capsys):
    root, calls = checkout
    _publish(root, "KEN", "stocktake", "ken notebook")
    _publish(root, "NPL", "voices", "npl notebook")
    assert regression.regenerate() == 0
    assert calls["planned"] == (["BGD", "KEN", "NPL", "VNM"], None, {}), "the configured pilots"
    assert calls["toc"] == 1
    ref = root / "tests" / "regression"
    assert (ref / "KEN" / "stocktake" / "stocktake.ipynb").read_text() == "ken notebook"
    assert (ref / "KEN" / "stocktake" / "runcard.json").read_text() == '{"country": "KEN"}\n'
    assert (ref / "NPL" / "voices" / "voices.ipynb").read_text() == "npl notebook"
    assert (ref / "NPL" / "voices" / "runcard.json").read_text() == '{"country": "NPL"}\n'
    assert capsys.readouterr().out.splitlines() == [
        "reference written: tests/regression/KEN/stocktake/stocktake.ipynb",
        "reference written: tests/regression/NPL/voices/voices.ipynb",
    ]


def test_a_failed_run_stops_before_any_reference_is_written(checkout, capsys):
    root, calls = checkout
    calls["statuses"]["NPL"] = "failed"
    _publish(root, "KEN", "stocktake", "ken notebook")
    assert regression.regenerate() == 1
    out, err = capsys.readouterr()
    assert err == "FAILED: NPL broke\n"
    assert out == ""
    assert not (root / "tests" / "regression").exists()


def test_skipped_runs_are_copied_like_fresh_ones(checkout, capsys):
    root, calls = checkout
    calls["statuses"].update(KEN="skipped", NPL="skipped")  # unchanged since the last run
    _publish(root, "KEN", "stocktake", "ken notebook")
    _publish(root, "NPL", "voices", "npl notebook")
    assert regression.regenerate() == 0
    assert (root / "tests" / "regression" / "NPL" / "voices" / "voices.ipynb").exists()
