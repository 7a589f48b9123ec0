"""The inventory data model: unique field names, coded fields with their codes, a tidy schema."""

from __future__ import annotations

import re

import pandas as pd
import pandera.errors
import pytest

from lnob_methods.inventory.schema import ERROR_KINDS, FIELDS, tidy_schema


def _row(**changes) -> pd.DataFrame:
    """Return one tidy inventory item written by hand, with ``changes`` applied."""
    row = {
        "id": "ORG-001",
        "organisation": "ActionAid",
        "holder_type": "icso",
        "title": "Household survey of informal settlements 2021",
        "evidence_type": "survey",
        "method": "quantitative",
        "sdg_targets": ("10.2", "16.10"),
        "groups": ("women_and_girls", "persons_with_disabilities"),
        "disaggregations": ("sex", "disability"),
        "iso3": "KEN",
        "admin1": ("Nairobi", "Turkana"),
        "year_from": 2019,
        "year_to": 2021,
        "sample_size": 1200,
        "quality": "medium",
        "access": "on_request",
        "link_or_contact": "https://example.org/report",
        "language": "en",
        "contains_personal_data": "no",
        "is_synthesis": "no",
        "source_type": "icso_study",
    }
    row.update(changes)
    frame = pd.DataFrame([row])
    for name in ("year_from", "year_to", "sample_size"):
        frame[name] = frame[name].astype("Int64")
    return frame


def test_field_names_are_unique_snake_case():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)


def test_the_template_has_twenty_fields():
    # Counted by hand: id, organisation, ... contains_personal_data, is_synthesis.
    assert len(FIELDS) == 20


def test_every_code_field_declares_its_allowed_values():
    coded = [f for f in FIELDS if f.kind in {"code", "codes"}]
    assert coded, "the model has coded fields"
    for f in coded:
        assert f.allowed, f.name
        assert len(set(f.allowed)) == len(f.allowed), f.name


def test_coded_fields_by_hand():
    by_name = {f.name: f for f in FIELDS}
    assert set(by_name["access"].allowed) == {"public", "on_request", "restricted"}
    assert set(by_name["quality"].allowed) == {"low", "medium", "high"}
    assert by_name["contains_personal_data"].allowed == ("yes", "no")
    # Examples in the template are valid codes themselves.
    for f in FIELDS:
        if f.kind == "code":
            assert f.example in f.allowed, f.name


def test_tidy_schema_accepts_a_valid_row():
    frame = _row()
    assert tidy_schema().validate(frame) is not None


def test_optional_fields_may_be_empty():
    frame = _row(sample_size=None, link_or_contact=None)
    tidy_schema().validate(frame)


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"access": "open"}, "access"),  # not one of public/on_request/restricted
        ({"holder_type": "ngo"}, "holder_type"),
        ({"source_type": "gossip"}, "source_type"),
        ({"year_from": 1899}, "year_from"),  # one below the 1900 floor
        ({"year_to": 2101}, "year_to"),  # one above the 2100 ceiling
        ({"sample_size": -1}, "sample_size"),
        ({"groups": "women_and_girls"}, "groups"),  # text, not a tuple
    ],
)
def test_tidy_schema_rejects_a_bad_value(changes, column):
    with pytest.raises(pandera.errors.SchemaError) as err:
        tidy_schema().validate(_row(**changes))
    assert err.value.schema.name == column


def test_year_bounds_are_inclusive():
    tidy_schema().validate(_row(year_from=1900, year_to=2100))


def test_organisation_and_id_are_unique_together():
    frame = pd.concat([_row(), _row()], ignore_index=True)
    with pytest.raises(pandera.errors.SchemaError):
        tidy_schema().validate(frame)
    other = pd.concat([_row(), _row(organisation="CARE")], ignore_index=True)
    tidy_schema().validate(other)


def test_error_kinds_are_kebab_case_with_a_description():
    assert "unknown-code" in ERROR_KINDS and "year-order" in ERROR_KINDS
    for kind, description in ERROR_KINDS.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", kind), kind
        assert isinstance(description, str) and description.strip(), kind
