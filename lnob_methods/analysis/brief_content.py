"""What a brief document says: title, first paragraph, the few findings that matter, sources.

The programme and advocacy briefs are written as documents (PDF and Word) by
:mod:`lnob_methods.formats.briefs` from the :class:`Brief` returned here, so both formats say the
same thing. Every table here is ready to read: labels in words, numbers rounded for reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lnob_methods.analysis import briefs, conclusions, gaps, page_text, ranking
from lnob_methods.reference import provenance, taxonomy
from lnob_methods.voices import prepare as voices

KINDS = {
    "programme": "Programme brief",
    "advocacy": "Advocacy brief",
}
OFFICIAL_SOURCE = "UN SDG Global Database (December 2023 extract)"
TOP = 5  # rows of each table: a brief keeps to the few findings that matter


@dataclass(frozen=True)
class Finding:
    """One finding: a heading, a paragraph, and a short table and/or a bar chart.

    ``chart`` has the columns ``label`` and ``value`` (a percentage), drawn as horizontal bars.
    """

    heading: str
    text: str
    table: pd.DataFrame | None = None
    chart: pd.DataFrame | None = None
    chart_title: str = ""


@dataclass(frozen=True)
class Brief:
    """The content of one brief, shared by its PDF and Word versions."""

    kind: str
    iso3: str
    country: str
    title: str
    lead_agency: str
    organisations: tuple[str, ...]
    focus_title: str
    summary: str
    synthetic_notice: str
    findings: tuple[Finding, ...]
    sources: tuple[str, ...]
    questions: tuple[str, ...] = field(default=())
    logo: str = ""  # the country office's logo file, from the country config
    colour: str = ""  # the country office's colour ("#RRGGBB"), from the country config


def number(value: object) -> str:
    """Return a number rounded for reading: no decimals from 10 up, one below, "–" when missing.

    >>> number(1234.56), number(12.34), number(0.456), number(None)
    ('1,235', '12', '0.5', '–')
    """
    if value is None or pd.isna(value):
        return "–"
    x = float(value)
    if abs(x) >= 10:
        return f"{x:,.0f}"
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x)}"


def shorten(text: str, limit: int = 90) -> str:
    """Return ``text`` cut at a word boundary to at most ``limit`` characters (with "…")."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def target_names() -> dict[str, str]:
    """Return SDG target code to "10.2 Empower and promote …" (the target in words, shortened)."""
    fw = taxonomy.sdg_framework().drop_duplicates("target")
    pairs = zip(fw["target"], fw["target_title"], strict=True)
    return {t: f"{t} {shorten(title, 80)}" for t, title in pairs}


def _labels(ce) -> dict[str, str]:
    return dict(zip(ce.groups["group"], ce.groups["label"], strict=True))


def focus_behind(ce, top: int = TOP) -> tuple[pd.DataFrame, bool]:
    """Return the official gaps where a focus group is furthest behind, and whether they are.

    When official data show no focus group behind, the largest gaps of any group are returned
    and the flag is False, so the brief can say so.
    """
    gg = ce.group_gaps[ce.group_gaps["group_behind"]]
    mine = gg[gg["group"].isin(ce.focus_groups)]
    in_focus = not mine.empty
    # Ranked as on the furthest-behind page: by the ranking gap, which keeps a ratio of two tiny
    # rates from coming first (analysis.group_gaps.RANKING_RULE).
    gg = (mine if in_focus else gg).sort_values(
        ["ranking_gap", "series_code", "comparison"], ascending=[False, True, True]
    )
    gg = gg.drop_duplicates("group").head(top) if in_focus else gg.head(top)
    labels = _labels(ce)
    out = pd.DataFrame(
        {
            "group": [labels.get(g, c) for g, c in zip(gg["group"], gg["comparison"], strict=True)],
            "measure": [shorten(s, 110) for s in gg["series_description"]],
            "compared with": [str(c) for c in gg["comparison"]],
            "year": [str(int(y)) for y in gg["year"]],
            "value": [number(v) for v in gg["value"]],
            "comparison value": [number(v) for v in gg["reference_value"]],
            "gap (%)": [f"{round(100 * r):d}" for r in gg["relative_gap"]],
        }
    )
    out.attrs["gap"] = [round(100 * r) for r in gg["relative_gap"]]
    return out.reset_index(drop=True), in_focus


GAP_WORDS = {
    "absolute": "no evidence at all",
    "disaggregation": "no official figure describes the group",
    "recency": "the latest evidence is old",
    "quality": "only low-quality evidence",
    "voices": "the group's own voice is missing",
    "synthesis": "no synthesis of the evidence",
}


def knowledge_gaps(ce, top: int = TOP, ranked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the main knowledge gaps: the in-scope cells that rank highest, in words.

    Cells are ranked as on the gap analysis page: ``ranked``, default the country's ranking
    (:func:`lnob_methods.analysis.ranking.country_ranking`, default weights, with community
    priority when the latest validation round counts); a cell table without some gap classes
    counts them as absent.
    """
    if ranked is None:
        ranked = ranking.country_ranking(ce).ranked
    ranked = ranked[ranked[list(gaps.GAP_CLASSES)].sum(axis=1) > 0].head(top)
    names = target_names()
    missing = [
        "; ".join(GAP_WORDS[g] for g in gaps.GAP_CLASSES if row[g]) for _, row in ranked.iterrows()
    ]
    return pd.DataFrame(
        {
            "group": ranked["label"].to_numpy(),
            "SDG target": [names.get(t, t) for t in ranked["target"]],
            "evidence items": [str(int(n)) for n in ranked["n_items"]],
            "what is missing": missing,
        }
    )


def overlaps(ce, top: int = 3) -> pd.DataFrame:
    """Return the focus cells where several organisations hold evidence: who could work together."""
    ev = ce.evidence[ce.evidence["stream"] == "inventory"]
    cells = ce.cells[ce.cells["in_focus"]][["group", "target"]]
    ev = ev.merge(cells, on=["group", "target"])
    per = ev.groupby(["group", "target"])["organisation"].agg(lambda s: sorted(set(s)))
    per = per[per.map(len) >= 2]
    if per.empty:
        return pd.DataFrame(columns=["group", "SDG target", "organisations"])
    per = per.reset_index()
    per["n"] = per["organisation"].map(len)
    per = per.sort_values(["n", "group", "target"], ascending=[False, True, True]).head(top)
    labels, names = _labels(ce), target_names()
    return pd.DataFrame(
        {
            "group": [labels.get(g, g) for g in per["group"]],
            "SDG target": [names.get(t, t) for t in per["target"]],
            "organisations": [f"{len(o)}: " + ", ".join(o) for o in per["organisation"]],
        }
    )


def proposals(ce, top: int = TOP) -> pd.DataFrame:
    """Return what people in the focus groups propose, by theme (small counts stay suppressed)."""
    cols = ["theme", "people", "in their words"]
    if not ce.testimony_files:
        return pd.DataFrame(columns=cols)
    v = voices.prepare(ce.place.iso3)
    p = voices.proposals_by_theme(v, examples=1, groups=list(ce.focus_groups))
    if p.empty:
        return pd.DataFrame(columns=cols)
    p = p.assign(_n=p["people proposing"].fillna(0).astype(int))
    p = p.sort_values(["_n", "theme"], ascending=[False, True]).head(top)
    return pd.DataFrame(
        {
            "theme": p["theme"].to_numpy(),
            "people": [
                str(int(n)) if pd.notna(n) else f"fewer than {v.k}" for n in p["people proposing"]
            ],
            "in their words": [
                f"“{shorten(e, 160)}”" if e else "" for e in p["examples (redacted)"]
            ],
        }
    )


def asks(ce, top: int = TOP) -> pd.DataFrame:
    """Return the official data to press for, target in words (:func:`briefs.data_asks`)."""
    a = briefs.data_asks(ce, top=top)
    names = target_names()
    return pd.DataFrame(
        {
            "group": a["group"].to_numpy(),
            "SDG target": [names.get(t.removeprefix("SDG "), t) for t in a["target"]],
            "ask": [s[0].upper() + s[1:] for s in a["ask"]],
        }
    )


def synthetic_notice(ce) -> str:
    """Return the first-page notice when any evidence is declared synthetic, else ""."""
    if not (ce.synthetic or ce.testimonies_synthetic):
        return ""
    return (
        f"Synthetic demonstration data. Evidence behind this brief is synthetic ({ce.data_label}): "
        "it is made up to show the method and must not be quoted as findings. The official "
        f"statistics are real: {OFFICIAL_SOURCE}."
    )


def sources(ce) -> tuple[str, ...]:
    """Return the sources behind a brief, with the declared provenance of each stream."""
    out = [f"Official statistics: {OFFICIAL_SOURCE}; SDG indicator framework (IAEG-SDGs)."]
    orgs = sorted(set(ce.inventory["organisation"].astype(str))) if len(ce.inventory) else []
    line = f"Evidence inventories ({ce.data_label.split(' and ')[0]})"
    out.append(line + (": " + ", ".join(orgs) + "." if orgs else "."))
    if ce.testimony_files:
        out.append(
            f"Focus-group testimonies ({provenance.label(ce.testimony_files, 'testimonies')}), "
            "redacted, counts under the small-cell threshold suppressed."
        )
    declared = []
    for f in [*ce.inventory_files, *ce.testimony_files]:
        d = provenance.declaration(f)
        if d is not None and not d.synthetic and d.source and d.source not in declared:
            declared.append(d.source)
    out += [f"Declared source: {s}" for s in declared[:4]]
    return tuple(out)


def behind_lead(ce) -> str:
    """Return the sentence naming the largest official gap of a focus group (or of any group)."""
    return _behind_finding(ce)[1]


def _behind_finding(ce) -> Finding:
    table, in_focus = focus_behind(ce)
    if table.empty:
        text = "Official data show no group behind its comparison group in the series available."
        return Finding("Who official data show furthest behind", text), text
    top = table.iloc[0]
    measure = page_text.lower_first(top["measure"].rstrip("…"))
    text = (
        f"{top['group']} are furthest behind: {measure} is "
        f"{top['value']} against {top['comparison value']} ({top['compared with']}, "
        f"{top['year']}), a gap of {top['gap (%)']}%."
    )
    if not in_focus:
        text = "Official data show none of the focus groups behind; the largest gaps: " + text
    lead = text
    text = (
        "The largest gap of each focus group behind its comparison group in official data "
        "(UN SDG Global Database, latest common year)."
        if in_focus
        else "Official data show none of the focus groups behind; the largest gaps of any group."
    )
    chart = pd.DataFrame(
        {
            "label": [shorten(g, 56) for g in table["group"]],
            "value": table.attrs["gap"],
        }
    )
    finding = Finding(
        "Who official data show furthest behind",
        text,
        table,
        chart,
        "Gap to the comparison group (%)",
    )
    return finding, lead


def _reach_sentence(ce) -> str:
    n = int(ce.cells["in_focus"].sum())
    none = int((ce.cells["in_focus"] & (ce.cells["n_programme_data"] == 0)).sum())
    if n == 0:
        return "No research focus is set, so programme reach is not assessed."
    if none == 0:
        return (
            f"Each of the {n} combinations of focus group and focus target has programme data in "
            "the organisations' inventories."
        )
    return (
        f"Of the {n} combinations of focus group and focus target, {none} "
        f"{'has' if none == 1 else 'have'} no programme data in the organisations' inventories."
    )


def _gaps_finding(ce) -> Finding:
    r = ranking.country_ranking(ce)
    t = knowledge_gaps(ce, ranked=r.ranked)
    if t.empty:
        return Finding("The main knowledge gaps", "No gap found in the evidence in scope.")
    counts = (
        "the research focus, the groups furthest behind and the gaps the people asked in the "
        "validation round chose count most"
        if r.includes_community
        else "the research focus and the groups furthest behind count most"
    )
    text = (
        "Where the evidence is thinnest around the research focus, ranked as on the gap analysis "
        f"page ({counts})."
    )
    return Finding("The main knowledge gaps", text, t)


def _overlaps_finding(ce) -> Finding:
    t = overlaps(ce)
    if t.empty:
        text = "No combination of focus group and target is covered by two organisations or more."
        return Finding("Where organisations overlap", text)
    n = int(len(overlaps(ce, top=10_000)))
    text = (
        f"{n} {'combination' if n == 1 else 'combinations'} of focus group and focus target "
        f"{'holds' if n == 1 else 'hold'} evidence from two organisations or more: a reason to "
        "agree who does what, and to pool the evidence. The largest:"
    )
    return Finding("Where organisations overlap: room to collaborate", text, t)


def _proposals_finding(ce) -> Finding:
    t = proposals(ce)
    if t.empty:
        text = "No testimonies from people in the focus groups are available yet."
        return Finding("What people in the focus groups propose", text)
    text = (
        "Proposals made by people in the focus groups themselves, by theme; quotes only from "
        "people who agreed to be quoted, with names and places removed."
    )
    return Finding("What people in the focus groups propose", text, t)


def _asks_finding(ce) -> Finding:
    t = asks(ce)
    if t.empty:
        text = "Official data already give figures for every group in scope."
        return Finding("The data to press for", text)
    text = (
        "Official figures that would describe the groups are missing here (SDG 17.18): ask the "
        "national statistics office for these breakdowns."
    )
    return Finding("The data to press for", text, t)


def _conclusions_finding(ce) -> Finding:
    """Return the in-country team's conclusions still open (planned or in progress)."""
    table, _, files = conclusions.load(ce.place.iso3)
    heading = "Open conclusions of the in-country team"
    if not files:
        return Finding(heading, "The in-country team has recorded no conclusions yet.")
    shown = conclusions.open_conclusions(table)
    if shown.empty:
        return Finding(heading, "Every conclusion recorded is done or dropped.")
    label = provenance.label(files, "conclusions")
    text = f"What the team decided and has not finished yet ({label}), soonest due first."
    return Finding(heading, text, shown[["decision", "what", "lead", "due", "status"]].head(TOP))


def build(ce, kind: str) -> Brief:
    """Return the content of a country's programme or advocacy brief.

    Parameters
    ----------
    ce
        A :class:`~lnob_methods.analysis.country_evidence.CountryEvidence`.
    kind
        ``"programme"`` or ``"advocacy"``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown brief {kind!r}: choose one of {', '.join(KINDS)}")
    behind, lead = _behind_finding(ce)
    thin = _gaps_finding(ce)
    status = briefs.disaggregation_status(ce)
    n_ind, n_none = len(status), int((~status["data"].astype(bool)).sum())
    if kind == "programme":
        findings = (
            behind,
            thin,
            _overlaps_finding(ce),
            _proposals_finding(ce),
            _asks_finding(ce),
            _conclusions_finding(ce),
        )
        summary = f"{lead} {_reach_sentence(ce)}"
        questions = (
            "Where no programme reaches a group: is a programme missing from the inventory, or "
            "is this a gap in reach?",
            "Where the group's own voice is missing: how can the group speak for itself?",
            "Where organisations overlap: who does what?",
        )
    else:
        findings = (
            _asks_finding(ce),
            behind,
            thin,
            _proposals_finding(ce),
            _overlaps_finding(ce),
            _conclusions_finding(ce),
        )
        if n_ind == 0:
            have = ""
        elif n_ind == 1:
            have = f"it {'has no' if n_none else 'has'} data for {ce.place.name}"
        elif n_none == 0:
            have = f"all of them have data for {ce.place.name}"
        else:
            have = (
                f"{n_none} of them {'has' if n_none == 1 else 'have'} no data for {ce.place.name}"
            )
        if n_ind == 0 and not ce.focus_targets:
            summary = f"No research focus is set, so no focus indicators are assessed. {lead}"
        elif n_ind == 0:
            summary = f"The focus targets have no SDG indicator in the global list. {lead}"
        else:
            summary = (
                f"The focus targets have {n_ind} SDG "
                f"{'indicator' if n_ind == 1 else 'indicators'}; "
                f"{have} in the UN SDG Global Database. {lead}"
            )
        questions = (
            "Count everyone: ask the national statistics office for the breakdowns above.",
            "Put the groups behind on the agenda with the official figures, beside their own "
            "voices.",
            "Bring the gaps shared with other countries to global advocacy.",
        )
    place = ce.place
    return Brief(
        kind=kind,
        iso3=place.iso3,
        country=place.name,
        title=f"{place.name}: {KINDS[kind].lower()}",
        lead_agency=place.lead_organisation or "",
        organisations=tuple(place.organisations),
        focus_title=place.focus_title,
        summary=summary,
        synthetic_notice=synthetic_notice(ce),
        findings=findings,
        sources=sources(ce),
        questions=questions,
        logo=place.logo,
        colour=place.colour,
    )
