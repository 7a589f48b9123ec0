"""The gap-map source type of an inventory item: each rule, and which rule wins."""

from __future__ import annotations

import pytest

from lnob_methods.core import vocabulary
from lnob_methods.core.vocabulary import source_type


@pytest.mark.parametrize(
    ("holder", "evidence", "method", "expected"),
    [
        # Rule 1, community voices: citizen-generated evidence, or a participatory method ...
        ("community_group", "citizen_generated", "qualitative", "community_voices"),
        ("icso", "study", "participatory", "community_voices"),
        # ... even when an official holder's survey would otherwise be official statistics.
        ("national_statistics_office", "citizen_generated", "quantitative", "community_voices"),
        ("un_agency", "survey", "participatory", "community_voices"),
        # Rule 2, official statistics: an official holder AND official evidence, all six pairs.
        ("national_statistics_office", "survey", "quantitative", "official_statistics"),
        ("national_statistics_office", "dataset", "quantitative", "official_statistics"),
        ("national_statistics_office", "administrative", "mixed", "official_statistics"),
        ("un_agency", "survey", "quantitative", "official_statistics"),
        ("un_agency", "dataset", "mixed", "official_statistics"),
        ("un_agency", "administrative", "quantitative", "official_statistics"),
        # Rule 3, programme data: monitoring or evaluation, whoever holds it (an official holder
        # too: it is not official evidence).
        ("icso", "programme_monitoring", "quantitative", "programme_data"),
        ("icso", "evaluation", "mixed", "programme_data"),
        ("un_agency", "evaluation", "qualitative", "programme_data"),
        ("national_statistics_office", "programme_monitoring", "mixed", "programme_data"),
        # Otherwise an ICSO (or other holder's) study: official evidence from a holder that is
        # not official, and studies by anyone.
        ("icso", "survey", "quantitative", "icso_study"),
        ("government", "administrative", "quantitative", "icso_study"),
        ("university", "dataset", "mixed", "icso_study"),
        ("national_statistics_office", "study", "qualitative", "icso_study"),
        ("other", "study", "mixed", "icso_study"),
    ],
)
def test_source_type_rules(holder, evidence, method, expected):
    assert source_type(holder, evidence, method) == expected


def test_every_source_type_has_a_label_in_the_order_legends_show():
    assert list(vocabulary.SOURCE_TYPE_LABELS) == vocabulary.SOURCE_TYPES
    assert vocabulary.SOURCE_TYPE_LABELS["icso_study"] == "ICSO study"


def test_source_type_only_returns_declared_types():
    holders = ["icso", "national_statistics_office", "un_agency", "government", "other"]
    evidence = ["study", "survey", "dataset", "programme_monitoring", "evaluation"]
    evidence += ["citizen_generated", "administrative"]
    methods = ["quantitative", "qualitative", "mixed", "participatory"]
    found = {source_type(h, e, m) for h in holders for e in evidence for m in methods}
    assert found == set(vocabulary.SOURCE_TYPES), "each type is reachable, and no other"
