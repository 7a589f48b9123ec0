"""Community validation responses: read, checked, consented, redacted and counted with protection.

The answers to the validation form (:mod:`lnob_methods.voices.validation_form`) go through the
same data-responsibility steps as testimonies, in the same order: every row checked (a row with a
problem is excluded and located, never fixed by guesswork), the consent rules of
:func:`lnob_methods.voices.checks.consent_status` (only ``yes`` counts; a child needs the
caregiver's consent and their own assent), personal data redacted from the free text, and every
published count suppressed from 1 to k − 1. A response without consent is never counted: none of
its answers is even read.

A finding is *disputed* when more than half of the people who judged it (agree, partly or disagree;
"don't know" and no answer are not judgements) disagree, *confirmed* when more than half agree, and
*mixed* otherwise; with fewer than k people judging it, no verdict is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import Problem
from lnob_methods.core.safety import safety_problems
from lnob_methods.core.suggest import close_matches
from lnob_methods.reference import countries, provenance, rounds
from lnob_methods.voices import disclosure, redact
from lnob_methods.voices.checks import (
    AMBIGUOUS_USE,
    NO_ASSENT,
    NO_CAREGIVER,
    NO_USE,
    cell_text,
    consent_status,
)
from lnob_methods.voices.form import AGE_BANDS, LANGUAGES, YES_NO
from lnob_methods.voices.reader import _csv_grid, _xlsx_grids
from lnob_methods.voices.validation_form import (
    JUDGE_PREFIX,
    JUDGEMENTS,
    PRIORITY,
    PRIORITY_MAX,
    TEXT_FIELDS,
    parse_code,
)

DEFAULT_K = 5
SUFFIXES = {".xlsx", ".csv"}
_KEY = ("_uuid", "KEY", "instanceID", "meta/instanceID")
_DATE = ("_submission_time", "SubmissionDate", "today")
FIELDS = ["consent_use", "consent_publish", "age_band", "language", "caregiver_consent"]
FIELDS += ["child_assent", PRIORITY, *TEXT_FIELDS]
REQUIRED_COLUMNS = ["consent_use", "consent_publish"]
DISPUTED, CONFIRMED, MIXED, TOO_FEW = "disputed", "confirmed", "mixed", "too few answers to say"
NO_ANSWER = "no answer"
EXCLUDED_INVALID = "invalid row (see the validation problems)"
EXCLUDED_DUPLICATE = "duplicate submission"
USED = "counted"
JUDGEMENT_LABELS = {
    "agree": "agree",
    "partly": "partly",
    "disagree": "disagree",
    "dont_know": "don't know",
}


@dataclass
class Validation:
    """A country's validation responses after the data-responsibility steps.

    Attributes
    ----------
    place, k, files
        The country, the smallest count that may be published, the export files read.
    problems
        Every located problem (shown to the team, never published).
    accounting
        Exact counts: read, excluded by reason, counted (private).
    used
        One row per counted response: ``response_id``, ``year``, ``publish``, ``language``,
        one column per item code (the judgement, or "" when not answered), ``top_three`` (a
        tuple of item codes) and the redacted ``correction`` and ``new_proposal``.
    items
        The item codes found in the exports, in the order of their columns.
    """

    place: countries.Country
    k: int
    files: list[Path]
    problems: list[Problem]
    accounting: pd.DataFrame
    used: pd.DataFrame
    items: list[str]

    @property
    def synthetic(self) -> bool:
        """True when any response file is declared synthetic demonstration data."""
        return provenance.any_synthetic(self.files)

    @property
    def label(self) -> str:
        """Name the responses by their declared provenance ("synthetic validation responses")."""
        return provenance.label(self.files, "validation responses")


def country_files(iso3: str, round_no: int | None = None) -> list[Path]:
    """Return a country's validation exports (``data/countries/<ISO3>/validation/``), sorted.

    Those of the latest round up to ``round_no`` that has any
    (:mod:`lnob_methods.reference.rounds`).
    """
    folder = paths.countries_dir() / iso3 / "validation"
    if not folder.exists():
        return []
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    return rounds.select(found, "validation", round_no)


def field_of(header: object) -> str | None:
    """Return the question name of an export header (any group path style), or None.

    Examples
    --------
    >>> field_of("findings/j_gap__youth__10_2")
    'j_gap__youth__10_2'
    >>> field_of("consent-consent_use")
    'consent_use'
    >>> field_of("_uuid") is None
    True
    """
    text = str(header or "").strip()
    last = re.split(r"[/-]", text)[-1] if text else ""
    if last in FIELDS or (last.startswith(JUDGE_PREFIX) and parse_code(last[2:])):
        return last
    return None


def read_files(files: list[Path]) -> tuple[pd.DataFrame, list[Problem]]:
    """Read validation exports; return raw rows (one column per question, as found) and problems.

    Rows keep ``_file``, ``_sheet``, ``_row`` (the row a spreadsheet user sees), ``response_id``
    (Kobo ``_uuid``, ODK ``KEY``) and ``submitted``. A multiple choice exported only as 0/1
    columns (``priorities/top_three/<code>``) is rebuilt.
    """
    records, problems = [], []
    for f in files:
        path, name = Path(f), str(f)
        if not path.is_file():
            problems.append(Problem(name, "not-found", "does not exist or is not a file."))
            continue
        refused = safety_problems(path)
        if refused:
            problems += refused
            continue
        if path.suffix.lower() == ".xlsx":
            grids, bad = _xlsx_grids(path)
        elif path.suffix.lower() == ".csv":
            grids, bad = _csv_grid(path)
        else:
            grids, bad = [], [Problem(name, "not-a-spreadsheet", "is not a .xlsx or .csv export.")]
        problems += bad
        found = False
        for sheet, grid in grids:
            rows, missing = _records(name, sheet, grid)
            if rows is None:
                continue
            found = True
            records += rows
            problems += missing
        if grids and not found:
            problems.append(
                Problem(
                    name,
                    "no-header",
                    "has no column of the validation form (consent_use, j_…): export the data "
                    "of the country's validation form with XML names as headers.",
                )
            )
    return pd.DataFrame(records), problems


def _records(name: str, sheet: str | None, grid: list[list]):
    if not grid:
        return None, []
    header = [str(h).strip() if h is not None else "" for h in grid[0]]
    fields = [field_of(h) for h in header]
    if not any(fields):
        return None, []
    pos = {h: j for j, h in enumerate(header)}
    # 0/1 columns of the priority question: ".../top_three/<item code>"
    votes = {
        j: h.rsplit("/", 1)[-1]
        for j, h in enumerate(header)
        if f"{PRIORITY}/" in h and parse_code(h.rsplit("/", 1)[-1])
    }
    key_col = next((pos[h] for h in _KEY if h in pos), None)
    problems = [
        Problem(
            name,
            "missing-column",
            "is missing: export every question of the form. Without the consent answers no "
            "response may be counted.",
            sheet=sheet,
            column=c,
        )
        for c in REQUIRED_COLUMNS
        if c not in fields
    ]
    if key_col is None:
        problems.append(
            Problem(
                name,
                "missing-column",
                "is missing: exports keep the submission key (Kobo _uuid, ODK KEY), needed to "
                "find duplicates.",
                sheet=sheet,
                column="_uuid",
            )
        )
    rows = []
    for i, cells in enumerate(grid[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        cells = list(cells) + [None] * (len(header) - len(cells))
        rec = {"_file": name, "_sheet": sheet, "_row": i}
        rec["response_id"] = cells[key_col] if key_col is not None else None
        rec["submitted"] = next(
            (cells[pos[h]] for h in _DATE if h in pos and _text(cells[pos[h]])), None
        )
        for j, f in enumerate(fields):
            if f is not None:
                rec[f] = cells[j]
        if not _text(rec.get(PRIORITY)) and votes:
            picked = [c for j, c in votes.items() if _text(cells[j]) in {"1", "1.0", "True"}]
            rec[PRIORITY] = " ".join(picked)
        rows.append(rec)
    return rows, problems


_text = cell_text  # one reading of a cell for testimonies and validation responses


def _norm(value: object) -> str:
    return re.sub(r"[\s\-']+", "_", _text(value).lower())


def check_responses(
    raw: pd.DataFrame, languages: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check raw responses; return (valid rows, every problem).

    Consent answers are checked on every row. The other answers are read only when consent to use
    was given: a response without consent is excluded by the consent rules, whatever it holds.
    """
    problems: list[Problem] = []
    items = [c[2:] for c in raw.columns if str(c).startswith(JUDGE_PREFIX)]
    allowed_languages = list(LANGUAGES) + [c for c in languages if c not in LANGUAGES]
    seen: set[str] = set()
    rows = []
    for rec in raw.to_dict("records"):
        before = len(problems)

        def add(column, kind, message, value, rec=rec):
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

        rid = _text(rec.get("response_id"))
        if not rid:
            add("_uuid", "missing-value", "has no submission key; export it with its key.", None)
        elif rid in seen:
            add("_uuid", "duplicate-id", "is a submission already read; remove the copy.", rid)
        out = {"response_id": rid, "_file": rec["_file"], "_sheet": rec["_sheet"]}
        out["_row"] = rec["_row"]
        for column in ("consent_use", "consent_publish", "caregiver_consent", "child_assent"):
            value = _norm(rec.get(column))
            if value and value not in YES_NO:
                _bad(add, column, rec.get(column), YES_NO)
            out[column] = value
        consented = out["consent_use"] == "yes"
        out["age_band"] = _choice(rec.get("age_band"), "age_band", AGE_BANDS, add, consented)
        out["language"] = _choice(
            rec.get("language"), "language", allowed_languages, add, consented
        )
        for code in items:
            value = _norm(rec.get(JUDGE_PREFIX + code)) if consented else ""
            if value and value not in JUDGEMENTS:
                _bad(add, JUDGE_PREFIX + code, rec.get(JUDGE_PREFIX + code), JUDGEMENTS)
            out[code] = value
        picked = _text(rec.get(PRIORITY)).split() if consented else []
        for code in picked:
            if code not in items:
                add(
                    PRIORITY,
                    "unknown-item",
                    "is not one of the findings of this form (no j_ column of that name); "
                    "export the data of the form the people answered.",
                    code,
                )
        if len(set(picked)) > PRIORITY_MAX:
            add(
                PRIORITY,
                "too-many-choices",
                f"holds {len(set(picked))} choices; the form allows at most {PRIORITY_MAX}.",
                " ".join(picked),
            )
        out[PRIORITY] = tuple(sorted(set(picked)))
        for column in TEXT_FIELDS:
            out[column] = _text(rec.get(column)) if consented else ""
        out["year"] = _year(rec.get("submitted"))
        if len(problems) == before:
            rows.append(out)
        if rid:
            seen.add(rid)
    return pd.DataFrame(rows, columns=_columns(items)), problems


def _columns(items: list[str]) -> list[str]:
    return [
        "response_id",
        "_file",
        "_sheet",
        "_row",
        "consent_use",
        "consent_publish",
        "caregiver_consent",
        "child_assent",
        "age_band",
        "language",
        *items,
        PRIORITY,
        *TEXT_FIELDS,
        "year",
    ]


def _bad(add, column, value, allowed) -> None:
    close = close_matches(_norm(value), allowed)
    add(
        column,
        "near-miss" if close else "unknown-code",
        "is not a choice of the form; use one of: "
        + ", ".join(allowed)
        + (f". Did you mean {close[0]!r}?" if close else "."),
        value,
    )


def _choice(value, column, allowed, add, required) -> str | None:
    text = _norm(value)
    if not text:
        if required:
            add(column, "missing-value", "is empty; choose one of: " + ", ".join(allowed), None)
        return None
    if text not in allowed:
        _bad(add, column, value, allowed)
        return None
    return text


def _year(value) -> int | None:
    m = re.search(r"\b(19|20)\d\d\b", _text(value))
    return int(m[0]) if m else None


def prepare(
    iso3: str, k: int = DEFAULT_K, files: list[Path] | None = None, round_no: int | None = None
) -> Validation:
    """Return a country's validation responses after the checks, consent rules and redaction.

    Parameters
    ----------
    iso3
        The country.
    k
        The smallest count that may be published.
    files
        Export files; default :func:`country_files` of round ``round_no`` (default: the latest).
    round_no
        The stocktaking round.
    """
    if k < 2:
        raise ValueError(f"k must be at least 2 (got {k}): a count of 1 identifies a person.")
    place = countries.load_country(iso3)
    files = [Path(f) for f in (country_files(place.iso3, round_no) if files is None else files)]
    raw, problems = read_files(files)
    if raw.empty:
        raw = pd.DataFrame(columns=["response_id", "_file", "_sheet", "_row"])
    tidy, found = check_responses(raw, place.languages)
    problems += found
    status = consent_status(tidy.assign(age_band=tidy["age_band"].fillna("")))
    items = [c for c in tidy.columns if parse_code(c)]
    used = status[status["use"]].reset_index(drop=True)
    # Place names are needed only when there is text to redact (a country may have none).
    gaz = redact.gazetteer(place.iso3, place.places) if len(used) else None
    for column in TEXT_FIELDS:
        used[column] = [
            redact.redact(t, lang if lang not in {None, "other"} else "en", gaz).text if t else ""
            for t, lang in zip(used[column], used["language"], strict=True)
        ]
    used["publish"] = used["consent_publish"].eq("yes")
    keep = ["response_id", "year", "publish", "language", *items, PRIORITY, *TEXT_FIELDS]
    return Validation(
        place, k, files, problems, _accounting(len(raw), problems, status), used[keep], items
    )


def _accounting(n_read: int, problems: list[Problem], status: pd.DataFrame) -> pd.DataFrame:
    bad = {(p.file, p.sheet, p.row) for p in problems if p.row is not None}
    dup = {(p.file, p.sheet, p.row) for p in problems if p.kind == "duplicate-id"}
    counts = {EXCLUDED_INVALID: len(bad - dup), EXCLUDED_DUPLICATE: len(dup)}
    for why in (NO_USE, AMBIGUOUS_USE, NO_CAREGIVER, NO_ASSENT):
        counts[why] = int(status["reason"].eq(why).sum()) if len(status) else 0
    counts[USED] = int(status["use"].sum()) if len(status) else 0
    table = pd.DataFrame({"status": list(counts), "responses": list(counts.values())})
    if int(table["responses"].sum()) != n_read:
        raise AssertionError(f"response accounting is off: {table['responses'].sum()} ≠ {n_read}")
    return table


# ----- published tables: every count suppressed below k ------------------------------------------


def accounting_table(val: Validation) -> pd.DataFrame:
    """Return responses by status (excluded by reason, counted), counts suppressed below k."""
    out = val.accounting.copy()
    out["responses"] = disclosure.suppress(out["responses"], val.k)
    return out


def judgement_counts(val: Validation) -> pd.DataFrame:
    """Return the exact answers per item (private): agree, partly, disagree, don't know, none."""
    cols = [*JUDGEMENTS, NO_ANSWER]
    rows = {}
    for code in val.items:
        answers = val.used[code].fillna("").replace("", NO_ANSWER)
        rows[code] = answers.value_counts().reindex(cols, fill_value=0)
    return pd.DataFrame.from_dict(rows, orient="index", columns=cols).astype(int)


def verdict(agree: int, partly: int, disagree: int, k: int) -> str:
    """Return how the people asked judged a finding (see the module's rule).

    Examples
    --------
    >>> verdict(2, 1, 6, k=5)
    'disputed'
    >>> verdict(1, 1, 2, k=5)
    'too few answers to say'
    """
    judged = agree + partly + disagree
    if judged < k:
        return TOO_FEW
    if 2 * disagree > judged:
        return DISPUTED
    if 2 * agree > judged:
        return CONFIRMED
    return MIXED


def verdicts(val: Validation) -> pd.DataFrame:
    """Return per item its code and how the people asked judged it: ``item`` and ``verdict``.

    The verdicts of :func:`judgement_table`, from the exact answers, without suppressing the
    counts (for the disputed findings and for comparing rounds, which show no count).
    """
    exact = judgement_counts(val)
    return pd.DataFrame(
        {"item": list(exact.index), "verdict": _verdicts(exact, val.k)}, columns=["item", "verdict"]
    )


def _verdicts(exact: pd.DataFrame, k: int) -> list[str]:
    """Return the verdict of each row of exact answers (:func:`judgement_counts`)."""
    answers = zip(exact["agree"], exact["partly"], exact["disagree"], strict=True)
    return [verdict(int(a), int(p), int(d), k) for a, p, d in answers]


def priority_votes(val: Validation) -> pd.Series:
    """Return how many counted people chose each item among the three that matter most (exact)."""
    votes = pd.Series(0, index=pd.Index(val.items, name="item"), dtype=int)
    for picked in val.used[PRIORITY]:
        for code in picked:
            if code in votes.index:
                votes[code] += 1
    return votes


def community_priority(val: Validation) -> pd.Series:
    """Return per item the share of counted people who chose it among their three (0 to 1).

    An item chosen by fewer than k people has share 0: the share, times the number of people
    counted, would give the suppressed count back.
    """
    n = len(val.used)
    votes = priority_votes(val)
    if n == 0:
        return votes.astype(float)
    share = (votes / n).where(votes >= val.k, 0.0)
    return share.astype(float)


def judgement_table(val: Validation) -> pd.DataFrame:
    """Return per item the answers (suppressed together with their total) and the verdict.

    Columns: ``item``, the four answers and ``no answer`` (counts from 1 to k − 1 hidden, and a
    second count of the row where the row total would give a hidden one back), ``people asked``
    (the row total), ``verdict`` and ``chose it among three`` (suppressed below k).
    """
    exact = judgement_counts(val)
    columns = ["item", *JUDGEMENTS, NO_ANSWER, "people asked", "verdict", "chose it among three"]
    if exact.empty:
        return pd.DataFrame(columns=columns)
    # Each row is suppressed with its own total (the people asked): the rows are the same people
    # judging different findings, so no column total is published or suppressed across them.
    shown = pd.concat(
        [
            disclosure.suppress_with_totals(exact.loc[[code]], val.k).drop(index="Total")
            for code in exact.index
        ]
    )
    votes = disclosure.suppress(priority_votes(val), val.k)
    out = shown.rename(columns={"Total": "people asked"})
    out.insert(0, "item", exact.index)
    out["verdict"] = _verdicts(exact, val.k)
    out["chose it among three"] = votes.reindex(exact.index).array
    return out.reset_index(drop=True)[columns]
