"""``lnob validate`` and ``lnob template`` from the command line."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT


def test_cli_validate_and_template(tmp_path):
    lnob = [sys.executable, "-m", "lnob_methods.cli.main"]
    ok = subprocess.run(
        [*lnob, "validate", "data/countries/KEN/inventories", "--country", "KEN"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    bad = subprocess.run(
        [
            *lnob,
            "validate",
            "tests/fixtures/inventory/several-errors-one-row.csv",
            "tests/fixtures/inventory/zip-bomb.xlsx",
            "--country",
            "KEN",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "5 problem(s) in 2 file(s)" in bad.stdout
    assert "row 2, column 'Quality': is not an allowed value" in bad.stdout
    assert "(value: 'great')" in bad.stdout
    out = tmp_path / "k.xlsx"
    made = subprocess.run(
        [*lnob, "template", "--country", "KEN", "--out", "k.xlsx"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0 and out.exists()
    for evil in ["../outside.xlsx", "/tmp/abs.xlsx"]:
        refused = subprocess.run(
            [*lnob, "template", "--country", "KEN", "--out", evil],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert refused.returncode == 2 and "refusing to write" in refused.stderr
    assert not (tmp_path.parent / "outside.xlsx").exists()
