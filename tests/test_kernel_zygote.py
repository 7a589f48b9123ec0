"""The warm-kernel server preloads exactly what the templates import."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

from lnob_methods import kernel_zygote


def test_each_import_statement_is_read_on_its_own(tmp_path):
    (tmp_path / "a.md").write_text(
        "```{code-cell} ipython3\n"
        "import json\n"
        "from myst_nb import glue\n"
        "\n"
        "from lnob_methods import countries, notebook as nb\n"
        "import numpy as np, pandas.api\n"
        "from lnob_methods.exports import (\n"
        "    write_csv,\n"
        "    write_xlsx,\n"
        ")\n"
        "x = 1  # from here on, no import\n"
        "```\n"
    )
    assert kernel_zygote.template_imports(tmp_path) == [
        "json",
        "lnob_methods",
        "lnob_methods.countries",
        "lnob_methods.exports",
        "lnob_methods.exports.write_csv",
        "lnob_methods.exports.write_xlsx",
        "lnob_methods.notebook",
        "myst_nb",
        "myst_nb.glue",
        "numpy",
        "pandas.api",
    ]


def test_every_library_module_the_templates_import_is_preloaded():
    names = kernel_zygote.template_imports(ROOT / "notebooks")
    modules = [n for n in names if n.startswith("lnob_methods.") and n.count(".") == 1]
    assert "lnob_methods.country_evidence" in modules and "lnob_methods.voices" in modules
    assert all(importlib.util.find_spec(m) for m in modules), "each one is a real module"
    assert set(kernel_zygote.preload(modules)) == set(modules)
