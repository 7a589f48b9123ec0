"""A new country's config written for tests, and what tests read independently of the package."""

from __future__ import annotations

import csv
import gzip
import re
import zipfile

import yaml

from lnob_methods.cli.country import config_text
from tests.helpers import PILOTS, ROOT

PCODES = ROOT / "data" / "reference" / "ocha_global_pcodes_adm1_adm2.csv.gz"
PILOT_NAMES = ["Bangladesh", "Kenya", "Nepal", "Viet Nam", "Vietnam", *PILOTS]
# The Kenyan examples the template and the form used to carry, and the pilots' languages.
PILOT_EXAMPLES = ["Nairobi", "Turkana", "KE047", "Kiswahili", "Nepali", "Bangla", "Vietnamese"]


def write_config(root, iso3: str, **changes) -> None:
    """Write ``<root>/<ISO3>.yaml`` as ``lnob country new`` does, with ``changes`` applied."""
    root.mkdir(parents=True, exist_ok=True)
    raw = yaml.safe_load(config_text(iso3))
    raw.update(changes)
    (root / f"{iso3}.yaml").write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def admin1_rows(iso3: str) -> list[tuple[str, str]]:
    """Return (p-code, name) of a country's admin-1 areas, read from the OCHA file with csv."""
    with gzip.open(PCODES, "rt", encoding="utf-8", newline="") as fh:
        return [
            (r["pcode"], r["name"])
            for r in csv.DictReader(fh)
            if r["iso3"] == iso3 and r["admin_level"] == "1"
        ]


def pilot_words_in(path, iso3: str) -> list[str]:
    """Return the pilot countries' names, codes, areas and examples found in an xlsx file.

    Every part of the file (cells, shared strings, validations, prompts) is searched, whole words
    only; an area name the country shares with a pilot is not counted.
    """
    own = {name for _, name in admin1_rows(iso3)}
    areas = {name for p in PILOTS for _, name in admin1_rows(p)} - own
    words = [*PILOT_NAMES, *PILOT_EXAMPLES, *sorted(areas)]
    with zipfile.ZipFile(path) as z:
        text = "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    found = []
    for w in words:
        if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text):
            found.append(w)
    return found


def text_of(path) -> str:
    """Return every part of an xlsx file as one text."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
