"""What a CountryEvidence says about itself, on the tiny hand-made object of tests/helpers."""

from __future__ import annotations

import dataclasses

import pandas as pd

from tests.helpers.evidence import D, W, country_evidence


def test_labels_follow_the_declared_provenance_not_file_names(tmp_path):
    (tmp_path / "provenance.yaml").write_text(
        "files:\n"
        "  synthetic_care.csv:\n    synthetic: true\n"
        "  plan.xlsx:\n    synthetic: true\n"
        "  forum.csv:\n    synthetic: false\n"
        "  real_name_but_made_up.xlsx:\n    synthetic: true\n",
        encoding="utf-8",
    )
    ce = country_evidence()  # inventory files: synthetic_care.csv, plan.xlsx, forum.csv
    inventory = ce.inventory.assign(_file=[str(tmp_path / f) for f in ce.inventory["_file"]])
    mixed = dataclasses.replace(ce, inventory=inventory)
    assert mixed.synthetic and mixed.data_label == "inventories (some synthetic)"
    made_up = dataclasses.replace(ce, inventory=inventory.assign(_file=str(tmp_path / "plan.xlsx")))
    assert made_up.data_label == "synthetic inventories"
    # a file named like real data but declared synthetic is synthetic
    named = dataclasses.replace(
        ce, inventory=inventory.assign(_file=str(tmp_path / "real_name_but_made_up.xlsx"))
    )
    assert named.synthetic
    real = dataclasses.replace(ce, inventory=inventory.assign(_file=str(tmp_path / "forum.csv")))
    assert not real.synthetic and real.data_label == "inventories"
    undeclared = dataclasses.replace(
        ce, inventory=inventory.assign(_file=str(tmp_path / "new.xlsx"))
    )
    assert undeclared.data_label == "inventories (provenance not declared)"
    with_voices = dataclasses.replace(made_up, testimony_files=(str(tmp_path / "plan.xlsx"),))
    assert with_voices.data_label == "synthetic inventories and synthetic testimonies"


def test_severity_is_the_largest_ranking_gap_where_the_group_is_behind():
    ce = country_evidence()
    extra = pd.DataFrame(
        {"group": [W], "target": ["1.2"], "ranking_gap": [1.4], "group_behind": [True]}
    )
    ce = dataclasses.replace(ce, group_gaps=pd.concat([ce.group_gaps, extra], ignore_index=True))
    # Behind: W × 1.2 (0.25, and 1.4 clipped to 1), rural × 10.2 (0.5), poverty × 1.2 (0.5),
    # D × 10.2 (0.333), rural × 1.2 (tiny rates: 0.08, not their relative gap 0.889);
    # W × 5.1 (0.9) is not behind and has no severity.
    assert ce.severity().round(3).to_dict() == {
        (D, "10.2"): 0.333,
        ("people_in_poverty", "1.2"): 0.5,
        ("rural_population", "1.2"): 0.08,
        ("rural_population", "10.2"): 0.5,
        (W, "1.2"): 1.0,
    }


def test_the_latest_round_by_number_is_the_same_cache_entry(monkeypatch, tmp_path):
    # Kenya holds rounds 1 and 2; its inventories and testimonies accumulate, so "round 2" and
    # "the latest round" read the same files: the What changed page must find the entry the
    # stocktake page made, not assemble the country again. Round 1 is another entry.
    from lnob_methods.analysis import country_evidence as module
    from lnob_methods.reference import rounds

    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path))
    assert rounds.latest_round("KEN") == 2
    calls = []
    monkeypatch.setattr(module, "_assemble", lambda place, **params: calls.append(params) or 1)
    module.assemble("KEN")
    module.assemble("KEN", round_no=2)
    assert len(calls) == 1
    module.assemble("KEN", round_no=1)
    assert len(calls) == 2 and calls[1]["round_no"] == 1
