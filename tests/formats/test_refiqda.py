"""The REFI-QDA codebook (.qdc) of a tiny hand-made codebook, element by element."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lnob_methods.formats.refiqda import codebook_xml, guid, write_qdc
from lnob_methods.voices.coding import Codebook, Theme

NS = {"q": "urn:QDA-XML:codebook:1.0"}

WATER = Theme(
    id="water_access",
    label="Access to water",
    description="Fetching water takes hours.",
    sdg_targets=("6.1",),
    factors=("geography",),
    rules={"en": ("water*", "well"), "sw": ("maji",)},
)
SCHOOL = Theme(
    id="girls_school",
    label="Girls & school",
    description='Girls miss "school" <often>.',
    sdg_targets=("4.1", "5.1"),
    factors=("discrimination", "socio_economic_status"),
    rules={"en": ("school*",)},
)
BOOK = Codebook(themes=(WATER, SCHOOL), version="0.1")

# uuid5(uuid5(NAMESPACE_URL, "urn:lnob:voices:codebook"), "theme:water_access"), upper case,
# computed with Python's uuid module from the formula in the module's docstring.
WATER_GUID = "1D32FED6-D0B0-5E97-AAD6-4C9FCDB3E1D5"
GOAL_6_GUID = "2832958B-6C07-5588-9FB6-0D30EBFFA7BB"  # ... "set:goal:6"


def _root():
    return ET.fromstring(codebook_xml(BOOK))


def test_document_header_and_root():
    xml = codebook_xml(BOOK)
    assert xml.startswith(
        b'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"'
    )
    root = _root()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert root.get("origin") == "lnob codebook 0.1"


def test_guids_are_fixed_uuid5():
    assert guid("theme", "water_access") == WATER_GUID
    assert guid("set", "goal:6") == GOAL_6_GUID


def test_one_codable_code_per_theme_in_order():
    codes = _root().findall("q:Codes/q:Code", NS)
    assert [(c.get("name"), c.get("isCodable"), c.get("color")) for c in codes] == [
        ("Access to water", "true", "#E69F00"),  # the first two colours of the palette
        ("Girls & school", "true", "#56B4E9"),
    ]
    assert codes[0].get("guid") == WATER_GUID
    assert codes[1].get("guid") != WATER_GUID


def test_code_description_carries_targets_factors_and_rules():
    code = _root().find("q:Codes/q:Code", NS)
    assert code.find("q:Description", NS).text == (
        "Fetching water takes hours.\n"
        "Theme id: water_access\n"
        "SDG targets: 6.1\n"
        "UNDP factors: geography\n"
        "Keyword rules (a trailing * matches any ending):\n"
        "  en: water*; well\n"
        "  sw: maji"
    )


def test_markup_in_labels_and_descriptions_is_escaped():
    xml = codebook_xml(BOOK).decode()
    assert 'name="Girls &amp; school"' in xml
    assert 'Girls miss "school" &lt;often&gt;.' in xml


def test_sets_by_factor_in_taxonomy_order_then_by_goal():
    sets = _root().findall("q:Sets/q:Set", NS)
    # Factors used: discrimination and socio_economic_status (school), geography (water); in the
    # order of lnob_groups.yaml. Goals targeted: 4 and 5 (school), 6 (water).
    assert [s.get("name") for s in sets] == [
        "UNDP factor: Discrimination",
        "UNDP factor: Geography",
        "UNDP factor: Socio-economic status",
        "SDG 4: Quality education",
        "SDG 5: Gender equality",
        "SDG 6: Clean water and sanitation",
    ]
    members = {s.get("name"): [m.get("guid") for m in s.findall("q:MemberCode", NS)] for s in sets}
    school_guid = guid("theme", "girls_school")
    assert members["UNDP factor: Geography"] == [WATER_GUID]
    assert members["SDG 5: Gender equality"] == [school_guid]
    assert members["SDG 6: Clean water and sanitation"] == [WATER_GUID]
    assert sets[-1].get("guid") == GOAL_6_GUID
    assert sets[1].find("q:Description", NS).text == (
        "Geography (isolation, risk or exclusion due to location)"
    )


def test_a_theme_in_two_sets_of_one_goal_is_listed_once():
    both = Theme("both", "Both", "d", ("5.1", "5.5"), ("governance",), {"en": ("x",)})
    root = ET.fromstring(codebook_xml(Codebook(themes=(both,), version="2")))
    sets = root.findall("q:Sets/q:Set", NS)
    assert [s.get("name") for s in sets] == ["UNDP factor: Governance", "SDG 5: Gender equality"]
    assert len(sets[1].findall("q:MemberCode", NS)) == 1


def test_write_qdc_writes_the_same_bytes(tmp_path):
    path = write_qdc(BOOK, tmp_path / "sub" / "codebook.qdc")
    assert path.read_bytes() == codebook_xml(BOOK)
    assert write_qdc(BOOK, tmp_path / "again.qdc").read_bytes() == path.read_bytes()
