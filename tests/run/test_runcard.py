"""Run cards: built from a fixed date and the commit, written and read back unchanged."""

from __future__ import annotations

import json
import os
import platform
import subprocess

import pytest

import lnob_methods
from lnob_methods.core import paths
from lnob_methods.run import runcard

COMMIT_DATE = "2020-02-03T04:05:06+00:00"


def _git(repo, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": COMMIT_DATE,
        "GIT_COMMITTER_DATE": COMMIT_DATE,
        "GIT_CONFIG_GLOBAL": os.devnull,  # no user settings (hooks, signing) in the test repo
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    res = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return res.stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository of one commit, standing in for the checkout."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "tracked.txt").write_text("one\n")
    _git(root, "add", "tracked.txt")
    _git(root, "commit", "-q", "-m", "first")
    monkeypatch.setattr(paths, "ROOT", root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


@pytest.fixture
def not_a_repo(tmp_path, monkeypatch):
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.setattr(paths, "ROOT", folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git may not look above it
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return folder


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        ("0", "1970-01-01T00:00:00+00:00"),
        # 1 700 000 000 s = 19 675 days (to 2023-11-14) + 80 000 s (22:13:20).
        ("1700000000", "2023-11-14T22:13:20+00:00"),
    ],
)
def test_run_date_honours_source_date_epoch(monkeypatch, repo, epoch, expected):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert runcard.run_date() == expected


def test_run_date_is_the_commit_date_without_source_date_epoch(repo):
    assert runcard.run_date() == COMMIT_DATE


def test_without_git_the_date_and_commit_are_unknown(not_a_repo):
    assert runcard.run_date() == "unknown"
    assert runcard.git_commit() == "unknown (not a git checkout)"


def test_a_clean_tree_gives_the_commit(repo):
    sha = _git(repo, "rev-parse", "HEAD")
    assert len(sha) == 40 and int(sha, 16) >= 0
    assert runcard.git_commit() == sha


def test_an_untracked_file_leaves_the_tree_clean(repo):
    (repo / "notes.txt").write_text("scratch\n")
    assert runcard.git_commit() == _git(repo, "rev-parse", "HEAD")


def test_a_changed_tracked_file_says_changes(repo):
    sha = _git(repo, "rev-parse", "HEAD")
    (repo / "tracked.txt").write_text("two\n")
    assert runcard.git_commit() == f"{sha}+changes"
    _git(repo, "add", "tracked.txt")  # staged but not committed: still not the commit
    assert runcard.git_commit() == f"{sha}+changes"


def test_build_records_what_ran(repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    card = runcard.build(
        "KEN",
        "official_stocktake",
        {"since_year": 2015, "country": "KEN"},
        {"data/b.csv": "bb", "data/a.csv": "aa"},
    )
    assert set(card) == {
        "methodology_version",
        "git_commit",
        "run_date",
        "country",
        "notebook",
        "parameters",
        "python",
        "packages",
        "inputs",
    }
    assert card["methodology_version"] == lnob_methods.__version__
    assert card["git_commit"] == _git(repo, "rev-parse", "HEAD")
    assert card["run_date"] == "1970-01-01T00:00:00+00:00"
    assert (card["country"], card["notebook"]) == ("KEN", "official_stocktake")
    assert list(card["parameters"].items()) == [("country", "KEN"), ("since_year", 2015)]
    assert list(card["inputs"]) == ["data/a.csv", "data/b.csv"], "sorted, for stable files"
    assert card["python"] == platform.python_version()
    assert "pandas" in card["packages"]


def test_two_builds_of_the_same_commit_are_identical(repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = runcard.build("NPL", "voices", {"a": 1}, {"x": "1"})
    assert runcard.build("NPL", "voices", {"a": 1}, {"x": "1"}) == first


def test_write_then_read_gives_the_same_card(tmp_path):
    card = {
        "country": "KEN",
        "parameters": {"place": "Murang'a", "title": "नेपाल – café", "years": [2015, 2023]},
        "inputs": {"data/a.csv": "ba7816bf"},
    }
    path = runcard.write(card, tmp_path)
    assert path == tmp_path / "runcard.json"
    assert runcard.read(tmp_path) == card
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text.splitlines()[:2] == ["{", ' "country": "KEN",'], "sorted keys, indent 1"


def test_read_defaults_to_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "runcard.json").write_text(json.dumps({"country": "VNM"}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert runcard.read() == {"country": "VNM"}


def test_reading_a_folder_without_a_card_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError, match="runcard.json"):
        runcard.read(tmp_path)
