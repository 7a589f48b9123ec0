"""Shared fixtures: a sandbox where `lnob` runs without touching the repository's results."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from tests.helpers import ROOT

# No example database in the checkout (.hypothesis/): tests never write into the repository, and
# every run explores the same seeded examples.
settings.register_profile("lnob", database=None, derandomize=True)
settings.load_profile("lnob")
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "lnob-hypothesis")  # its Unicode tables

E2E = Path(__file__).resolve().parent / "e2e"


@pytest.fixture(scope="session")
def _unit_state(tmp_path_factory):
    return tmp_path_factory.mktemp("lnob-state")


@pytest.fixture(autouse=True)
def _state_outside_the_checkout(request, _unit_state, monkeypatch):
    """Give unit tests a state folder (cache, staging, private files) outside the checkout.

    One folder for the session, so the Parquet copy of the UN extract is made once. End-to-end
    tests read the state of the real build (its private folder) and keep the default.
    """
    if not Path(request.node.path).is_relative_to(E2E):
        monkeypatch.setenv("LNOB_STATE_DIR", str(_unit_state))


def pytest_collection_modifyitems(items):
    """Mark every test under ``tests/e2e`` slow: they need a built book, a kernel or a browser."""
    for item in items:
        if Path(item.path).is_relative_to(E2E):
            item.add_marker(pytest.mark.slow)


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
