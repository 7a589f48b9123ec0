"""The synthetic second round: its testimonies and validation responses regenerate byte for byte."""

from __future__ import annotations

import pytest

from lnob_methods.demo import rounds as demo
from lnob_methods.reference import provenance
from tests.helpers import ROOT

COUNTRIES = ROOT / "data" / "countries"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("rounds")
    return out, demo.generate(out)


def test_round_two_files_regenerate_byte_for_byte(written):
    out, files = written
    names = sorted(str(p.relative_to(out)) for p in files)
    assert [n for n in names if "testimonies" in n or "validation" in n] == [
        "KEN/testimonies/synthetic_testimonies_round2_kobo.xlsx",
        "KEN/validation/synthetic_validation_round2_kobo.xlsx",
        "NPL/testimonies/synthetic_testimonies_round2_odk-proposals.csv",
        "NPL/testimonies/synthetic_testimonies_round2_odk.csv",
        "NPL/validation/synthetic_validation_round2_kobo.xlsx",
    ]
    for path in files:
        committed = COUNTRIES / path.relative_to(out)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} differs: regenerate it"


@pytest.mark.parametrize("stream", ["testimonies", "validation"])
def test_round_two_files_are_declared_synthetic_round_two(written, stream):
    out, files = written
    for iso3 in demo.PILOTS:
        mine = [p for p in files if p.parent == out / iso3 / stream]
        declared, problems = provenance.read(COUNTRIES / iso3 / stream)
        assert problems == []
        for p in mine:
            d = declared[p.name]
            assert d.synthetic and d.round == 2 and d.round_date == demo.ROUND_DATE
