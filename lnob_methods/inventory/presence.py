"""Who works where: a 3W/4W operational-presence table (HXL-tagged, as OCHA publishes on HDX).

A 3W says which organisations work in which areas on which sectors. Read as evidence of
organisations' presence, it gives one row per (organisation, admin-1 area, sector), with:

- the organisation's name normalised: spacing and case ("Batas  foundation" is "Batas
  Foundation"), and known aliases from OCHA's organisation-name mapping
  (``data/reference/hdx_org_name_mapping.csv``: "Save the Children Federation International" is
  "Save the Children International");
- the admin-1 p-code and name (checked against the country's p-codes when the country is given);
- the sector as written, its cluster, and the SDG goals and targets the cluster serves, kept as
  data with a reason for each (``data/taxonomy/cluster_sdg_targets.csv``);
- LNOB groups only where the table says so: a people-count column whose HXL attributes name a
  group (``#targeted+idps``), mapped in ``data/taxonomy/hxl_population_groups.csv``.

Columns are found by their HXL hashtags with libhxl, so every legal spelling of a pattern is
accepted: ``#org+name``, ``#org +name``, ``#adm1+code+name`` or ``#adm1 +name +code``.
``#sector`` is a sector or cluster ("Shelter"), never SDG targets.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import MAX_ROWS, MAX_UNZIPPED, decode, safety_problems, too_many_rows

ORG_NAMES = paths.REFERENCE / "hdx_org_name_mapping.csv"
CLUSTERS = paths.TAXONOMY / "cluster_sdg_targets.csv"
POPULATION_GROUPS = paths.TAXONOMY / "hxl_population_groups.csv"
COLUMNS = [
    "organisation",
    "acronym",
    "org_type",
    "admin1",
    "admin1_name",
    "sector",
    "cluster",
    "goals",
    "targets",
    "groups",
    "_file",
    "_row",
]
# HXL hashtags that count people: a column of one of them, with a group attribute, names a group.
PEOPLE_TAGS = {"#population", "#affected", "#inneed", "#targeted", "#reached"}
ERROR_KINDS = {
    "no-hxl": "no row of HXL hashtags under the headers",
    "missing-column": "no column for the organisation, the admin-1 area or the sector",
    "missing-value": "a row without organisation, admin-1 area or sector",
    "unknown-area": "an admin-1 p-code or name that is not one of the country's",
    "unknown-sector": "a sector that is not a cluster of data/taxonomy/cluster_sdg_targets.csv",
}


def name_key(text: object) -> str:
    """Return the key under which spellings of one name are the same: case and spacing ignored.

    Examples
    --------
    >>> name_key("  Batas   foundation ") == name_key("Batas Foundation")
    True
    """
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _sector_key(text: object) -> str:
    # "Operational Presence: Health" (or its misspelling "Operatioanl") is the Health cluster.
    text = re.sub(r"^\s*operat\w*\s+presence\s*:\s*", "", str(text or ""), flags=re.IGNORECASE)
    return name_key(text.replace("&", "and"))


@lru_cache(maxsize=1)
def clusters() -> pd.DataFrame:
    """Return the clusters with their names, SDG goals and targets, and the reason for each."""
    table = pd.read_csv(CLUSTERS, dtype=str, keep_default_na=False)
    for col in ("goals", "targets"):
        table[col] = table[col].map(lambda s: tuple(x.strip() for x in s.split(";") if x.strip()))
    return table


@lru_cache(maxsize=1)
def _cluster_of() -> dict[str, str]:
    out = {}
    for row in clusters().itertuples():
        for name in [row.cluster, row.label, *row.names.split("|")]:
            out.setdefault(_sector_key(name), row.cluster)
    return out


@lru_cache(maxsize=1)
def _population_groups() -> dict[str, str]:
    table = pd.read_csv(POPULATION_GROUPS, dtype=str, keep_default_na=False)
    return dict(zip(table["attribute"], table["group"], strict=True))


@lru_cache(maxsize=8)
def org_aliases(iso3: str | None = None) -> dict[str, tuple[str, str]]:
    """Return OCHA's organisation-name mapping: name key -> (canonical name, acronym).

    Patterns with a location filter apply only to that country; with a sector filter, never
    (a 3W row's organisation is one organisation whatever its sector).
    """
    import hxl

    with ORG_NAMES.open(encoding="utf-8", newline="") as fh:
        source = hxl.data(list(csv.reader(fh)))
    pattern, name, acronym = (
        hxl.model.TagPattern.parse(t) for t in ("#x_pattern", "#org+name", "#org+acronym")
    )
    country, sector = (hxl.model.TagPattern.parse(t) for t in ("#country+code", "#sector+name"))
    out: dict[str, tuple[str, str]] = {}
    for row in source:
        where = (row.get(country) or "").strip()
        if (row.get(sector) or "").strip() or (where and where != iso3):
            continue
        out.setdefault(
            name_key(row.get(pattern)), (row.get(name).strip(), (row.get(acronym) or "").strip())
        )
    return out


def _grid(path: Path) -> tuple[list[list[str]] | None, list[Problem]]:
    name = str(path)
    problems = safety_problems(path)
    if problems:
        return None, problems
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # a gzipped CSV, read no further than the unzipped limit
        with gzip.open(io.BytesIO(data)) as fh:
            data = fh.read(MAX_UNZIPPED + 1)
        if len(data) > MAX_UNZIPPED:
            msg = f"unzips to more than {MAX_UNZIPPED // 2**20} MB: split the file."
            return None, [Problem(name, "unsafe-file", msg)]
    if b"\x00" in data[:4096]:
        return None, [Problem(name, "not-a-spreadsheet", "is not a CSV file: save the 3W as CSV.")]
    text, _ = decode(data)
    if text.count("\n") > MAX_ROWS:
        return None, [too_many_rows(name, text.count("\n"))]
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t"], key=first.count)
    return list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter=delim)), []


def _first(*found: int | None) -> int | None:
    return next((j for j in found if j is not None), None)


def _find(columns, pattern: str, exclude: set[int] = frozenset()) -> int | None:
    import hxl

    tag = hxl.model.TagPattern.parse(pattern)
    return next((j for j, c in enumerate(columns) if j not in exclude and tag.match(c)), None)


def read_presence(path: Path, iso3: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a 3W/4W file (CSV, or gzipped CSV, with an HXL row); return (presence, problems).

    Parameters
    ----------
    path
        The 3W table, HXL-tagged (the hashtag row under the headers).
    iso3
        The country: admin-1 areas are checked against its p-codes, and organisation aliases
        limited to it apply.

    Returns
    -------
    presence, problems
        One row per (organisation, admin-1 area, sector), in file order (the first row that
        names it): see :data:`COLUMNS`. ``goals``, ``targets`` and ``groups`` are tuples. Rows
        with a problem are left out; every problem names the file, row, column and value.
    """
    import hxl

    path, name = Path(path), str(path)
    if not path.is_file():
        return _empty(), [Problem(name, "not-found", "does not exist or is not a file.")]
    grid, problems = _grid(path)
    if grid is None:
        return _empty(), problems
    hxl_row = next(
        (i for i, r in enumerate(grid[:25]) if sum(c.strip().startswith("#") for c in r) >= 2),
        None,
    )
    if hxl_row is None:
        return _empty(), [
            Problem(
                name,
                "no-hxl",
                "has no row of HXL hashtags (#org+name, #adm1+code, #sector…) under its headers: "
                "download the HXL-tagged version of the 3W, or add the hashtag row.",
            )
        ]
    source = hxl.data(grid[hxl_row:])
    columns = source.columns
    found = {
        "organisation": _first(
            _find(columns, "#org+name-type"), _find(columns, "#org-type-acronym")
        ),
        "acronym": _find(columns, "#org+acronym"),
        "org_type": _find(columns, "#org+type"),
        "admin1": _find(columns, "#adm1+code"),
        "sector_code": _find(columns, "#sector+code"),
    }
    found["admin1_name"] = _find(columns, "#adm1", {found["admin1"]})
    found["sector"] = _find(columns, "#sector", {found["sector_code"]})
    for what, tags, cols in (
        ("organisation", "#org+name (or #org+acronym)", ("organisation", "acronym")),
        ("admin-1 area", "#adm1+code or #adm1+name", ("admin1", "admin1_name")),
        ("sector", "#sector (for example #sector+cluster+name)", ("sector", "sector_code")),
    ):
        if all(found[c] is None for c in cols):
            problems.append(
                Problem(
                    name,
                    "missing-column",
                    f"has no column for the {what}: tag it {tags}.",
                    column=tags.split(" ")[0],
                )
            )
    if problems:
        return _empty(), problems
    people = [
        (j, _population_groups()[a])
        for j, c in enumerate(columns)
        if c.tag in PEOPLE_TAGS
        for a in sorted(c.attributes)
        if a in _population_groups()
    ]
    areas = _areas(iso3)
    aliases = org_aliases(iso3)
    cluster_of = _cluster_of()
    info = clusters().set_index("cluster")
    header = grid[hxl_row - 1] if hxl_row else [c.display_tag for c in columns]
    records, unknown_sectors = [], set()
    for row in source:
        values = list(row.values) + [""] * (len(columns) - len(row.values))
        rownum = hxl_row + row.source_row_number + 1  # the row a spreadsheet user sees
        cell = {
            c: (str(values[j]).strip() if j is not None and values[j] is not None else "")
            for c, j in found.items()
        }
        if all(not v for v in values if v is not None):
            continue

        def add(col, kind, message, value, rownum=rownum):
            j = found[col]
            label = header[j] if j is not None and j < len(header) else col
            problems.append(Problem(name, kind, message, row=rownum, column=label, value=value))

        org_name = cell["organisation"] or cell["acronym"]
        if not org_name:
            add(
                "organisation", "missing-value", "is empty: every row names its organisation.", None
            )
            continue
        code = cell["admin1"]
        if areas is not None:
            code = areas.get(name_key(code)) or areas.get(name_key(cell["admin1_name"]))
            if code is None:
                col = "admin1" if found["admin1"] is not None else "admin1_name"
                add(
                    col,
                    "unknown-area",
                    f"is not an admin-1 p-code or name of {iso3}.",
                    cell[col] or None,
                )
                continue
        elif not (code or cell["admin1_name"]):
            add("admin1", "missing-value", "is empty: every row names its admin-1 area.", None)
            continue
        sector = cell["sector"] or cell["sector_code"]
        if not sector:
            add("sector", "missing-value", "is empty: every row names its sector.", None)
            continue
        cluster = cluster_of.get(_sector_key(cell["sector"])) or cluster_of.get(
            _sector_key(cell["sector_code"])
        )
        if cluster is None and sector not in unknown_sectors:
            unknown_sectors.add(sector)
            add(
                "sector" if cell["sector"] else "sector_code",
                "unknown-sector",
                "is not a cluster of data/taxonomy/cluster_sdg_targets.csv: its presence is kept "
                "without SDG targets; add the sector's name to its cluster there.",
                sector,
            )
        canonical, acronym = aliases.get(name_key(org_name)) or aliases.get(
            name_key(cell["acronym"]), (None, None)
        )
        groups = sorted({g for j, g in people if _counts(values[j])})
        records.append(
            {
                "_key": name_key(canonical or org_name),
                "organisation": canonical or re.sub(r"\s+", " ", org_name).strip(),
                "acronym": acronym or cell["acronym"],
                "org_type": cell["org_type"],
                "admin1": code,
                "admin1_name": cell["admin1_name"],
                "sector": _sector_label(sector),
                "cluster": cluster or "",
                "goals": info.at[cluster, "goals"] if cluster else (),
                "targets": info.at[cluster, "targets"] if cluster else (),
                "groups": tuple(groups),
                "_file": name,
                "_row": rownum,
            }
        )
    return _tidy(records, iso3), problems


def _counts(value: object) -> bool:
    text = str(value or "").strip()
    return bool(text) and text not in {"0", "0.0", "-"}


def _sector_label(text: str) -> str:
    return re.sub(r"^\s*operat\w*\s+presence\s*:\s*", "", text, flags=re.IGNORECASE).strip()


def _areas(iso3: str | None) -> dict[str, str] | None:
    if iso3 is None:
        return None
    from lnob_methods.reference import pcodes

    return {name_key(k): v for k, v in pcodes.admin1_lookup(iso3).items()}


def _tidy(records: list[dict], iso3: str | None) -> pd.DataFrame:
    if not records:
        return _empty()
    table = pd.DataFrame(records)
    # One spelling per organisation: its most frequent, the first in alphabetical order on a tie.
    spelled = Counter(zip(table["_key"], table["organisation"], strict=True))
    best = {}
    for (key, spelling), _n in sorted(spelled.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        best.setdefault(key, spelling)
    table["organisation"] = table["_key"].map(best)
    if iso3 is not None:
        from lnob_methods.reference import pcodes

        names = {v: k for k, v in pcodes.admin1_names(iso3).items()}
        table["admin1_name"] = table["admin1"].map(names)
    table = table.drop_duplicates(["_key", "admin1", "cluster", "sector"]).drop(columns="_key")
    return table[COLUMNS].reset_index(drop=True)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


def presence_by_area(presence: pd.DataFrame) -> pd.DataFrame:
    """Return, per admin-1 area, how many organisations work there and on how many clusters."""
    out = presence.groupby(["admin1", "admin1_name"], sort=True).agg(
        organisations=("organisation", "nunique"),
        clusters=("cluster", lambda s: s[s != ""].nunique()),
    )
    return out.reset_index()
