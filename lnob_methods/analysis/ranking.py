"""A country's priority ranking of gaps: the one ranking every page and brief shows.

:func:`country_ranking` ranks a country's in-scope cells by the priority score of
:func:`lnob_methods.analysis.gaps.priority`. When the country has a community validation round
(the latest, :mod:`lnob_methods.reference.rounds`) with at least k counted responses and the
community weight is above 0, the score takes *community priority* as one more weighted component:
the share of the counted people who chose the gap among the three that matter most (a gap chosen
by fewer than k people counts 0, :func:`lnob_methods.voices.validation.community_priority`).
Otherwise the ranking is the plain one, and :func:`ranking_sentence` says why in words.

The gap analysis page, its exports and sensitivity analysis, the briefs, the validation form's
findings and the conclusions register all take their top gaps from here, so that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lnob_methods.analysis import gaps
from lnob_methods.reference import rounds
from lnob_methods.voices import validation
from lnob_methods.voices.validation_form import parse_code

INCLUDED = "included"
NO_ROUND = "no validation round"
TOO_FEW = "fewer than k responses"
WEIGHT_ZERO = "weight 0"
_LATEST = object()


@dataclass
class CountryRanking:
    """A country's ranking and what went into it.

    Attributes
    ----------
    ranked
        The ranking (:func:`lnob_methods.analysis.gaps.priority`), with a ``community`` column
        when community priority is included.
    plain
        The ranking of the same weights without community priority (``ranked`` when it is not
        included).
    weights
        The weights used, ``community`` among them when it is included.
    status
        :data:`INCLUDED`, :data:`NO_ROUND`, :data:`TOO_FEW` or :data:`WEIGHT_ZERO`.
    community
        The community priority per (group, target) when included, else None.
    w_community
        The community weight asked for (used only when ``status`` is :data:`INCLUDED`).
    validation
        The validation round read (None when the country has none).
    """

    ranked: pd.DataFrame
    plain: pd.DataFrame
    weights: dict[str, float]
    status: str
    community: pd.Series | None
    w_community: float
    validation: validation.Validation | None

    @property
    def includes_community(self) -> bool:
        """True when community priority is a component of the score."""
        return self.status == INCLUDED


def community_by_cell(val: validation.Validation) -> pd.Series:
    """Return the community priority (0 to 1) per (group, target) of the gap items."""
    share = validation.community_priority(val)
    keys, values = [], []
    for code, value in share.items():
        what = parse_code(code)
        if what and what["kind"] == "gap":
            keys.append((what["group"], what["target"]))
            values.append(float(value))
    if not keys:
        return pd.Series(
            dtype=float, index=pd.MultiIndex.from_arrays([[], []], names=["group", "target"])
        )
    return pd.Series(values, index=pd.MultiIndex.from_tuples(keys, names=["group", "target"]))


def latest_validation(
    iso3: str, k: int = validation.DEFAULT_K, round_no: int | None = None
) -> validation.Validation | None:
    """Return a country's validation responses of round ``round_no`` (default: latest), or None."""
    if not validation.country_files(iso3, round_no):
        return None
    return validation.prepare(iso3, k=k, round_no=round_no)


def country_ranking(
    ce,
    weights: dict[str, float] | None = None,
    w_community: float = gaps.DEFAULT_COMMUNITY_WEIGHT,
    val=_LATEST,
    k: int = validation.DEFAULT_K,
) -> CountryRanking:
    """Return the country's ranking, with community priority when its responses allow it.

    Parameters
    ----------
    ce
        The country's evidence (:func:`lnob_methods.analysis.country_evidence.assemble`).
    weights
        Weights of the gap components, severity and focus (defaults:
        :data:`lnob_methods.analysis.gaps.DEFAULT_WEIGHTS`).
    w_community
        Weight of community priority; 0 leaves it out.
    val
        The validation responses to use; default the country's latest round, None for none.
    k
        The smallest count that may be published (when the round is read here).
    """
    w = {**gaps.DEFAULT_WEIGHTS, **(weights or {})}
    w.pop("community", None)
    if val is _LATEST:
        val = latest_validation(ce.place.iso3, k=k)
    if val is None:
        status = NO_ROUND
    elif len(val.used) < val.k:
        status = TOO_FEW
    elif w_community == 0:
        status = WEIGHT_ZERO
    else:
        status = INCLUDED
    cells, sev = _complete(ce.cells), ce.severity()
    plain = gaps.priority(cells, sev, w)
    if status != INCLUDED:
        return CountryRanking(plain, plain, w, status, None, w_community, val)
    community = community_by_cell(val)
    w = {**w, "community": float(w_community)}
    ranked = gaps.priority(cells, sev, w, community=community)
    return CountryRanking(ranked, plain, w, status, community, w_community, val)


def sensitivity(ce, r: CountryRanking, top: int = 10) -> pd.DataFrame:
    """Return the sensitivity of the country's top ``top`` to each weight (±50 %).

    Every weight of the ranking moves in turn, the community weight too when it is included
    (:func:`lnob_methods.analysis.gaps.sensitivity`).
    """
    return gaps.sensitivity(
        _complete(ce.cells), ce.severity(), r.weights, top, community=r.community
    )


def _complete(cells: pd.DataFrame) -> pd.DataFrame:
    """Return the cells with every gap class (a cell table without one counts it absent)."""
    missing = [g for g in gaps.GAP_CLASSES if f"gap_{g}" not in cells]
    if not missing and all(cells[f"gap_{g}"].dtype == bool for g in gaps.GAP_CLASSES):
        return cells
    cells = cells.copy()
    for g in gaps.GAP_CLASSES:
        if f"gap_{g}" not in cells:
            cells[f"gap_{g}"] = False
        cells[f"gap_{g}"] = cells[f"gap_{g}"].fillna(False).astype(bool)
    return cells


def _weight(value: float) -> str:
    return f"{value:g}"


def ranking_sentence(r: CountryRanking, place_name: str) -> str:
    """Return one honest sentence: whether the ranking includes community priority, and why."""
    if r.status == INCLUDED:
        return (
            f"The ranking includes community priority, with weight {_weight(r.w_community)}: the "
            f"share of the people asked in {place_name}'s validation {_round(r)} "
            "who chose the gap among the three that matter most to them (a gap chosen by fewer "
            f"than {r.validation.k} people counts 0)."
        )
    if r.status == NO_ROUND:
        return (
            f"The ranking does not include community priority: no community validation round has "
            f"been recorded for {place_name} yet."
        )
    if r.status == TOO_FEW:
        return (
            "The ranking does not include community priority: fewer than "
            f"{r.validation.k} people's answers could be counted in {place_name}'s validation "
            f"{_round(r)}."
        )
    return (
        "The ranking does not include community priority: its weight is set to 0 on this page, "
        f"although {place_name}'s validation {_round(r)} could be counted."
    )


def _round(r: CountryRanking) -> str:
    """Return "round 2 of 2027-03-01 (synthetic validation responses)"."""
    return f"{rounds.round_words(r.validation.files) or 'round'} ({r.validation.label})"


def moved(r: CountryRanking, top_n: int) -> tuple[list[str], list[str]]:
    """Return the cells community priority brought into the top ``top_n``, and those it pushed out.

    Compared with the plain ranking of the same weights (ties counted whole,
    :func:`lnob_methods.analysis.gaps.top`); both lists are empty when it is not included.
    """
    if not r.includes_community:
        return [], []
    base = _names(gaps.top(r.plain, top_n))
    now = _names(gaps.top(r.ranked, top_n))
    return [c for c in now if c not in base], [c for c in base if c not in now]


def moved_sentence(r: CountryRanking, top_n: int) -> str:
    """Return in words how community priority changed the top ``top_n`` ("" when not included)."""
    if not r.includes_community:
        return ""
    came, went = moved(r, top_n)
    if not came and not went:
        return (
            f"Community priority changes the order within the top {top_n} but brings no gap into "
            "it and pushes none out."
            if _names(gaps.top(r.plain, top_n)) != _names(gaps.top(r.ranked, top_n))
            else f"Community priority leaves the top {top_n} as it was without it."
        )
    parts = []
    if came:
        parts.append(f"brings {_list(came)} into the top {top_n}")
    if went:
        parts.append(
            f"moves {_list(went)} out of it"
            if came
            else f"moves {_list(went)} out of the top {top_n}"
        )
    return "Compared with the ranking without it, community priority " + " and ".join(parts) + "."


def _list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names(head: pd.DataFrame) -> list[str]:
    return [f"{g} × SDG {t}" for g, t in zip(head["label"], head["target"], strict=True)]
