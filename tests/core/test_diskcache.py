"""The per-country cache: the same result as computing, and never stale."""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import country_evidence
from lnob_methods.core import diskcache


def test_cached_result_equals_a_fresh_computation(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    first = country_evidence.assemble("NPL")
    files = list((tmp_path / "state" / "cache" / "evidence").glob("NPL-*.pkl"))
    assert len(files) == 1
    again = country_evidence.assemble("NPL")  # from the cache
    for name in ("official", "inventory", "evidence", "cells", "group_gaps"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    assert again.place == first.place and again.focus_groups == first.focus_groups
    other = country_evidence.assemble("NPL", recency_years=3)  # other parameters, other entry
    assert len(list((tmp_path / "state" / "cache" / "evidence").glob("NPL-*.pkl"))) == 2
    assert not other.cells["gap_recency"].equals(first.cells["gap_recency"])


def test_an_unreadable_entry_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    calls = []

    def compute():
        calls.append(1)
        return {"answer": 42}

    assert diskcache.cached("demo", "KEN", {}, compute) == {"answer": 42}
    assert diskcache.cached("demo", "KEN", {}, compute) == {"answer": 42}
    assert len(calls) == 1
    (entry,) = (tmp_path / "state" / "cache" / "demo").glob("KEN-*.pkl")
    entry.write_bytes(b"not a pickle")
    assert diskcache.cached("demo", "KEN", {}, compute) == {"answer": 42}
    assert len(calls) == 2


def test_cached_testimonies_stay_in_the_private_folder(tmp_path, monkeypatch):
    from lnob_methods.voices import prepare as voices

    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    v = voices.prepare("KEN")
    assert len(v.redactions) > 0  # the entry holds personal data ...
    assert list((tmp_path / "state" / "private" / "cache" / "voices").glob("KEN-*.pkl"))
    assert not (
        tmp_path / "state" / "cache" / "voices"
    ).exists()  # ... so never in the shared cache


def _slow_square(root, log, x):
    """Compute x*x once a second, noting each computation in ``log`` (a worker process)."""
    import time

    def compute():
        with open(log, "a") as fh:
            fh.write("computed\n")
        time.sleep(1.0)
        return x * x

    return diskcache.cached("demo", "KEN", {"x": x}, compute, root=root)


def test_parallel_runs_compute_a_shared_entry_once(tmp_path):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    log = tmp_path / "log"
    with ProcessPoolExecutor(3, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(_slow_square, [tmp_path] * 3, [log] * 3, [7] * 3))
    assert results == [49, 49, 49]
    assert log.read_text() == "computed\n", "the others waited for the first and loaded its entry"
