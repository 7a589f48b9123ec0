"""The package versions a run card and a cache key record."""

from __future__ import annotations

import numpy
import pandas

import lnob_methods
from lnob_methods.core import versions


def test_installed_packages_report_their_own_version():
    found = versions.package_versions()
    # Each package's __version__ is an independent source of the same fact.
    assert found["pandas"] == pandas.__version__
    assert found["numpy"] == numpy.__version__
    assert found["lnob-methods"] == lnob_methods.__version__


def test_a_package_that_is_not_installed_is_left_out(monkeypatch):
    monkeypatch.setattr(versions, "RESULT_PACKAGES", ["pandas", "no-such-package-lnob-test"])
    assert versions.package_versions() == {"pandas": pandas.__version__}


def test_packages_keep_the_declared_order(monkeypatch):
    monkeypatch.setattr(versions, "RESULT_PACKAGES", ["pandas", "numpy"])
    assert list(versions.package_versions()) == ["pandas", "numpy"]
