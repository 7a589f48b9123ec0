"""After the gap analysis: what the people asked said, and what the in-country team concluded.

:func:`gather` reads a country's community validation responses
(:mod:`lnob_methods.voices.validation`) and conclusions register
(:mod:`lnob_methods.analysis.conclusions`); the functions below give the pages their tables and
honest sentences, for a country with both, either or neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lnob_methods.analysis import conclusions, ranking, validation_items
from lnob_methods.core.errors import Problem
from lnob_methods.reference import countries, provenance, rounds
from lnob_methods.voices import validation


@dataclass
class FollowUp:
    """A country's validation round and conclusions, as far as they exist."""

    place: countries.Country
    k: int
    validation: validation.Validation | None
    conclusions: pd.DataFrame
    conclusion_files: list[Path] = field(default_factory=list)
    conclusion_problems: list[Problem] = field(default_factory=list)

    @property
    def n_counted(self) -> int:
        """Return how many responses were counted (exact; use only through protected text)."""
        return 0 if self.validation is None else len(self.validation.used)

    @property
    def conclusions_label(self) -> str:
        """Name the conclusions by their declared provenance ("synthetic conclusions")."""
        return provenance.label(self.conclusion_files, "conclusions")


def gather(iso3: str, k: int = validation.DEFAULT_K, round_no: int | None = None) -> FollowUp:
    """Return a country's validation responses and conclusions (either may be missing).

    Those of round ``round_no`` (default: the latest; :mod:`lnob_methods.reference.rounds`).
    """
    place = countries.load_country(iso3)
    val = ranking.latest_validation(place.iso3, k=k, round_no=round_no)
    table, problems, files = conclusions.load(place.iso3, round_no)
    return FollowUp(place, k, val, table, files, problems)


def validation_sentence(fu: FollowUp) -> str:
    """Return one honest sentence on the validation round of the country."""
    if fu.validation is None:
        return (
            f"No community validation round has been recorded for {fu.place.name} yet: the "
            "findings below have not been checked with the people concerned. Generate the form "
            f"with `lnob validation-form --country {fu.place.iso3}`."
        )
    n = fu.n_counted
    if n < fu.k:
        return (
            f"Fewer than {fu.k} people's answers could be counted in {fu.place.name}'s validation "
            "round: too few to show how they judged the findings."
        )
    disputed = validation_items.disputed(fu.validation)
    what = (
        f"{len(disputed)} of the {len(fu.validation.items)} findings and proposals put to them "
        f"{'was' if len(disputed) == 1 else 'were'} disputed (more than half of those who judged "
        f"{'it' if len(disputed) == 1 else 'them'} disagreed)"
        if disputed
        else "none of the findings and proposals put to them was disputed"
    )
    which = rounds.round_words(fu.validation.files) or "round"
    return (
        f"In {fu.place.name}'s validation {which} ({fu.validation.label}), {n} people of the "
        f"focus groups answered with consent; {what}."
    )


def judgement_table(fu: FollowUp, kind: str | None = None) -> pd.DataFrame:
    """Return the published judgements per item (``kind``: "gap", "proposal" or both)."""
    if fu.validation is None or fu.n_counted < fu.k:
        return pd.DataFrame()
    table = validation_items.judgements(fu.validation, fu.place.groups())
    if kind is not None:
        table = table[table["item"].str.startswith(f"{kind}:")]
    return table.reset_index(drop=True)


def findings_table(fu: FollowUp, ce, top_n: int = 10, ranked: pd.DataFrame | None = None):
    """Return the findings conclusions answer: the items put to the people, else the top gaps.

    Then any finding a conclusion answers that is not among them (one of an earlier round).

    The top gaps are those of ``ranked``, default the country's ranking
    (:func:`lnob_methods.analysis.ranking.country_ranking`, with the community priority of
    ``fu``'s validation round when it counts).
    """
    if fu.validation is not None and fu.validation.items:
        codes = list(fu.validation.items)
    else:
        if ranked is None:
            ranked = ranking.country_ranking(ce, val=fu.validation).ranked
        codes = [
            validation_items.gap_code(g, t)
            for g, t in zip(ranked["group"], ranked["target"], strict=True)
        ][:top_n]
    # A conclusion may answer a finding of an earlier round that the latest round no longer puts:
    # it stays listed, after the others.
    if "responds_to" in fu.conclusions:
        codes += [c for c in dict.fromkeys(fu.conclusions["responds_to"]) if c not in codes]
    from lnob_methods.voices import coding

    labels = validation_items.item_labels(codes, fu.place.groups(), coding.load_codebook())
    return pd.DataFrame({"code": codes, "finding": labels})


def conclusions_table(fu: FollowUp, ce, ranked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return each finding beside the conclusions that answer it, or "open for discussion"."""
    return conclusions.beside_findings(findings_table(fu, ce, ranked=ranked), fu.conclusions)


def conclusions_sentence(fu: FollowUp) -> str:
    """Return one honest sentence on the country's conclusions register."""
    if not fu.conclusion_files:
        return (
            f"The in-country team of {fu.place.name} has recorded no conclusions yet: every "
            "finding below is open for discussion. Start the register with "
            f"`lnob conclusions-sheet --country {fu.place.iso3}`."
        )
    table = fu.conclusions
    n_open = int(table["status"].isin(conclusions.OPEN_STATUSES).sum())
    n_done = int(table["status"].eq("done").sum())
    bad = {(p.file, p.row) for p in fu.conclusion_problems}
    tail = (
        f" {len(bad)} entries or files have problems and are left out until fixed (`lnob validate "
        f"--conclusions --country {fu.place.iso3}`)."
        if bad
        else ""
    )
    return (
        f"The in-country team of {fu.place.name} has recorded {len(table)} conclusions "
        f"({fu.conclusions_label}): {n_open} open, {n_done} done.{tail}"
    )


def open_conclusions(fu: FollowUp) -> pd.DataFrame:
    """Return the open conclusions (planned or in progress) for the briefs."""
    return conclusions.open_conclusions(fu.conclusions)
