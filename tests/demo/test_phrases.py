"""The phrase banks and word lists of the synthetic testimonies load and match the codebook."""

from __future__ import annotations

import yaml

from lnob_methods.core import paths
from lnob_methods.demo import phrases

LANGUAGES = {"en", "sw", "ne", "bn", "vi"}


def _codebook_ids() -> list[str]:
    # Read the YAML directly, not through lnob_methods.voices.coding, so the check is independent.
    with open(paths.DATA / "voices" / "codebook.yaml", encoding="utf-8") as fh:
        return [t["id"] for t in yaml.safe_load(fh)["themes"]]


def test_every_theme_of_the_bank_is_a_codebook_theme():
    ids = _codebook_ids()
    assert set(phrases.BANK) <= set(ids)
    # grep "^\[" synthetic_testimony_phrases.txt: 18 themes after [_frame]; 18 ids in the codebook.
    assert len(phrases.BANK) == 18
    assert set(phrases.BANK) == set(ids)


def test_each_theme_has_stories_and_proposals_in_five_languages():
    for theme, langs in phrases.BANK.items():
        assert set(langs) == LANGUAGES, theme
        for lang, kinds in langs.items():
            assert set(kinds) == {"s", "p"}, (theme, lang)


def test_health_care_sentences_by_hand():
    # The [health_care] section holds 3 story and 2 proposal sentences per language.
    en = phrases.BANK["health_care"]["en"]
    assert (len(en["s"]), len(en["p"])) == (3, 2)


def test_frame_has_openings_and_closings():
    assert "_frame" not in phrases.BANK
    assert set(phrases.FRAME) == LANGUAGES
    assert phrases.FRAME["en"]["o"][:2] == (
        "Let me tell you how things are for us.",
        "Life here is hard.",
    )
    assert phrases.FRAME["sw"]["c"][0] == "Ni hayo tu."


def test_word_lists_load():
    assert phrases.PHONES["KEN"] == ("+254 7## ### ###", "07## ### ###")
    assert phrases.PHONES["NPL"] == ("+977-98########", "98########")
    assert ("My name is {First} {Last}.", "My name is {First} {Last}.") in phrases.CANARIES["en"]
    assert phrases.THEME_WEIGHTS["KEN"]["land_farming"] == 3
    assert set(phrases.CANARIES) == LANGUAGES
    assert all(len(key) == 2 for key in phrases.NAMES)  # ("KEN", "en") from "KEN en"


def test_weighted_themes_are_codebook_themes():
    ids = set(_codebook_ids())
    for weights in phrases.THEME_WEIGHTS.values():
        assert set(weights) <= ids
    for weights in phrases.GROUP_THEMES.values():
        assert set(weights or {}) <= ids
