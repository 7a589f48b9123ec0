"""The codebook in the REFI-QDA Codebook exchange format (``.qdc``), for QDA software.

REFI-QDA (the Rotterdam Exchange Format Initiative, https://www.qdasoftware.org) is the standard
that ATLAS.ti, MAXQDA, NVivo, QualCoder, Taguette and others import. A ``.qdc`` file follows the
schema ``Codebook.xsd`` (namespace ``urn:QDA-XML:codebook:1.0``): a root ``CodeBook`` with
``Codes`` (each ``Code`` has the required attributes ``guid``, ``name`` and ``isCodable``, an
optional ``color`` and an optional ``Description`` child) and optional ``Sets`` (each ``Set`` has
``guid`` and ``name``, an optional ``Description`` and ``MemberCode`` children). The codebook
schema gives ``MemberCode`` a ``guid`` attribute naming the member code; the *project* schema
(``.qdpx``) calls the same reference ``targetGUID``. We follow the codebook schema.

GUIDs are UUID5 of the theme id (and of the set's name), so the same codebook always gives the
same file, and a theme keeps its GUID across codebook versions.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from lnob_methods.reference import taxonomy
from lnob_methods.voices.coding import Codebook

NS = "urn:QDA-XML:codebook:1.0"
# Fixed namespace for our GUIDs: uuid5(NAMESPACE_URL, "urn:lnob:voices:codebook").
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lnob:voices:codebook")
# Colour-blind-friendly qualitative palette (Okabe-Ito, then Tol's muted), cycled over themes.
PALETTE = [
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#6699CC",
    "#999999",
]


def guid(kind: str, key: str) -> str:
    """Return the deterministic GUID (upper-case UUID5) of a code (``kind="theme"``) or set."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}")).upper()


def _el(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def codebook_xml(codebook: Codebook) -> bytes:
    """Return the codebook as a REFI-QDA ``.qdc`` document (UTF-8 bytes).

    Each theme becomes a codable ``Code`` whose ``Description`` carries the description, SDG
    targets, UNDP factors and the keyword rules per language. ``Sets`` group the codes by UNDP
    factor (one set per factor used) and by SDG goal (one set per goal that a theme targets).
    """
    # Unqualified tags under a default xmlns: ElementTree's default_namespace= option refuses
    # unqualified attribute names, which the schema requires.
    root = ET.Element("CodeBook", {"xmlns": NS, "origin": f"lnob codebook {codebook.version}"})
    codes = _el(root, "Codes")
    for i, t in enumerate(codebook.themes):
        code = _el(
            codes,
            "Code",
            guid=guid("theme", t.id),
            name=t.label,
            isCodable="true",
            color=PALETTE[i % len(PALETTE)],
        )
        lines = [
            t.description,
            f"Theme id: {t.id}",
            f"SDG targets: {', '.join(t.sdg_targets)}",
            f"UNDP factors: {', '.join(t.factors)}",
            "Keyword rules (a trailing * matches any ending):",
            *(f"  {lang}: {'; '.join(rules)}" for lang, rules in t.rules.items()),
        ]
        _el(code, "Description", "\n".join(lines))
    sets = _el(root, "Sets")
    factor_labels = taxonomy.groups_taxonomy()["factors"]
    for factor, label in factor_labels.items():
        members = [t for t in codebook.themes if factor in t.factors]
        if members:
            _set(sets, f"factor:{factor}", f"UNDP factor: {label.split(' (')[0]}", label, members)
    goal_names = taxonomy.goals()
    for goal in sorted({int(x.split(".")[0]) for t in codebook.themes for x in t.sdg_targets}):
        members = [
            t for t in codebook.themes if any(int(x.split(".")[0]) == goal for x in t.sdg_targets)
        ]
        name = f"SDG {goal}: {goal_names[goal]}"
        _set(sets, f"goal:{goal}", name, "Themes with a target under this goal.", members)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def _set(parent, key, name, description, members):
    el = _el(parent, "Set", guid=guid("set", key), name=name)
    _el(el, "Description", description)
    for t in members:
        _el(el, "MemberCode", guid=guid("theme", t.id))


def write_qdc(codebook: Codebook, path: Path | str) -> Path:
    """Write :func:`codebook_xml` to ``path`` (conventionally ``*.qdc``); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(codebook_xml(codebook))
    return path
