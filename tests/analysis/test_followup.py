"""Validation and conclusions on the pages: honest sentences with or without a round."""

from __future__ import annotations

from lnob_methods.analysis import followup


def test_a_country_without_round_or_conclusions_says_so():
    fu = followup.gather("SEN")  # no config, no folders
    assert fu.validation is None and fu.conclusions.empty
    assert followup.validation_sentence(fu) == (
        "No community validation round has been recorded for Senegal yet: the findings below "
        "have not been checked with the people concerned. Generate the form with "
        "`lnob validation-form --country SEN`."
    )
    assert "every finding below is open for discussion" in followup.conclusions_sentence(fu)
    assert followup.judgement_table(fu).empty
    assert followup.open_conclusions(fu).empty


def test_the_kenya_demonstration_round_in_words():
    # The synthetic rounds (lnob_methods.demo.validation, and its round 2 written by
    # lnob_methods.demo.rounds): 48 people and one duplicate read; 3 refuse consent, 1 child
    # lacks assent, 1 row has a misspelt answer: 43 counted. In round 1 the second of the 10
    # findings is drawn to be disagreed with by most, in round 2 the third. Pages show the latest.
    fu = followup.gather("KEN")
    sentence = followup.validation_sentence(fu)
    assert sentence.startswith(
        "In Kenya's validation round 2 of 2027-03-01 (synthetic validation responses), 43 people "
        "of the focus groups answered with consent; 1 of the 10 findings and proposals put to "
        "them was disputed"
    )
    gaps = followup.judgement_table(fu, "gap")
    assert gaps["verdict"].tolist()[1:3] == ["confirmed", "disputed"]
    first = followup.judgement_table(followup.gather("KEN", round_no=1), "gap")
    assert first["verdict"].tolist()[1:3] == ["disputed", "confirmed"]
    # The latest register is round 2's (lnob_methods.demo.rounds): KEN-01 and KEN-03 done,
    # KEN-02 and KEN-04 open; round 1's had KEN-03 done only.
    assert followup.conclusions_sentence(fu) == (
        "The in-country team of Kenya has recorded 4 conclusions (synthetic conclusions): "
        "2 open, 2 done."
    )
    first = followup.gather("KEN", round_no=1)
    assert followup.conclusions_sentence(first).endswith("3 open, 1 done.")


def test_a_conclusion_on_a_finding_no_longer_put_stays_listed():
    # Nepal's round-2 form no longer puts round 1's children x SDG 5.2 and 5.3, which the
    # register's NPL-01 (done) and NPL-02 (in progress) answer: they stay, after the others.
    from lnob_methods.analysis import country_evidence

    fu = followup.gather("NPL")
    table = followup.conclusions_table(fu, country_evidence.assemble("NPL"))
    shown = " ".join(table["conclusion"])
    for cid in ("NPL-01", "NPL-02", "NPL-03", "NPL-04"):
        assert f"{cid}:" in shown
