"""Every published country's exports folder is a data package the frictionless validator passes."""

from __future__ import annotations

import frictionless
import pytest

from lnob_methods.core import paths

COUNTRIES = sorted(p.name for p in paths.results_dir().iterdir() if (p / "exports").is_dir()) if (
    paths.results_dir().is_dir()
) else []  # fmt: skip


def test_there_are_published_results():
    if not COUNTRIES:
        pytest.fail("no published results: run `make book` first (make test does)")


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_country_exports_are_a_valid_data_package(country):
    exports = paths.results_dir() / country / "exports"
    package = exports / "datapackage.json"
    assert package.is_file(), f"{country}: no datapackage.json beside the exports"
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["resource", "rowNumber", "fieldName", "type", "note"])[:10]
    listed = {r.path for r in frictionless.Package(str(package)).resources}
    on_disk = {p.relative_to(exports).as_posix() for p in exports.glob("*/*.csv")}
    assert listed == on_disk, "every CSV export is a resource of the package, and only those"
