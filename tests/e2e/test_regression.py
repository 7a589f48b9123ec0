"""nbval guards the published numbers; these tests guard nbval's references themselves."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import jupytext
import pytest

from tests.helpers import ROOT, lnob

REFS = sorted((ROOT / "tests" / "regression").glob("*/*/*.ipynb"))
SANITIZE = ROOT / "tests" / "regression" / "sanitize.cfg"


def _code(cells):
    return [
        c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code"
        and "injected-parameters" not in c.get("metadata", {}).get("tags", [])
    ]


def test_every_pilot_has_references():
    assert {p.parts[-3] for p in REFS} == {"BGD", "KEN", "NPL", "VNM"}


@pytest.mark.parametrize("ref", REFS, ids=lambda p: f"{p.parts[-3]}-{p.stem}")
def test_reference_code_matches_its_template(ref):
    template = jupytext.read(ROOT / "notebooks" / f"{ref.stem}.md")
    saved = json.loads(ref.read_text())
    assert _code(saved["cells"]) == _code(template.cells), (
        f"{ref.relative_to(ROOT)} is out of step with notebooks/{ref.stem}.md: "
        "run `make regression`"
    )


def _nbval(folder):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(SANITIZE),
            str(folder),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_changing_a_published_number_makes_nbval_fail(tmp_path):
    src = ROOT / "tests" / "regression" / "KEN" / "official_stocktake"
    good, bad = tmp_path / "good", tmp_path / "bad"
    shutil.copytree(src, good)
    shutil.copytree(src, bad)
    nb_path = bad / "official_stocktake.ipynb"
    nb = json.loads(nb_path.read_text())
    changed = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            if "key figures" in html and not changed:
                # The second row is "Indicator codes with data": publish one more than computed.
                m = re.search(r"<td>Indicator codes with data</td>\s*<td>(\d+)</td>", html)
                new = html.replace(m[0], m[0].replace(m[1], str(int(m[1]) + 1)))
                out["data"]["text/html"] = new
                changed += 1
    assert changed == 1, "the key figures table was not found in the reference"
    nb_path.write_text(json.dumps(nb, indent=1))
    assert _nbval(good).returncode == 0
    res = _nbval(bad)
    assert res.returncode != 0 and "failed" in res.stdout


@pytest.mark.slow
def test_fresh_runs_reproduce_the_references_byte_for_byte(sandbox):
    """Figures (which nbval never compares) and every other output, except the run card."""
    env, f = sandbox
    env["LNOB_NOTEBOOKS_DIR"] = str(ROOT / "notebooks")
    res = lnob(env, "run", "--notebook", "official_stocktake", "--jobs", "2", "--quiet")
    assert res.returncode == 0, res.stderr
    for ref in [r for r in REFS if r.stem == "official_stocktake"]:
        fresh = json.loads((f["results"] / ref.parts[-3] / ref.name).read_text())
        saved = json.loads(ref.read_text())
        pngs = 0
        for a, b in zip(fresh["cells"][:-1], saved["cells"][:-1], strict=True):
            assert a.get("outputs") == b.get("outputs"), f"{ref.parts[-3]}: {a['id']} differs"
            pngs += sum("image/png" in o.get("data", {}) for o in a.get("outputs", []))
        assert pngs >= 1
