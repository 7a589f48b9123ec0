"""Staging folders: a later run removes those of killed runs on this machine, and only those."""

from __future__ import annotations

import os
import subprocess
import sys

from lnob_methods.run import publish


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_only_this_machines_dead_runs_are_cleaned(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    staging = tmp_path / "state" / "staging"
    mine = publish.new_staging("KEN", "tiny")
    assert (mine / publish.OWNER).read_text() == os.uname().nodename
    dead = _dead_pid()
    killed = staging / f"NPL-tiny-{dead}-0123456789ab"
    killed.mkdir()
    (killed / publish.OWNER).write_text(os.uname().nodename)
    older = staging / f"BGD-tiny-{dead}-0123456789ac"  # made before the host file existed
    older.mkdir()
    remote = staging / f"VNM-tiny-{dead}-0123456789ad"  # a Dask worker's, on another machine
    remote.mkdir()
    (remote / publish.OWNER).write_text("worker-7.example")
    assert publish.clean_stale_staging() == 2
    assert sorted(p.name for p in staging.iterdir()) == sorted([mine.name, remote.name])


def test_publish_writes_the_country_data_package_over_every_notebook(tmp_path, monkeypatch):
    import json

    import nbformat

    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path / "results"))
    for notebook, csv in [("stocktake", "a,b\n1,x\n"), ("gap_analysis", "n\n2\n")]:
        staging = tmp_path / f"staging-{notebook}"
        (staging / "exports").mkdir(parents=True)
        (staging / "exports" / "table.csv").write_text(csv, encoding="utf-8")
        (staging / "runcard.json").write_text('{"inputs": {}}', encoding="utf-8")
        publish.publish(staging, nbformat.v4.new_notebook(), "KEN", notebook)
    pkg = json.loads(
        (tmp_path / "results" / "KEN" / "exports" / "datapackage.json").read_text(encoding="utf-8")
    )
    # The second publish rewrote the package: both notebooks' tables are in it.
    assert [r["path"] for r in pkg["resources"]] == [
        "gap_analysis/table.csv",
        "stocktake/table.csv",
    ]
    assert pkg["resources"][1]["schema"]["fields"] == [
        {"name": "a", "type": "integer"},
        {"name": "b", "type": "string"},
    ]
