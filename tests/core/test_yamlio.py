"""YAML read with libyaml gives what PyYAML's safe_load gives, errors included."""

from __future__ import annotations

import datetime

import pytest
import yaml

from lnob_methods.core import yamlio

DOC = """\
name: Kenya
focus: [10.2, "5.1"]
since: 2015
started: 2025-03-01
synthetic: false
empty:
places:
  - Kibera
  - "Mathare: north"
"""


def test_the_values_are_those_of_safe_load():
    data = yamlio.safe_load(DOC)
    assert data == {
        "name": "Kenya",
        "focus": [10.2, "5.1"],
        "since": 2015,
        "started": datetime.date(2025, 3, 1),
        "synthetic": False,
        "empty": None,
        "places": ["Kibera", "Mathare: north"],
    }


def test_a_python_tag_is_refused_as_safe_load_refuses_it():
    with pytest.raises(yaml.YAMLError):
        yamlio.safe_load("x: !!python/object/apply:os.system ['true']\n")


def test_invalid_yaml_gives_the_pure_python_message_and_line():
    bad = "files:\n  a.csv:\n    synthetic: true\n   holder: x\n"
    with pytest.raises(yaml.YAMLError) as ours:
        yamlio.safe_load(bad)
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.safe_load(bad)
    assert str(ours.value) == str(theirs.value)
    assert ours.value.problem_mark.line == 3  # the fourth line, counted from 0


def test_a_file_error_names_the_file(tmp_path):
    path = tmp_path / "KEN.yaml"
    path.write_text("name: [Kenya\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as err:
        yamlio.safe_load_file(path)
    assert str(path) in str(err.value)


def test_a_file_reads_as_its_text(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text("places:\n  - Thành phố Hồ Chí Minh\n", encoding="utf-8")
    assert yamlio.safe_load_file(path) == {"places": ["Thành phố Hồ Chí Minh"]}


def test_valid_text_never_goes_through_the_slow_parser(monkeypatch):
    # The pure-Python parser is only for the error message; valid text is parsed by libyaml.
    if yamlio._FAST is yaml.SafeLoader:
        pytest.skip("PyYAML built without libyaml")
    monkeypatch.setattr(yaml, "safe_load", lambda *_: pytest.fail("the slow parser ran"))
    assert yamlio.safe_load(DOC)["name"] == "Kenya"
