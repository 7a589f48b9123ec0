"""The OCHA P-codes: known answers from the real file, read as text ("NA" is Namibia)."""

from __future__ import annotations

import pytest

from lnob_methods.core import paths
from lnob_methods.reference import pcodes

# Known answers read by hand from data/reference/ocha_global_pcodes_adm1_adm2.csv.gz with
#   zcat ... | grep '^KEN,1'   (47 counties, KE001 Mombasa ... KE047 Nairobi)
#   zcat ... | grep -c '^KEN,2' (290 sub-counties; the first is KE001001 Changamwe in Mombasa)
#   zcat ... | grep '^NAM,1'   (14 regions, NA01 Zambezi ... )


def test_kenya_has_47_counties_in_file_order():
    names = pcodes.admin1_names("KEN")
    assert len(names) == 47
    assert list(names)[:3] == ["Mombasa", "Kwale", "Kilifi"]
    assert list(names)[-1] == "Nairobi"
    assert names["Mombasa"] == "KE001"
    assert names["Kilifi"] == "KE003"
    assert names["Tana River"] == "KE004"
    assert names["Murang'a"] == "KE021"
    assert names["Elgeyo-Marakwet"] == "KE028"
    assert names["Kisumu"] == "KE042"
    assert names["Nairobi"] == "KE047"


def test_kenya_areas_by_level():
    assert len(pcodes.areas("KEN", "1")) == 47
    assert len(pcodes.areas("KEN", "2")) == 290
    both = pcodes.areas("KEN")
    assert len(both) == 47 + 290
    assert list(both.index[:2]) == [0, 1], "numbered from 0 for the caller"
    first = pcodes.areas("KEN", "2").iloc[0]
    assert (first["pcode"], first["name"], first["parent_pcode"]) == (
        "KE001001",
        "Changamwe",
        "KE001",
    )
    county = pcodes.areas("KEN", "1").iloc[0]
    assert (county["pcode"], county["parent_pcode"], county["admin_level"]) == ("KE001", "KEN", "1")


def test_a_typed_area_is_recognised_by_name_or_code_in_any_case():
    lookup = pcodes.admin1_lookup("KEN")
    assert lookup["kilifi"] == "KE003"
    assert lookup["KILIFI".casefold()] == "KE003"
    assert lookup["ke003"] == "KE003"
    assert lookup["murang'a"] == "KE021"
    assert lookup["tana river"] == "KE004"
    assert "atlantis" not in lookup
    assert len(lookup) == 47 * 2, "every county by its name and by its code"


def test_namibias_codes_are_text_not_missing_values():
    names = pcodes.admin1_names("NAM")
    assert len(names) == 14
    assert names["Zambezi"] == "NA01"
    assert names["Khomas"] == "NA06"
    assert pcodes.admin1_lookup("NAM")["na01"] == "NA01"


def test_every_column_is_text():
    table = pcodes.table()
    assert set(table.columns) >= {"iso3", "admin_level", "pcode", "name", "parent_pcode"}
    assert set(table["admin_level"]) == {"1", "2"}
    assert not table.isna().any().any()


def test_an_unknown_country_has_no_areas():
    assert pcodes.areas("XXX").empty
    assert pcodes.admin1_names("XXX") == {}
    assert pcodes.admin1_lookup("XXX") == {}


@pytest.fixture
def small_table(tmp_path, monkeypatch):
    """A P-code file of three rows with the values pandas would read as missing by default."""
    path = tmp_path / "pcodes.csv"
    path.write_text(
        "iso3,admin_level,pcode,name,parent_pcode,valid_from\n"
        # OCHA's admin-0 code of Namibia is its ISO2 code, NA; a name may be "None" or "null".
        "NAM,1,NA01,Zambezi,NA,2020-01-09\n"
        "NAM,1,NA02,None,NA,2020-01-09\n"
        "NAM,2,NA0201,null,NA02,\n"
    )
    monkeypatch.setattr(paths, "PCODES", path)
    pcodes.table.cache_clear()
    pcodes.admin1_lookup.cache_clear()
    yield path
    pcodes.table.cache_clear()  # the next test reads the real file again
    pcodes.admin1_lookup.cache_clear()


def test_na_is_namibia_not_a_missing_value(small_table):
    rows = pcodes.areas("NAM", "1")
    assert list(rows["parent_pcode"]) == ["NA", "NA"]
    assert pcodes.admin1_names("NAM") == {"Zambezi": "NA01", "None": "NA02"}
    assert pcodes.areas("NAM", "2").iloc[0]["name"] == "null"
    assert pcodes.areas("NAM", "2").iloc[0]["valid_from"] == "", "an empty cell is empty text"
