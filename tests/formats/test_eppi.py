"""The EPPI-Mapper JSON on a hand-made map: two dimensions, two goals, two evidence items."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from lnob_methods.formats.eppi import eppi_json, stable_id, write_eppi_json

GROUPS = pd.DataFrame(
    {
        "group": ["women_and_girls", "young_women_and_girls", "persons_with_disabilities"],
        "label": ["Women and girls", "Young women and girls", "Persons with disabilities"],
        "dimension": ["sex", "sex", "disability"],
        "dimension_label": ["Sex and gender", "Sex and gender", "Disability"],
    }
)
# Target 1.1 has two indicators (two rows): it must still be one attribute.
FRAMEWORK = pd.DataFrame(
    {
        "goal": [1, 1, 1, 5],
        "goal_short": ["No poverty", "No poverty", "No poverty", "Gender equality"],
        "target": ["1.1", "1.1", "1.2", "5.1"],
        "indicator": ["1.1.1", "1.1.2", "1.2.1", "5.1.1"],
    }
)


def _row(item, org, title, source, quality, year, group, target):
    return {
        "item_id": item,
        "organisation": org,
        "title": title,
        "source_type": source,
        "quality": quality,
        "year": year,
        "group": group,
        "target": target,
    }


# The official item comes first in the table; References are sorted by item id all the same.
EVIDENCE = pd.DataFrame(
    [
        _row("SDGDB:1.2.1", "UN SDG Global Database", "1.2.1 Poverty", "official_statistics",
             "high", pd.NA, "young_women_and_girls", "1.2"),
        _row("CARE:7", "CARE", "Water & <b>sanitation</b>", "icso_study", "medium", 2019,
             "women_and_girls", "1.1"),
        _row("CARE:7", "CARE", "Water & <b>sanitation</b>", "icso_study", "medium", 2019,
             "persons_with_disabilities", "1.1"),
        _row("CARE:7", "CARE", "Water & <b>sanitation</b>", "icso_study", "medium", 2019,
             "women_and_girls", "5.1"),
    ]
)  # fmt: skip
EVIDENCE["year"] = EVIDENCE["year"].astype("Int64")


def children(node):
    """Return the child attributes of a code-set node (none for a leaf)."""
    return node.get("Attributes", {}).get("AttributesList", [])


def attributes(nodes):
    """Yield every attribute of a code set, children included."""
    for node in nodes:
        yield node
        yield from attributes(children(node))


def tree(nodes):
    """Return a code set as (name, [child names]) pairs, the shape EPPI-Mapper shows."""
    return [(n["AttributeName"], [c["AttributeName"] for c in children(n)]) for n in nodes]


def all_attributes(data):
    return [a for s in data["CodeSets"] for a in attributes(s["Attributes"]["AttributesList"])]


def test_code_sets_rows_columns_sources_and_quality():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    sets = data["CodeSets"]
    assert [(s["SetId"], s["SetName"]) for s in sets] == [
        (1, "Population groups (rows)"),
        (2, "SDG goals and targets (columns)"),
        (3, "Source type"),
        (4, "Quality"),
    ]
    lists = [s["Attributes"]["AttributesList"] for s in sets]
    assert tree(lists[0]) == [
        ("Sex and gender", ["Women and girls", "Young women and girls"]),
        ("Disability", ["Persons with disabilities"]),
    ]
    assert tree(lists[1]) == [
        ("1. No poverty", ["Target 1.1", "Target 1.2"]),
        ("5. Gender equality", ["Target 5.1"]),
    ]
    assert tree(lists[2]) == [
        ("Official statistics", []),
        ("ICSO study", []),
        ("Programme data", []),
        ("Community voices", []),
    ]
    assert tree(lists[3]) == [("low", []), ("medium", []), ("high", [])]
    for a in all_attributes(data):
        assert a["AttributeSetDescription"] == ""


def test_ids_are_unique_integers_and_stable():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    ids = [a["AttributeId"] for a in all_attributes(data)]
    # 2 dimensions + 3 groups, 2 goals + 3 targets, 4 source types, 3 qualities.
    assert len(ids) == 17 and len(set(ids)) == 17
    assert all(type(i) is int for i in ids)
    assert eppi_json(EVIDENCE, GROUPS, FRAMEWORK) == data, "same input, same ids"
    # The code sets do not depend on the evidence: another map of the same frame keeps its ids.
    shuffled = EVIDENCE.iloc[::-1].reset_index(drop=True)
    assert eppi_json(shuffled, GROUPS, FRAMEWORK)["CodeSets"] == data["CodeSets"]
    assert eppi_json(EVIDENCE.iloc[:1], GROUPS, FRAMEWORK)["CodeSets"] == data["CodeSets"]


def _sha_id(key):
    """The id rule written out again: first four bytes of SHA-256, into 1..2**31-1."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % (2**31 - 1) + 1


def test_references_are_exactly_the_two_items_with_their_codes():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK, country="Kenya")
    by_name = {a["AttributeName"]: a["AttributeId"] for a in all_attributes(data)}
    assert len(by_name) == 17, "names are unique in this map, so a name identifies a code"

    def codes(*names):
        return [
            {"AttributeId": i, "AdditionalText": "", "ArmId": 0, "ArmTitle": "",
             "ItemAttributeFullTextDetails": []}
            for i in sorted(by_name[n] for n in names)
        ]  # fmt: skip

    refs = data["References"]
    # Sorted by the project's item id; the integer id is kept beside the project's id.
    assert [r["OldItemId"] for r in refs] == ["CARE:7", "SDGDB:1.2.1"]
    assert [r["ItemId"] for r in refs] == [_sha_id("item:CARE:7"), _sha_id("item:SDGDB:1.2.1")]
    care, official = refs
    # CARE:7 covers women × 1.1, disabilities × 1.1 and women × 5.1: two groups, two targets,
    # each once.
    assert care["Codes"] == codes(
        "Women and girls", "Persons with disabilities", "Target 1.1", "Target 5.1",
        "ICSO study", "medium",
    )  # fmt: skip
    assert official["Codes"] == codes(
        "Young women and girls", "Target 1.2", "Official statistics", "high"
    )
    # The citation fields, written by hand: the organisation is the corporate author.
    assert {k: care[k] for k in ("Title", "ShortTitle", "Authors", "Institution", "Year",
                                 "QuickCitation", "TypeName", "Country", "ItemStatus")} == {
        "Title": "Water & <b>sanitation</b>",
        "ShortTitle": "CARE (2019)",
        "Authors": "CARE ; ",
        "Institution": "CARE",
        "Year": "2019",
        "QuickCitation": "CARE (2019) Water & <b>sanitation</b>",
        "TypeName": "Report",
        "Country": "Kenya",
        "ItemStatus": "I",
    }  # fmt: skip
    # The official item has no year: an empty text, and no "()" in the citation.
    assert (official["Year"], official["ShortTitle"], official["QuickCitation"]) == (
        "",
        "UN SDG Global Database",
        "UN SDG Global Database 1.2.1 Poverty",
    )
    # Nothing invented: no dates, no persons.
    assert {care[k] for k in ("DateCreated", "CreatedBy", "DateEdited", "EditedBy")} == {""}


def test_the_id_map_gives_every_project_id_its_integer():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    ids = data["LnobIds"]
    assert ids["References"] == {
        "CARE:7": _sha_id("item:CARE:7"),
        "SDGDB:1.2.1": _sha_id("item:SDGDB:1.2.1"),
    }
    by_name = {a["AttributeName"]: a["AttributeId"] for a in all_attributes(data)}
    assert ids["Attributes"]["group:women_and_girls"] == by_name["Women and girls"]
    assert ids["Attributes"]["target:5.1"] == by_name["Target 5.1"]
    assert ids["Attributes"]["goal:1"] == by_name["1. No poverty"]
    assert ids["Attributes"]["source:icso_study"] == by_name["ICSO study"]
    assert ids["Attributes"]["group:women_and_girls"] == _sha_id("group:women_and_girls")
    assert len(ids["Attributes"]) == 17


def test_an_item_keeps_its_id_when_other_items_come_and_go():
    alone = eppi_json(EVIDENCE[EVIDENCE["item_id"] == "CARE:7"], GROUPS, FRAMEWORK)
    both = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    assert alone["References"][0]["ItemId"] == both["References"][0]["ItemId"]


def test_a_colliding_id_takes_the_next_free_integer():
    used = {_sha_id("a")}
    assert stable_id("a", used) == _sha_id("a") + 1
    assert used == {_sha_id("a"), _sha_id("a") + 1}
    assert stable_id("b", set()) == _sha_id("b")


def test_every_code_of_every_item_is_an_attribute_of_the_code_sets():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    ids = {a["AttributeId"] for a in all_attributes(data)}
    used = {c["AttributeId"] for r in data["References"] for c in r["Codes"]}
    assert used <= ids and len(used) == 10  # 6 codes of CARE:7, 4 of the official item


def test_write_eppi_json_writes_the_same_map_with_reproducible_bytes(tmp_path):
    first = write_eppi_json(EVIDENCE, GROUPS, FRAMEWORK, tmp_path / "a" / "map.json")
    again = write_eppi_json(EVIDENCE, GROUPS, FRAMEWORK, tmp_path / "b.json")
    assert json.loads(first.read_text(encoding="utf-8")) == eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    assert first.read_bytes() == again.read_bytes()


STRUCTURE = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "standards" / "eppi_structure.json").read_text(
        encoding="utf-8"
    )
)
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array",
               dict: "object", type(None): "null"}  # fmt: skip


def objects_by_kind(data):
    """Return every object of the export, by the kind names of the structure fixture."""
    out = {"Export": [data], "CodeSet": [], "SetType": [], "AttributeList": [], "Attribute": [],
           "Reference": [], "Code": []}  # fmt: skip

    def attribute_list(holder):
        out["AttributeList"].append(holder)
        for a in holder["AttributesList"]:
            out["Attribute"].append(a)
            if "Attributes" in a:
                attribute_list(a["Attributes"])

    for s in data["CodeSets"]:
        out["CodeSet"].append(s)
        out["SetType"].append(s["SetType"])
        attribute_list(s["Attributes"])
    for r in data["References"]:
        out["Reference"].append(r)
        out["Code"].extend(r["Codes"])
    return out


def test_the_structure_fixture_has_the_fields_named_in_the_comparison():
    # Counted by hand from a real export: 34 reference fields, 10 attribute fields, 6 code-set
    # fields, 5 code fields; ItemId is an integer there.
    kinds = STRUCTURE["kinds"]
    assert {k: len(v["fields"]) for k, v in kinds.items()} == {
        "Export": 2, "CodeSet": 6, "SetType": 2, "AttributeList": 1, "Attribute": 10,
        "Reference": 34, "Code": 5,
    }  # fmt: skip
    assert kinds["Reference"]["fields"]["ItemId"] == "integer"
    assert kinds["Attribute"]["optional"] == ["Attributes"]


@pytest.mark.parametrize("kind", sorted(STRUCTURE["kinds"]))
def test_every_field_of_a_real_export_is_there_with_its_json_type(kind):
    spec = STRUCTURE["kinds"][kind]
    objects = objects_by_kind(eppi_json(EVIDENCE, GROUPS, FRAMEWORK, country="Kenya"))[kind]
    assert objects, f"no {kind} in the export"
    extra_allowed = {"LnobIds"} if kind == "Export" else set()
    for obj in objects:
        required = set(spec["fields"]) - set(spec["optional"])
        assert required <= set(obj), f"{kind} lacks {sorted(required - set(obj))}"
        assert set(obj) - set(spec["fields"]) <= extra_allowed, f"{kind} has fields EPPI lacks"
        for field in set(obj) & set(spec["fields"]):
            assert _JSON_TYPES[type(obj[field])] == spec["fields"][field], (kind, field)


def test_coded_fields_hold_values_that_eppi_reviewer_writes():
    objs = objects_by_kind(eppi_json(EVIDENCE, GROUPS, FRAMEWORK))
    codes = STRUCTURE["codes"]
    for kind, field in [("Attribute", "AttributeType"), ("SetType", "SetTypeName"),
                        ("Reference", "ItemStatus"), ("Reference", "ItemStatusTooltip"),
                        ("Reference", "TypeName")]:  # fmt: skip
        assert {o[field] for o in objs[kind]} <= set(codes[f"{kind}.{field}"]), field
    # Headings (dimensions, goals) have children and no checkbox; groups and targets are codes.
    headings = {a["AttributeName"] for a in objs["Attribute"] if "Attributes" in a}
    assert headings == {"Sex and gender", "Disability", "1. No poverty", "5. Gender equality"}
    for a in objs["Attribute"]:
        expected = "Not selectable (no checkbox)" if a["AttributeName"] in headings else (
            "Selectable (show checkbox)")  # fmt: skip
        assert a["AttributeType"] == expected


def test_every_id_is_an_integer_and_the_same_in_two_exports(tmp_path):
    first = write_eppi_json(EVIDENCE, GROUPS, FRAMEWORK, tmp_path / "a.json")
    second = write_eppi_json(EVIDENCE.iloc[::-1], GROUPS, FRAMEWORK, tmp_path / "b.json")
    assert first.read_bytes() == second.read_bytes()
    objs = objects_by_kind(json.loads(first.read_text(encoding="utf-8")))
    ids = [r["ItemId"] for r in objs["Reference"]] + [c["AttributeId"] for c in objs["Code"]]
    ids += [a[k] for a in objs["Attribute"] for k in ("AttributeId", "AttributeSetId")]
    ids += [s[k] for s in objs["CodeSet"] for k in ("SetId", "ReviewSetId")]
    assert all(type(i) is int and 0 < i < 2**31 for i in ids)
