"""A run whose process dies (killed, out of memory, a lost Dask worker) is a failed outcome."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest

from lnob_methods.run import runner


def _job():
    return runner.Job("KEN", "official_stocktake", {"country": "KEN"})


def _failed_future(exc):
    fut = Future()
    fut.set_exception(exc)
    return fut


def test_a_broken_local_pool_fails_the_run_with_a_message():
    out = runner._result(_failed_future(BrokenProcessPool("A child process died")), _job())
    assert out.status == "failed"
    assert out.message == (
        "KEN/official_stocktake failed: the process running it died "
        "(BrokenProcessPool: A child process died)"
    )


def test_a_lost_dask_worker_fails_the_run_with_a_message():
    distributed = pytest.importorskip("distributed")
    worker = SimpleNamespace(address="tcp://127.0.0.1:40000")  # what the scheduler records
    lost = distributed.KilledWorker("execute-KEN", worker, allowed_failures=3)
    out = runner._result(_failed_future(lost), _job())
    assert out.status == "failed" and "(KilledWorker: " in out.message


def test_a_finished_run_passes_through():
    done = runner.Outcome(_job(), "ran", seconds=1.0)
    fut = Future()
    fut.set_result(done)
    assert runner._result(fut, _job()) is done
