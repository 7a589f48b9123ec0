"""Voices of the people: testimonies read, checked, consented, redacted, coded and protected.

:func:`prepare` runs the data-responsibility steps in their fixed order, before anything is
analysed: read the exports → check every row → apply the consent rules → redact personal data →
code the themes → make the tags k-anonymous. The exact counts, the problems and the redaction log
go to a private folder outside the book (``.lnob/private/<ISO3>/``); everything the functions
below return for display is suppressed and safe to publish.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lnob_methods.core import diskcache, paths
from lnob_methods.core.errors import Problem
from lnob_methods.reference import countries, pcodes, provenance, rounds
from lnob_methods.voices import coding, disclosure, redact
from lnob_methods.voices.checks import check_testimonies, consent_status, exclusion_counts
from lnob_methods.voices.form import LANGUAGES
from lnob_methods.voices.reader import SUFFIXES, read_files

DEFAULT_K = 5


@dataclass
class Voices:
    """A country's testimonies after the data-responsibility steps.

    Attributes
    ----------
    place, k
        The country and the smallest count that may be published.
    problems
        Every located problem found in the exports (shown to the team, never published).
    accounting
        Exact counts: read, excluded by reason, used and quotable (private).
    used
        Testimonies that may be analysed: redacted ``story``, ``language``, ``groups``, ``publish``.
    proposals
        The people's own proposals of the used testimonies, redacted.
    coded
        One row per coded passage: ``testimony_id, field, language, theme, theme_label, rule,
        passage`` (redacted text).
    tags
        One row per used testimony and group with the k-anonymous tags shown beside quotes.
    redactions
        The redaction log: where each piece of personal data was found (private: holds it).
    tables
        The published group and theme tables, once computed (:func:`group_table`,
        :func:`theme_table`): their suppression is checked by solving small linear programs,
        and every page that shows or uses them asks again.
    """

    place: countries.Country
    k: int
    files: list[Path]
    problems: list[Problem]
    accounting: pd.DataFrame
    used: pd.DataFrame
    proposals: pd.DataFrame
    coded: pd.DataFrame
    tags: pd.DataFrame
    redactions: pd.DataFrame
    codebook: coding.Codebook
    tables: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def synthetic(self) -> bool:
        """True when any testimony file is declared synthetic demonstration data."""
        return provenance.any_synthetic(self.files)

    @property
    def label(self) -> str:
        """Name the testimonies by their declared provenance: "synthetic testimonies", ..."""
        return provenance.label(self.files, "testimonies")


def refused_inputs(v: Voices) -> list[str]:
    """Return one line per input file (or sheet) refused or missing a required column.

    Each line names the file, what is wrong and the fix, never a value read from it: these lines
    go to the console of ``lnob run``, which is not the private folder.
    """
    lines = []
    for p in v.problems:
        if p.row is not None:
            continue
        where = paths.shown(Path(p.file)) + (f", sheet {p.sheet!r}" if p.sheet else "")
        column = f" {p.label} {p.column!r}" if p.column else ""
        lines.append(f"testimony file refused: {where}:{column} {p.message}")
    return lines


def refused_files(v: Voices) -> int:
    """Return how many input files were refused, or lack a required column (see above)."""
    return len({p.file for p in v.problems if p.row is None})


def country_files(iso3: str, round_no: int | None = None) -> list[Path]:
    """Return a country's testimony exports (``data/countries/<ISO3>/testimonies/``), sorted.

    Only those of round ``round_no`` (default: the latest; :mod:`lnob_methods.reference.rounds`).
    """
    folder = paths.countries_dir() / iso3 / "testimonies"
    if not folder.exists():
        return []
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return rounds.select(found, "testimonies", round_no)


def prepare(
    iso3: str,
    k: int = DEFAULT_K,
    files: list[Path] | None = None,
    write_private: bool = False,
    round_no: int | None = None,
) -> Voices:
    """Return a country's testimonies after consent, redaction, coding and k-anonymity.

    Parameters
    ----------
    iso3
        The country.
    k
        The smallest count that may be published (and the smallest tag combination shown).
    files
        Export files; default :func:`country_files`.
    write_private
        Write the exact counts, problems and redaction log to ``.lnob/private/<ISO3>/``.
    round_no
        The stocktaking round (default: the latest).
    """
    if k < 2:
        raise ValueError(f"k must be at least 2 (got {k}): a count of 1 identifies a person.")
    place = countries.load_country(iso3)
    if round_no is not None and round_no == rounds.latest_round(place.iso3):
        round_no = None  # testimonies accumulate: the latest round is every file, one entry
    if files is None:  # the country's own files are inputs of the cache key: safe to cache
        # The entry holds the redaction log (personal data): it stays in the private folder.
        v = diskcache.cached(
            "voices",
            place.iso3,
            {"k": k} if round_no is None else {"k": k, "round": round_no},
            lambda: _prepare(place, k, country_files(place.iso3, round_no)),
            root=paths.private_dir() / "cache",
        )
    else:
        v = _prepare(place, k, [Path(f) for f in files])
    if write_private:
        write_private_files(v)
    return v


def _prepare(place: countries.Country, k: int, files: list[Path]) -> Voices:
    raw, raw_proposals, problems = read_files(files)
    tidy, found = check_testimonies(raw, place.iso3, list(place.groups()["group"]), place.languages)
    problems += found
    status = consent_status(tidy)
    accounting = exclusion_counts(len(raw), problems, status)
    used = status[status["use"]].reset_index(drop=True)
    # Place names are needed only when there is text to redact (a country may have none).
    gaz = redact.gazetteer(place.iso3, place.places) if len(used) else None
    used, log = _redact_column(used, "story_text", "story", gaz)
    props = raw_proposals.merge(used[["testimony_id", "language", "publish"]], on="testimony_id")
    props = props[props["proposal_text"].fillna("").astype(str).str.strip().ne("")]
    props, plog = _redact_column(props.reset_index(drop=True), "proposal_text", "proposal", gaz)
    codebook = coding.load_codebook()
    texts = pd.concat(
        [
            used[["testimony_id", "language"]].assign(field="story", text=used["story_text"]),
            props[["testimony_id", "language"]].assign(
                field="proposal", text=props["proposal_text"]
            ),
        ],
        ignore_index=True,
    )
    coded = coding.code_frame(texts, codebook)
    tags = _tags(used, place, k)
    redactions = pd.concat([log, plog], ignore_index=True)
    v = Voices(
        place, k, files, problems, accounting, used, props, coded, tags, redactions, codebook
    )
    theme_table(v)  # computed once here, so that the cached object carries both tables
    return v


def _redact_column(
    df: pd.DataFrame, column: str, field: str, gaz
) -> tuple[pd.DataFrame, pd.DataFrame]:
    texts, log = [], []
    for tid, lang, text in zip(df["testimony_id"], df["language"], df[column], strict=True):
        done = redact.redact(str(text or ""), lang if lang != "other" else "en", gaz)
        texts.append(done.text)
        log += [
            {
                "testimony_id": tid,
                "field": field,
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                "original": s.text,
            }
            for s in done.spans
        ]
    out = df.copy()
    out[column] = texts
    return out, pd.DataFrame(
        log, columns=["testimony_id", "field", "kind", "start", "end", "original"]
    )


def _tags(used: pd.DataFrame, place: countries.Country, k: int) -> pd.DataFrame:
    long = used[["testimony_id", "groups", "sex", "age_band", "admin1"]].explode("groups")
    raw = pd.DataFrame(
        {
            "area": long["admin1"],
            "age": long["age_band"],
            "sex": long["sex"],
            "group": long["groups"],
        }
    ).reset_index(drop=True)
    areas = {code: name for name, code in pcodes.admin1_names(place.iso3).items()}
    groups = place.groups()
    hierarchy = disclosure.levels(areas, dict(zip(groups["group"], groups["label"], strict=True)))
    shown = disclosure.coarsen_by_group(raw, k, hierarchy)
    shown.insert(0, "group_id", raw["group"].to_numpy())
    shown.insert(0, "testimony_id", long["testimony_id"].to_numpy())
    return shown


def write_private_files(v: Voices) -> Path:
    """Write exact counts, problems and the redaction log outside the book; return the folder."""
    folder = paths.private_dir() / v.place.iso3
    folder.mkdir(parents=True, exist_ok=True)
    v.accounting.to_csv(folder / "accounting.csv", index=False, lineterminator="\n")
    v.redactions.to_csv(folder / "redaction_log.csv", index=False, lineterminator="\n")
    (folder / "problems.txt").write_text("".join(f"{p}\n" for p in v.problems), encoding="utf-8")
    return folder


# ----- published tables: every count suppressed below k ------------------------------------------


def accounting_table(v: Voices) -> pd.DataFrame:
    """Return testimonies by status (read, excluded by reason, used), counts suppressed."""
    out = v.accounting.copy()
    out["testimonies"] = disclosure.suppress(out["testimonies"], v.k)
    return out


def redaction_counts(v: Voices) -> pd.DataFrame:
    """Return how many pieces of personal data of each kind were redacted (suppressed below k)."""
    counts = v.redactions["kind"].value_counts().reindex(list(redact.KINDS), fill_value=0)
    return pd.DataFrame(
        {"personal data": counts.index, "redacted": disclosure.suppress(counts, v.k).array}
    )


def _labels(v: Voices) -> dict[str, str]:
    groups = v.place.groups()
    return dict(zip(groups["group"], groups["label"], strict=True))


def group_table(v: Voices) -> pd.DataFrame:
    """Return quotable, counted only and Total per group id as published (suppressed together).

    A group's row is hidden whole when its total is shown but is at most ``k`` while one of its
    theme counts is suppressed: the gap map shows that the count is not 0, so with the total it
    would lie within fewer than ``k`` values (1 to the total).
    """
    if "group" not in v.tables:
        v.tables["group"] = _group_table(v)
    return v.tables["group"].copy()


def _group_table(v: Voices) -> pd.DataFrame:
    long = v.used[["testimony_id", "groups", "publish"]].explode("groups")
    if long.empty:
        return pd.DataFrame(columns=["quotable", "counted only", "Total"], dtype="Int64")
    parts = (
        long.assign(part=long["publish"].map({True: "quotable", False: "counted only"}))
        .pivot_table(
            index="groups", columns="part", values="testimony_id", aggfunc="nunique", fill_value=0
        )
        .reindex(columns=["quotable", "counted only"], fill_value=0)
    )
    parts = parts.loc[parts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table = disclosure.suppress_with_totals(parts, v.k).drop(index="Total")
    themes = theme_matrix(v).reindex(columns=table.index, fill_value=0)
    small_theme = ((themes >= 1) & (themes < v.k)).any(axis=0)
    narrow = table["Total"].le(v.k).fillna(False) & small_theme
    table.loc[narrow[narrow].index] = disclosure.SUPPRESSED
    return table


def group_counts(v: Voices) -> pd.DataFrame:
    """Return testimonies used per group: quotable, counted only, and in all; suppressed.

    A person may name several groups. The three counts of a row add up, so they are suppressed
    together (complementary suppression): no hidden count can be found by subtraction.
    """
    table = group_table(v)
    labels = _labels(v)
    return pd.DataFrame(
        {
            "group": [labels.get(g, g) for g in table.index],
            "quotable": table["quotable"].array,
            "counted only": table["counted only"].array,
            "testimonies": table["Total"].array,
        }
    )


def theme_matrix(v: Voices) -> pd.DataFrame:
    """Return testimonies per theme (rows) and group (columns), raw counts (private)."""
    hits = v.coded[["testimony_id", "theme"]].drop_duplicates()
    long = hits.merge(v.used[["testimony_id", "groups"]], on="testimony_id").explode("groups")
    if long.empty:
        return pd.DataFrame(index=pd.Index([], name="theme"), dtype=int)
    table = long.pivot_table(
        index="theme", columns="groups", values="testimony_id", aggfunc="nunique", fill_value=0
    )
    themes = [t.id for t in v.codebook.themes]
    return table.reindex(index=themes, fill_value=0).fillna(0).astype(int)


def theme_table(v: Voices) -> pd.DataFrame:
    """Return the theme × group counts as published, by theme and group id (suppressed)."""
    if "theme" not in v.tables:
        totals = group_table(v)["Total"]
        v.tables["theme"] = disclosure.suppress_with_margins(theme_matrix(v), totals, v.k)
    return v.tables["theme"].copy()


def theme_by_group(v: Voices) -> pd.DataFrame:
    """Return the theme × group frequencies as published: labels, counts suppressed below k."""
    table = theme_table(v)
    labels = _labels(v)
    table.columns = [labels.get(g, g) for g in table.columns]
    table.index = [v.codebook.theme(t).label for t in table.index]
    table.index.name = "theme"
    return table


def long_table(table: pd.DataFrame, row: str, column: str, top: int | None = None) -> pd.DataFrame:
    """Return a published matrix as a narrow table: one line per non-zero cell, largest first.

    Suppressed cells are kept (shown as "–"): hiding the line would reveal that the count is 0.
    For a symmetric matrix (``row == column`` names of the same themes), each pair comes once.
    """
    long = table.rename_axis(index=row, columns=column).stack().rename("testimonies")
    long = long.reset_index()
    if row == "theme" and column == "with theme":
        order = {t: i for i, t in enumerate(table.index)}
        long = long[long[row].map(order) < long[column].map(order)]
    long = long[long["testimonies"].isna() | (long["testimonies"] > 0)]
    long = long.assign(_n=long["testimonies"].fillna(0)).sort_values(
        ["_n", row, column], ascending=[False, True, True], kind="stable"
    )
    long = long.drop(columns="_n").reset_index(drop=True)
    return long.head(top) if top else long


def cooccurrence(v: Voices) -> pd.DataFrame:
    """Return how many testimonies raise both themes (diagonal: each theme), suppressed."""
    table = cooccurrence_table(v)
    names = [v.codebook.theme(t).label for t in table.index]
    table.index, table.columns = names, names
    table.index.name = "theme"
    return table


def cooccurrence_table(v: Voices) -> pd.DataFrame:
    """Return the theme × theme counts as published, by theme id (suppressed)."""
    hits = v.coded[["testimony_id", "theme"]].drop_duplicates().assign(one=1)
    if hits.empty:
        return pd.DataFrame(index=pd.Index([], name="theme"), dtype="Int64")
    wide = hits.pivot_table(index="testimony_id", columns="theme", values="one", fill_value=0)
    themes = [t.id for t in v.codebook.themes if t.id in wide.columns]
    wide = wide[themes].astype(int)
    both = wide.T @ wide
    # The diagonal (testimonies raising each theme) is the total of its column: off-diagonal cells
    # whose complement would be small are hidden too.
    diagonal = disclosure.suppress(pd.Series(np.diag(both), index=both.columns), v.k)
    table = disclosure.suppress_with_margins(both, diagonal, v.k)
    for t in both.columns:
        table.loc[t, t] = diagonal[t]
    return table


def proposals_by_theme(
    v: Voices, examples: int = 2, groups: list[str] | None = None
) -> pd.DataFrame:
    """Return the people's proposals per theme: how many people, and a few quotable examples.

    Parameters
    ----------
    v
        From :func:`prepare`.
    examples
        Quotable proposals shown per theme (only for themes with at least ``k`` people).
    groups
        Only people who name one of these groups (default: everyone).
    """
    hits = v.coded[v.coded["field"] == "proposal"]
    if groups is not None:
        # astype(bool): on a country without testimonies the empty mask must still be a mask
        named = v.used["groups"].map(lambda gs: bool(set(gs) & set(groups))).astype(bool)
        members = v.used[named]
        hits = hits[hits["testimony_id"].isin(members["testimony_id"])]
    rows = []
    quotable = set(v.used.loc[v.used["publish"], "testimony_id"]) - _withheld(v)
    by_theme: dict[str, list[tuple[str, str]]] = {}
    for tid, theme, passage in zip(
        hits["testimony_id"], hits["theme"], hits["passage"], strict=True
    ):
        by_theme.setdefault(theme, []).append((tid, passage))
    for theme in v.codebook.themes:
        mine = by_theme.get(theme.id, [])
        n = len({tid for tid, _ in mine if not pd.isna(tid)})
        if n == 0:
            continue
        chosen = _examples(mine, quotable, theme.id, examples)
        rows.append(
            {
                "theme": theme.label,
                "people proposing": n,
                "examples (redacted)": " | ".join(chosen) if n >= v.k else "",
            }
        )
    out = pd.DataFrame(rows, columns=["theme", "people proposing", "examples (redacted)"])
    out["people proposing"] = disclosure.suppress(out["people proposing"], v.k)
    return out


def _examples(
    passages: list[tuple[str, str]], quotable: set[str], salt: str, most: int
) -> list[str]:
    """Return up to ``most`` passages of quotable people, one per person, in a fixed order.

    ``passages`` holds (testimony id, passage) in table order; the order is :func:`_rank`'s,
    ties (passages of one person) in table order, and each person's first passage is kept.
    """
    mine = sorted(
        ((tid, text) for tid, text in passages if tid in quotable),
        key=lambda p: _rank(p[0], salt),
    )
    chosen, seen = [], set()
    for tid, text in mine:
        if tid not in seen:
            seen.add(tid)
            chosen.append(text)
    return chosen[:most]


def _rank(testimony_id: str, salt: str) -> str:
    # A fixed pseudo-random order: the same quotes are chosen on every run.
    return hashlib.sha256(f"{salt}:{testimony_id}".encode()).hexdigest()


def _withheld(v: Voices) -> set[str]:
    return set(v.tags.loc[v.tags["group"] == disclosure.WITHHELD, "testimony_id"])


def quotes(
    v: Voices,
    groups: list[str] | None = None,
    per_cell: int = 1,
    limit: int = 12,
    max_chars: int = 280,
) -> pd.DataFrame:
    """Return selected quotes per group and theme: redacted, consented, with k-anonymous tags.

    Only cells (group × theme) holding at least ``k`` testimonies are quoted, only from people
    who consented to publication and whose tags are not withheld.
    """
    rows, _ = _quote_rows(v, groups, per_cell, limit, max_chars)
    return pd.DataFrame(
        rows, columns=["group", "theme", "quote (redacted)", "language", "who", "coded by rule"]
    )


def quoted_cells(v: Voices, groups: list[str] | None = None, limit: int = 12) -> list[tuple]:
    """Return the (theme id, group id) of each quote of :func:`quotes`, in the order shown.

    A quote tells a reader that its cell holds at least ``k`` testimonies, and the order that
    its cell is not smaller than the next quote's (for the disclosure audit).
    """
    return _quote_rows(v, groups, 1, limit, 280)[1]


def _quote_rows(v, groups, per_cell, limit, max_chars) -> tuple[list[dict], list[tuple]]:
    matrix = theme_matrix(v)
    tags = v.tags[v.tags["group"] != disclosure.WITHHELD]
    quotable = set(v.used.loc[v.used["publish"], "testimony_id"])
    story = v.coded[(v.coded["field"] == "story") & v.coded["testimony_id"].isin(quotable)]
    cells = matrix.rename_axis(index="theme", columns="groups").stack().rename("n").reset_index()
    if cells.empty:
        cells = pd.DataFrame(columns=["theme", "groups", "n"])
    cells = cells[cells["n"] >= v.k]
    # A quote shows that its cell holds at least k testimonies: only cells whose count is shown.
    shown = theme_table(v).notna().rename_axis(index="theme", columns="groups").stack()
    shown = set(shown[shown].index)
    keep = [(t, g) in shown for t, g in zip(cells["theme"], cells["groups"], strict=True)]
    cells = cells[pd.Series(keep, index=cells.index, dtype=bool)]
    if groups:
        cells = cells[cells["groups"].isin(groups)]
    cells = cells.sort_values(["n", "theme", "groups"], ascending=[False, True, True]).head(limit)
    rows, quoted, used_cells = [], set(), []
    both, where = _quote_candidates(tags, story)
    for theme, group in zip(cells["theme"], cells["groups"], strict=True):
        # each person is quoted once at most
        mine = [
            both[i] for i in where.get((theme, group), ()) if both[i]["testimony_id"] not in quoted
        ]
        for rec in sorted(mine, key=lambda r: r["order"])[:per_cell]:  # stable: ties in order
            if (theme, group) not in used_cells:
                used_cells.append((theme, group))
            quoted.add(rec["testimony_id"])
            text = (
                rec["passage"]
                if len(rec["passage"]) <= max_chars
                else (rec["passage"][: max_chars - 1].rstrip() + "…")
            )
            rows.append(
                {
                    "group": rec["group"],
                    "theme": v.codebook.theme(theme).label,
                    "quote (redacted)": text,
                    "language": rec["language"],
                    "who": f"{rec['sex']}, {rec['age']}, {rec['area']}",
                    "coded by rule": rec["rule"],
                }
            )
    return rows, used_cells


def _quote_candidates(tags: pd.DataFrame, story: pd.DataFrame) -> tuple[list[dict], dict]:
    """Return every quotable passage beside its person's tags, and its rows per cell.

    Returns
    -------
    both, where
        ``both``: the tags of each person and group joined with their coded story passages, in
        the order of ``tags`` (then of ``story``), one dict each, with ``order``, the fixed
        pseudo-random order of the quotes of its cell (:func:`_rank`); ``where``: the positions
        in ``both`` of each (theme, group id) cell, in that order.
    """
    both = tags.merge(story, on="testimony_id")
    both["order"] = [
        _rank(t, f"{theme}{group}")
        for t, theme, group in zip(
            both["testimony_id"], both["theme"], both["group_id"], strict=True
        )
    ]
    where = both.groupby(["theme", "group_id"], sort=False).indices
    columns = ["testimony_id", "group", "sex", "age", "area", "language", "rule", "passage"]
    return both[[*columns, "order"]].to_dict("records"), where


def gap_cells(v: Voices) -> pd.DataFrame:
    """Return (group, target, n_testimonies) covered by coded testimonies; counts suppressed.

    A cell is covered when at least one used testimony of a person in the group is coded with a
    theme mapped to the target; the count is published only from ``k`` up.
    """
    hits = v.coded[["testimony_id", "theme"]].drop_duplicates()
    targets = coding.theme_targets(v.codebook)
    long = (
        hits.merge(targets, on="theme")
        .merge(v.used[["testimony_id", "groups"]], on="testimony_id")
        .explode("groups")
        .rename(columns={"groups": "group"})
    )
    counts = (
        long.groupby(["group", "target"])["testimony_id"]
        .nunique()
        .reset_index(name="n_testimonies")
    )
    counts["n_testimonies"] = disclosure.suppress(counts["n_testimonies"], v.k)
    # A target count bounds the theme counts mapped to it (from above, and from below when one
    # theme maps to the target): hidden with any of them.
    hidden = theme_table(v).isna().rename_axis(index="theme", columns="group").stack()
    hidden = hidden[hidden].reset_index()[["theme", "group"]].merge(targets, on="theme")
    flag = counts.set_index(["group", "target"]).index.isin(
        pd.MultiIndex.from_frame(hidden[["group", "target"]])
    )
    counts.loc[flag, "n_testimonies"] = disclosure.SUPPRESSED
    return counts.sort_values(["group", "target"]).reset_index(drop=True)


def latest_year(v: Voices) -> int | None:
    """Return the latest year testimonies were collected, if known."""
    years = pd.to_numeric(v.used["year"], errors="coerce").dropna()
    return int(years.max()) if len(years) else None


def uncoded_notes(v: Voices) -> list[str]:
    """Return one sentence per language of the used testimonies that the codebook cannot code.

    A count under ``k`` is not published (a rare language can point to a person): it reads
    "fewer than k".
    """
    counts = coding.uncoded_counts(v.used["language"], v.codebook)
    names = dict(LANGUAGES) | dict(v.place.language_names)
    notes = coding.uncoded_messages({lang: max(n, v.k) for lang, n in counts.items()}, names)
    for (_lang, n), i in zip(counts.items(), range(len(notes)), strict=True):
        if n < v.k:
            notes[i] = notes[i].replace(f"{v.k} testimonies", f"Fewer than {v.k} testimonies", 1)
    return notes
