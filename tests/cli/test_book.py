"""The copy of the book's configuration that a build reads from another folder."""

from __future__ import annotations

from pathlib import Path

import yaml

from lnob_methods.cli.book import config_copy


def _book(root: Path) -> Path:
    config = {
        "title": "A book",
        "exclude_patterns": ["_build"],
        "bibtex_bibfiles": ["book/references.bib"],
        "sphinx": {"local_extensions": {"ext": "book/_ext"}, "config": {"a": 1}},
    }
    root.mkdir()
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def test_the_copy_reads_the_book_s_files_from_anywhere(tmp_path):
    root = _book(tmp_path / "book")
    work = tmp_path / "work"
    work.mkdir()
    copy = yaml.safe_load(config_copy(root, work).read_text(encoding="utf-8"))
    assert copy["sphinx"]["local_extensions"] == {"ext": str((root / "book" / "_ext").resolve())}
    assert copy["bibtex_bibfiles"] == [str(root / "book" / "references.bib")]
    assert copy["exclude_patterns"] == ["_build"] and copy["sphinx"]["config"] == {"a": 1}
    assert copy["title"] == "A book"


def test_the_copy_adds_settings_and_exclusions(tmp_path):
    root = _book(tmp_path / "book")
    copy = yaml.safe_load(
        config_copy(
            root, tmp_path, sphinx_config={"b": False}, exclude=("book/results/**",)
        ).read_text(encoding="utf-8")
    )
    assert copy["sphinx"]["config"] == {"a": 1, "b": False}
    assert copy["exclude_patterns"] == ["_build", "book/results/**"]
    assert yaml.safe_load((root / "_config.yml").read_text())["exclude_patterns"] == ["_build"]
