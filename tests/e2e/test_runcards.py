"""Run cards tell the truth about their inputs, and two builds of one commit are identical."""

from __future__ import annotations

import hashlib
import json

import pytest

from lnob_methods.core import cachekey, paths
from lnob_methods.run import runner
from tests.helpers import ROOT, lnob

CARDS = sorted(paths.results_dir().glob("*/exports/*/runcard.json"))


def test_published_results_have_run_cards():
    if not CARDS:
        pytest.fail("no published results: run `make book` first (make test does)")
    published = sorted(paths.results_dir().glob("*/*.ipynb"))
    assert len(CARDS) == len(published)


@pytest.mark.parametrize("card_path", CARDS, ids=lambda p: f"{p.parts[-4]}-{p.parts[-2]}")
def test_run_card_matches_the_actual_inputs(card_path):
    card = json.loads(card_path.read_text())
    country, notebook = card["country"], card["notebook"]
    template = runner.templates()[notebook]
    assert set(card["inputs"]) == set(cachekey.input_hashes(country, template)), (
        "the card must list exactly the files the run could read"
    )
    for rel, digest in card["inputs"].items():
        actual = hashlib.sha256((ROOT / rel).read_bytes()).hexdigest()
        assert actual == digest, f"{rel} changed since the run: rebuild with `make book`"
    nb = json.loads((card_path.parents[2] / f"{notebook}.ipynb").read_text())
    assert nb["metadata"]["lnob"]["parameters"] == card["parameters"]
    shown = "".join(nb["cells"][-1]["outputs"][0]["data"]["text/html"])
    for rel, digest in card["inputs"].items():
        assert f"sha256 {digest}" in shown and rel in shown, "the page shows every input hash"
    assert card["methodology_version"] in shown


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(sandbox, tmp_path):
    env, f = sandbox
    env["LNOB_NOTEBOOKS_DIR"] = str(ROOT / "notebooks")
    outputs = []
    for i in range(2):
        env_i = {
            **env,
            "LNOB_RESULTS_DIR": str(tmp_path / f"r{i}"),
            "LNOB_STATE_DIR": str(tmp_path / f"s{i}"),
        }
        res = lnob(
            env_i,
            "run",
            "--country",
            "NPL",
            "--notebook",
            "official_stocktake",
            "gap_analysis",
            "voices",
            "--quiet",
        )
        assert res.returncode == 0, res.stderr
        folder = tmp_path / f"r{i}" / "NPL"
        outputs.append(
            {
                p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*"))
                if p.is_file()
            }
        )
    assert outputs[0].keys() == outputs[1].keys()
    assert "exports/official_stocktake/indicator_stocktake.xlsx" in outputs[0]
    assert "exports/voices/voices_tables.xlsx" in outputs[0] and "voices.ipynb" in outputs[0]
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two builds"
