"""Shared fixtures: a sandbox where `lnob` runs without touching the repository's results."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
LNOB = [sys.executable, "-m", "lnob_methods.cli.main"]


@pytest.fixture
def sandbox(tmp_path):
    """Return (env, folders) for running `lnob` with results, state and toc in a temp folder."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    toc = tmp_path / "_toc.yml"
    shutil.copyfile(ROOT / "_toc.yml", toc)
    env = {
        **os.environ,
        "LNOB_NOTEBOOKS_DIR": str(notebooks),
        "LNOB_RESULTS_DIR": str(tmp_path / "results"),
        "LNOB_STATE_DIR": str(tmp_path / "state"),
        "LNOB_TOC": str(toc),
    }
    env.pop("MPLBACKEND", None)
    folders = {
        "notebooks": notebooks,
        "results": tmp_path / "results",
        "toc": toc,
        "state": tmp_path / "state",
        "root": tmp_path,
    }
    return env, folders


def lnob(env, *args, timeout=300):
    """Run the `lnob` command line with ``env``; return the completed process."""
    return subprocess.run(
        [*LNOB, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def snapshot(folder):
    """Return every file under ``folder`` as relative path -> bytes (to compare two states)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
