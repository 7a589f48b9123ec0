"""The runner end to end, as a user calls it: `lnob run` in a sandbox folder."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from tests.helpers import FIXTURES, ROOT, lnob, snapshot

pytestmark = pytest.mark.slow


def _tiny(folders):
    shutil.copyfile(FIXTURES / "notebooks" / "tiny.md", folders["notebooks"] / "tiny.md")


def test_run_publishes_then_skips_unchanged_then_reruns_on_new_parameter(sandbox):
    env, f = sandbox
    _tiny(f)
    first = lnob(env, "run", "--country", "KEN", "-p", "n=4", "--quiet")
    assert first.returncode == 0, first.stderr
    assert "1 ran, 0 skipped" in first.stdout
    nb = json.loads((f["results"] / "KEN" / "tiny.ipynb").read_text())
    assert nb["metadata"]["lnob"]["parameters"]["n"] == 4
    assert "".join(nb["cells"][0]["source"]).startswith("# Kenya: tiny test notebook")
    assert (
        (f["results"] / "KEN" / "exports" / "tiny" / "out.csv")
        .read_text()
        .startswith("country,n,rate,label\nKEN,4,0.5,x")
    )
    second = lnob(env, "run", "--country", "KEN", "-p", "n=4", "--quiet")
    assert "skipped (unchanged): KEN/tiny" in second.stdout
    assert "0 ran, 1 skipped" in second.stdout
    third = lnob(env, "run", "--country", "KEN", "-p", "n=5", "--quiet")
    assert "1 ran, 0 skipped" in third.stdout
    fourth = lnob(env, "run", "--country", "KEN", "-p", "n=5", "--quiet", "--force")
    assert "1 ran, 0 skipped" in fourth.stdout


def test_template_change_invalidates_the_cache(sandbox):
    env, f = sandbox
    _tiny(f)
    assert lnob(env, "run", "--country", "KEN", "--quiet").returncode == 0
    tpl = f["notebooks"] / "tiny.md"
    tpl.write_text(tpl.read_text().replace('label = "x"', 'label = "y"'))
    again = lnob(env, "run", "--country", "KEN", "--quiet")
    assert "1 ran, 0 skipped" in again.stdout


def test_unknown_and_mistyped_parameters_are_errors(sandbox):
    env, f = sandbox
    _tiny(f)
    typo = lnob(env, "run", "--country", "KEN", "-p", "rte=0.2")
    assert typo.returncode == 2
    assert "no selected template declares a parameter 'rte'. Did you mean 'rate'?" in typo.stderr
    wrong = lnob(env, "run", "--country", "KEN", "-p", "n=many")
    assert wrong.returncode == 2
    assert "parameter 'n' must be int like its default 3, not 'many'." in wrong.stderr
    flag = lnob(env, "run", "--country", "KEN", "-p", "fail=maybe")
    assert "parameter 'fail' must be true or false, not 'maybe'." in flag.stderr
    assert not f["results"].exists(), "nothing may run when a parameter is wrong"


def test_unknown_country_suggests_codes(sandbox):
    env, f = sandbox
    _tiny(f)
    res = lnob(env, "run", "--country", "Kenya")
    assert res.returncode == 2
    assert "Did you mean 'KEN'?" in res.stderr
    assert "Traceback" not in res.stderr


def test_failed_run_keeps_published_results_and_names_the_cell(sandbox):
    env, f = sandbox
    _tiny(f)
    assert lnob(env, "run", "--country", "KEN", "NPL", "--quiet").returncode == 0
    before = snapshot(f["results"] / "KEN")
    res = lnob(env, "run", "--country", "KEN", "NPL", "-p", "fail=true", "-p", "n=9", "--quiet")
    assert res.returncode == 1
    # Both pages fail with the same error: reported once, naming the pages and the cell.
    assert "FAILED: 2 pages with the same error in cell " in res.stderr
    assert "(KEN/tiny, NPL/tiny)" in res.stderr
    assert "ValueError: planned failure for the test" in res.stderr
    assert "Previously published results of the failed runs were kept unchanged." in res.stderr
    assert snapshot(f["results"] / "KEN") == before
    leftovers = [p for p in f["results"].rglob("*") if ".tmp" in p.name or ".old-" in p.name]
    assert leftovers == []


def test_one_failing_country_does_not_stop_the_others(sandbox):
    env, f = sandbox
    _tiny(f)
    tpl = f["notebooks"] / "tiny.md"
    tpl.write_text(tpl.read_text().replace("if fail:", 'if fail or country == "NPL":'))
    res = lnob(env, "run", "--country", "KEN", "NPL", "VNM", "--jobs", "2", "--quiet")
    assert res.returncode == 1
    assert "NPL/tiny failed in cell" in res.stderr
    assert "2 ran, 0 skipped as unchanged, 1 failed" in res.stdout
    assert (f["results"] / "KEN" / "tiny.ipynb").exists()
    assert (f["results"] / "VNM" / "tiny.ipynb").exists()
    assert not (f["results"] / "NPL" / "tiny.ipynb").exists()


def test_toc_lists_every_country_with_results(sandbox):
    env, f = sandbox
    _tiny(f)
    assert lnob(env, "run", "--country", "VNM", "ETH", "--quiet").returncode == 0
    toc = yaml.safe_load((f["state"] / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "Country results")
    files = [c["file"].rsplit("/", 2)[-2] for c in part["chapters"]]
    assert files == ["VNM", "ETH"], "pilots (configured) first, then others by code"
    index = (f["results"] / "ETH" / "index.md").read_text()
    assert index.startswith("# Ethiopia")
    assert "has no configuration file" in index
    assert [p["caption"] for p in toc["parts"]][0] == "The method"


def test_any_iso3_runs_the_real_stocktake_with_defaults(sandbox):
    env, f = sandbox
    shutil.copyfile(
        ROOT / "notebooks" / "official_stocktake.md", f["notebooks"] / "official_stocktake.md"
    )
    res = lnob(env, "run", "--country", "ETH", "--quiet")
    assert res.returncode == 0, res.stderr
    nb = json.loads((f["results"] / "ETH" / "official_stocktake.ipynb").read_text())
    assert "".join(nb["cells"][0]["source"]).startswith("# Ethiopia: official data stocktake")
    csv = f["results"] / "ETH" / "exports" / "official_stocktake" / "indicator_stocktake.csv"
    assert csv.read_text().splitlines()[0].startswith("goal,target,indicator,indicator_title")


def test_new_weights_or_focus_change_the_published_ranking(sandbox):
    import pandas as pd

    env, f = sandbox
    env["LNOB_NOTEBOOKS_DIR"] = str(ROOT / "notebooks")
    ranked = f["results"] / "NPL" / "exports" / "gap_analysis" / "ranked_gaps.csv"

    def top(*params):
        args = [a for p in params for a in ("-p", p)]
        res = lnob(env, "run", "--country", "NPL", "--notebook", "gap_analysis", "--quiet", *args)
        assert res.returncode == 0, res.stderr
        return pd.read_csv(ranked, dtype={"target": str})

    base = top()
    assert base["score"].is_monotonic_decreasing
    voices = top("w_voices=10", "w_absolute=0")
    assert (voices.head(10)["voices"] == 1).all(), "a heavy voices weight ranks voices gaps first"
    assert (
        voices.head(10)[["group", "target"]].values.tolist()
        != base.head(10)[["group", "target"]].values.tolist()
    )
    focus = top("focus_targets=16.10", "focus_groups=persons_with_disabilities")
    assert set(focus["target"]) >= {"16.10"} and "5.1" not in set(focus["target"])
