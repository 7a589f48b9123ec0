"""Who works where: 3W operational-presence tables read with libhxl, organisations normalised."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lnob_methods.inventory.presence import name_key, presence_by_area, read_presence
from lnob_methods.inventory.reader import read_any

FIXTURE = Path(__file__).parents[1] / "fixtures" / "presence" / "afg_3w_2024q1_kabul_bamyan.csv"
HEADER = ["Province", "Code", "Organisation", "Acronym", "Sector"]


def write(tmp_path, tags, rows, header=None):
    path = tmp_path / "3w.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header or HEADER[: len(tags)], tags, *rows])
    return path


ROWS = [
    ["Kabul", "AF01", "Batas Foundation", "BF", "Shelter"],
    ["Kabul", "AF01", "Batas  foundation", "BF", "Health"],
    ["Bamyan", "AF10", "batas foundation ", "BF", "Shelter"],
]


@pytest.mark.parametrize(
    "tags",
    [
        ["#adm1+name", "#adm1+code", "#org+name", "#org+acronym", "#sector+cluster+name"],
        ["#adm1 +name", "#adm1 +code", "#org +name", "#org +acronym", "#sector +cluster +name"],
        ["#adm1+name", "#adm1+code", "#org+name", "#org+acronym", "#sector+name+cluster"],
        ["#adm1 +name", "#adm1 +code", "#org +name", "#org+acronym", "#sector"],
    ],
)
def test_every_legal_spelling_of_the_hashtags_gives_the_same_presence(tmp_path, tags):
    presence, problems = read_presence(write(tmp_path, tags, ROWS), "AFG")
    assert problems == []
    # three rows, one organisation (spacing and case), two areas, two sectors
    got = zip(presence["organisation"], presence["admin1"], presence["sector"], strict=True)
    assert list(got) == [
        ("Batas Foundation", "AF01", "Shelter"),
        ("Batas Foundation", "AF01", "Health"),
        ("Batas Foundation", "AF10", "Shelter"),
    ]
    # #sector is a cluster, "Shelter": read as such, with the targets the cluster serves
    assert list(presence["cluster"]) == ["shelter", "health", "shelter"]
    assert presence.loc[0, "targets"] == ("11.1", "11.5")
    assert presence.loc[0, "goals"] == ("11",)
    assert list(presence["_row"]) == [3, 4, 5]


@pytest.mark.parametrize("adm1", ["#adm1+code+name", "#adm1 +name +code"])
def test_attributes_in_any_order_on_one_area_column(tmp_path, adm1):
    tags = [adm1, "#org+name", "#sector"]
    rows = [["AF01", "Batas Foundation", "Health"]]
    path = tmp_path / "x.csv"
    path.write_text("Area,Org,Sector\n" + ",".join(tags) + "\n" + ",".join(rows[0]) + "\n")
    presence, problems = read_presence(path, "AFG")
    assert problems == []
    assert list(presence["admin1"]) == ["AF01"] and list(presence["admin1_name"]) == ["Kabul"]


def test_organisation_names_are_normalised_by_case_spacing_and_known_aliases(tmp_path):
    tags = ["#adm1+name", "#adm1+code", "#org+name", "#org+acronym", "#sector"]
    rows = [
        # OCHA's mapping: these are Save the Children International and the WFP
        ["Kabul", "AF01", "Save the Children Federation International", "SCI", "Health"],
        ["Kabul", "AF01", "World Food Program", "WFP", "Nutrition"],
        # a pattern limited to Mali ("ONG MUSO" is Muso there) does not apply in Afghanistan
        ["Kabul", "AF01", "ONG MUSO", "", "Health"],
        # two spellings of one name: the more frequent one is kept
        ["Kabul", "AF01", "Batas foundation", "", "Health"],
        ["Kabul", "AF01", "BATAS  FOUNDATION", "", "Nutrition"],
        ["Bamyan", "AF10", "Batas foundation", "", "Health"],
    ]
    presence, problems = read_presence(write(tmp_path, tags, rows), "AFG")
    assert problems == []
    assert list(presence["organisation"]) == [
        "Save the Children International",
        "World Food Programme",
        "ONG MUSO",
        "Batas foundation",
        "Batas foundation",
        "Batas foundation",
    ]
    assert presence.loc[1, "acronym"] == "WFP"
    assert name_key("  Batas   FOUNDATION") == name_key("batas foundation")


def test_groups_only_where_the_table_counts_them(tmp_path):
    tags = ["#adm1+code", "#org+name", "#sector", "#targeted +idps", "#targeted+children+f"]
    rows = [
        ["AF01", "A", "Health", "120", "0"],  # displaced people targeted, no girls
        ["AF01", "B", "Health", "", "35"],  # girls: children and women and girls
        ["AF01", "C", "Health", "", ""],  # no people counted: no group
    ]
    presence, _ = read_presence(write(tmp_path, tags, rows), "AFG")
    assert list(presence["groups"]) == [
        ("refugees_and_displaced_people",),
        ("children", "women_and_girls"),
        (),
    ]


def test_located_problems_all_at_once(tmp_path):
    tags = ["#adm1+code", "#org+name", "#sector"]
    rows = [
        ["AF99", "A", "Health"],  # no such province
        ["AF01", "", "Health"],  # no organisation
        ["AF01", "B", "Astrology"],  # not a cluster: kept, without targets
        ["AF01", "C", "Astrology"],  # reported once
    ]
    header = ["PCODE", "ORG", "CLUSTER"]
    presence, problems = read_presence(write(tmp_path, tags, rows, header), "AFG")
    assert [(p.kind, p.row, p.column, p.value) for p in problems] == [
        ("unknown-area", 3, "PCODE", "AF99"),
        ("missing-value", 4, "ORG", None),
        ("unknown-sector", 5, "CLUSTER", "Astrology"),
    ]
    assert list(presence["organisation"]) == ["B", "C"]
    assert presence.loc[0, "targets"] == ()
    assert problems[0].message == "is not an admin-1 p-code or name of AFG."
    assert problems[1].message == "is empty: every row names its organisation."
    assert problems[2].message == (
        "is not a cluster of data/taxonomy/cluster_sdg_targets.csv: its presence is kept "
        "without SDG targets; add the sector's name to its cluster there."
    )


def test_a_table_without_hxl_or_without_the_columns_is_refused(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("Org,Province\nA,Kabul\n")
    _, problems = read_presence(plain)
    assert [p.kind for p in problems] == ["no-hxl"]
    assert problems[0].message == (
        "has no row of HXL hashtags (#org+name, #adm1+code, #sector…) under its headers: "
        "download the HXL-tagged version of the 3W, or add the hashtag row."
    )
    _, problems = read_presence(write(tmp_path, ["#org+name", "#adm1+code"], [["A", "AF01"]]))
    assert [(p.kind, p.column) for p in problems] == [("missing-column", "#sector")]
    assert problems[0].message == (
        "has no column for the sector: tag it #sector (for example #sector+cluster+name)."
    )


def _by_hand(province: str) -> tuple[int, int]:
    """Count organisations and (organisation, sector) pairs of a province with plain csv."""
    with FIXTURE.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in list(csv.reader(fh))[2:] if r[2] == province]
    orgs = {" ".join(r[6].split()).casefold() for r in rows}
    # EDUCATION_OP and EiE_OP both name "Education in Emergencies": one sector
    pairs = {(" ".join(r[6].split()).casefold(), r[9].split(":")[-1].strip()) for r in rows}
    return len(orgs), len(pairs)


def test_counts_on_the_real_afghanistan_3w():
    presence, problems = read_presence(FIXTURE, "AFG")
    assert problems == []
    by_area = presence_by_area(presence).set_index("admin1")
    kabul, bamyan = _by_hand("AF01"), _by_hand("AF10")
    assert by_area.loc["AF01", "organisations"] == kabul[0] == 88
    assert by_area.loc["AF10", "organisations"] == bamyan[0] == 36
    assert (presence["admin1"] == "AF10").sum() == bamyan[1] == 59
    assert by_area.loc["AF01", "admin1_name"] == "Kabul"
    # seven clusters in each province: the sector names carry "Operational Presence: "
    assert by_area.loc["AF01", "clusters"] == 7
    # "Save the Children Federation International" in the file, named as OCHA's mapping does
    sci = presence[presence["organisation"] == "Save the Children International"]
    assert set(sci["admin1"]) == {"AF01"}
    assert "Save the Children Federation International" not in set(presence["organisation"])


def test_the_inventory_reader_does_not_read_a_cluster_as_sdg_targets(tmp_path):
    tags = ["#meta+id", "#org +name", "#sector +cluster +name", "#adm1+name"]
    path = tmp_path / "inventory.csv"
    path.write_text("ID,Organisation,Cluster,Area\n" + ",".join(tags) + "\nX-1,A,Shelter,Kabul\n")
    raw, problems = read_any(path)
    assert list(raw["organisation"]) == ["A"]  # "#org +name", with its space
    assert "Shelter" not in set(raw["sdg_targets"])
    assert ("unknown-column", "#sector +cluster +name") in {(p.kind, p.column) for p in problems}


def test_the_cluster_mapping_names_real_targets_and_groups_with_reasons():
    from lnob_methods.inventory.presence import POPULATION_GROUPS, clusters
    from lnob_methods.reference import taxonomy

    table = clusters()
    known = taxonomy.target_set()
    assert all(t in known for targets in table["targets"] for t in targets)
    assert all(
        str(t).split(".")[0] in table.loc[i, "goals"]
        for i, ts in enumerate(table["targets"])
        for t in ts
    )
    assert (table["reason"].str.len() > 20).all()
    groups = set(taxonomy.groups_table()["group"])
    mapped = set(pd.read_csv(POPULATION_GROUPS)["group"])
    assert mapped <= groups
    # Common services serve no target of their own; Shelter serves 11.1 and 11.5 (hand-written).
    assert table.set_index("cluster").loc["logistics", "targets"] == ()
