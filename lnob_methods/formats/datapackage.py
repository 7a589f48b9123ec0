"""A Frictionless data package describing a country's exports: one Table Schema per CSV.

``datapackage.json`` in ``book/results/<country>/exports/`` lists every CSV of every notebook's
exports with its Table Schema (each column's type, a description where the project declares one,
the code list of SDMX columns), its provenance (the inputs its run read, from the run card, with
the provenance declaration of each country file) and its licence. Types are read from the CSV
itself by one fixed rule (:func:`field_type`), so the same files give the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.files import write_atomic
from lnob_methods.reference import provenance, sdmx

PACKAGE_FILE = "datapackage.json"
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
DATA_LICENCE_NOTE = (
    "Inputs keep their own terms: the UN SDG Global Database and the other reference data as in "
    "data/reference/SOURCES_upstream.md; country evidence as its provenance declaration says."
)
# What the project says of its export columns; a column not listed has no description.
DESCRIPTIONS = {
    "group": "Population group code of data/taxonomy/lnob_groups.yaml.",
    "label": "Population group label.",
    "dimension": "LNOB dimension code of data/taxonomy/lnob_groups.yaml.",
    "target": "SDG target code (goal.target).",
    "indicator": "SDG indicator code.",
    "goal": "SDG goal number.",
    "series_code": "Series code of the UN SDG Global Database.",
    "item_id": "Evidence item id: organisation and inventory id, or SDGDB:indicator.",
    "year": "Year (calendar year, latest data year for official statistics).",
    "latest_year": "Latest data year (calendar year).",
    "value": "Value of the series for the group (unit of the series).",
    "reference_value": "Value of the series for the comparison group (unit of the series).",
    "comparison": "Which two values of a database column are compared.",
    "community": (
        "Community priority: share (0 to 1) of the people counted in the latest validation round "
        "who chose the gap among their three; 0 when fewer than k chose it."
    ),
    "sdmx_dimension": "SDMX dimension of the SDG data structure definition (SEX, URBANISATION...).",
}
# Codes that look like numbers but are not (target "1.10" is not 1.1): always strings.
CODE_COLUMNS = {
    "target",
    "indicator",
    "item_id",
    "series_code",
    "sdmx_code",
    "sdmx_reference_code",
    "breakdown_codes",
}
_INT = re.compile(r"-?\d+")


def field_type(values: pd.Series) -> str:
    """Return the Table Schema type of a CSV column's text values, by a fixed rule.

    Empty cells are missing values and do not count. ``boolean`` when every value is ``True`` or
    ``False``; ``integer`` when every value is a whole number; ``number`` when every value reads
    as a finite number; ``string`` otherwise (and for a column with no value at all).
    """
    v = values[values != ""]
    if v.empty:
        return "string"
    if v.isin(["True", "False"]).all():
        return "boolean"
    if v.str.fullmatch(_INT.pattern).all():
        return "integer"
    nums = pd.to_numeric(v, errors="coerce")
    if nums.notna().all() and np.isfinite(nums.to_numpy(dtype=float)).all():
        return "number"
    return "string"


def table_schema(path: Path) -> dict:
    """Return the Table Schema of a CSV written by the project (``exports.write_csv``).

    Each page's publishing rewrites its country's package: a file that has not changed since
    this process last read it is not read again.
    """
    st = Path(path).stat()
    stamp = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
    if stamp not in _SCHEMAS:
        if len(_SCHEMAS) > 512:
            _SCHEMAS.clear()
        _SCHEMAS[stamp] = json.dumps(_table_schema(Path(path)))
    return json.loads(_SCHEMAS[stamp])  # a fresh copy: callers may change it


_SCHEMAS: dict[tuple, str] = {}


def _table_schema(path: Path) -> dict:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lists = sdmx.codelist_ids()
    codes = sdmx.codelists().groupby("dimension")["code"].apply(sorted).to_dict()
    fields = []
    for col in table.columns:
        kind = "string" if col in CODE_COLUMNS else field_type(table[col])
        field = {"name": col, "type": kind}
        if col in DESCRIPTIONS:
            field["description"] = DESCRIPTIONS[col]
        if col in ("sdmx_code", "sdmx_reference_code"):
            field["description"] = (
                "Official SDMX code of the SDG data model, from the code list in sdmx_codelist "
                f"({', '.join(sorted(lists.values()))}); empty where the list has none."
            )
        if col in lists:  # an SDMX dimension column: SEX, AGE...
            field["type"] = "string"
            field["description"] = (
                f"SDMX code of {col} ({lists[col]}) of the level both values share; empty for "
                "the compared dimension, a dimension the series does not have, or a code "
                "without an SDMX form."
            )
            field["constraints"] = {"enum": codes[col]}
        if col == "sdmx_codelist":
            field["description"] = "SDMX code list of the code: agency:id(version)."
            field["constraints"] = {"enum": sorted(lists.values())}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def _sources(runcard: Path) -> list[dict]:
    if not runcard.is_file():
        return []
    inputs = json.loads(runcard.read_text(encoding="utf-8")).get("inputs", {})
    out = []
    for name in sorted(inputs):
        if name.endswith((".md", "SHA256SUMS", ".yaml")):
            continue
        local = Path(name) if Path(name).is_absolute() else paths.ROOT / name
        country_file = "countries" in Path(name).parts
        decl = provenance.declaration(local) if country_file else None
        if decl is not None:
            kind = "synthetic (demonstration)" if decl.synthetic else "real"
            title = f"{decl.holder or name}: {kind}" + (f"; {decl.licence}" if decl.licence else "")
        elif country_file:
            title = "country evidence, provenance not declared"
        else:
            title = "reference data, see data/reference/SOURCES_upstream.md"
        out.append({"title": title, "path": name})
    return out


def datapackage(exports: Path, country: str) -> dict:
    """Return the data package of a country's exports folder (every ``*/*.csv``, sorted)."""
    resources = []
    for csv in sorted(exports.glob("*/*.csv")):
        rel = csv.relative_to(exports).as_posix()
        notebook = csv.parent.name
        resources.append(
            {
                "name": re.sub(r"[^a-z0-9._-]", "-", f"{notebook}-{csv.stem}".lower()),
                "path": rel,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'},
                "description": f"Export of the {notebook} page for {country}; run card: "
                f"{notebook}/runcard.json.",
                "schema": table_schema(csv),
                "sources": _sources(csv.parent / "runcard.json"),
                "licenses": [LICENCE],
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": f"lnob-{country.lower()}-exports",
        "title": f"LNOB evidence exports: {country}",
        "description": "Machine-readable exports of the LNOB evidence pages. " + DATA_LICENCE_NOTE,
        "licenses": [LICENCE],
        "resources": resources,
    }


def is_current(exports: Path) -> bool:
    """Return True when ``datapackage.json`` needs no writing again.

    That is when it lists exactly the CSVs now in ``exports`` and was written after every one of
    them and of their run cards.
    """
    exports = Path(exports)
    try:
        written = (exports / PACKAGE_FILE).stat().st_mtime_ns
        listed = [r["path"] for r in json.loads((exports / PACKAGE_FILE).read_bytes())["resources"]]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    csvs = sorted(exports.glob("*/*.csv"))
    if listed != [c.relative_to(exports).as_posix() for c in csvs]:
        return False
    described = [*csvs, *exports.glob("*/runcard.json")]
    return all(f.stat().st_mtime_ns <= written for f in described)


def write_datapackage(exports: Path, country: str) -> Path:
    """Write ``datapackage.json`` into ``exports`` (sorted keys: same files, same bytes)."""
    data = datapackage(Path(exports), country)
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return write_atomic(Path(exports) / PACKAGE_FILE, text)
