"""Country configs: the pilots load; bad files get every problem named at once."""

from __future__ import annotations

import pytest

from lnob_methods.core.errors import InputError
from lnob_methods.reference import countries
from tests.helpers import FIXTURES

BAD = FIXTURES / "countries"


def test_pilots_load_with_their_real_focus():
    assert countries.configured_countries() == ["BGD", "KEN", "NPL", "VNM"]
    ken = countries.load_country("ken")
    assert (ken.name, ken.lead_organisation, ken.focus_targets) == ("Kenya", "ActionAid", ("10.2",))
    assert "small_scale_farmers" in set(ken.groups()["group"])
    assert countries.load_country("BGD").lead_organisation == "BRAC"
    assert countries.load_country("NPL").lead_organisation == "VSO"
    assert countries.load_country("VNM").focus_targets == ("10.2",)


def test_unconfigured_country_runs_with_defaults():
    eth = countries.load_country("ETH")
    assert not eth.configured and eth.name == "Ethiopia"
    assert "persons_with_disabilities" in eth.focus_groups


def _problems(name):
    with pytest.raises(InputError) as err:
        countries.parse_country(BAD / name)
    return [(p.kind, p.column, p.value) for p in err.value.problems], str(err.value)


def test_every_problem_of_a_bad_config_is_reported():
    found, text = _problems("KEN.yaml")
    assert found == [("unknown-key", "langauges", "langauges")]
    assert "key 'langauges': is not a country config key" in text
    assert "Did you mean 'languages'" in text
    assert "tests/fixtures/countries/KEN.yaml" in text


def test_value_problems_after_keys_are_fixed(tmp_path):
    fixed = tmp_path / "KEN.yaml"
    fixed.write_text((BAD / "KEN.yaml").read_text().replace("langauges", "languages"))
    with pytest.raises(InputError) as err:
        countries.parse_country(fixed)
    found = [(p.kind, p.column, p.value) for p in err.value.problems]
    assert found == [
        ("target-not-text", "research_focus.sdg_targets", 16.1),
        ("unknown-target", "research_focus.sdg_targets", "10.9"),
        ("unknown-dimension", "country_groups[0].dimension", "other_stat"),
        ("unknown-group", "research_focus.groups", "small_farmers"),
    ]
    assert "write SDG targets as quoted text" in str(err.value)
    assert "Did you mean 'other_status'?" in str(err.value)


def test_wrong_types_and_missing_keys():
    found, _ = _problems("NPL.yaml")
    assert found == [
        ("wrong-type", "name", ["Nepal"]),
        ("missing-key", "lead_organisation", None),
        ("wrong-type", "participating_organisations", "VSO"),
        ("wrong-type", "research_focus.sdg_targets", "5.1"),
        ("unknown-key", "research_focus.group", "group"),
    ]


def test_unknown_iso3_in_config():
    found, text = _problems("XXX.yaml")
    assert ("unknown-country", "iso3", "XXX") in found


def test_unknown_country_code_suggests():
    with pytest.raises(InputError, match="Did you mean 'KEN'"):
        countries.check_iso3("kenya")
    with pytest.raises(InputError, match="is not an ISO 3166-1 alpha-3 code"):
        countries.check_iso3("ZZZ")


def _branded(tmp_path, branding: str):
    """Write Kenya's config with a branding block into tmp_path; return the path."""
    from lnob_methods.core import paths

    text = (paths.countries_dir() / "KEN.yaml").read_text() + branding
    path = tmp_path / "KEN.yaml"
    path.write_text(text)
    (tmp_path / "KEN" / "brand").mkdir(parents=True)
    (tmp_path / "KEN" / "brand" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    return path


def test_a_country_office_can_brand_its_briefs(tmp_path):
    path = _branded(tmp_path, 'branding:\n  logo: brand/logo.png\n  colour: "#00529b"\n')
    ken = countries.parse_country(path)
    assert ken.logo == str(tmp_path / "KEN" / "brand" / "logo.png")
    assert ken.colour == "#00529b"
    assert countries.load_country("KEN").logo == "" and countries.load_country("KEN").colour == ""


@pytest.mark.parametrize(
    ("branding", "expected", "message"),
    [
        (
            "branding:\n  logo: brand/logo.png\n  color: red\n",
            [("unknown-key", "branding.color", "color")],
            "Did you mean 'colour'?",
        ),
        ("branding: blue\n", [("wrong-type", "branding", "blue")], "must be a mapping"),
        (
            "branding:\n  colour: 12\n",
            [("wrong-type", "branding.colour", 12)],
            "must be a text",
        ),
        (
            'branding:\n  colour: "blue"\n',
            [("bad-colour", "branding.colour", "blue")],
            'write the colour as "#" and six hexadecimal digits',
        ),
        (
            "branding:\n  logo: brand/missing.png\n",
            [("missing-logo", "branding.logo", "brand/missing.png")],
            "no such file in data/countries/KEN/",
        ),
        (
            "branding:\n  logo: ../outside.png\n",
            [("bad-logo", "branding.logo", "../outside.png")],
            "must be a PNG or JPEG file inside the country's folder",
        ),
        (
            "branding:\n  logo: brand/logo.svg\n",
            [("bad-logo", "branding.logo", "brand/logo.svg")],
            "must be a PNG or JPEG file inside the country's folder",
        ),
    ],
)
def test_bad_branding_is_reported(tmp_path, branding, expected, message):
    with pytest.raises(InputError) as err:
        countries.parse_country(_branded(tmp_path, branding))
    assert [(p.kind, p.column, p.value) for p in err.value.problems] == expected
    assert message in str(err.value)
