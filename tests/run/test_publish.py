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
