"""What goes back to the people: the findings and proposals of a country's validation round.

The items of a country's validation form are its main findings, the top gaps of the country's
priority ranking (:func:`lnob_methods.analysis.ranking.country_ranking`, default weights, with the
community priority of the latest validation round when there is one), said in plain words, and
the themes of the people's own proposals that at least k people raised. :func:`judgements` sets
the answers of the validation round beside them for the pages;
:func:`lnob_methods.analysis.ranking.community_by_cell` turns the priorities people chose into the
``community`` component of the gap score.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lnob_methods.analysis import gaps, ranking
from lnob_methods.reference import taxonomy
from lnob_methods.voices import coding, validation
from lnob_methods.voices import prepare as voices
from lnob_methods.voices.form import LANGUAGES
from lnob_methods.voices.validation_form import (
    Item,
    gap_code,
    parse_code,
    proposal_code,
    write_xlsform,
)

N_GAPS = 5
N_PROPOSALS = 5
# What each gap class means, in words for the people asked (not the analysts' vocabulary).
_REASONS = {
    "absolute": "nobody has studied it: no survey, study or programme data",
    "disaggregation": "official figures exist for the country, but none for this group",
    "voices": "the people concerned have not been asked",
    "recency": "what is known is old",
    "quality": "what is known is of low quality",
    "synthesis": "what is known has not been brought together",
}


def gap_statement(label: str, target: str, classes: list[str]) -> str:
    """Return the plain-words statement of a gap cell.

    For youth, 10.2 and the voices gap: "Youth: too little is known about reduced inequalities
    (SDG target 10.2): the people concerned have not been asked."
    """
    goal = taxonomy.goals()[int(target.split(".")[0])].lower()
    why = "; ".join(_REASONS[c] for c in classes if c in _REASONS)
    return f"{label}: too little is known about {goal} (SDG target {target})" + (
        f": {why}." if why else "."
    )


def proposal_statement(theme_label: str) -> str:
    """Return the plain-words statement of a proposal theme."""
    return f"People like you proposed action on: {theme_label.lower()}."


def findings(
    ce,
    v: voices.Voices | None,
    n_gaps: int = N_GAPS,
    n_proposals: int = N_PROPOSALS,
    ranked: pd.DataFrame | None = None,
):
    """Return the items of a country's validation form: top gaps, then the proposals' themes.

    Parameters
    ----------
    ce
        The country's evidence (:func:`lnob_methods.analysis.country_evidence.assemble`).
    v
        Its testimonies (:func:`lnob_methods.voices.prepare.prepare`), or None.
    n_gaps, n_proposals
        How many of each: the first ``n_gaps`` cells of the ranking (in the ranking's order) and
        the ``n_proposals`` themes most people proposed (at least k).
    ranked
        The ranking to take the gaps from; default the country's
        (:func:`lnob_methods.analysis.ranking.country_ranking`, default weights).
    """
    if ranked is None:
        ranked = ranking.country_ranking(ce).ranked
    items = []
    for r in ranked.head(n_gaps).itertuples(index=False):
        classes = [g for g in gaps.GAP_CLASSES if getattr(r, g) == 1.0]
        items.append(Item(gap_code(r.group, r.target), gap_statement(r.label, r.target, classes)))
    if v is not None and len(v.coded):
        hits = v.coded[v.coded["field"] == "proposal"]
        people = hits.groupby("theme")["testimony_id"].nunique()
        people = people[people >= v.k].sort_values(ascending=False, kind="stable")
        for theme in list(people.index)[:n_proposals]:
            label = v.codebook.theme(theme).label
            items.append(Item(proposal_code(theme), proposal_statement(label)))
    return items


def form_path(iso3: str, root: Path | None = None) -> Path:
    """Return where a country's validation form is kept: ``data/forms/validation/<ISO3>.xlsx``."""
    from lnob_methods.core import paths

    base = Path(root) if root is not None else paths.ROOT / "data" / "forms"
    return base / "validation" / f"validation_xlsform_{iso3}.xlsx"


def write_country_form(ce, v, path: Path, ranked: pd.DataFrame | None = None) -> Path:
    """Write the validation XLSForm of a country's findings; return the path.

    The gaps are the top of ``ranked``, default the country's ranking (:func:`findings`).
    """
    place = ce.place
    translations = {str(k): dict(t) for k, t in place.translations.items()}
    return write_xlsform(
        path,
        findings(ce, v, ranked=ranked),
        form_id=f"lnob_validation_{place.iso3.lower()}",
        title=f"LNOB community validation: {place.name}",
        languages=place.languages,
        language_names={**LANGUAGES, **dict(place.language_names)},
        translations=translations,
    )


def item_labels(codes: list[str], groups: pd.DataFrame, codebook: coding.Codebook) -> list[str]:
    """Return a short reader's label per item code ("Youth × SDG 10.2", "Proposal: …")."""
    names = dict(zip(groups["group"], groups["label"], strict=True))
    out = []
    for code in codes:
        what = parse_code(code) or {}
        if what.get("kind") == "gap":
            out.append(f"gap: {names.get(what['group'], what['group'])} × SDG {what['target']}")
        elif what.get("kind") == "proposal":
            try:
                out.append(f"proposal: {codebook.theme(what['theme']).label}")
            except KeyError:
                out.append(f"proposal: {what['theme']}")
        else:
            out.append(code)
    return out


def judgements(val: validation.Validation, groups: pd.DataFrame) -> pd.DataFrame:
    """Return the published judgement table with readers' labels for the items."""
    table = validation.judgement_table(val)
    table["item"] = item_labels(list(table["item"]), groups, coding.load_codebook())
    return table.rename(columns=validation.JUDGEMENT_LABELS)


def disputed(val: validation.Validation) -> list[str]:
    """Return the item codes the people asked judged disputed."""
    table = validation.verdicts(val)
    return list(table.loc[table["verdict"] == validation.DISPUTED, "item"])
