"""What `lnob build` re-checks: the pilots in full, other countries' published pages only."""

from __future__ import annotations

import json

import pytest

from lnob_methods.reference import countries
from lnob_methods.run import runner


def _publish(results, country, notebook, parameters):
    path = results / country / f"{notebook}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"lnob": {"country": country, "notebook": notebook, "parameters": parameters}}
    path.write_text(json.dumps({"cells": [], "metadata": meta, "nbformat": 4}), encoding="utf-8")


@pytest.fixture
def results(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path))
    return tmp_path


def _jobs(plan):
    return {(j.country, j.notebook): j.parameters for j in plan}


def test_a_fresh_clone_plans_every_template_of_every_pilot(results):
    jobs = _jobs(runner.build_plan())
    pilots = countries.configured_countries()
    assert sorted(jobs) == sorted((c, n) for c in pilots for n in runner.templates())
    assert jobs[("KEN", "official_stocktake")]["since_year"] == 2000, "the template's default"


def test_other_countries_keep_to_their_published_pages(results):
    for code in ("ETH", "BRA", "FJI"):
        _publish(results, code, "official_stocktake", {"country": code, "since_year": 2000})
    jobs = _jobs(runner.build_plan())
    assert [k for k in jobs if k[0] == "ETH"] == [("ETH", "official_stocktake")]
    assert len(jobs) == 4 * len(runner.templates()) + 3, "no other template starts for them"


def test_a_published_page_keeps_its_parameters(results):
    _publish(results, "KEN", "official_stocktake", {"country": "KEN", "since_year": 2015})
    _publish(results, "ETH", "official_stocktake", {"since_year": 2010, "focus_targets": "1.1"})
    jobs = _jobs(runner.build_plan())
    assert jobs[("KEN", "official_stocktake")]["since_year"] == 2015
    assert jobs[("KEN", "gap_analysis")]["since_year"] == 2000, "unpublished: defaults"
    assert jobs[("ETH", "official_stocktake")] == {
        "country": "ETH",
        "since_year": 2010,
        "focus_targets": "1.1",
    }


def test_a_published_page_is_planned_with_its_parameters_in_the_first_runs_order(results):
    # papermill injects the parameters in this order: a rebuild that re-runs a page must write
    # the same notebook as the first build did, byte for byte (country first, as declared).
    first = [list(j.parameters) for j in runner.build_plan() if j.country == "KEN"]
    for notebook in runner.templates():
        _publish(results, "KEN", notebook, {"since_year": 2000, "country": "KEN", "k": 5})
    again = [list(j.parameters) for j in runner.build_plan() if j.country == "KEN"]
    assert again == first
    assert all(names[0] == "country" for names in again)


def test_parameters_the_template_no_longer_takes_fall_back_to_defaults(results):
    _publish(results, "KEN", "voices", {"k": 8, "dropped_since": True})
    _publish(results, "NPL", "voices", {"k": "not a number"})
    jobs = _jobs(runner.build_plan())
    assert jobs[("KEN", "voices")]["k"] == 8 and "dropped_since" not in jobs[("KEN", "voices")]
    assert jobs[("NPL", "voices")]["k"] == 5, "a value of the wrong type: the default"


def test_a_run_rewrites_each_country_data_package_once_all_runs_are_done(results, monkeypatch):
    # Parallel publishes may each have seen only part of the exports: the run writes the package
    # again at the end. Here the run has nothing to do (fresh) and the package is still written.
    monkeypatch.setenv("LNOB_STATE_DIR", str(results / "state"))
    monkeypatch.setattr(runner, "is_fresh", lambda job, key: True)
    monkeypatch.setattr(runner.cachekey, "cache_key", lambda *args: "key")
    table = results / "KEN" / "exports" / "stocktake" / "evidence_table.csv"
    table.parent.mkdir(parents=True)
    table.write_text("item_id,year\nCARE:1,2019\n", encoding="utf-8")
    outcomes = runner.run([runner.Job("KEN", "stocktake", {})], progress=False)
    assert [o.status for o in outcomes] == ["skipped"]
    package = json.loads((results / "KEN" / "exports" / "datapackage.json").read_text())
    assert [r["path"] for r in package["resources"]] == ["stocktake/evidence_table.csv"]
    fields = package["resources"][0]["schema"]["fields"]
    assert [(f["name"], f["type"]) for f in fields] == [("item_id", "string"), ("year", "integer")]


def test_the_extract_is_converted_aside_once(tmp_path, monkeypatch):
    # A run from clean converts the UN extract in a process of its own, in a process group of its
    # own (the terminal's Ctrl-C goes to the run, which stops it); converted, nothing starts.
    import os

    from lnob_methods.reference import sdgdb

    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    assert not sdgdb.cache_path().exists()
    proc = runner._convert_extract_aside()
    assert proc is not None and os.getpgid(proc.pid) == proc.pid
    assert proc.wait(timeout=120) == 0
    assert sdgdb.cache_path().exists()
    assert runner._convert_extract_aside() is None


def test_a_conversion_still_going_is_stopped():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    runner._stop(proc)
    assert proc.returncode is not None and proc.returncode < 0
    runner._stop(None)  # nothing started: nothing to do


def test_a_run_that_ends_leaves_the_extract_converted(tmp_path, monkeypatch):
    # As when a pool worker converted it: the next run (an interrupted one too) reads it.
    from lnob_methods.reference import sdgdb

    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    assert runner.run([], progress=False) == []
    assert sdgdb.cache_path().exists()
