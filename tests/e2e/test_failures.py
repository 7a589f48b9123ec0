"""Failures mid-run: a kernel killed by a signal, a runner killed outright, a cell that raises.

In every case the previously published notebooks and exports stay byte-identical and no partial
file is left under the results folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, LNOB, ROOT, lnob, snapshot

pytestmark = pytest.mark.slow


def _processes_naming(folder):
    found = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc_dir / "cmdline").read_bytes()
            state = (proc_dir / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(folder).encode() in cmdline and state != "Z":
            found.append(proc_dir.name)
    return found


@pytest.fixture
def published(sandbox):
    env, f = sandbox
    shutil.copyfile(FIXTURES / "notebooks" / "tiny.md", f["notebooks"] / "tiny.md")
    assert lnob(env, "run", "--country", "KEN", "--quiet").returncode == 0
    return env, f, snapshot(f["results"])


def test_kernel_killed_by_a_signal(published):
    env, f, before = published
    res = lnob(env, "run", "--country", "KEN", "-p", "die=true", "--quiet")
    assert res.returncode == 1
    assert "KEN/tiny failed" in res.stderr and "DeadKernelError" in res.stderr
    assert snapshot(f["results"]) == before


def test_runner_killed_outright_leaves_nothing_partial(published):
    env, f, before = published
    proc = subprocess.Popen(
        [*LNOB, "run", "--country", "KEN", "NPL", "-p", "sleep=30", "--quiet"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    staging = f["state"] / "staging"
    while time.monotonic() < deadline and not any(staging.glob("*/runcard.json")):
        time.sleep(0.2)
    time.sleep(2)  # the kernels are executing now
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(f["results"]) == before
    # The kernel server and its kernels (their command line names the sandbox) follow the runner.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _processes_naming(f["notebooks"]):
        time.sleep(0.2)
    assert not _processes_naming(f["notebooks"]), "no kernel outlives a killed runner"
    assert any(staging.iterdir()), "the killed run's staging folders are still there"
    # The next run removes them and publishes normally.
    res = lnob(env, "run", "--country", "KEN", "NPL", "--quiet")
    assert res.returncode == 0
    assert (f["results"] / "NPL" / "tiny.ipynb").exists()
    assert list(staging.iterdir()) == []


def test_cell_error_keeps_exports_byte_identical(published):
    env, f, before = published
    res = lnob(env, "run", "--country", "KEN", "-p", "fail=true", "-p", "label=changed", "--quiet")
    assert res.returncode == 1
    assert "KEN/tiny failed in cell" in res.stderr
    assert snapshot(f["results"]) == before
    assert (f["state"] / "failed" / "KEN-tiny.ipynb").exists(), "kept for diagnosis, outside book/"


def _pool_workers(state):
    # The runner's worker processes for this sandbox: multiprocessing children with its state dir.
    found = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc_dir / "cmdline").read_bytes()
            environ = (proc_dir / "environ").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and f"LNOB_STATE_DIR={state}".encode() in environ:
            found.append(int(proc_dir.name))
    return found


def test_a_worker_process_killed_mid_run_is_reported_not_a_crash(published):
    env, f, before = published
    proc = subprocess.Popen(
        [*LNOB, "run", "--country", "KEN", "NPL", "-p", "sleep=20", "--quiet", "--jobs", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    staging = f["state"] / "staging"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(staging.glob("*/runcard.json"))) < 2:
        time.sleep(0.2)
    workers = _pool_workers(f["state"])
    assert workers, "the runner's worker processes were found"
    os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "unexpected error" not in err and "Traceback" not in err
    assert "failed: the process running it died (BrokenProcessPool" in err
    assert "0 ran, 0 skipped as unchanged, 2 failed" in out
    assert snapshot(f["results"]) == before, "published results are kept"
    summary = json.loads((f["state"] / "last-run.json").read_text())
    assert {(r["country"], r["status"]) for r in summary} == {("KEN", "failed"), ("NPL", "failed")}
