"""A page's streams described from their folders' provenance declarations (files made here)."""

from __future__ import annotations

from lnob_methods.reference import provenance, streams
from lnob_methods.reference.provenance import Declaration


def _folder(tmp_path, declared: dict[str, bool], undeclared: tuple[str, ...] = ()):
    for name in [*declared, *undeclared]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    provenance.write(
        tmp_path,
        [
            Declaration(
                name,
                synthetic,
                holder=f"Holder {name[0].upper()}",
                collected="2025",
                licence="shared for this analysis",
            )
            for name, synthetic in declared.items()
        ],
    )
    return [tmp_path / n for n in [*declared, *undeclared]]


def test_every_file_synthetic(tmp_path):
    files = _folder(tmp_path, {"a.csv": True, "b.xlsx": True})
    s = streams.declared("inventories", files)
    assert (s.status, s.n_files, s.n_synthetic, s.n_undeclared) == ("synthetic", 2, 2, 0)
    assert s.detail == (
        "Inventories: 2 files, held by Holder A and Holder B, collected: 2025. "
        "Terms: shared for this analysis."
    )


def test_real_synthetic_and_undeclared_files_mixed(tmp_path):
    files = _folder(tmp_path, {"a.csv": False, "b.csv": True}, undeclared=("c.csv",))
    s = streams.declared("inventories", files)
    assert (s.status, s.n_files, s.n_synthetic, s.n_undeclared) == ("mixed", 3, 1, 1)
    assert s.detail.endswith(
        "1 of the 3 files has no provenance declaration: `lnob validate` lists them."
    )


def test_all_real_and_all_undeclared_and_none(tmp_path):
    assert streams.declared("testimonies", _folder(tmp_path, {"a.csv": False})).status == "real"
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.csv").write_text("x", encoding="utf-8")
    s = streams.declared("testimonies", [other / "x.csv"])
    assert (s.status, s.n_undeclared) == ("undeclared", 1)
    none = streams.declared("testimonies", [])
    assert (none.status, none.detail) == ("none", "No testimonies were found for this country.")


def test_a_file_name_says_nothing(tmp_path):
    files = _folder(tmp_path, {"synthetic_survey.csv": False})  # declared real, whatever its name
    assert streams.declared("inventories", files).status == "real"


def test_reference_streams_are_real():
    s = streams.reference("official statistics", "Official statistics: " + streams.SDGDB)
    assert s.status == "real" and "17 December 2023" in s.detail
