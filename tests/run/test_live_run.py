"""Only the live run publishes: a cancelled run, an orphaned worker and a dead runner do not."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from lnob_methods.run import live_run


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    return tmp_path


def _mine(state) -> live_run.LiveRun:
    # A run whose "runner" is this process's parent, as a worker sees its run.
    run = live_run.start()
    return live_run.LiveRun(run.path, os.getppid())


def test_a_live_run_publishes(state):
    run = _mine(state)
    done = []
    with live_run.publishing(run):
        done.append(True)
    assert done == [True]


def test_a_cancelled_run_publishes_nothing(state):
    run = _mine(state)
    live_run.cancel(run)
    with pytest.raises(live_run.RunCancelled), live_run.publishing(run):
        pytest.fail("the block must not run")


def test_a_worker_whose_runner_is_gone_publishes_nothing(state):
    run = live_run.start()
    orphan = live_run.LiveRun(run.path, os.getppid() + 1_000_000)  # not this process's parent
    assert not live_run.is_live(orphan)
    with pytest.raises(live_run.RunCancelled), live_run.publishing(orphan):
        pytest.fail("the block must not run")


def test_an_ended_run_publishes_nothing(state):
    run = _mine(state)
    live_run.finish(run)
    with pytest.raises(live_run.RunCancelled), live_run.publishing(run):
        pytest.fail("the block must not run")


def test_cancel_waits_for_the_page_being_published(state):
    run = _mine(state)
    inside, release, order = threading.Event(), threading.Event(), []

    def publisher():
        with live_run.publishing(run):
            inside.set()
            release.wait(10)
            order.append("published")

    def canceller():
        live_run.cancel(run)
        order.append("cancelled")

    first = threading.Thread(target=publisher)
    first.start()
    assert inside.wait(10)
    second = threading.Thread(target=canceller)
    second.start()
    time.sleep(0.3)
    assert order == [], "cancel waits while a page is being published"
    release.set()
    first.join(10)
    second.join(10)
    assert order == ["published", "cancelled"]
    assert json.loads(Path(run.path).read_text(encoding="utf-8"))["cancelled"] is True


def test_files_of_dead_runs_are_removed_when_a_run_starts(state):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    folder = state / "runs"
    folder.mkdir()
    old = folder / "dead.json"
    old.write_text(json.dumps({"pid": int(dead.stdout), "cancelled": False}))
    run = live_run.start()
    assert not old.exists()
    assert os.path.exists(run.path)


def test_a_child_dies_with_its_parent(tmp_path):
    # parent -> child; the child asks for SIGTERM when its parent dies and writes its pid.
    pid_file = tmp_path / "child.pid"
    child = textwrap.dedent(
        f"""
        import os, sys, time
        from lnob_methods.run import live_run
        live_run.die_with_parent(os.getppid())
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        time.sleep(60)
        """
    )
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import subprocess, sys, time\n"
            f"subprocess.Popen([sys.executable, '-c', {child!r}])\ntime.sleep(60)",
        ]
    )
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child started"
        time.sleep(0.1)
    pid = int(pid_file.read_text())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    assert not _running(pid), "the child died with its parent"


def _running(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
