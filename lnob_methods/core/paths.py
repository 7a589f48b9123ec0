"""Where things live: one place, so no module guesses paths.

The repository's own folders and reference files are constants. The folders a user may move (the
countries' data, the notebook templates, the published results, the state folder with its cache,
staging and private parts, the table of contents) are functions that read their environment
variable each time they are called: a setting changed after import takes effect, and no loader
keeps a stale path.

=====================  ======================  ======================
folder                 environment variable    default
=====================  ======================  ======================
countries' data        ``LNOB_COUNTRIES_DIR``  ``data/countries``
notebook templates     ``LNOB_NOTEBOOKS_DIR``  ``notebooks``
published results      ``LNOB_RESULTS_DIR``    ``book/results``
state (cache, runs)    ``LNOB_STATE_DIR``      ``.lnob``
table of contents      ``LNOB_TOC``            ``_toc.yml`` (hand-written parts)
=====================  ======================  ======================
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
TAXONOMY = DATA / "taxonomy"
BOOK = ROOT / "book"

SDG_FRAMEWORK = REFERENCE / "sdg_indicator_framework.csv"
SDGDB_ALL = REFERENCE / "unsdg_db_2023-12_allgeo_allseries_long.csv.gz"
SDGDB_CATALOGUE = REFERENCE / "unsdg_db_2023-12_series_catalogue.csv"
SDGDB_GEO = REFERENCE / "unsdg_db_2023-12_geo_areas.csv"
COUNTRY_CODES = REFERENCE / "country_codes_m49_ldc_lldc_sids.csv"
PCODES = REFERENCE / "ocha_global_pcodes_adm1_adm2.csv.gz"
GROUPS_TAXONOMY = TAXONOMY / "lnob_groups.yaml"
SERIES_POLARITY = TAXONOMY / "series_polarity.csv"
PREFERRED_BREAKDOWNS = TAXONOMY / "preferred_breakdowns.csv"
BREAKDOWN_LABELS = TAXONOMY / "breakdown_labels.csv"
PEOPLE_INDICATORS = TAXONOMY / "people_indicators.csv"
SDMX_CODELISTS = REFERENCE / "sdmx_sdg_codelists.csv"
SDMX_CODE_MAP = TAXONOMY / "sdgdb_sdmx_codes.csv"


def shown(path: Path) -> str:
    """Return how messages name a file: relative to the repository when inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _setting(variable: str, default: Path) -> Path:
    return Path(os.environ.get(variable) or default)


def countries_dir() -> Path:
    """Return the folder of country configs and country data (``LNOB_COUNTRIES_DIR``)."""
    return _setting("LNOB_COUNTRIES_DIR", DATA / "countries")


def notebooks_dir() -> Path:
    """Return the folder of notebook templates (``LNOB_NOTEBOOKS_DIR``)."""
    return _setting("LNOB_NOTEBOOKS_DIR", ROOT / "notebooks")


def results_dir() -> Path:
    """Return the folder of published results pages (``LNOB_RESULTS_DIR``)."""
    return _setting("LNOB_RESULTS_DIR", BOOK / "results")


def state_dir() -> Path:
    """Return the project's state folder (``LNOB_STATE_DIR``): cache, staging, private files."""
    return _setting("LNOB_STATE_DIR", ROOT / ".lnob")


def toc_file() -> Path:
    """Return the table of contents file of the book (``LNOB_TOC``)."""
    return _setting("LNOB_TOC", ROOT / "_toc.yml")


def built_toc_file() -> Path:
    """Return the table of contents the book is built with: the hand-written one plus results.

    It is generated into the state folder (ignored by git), so that running countries never
    changes a tracked file: a run card's commit then names exactly the code that made the page.
    """
    return state_dir() / "_toc.yml"


def cache_dir() -> Path:
    """Return the shared cache folder inside the state folder."""
    return state_dir() / "cache"


def staging_dir() -> Path:
    """Return the folder where runs execute before they are published."""
    return state_dir() / "staging"


def private_dir() -> Path:
    """Return the folder for personal data and exact counts, outside the site."""
    return state_dir() / "private"
