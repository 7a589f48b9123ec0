"""The UN SDG Global Database extract (December 2023): loading, caching and LNOB dimensions.

The extract is one gzip CSV of 2.2 million rows. Parsing it costs seconds, so the first use converts
it once into a Parquet file under ``.lnob/cache/`` (named by the CSV's SHA-256, so a new extract is
converted again) sorted by country; a country run then reads only its own rows.
"""

from __future__ import annotations

import fcntl
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lnob_methods.core import paths
from lnob_methods.core.files import replacing, sha256
from lnob_methods.reference import taxonomy

PEOPLE_COLUMNS = [
    "sex",
    "age",
    "location",
    "quantile",
    "disability_status",
    "education_level",
    "migratory_status",
    "population_group",
]
NOT_A_BREAKDOWN = {"", "notspec", "u", "x", "tsub"}
VINTAGE = "UN SDG Global Database, snapshot of 17 December 2023 (open-numbers DDF export)"


def cache_path() -> Path:
    """Return where the Parquet copy of the extract lives (keyed by the CSV's hash)."""
    return paths.cache_dir() / f"sdgdb-{sha256(paths.SDGDB_ALL)[:16]}.parquet"


def ensure_cache() -> Path:
    """Convert the gzip CSV into a country-sorted Parquet file once; return its path.

    Concurrent callers are safe and convert once: the first takes a lock and converts, the others
    wait for it and then read its file. The file appears by a rename, whole or not at all; what a
    converter killed half-way left behind is removed by the next one.
    """
    target = cache_path()
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():  # converted while this caller waited
            return target
        for stale in target.parent.glob(f".{target.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        _convert(target)
    return target


def _convert(target: Path) -> None:
    # pyarrow reads the CSV on every core, about 3x faster than pandas; every column stays text
    # (as published: "<5" stays "<5", an empty cell stays "") except the year.
    names = pacsv.open_csv(paths.SDGDB_ALL).schema.names
    table = pacsv.read_csv(
        paths.SDGDB_ALL,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    table = _country_sorted(table)
    with replacing(target) as tmp:
        pq.write_table(table, tmp, row_group_size=50_000)


def _country_sorted(table: pa.Table) -> pa.Table:
    """Return the rows with a country code, sorted by country, series and year (stable).

    Only the three keys are sorted; the rows without a country code sort first (an empty code
    comes before any other) and are cut from the order before the one gather of every column.
    """
    order = [(c, "ascending") for c in ("iso3", "series_code", "year")]
    year = table.schema.get_field_index("year")
    try:
        years = pc.cast(table["year"], pa.int64())
    except pa.ArrowInvalid:  # a year that is not a whole number, outside the countries' rows
        table = table.filter(pc.not_equal(table["iso3"], ""))
        table = table.set_column(year, "year", pc.cast(table["year"], pa.int64()))
        return table.take(pc.sort_indices(table, sort_keys=order))
    # The codes sort as their ranks among the distinct codes: the same order, faster than text.
    keys = pa.table(
        {"iso3": _ranks(table["iso3"]), "series_code": _ranks(table["series_code"]), "year": years}
    )
    rows = pc.sort_indices(keys, sort_keys=order)
    regions = pc.sum(pc.equal(table["iso3"], "")).as_py() or 0
    table = table.take(rows[regions:])  # chunk by chunk: joining the chunks first cost more
    return table.set_column(year, "year", pc.cast(table["year"], pa.int64()))


def _ranks(codes: pa.ChunkedArray) -> pa.Array:
    """Return each code's rank among the distinct codes in text order (equal codes, equal rank)."""
    codes = codes.combine_chunks()
    distinct = pc.unique(codes)
    return pc.index_in(codes, value_set=distinct.take(pc.sort_indices(distinct)))


@lru_cache(maxsize=1)
def catalogue() -> pd.DataFrame:
    """Return the series catalogue: code, description, goal, target, indicators, breakdowns."""
    return pd.read_csv(paths.SDGDB_CATALOGUE, dtype=str, keep_default_na=False)


def series_indicators() -> pd.DataFrame:
    """Return one row per (series, indicator): a series may serve several indicators."""
    cat = catalogue()[["series_code", "series_description", "indicator"]].copy()
    cat["indicator"] = cat["indicator"].str.split(",")
    cat = cat.explode("indicator")
    cat["indicator"] = cat["indicator"].str.strip()
    return cat[cat["indicator"] != ""].reset_index(drop=True)


def country_data(iso3: str) -> pd.DataFrame:
    """Return every observation of a country, one row per (observation, indicator).

    Parameters
    ----------
    iso3
        ISO 3166-1 alpha-3 code, upper case.

    Returns
    -------
    pandas.DataFrame
        The extract's columns (``value`` as text, as published: "<5" stays "<5") plus
        ``value_num`` (float, NaN when not numeric), ``series_description`` and ``indicator``.
    """
    table = pq.read_table(ensure_cache(), filters=[("iso3", "=", iso3)])
    df = table.to_pandas()
    df["value_num"] = pd.to_numeric(df["value"], errors="coerce")
    return df.merge(series_indicators(), on="series_code", how="inner")


def dimension_columns() -> dict[str, str]:
    """Return LNOB dimension id to UN SDG database column, for dimensions that have one."""
    return {
        dim_id: dim["sdgdb"]["column"]
        for dim_id, dim in taxonomy.dimensions().items()
        if dim["sdgdb"]["column"]
    }


def breakdown_codes(column: str, codes) -> set[str]:
    """Return the codes that split a population, dropping totals and unspecified codes.

    Parameters
    ----------
    column
        A people column of the extract, for example ``sex``.
    codes
        Codes seen in that column.
    """
    totals = set(NOT_A_BREAKDOWN)
    for dim in taxonomy.dimensions().values():
        if dim["sdgdb"]["column"] == column:
            totals |= set(dim["sdgdb"].get("total", []))
    totals |= {"allage", "bothsex", "allarea", "t", "total"}
    return {c for c in codes if c not in totals}
