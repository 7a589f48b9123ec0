"""Phrase banks and word lists of the SYNTHETIC demonstration testimonies, read from data files.

``data/demo/synthetic_testimony_phrases.txt`` holds the sentences by theme and language, written
together with ``data/voices/codebook.yaml``: every story sentence of a theme contains at least one
of that theme's keywords in its language (a test checks it), so that the coding of the synthetic
stories can be checked. ``data/demo/synthetic_testimony_lists.yaml`` holds the invented names,
villages, phone and identity-number formats of the personal-data canaries, and the weights that
compose the stories. Nothing here is a real testimony. Sentences avoid the words of the canaries
("my name is", "mama", "kijiji cha", ...) so that a redactor's test is not confused by ordinary
text.
"""

from __future__ import annotations

import yaml

from lnob_methods.core import paths

PHRASES_FILE = paths.DATA / "demo" / "synthetic_testimony_phrases.txt"
LISTS_FILE = paths.DATA / "demo" / "synthetic_testimony_lists.yaml"


def _parse(text: str) -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    bank: dict = {}
    section = None
    for line in text.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            section = bank.setdefault(line.strip("[]"), {})
            continue
        lang, kind, sentence = line.split(" ", 2)
        section.setdefault(lang, {}).setdefault(kind, []).append(sentence)
    return {
        theme: {lang: {k: tuple(v) for k, v in kinds.items()} for lang, kinds in langs.items()}
        for theme, langs in bank.items()
    }


def _keyed(mapping: dict) -> dict[tuple[str, str], tuple[str, ...]]:
    # "KEN en" -> ("KEN", "en")
    return {tuple(key.split()): tuple(values) for key, values in mapping.items()}


BANK = _parse(PHRASES_FILE.read_text(encoding="utf-8"))
"""Theme (and ``_frame``) to language to kind (``s``, ``p``, ``o``, ``c``) to sentences."""
FRAME = BANK.pop("_frame")

with open(LISTS_FILE, encoding="utf-8") as _fh:
    _LISTS = yaml.safe_load(_fh)

CANARIES = {lang: [tuple(pair) for pair in pairs] for lang, pairs in _LISTS["canaries"].items()}
NAMES = _keyed(_LISTS["names"])
VILLAGES = _keyed(_LISTS["villages"])
THEME_WEIGHTS = _LISTS["theme_weights"]
GROUP_THEMES = _LISTS["group_themes"]
FOR_AGES = {group: set(bands) for group, bands in _LISTS["for_ages"].items()}
PHONES = {iso3: tuple(formats) for iso3, formats in _LISTS["phones"].items()}
IDS = {iso3: tuple(formats) for iso3, formats in _LISTS["ids"].items()}
