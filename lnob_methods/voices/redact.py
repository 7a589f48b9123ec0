"""Redaction of personal data in testimonies: names, phones, e-mails, ID numbers and places.

Deterministic and explainable: each span found comes from a pattern, a cue word ("my name is",
"kitambulisho", "মোঃ"), a title ("Mama", "chị"), the names list (``data/voices/names.yaml``) or the
country's gazetteer (OCHA admin-2 names and the config's ``places``), and is replaced by a typed
placeholder. The word lists and patterns live in :mod:`lnob_methods.voices.redact_rules`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.reference import pcodes
from lnob_methods.voices import redact_rules as rules

KINDS = ("name", "phone", "email", "id_number", "place")
PLACEHOLDER = {
    "name": "[name]",
    "phone": "[phone]",
    "email": "[email]",
    "id_number": "[id]",
    "place": "[place]",
}
# Overlaps: the longer span wins, then this order.
_PRIORITY = {k: i for i, k in enumerate(("email", "phone", "id_number", "name", "place"))}


@dataclass(frozen=True)
class Span:
    """One piece of personal data: ``text`` is ``original[start:end]``."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class Redacted:
    """A redacted text and the spans of the original text that were replaced."""

    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Gazetteer:
    """The place names redacted for one country, and the admin-1 names that never are.

    Attributes
    ----------
    iso3
        The country.
    names
        Admin-2 names (less those equal to an admin-1 name) and the config's places.
    admin1
        Admin-1 names, with common variants ("Hanoi", "Chattogram", "ঢাকা"): never redacted.
    """

    iso3: str
    names: frozenset[str]
    admin1: frozenset[str]
    pattern: re.Pattern | None = field(default=None, repr=False, compare=False)
    kinds: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __contains__(self, name: object) -> bool:
        return self.kinds.get(rules.norm(str(name))) == "place"

    def spans(self, t: str, folded: str, index, language: str) -> tuple[list, list]:
        """Return (places, protected admin-1 spans) in ``t``, as (start, end[, kind])."""
        places, protected = [], []
        for s, e, key in rules.phrase_spans(self.pattern, folded, index, len(t)):
            if self.kinds.get(key) != "place":
                protected.append((s, e))
                continue
            written = t[s:e]
            # Vietnamese writes proper nouns capitalised; lower-case "ba tô" is "three bowls".
            words = re.split(r"[\s\-]+", written)
            if language == "vi" and any(w[:1].islower() for w in words):
                continue
            if written.islower() and key in rules.COMMON_LOWER:
                continue
            places.append((s, e, "place"))
        return places, protected


def gazetteer(iso3: str, places: Sequence[str] = ()) -> Gazetteer:
    """Return the place names to redact for a country.

    Parameters
    ----------
    iso3
        ISO 3166-1 alpha-3 code (any case).
    places
        The country config's own villages and settlements (``Country.places``), any script.

    Returns
    -------
    Gazetteer
        Admin-2 names from ``data/reference/ocha_global_pcodes_adm1_adm2.csv.gz`` plus
        ``places``. Admin-1 names are the published area level and are never redacted, so an
        admin-2 name equal to an admin-1 name of the same country is left out (and so is a
        listed place equal to one). Cached per (iso3, places).

    Raises
    ------
    InputError
        When the P-code file has no admin names for ``iso3`` and ``places`` is empty.
    """
    return _gazetteer(str(iso3).strip().upper(), tuple(str(p) for p in places))


@lru_cache(maxsize=32)
def _gazetteer(iso3: str, places: tuple[str, ...]) -> Gazetteer:
    rows = pcodes.areas(iso3)
    if rows.empty and not places:
        raise InputError(
            [
                Problem(
                    file=paths.PCODES.name,
                    kind="unknown-country",
                    value=iso3,
                    message="has no admin-1 or admin-2 names for this country, so place names "
                    "cannot be redacted from its texts; check the ISO3 code, or list the "
                    f"country's villages and settlements under `places` in {iso3}.yaml.",
                )
            ]
        )
    admin1 = set(rows.loc[rows["admin_level"] == "1", "name"])
    admin1 |= {re.sub(r"\s+city$", "", a, flags=re.I) for a in admin1}
    admin1 |= set(rules.ADMIN1_EXTRA.get(iso3, ()))
    kinds = {rules.norm(n): "place" for n in rows.loc[rows["admin_level"] == "2", "name"]}
    kinds.update({rules.norm(p): "place" for p in places})
    kinds.update({rules.norm(a): "admin1" for a in admin1})
    names = [*rows.loc[rows["admin_level"] == "2", "name"], *places]
    return Gazetteer(
        iso3=iso3,
        names=frozenset(n for n in names if kinds[rules.norm(n)] == "place"),
        admin1=frozenset(admin1),
        pattern=rules.phrase_pattern(kinds),
        kinds=kinds,
    )


def find(text: str, language: str, gaz: Gazetteer) -> list[Span]:
    """Return the personal data in ``text``: sorted, non-overlapping spans of the original text.

    Parameters
    ----------
    text
        One testimony.
    language
        ``en``, ``sw``, ``ne``, ``bn`` or ``vi`` (others are read like English); the script of
        each word decides which name rules apply to it.
    gaz
        The country's gazetteer (:func:`gazetteer`).
    """
    t = text.translate(rules.DIGITS)  # same length: offsets stay those of ``text``
    folded, index = rules.fold(t)
    found = rules.emails(t)
    ids, cued = rules.id_numbers(t)
    found += ids + [p for p in rules.phones(t) if not _overlaps(p, cued)]
    places, protected = gaz.spans(t, folded, index, language)
    protected += [
        (s, e) for s, e, _ in rules.phrase_spans(rules.PROTECTED_RE, folded, index, len(t))
    ]
    toks = rules.tokens(t, protected, places)
    lang = language if language in ("en", "sw", "vi") else "en"
    stops = {"latin": rules.STOP[lang], "ne": rules.STOP["ne"], "bn": rules.STOP["bn"]}
    found += places + rules.cued_places(toks, stops, language) + _names(toks, stops, language)
    found = [c for c in found if c[2] not in ("name", "place") or not _overlaps(c, protected)]
    return _resolve(found, text)


def redact(text: str, language: str, gaz: Gazetteer) -> Redacted:
    """Return ``text`` with each piece of personal data replaced by its placeholder.

    Examples
    --------
    >>> redact("My name is Grace Wanjiku.", "en", gazetteer("KEN")).text
    'My name is [name].'
    """
    spans = tuple(find(text, language, gaz))
    out, last = [], 0
    for s in spans:
        out += [text[last : s.start], PLACEHOLDER[s.kind]]
        last = s.end
    return Redacted("".join(out) + text[last:], spans)


def evaluate(cases: list[dict], gaz_for: Callable[[str], Gazetteer]) -> pd.DataFrame:
    """Score the redaction on labelled cases, per (language, kind) and per kind overall.

    Parameters
    ----------
    cases
        Dicts with ``id``, ``language``, ``iso3``, ``text`` and ``entities`` (each ``text`` and
        ``kind``, in order of appearance).
    gaz_for
        Returns the gazetteer of an ISO3 code.

    Returns
    -------
    pandas.DataFrame
        Columns ``language`` ("all" for the overall rows), ``kind``, ``n_true`` (labelled spans),
        ``n_found``, ``true_pos`` (labelled spans overlapped by a found span of the same kind),
        ``recall`` = true_pos / n_true and ``precision`` = found spans overlapping a labelled
        span of the same kind / n_found (NaN when a denominator is 0).
    """
    counts: dict[tuple[str, str], list[int]] = {}
    for case in cases:
        truth = _labelled(case)
        found = [
            (s.start, s.end, s.kind)
            for s in find(case["text"], case["language"], gaz_for(case["iso3"]))
        ]
        for kind in KINDS:
            want = [x for x in truth if x[2] == kind]
            got = [x for x in found if x[2] == kind]
            row = [len(want), len(got), sum(_overlaps(w, got) for w in want)]
            row.append(sum(_overlaps(g, want) for g in got))
            for lang in (case["language"], "all"):
                acc = counts.setdefault((lang, kind), [0, 0, 0, 0])
                acc[:] = [a + b for a, b in zip(acc, row, strict=True)]
    rows = [
        {
            "language": lang,
            "kind": kind,
            "n_true": nt,
            "n_found": nf,
            "true_pos": tp,
            "recall": tp / nt if nt else math.nan,
            "precision": fp / nf if nf else math.nan,
        }
        for (lang, kind), (nt, nf, tp, fp) in counts.items()
    ]
    langs = [x for x in dict.fromkeys(lang for lang, _ in counts) if x != "all"] + ["all"]
    rows.sort(key=lambda r: (langs.index(r["language"]), KINDS.index(r["kind"])))
    return pd.DataFrame(
        rows, columns=["language", "kind", "n_true", "n_found", "true_pos", "recall", "precision"]
    )


def _labelled(case: dict) -> list[tuple[int, int, str]]:
    """Locate each labelled entity in the text, in order (a repeated text is found again)."""
    out, pos = [], {}
    for ent in case.get("entities") or []:
        start = case["text"].find(ent["text"], pos.get(ent["text"], 0))
        if start < 0 or ent["kind"] not in KINDS:
            raise ValueError(f"case {case.get('id')!r}: entity {ent!r} is not in its text or kind")
        pos[ent["text"]] = start + len(ent["text"])
        out.append((start, start + len(ent["text"]), ent["kind"]))
    return out


def _overlaps(span, others) -> bool:
    return any(a < span[1] and span[0] < b for a, b, *_ in others)


def _resolve(cands: list, text: str) -> list[Span]:
    chosen: list[tuple[int, int, str]] = []
    for s, e, kind in sorted(set(cands), key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0])):
        if not _overlaps((s, e), chosen):
            chosen.append((s, e, kind))
    merged: list[tuple[int, int, str]] = []
    for s, e, kind in sorted(chosen):
        # "Grace" and "Wanjiku" found by two rules read better as one [name].
        if merged and kind == "name" == merged[-1][2] and not text[merged[-1][1] : s].strip(" "):
            merged[-1] = (merged[-1][0], e, kind)
        else:
            merged.append((s, e, kind))
    return [Span(s, e, k, text[s:e]) for s, e, k in merged]


# ----- names found from words ------------------------------------------------------------------
def _names(toks, stops, language: str) -> list[tuple[int, int, str]]:
    classes, lower = rules.name_lists()
    lower_ok = lower.get(language, frozenset())
    n, out = len(toks), []
    most = 4 if language == "vi" else 3

    def cls(tk):
        d = classes[tk.script]
        return d.get(tk.key) or d.get(tk.stem)

    def stopped(tk):
        return tk.blocked or tk.low in stops[tk.script] or tk.stem in stops[tk.script]

    def namey(tk):  # a capitalised Latin word that may be part of a name
        return tk.script == "latin" and tk.cap and not stopped(tk)

    def free(tk):  # a Nepali or Bangla word that may be a name after a cue
        return tk.script != "latin" and not stopped(tk)

    def end(tk):  # keep the case ending of a listed name out of the span: "[name]को"
        d = classes[tk.script]
        if tk.script != "latin" and tk.key not in d and tk.stem in d:
            return tk.start + len(tk.stem)
        return tk.end

    def add(i, j, kind="name"):
        if j > i:
            out.append((toks[i].start, end(toks[j - 1]), kind))

    def take(j, ok, limit=most):
        k = j
        while k < n and k - j < limit and (k == j or toks[k].joined) and ok(toks[k]):
            k += 1
        return k

    def listed(j):
        return 0 <= j < n and cls(toks[j]) is not None and not stopped(toks[j])

    def grow(i, j):  # extend a list-name anchor over neighbouring name words
        lat = toks[i].script == "latin"
        lower = lat and not toks[i].cap
        while j < n and j - i < 4 and toks[j].joined and not toks[j].place:
            w = toks[j]
            if not (namey(w) or (listed(j) and (not lat or lower and w.key in lower_ok))):
                break
            j += 1
        while i > 0 and j - i < 4 and toks[i].joined and not toks[i - 1].place:
            if not (namey(toks[i - 1]) if lat and not lower else listed(i - 1)):
                break
            i -= 1
        return i, j

    for i, tk in enumerate(toks):
        lat = tk.script == "latin"
        # (a) cue phrases: "my name is", "naitwa", "tên tôi là", "मेरो नाम", "আমার নাম"
        for cue, strong in rules.NAME_CUES.get(tk.low, ()):
            j = i + len(cue)
            if j >= n or not rules.matches(toks, i, cue) or toks[j].sep not in ("", ":", ","):
                continue
            if lat:
                k = take(j, lambda w, s=strong: namey(w) or (s and w.key in lower_ok))
                place = cue in (["called"], ["named"]) and i > 0
                kind = "place" if place and toks[i - 1].low in rules.PLACE_NOUNS else "name"
                add(j, k, kind)
            else:
                add(j, take(j, free))
        if not lat and tk.low in rules.GENITIVE_NAME_CUE and 0 < i < n - 1 and tk.joined:
            genitive = toks[i - 1].text.endswith(("को", "की", "का", "रो", "री", "র"))
            if genitive and toks[i + 1].sep in ("", ":", ","):
                add(i + 1, take(i + 1, free))
        # (b) titles and kinship words
        if lat and tk.low in rules.TITLES and not tk.blocked:
            j = i + 1
            if j < n and toks[j].low in rules.TITLE_SKIP and toks[j].joined:
                j += 1
            if j < n and (toks[j].joined or (toks[j].sep == "." and tk.low in rules.ABBREVIATIONS)):
                add(j, take(j, namey))
        if tk.low in rules.KIN_AFTER or (not lat and tk.stem in rules.KIN_AFTER):
            p = i - 1
            if p >= 0 and tk.joined and (namey(toks[p]) if lat else free(toks[p])):
                add(*grow(p, p + 1))
        if not lat and tk.low in rules.NATIVE_TITLES and i + 1 < n and free(toks[i + 1]):
            add(*grow(i + 1, i + 2))
        if not lat and (tk.low in rules.KIN_BEFORE) and listed(i + 1) and toks[i + 1].joined:
            if cls(toks[i + 1]) != "group":
                add(*grow(i + 1, i + 2))
        # (c) the names list
        c = cls(tk)
        if c in ("strong", "ambiguous") and not stopped(tk) and not tk.place:
            near = [cls(toks[j]) for j in (i - 1, i + 1) if listed(j) and toks[max(i, j)].joined]
            near_ok = i + 1 < n and toks[i + 1].joined and (namey(toks[i + 1]) or listed(i + 1))
            if lat and tk.cap:
                ok = c == "strong" or not tk.initial or near_ok
            elif lat:
                ok = c == "strong" and tk.key in lower_ok and language != "vi"
            else:
                ok = c == "strong" or "strong" in near or "group" in near
            if ok:
                add(*grow(i, i + 1))
    # (d) two or more capitalised words in a row (Latin scripts)
    i = 0
    while i < n:
        j = i
        while j < n and (j == i or toks[j].joined) and namey(toks[j]) and not toks[j].place:
            j += 1
        if j - i >= 2 and not all(cls(t) == "group" for t in toks[i:j]):
            add(i, j)
        i = max(j, i + 1)
    return out
