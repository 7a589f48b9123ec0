"""The one cache key: every input of a run is in it, and nothing that is not."""

from __future__ import annotations

import shutil

import pytest

from lnob_methods.core import cachekey, paths

# SHA-256 of b"abc" (FIPS 180-2, appendix B.1).
SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.fixture
def countries(tmp_path, monkeypatch):
    """A countries folder with Kenya's and Nepal's real config and data, set as the setting."""
    folder = tmp_path / "countries"
    for iso3 in ("KEN", "NPL"):
        shutil.copytree(paths.DATA / "countries" / iso3, folder / iso3)
        shutil.copyfile(paths.DATA / "countries" / f"{iso3}.yaml", folder / f"{iso3}.yaml")
    monkeypatch.setenv("LNOB_COUNTRIES_DIR", str(folder))
    return folder


def test_a_changed_input_file_changes_the_key(countries):
    before = cachekey.cache_key("KEN", {"a": 1})
    assert cachekey.cache_key("KEN", {"a": 1}) == before
    assert cachekey.cache_key("KEN", {"a": 2}) != before
    story = next((countries / "KEN" / "testimonies").iterdir())
    story.write_bytes(story.read_bytes() + b"\n")
    assert cachekey.cache_key("KEN", {"a": 1}) != before


def test_a_changed_country_config_changes_the_key(countries):
    before = cachekey.cache_key("KEN", {})
    config = countries / "KEN.yaml"
    config.write_text(config.read_text() + "\n# a comment\n")
    assert cachekey.cache_key("KEN", {}) != before


def test_another_countrys_files_are_not_part_of_the_key(countries):
    before = cachekey.cache_key("KEN", {})
    for path in [
        countries / "NPL.yaml",
        *(p for p in (countries / "NPL").rglob("*") if p.is_file()),
    ]:
        path.write_bytes(path.read_bytes() + b"\n")
    (countries / "NPL" / "new.csv").write_text("a\n")
    (countries / "KENYA").mkdir()  # a folder whose name starts with KEN is another country
    (countries / "KENYA" / "x.csv").write_text("a\n")
    assert cachekey.cache_key("KEN", {}) == before
    inputs = cachekey.data_inputs("KEN")
    assert not [p for p in inputs if "NPL" in p.parts or "KENYA" in p.parts]


def test_the_template_is_part_of_a_runs_key(countries, tmp_path):
    template = tmp_path / "official_stocktake.md"
    template.write_text("# Stocktake\n")
    without = cachekey.cache_key("KEN", {})
    with_template = cachekey.cache_key("KEN", {}, template)
    assert with_template != without, "a run's key differs from an intermediate result's"
    template.write_text("# Stocktake, edited\n")
    assert cachekey.cache_key("KEN", {}, template) != with_template


def test_input_hashes_name_each_file_relative_to_the_root(countries, tmp_path):
    template = tmp_path / "t.md"
    template.write_bytes(b"abc")
    hashes = cachekey.input_hashes("KEN", template)
    assert hashes[cachekey.relative(template)] == SHA256_ABC
    assert "data/taxonomy/lnob_groups.yaml" in hashes
    assert "data/reference/ocha_global_pcodes_adm1_adm2.csv.gz" in hashes
    assert all("\\" not in name for name in hashes)


def test_data_inputs_are_the_shared_data_then_the_countrys_own(countries):
    inputs = cachekey.data_inputs("KEN")
    shared = [p for p in inputs if p.is_relative_to(paths.DATA)]
    own = [p for p in inputs if p.is_relative_to(countries)]
    assert inputs == shared + own
    assert {p.relative_to(paths.DATA).parts[0] for p in shared} == {
        "reference",
        "taxonomy",
        "forms",
        "voices",
    }
    assert own[0] == countries / "KEN.yaml"
    assert set(own[1:]) == {p for p in (countries / "KEN").rglob("*") if p.is_file()}
    assert not [p for p in inputs if p.is_relative_to(paths.DATA / "countries")]


def test_a_country_without_config_or_folder_has_only_the_shared_data(countries):
    inputs = cachekey.data_inputs("ETH")
    assert inputs and all(p.is_relative_to(paths.DATA) for p in inputs)


def test_source_files_are_the_librarys_code():
    found = [cachekey.relative(p) for p in cachekey.source_files()]
    assert "lnob_methods/core/cachekey.py" in found
    assert "lnob_methods/cli/main.py" in found
    assert found == sorted(found)
    assert all(f.startswith("lnob_methods/") for f in found)
    assert all(f.endswith((".py", ".js", ".css")) for f in found)


def test_relative_uses_forward_slashes_from_the_root():
    assert cachekey.relative(paths.ROOT / "data" / "taxonomy" / "x.yaml") == "data/taxonomy/x.yaml"
    assert cachekey.relative(paths.ROOT.parent / "other" / "f") == "../other/f"


def test_the_script_and_style_of_the_gap_map_are_part_of_the_code():
    names = {cachekey.relative(p) for p in cachekey.source_files()}
    assert {
        "lnob_methods/plots/gapmap.js",
        "lnob_methods/plots/gapmap.css",
        "lnob_methods/plots/gapmap.py",
    } <= names


def test_relative_follows_the_root_it_is_asked_from(monkeypatch, tmp_path):
    path = tmp_path / "project" / "data" / "a.csv"
    monkeypatch.setattr(paths, "ROOT", tmp_path / "project")
    assert cachekey.relative(path) == "data/a.csv"
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    assert cachekey.relative(path) == "project/data/a.csv", "not the answer kept for another root"


def test_warm_hashes_the_shared_inputs_once_and_a_changed_file_again(monkeypatch, tmp_path):
    from lnob_methods.core import files

    data = tmp_path / "data"
    (data / "taxonomy").mkdir(parents=True)
    shared = data / "taxonomy" / "t.yaml"
    shared.write_bytes(b"abc")
    monkeypatch.setattr(paths, "DATA", data)
    read = []
    real_open = open

    def counting_open(path, *args, **kwargs):
        read.append(str(path))
        return real_open(path, *args, **kwargs)

    cachekey.warm()
    monkeypatch.setattr("builtins.open", counting_open)
    assert files.sha256(shared) == SHA256_ABC
    assert str(shared) not in read, "hashed by warm(), not read again"
    shared.write_bytes(b"abcd")  # another size: hashed again
    assert files.sha256(shared) != SHA256_ABC
    assert str(shared) in read
