"""Where each input file comes from, as its folder declares it: provenance is declared, not guessed.

Every folder of a country's evidence (``data/countries/<ISO3>/inventories/``, ``.../testimonies/``)
holds a ``provenance.yaml`` that declares each of its files once::

    files:
      actionaid_2025.xlsx:
        holder: ActionAid
        collected: "2025"
        synthetic: false
        licence: shared with the LNOB partnership for this analysis only

``synthetic`` is required (true or false); ``holder``, ``collected``, ``source`` and ``licence``
say who holds the file, when it was collected, how it was made and on what terms it may be shared.
``round`` (a whole number from 1; 1 when not given) and ``round_date`` (YYYY-MM-DD) tag the file
with the stocktaking round it belongs to (:mod:`lnob_methods.reference.rounds`).
The demonstration generators write the declaration of their own files. A file that no declaration
names is *undeclared*: ``lnob validate`` reports it and pages label its evidence "provenance not
declared"; it is never silently treated as real or as synthetic. Nothing here looks at file names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from lnob_methods.core import yamlio
from lnob_methods.core.errors import Problem
from lnob_methods.core.suggest import did_you_mean

DECLARATION = "provenance.yaml"
KEYS = ("holder", "collected", "synthetic", "source", "licence", "round", "round_date")
SYNTHETIC, REAL, UNDECLARED = "synthetic", "real", "undeclared"


@dataclass(frozen=True)
class Declaration:
    """The declared provenance of one input file."""

    file: str
    synthetic: bool
    holder: str = ""
    collected: str = ""
    source: str = ""
    licence: str = ""
    round: int = 1
    round_date: str = ""

    @property
    def status(self) -> str:
        """Return ``"synthetic"`` or ``"real"``."""
        return SYNTHETIC if self.synthetic else REAL


def read(folder: Path) -> tuple[dict[str, Declaration], list[Problem]]:
    """Return the declarations of a folder's files (by file name) and every problem found.

    A folder without ``provenance.yaml`` declares nothing (no problem here: its files are
    reported as undeclared by :func:`check`).
    """
    path = Path(folder) / DECLARATION
    try:
        st = path.stat()
    except OSError:
        return {}, []
    stamp = (str(path), st.st_mtime_ns, st.st_size, st.st_ino)
    if stamp not in _READ:
        if len(_READ) > 256:
            _READ.clear()
        _READ[stamp] = _read(path)
    found, problems = _READ[stamp]
    return dict(found), list(problems)


# Declarations read, by file and its stat: a page's data package asks for every input's
# declaration, and each folder's file is parsed once while it is unchanged.
_READ: dict[tuple, tuple[dict[str, Declaration], list[Problem]]] = {}


def _read(path: Path) -> tuple[dict[str, Declaration], list[Problem]]:
    name = str(path)
    try:
        raw = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        row = where.line + 1 if where else None
        return {}, [Problem(name, "yaml-syntax", f"is not valid YAML ({exc}).", row=row)]
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        msg = "must hold a mapping 'files:' of file name to its provenance (see data/countries)."
        return {}, [Problem(name, "not-a-mapping", msg, column="files", label="key")]
    found, problems = {}, []
    for file, entry in files.items():
        decl, bad = _entry(name, str(file), entry)
        problems += bad
        if decl is not None:
            found[str(file)] = decl
    return found, problems


def _entry(name: str, file: str, entry: object) -> tuple[Declaration | None, list[Problem]]:
    def problem(kind: str, message: str, key: str, value: object = None) -> Problem:
        return Problem(name, kind, message, column=f"{file}: {key}", value=value, label="key")

    if not isinstance(entry, dict):
        return None, [problem("not-a-mapping", "must be a mapping of provenance keys.", "files")]
    problems = [
        problem("unknown-key", "is not a provenance key." + did_you_mean(k, KEYS), k)
        for k in entry
        if k not in KEYS
    ]
    synthetic = entry.get("synthetic")
    if not isinstance(synthetic, bool):
        problems.append(
            problem(
                "missing-key" if synthetic is None else "wrong-type",
                "must say whether the file is synthetic: true or false.",
                "synthetic",
                synthetic,
            )
        )
        return None, problems
    number = entry.get("round", 1)
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        problems.append(
            problem("wrong-type", "must be the round's number: 1, 2, 3 …", "round", number)
        )
        number = 1
    text = {
        k: "" if entry.get(k) is None else str(entry[k])
        for k in KEYS
        if k not in {"synthetic", "round"}
    }
    return Declaration(file=file, synthetic=synthetic, round=number, **text), problems


def declaration(path: str | Path) -> Declaration | None:
    """Return the declaration of one file, from its folder's ``provenance.yaml``, or None."""
    path = Path(str(path))
    return read(path.parent)[0].get(path.name)


def status(path: str | Path) -> str:
    """Return ``"synthetic"``, ``"real"`` or ``"undeclared"`` for one input file."""
    found = declaration(path)
    return UNDECLARED if found is None else found.status


def is_synthetic(path: str | Path) -> bool:
    """Return True when the file is declared synthetic demonstration data."""
    return status(path) == SYNTHETIC


def statuses(paths: Iterable[str | Path]) -> set[str]:
    """Return the set of statuses of ``paths`` (each folder's declaration is read once)."""
    by_folder: dict[Path, dict[str, Declaration]] = {}
    out = set()
    for p in paths:
        p = Path(str(p))
        decls = by_folder.setdefault(p.parent, read(p.parent)[0])
        out.add(decls[p.name].status if p.name in decls else UNDECLARED)
    return out


def any_synthetic(paths: Iterable[str | Path]) -> bool:
    """Return True when any of ``paths`` is declared synthetic demonstration data."""
    return SYNTHETIC in statuses(paths)


def label(paths: Iterable[str | Path], noun: str) -> str:
    """Return how pages name a stream's data by its declared provenance.

    Examples: "synthetic inventories", "inventories", "inventories (provenance not declared)",
    "inventories (some synthetic)". The noun is returned alone when there are no files.
    """
    found = statuses(paths)
    if UNDECLARED in found:
        return f"{noun} (provenance not declared)"
    if found == {SYNTHETIC}:
        return f"synthetic {noun}"
    if SYNTHETIC in found:
        return f"{noun} (some synthetic)"
    return noun


def check(files: Iterable[str | Path]) -> list[Problem]:
    """Return the problems of the declarations that cover ``files``: undeclared files included.

    Each folder's ``provenance.yaml`` is checked once (unknown keys, a missing or non-boolean
    ``synthetic``, YAML errors), and each file that no declaration names is reported.
    """
    problems: list[Problem] = []
    seen: dict[Path, dict[str, Declaration]] = {}
    for f in files:
        f = Path(str(f))
        if f.parent not in seen:
            seen[f.parent], found = read(f.parent)
            problems += found
        if f.name not in seen[f.parent]:
            problems.append(
                Problem(
                    str(f),
                    "provenance-not-declared",
                    f"is not declared in {f.parent / DECLARATION}: add it under 'files:' with "
                    "'synthetic: true' or 'synthetic: false', its holder, when it was collected "
                    "and its licence or sharing terms. Until then its evidence is labelled "
                    "'provenance not declared'.",
                )
            )
    return problems


def write(folder: Path, declarations: Iterable[Declaration], header: str = "") -> Path:
    """Write ``provenance.yaml`` for ``declarations`` into ``folder`` (sorted by file name)."""
    entries = {}
    for d in sorted(declarations, key=lambda d: d.file):
        entry = {"synthetic": d.synthetic}
        entry.update({k: getattr(d, k) for k in ("holder", "collected", "source", "licence")})
        if d.round != 1 or d.round_date:
            entry.update({"round": d.round, "round_date": d.round_date})
        entries[d.file] = {k: v for k, v in entry.items() if v != ""}
    text = yaml.safe_dump({"files": entries}, allow_unicode=True, sort_keys=False, width=100)
    path = Path(folder) / DECLARATION
    path.write_text(header + text, encoding="utf-8")
    return path
