"""The synthetic validation round and conclusions: seeded, deliberate cases, declared synthetic."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob_methods.demo import validation as demo
from lnob_methods.reference import provenance

CODES = ["gap__youth__10_2", "gap__older_people__10_2", "proposal__health_care"]
DATA = Path(__file__).parents[2] / "data" / "countries"


def test_responses_are_seeded_and_hold_the_deliberate_cases():
    rows = demo.responses("KEN", CODES)
    assert rows == demo.responses("KEN", CODES)
    assert len(rows) == demo.N + 1  # one duplicate
    refusing = rows[: demo.N_NO_CONSENT]
    assert {r["consent_use"] for r in refusing} == {"no"}
    # Their answers are filled in, so that the loader must be seen to ignore them.
    assert all(r[f"j_{c}"] for r in refusing for c in CODES)
    assert rows[demo.N_NO_CONSENT]["age_band"] == "15_17"
    assert rows[demo.N_NO_CONSENT]["child_assent"] == ""
    assert rows[10][f"j_{CODES[0]}"] == "agre"
    assert rows[-1] == rows[20]
    # The second finding is disagreed with by most of the people drawn.
    second = [r[f"j_{CODES[1]}"] for r in rows[demo.N_NO_CONSENT + 1 :]]
    judged = [a for a in second if a != "dont_know"]
    assert 2 * judged.count("disagree") > len(judged)


def test_the_second_round_has_its_own_draw_and_disputes_the_third_finding():
    rows = demo.responses("KEN", CODES, wave=2)
    assert rows == demo.responses("KEN", CODES, wave=2)
    assert rows != demo.responses("KEN", CODES)
    assert rows[0]["_submission_time"].startswith("2027-")
    third = [r[f"j_{CODES[2]}"] for r in rows[demo.N_NO_CONSENT + 1 :]]
    judged = [a for a in third if a != "dont_know"]
    assert 2 * judged.count("disagree") > len(judged)


@pytest.mark.parametrize("stream", ["validation", "conclusions"])
@pytest.mark.parametrize("iso3", demo.PILOTS)
def test_every_pilot_file_is_declared_synthetic(iso3, stream):
    folder = DATA / iso3 / stream
    files = [p for p in folder.iterdir() if p.name != provenance.DECLARATION]
    assert files
    assert provenance.check(files) == []
    assert provenance.label(files, stream) == f"synthetic {stream}"
