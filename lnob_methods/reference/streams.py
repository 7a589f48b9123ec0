"""What a page's data are, stream by stream: declared provenance and the real sources used.

Each results page draws on some of these *streams*: the official statistics of the UN SDG Global
Database, the OPHI MPI tables, an open microdata extract, the organisations' inventories and the
community testimonies. The reference streams are real, public files shipped in ``data/reference``
with their vintage; the country's own streams say what they are in their folder's
``provenance.yaml`` (:mod:`lnob_methods.reference.provenance`). A page's warning banner and its
Sources section are written from the streams it used (:mod:`lnob_methods.site.notices`), never
from a file name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lnob_methods.reference import provenance

SDGDB = (
    "UN SDG Global Database (United Nations Statistics Division and the custodian agencies), "
    "snapshot of 17 December 2023; open data"
)
FRAMEWORK = "SDG indicator framework and tier classification (IAEG-SDGs, 30 November 2022)"
OPHI = (
    "OPHI global Multidimensional Poverty Index 2024 (Alkire, Kanagaratnam and Suppa): "
    "subnational results and harmonised trends by age group and area; CC BY 4.0"
)
MICRODATA = {
    "VNM": "Viet Nam Living Standards Survey 1997–98 extract (R package Ecdat; GPL)",
    "NPL": "Nepal Nutrition Intervention Project child sample extract (R package faraway; GPL)",
}


@dataclass(frozen=True)
class Stream:
    """One stream of data behind a page.

    Attributes
    ----------
    name
        How readers call it ("inventories", "testimonies", "official statistics").
    status
        ``"real"``, ``"synthetic"``, ``"undeclared"``, ``"mixed"`` (some files synthetic) or
        ``"none"`` (no file: nothing of this stream was used).
    detail
        One sentence on where the data come from (holders, vintage, how made, licence).
    n_files, n_synthetic, n_undeclared
        For declared streams: how many files, and how many of them are synthetic or undeclared.
    """

    name: str
    status: str
    detail: str
    n_files: int = 0
    n_synthetic: int = 0
    n_undeclared: int = 0


def reference(name: str, detail: str) -> Stream:
    """Return a real, public reference stream shipped with the project (always declared real)."""
    return Stream(name, provenance.REAL, detail)


def declared(name: str, files: Iterable[str | Path]) -> Stream:
    """Return a country's stream described from its files' provenance declarations.

    Parameters
    ----------
    name
        The stream's name for readers ("inventories").
    files
        The files the page read. No file gives a stream with status ``"none"``.
    """
    files = [Path(str(f)) for f in files]
    if not files:
        return Stream(name, "none", f"No {name} were found for this country.")
    by_folder: dict[Path, dict[str, provenance.Declaration]] = {}
    decls, undeclared = [], 0
    for f in files:
        found = by_folder.setdefault(f.parent, provenance.read(f.parent)[0]).get(f.name)
        if found is None:
            undeclared += 1
        else:
            decls.append(found)
    n_synth = sum(d.synthetic for d in decls)
    if undeclared == len(files):
        status = provenance.UNDECLARED
    elif undeclared:
        status = "mixed"
    elif n_synth == len(files):
        status = provenance.SYNTHETIC
    elif n_synth:
        status = "mixed"
    else:
        status = provenance.REAL
    return Stream(
        name, status, _detail(name, files, decls, undeclared), len(files), n_synth, undeclared
    )


def _detail(name: str, files: list[Path], decls: list, undeclared: int) -> str:
    n = len(files)
    parts = [f"{n} {'file' if n == 1 else 'files'}"]
    holders = _distinct(d.holder for d in decls)
    if holders:
        parts.append("held by " + _listing(holders, 8))
    collected = _distinct(d.collected for d in decls)
    if collected:
        parts.append("collected: " + _listing(collected, 3))
    text = f"{name.capitalize()}: " + ", ".join(parts) + "."
    # A command that made the files is shown as code: "python -m lnob_methods.demo.inventories".
    sources = [
        f"`{v}`" if v.startswith(("python ", "lnob ")) else v
        for v in _distinct(d.source for d in decls)
    ]
    if sources:
        text += " Made by: " + _listing(sources, 3) + "."
    licences = _distinct(d.licence for d in decls)
    if licences:
        text += " Terms: " + _listing(licences, 3) + "."
    if undeclared:
        text += (
            f" {undeclared} of the {n} files {'has' if undeclared == 1 else 'have'} no provenance "
            "declaration: `lnob validate` lists them."
        )
    return text


def _distinct(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def _listing(values: list[str], limit: int) -> str:
    if len(values) <= limit:
        return _and(values)
    return ", ".join(values[:limit]) + f" and {len(values) - limit} more"


def _and(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
