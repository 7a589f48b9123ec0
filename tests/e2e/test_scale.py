"""Many countries and more than one machine: failure summary and the Dask scheduler path."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.helpers import FIXTURES, lnob, snapshot

pytestmark = pytest.mark.slow


def _tiny(folders, failing=()):
    tpl = (FIXTURES / "notebooks" / "tiny.md").read_text()
    if failing:
        tpl = tpl.replace("if fail:", f"if fail or country in {sorted(failing)!r}:")
    (folders["notebooks"] / "tiny.md").write_text(tpl)


def test_many_countries_with_a_failure_summary(sandbox):
    env, f = sandbox
    _tiny(f, failing={"CHN"})
    codes = ["BRA", "CHN", "ETH", "IND", "MEX", "UGA", "PER", "GHA", "TZA", "NGA", "KEN"]
    res = lnob(env, "run", "--country", *codes, "--jobs", "2")
    assert res.returncode == 1
    assert "lnob run: 100%" in res.stderr, "a progress bar is shown"
    summary = json.loads((f["state"] / "last-run.json").read_text())
    assert summary[0] == {
        "country": "CHN",
        "notebook": "tiny",
        "status": "failed",
        "message": summary[0]["message"],
        "seconds": summary[0]["seconds"],
        "cell_seconds": 0.0,
    }
    ran = [r for r in summary if r["status"] == "ran"]
    assert all(0 < r["cell_seconds"] < r["seconds"] for r in ran), "the cells' share of each run"
    assert "ValueError: planned failure for the test" in summary[0]["message"]
    assert sorted(r["country"] for r in summary if r["status"] == "ran") == sorted(
        set(codes) - {"CHN"}
    ), [r for r in summary if r["status"] != "ran"]  # shows why another country did not run
    # Nine non-pilot countries with results: they get one index page; the pilot keeps its chapter.
    toc = yaml.safe_load((f["state"] / "_toc.yml").read_text())
    parts = {p["caption"]: p["chapters"] for p in toc["parts"]}
    assert [c["file"].split("/")[-2] for c in parts["Country results"]] == ["KEN"]
    (index,) = parts["All countries"]
    assert index["file"].endswith("/global") and len(index["sections"]) == 9
    page = (f["results"] / "global.md").read_text()
    assert "| Ethiopia | ETH | {doc}`ETH/index` |" in page


def test_country_all_plans_every_country_of_the_database(sandbox):
    from lnob_methods.reference import countries
    from lnob_methods.run import runner

    jobs = runner.plan(sorted(countries.iso3_names()), ["official_stocktake"], {})
    assert len(jobs) == len(countries.iso3_names()) > 200


def test_dask_scheduler_path(sandbox, monkeypatch):
    distributed = pytest.importorskip("distributed")
    env, f = sandbox
    _tiny(f, failing={"NPL"})
    # The cluster's workers are started without the sandbox's folder settings (as on another
    # machine): the runner sends them with each job, so nothing lands in the repository.
    for key in ("LNOB_NOTEBOOKS_DIR", "LNOB_RESULTS_DIR", "LNOB_STATE_DIR", "LNOB_TOC"):
        monkeypatch.delenv(key, raising=False)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        res = lnob(
            env,
            "run",
            "--country",
            "KEN",
            "NPL",
            "VNM",
            "--quiet",
            "--scheduler",
            cluster.scheduler_address,
        )
        assert res.returncode == 1
        assert "NPL/tiny failed in cell" in res.stderr
        assert (f["results"] / "KEN" / "tiny.ipynb").exists()
        assert not (f["results"] / "NPL" / "tiny.ipynb").exists()
        again = lnob(
            env,
            "run",
            "--country",
            "KEN",
            "VNM",
            "--quiet",
            "--scheduler",
            cluster.scheduler_address,
        )
        assert "0 ran, 2 skipped" in again.stdout, "same cache as local runs"
        # A failing re-run on the cluster keeps the published result byte for byte, as locally.
        before = snapshot(f["results"] / "KEN")
        broken = lnob(
            env,
            "run",
            "--country",
            "KEN",
            "--quiet",
            "-p",
            "fail=True",
            "--scheduler",
            cluster.scheduler_address,
        )
        assert broken.returncode == 1 and "KEN/tiny failed in cell" in broken.stderr
        assert snapshot(f["results"] / "KEN") == before
        summary = json.loads((f["state"] / "last-run.json").read_text())
        assert [(r["country"], r["status"]) for r in summary] == [("KEN", "failed")]
        assert (f["state"] / "failed" / "KEN-tiny.ipynb").exists(), "partial notebook kept"
        assert not list((f["state"] / "staging").glob("*")), "no staging folder left behind"
    shutil.rmtree(f["state"] / "staging", ignore_errors=True)
