"""Where things live: settings are read when used, and the defaults stay out of the site and git."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lnob_methods.core import paths
from tests.helpers import ROOT

SETTINGS = [
    (paths.countries_dir, "LNOB_COUNTRIES_DIR", "data/countries"),
    (paths.notebooks_dir, "LNOB_NOTEBOOKS_DIR", "notebooks"),
    (paths.results_dir, "LNOB_RESULTS_DIR", "book/results"),
    (paths.state_dir, "LNOB_STATE_DIR", ".lnob"),
    (paths.toc_file, "LNOB_TOC", "_toc.yml"),
]


def test_root_is_this_checkout():
    assert paths.ROOT == ROOT
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.PCODES == ROOT / "data" / "reference" / "ocha_global_pcodes_adm1_adm2.csv.gz"


@pytest.mark.parametrize(("setting", "variable", "default"), SETTINGS)
def test_a_setting_changed_after_import_takes_effect(
    monkeypatch, tmp_path, setting, variable, default
):
    monkeypatch.delenv(variable, raising=False)
    assert setting() == ROOT / default
    monkeypatch.setenv(variable, str(tmp_path / "elsewhere"))
    assert setting() == tmp_path / "elsewhere"
    monkeypatch.setenv(variable, "")  # set but empty: the default, not the current folder
    assert setting() == ROOT / default


def test_results_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path / "a"))
    first = paths.results_dir()
    monkeypatch.setenv("LNOB_RESULTS_DIR", str(tmp_path / "b"))
    assert (first, paths.results_dir()) == (tmp_path / "a", tmp_path / "b")


def test_cache_staging_and_private_folders_live_in_the_state_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    assert paths.cache_dir() == tmp_path / "cache"
    assert paths.staging_dir() == tmp_path / "staging"
    assert paths.private_dir() == tmp_path / "private"


def test_the_default_private_folder_is_outside_the_book_and_ignored_by_git(monkeypatch):
    monkeypatch.delenv("LNOB_STATE_DIR", raising=False)
    private = paths.private_dir()
    assert private == ROOT / ".lnob" / "private"
    assert not private.is_relative_to(paths.BOOK), "the book would publish it"
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # `git check-ignore` exits 0 when the path is ignored (it need not exist).
    for path in (private / "cache" / "voices" / "KEN-x.pkl", paths.cache_dir() / "a.pkl"):
        res = subprocess.run([git, "check-ignore", "-q", str(path)], cwd=ROOT, check=False)
        assert res.returncode == 0, f"{path} is not ignored by git"
    tracked = ROOT / "lnob_methods" / "core" / "paths.py"  # the control: check-ignore says no
    assert (
        subprocess.run([git, "check-ignore", "-q", str(tracked)], cwd=ROOT, check=False).returncode
        == 1
    )


def test_the_default_results_folder_is_ignored_by_git(monkeypatch):
    monkeypatch.delenv("LNOB_RESULTS_DIR", raising=False)
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    page = paths.results_dir() / "KEN" / "official_stocktake.ipynb"
    res = subprocess.run([git, "check-ignore", "-q", str(page)], cwd=ROOT, check=False)
    assert res.returncode == 0
