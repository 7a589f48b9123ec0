"""The synthetic rule: a file is demonstration data when its name starts with ``synthetic_``."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob_methods.reference.provenance import any_synthetic, is_synthetic


@pytest.mark.parametrize(
    "path",
    [
        "data/countries/KEN/synthetic_inventory.csv",
        Path("data/countries/KEN/testimonies/synthetic_kobo.xlsx"),
        "synthetic_",
    ],
)
def test_files_named_synthetic_are_synthetic(path):
    assert is_synthetic(path)


@pytest.mark.parametrize(
    "path",
    [
        "data/countries/KEN/inventory.csv",
        "data/synthetic_demo/inventory.csv",  # the folder's name does not count, only the file's
        "data/countries/KEN/my_synthetic_inventory.csv",  # a prefix, not anywhere in the name
        "data/countries/KEN/Synthetic_inventory.csv",  # the generators write lower case
        "data/countries/KEN/synthetic-inventory.csv",
        "",
    ],
)
def test_other_files_are_not(path):
    assert not is_synthetic(path)


def test_any_synthetic():
    real, demo = "KEN/inventory.csv", "KEN/synthetic_inventory.csv"
    assert any_synthetic([real, demo])
    assert any_synthetic(p for p in [Path(demo)])  # any iterable, paths or text
    assert not any_synthetic([real, "KEN/survey.xlsx"])
    assert not any_synthetic([])
