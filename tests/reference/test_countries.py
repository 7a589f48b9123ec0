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
    # An unknown key no longer hides the problems of the other keys' values.
    found, text = _problems("KEN.yaml")
    assert found == [
        ("unknown-key", "langauges", "langauges"),
        ("target-not-text", "research_focus.sdg_targets", 16.1),
        ("unknown-target", "research_focus.sdg_targets", "10.9"),
        ("unknown-dimension", "country_groups[0].dimension", "other_stat"),
        ("unknown-group", "research_focus.groups", "small_farmers"),
    ]
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


def _config(tmp_path, **extra):
    """A valid KEN config with ``extra`` keys, written as YAML under tmp_path."""
    import yaml

    raw = {
        "iso3": "KEN",
        "name": "Kenya",
        "lead_organisation": "ActionAid",
        "participating_organisations": ["ActionAid"],
        "research_focus": {"title": "x", "sdg_targets": ["10.2"], "groups": ["youth"]},
        **extra,
    }
    path = tmp_path / "KEN.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_groups_that_do_not_apply_are_left_out(tmp_path):
    ken = countries.parse_country(
        _config(tmp_path, groups_not_applicable=["indigenous_peoples", "lgbtiq_people"])
    )
    assert ken.groups_not_applicable == ("indigenous_peoples", "lgbtiq_people")
    groups = list(ken.groups()["group"])
    # The taxonomy's 18 groups less the two excluded ones.
    assert len(groups) == 16
    assert "indigenous_peoples" not in groups and "lgbtiq_people" not in groups
    assert groups[:3] == ["people_in_poverty", "women_and_girls", "young_women_and_girls"]


def test_an_unknown_group_that_does_not_apply_gets_the_closest(tmp_path):
    with pytest.raises(InputError) as err:
        countries.parse_country(_config(tmp_path, groups_not_applicable=["refugees"]))
    (problem,) = err.value.problems
    assert (problem.kind, problem.column, problem.value) == (
        "unknown-group",
        "groups_not_applicable",
        "refugees",
    )
    assert problem.message == (
        "unknown group 'refugees': list only groups of the LNOB taxonomy (a country's own group "
        "that does not apply is simply not added). Did you mean 'refugees_and_displaced_people'?"
    )


def test_a_group_far_from_every_id_lists_them_all(tmp_path):
    with pytest.raises(InputError) as err:
        countries.parse_country(_config(tmp_path, groups_not_applicable=["xyz"]))
    assert err.value.problems[0].message.endswith(
        " Choose one of: people_in_poverty, women_and_girls, young_women_and_girls, "
        "lgbtiq_people, children, youth, older_people, ethnic_minorities, indigenous_peoples, "
        "caste_affected_groups, migrants, refugees_and_displaced_people, "
        "persons_with_disabilities, rural_population, slum_dwellers, remote_regions, "
        "people_affected_by_crises, people_living_with_hiv."
    )


def test_a_focus_group_cannot_also_be_excluded(tmp_path):
    with pytest.raises(InputError) as err:
        countries.parse_country(_config(tmp_path, groups_not_applicable=["youth"]))
    (problem,) = err.value.problems
    assert str(problem).endswith(
        "key 'research_focus.groups': group 'youth' is in the research focus and in "
        "groups_not_applicable: remove it from one of them. (value: 'youth') "
        "[excluded-focus-group]"
    )


def test_languages_as_codes_or_named(tmp_path):
    named = countries.parse_country(_config(tmp_path, languages={"en": "English", "lg": "Luganda"}))
    assert named.languages == ("en", "lg")
    assert (named.language_name("lg"), named.language_name("sw")) == ("Luganda", "sw")
    codes = countries.parse_country(_config(tmp_path, languages=["en", "sw"]))
    assert (codes.languages, codes.language_names) == (("en", "sw"), ())


def test_a_language_name_instead_of_a_code_is_refused(tmp_path):
    with pytest.raises(InputError) as err:
        countries.parse_country(_config(tmp_path, languages=["en", "Luganda"]))
    (problem,) = err.value.problems
    assert (problem.kind, problem.value) == ("bad-language", "Luganda")
    assert problem.message.startswith(
        "write each language as its ISO 639 code in lower case: two letters ('sw' for Kiswahili)"
    )


def test_a_wrong_type_does_not_hide_other_problems(tmp_path):
    path = _config(tmp_path, languages="en", groups_not_applicable=["migrantz"], colour="red")
    with pytest.raises(InputError) as err:
        countries.parse_country(path)
    found = [(p.kind, p.column, p.value) for p in err.value.problems]
    assert found == [
        ("unknown-key", "colour", "colour"),
        ("wrong-type", "languages", "en"),
        ("unknown-group", "groups_not_applicable", "migrantz"),
    ]
    assert "must be a list or mapping, not str." in str(err.value)


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
