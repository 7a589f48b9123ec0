"""Check testimony rows and apply the consent rules: every exclusion located and counted.

A row with a problem is excluded, never fixed by guesswork; its problem names the file, sheet, row,
column and value, and how to fix it. Consent is read strictly: only ``yes`` counts. ``no``,
``unsure``, a blank or any other value excludes the testimony (*ambiguous* unless it is a clear
``no``). Children (age bands under 18) also need the caregiver's consent and their own assent.

The form asks nothing more of a person who does not consent (and of a child without the caregiver's
consent and the child's assent, nothing after them): the answers it did not ask are not reported
missing, and the testimony is counted under its consent reason.
"""

from __future__ import annotations

import re

import pandas as pd

from lnob_methods.core.errors import Problem
from lnob_methods.core.suggest import close_matches
from lnob_methods.reference import pcodes, taxonomy
from lnob_methods.voices.form import AGE_BANDS, CHILD_BANDS, LANGUAGES, SEX, YES_NO

ERROR_KINDS = {
    "missing-value": "a required answer is empty",
    "unknown-code": "an answer that is not one of the form's choices",
    "near-miss": "an answer close to one of the form's choices (a typo): the closest is suggested",
    "unknown-group": "a group that is neither in the LNOB taxonomy nor in the country config",
    "excluded-group": "a group that the country config says does not apply",
    "unknown-area": "an admin-1 p-code or name that is not one of the country's",
    "duplicate-id": "a submission key seen before (the same submission exported twice)",
    "orphan-repeat": "a proposal whose submission is not in the export",
    "missing-column": "a question or key column missing from the export",
    "no-header": "no column of the testimony form",
    "label-headers": "an export with the questions' labels as headers, not their names",
    "missing-repeat": "a CSV export of the submissions without its proposals (repeat group)",
    "empty-file": "an empty file",
    "not-a-spreadsheet": "a file that is not an .xlsx or .csv export",
    "not-found": "a path that does not exist",
    "unsafe-file": "a file refused for safety (zip bomb, XML entities, path tricks, size)",
}
# Why a testimony is not used at all, or not quoted: the reasons counted in the exclusion table.
EXCLUDED_INVALID = "invalid row (see the validation problems)"
EXCLUDED_DUPLICATE = "duplicate submission"
NO_USE = "no consent to use"
AMBIGUOUS_USE = "consent to use missing or ambiguous"
NO_CAREGIVER = "child: caregiver consent missing, ambiguous or refused"
NO_ASSENT = "child: assent missing, ambiguous or refused"
NO_PUBLISH = "no consent to publish (counted, never quoted)"
AMBIGUOUS_PUBLISH = "consent to publish missing or ambiguous (counted, never quoted)"
_SPLIT = re.compile(r"[\s,;]+")


def cell_text(value: object) -> str:
    """Return a cell as stripped text; empty for a blank, None or NaN (a column not exported)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


_text = cell_text


def _norm(value: object) -> str:
    return re.sub(r"[\s\-]+", "_", _text(value).lower())


def check_testimonies(
    raw: pd.DataFrame, iso3: str, groups: list[str], languages: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw submissions; return (tidy valid rows, every problem).

    Parameters
    ----------
    raw
        Submissions from :func:`lnob_methods.voices.reader.read_files`.
    iso3
        The country: areas must be its admin-1 p-codes (or names).
    groups
        Valid group ids: the LNOB taxonomy plus the country's own groups.
    languages
        The languages declared in the country config: accepted besides the form's choices.

    Returns
    -------
    tidy, problems
        ``tidy`` holds one row per valid, first-seen submission with coded values normalised,
        ``groups`` as a sorted tuple, ``admin1`` as a p-code and ``year`` from the submission
        date; consent answers are kept as given (normalised) for :func:`consent_status`.
    """
    problems: list[Problem] = []
    areas = pcodes.admin1_lookup(iso3)
    names = list(pcodes.admin1_names(iso3))
    # Taxonomy groups missing from ``groups`` are those the country config excludes.
    taxonomy_ids = set(taxonomy.groups_table()["group"])
    allowed_languages = list(LANGUAGES) + [c for c in languages if c not in LANGUAGES]
    seen: set[str] = set()
    rows = []
    for rec in raw.to_dict("records"):
        before = len(problems)

        # What the form did not ask (its relevance on consent) cannot be missing.
        unasked = _unasked(rec)

        def add(column, kind, message, value, rec=rec, unasked=unasked):
            if kind == "missing-value" and column in unasked:
                return
            problems.append(
                Problem(
                    rec["_file"],
                    kind,
                    message,
                    sheet=rec["_sheet"],
                    row=rec["_row"],
                    column=column,
                    value=value,
                )
            )

        tid = _text(rec["testimony_id"])
        if not tid:
            add("_uuid", "missing-value", "has no submission key; export it with its key.", None)
        elif tid in seen:
            add(
                "_uuid",
                "duplicate-id",
                "is a submission already read; remove the second copy (exports overlap?).",
                tid,
            )
        out = {
            "testimony_id": tid,
            "_file": rec["_file"],
            "_sheet": rec["_sheet"],
            "_row": rec["_row"],
        }
        for column, allowed in (
            ("age_band", AGE_BANDS),
            ("sex", SEX),
            ("language", allowed_languages),
        ):
            out[column] = _choice(rec.get(column), column, allowed, add)
        for column in ("consent_use", "consent_publish", "caregiver_consent", "child_assent"):
            value = _norm(rec.get(column))
            if value and value not in YES_NO:
                close = close_matches(value, YES_NO)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                add(
                    column,
                    "near-miss" if close else "unknown-code",
                    f"is not one of yes, no, unsure; the testimony is excluded until it is fixed."
                    f"{hint}",
                    rec.get(column),
                )
            out[column] = value
        out["groups"] = _groups(rec.get("groups"), groups, taxonomy_ids, add)
        out["admin1"] = _area(rec.get("admin1"), areas, names, add)
        story = _text(rec.get("story_text"))
        if not story:
            add("story_text", "missing-value", "is empty: a testimony needs its story.", None)
        out["story_text"] = story
        out["year"] = _year(rec.get("submitted"))
        if len(problems) == before:
            rows.append(out)
        if tid:
            seen.add(tid)
    tidy = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    return tidy, problems


_RESPONDENT = ("age_band", "sex", "groups", "admin1")
_STORY = ("language", "story_text")


def _unasked(rec: dict) -> set[str]:
    """Return the questions that the form's relevance hides for this submission's consent."""
    if _norm(rec.get("consent_use")) != "yes":
        return set(_RESPONDENT + _STORY + ("caregiver_consent", "child_assent"))
    child = _norm(rec.get("age_band")) in CHILD_BANDS
    if child and not (
        _norm(rec.get("caregiver_consent")) == "yes" and _norm(rec.get("child_assent")) == "yes"
    ):
        return set(_STORY)
    return set()


TIDY_COLUMNS = [
    "testimony_id",
    "year",
    "consent_use",
    "consent_publish",
    "caregiver_consent",
    "child_assent",
    "age_band",
    "sex",
    "groups",
    "admin1",
    "language",
    "story_text",
    "_file",
    "_sheet",
    "_row",
]


def _choice(value, column, allowed, add) -> str | None:
    text = _norm(value)
    if not text:
        add(column, "missing-value", "is empty; choose one of: " + ", ".join(allowed) + ".", None)
        return None
    if text in allowed:
        return text
    close = close_matches(text, allowed)
    if close:
        add(column, "near-miss", f"is not a choice of the form. Did you mean {close[0]!r}?", value)
    else:
        add(
            column,
            "unknown-code",
            "is not a choice of the form; use one of: " + ", ".join(allowed) + ".",
            value,
        )
    return None


def _groups(value, valid, every, add) -> tuple[str, ...]:
    picked = [_norm(v) for v in _SPLIT.split(_text(value)) if v.strip()]
    if not picked:
        add(
            "groups", "missing-value", "is empty: record at least one group the person names.", None
        )
    for g in picked:
        if g not in valid and g in every:
            add(
                "groups",
                "excluded-group",
                "is a group that does not apply in this country (groups_not_applicable in its "
                "config): correct the answer, or take the group out of groups_not_applicable.",
                g,
            )
        elif g not in valid:
            add(
                "groups",
                "unknown-group",
                f"is not a group of the LNOB taxonomy or the country config.{_hint(g, valid)}",
                g,
            )
    return tuple(sorted(set(picked)))


def _hint(value, choices) -> str:
    close = close_matches(value, choices)
    return f" Did you mean {close[0]!r}?" if close else ""


def _area(value, areas, names, add) -> str | None:
    text = _text(value)
    if not text:
        add("admin1", "missing-value", "is empty: give the first-level p-code.", None)
        return None
    code = areas.get(text.casefold())
    if code is None:
        # The closest names, or every admin-1 area of the country when none is close.
        shown = {n.casefold(): n for n in names} | {c.casefold(): c for c in areas.values()}
        close = [shown[m] for m in close_matches(text.casefold(), areas)]
        hint = (
            f" Did you mean {close[0]!r}?"
            if close
            else f" The country's admin-1 areas are: {', '.join(names)}."
        )
        add(
            "admin1",
            "unknown-area",
            f"is not a first-level p-code or name of this country.{hint}",
            value,
        )
    return code


def _year(value) -> int | None:
    m = re.search(r"\b(19|20)\d\d\b", _text(value))
    return int(m[0]) if m else None


def consent_status(tidy: pd.DataFrame) -> pd.DataFrame:
    """Return ``tidy`` with ``use`` and ``publish`` (bool) and ``reason`` for each exclusion.

    ``use``: the testimony may be analysed and counted (consent to use, and for a child the
    caregiver's consent and the child's assent). ``publish``: it may also be quoted (consent to
    publish as well). ``reason`` is the first rule that failed, or empty.
    """
    out = tidy.copy()
    child = out["age_band"].isin(CHILD_BANDS)
    reason = pd.Series("", index=out.index, dtype=object)
    rules = [
        (out["consent_use"].eq("no"), NO_USE),
        (out["consent_use"].ne("yes"), AMBIGUOUS_USE),
        (child & out["caregiver_consent"].ne("yes"), NO_CAREGIVER),
        (child & out["child_assent"].ne("yes"), NO_ASSENT),
    ]
    for mask, why in rules:
        reason = reason.mask(reason.eq("") & mask, why)
    out["use"] = reason.eq("")
    publish_rules = [
        (out["consent_publish"].eq("no"), NO_PUBLISH),
        (out["consent_publish"].ne("yes"), AMBIGUOUS_PUBLISH),
    ]
    for mask, why in publish_rules:
        reason = reason.mask(reason.eq("") & mask, why)
    out["publish"] = reason.eq("")
    out["reason"] = reason
    return out


def exclusion_counts(n_read: int, problems: list[Problem], status: pd.DataFrame) -> pd.DataFrame:
    """Return how many testimonies were read, excluded by reason, used and quotable.

    Every submission read is accounted for: the rows of the table add up to ``n_read``.
    """
    bad_rows = {
        (p.file, p.sheet, p.row)
        for p in problems
        if p.row is not None and p.kind not in {"duplicate-id", "orphan-repeat"}
    }
    dup_rows = {(p.file, p.sheet, p.row) for p in problems if p.kind == "duplicate-id"} - bad_rows
    counts = {EXCLUDED_INVALID: len(bad_rows), EXCLUDED_DUPLICATE: len(dup_rows)}
    for why in (NO_USE, AMBIGUOUS_USE, NO_CAREGIVER, NO_ASSENT, NO_PUBLISH, AMBIGUOUS_PUBLISH):
        counts[why] = int(status["reason"].eq(why).sum())
    counts["used and quotable"] = int(status["publish"].sum())
    table = pd.DataFrame({"status": list(counts), "testimonies": list(counts.values())})
    if int(table["testimonies"].sum()) != n_read:
        raise AssertionError(
            f"testimony accounting is off: {int(table['testimonies'].sum())} ≠ {n_read} read"
        )
    return table
