"""The warm-kernel server preloads exactly what the templates import."""

from __future__ import annotations

import importlib.util

from lnob_methods.run import kernel_zygote
from tests.helpers import ROOT


def test_each_import_statement_is_read_on_its_own(tmp_path):
    (tmp_path / "a.md").write_text(
        "```{code-cell} ipython3\n"
        "import json\n"
        "from myst_nb import glue\n"
        "\n"
        "from lnob_methods.reference import countries\n"
        "from lnob_methods.site import notebook as nb\n"
        "import numpy as np, pandas.api\n"
        "from lnob_methods.formats.exports import (\n"
        "    write_csv,\n"
        "    write_xlsx,\n"
        ")\n"
        "x = 1  # from here on, no import\n"
        "```\n"
    )
    assert kernel_zygote.template_imports(tmp_path) == [
        "json",
        "lnob_methods.formats.exports",
        "lnob_methods.formats.exports.write_csv",
        "lnob_methods.formats.exports.write_xlsx",
        "lnob_methods.reference",
        "lnob_methods.reference.countries",
        "lnob_methods.site",
        "lnob_methods.site.notebook",
        "myst_nb",
        "myst_nb.glue",
        "numpy",
        "pandas.api",
    ]


def test_every_library_module_the_templates_import_is_preloaded():
    names = kernel_zygote.template_imports(ROOT / "notebooks")
    # "from lnob_methods.analysis import gaps" names the module lnob_methods.analysis.gaps
    modules = [n for n in names if n.startswith("lnob_methods.") and n.count(".") == 2]
    assert (
        "lnob_methods.analysis.country_evidence" in modules
        and "lnob_methods.voices.prepare" in modules
    )
    assert all(importlib.util.find_spec(m) for m in modules), "each one is a real module"
    assert set(kernel_zygote.preload(modules)) == set(modules)
