"""Every count the site publishes about a country's testimonies, and how the counts relate.

The voices page and its exports (``voices_tables.xlsx``, ``voices_gap_cells.csv``), the gap
analysis (testimony coverage of each group and target), the programme brief (proposals of people
in the focus groups) and the quotes all come from the functions of
:mod:`lnob_methods.voices.prepare`. :func:`publication` collects what they return into one
:class:`~lnob_methods.voices.disclosure_audit.Publication`, with every relation a reader can
rely on, for the disclosure audit.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.voices import coding, disclosure_audit
from lnob_methods.voices import prepare as voices
from lnob_methods.voices.checks import NO_PUBLISH

# Status rows of the accounting table whose testimonies are used (counted, and quotable or not).
USED_STATUSES = (NO_PUBLISH, "consent to publish missing or ambiguous (counted, never quoted)")


def publication(
    v: voices.Voices, focus_groups: list[str] | None = None, added: pd.DataFrame | None = None
):
    """Return every published count about the testimonies of ``v``, with their relations.

    Parameters
    ----------
    v
        From :func:`lnob_methods.voices.prepare.prepare`.
    focus_groups
        The groups of the programme brief and of the quotes (default: the country's focus groups).
    added
        The testimonies added per group between two rounds, as the "What changed" page shows
        them (:func:`lnob_methods.analysis.changes.testimonies_added`, ``v`` being the later
        round), or None.

    Returns
    -------
    Publication
        Keys are ``(table, row, column)``. Relations: a group's quotable and counted-only
        testimonies add up to its total; no group holds more testimonies than are used (nor more
        quotable ones than are quotable); a theme count of a group is at most the group's total
        and at most the theme's count in the themes-together table (its diagonal), which is
        symmetric; a pair of themes is at most either theme; proposals of a theme are at most the
        theme's testimonies, and those of the focus groups at most all proposals; a group's
        testimonies on a target are at least those of each theme mapped to the target, at most
        their sum and at most the group's total, and at least 1 when the gap map shows the cell
        covered; a quoted group and theme holds at least *k* testimonies, and quotes come
        largest cell first. Between rounds, a group's later count is its earlier count plus the
        number added (at least 1 where listed), and is the group's total on the voices page.
    """
    focus = list(v.place.focus_groups) if focus_groups is None else list(focus_groups)
    pub = disclosure_audit.Publication()
    k = v.k

    status = voices.accounting_table(v).set_index("status")[["testimonies"]]
    status_keys = pub.add_frame("status", status)
    used_keys = [status_keys[(s, "testimonies")] for s in (*USED_STATUSES, "used and quotable")]
    quotable_key = status_keys[("used and quotable", "testimonies")]
    redacted = voices.redaction_counts(v).set_index("personal data")[["redacted"]]
    pub.add_frame("redacted", redacted)

    groups = voices.group_table(v)
    disclosure_audit.additive_table("groups", groups, pub)
    g = {key: ("groups", *key) for key in groups.stack(future_stack=True).index}
    for group in groups.index:
        pub.not_above(g[(group, "Total")], used_keys)
        pub.not_above(g[(group, "quotable")], quotable_key)

    themes = voices.theme_table(v)
    th = pub.add_frame("themes", themes)
    pairs = voices.cooccurrence_table(v)
    co = pub.add_frame("themes_together", pairs)
    for (a, b), key in co.items():
        if a != b:
            pub.same(key, co[(b, a)])
            pub.not_above(key, co[(a, a)])
    for (theme, group), key in th.items():
        if group in groups.index:
            pub.not_above(key, g[(group, "Total")])
        if (theme, theme) in co:
            pub.not_above(key, co[(theme, theme)])

    _proposals(pub, v, focus, co)
    _gap_cells(pub, v, th, g)
    _quotes(pub, v, focus, th, k)
    if added is not None:
        _rounds(pub, added, g)
    return pub


def _rounds(pub, added: pd.DataFrame, g) -> None:
    keys = pub.add_frame(
        "testimonies_added", added.set_index("group")[["before", "after", "added"]]
    )
    for group in added["group"]:
        before, after, more = (keys[(group, c)] for c in ("before", "after", "added"))
        pub.sums_to([before, more], after)
        pub.at_least(more, 1)  # testimonies accumulate: a listed group gained some
        if (group, "Total") in g:
            pub.same(after, g[(group, "Total")])


def _proposals(pub, v, focus, co) -> None:
    labels = {t.label: t.id for t in v.codebook.themes}
    everyone = voices.proposals_by_theme(v).set_index("theme")
    all_keys = {}
    for label, n in everyone["people proposing"].items():
        all_keys[label] = pub.add(("proposals", labels[label], "people proposing"), n)
        diag = (labels[label], labels[label])
        if diag in co:
            pub.not_above(all_keys[label], co[diag])
    if focus:
        mine = voices.proposals_by_theme(v, examples=1, groups=focus).set_index("theme")
        for label, n in mine["people proposing"].items():
            key = pub.add(("proposals_focus", labels[label], "people proposing"), n)
            pub.not_above(key, all_keys[label])


def _gap_cells(pub, v, th, g) -> None:
    targets = coding.theme_targets(v.codebook)
    for rec in voices.gap_cells(v).itertuples(index=False):
        key = pub.add(("gap_cells", (rec.group, rec.target), "n_testimonies"), rec.n_testimonies)
        pub.at_least(key, 1)  # listed: the gap map shows the cell covered
        themes = targets.loc[targets["target"] == rec.target, "theme"]
        mapped = [th[(t, rec.group)] for t in themes if (t, rec.group) in th]
        for m in mapped:
            pub.not_above(m, key)
        if mapped:
            pub.not_above(key, mapped)
        if (rec.group, "Total") in g:
            pub.not_above(key, g[(rec.group, "Total")])


def _quotes(pub, v, focus, th, k) -> None:
    quoted = voices.quoted_cells(v, groups=focus or None)
    keys = [th[(theme, group)] for theme, group in quoted]
    for key in keys:
        pub.at_least(key, k)
    for bigger, smaller in zip(keys, keys[1:], strict=False):
        pub.not_above(smaller, bigger)


def audit_table(pub, k: int) -> pd.DataFrame:
    """Return the audit of a publication: each suppressed count's interval and the rule's verdict.

    Columns: ``table``, ``row``, ``column``, ``low``, ``high``, ``width`` and ``exposed`` (the
    interval narrower than ``k``).
    """
    iv = disclosure_audit.intervals(pub)
    keys = pd.DataFrame(iv["key"].tolist(), columns=["table", "row", "column"], index=iv.index)
    out = pd.concat([keys, iv.drop(columns="key")], axis=1)
    out["exposed"] = out["width"] < k
    return out
