"""The reference data's Table Schemas: qualified values and units are typed as declared."""

from __future__ import annotations

import json

import frictionless
import pytest

from lnob_methods.core import paths

PACKAGE = paths.REFERENCE / "datapackage.json"


def _resource(name):
    pkg = json.loads(PACKAGE.read_text(encoding="utf-8"))
    return next(r for r in pkg["resources"] if r["name"] == name)


def _validate_one_column(field, values):
    rows = [[field["name"]]] + [[v] for v in values]
    schema = frictionless.Schema.from_descriptor({"fields": [field]})
    return frictionless.Resource(data=rows, schema=schema).validate()


@pytest.mark.parametrize("value", ["<100", ">95", "<0.5", "N", "98.69", "-3", "1.5e-05"])
def test_the_database_value_column_accepts_every_form_it_holds(value):
    field = next(
        f
        for f in _resource("unsdg-db-2023-12-allgeo-allseries-long")["schema"]["fields"]
        if f["name"] == "value"
    )
    assert field["type"] == "string"
    assert _validate_one_column(field, [value]).valid


@pytest.mark.parametrize("value", ["abc", "<", "100<", "5%", "", "N/A"])
def test_the_database_value_column_refuses_anything_else(value):
    field = next(
        f
        for f in _resource("unsdg-db-2023-12-allgeo-allseries-long")["schema"]["fields"]
        if f["name"] == "value"
    )
    assert not _validate_one_column(field, [value]).valid


def test_units_are_a_declared_list_and_pt_is_one_of_them():
    field = next(
        f
        for f in _resource("nepal-cbs-opensdg-sdmx-long")["schema"]["fields"]
        if f["name"] == "unit_measure"
    )
    assert "PT" in field["constraints"]["enum"]
    assert _validate_one_column(field, ["PT"]).valid
    assert not _validate_one_column(field, ["percent"]).valid


@pytest.mark.parametrize(
    "name",
    ["nepal-cbs-opensdg-sdmx-long", "unsdg-db-2023-12-dimension-codes", "sdmx-sdg-codelists"],
)
def test_the_small_reference_tables_are_valid_against_their_schemas(name):
    # The 2-million-row database table is checked by the slow test below.
    report = frictionless.validate(str(PACKAGE), resource_name=name)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.mark.slow
# frictionless leaves the gzip file of the 2.2-million-row extract open when it is done with it.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_database_table_is_valid_against_its_schema():
    report = frictionless.validate(
        str(PACKAGE), resource_name="unsdg-db-2023-12-allgeo-allseries-long"
    )
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
