"""The evidence gap map as an EPPI-Reviewer export, the JSON that EPPI-Mapper imports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.core import vocabulary
from lnob_methods.formats.exports import write_json


def eppi_json(evidence: pd.DataFrame, groups: pd.DataFrame, framework: pd.DataFrame) -> dict:
    """Return the map in the JSON shape EPPI-Mapper imports (an EPPI-Reviewer export).

    ``CodeSets`` hold two hierarchical code sets: rows (LNOB dimension → group) and columns (SDG
    goal → target), plus flat sets for source type and quality; ``References`` hold one record per
    evidence item with the ``AttributeId`` of every code it carries. Ids are stable integers.
    """
    ids: dict[tuple, int] = {}

    def aid(*key) -> int:
        return ids.setdefault(key, 1000 + len(ids))

    def attr(key, name, children=()):
        node = {"AttributeId": aid(*key), "AttributeName": name, "AttributeSetDescription": ""}
        if children:
            node["Attributes"] = {"AttributesList": list(children)}
        return node

    dims = groups.drop_duplicates("dimension")[["dimension", "dimension_label"]]
    rows = []
    for d, dl in dims.itertuples(index=False):
        members = groups.loc[groups["dimension"] == d, ["group", "label"]]
        rows.append(
            attr(
                ("dim", d),
                dl,
                [attr(("group", g), lab) for g, lab in members.itertuples(index=False)],
            )
        )
    fw = framework.drop_duplicates("target")
    cols = []
    for g, short in fw.drop_duplicates("goal")[["goal", "goal_short"]].itertuples(index=False):
        targets = fw.loc[fw["goal"] == g, "target"]
        cols.append(
            attr(
                ("goal", int(g)),
                f"{g}. {short}",
                [attr(("target", t), f"Target {t}") for t in targets],
            )
        )
    sources = [
        attr(("source", k), vocabulary.SOURCE_TYPE_LABELS[k]) for k in vocabulary.SOURCE_TYPES
    ]
    qualities = [attr(("quality", q), q) for q in vocabulary.QUALITIES]
    refs = []
    for iid, sub in evidence.groupby("item_id", sort=True):
        first = sub.iloc[0]
        codes = {aid("group", g) for g in sub["group"]} | {aid("target", t) for t in sub["target"]}
        codes |= {aid("source", first["source_type"]), aid("quality", first["quality"])}
        refs.append(
            {
                "ItemId": iid,
                "Title": first["title"],
                "ShortTitle": first["organisation"],
                "Year": "" if pd.isna(first["year"]) else str(int(first["year"])),
                "Codes": [{"AttributeId": c, "AdditionalText": ""} for c in sorted(codes)],
            }
        )
    sets = [
        ("Population groups (rows)", rows),
        ("SDG goals and targets (columns)", cols),
        ("Source type", sources),
        ("Quality", qualities),
    ]
    return {
        "CodeSets": [
            {"SetId": i + 1, "SetName": n, "Attributes": {"AttributesList": a}}
            for i, (n, a) in enumerate(sets)
        ],
        "References": refs,
    }


def write_eppi_json(
    evidence: pd.DataFrame, groups: pd.DataFrame, framework: pd.DataFrame, path: Path
) -> Path:
    """Write :func:`eppi_json` to ``path`` (UTF-8, sorted keys, reproducible bytes)."""
    return write_json(eppi_json(evidence, groups, framework), path)
