"""Where things live in the repository: one place, so no module guesses paths."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = DATA / "reference"
TAXONOMY = DATA / "taxonomy"
COUNTRIES = DATA / "countries"
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
RESULTS = BOOK / "results"
STATE = ROOT / ".lnob"
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
