"""``lnob release``: the checks before a release, and two releases of a small book side by side.

The book is the two-page fixture tests/books/versioned, with the real book's extension and
templates, in a fresh git repository in a temporary folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from lnob_methods.cli import main, release
from lnob_methods.core import paths

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "books" / "versioned"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(
        repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", message
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository holding the fixture book at version 0.1.0, committed."""
    repo = tmp_path / "book"
    shutil.copytree(FIXTURE, repo)
    for folder in ("_ext", "_templates"):
        shutil.copytree(ROOT / "book" / folder, repo / "book" / folder)
    (repo / ".gitignore").write_text("_build/\n__pycache__/\n")
    _git(repo, "init", "-q")
    _commit(repo, "Fixture book 0.1.0")
    return repo


def _set_version(repo: Path, version: str, heading: str | None = None) -> None:
    py = repo / "pyproject.toml"
    py.write_text(py.read_text().replace('version = "0.1.0"', f'version = "{version}"'))
    log = repo / "book" / "about" / "changelog.md"
    head = heading or f"## {version}"
    log.write_text(log.read_text().replace("# Changelog\n", f"# Changelog\n\n{head}\n\n- More.\n"))


def _build(root, output, env):
    return main.build_book(root, quiet=True, output=output, env=env)


# ---- the checks --------------------------------------------------------------------------------


def test_changelog_headings_say_which_versions_are_released():
    text = "# Changelog\n\n## 0.2.0 (first version, unreleased)\n\n## 0.1.0\n\n### 0.0.9\n"
    assert release.changelog_versions(text) == {"0.2.0": False, "0.1.0": True}


def test_a_clean_committed_version_has_no_problem(repo):
    assert release.problems(repo, "0.1.0") == []


def test_every_problem_is_reported_at_once(repo):
    (repo / "book" / "intro.md").write_text("# Changed and not committed\n")
    found = release.problems(repo, "0.2.0")
    assert len(found) == 3
    assert found[0].startswith("pyproject.toml declares version 0.1.0, not 0.2.0")
    assert found[1].startswith("book/about/changelog.md has no section for 0.2.0")
    assert found[2].startswith("the working tree has uncommitted changes (book/intro.md)")


def test_a_version_marked_unreleased_or_not_a_version_is_refused(repo):
    _set_version(repo, "0.2.0", "## 0.2.0 (unreleased)")
    _commit(repo, "0.2.0 in preparation")
    assert release.problems(repo, "0.2.0") == [
        "book/about/changelog.md still marks 0.2.0 as unreleased: remove 'unreleased' from its "
        "heading"
    ]
    assert "not a version number" in release.problems(repo, "v0.2")[0]


def test_an_existing_tag_is_refused(repo):
    _git(repo, "tag", "v0.1.0")
    assert release.problems(repo, "0.1.0") == [
        "the tag v0.1.0 exists already: a released version is never made again"
    ]


def test_the_command_refuses_with_a_message_and_changes_nothing(repo, monkeypatch, capsys):
    monkeypatch.setattr(paths, "ROOT", repo)
    (repo / "book" / "intro.md").write_text("# Changed\n")
    assert main.main(["release", "0.1.0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lnob release: cannot release 0.1.0:\n  - the working tree has")
    assert "Traceback" not in err
    assert _git(repo, "tag") == "" and not (repo / "_build").exists()


def test_the_switcher_lists_releases_newest_first_then_development():
    assert release.switcher_entries(["0.10.0", "0.2.0", "0.9.1"], "/lnob") == [
        {
            "name": "0.10.0 (latest release)",
            "version": "0.10.0",
            "url": "/lnob/0.10.0/",
            "preferred": True,
        },
        {"name": "0.9.1", "version": "0.9.1", "url": "/lnob/0.9.1/"},
        {"name": "0.2.0", "version": "0.2.0", "url": "/lnob/0.2.0/"},
        {"name": "development (not released)", "version": "dev", "url": "/lnob/dev/"},
    ]
    assert release.switcher_entries([]) == [
        {"name": "development (not released)", "version": "dev", "url": "/dev/"}
    ]


# ---- two releases side by side -----------------------------------------------------------------


def _footer(site: Path) -> str:
    page = (site / "book" / "intro.html").read_text(encoding="utf-8")
    return page.split('<p class="lnob-version">', 1)[1].split("</p>", 1)[0]


@pytest.mark.slow
def test_two_releases_built_side_by_side(repo):
    first = release.release("0.1.0", repo, _build)
    assert first == repo / "_build" / "versions" / "0.1.0"
    assert "This page belongs to version 0.1.0 of the book" in _footer(first)
    assert _git(repo, "tag") == "v0.1.0"
    assert _git(repo, "rev-parse", "v0.1.0^{commit}") == _git(repo, "rev-parse", "HEAD")
    before = (first / "book" / "intro.html").read_bytes()

    _set_version(repo, "0.2.0")
    (repo / "book" / "intro.md").write_text("# A released book\n\nThe second version.\n")
    _commit(repo, "0.2.0")
    second = release.release("0.2.0", repo, _build)
    assert sorted(p.name for p in (repo / "_build" / "versions").iterdir()) == [
        "0.1.0",
        "0.2.0",
        "versions.json",
    ]
    assert "This page belongs to version 0.2.0 of the book" in _footer(second)
    assert "The second version." in (second / "book" / "intro.html").read_text()
    assert (first / "book" / "intro.html").read_bytes() == before, "0.1.0 is left as it was"
    assert _git(repo, "tag").split() == ["v0.1.0", "v0.2.0"]

    listed = json.loads((repo / "_build" / "versions" / "versions.json").read_text())
    assert [(e["version"], e["url"], e.get("preferred", False)) for e in listed] == [
        ("0.2.0", "/0.2.0/", True),
        ("0.1.0", "/0.1.0/", False),
        ("dev", "/dev/", False),
    ]
    # Each page asks the theme for the same list and names its own version.
    for site, match in ((first, "0.1.0"), (second, "0.2.0")):
        page = (site / "book" / "intro.html").read_text()
        assert "DOCUMENTATION_OPTIONS.theme_switcher_json_url = '/versions.json';" in page
        assert f"DOCUMENTATION_OPTIONS.theme_switcher_version_match = '{match}';" in page
        assert 'class="version-switcher__button' in page

    # A development build of the same book says it is one.
    code = main.build_book(repo, quiet=True, output=repo / "dev")
    assert code == 0
    assert "belongs to the development version of the book" in _footer(
        repo / "dev" / "_build" / "html"
    )
