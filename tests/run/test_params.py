"""Template parameters: declared defaults, type checks, and errors instead of papermill warnings."""

from __future__ import annotations

import re

import pytest

from lnob_methods.core.errors import ParameterError
from lnob_methods.run import params, runner
from tests.helpers import FIXTURES, ROOT

TINY = FIXTURES / "notebooks" / "tiny.md"


def test_declared_reads_the_parameters_cell():
    nb = params.read_template(TINY)
    assert params.declared(nb) == {
        "country": "KEN",
        "n": 3,
        "rate": 0.5,
        "fail": False,
        "label": "x",
        "die": False,
        "sleep": 0.0,
    }


@pytest.mark.parametrize(
    ("raw", "default", "expected"),
    [
        ("5", 3, 5),
        ("0.25", 0.5, 0.25),
        ("2", 0.5, 2.0),
        ("yes", False, True),
        ("0", True, False),
        ("hello", "x", "hello"),
        ("16.10", "x", "16.10"),
        ("[1, 2]", [0], [1, 2]),
    ],
)
def test_coerce_converts_to_the_default_type(raw, default, expected):
    value = params.coerce("p", raw, default)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("raw", "default", "message"),
    [
        ("many", 3, "parameter 'p' must be int like its default 3, not 'many'."),
        ("2.5", 3, "parameter 'p' must be int like its default 3, not float 2.5."),
        ("maybe", False, "parameter 'p' must be true or false, not 'maybe'."),
        ("'a'", 0.5, "parameter 'p' must be float like its default 0.5, not str 'a'."),
    ],
)
def test_coerce_rejects_wrong_types(raw, default, message):
    with pytest.raises(ParameterError) as err:
        params.coerce("p", raw, default)
    assert str(err.value) == message


def test_resolve_reports_every_problem():
    defaults = {"country": "KEN", "since_year": 2000}
    with pytest.raises(ParameterError) as err:
        params.resolve(defaults, {"sinceyear": "1", "since_year": "x"}, "t.md")
    text = str(err.value)
    assert "t.md declares no parameter 'sinceyear'. Did you mean 'since_year'?" in text
    assert "parameter 'since_year' must be int" in text


def test_parse_assignments():
    assert params.parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(ParameterError, match="write parameters as key=value"):
        params.parse_assignments(["oops"])


def test_plan_refuses_country_as_parameter_and_unknown_notebooks():
    with pytest.raises(ParameterError, match="choose countries with --country"):
        runner.plan(["KEN"], ["official_stocktake"], {"country": "NPL"})
    with pytest.raises(ParameterError, match="no notebook template named 'oficial_stocktake'"):
        runner.plan(["KEN"], ["oficial_stocktake"], {})


def test_parameters_cell_must_hold_literals_only(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(TINY.read_text().replace("n = 3", "n = len('abc')"))
    with pytest.raises(ParameterError, match="parameter 'n' must be a literal value"):
        params.declared(params.read_template(bad))


DESCRIBED = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A template

```{code-cell} ipython3
:tags: [parameters]

country = "KEN"  # ISO3 code
k = 5  # small-cell threshold
w = 2.0
label = "a # b"  # text with a hash inside
```
"""


def test_described_reads_the_comment_beside_each_parameter(tmp_path):
    path = tmp_path / "t.md"
    path.write_text(DESCRIBED, encoding="utf-8")
    found = params.described(params.read_template(path))
    assert [(p.name, p.type, p.default, p.meaning) for p in found] == [
        ("country", "str", "KEN", "ISO3 code"),
        ("k", "int", 5, "small-cell threshold"),
        ("w", "float", 2.0, ""),
        ("label", "str", "a # b", "text with a hash inside"),
    ]


def test_every_template_parameter_says_what_it_means():
    for name, path in runner.templates().items():
        for p in params.described(params.read_template(path)):
            assert p.meaning, f"notebooks/{name}.md: parameter {p.name!r} has no comment"


def test_the_chapter_on_adding_a_country_names_every_parameter():
    chapter = (ROOT / "book" / "methods" / "adding_a_country.md").read_text(encoding="utf-8")
    rows = [line for line in chapter.splitlines() if line.startswith("| `")]
    named = {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    declared = {
        p.name
        for path in runner.templates().values()
        for p in params.described(params.read_template(path))
    }
    assert declared - named == set()
    assert named - declared == set()


def test_read_template_hands_each_caller_its_own_copy(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    first = params.read_template(path)
    first.cells[0].source = "country = 'changed by a caller'"
    first.metadata["injected"] = True
    again = params.read_template(path)
    assert "changed by a caller" not in again.cells[0].source
    assert "injected" not in again.metadata
    assert params.declared(again)["country"] == "KEN"


def test_read_template_reads_a_changed_template_again(tmp_path):
    path = tmp_path / "page.md"
    text = TINY.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert params.declared(params.read_template(path))["n"] == 3
    path.write_text(text.replace("n = 3", "n = 42"), encoding="utf-8")
    assert params.declared(params.read_template(path))["n"] == 42
