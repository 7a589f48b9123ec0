"""The labelled redaction set of the tests and the gazetteer built from it."""

from __future__ import annotations

import functools

import yaml

from lnob_methods.voices import redact
from tests.helpers import FIXTURES

LABELLED = FIXTURES / "voices" / "redaction_labelled.yaml"


@functools.cache
def labelled() -> dict:
    with open(LABELLED, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def gaz(iso3: str) -> redact.Gazetteer:
    """The gazetteer with the labelled set's config places for the country."""
    return redact.gazetteer(iso3, labelled()["places"].get(iso3, ()))
