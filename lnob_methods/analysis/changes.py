"""What changed between two stocktaking rounds of a country.

Compares the evidence of two rounds (:mod:`lnob_methods.reference.rounds`): the gaps closed and
opened (per in-scope cell and gap class), the evidence added per group and goal, the groups whose
official picture improved or worsened (the largest official gap where the group is behind), the
testimonies added per group (counts from 1 to k − 1 hidden, with a second count where the other two
would give a hidden one back), how the people asked judged the findings put to them in each round,
and the conclusions completed. Every table is empty, and every sentence says so, when nothing
changed.
"""

from __future__ import annotations

import pandas as pd

from lnob_methods.analysis import conclusions, gaps

CLOSED, OPENED = "closed", "opened"
SAME, CHANGED, FIRST, DROPPED = "same", "changed", "first asked", "not asked again"


def people_per_group(v) -> pd.Series:
    """Return the exact number of people whose testimony counts, per group id (private)."""
    if v is None or v.used.empty:
        return pd.Series(dtype=int)
    long = v.used[["testimony_id", "groups"]].explode("groups").dropna()
    return long.groupby("groups")["testimony_id"].nunique().astype(int)


def testimonies_added(
    before: pd.Series, after: pd.Series, k: int, hidden_after: set[str] | frozenset = frozenset()
) -> pd.DataFrame:
    """Return per group the people counted in each round and how many were added, protected.

    ``before`` and ``after`` are exact counts per group (:func:`people_per_group`; testimonies
    accumulate, so ``after`` includes ``before``). Only groups whose count changed are listed.

    Every count from 1 to k − 1 is hidden, and so is the later count of the groups in
    ``hidden_after`` (those the voices page hides). Since ``after = before + added`` and the
    voices page publishes the later count, a hidden count must not be found by subtraction: when
    the number added is hidden, the earlier count is hidden too; when the earlier or the later
    count is hidden, the number added is hidden too.
    """
    both = pd.concat([before.rename("before"), after.rename("after")], axis=1).fillna(0)
    both = both.astype(int)
    both["added"] = both["after"] - both["before"]
    both = both[both["added"] != 0]
    shown = both[["before", "after", "added"]].astype("Int64")
    for group, row in both.iterrows():
        hide = {c for c in ("before", "after", "added") if 1 <= row[c] < k}
        if group in hidden_after:
            hide.add("after")
        if "added" in hide:
            hide.add("before")
        if hide & {"before", "after"}:
            hide.add("added")
        for c in hide:
            shown.loc[group, c] = pd.NA
    shown.index.name = "group"
    return shown.reset_index()[["group", "before", "after", "added"]]


def judgement_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return how each finding was judged in two validation rounds.

    ``before`` and ``after`` give each round's items and verdicts
    (:func:`lnob_methods.voices.validation.verdicts`: ``item`` codes and ``verdict``).
    One row per item: ``item``, ``verdict before``, ``verdict after`` and ``change``
    (:data:`SAME`, :data:`CHANGED`, :data:`FIRST` for an item put only in the later round,
    :data:`DROPPED` for one put only in the earlier). The later round's items come first, in its
    order, then those not asked again.
    """
    was = dict(zip(before["item"], before["verdict"], strict=True))
    now = dict(zip(after["item"], after["verdict"], strict=True))
    rows = []
    for item, verdict in now.items():
        if item in was:
            change = SAME if was[item] == verdict else CHANGED
            rows.append((item, was[item], verdict, change))
        else:
            rows.append((item, "", verdict, FIRST))
    rows += [(item, verdict, "", DROPPED) for item, verdict in was.items() if item not in now]
    return pd.DataFrame(rows, columns=["item", "verdict before", "verdict after", "change"])


def judgements_sentence(table: pd.DataFrame | None, round_from: int, round_to: int) -> str:
    """Return in words how the findings' judgements changed, or why they cannot be compared.

    ``table`` is :func:`judgement_changes`' result, or None when the two rounds do not both have
    their own counted validation responses (the sentence then says the comparison waits).
    """
    if table is None:
        return (
            f"The findings were not put to the people asked in both round {round_from} and round "
            f"{round_to} with enough answers counted: how their judgement changed can be shown "
            "once both rounds have their own validation responses."
        )
    both = table[table["change"].isin([SAME, CHANGED])]
    changed = int((both["change"] == CHANGED).sum())
    first = int((table["change"] == FIRST).sum())
    dropped = int((table["change"] == DROPPED).sum())
    out = f"{len(both)} findings and proposals were put to the people asked in both rounds; " + (
        f"{changed} {'was' if changed == 1 else 'were'} judged differently in round "
        f"{round_to} than in round {round_from}."
        if changed
        else "each was judged as before."
    )
    extra = []
    if first:
        extra.append(f"{first} {'was' if first == 1 else 'were'} put for the first time")
    if dropped:
        extra.append(f"{dropped} {'was' if dropped == 1 else 'were'} not put again")
    if extra:
        out += f" In round {round_to}, " + " and ".join(extra) + "."
    return out


def gap_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return the gaps closed and opened between two cell tables (in scope in the later round).

    One row per cell and gap class that changed: ``group``, ``label``, ``target``, ``gap``,
    ``change`` (:data:`CLOSED` or :data:`OPENED`).
    """
    key = ["group", "target"]
    cols = [f"gap_{g}" for g in gaps.GAP_CLASSES]
    a = before.set_index(key)[cols]
    b = after[after["in_scope"]].set_index(key)
    labels = b["label"]
    b = b[cols]
    a = a.reindex(b.index).fillna(False).astype(bool)
    rows = []
    for (group, target), was, now in zip(b.index, a.to_numpy(), b.to_numpy(), strict=True):
        for g, w, n in zip(gaps.GAP_CLASSES, was, now, strict=True):
            if bool(w) != bool(n):
                rows.append(
                    {
                        "group": group,
                        "label": labels[(group, target)],
                        "target": target,
                        "gap": g,
                        "change": OPENED if n else CLOSED,
                    }
                )
    return pd.DataFrame(rows, columns=["group", "label", "target", "gap", "change"])


def evidence_added(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return the evidence items per group and goal in each round, where the number changed."""

    def count(ev):
        return (
            ev.assign(goal=ev["target"].map(lambda t: int(str(t).split(".")[0])))
            .groupby(["group", "goal"])["item_id"]
            .nunique()
        )

    a, b = count(before), count(after)
    both = pd.concat([a.rename("before"), b.rename("after")], axis=1).fillna(0).astype(int)
    both["added"] = both["after"] - both["before"]
    return both[both["added"] != 0].reset_index()


def official_picture(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return per group the largest official gap where it is behind, in each round, if changed.

    ``before`` and ``after`` are the rounds' group-gap tables (``group``, ``ranking_gap``,
    ``group_behind``). A smaller largest gap is an improvement.
    """

    def worst(gg):
        behind = gg[gg["group_behind"]]
        return behind.groupby("group")["ranking_gap"].max()

    a, b = worst(before), worst(after)
    both = pd.concat([a.rename("before"), b.rename("after")], axis=1)
    both = both[(both["before"] - both["after"]).abs().fillna(1) > 1e-9]
    both["change"] = [
        "improved" if after < before else "worsened"
        for before, after in zip(both["before"].fillna(1), both["after"].fillna(0), strict=True)
    ]
    return both.reset_index().rename(columns={"index": "group"})


def conclusions_completed(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return the conclusions done in the later register that were not done in the earlier."""
    done_before = set(before.loc[before["status"] == "done", "conclusion_id"])
    now = after[(after["status"] == "done") & ~after["conclusion_id"].isin(done_before)]
    return conclusions.reader_table(now).reset_index(drop=True)


def rounds_sentence(name: str, held: list[int], round_from: int, round_to: int) -> str:
    """Return the page's first sentence: which rounds are compared, or why none can be."""
    if not held:
        return f"{name} has no stocktaking round recorded yet: there is nothing to compare."
    if len(held) == 1:
        return (
            f"{name} has held one stocktaking round (round {held[0]}): this page compares two "
            "rounds, and will show what changed once a second round is recorded."
        )
    listed = ", ".join(map(str, held))
    return f"{name} has held rounds {listed}: round {round_from} is compared with round {round_to}."


def gaps_sentence(changes: pd.DataFrame) -> str:
    """Return how many gaps closed and opened, in words."""
    closed = int((changes["change"] == CLOSED).sum())
    opened = int((changes["change"] == OPENED).sum())
    if not closed and not opened:
        return "No gap closed or opened between the two rounds."
    return (
        f"{closed} {'gap' if closed == 1 else 'gaps'} closed and {opened} "
        f"{'gap' if opened == 1 else 'gaps'} opened between the two rounds (a cell can hold "
        "several gap classes)."
    )


def chosen_rounds(held: list[int], round_from: int = 0, round_to: int = 0) -> tuple[int, int]:
    """Return the two rounds to compare, earlier first.

    ``round_to`` 0 is the latest round; ``round_from`` 0 is the round held just before it.

    Raises
    ------
    ValueError
        When a round asked for is not held, or the earlier round is not before the later one.
    """
    if len(held) < 2:
        return (held[0], held[0]) if held else (0, 0)
    to = round_to or held[-1]
    earlier = [r for r in held if r < to]
    start = round_from or (earlier[-1] if earlier else to)
    for name, value in (("round_from", start), ("round_to", to)):
        if value not in held:
            raise ValueError(
                f"{name} = {value} is not a round of this country; its rounds are "
                f"{', '.join(map(str, held))}."
            )
    if start >= to:
        raise ValueError(f"round_from ({start}) must come before round_to ({to}).")
    return start, to


def compare(country: str, round_from: int = 0, round_to: int = 0) -> dict:
    """Return everything the 'What changed' page shows for a country and two of its rounds.

    Keys: ``sentence`` (always), and when two rounds are held: ``rounds`` (the rounds table),
    ``gaps`` (:func:`gap_changes`), ``gaps_sentence``, ``evidence`` (:func:`evidence_added`),
    ``official`` (:func:`official_picture`), ``testimonies`` (:func:`testimonies_added`),
    ``judgements`` (:func:`judgement_changes`, None when the two rounds do not both have their own
    counted validation responses), ``judgements_sentence``, ``completed``
    (:func:`conclusions_completed`).
    """
    from lnob_methods.analysis import country_evidence, ranking
    from lnob_methods.reference import countries, rounds
    from lnob_methods.voices import prepare as voices
    from lnob_methods.voices import validation

    place = countries.load_country(country)
    table = rounds.country_rounds(place.iso3)
    held = [int(r) for r in table["round"]]
    start, to = chosen_rounds(held, round_from, round_to)
    out = {"sentence": rounds_sentence(place.name, held, start, to), "rounds": table}
    if len(held) < 2:
        return out
    a = country_evidence.assemble(place.iso3, round_no=start)
    b = country_evidence.assemble(place.iso3, round_no=to)
    out["gaps"] = gap_changes(a.cells, b.cells)
    out["gaps_sentence"] = gaps_sentence(out["gaps"])
    out["evidence"] = evidence_added(a.evidence, b.evidence)
    out["official"] = official_picture(a.group_gaps, b.group_gaps)
    people = [
        people_per_group(voices.prepare(place.iso3, round_no=r))
        if voices.country_files(place.iso3, r)
        else pd.Series(dtype=int)
        for r in (start, to)
    ]
    latest = (
        voices.prepare(place.iso3, round_no=to) if voices.country_files(place.iso3, to) else None
    )
    shown = voices.group_table(latest)["Total"] if latest is not None else pd.Series(dtype=int)
    out["testimonies"] = testimonies_added(
        *people, validation.DEFAULT_K, set(shown[shown.isna()].index)
    )
    val = [ranking.latest_validation(place.iso3, round_no=r) for r in (start, to)]
    own = all(v is not None and len(v.used) >= v.k for v in val) and val[0].files != val[1].files
    out["judgements"] = judgement_changes(*(validation.verdicts(v) for v in val)) if own else None
    out["judgements_sentence"] = judgements_sentence(out["judgements"], start, to)
    before, _, _ = conclusions.load(place.iso3, start)
    after, _, _ = conclusions.load(place.iso3, to)
    out["completed"] = conclusions_completed(before, after)
    return out


def gaps_table(changes: pd.DataFrame) -> pd.DataFrame:
    """Return the gap changes as readers see them: group label, SDG target, gap, change."""
    return pd.DataFrame(
        {
            "group": changes["label"],
            "target": "SDG " + changes["target"].astype(str),
            "gap": changes["gap"] + " gap",
            "change": changes["change"],
        }
    )


def testimonies_table(table: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return the testimonies added as readers see them: group label, people before and after."""
    labels = _group_labels(country)
    return pd.DataFrame(
        {
            "group": table["group"].map(lambda g: labels.get(g, g)),
            "people before": table["before"].array,
            "people after": table["after"].array,
            "added": table["added"].array,
        }
    )


def judgements_table(table: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return the judgement changes as readers see them: each finding in words."""
    from lnob_methods.analysis import validation_items
    from lnob_methods.reference import countries
    from lnob_methods.voices import coding

    groups = countries.load_country(country).groups()
    labels = validation_items.item_labels(list(table["item"]), groups, coding.load_codebook())
    return pd.DataFrame(
        {
            "finding": labels,
            "judged before": table["verdict before"].to_numpy(),
            "judged after": table["verdict after"].to_numpy(),
            "change": table["change"].to_numpy(),
        }
    )


def _group_labels(country: str) -> dict[str, str]:
    from lnob_methods.reference import countries

    groups = countries.load_country(country).groups()
    return dict(zip(groups["group"], groups["label"], strict=True))


def evidence_table(evidence: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return the evidence added as readers see it: group label and goal name."""
    from lnob_methods.reference import taxonomy

    labels, goals = _group_labels(country), taxonomy.goals()
    return pd.DataFrame(
        {
            "group": evidence["group"].map(lambda g: labels.get(g, g)),
            "goal": evidence["goal"].map(lambda n: f"Goal {n}: {goals.get(int(n), '')}"),
            "items before": evidence["before"],
            "items after": evidence["after"],
            "added": evidence["added"],
        }
    )


def official_table(official: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return the official picture's changes as readers see them (gaps in per cent)."""
    labels = _group_labels(country)
    return pd.DataFrame(
        {
            "group": official["group"].map(lambda g: labels.get(g, g)),
            "largest gap before (%)": (100 * official["before"]).round(0),
            "largest gap after (%)": (100 * official["after"]).round(0),
            "change": official["change"],
        }
    )
