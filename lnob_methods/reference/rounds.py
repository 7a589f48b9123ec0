"""Stocktaking rounds: which of a country's files belong to which round, as their folders declare.

A country may hold several rounds of the process. Each input file's round is declared beside its
provenance (``round: 2`` and ``round_date: 2027-03-01`` in the folder's ``provenance.yaml``); a
file that declares none belongs to round 1. What a round is made of depends on the stream:

- **inventories and testimonies accumulate**: the evidence of round *n* is every file of rounds 1
  to *n* (what was known in round 1 is still known in round 2; a round adds what is new);
- **validation responses and conclusions are replaced**: round *n* uses the files of the latest
  round up to *n* that has any (a new validation round judges the new findings; a new conclusions
  register carries the statuses forward).

Pages show the latest round unless a round is asked for (``round_no``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.reference import provenance

STREAMS = ("inventories", "testimonies", "validation", "conclusions")
CUMULATIVE = ("inventories", "testimonies")


def _declared(files: list[Path]) -> dict[Path, provenance.Declaration | None]:
    by_folder: dict[Path, dict] = {}
    out = {}
    for f in files:
        decls = by_folder.setdefault(f.parent, provenance.read(f.parent)[0])
        out[f] = decls.get(f.name)
    return out


def round_of(files: list[Path]) -> dict[Path, int]:
    """Return each file's declared round (1 when it declares none)."""
    return {f: (d.round if d else 1) for f, d in _declared([Path(x) for x in files]).items()}


def select(files: list[Path], stream: str, round_no: int | None = None) -> list[Path]:
    """Return the files of ``stream`` that make up round ``round_no`` (default: the latest).

    Parameters
    ----------
    files
        Every file of the stream's folder.
    stream
        One of :data:`STREAMS`: inventories and testimonies accumulate, the others are replaced.
    round_no
        The round; None for the latest round of these files.
    """
    if stream not in STREAMS:
        raise ValueError(f"unknown stream {stream!r}: one of {', '.join(STREAMS)}")
    files = [Path(f) for f in files]
    if not files:
        return []
    tagged = round_of(files)
    top = max(tagged.values()) if round_no is None else round_no
    if stream in CUMULATIVE:
        return [f for f in files if tagged[f] <= top]
    upto = [r for r in tagged.values() if r <= top]
    if not upto:
        return []
    last = max(upto)
    return [f for f in files if tagged[f] == last]


def round_words(files: list[Path]) -> str:
    """Return the round of ``files`` in words: "round 2 of 2027-03-01", or "round 1".

    Files of several rounds give "rounds 1 and 2"; no files give "".
    """
    declared = _declared([Path(f) for f in files])
    numbers = sorted({d.round if d else 1 for d in declared.values()})
    if not numbers:
        return ""
    if len(numbers) > 1:
        return "rounds " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    dates = sorted({d.round_date for d in declared.values() if d and d.round_date})
    return f"round {numbers[0]}" + (f" of {dates[0]}" if len(dates) == 1 else "")


def _stream_files(iso3: str, stream: str) -> list[Path]:
    folder = paths.countries_dir() / iso3 / stream
    if not folder.exists():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.name != provenance.DECLARATION
        and p.suffix.lower() in {".xlsx", ".csv", ".yaml", ".yml"}
    )


def country_rounds(iso3: str) -> pd.DataFrame:
    """Return the rounds a country holds: round, date(s) declared, and new files per stream."""
    rows: dict[int, dict] = {}
    for stream in STREAMS:
        files = _stream_files(iso3, stream)
        for d in _declared(files).values():
            number = d.round if d else 1
            row = rows.setdefault(
                number, {"round": number, "date": set(), **dict.fromkeys(STREAMS, 0)}
            )
            row[stream] += 1
            if d and d.round_date:
                row["date"].add(d.round_date)
    out = pd.DataFrame(
        [
            {**r, "date": ", ".join(sorted(r["date"])) or "not declared"}
            for _, r in sorted(rows.items())
        ],
        columns=["round", "date", *STREAMS],
    )
    return out


def latest_round(iso3: str) -> int | None:
    """Return the latest round a country holds, or None when it has no files at all."""
    table = country_rounds(iso3)
    return int(table["round"].max()) if len(table) else None
