"""The sentences that open each results page: what was found, generated from the results.

Each function returns two to four sentences, grammatical for any count (one, none, many) and for
a country with no data in a stream, so the same template reads well for every country. Counts of
testimonies quoted here are the published (suppressed) ones.
"""

from __future__ import annotations

import re

import pandas as pd

from lnob_methods.reference import provenance, taxonomy


def count(n: int, word: str, plural: str | None = None) -> str:
    """Return "1 cell", "2 cells", "1,234 cells" (``plural`` for irregular words).

    >>> count(1, "item"), count(0, "item"), count(1234, "body", "bodies")
    ('1 item', '0 items', '1,234 bodies')
    """
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def has(n: int) -> str:
    """Return "has" for one, "have" otherwise."""
    return "has" if n == 1 else "have"


def is_are(n: int) -> str:
    """Return "is" for one, "are" otherwise."""
    return "is" if n == 1 else "are"


def listing(items: list[str]) -> str:
    """Return "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def target_words(target: str) -> str:
    """Return an SDG target in words with its number: "public access to information (SDG 16.10)".

    The target's title is shortened to its first clause; an unknown code is returned as "SDG x".
    """
    fw = taxonomy.sdg_framework().drop_duplicates("target").set_index("target")["target_title"]
    title = str(fw.get(target, "")).strip()
    if not title:
        return f"SDG {target}"
    # "By 2030, ensure …" and "Achieve, by 2030, …": the date is not the target's subject.
    title = re.sub(r"^(by|in) \d{4},?\s*", "", title, flags=re.I)
    title = re.sub(r",? by \d{4},", "", title, flags=re.I)
    clause = title.split(";")[0].split(":")[0].rstrip(".")
    words = clause.split()
    if len(words) > 10:
        clause = " ".join(words[:10]).rstrip(",") + "…"
    return f"{lower_first(clause)} (SDG {target})"


def lower_first(text: str) -> str:
    """Return ``text`` with its first letter in lower case, unless it starts an acronym.

    >>> lower_first("Number of new HIV infections"), lower_first("HIV prevalence")
    ('number of new HIV infections', 'HIV prevalence')
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def official_stocktake(place: str, numbers: dict, since_year: int) -> list[str]:
    """Return the opening sentences of the official data stocktake.

    Parameters
    ----------
    place
        The country's name.
    numbers
        From :func:`lnob_methods.analysis.stocktake.headline`.
    since_year
        The first data year counted.
    """
    n, with_data = numbers["n_indicators"], numbers["n_with_data"]
    if with_data == 0:
        return [
            f"The UN SDG Global Database holds no value for {place} since {since_year} on any of "
            f"the {count(n, 'SDG indicator')}: official statistics say nothing here about who is "
            "left behind, and the evidence has to come from other sources."
        ]
    out = [
        f"The UN SDG Global Database holds data on {place} since {since_year} for {with_data:,} of "
        f"the {count(n, 'SDG indicator')} ({numbers['pct_with_data']:.0f} %)."
    ]
    d = numbers["n_disaggregated"]
    if d == 0:
        out.append("None of them is broken down by a dimension on which people are left behind.")
    else:
        out.append(
            f"{count(d, 'indicator')} {is_are(d)} broken down by at least one dimension on which "
            f"people are left behind (sex, age, income, location, disability or migratory status), "
            f"{numbers['pct_disaggregated_of_data']:.0f} % of those with data."
        )
    if numbers.get("median_latest_year"):
        out.append(
            f"Half of the indicators with data were last updated in "
            f"{numbers['median_latest_year']} or later."
        )
    f = numbers["n_focus"]
    if f == 0:
        out.append("No research focus is set for this country yet.")
    else:
        out.append(
            f"The research focus has {count(f, 'indicator')}, {numbers['n_focus_with_data']:,} of "
            f"which {has(numbers['n_focus_with_data'])} data."
        )
    return out


def stocktake(place: str, numbers: dict, by_group: pd.DataFrame) -> list[str]:
    """Return the opening sentences of the evidence stocktake.

    Parameters
    ----------
    place
        The country's name.
    numbers
        From :func:`lnob_methods.analysis.summaries.stocktake_numbers`.
    by_group
        From :func:`lnob_methods.analysis.summaries.by_group` (``group``, ``all sources``).
    """
    total = numbers["n_items"]
    if total == 0:
        return [f"No evidence on {place} was found in any stream."]
    parts = []
    if numbers["n_official_items"]:
        parts.append(
            f"{count(numbers['n_official_items'], 'official indicator')} broken down for a group"
        )
    inv = numbers["n_inventory_items"]
    if inv:
        synth = numbers["n_synthetic_inventory_items"]
        note = " (all synthetic)" if synth == inv else f" ({synth:,} synthetic)" if synth else ""
        parts.append(f"{count(inv, 'item')} from the inventories{note}")
    t = numbers["n_testimony_items"]
    if t:
        parts.append(f"{count(t, 'combination')} of group and target raised in testimonies")
    out = [f"The evidence on {place} holds {count(total, 'item')}: {listing(parts)}."]
    out.append(
        f"They cover {numbers['n_cells_covered']:,} of the {numbers['n_cells']:,} combinations of "
        "group and SDG target."
    )
    if len(by_group):
        n = by_group["all sources"].astype(int)
        most = sorted(by_group.loc[n == n.max(), "group"])
        text = f"{listing(most)} have the most evidence ({count(int(n.max()), 'item')}"
        text += " each)" if len(most) > 1 else ")"
        none = list(by_group.loc[n == 0, "group"])
        if none:
            text += f"; {count(len(none), 'group')} {has(len(none))} none: {listing(none[:4])}"
            text += " and others" if len(none) > 4 else ""
        elif n.min() < n.max():
            least = sorted(by_group.loc[n == n.min(), "group"])
            each = " each" if len(least) > 1 else ""
            text += f"; {listing(least)} the least ({count(int(n.min()), 'item')}{each})"
        out.append(text + ".")
    f = numbers["n_focus_items"]
    if f:
        out.append(f"{count(f, 'item')} {'touches' if f == 1 else 'touch'} the research focus.")
    else:
        out.append("No item touches the research focus.")
    return out[:4]


def gap_analysis(ranked: pd.DataFrame, scope: pd.DataFrame, overlaps: pd.DataFrame) -> list[str]:
    """Return the opening sentences of the gap analysis.

    Parameters
    ----------
    ranked
        From :func:`lnob_methods.analysis.gaps.priority` (``rank``, ``tied``, ``label``,
        ``target``, ``score``).
    scope
        The cells in scope (``gap_absolute``, ``gap_disaggregation``).
    overlaps
        From :func:`lnob_methods.analysis.gaps.overlaps`.
    """
    n = len(scope)
    if n == 0:
        return [
            "No cell is in scope, because no research focus is set: choose the focus groups and "
            "targets in the country's configuration (see the chapter on adding a country)."
        ]
    a, d = int(scope["gap_absolute"].sum()), int(scope["gap_disaggregation"].sum())
    out = [
        f"Around the research focus, {a:,} of the {count(n, 'cell')} in scope {has(a)} no "
        f"evidence at all, and {d:,} {'lacks' if d == 1 else 'lack'} an official figure that "
        "describes the group."
    ]
    first = ranked[ranked["rank"] == 1]
    if len(first):
        r = first.iloc[0]
        cell = f"{r['label']} and {target_words(r['target'])}"
        score = f"{float(r['score']):.1f}".rstrip("0").rstrip(".")
        if len(first) == 1:
            out.append(f"The gap ranked first is {cell} (score {score}).")
        else:
            out.append(
                f"{len(first)} cells share the first rank (score {score}), among them {cell}."
            )
    o = len(overlaps)
    if o:
        out.append(
            f"{count(o, 'cell')} {'holds' if o == 1 else 'hold'} evidence from two organisations "
            "or more: room to pool data or divide the work."
        )
    else:
        out.append("No cell holds evidence from two organisations or more.")
    return out


def furthest_behind(lead: str, n_compared: int, n_behind: int, mpi_text: str) -> list[str]:
    """Return the opening sentences of the furthest-behind page.

    Parameters
    ----------
    lead
        The sentence naming the largest official gap (from the brief content), or "".
    n_compared, n_behind
        Comparisons of a group with its reference in official data, and those where it is behind.
    mpi_text
        The finding of the multidimensional poverty breakdowns, or "".
    """
    if n_compared == 0:
        out = ["The UN SDG Global Database has no comparison of a group with its reference here."]
    else:
        out = [
            f"Of the {count(n_compared, 'comparison')} of a group with its reference group in "
            f"official data, the group is behind in {n_behind:,}."
        ]
    if lead:
        out.append(lead)
    if mpi_text:
        out.append(mpi_text)
    return out


def voices(place: str, accounting: pd.DataFrame, themes: pd.DataFrame, status: str) -> list[str]:
    """Return the opening sentences of the voices page.

    Parameters
    ----------
    place
        The country's name.
    accounting
        From :func:`lnob_methods.voices.prepare.accounting_table` (suppressed counts).
    themes
        From :func:`lnob_methods.voices.prepare.proposals_by_theme` (``theme``,
        ``people proposing``, suppressed).
    status
        The testimonies' declared provenance (``real``, ``synthetic`` or ``undeclared``).
    """
    counts = pd.to_numeric(accounting["testimonies"], errors="coerce").fillna(0)
    quotable = accounting["status"].str.startswith("used")
    counted = quotable | accounting["status"].str.contains("counted, never quoted", regex=False)
    if counts.sum() == 0:
        return [
            f"No testimonies have been collected for {place} yet: see the voices chapter for how "
            "people of the groups can speak for themselves here."
        ]
    kind = "synthetic " if status == provenance.SYNTHETIC else ""
    n_counted, n_quotable = int(counts[counted].sum()), int(counts[quotable].sum())
    out = [
        f"{count(n_counted, kind + 'testimony', kind + 'testimonies')} from {place} "
        f"{is_are(n_counted)} counted on this page, {n_quotable:,} of them from people who agreed "
        "to be quoted."
    ]
    shown = themes.assign(n=pd.to_numeric(themes["people proposing"], errors="coerce"))
    shown = shown.dropna(subset=["n"]).sort_values(["n", "theme"], ascending=[False, True])
    if len(shown):
        top = shown.iloc[0]
        out.append(
            f"Most of the proposals people made concern {str(top['theme']).lower()} "
            f"({count(int(top['n']), 'person', 'people')})."
        )
    else:
        out.append("Too few people made proposals on any theme to report them.")
    return out
