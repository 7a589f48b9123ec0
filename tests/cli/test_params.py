"""`lnob params` and `lnob run --help`: the parameters and notebooks a user can choose."""

from __future__ import annotations

import pytest

from lnob_methods.cli import main as cli_main
from lnob_methods.cli.main import main, parser

TEMPLATE = """\
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

```{{code-cell}} ipython3
:tags: [parameters, remove-cell]

{params}
```
"""


@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    """Two templates of our own: the reference shows exactly what they declare."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "voices.md").write_text(
        TEMPLATE.format(params='country = "KEN"  # ISO3 code\nk = 5  # small-cell threshold'),
        encoding="utf-8",
    )
    (folder / "stocktake.md").write_text(
        TEMPLATE.format(params="since_year = 2000  # earliest year\nrate = 0.5"),
        encoding="utf-8",
    )
    monkeypatch.setenv("LNOB_NOTEBOOKS_DIR", str(folder))
    return folder


def test_params_lists_every_template(notebooks, capsys):
    assert main(["params"]) == 0
    assert capsys.readouterr().out == (
        "stocktake (notebooks/stocktake.md):\n"
        "  since_year  int    default 2000      earliest year\n"
        "  rate        float  default 0.5       (no comment beside it in the parameters cell)\n"
        "\n"
        "voices (notebooks/voices.md):\n"
        "  country  str    default 'KEN'     ISO3 code\n"
        "  k        int    default 5         small-cell threshold\n"
        "\n"
        "Set a parameter with `lnob run --notebook NAME -p PARAMETER=VALUE`.\n"
    )


def test_params_of_one_notebook(notebooks, capsys):
    assert main(["params", "voices"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "voices (notebooks/voices.md):"


def test_params_of_an_unknown_notebook(notebooks, capsys):
    assert main(["params", "vocies"]) == 2
    assert capsys.readouterr().err == (
        "lnob params: no notebook template named 'vocies'. Did you mean 'voices'? "
        "Templates: stocktake, voices.\n"
    )


def test_run_help_lists_the_notebooks(notebooks, capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    out = capsys.readouterr().out
    assert f"notebooks (templates in {notebooks}):\n  stocktake\n  voices\n" in out
    assert "`lnob params` lists each template's parameters" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--notebook", "stocktake", "voices"],
        ["run", "--notebook", "stocktake", "--notebook", "voices"],
        ["run", "--notebook", "stocktake", "voices", "--notebook", "stocktake"],
    ],
)
def test_every_named_notebook_runs(argv, monkeypatch):
    assert set(parser().parse_args(argv).notebook) == {"stocktake", "voices"}
    planned = {}

    def plan(countries, notebooks, given):
        planned["notebooks"] = notebooks
        return []

    monkeypatch.setattr(cli_main.runner, "plan", plan)
    monkeypatch.setattr(cli_main.runner, "run", lambda jobs, **kw: [])
    monkeypatch.setattr(cli_main.toc, "write_toc", lambda: None)
    assert main([*argv, "--country", "KEN"]) == 0
    assert planned["notebooks"] == ["stocktake", "voices"]


def test_repeated_country_accumulates():
    args = parser().parse_args(["run", "--country", "KEN", "--country", "NPL", "BGD"])
    assert args.country == ["KEN", "NPL", "BGD"]
