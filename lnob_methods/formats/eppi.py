"""The evidence gap map as an EPPI-Reviewer export, the JSON that EPPI-Mapper imports.

Every object carries every field a real EPPI-Reviewer export carries, with the same JSON type
(``tests/fixtures/standards/eppi_structure.json`` records them): code sets with ``SetType`` and
``ReviewSetId``, attributes with ``AttributeType`` and ``AttributeSetId``, references with the
citation fields (``Authors``, ``QuickCitation``, ``TypeName``, ``ItemStatus`` …) and codes with
their arm fields. Fields the project has nothing for are empty strings, as EPPI-Reviewer writes
them; nothing is invented (no creation dates, no persons).

Ids are integers, as EPPI-Reviewer writes them, derived from the project's own ids by a hash
(:func:`stable_id`), so that an item or a code keeps its id when others are added or removed.
The project's ids stay in the export: each reference's ``OldItemId`` (the field EPPI-Reviewer
keeps for an item's id in the system it came from) holds the evidence ``item_id``, and the extra
top-level key ``LnobIds`` maps every project id to its integer (``References``: item id →
``ItemId``; ``Attributes``: ``kind:code`` → ``AttributeId``). EPPI-Mapper reads ``CodeSets`` and
``References`` only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from lnob_methods.core import vocabulary
from lnob_methods.formats.exports import write_json

# The top-level key that keeps the project's ids beside EPPI-Reviewer's integer ids.
ID_MAP_KEY = "LnobIds"
# EPPI-Reviewer's only set type for hierarchical coding, with its own description.
SET_TYPE = {
    "SetTypeName": "Standard",
    "SetTypeDescription": "The Standard codeset type is used for regular coding such as "
    "keywording or data-extraction. This codeset type can contain multiple levels of child "
    'codes but cannot contain the special code types "Include" and "Exclude".',
}
# EPPI-Reviewer's attribute types: headings hold codes; codes are ticked on items.
HEADING = "Not selectable (no checkbox)"
SELECTABLE = "Selectable (show checkbox)"
# EPPI-Reviewer's reference type per source type (from its own list of types).
TYPE_NAMES = {
    "official_statistics": "Report",
    "icso_study": "Report",
    "programme_data": "Report",
    "community_voices": "Research project",
}
_ID_LIMIT = 2**31 - 1  # EPPI-Reviewer's ids are 32-bit signed integers


def stable_id(key: str, used: set[int]) -> int:
    """Return a positive 31-bit integer derived from ``key``, not yet in ``used`` (then add it).

    The integer is the first four bytes of the key's SHA-256, so the same key gives the same id
    on every run and machine, whatever else is in the map. On the rare collision the next free
    integer is taken (keys are numbered in a fixed order, so this too is reproducible).
    """
    n = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % _ID_LIMIT + 1
    while n in used:
        n = n % _ID_LIMIT + 1
    used.add(n)
    return n


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def eppi_json(
    evidence: pd.DataFrame, groups: pd.DataFrame, framework: pd.DataFrame, country: str = ""
) -> dict:
    """Return the map in the JSON shape EPPI-Mapper imports (an EPPI-Reviewer export).

    ``CodeSets`` hold two hierarchical code sets: rows (LNOB dimension → group) and columns (SDG
    goal → target), plus flat sets for source type and quality; ``References`` hold one record per
    evidence item with the ``AttributeId`` of every code it carries. Ids are integers derived
    from the project's ids (see the module's documentation); ``LnobIds`` maps them back.

    Parameters
    ----------
    evidence
        The country's evidence table (one row per item, group and target).
    groups
        The population groups (``group``, ``label``, ``dimension``, ``dimension_label``).
    framework
        The SDG framework (``goal``, ``goal_short``, ``target``).
    country
        The country's name, written in each reference's ``Country``.
    """
    attr_ids: dict[str, int] = {}
    used: set[int] = set()

    def aid(kind: str, code: object) -> int:
        key = f"{kind}:{code}"
        if key not in attr_ids:
            attr_ids[key] = stable_id(key, used)
        return attr_ids[key]

    set_ids: set[int] = set()

    def attr(kind, code, name, children=()):
        node = {
            "AttributeId": aid(kind, code),
            "AttributeSetId": stable_id(f"set:{kind}:{code}", set_ids),
            "AttributeName": name,
            "AttributeDescription": "",
            "AttributeSetDescription": "",
            "AttributeType": HEADING if children else SELECTABLE,
            "ExtURL": "",
            "ExtType": "",
            "OriginalAttributeID": 0,
        }
        if children:
            node["Attributes"] = {"AttributesList": list(children)}
        return node

    dims = groups.drop_duplicates("dimension")[["dimension", "dimension_label"]]
    rows = []
    for d, dl in dims.itertuples(index=False):
        members = groups.loc[groups["dimension"] == d, ["group", "label"]]
        rows.append(
            attr(
                "dimension",
                d,
                dl,
                [attr("group", g, lab) for g, lab in members.itertuples(index=False)],
            )
        )
    fw = framework.drop_duplicates("target")
    cols = []
    for g, short in fw.drop_duplicates("goal")[["goal", "goal_short"]].itertuples(index=False):
        targets = fw.loc[fw["goal"] == g, "target"]
        cols.append(
            attr(
                "goal", int(g), f"{g}. {short}", [attr("target", t, f"Target {t}") for t in targets]
            )
        )
    sources = [attr("source", k, vocabulary.SOURCE_TYPE_LABELS[k]) for k in vocabulary.SOURCE_TYPES]
    qualities = [attr("quality", q, q) for q in vocabulary.QUALITIES]

    item_ids: dict[str, int] = {}
    used_items: set[int] = set()
    refs = []
    for iid, sub in evidence.groupby("item_id", sort=True):
        first = sub.iloc[0]
        item_ids[iid] = stable_id(f"item:{iid}", used_items)
        codes = {aid("group", g) for g in sub["group"]} | {aid("target", t) for t in sub["target"]}
        codes |= {aid("source", first["source_type"]), aid("quality", first["quality"])}
        refs.append(_reference(item_ids[iid], iid, first, sorted(codes), country))
    sets = [
        ("Population groups (rows)", rows),
        ("SDG goals and targets (columns)", cols),
        ("Source type", sources),
        ("Quality", qualities),
    ]
    return {
        "CodeSets": [
            {
                "SetId": i + 1,
                "ReviewSetId": i + 1,
                "SetName": n,
                "SetDescription": "",
                "SetType": dict(SET_TYPE),
                "Attributes": {"AttributesList": a},
            }
            for i, (n, a) in enumerate(sets)
        ],
        "References": refs,
        ID_MAP_KEY: {"Attributes": attr_ids, "References": item_ids},
    }


def _reference(item_id: int, iid: str, row: pd.Series, codes: list[int], country: str) -> dict:
    """Return one EPPI-Reviewer reference: the organisation as corporate author, no dates."""
    org, title, year = _text(row["organisation"]), _text(row["title"]), _text(row["year"])
    # EPPI-Reviewer ends every author with " ; " and cites "Authors (Year) Title".
    citation = f"{org} ({year}) {title}" if year else f"{org} {title}"
    return {
        "ItemId": item_id,
        "OldItemId": iid,
        "Title": title,
        "ParentTitle": "",
        "ShortTitle": f"{org} ({year})" if year else org,
        "Authors": f"{org} ; ",
        "ParentAuthors": "",
        "Institution": org,
        "Publisher": "",
        "Year": year,
        "Month": "",
        "DateCreated": "",
        "CreatedBy": "",
        "DateEdited": "",
        "EditedBy": "",
        "StandardNumber": "",
        "City": "",
        "Country": country,
        "Volume": "",
        "Pages": "",
        "Edition": "",
        "Issue": "",
        "Availability": _text(row.get("access")),
        "URL": _text(row.get("url")),
        "Abstract": "",
        "Comments": "",
        "TypeName": TYPE_NAMES[row["source_type"]],
        "DOI": "",
        "Keywords": "",
        "ItemStatus": "I",
        "ItemStatusTooltip": "Included in review",
        "QuickCitation": citation,
        "Codes": [
            {
                "AttributeId": c,
                "AdditionalText": "",
                "ArmId": 0,
                "ArmTitle": "",
                "ItemAttributeFullTextDetails": [],
            }
            for c in codes
        ],
        "Outcomes": [],
    }


def write_eppi_json(
    evidence: pd.DataFrame,
    groups: pd.DataFrame,
    framework: pd.DataFrame,
    path: Path,
    country: str = "",
) -> Path:
    """Write :func:`eppi_json` to ``path`` (UTF-8, sorted keys, reproducible bytes)."""
    return write_json(eppi_json(evidence, groups, framework, country), path)
