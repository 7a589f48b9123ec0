"""Where things live in the repository: one place, so no module guesses paths."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
TAXONOMY = DATA / "taxonomy"
COUNTRIES = Path(os.environ.get("LNOB_COUNTRIES_DIR", DATA / "countries"))
BOOK = ROOT / "book"
# Overridable so that tests (and analysts trying things out) can run into a sandbox folder.
NOTEBOOKS = Path(os.environ.get("LNOB_NOTEBOOKS_DIR", ROOT / "notebooks"))
RESULTS = Path(os.environ.get("LNOB_RESULTS_DIR", BOOK / "results"))
STATE = Path(os.environ.get("LNOB_STATE_DIR", ROOT / ".lnob"))
TOC = Path(os.environ.get("LNOB_TOC", ROOT / "_toc.yml"))
CACHE = STATE / "cache"
STAGING = STATE / "staging"
PRIVATE = STATE / "private"

SDG_FRAMEWORK = REFERENCE / "sdg_indicator_framework.csv"
SDGDB_ALL = REFERENCE / "unsdg_db_2023-12_allgeo_allseries_long.csv.gz"
SDGDB_CATALOGUE = REFERENCE / "unsdg_db_2023-12_series_catalogue.csv"
SDGDB_GEO = REFERENCE / "unsdg_db_2023-12_geo_areas.csv"
COUNTRY_CODES = REFERENCE / "country_codes_m49_ldc_lldc_sids.csv"
PCODES = REFERENCE / "ocha_global_pcodes_adm1_adm2.csv.gz"
GROUPS_TAXONOMY = TAXONOMY / "lnob_groups.yaml"
SERIES_POLARITY = TAXONOMY / "series_polarity.csv"
PEOPLE_INDICATORS = TAXONOMY / "people_indicators.csv"


def shown(path: Path) -> str:
    """Return how messages name a file: relative to the repository when inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
