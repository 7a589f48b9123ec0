"""The exports' data package: one Table Schema per CSV, valid for the frictionless validator."""

from __future__ import annotations

import json

import frictionless
import pandas as pd
import pytest

from lnob_methods.formats.datapackage import (
    field_type,
    is_current,
    table_schema,
    write_datapackage,
)
from lnob_methods.formats.exports import write_csv


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["True", "False", ""], "boolean"),
        (["2019", "-3", ""], "integer"),
        (["2019", "0.5"], "number"),
        (["1e3", "2"], "number"),
        (["<100", "5"], "string"),  # a qualifier makes text
        (["inf", "1"], "string"),
        (["", ""], "string"),  # no value at all
        (["1", "True"], "string"),
    ],
)
def test_field_type(values, expected):
    assert field_type(pd.Series(values)) == expected


def _exports(tmp_path):
    exports = tmp_path / "KEN" / "exports"
    write_csv(
        pd.DataFrame(
            {
                "group": ["women_and_girls", "children"],
                "target": ["1.10", "1.2"],  # looks like a number, is a code
                "n_items": [3, 0],
                "latest_year": [2019, None],
                "in_scope": [True, False],
            }
        ).astype({"latest_year": "Int64"}),
        exports / "gap_analysis" / "gap_cells.csv",
    )
    write_csv(
        pd.DataFrame({"comparison": ["female vs male"], "sdmx_codelist": ["IAEG-SDGs:CL_SEX(1.1)"],
                      "sdmx_code": ["F"], "AGE": ["Y15T24"], "value": [12.5]}),
        exports / "furthest_behind" / "group_gaps.csv",
    )  # fmt: skip
    card = {
        "inputs": {"data/reference/sdg_indicator_framework.csv": "x", "data/taxonomy/a.yaml": "y"}
    }
    (exports / "gap_analysis" / "runcard.json").write_text(json.dumps(card), encoding="utf-8")
    return exports


def test_schema_types_written_by_hand(tmp_path):
    exports = _exports(tmp_path)
    schema = table_schema(exports / "gap_analysis" / "gap_cells.csv")
    assert [(f["name"], f["type"]) for f in schema["fields"]] == [
        ("group", "string"),
        ("target", "string"),
        ("n_items", "integer"),
        ("latest_year", "integer"),
        ("in_scope", "boolean"),
    ]
    gaps = table_schema(exports / "furthest_behind" / "group_gaps.csv")
    codelist = next(f for f in gaps["fields"] if f["name"] == "sdmx_codelist")
    assert "IAEG-SDGs:CL_SEX(1.1)" in codelist["constraints"]["enum"]
    code = next(f for f in gaps["fields"] if f["name"] == "sdmx_code")
    assert "IAEG-SDGs:CL_SEX(1.1)" in code["description"]
    age = next(f for f in gaps["fields"] if f["name"] == "AGE")
    assert age["type"] == "string" and "IAEG-SDGs:CL_AGE(1.1)" in age["description"]
    assert {"Y15T24", "Y_GE65", "_T"} <= set(age["constraints"]["enum"])
    assert "15_24" not in age["constraints"]["enum"]


def test_package_lists_every_csv_with_sources_and_licence_and_is_valid(tmp_path):
    exports = _exports(tmp_path)
    path = write_datapackage(exports, "KEN")
    pkg = json.loads(path.read_text(encoding="utf-8"))
    assert [r["path"] for r in pkg["resources"]] == [
        "furthest_behind/group_gaps.csv",
        "gap_analysis/gap_cells.csv",
    ]
    cells = pkg["resources"][1]
    # Only data files of the run card are sources; the reference file points to its provenance.
    assert cells["sources"] == [
        {
            "path": "data/reference/sdg_indicator_framework.csv",
            "title": "reference data, see data/reference/SOURCES_upstream.md",
        }
    ]
    assert pkg["resources"][0]["sources"] == []  # no run card: nothing claimed
    assert all(r["licenses"][0]["name"] == "CC-BY-4.0" for r in pkg["resources"])
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_validator_catches_a_value_of_the_wrong_type(tmp_path):
    exports = _exports(tmp_path)
    path = write_datapackage(exports, "KEN")
    # A later hand edit of the CSV breaks its declared type: the package must say so.
    csv = exports / "gap_analysis" / "gap_cells.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",3,", ",three,"), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert not report.valid
    assert report.flatten(["fieldName", "type"]) == [["n_items", "type-error"]]
    # A database code where an SDMX code belongs breaks the code list's constraint.
    gaps = exports / "furthest_behind" / "group_gaps.csv"
    gaps.write_text(gaps.read_text(encoding="utf-8").replace("Y15T24", "15_24"), encoding="utf-8")
    report = frictionless.validate(str(path))
    assert ["AGE", "constraint-error"] in report.flatten(["fieldName", "type"])


def test_same_files_same_bytes(tmp_path):
    exports = _exports(tmp_path)
    first = write_datapackage(exports, "KEN").read_bytes()
    assert write_datapackage(exports, "KEN").read_bytes() == first


def test_a_changed_csv_is_read_again(tmp_path):
    # The schema of a file is kept while the file is unchanged: a rewrite must be seen.
    path = tmp_path / "t.csv"
    path.write_text("n\n1\n2\n", encoding="utf-8")
    assert table_schema(path)["fields"] == [{"name": "n", "type": "integer"}]
    table_schema(path)["fields"].clear()  # a caller changing its copy changes nothing kept
    assert table_schema(path)["fields"] == [{"name": "n", "type": "integer"}]
    path.write_text("n\n1\ntwo\n", encoding="utf-8")
    assert table_schema(path)["fields"] == [{"name": "n", "type": "string"}]


def test_a_package_is_current_until_an_export_changes_or_goes(tmp_path):
    import os
    import shutil

    exports = _exports(tmp_path)
    assert not is_current(exports), "no package yet"
    path = write_datapackage(exports, "KEN")
    assert is_current(exports)
    later = path.stat().st_mtime_ns + 1_000_000
    csv = exports / "gap_analysis" / "gap_cells.csv"
    os.utime(csv, ns=(later, later))  # an export written after the package
    assert not is_current(exports)
    write_datapackage(exports, "KEN")
    assert is_current(exports)
    shutil.rmtree(exports / "furthest_behind")  # an export removed: the package lists it
    assert not is_current(exports)
    write_datapackage(exports, "KEN")
    assert is_current(exports)
    (exports / "datapackage.json").write_text("{", encoding="utf-8")  # unreadable
    assert not is_current(exports)
