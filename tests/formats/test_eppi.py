"""The EPPI-Mapper JSON on a hand-made map: two dimensions, two goals, two evidence items."""

from __future__ import annotations

import json

import pandas as pd

from lnob_methods.formats.eppi import eppi_json, write_eppi_json

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


def test_references_are_exactly_the_two_items_with_their_codes():
    data = eppi_json(EVIDENCE, GROUPS, FRAMEWORK)
    by_name = {a["AttributeName"]: a["AttributeId"] for a in all_attributes(data)}
    assert len(by_name) == 17, "names are unique in this map, so a name identifies a code"

    def codes(*names):
        return [{"AttributeId": i, "AdditionalText": ""} for i in sorted(by_name[n] for n in names)]

    # CARE:7 covers women × 1.1, disabilities × 1.1 and women × 5.1: two groups, two targets,
    # each once; the official item has no year, shown as an empty text.
    assert data["References"] == [
        {
            "ItemId": "CARE:7",
            "Title": "Water & <b>sanitation</b>",
            "ShortTitle": "CARE",
            "Year": "2019",
            "Codes": codes(
                "Women and girls",
                "Persons with disabilities",
                "Target 1.1",
                "Target 5.1",
                "ICSO study",
                "medium",
            ),
        },
        {
            "ItemId": "SDGDB:1.2.1",
            "Title": "1.2.1 Poverty",
            "ShortTitle": "UN SDG Global Database",
            "Year": "",
            "Codes": codes("Young women and girls", "Target 1.2", "Official statistics", "high"),
        },
    ]


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
