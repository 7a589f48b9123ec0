"""Deterministic thematic coding of testimonies with the keyword codebook ``data/voices/``.

A first pass that any analyst can reproduce and audit: every theme found is shown with the rule
that found it and the sentence it was found in. It does not understand negation or irony; analysts
read the passages and correct the coding (see the book's methodology chapter).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd
import yaml

from lnob_methods.core import paths, yamlio
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.core.suggest import did_you_mean
from lnob_methods.reference import taxonomy

CODEBOOK = paths.DATA / "voices" / "codebook.yaml"
LANGUAGES = ("en", "sw", "ne", "bn", "vi")  # the languages of the pilots' rules
# Rules may be written for any language: its ISO 639 code, two letters or three, lower case.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
FALLBACK = "en"
_THEME_KEYS = ("id", "label", "description", "sdg_targets", "factors", "rules")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_RULE = re.compile(r"^[^*]+\*?$")
# Scripts without reliable word boundaries: their rules match inside words.
_ABUGIDA = re.compile(r"[\u0900-\u09ff]")
# A sentence ends at . ! ? followed by a space or the end, at । or ॥, or at a line break; so
# "example.org" or "3.5" do not end one.
_BOUNDARY = re.compile(r"[.!?]+(?=[\s\"'”’)]|$)|[।॥]+|\n")
FRAME_COLUMNS = ["testimony_id", "field", "language", "theme", "theme_label", "rule", "passage"]


@dataclass(frozen=True)
class Theme:
    """One theme of the codebook.

    Attributes
    ----------
    id, label, description
        Identifier (snake_case), short label and one-sentence description.
    sdg_targets, factors
        SDG target codes (text) and UNDP LNOB factors the theme speaks to.
    rules
        Language code to keyword rules (lower case; a trailing ``*`` matches any ending).
    """

    id: str
    label: str
    description: str
    sdg_targets: tuple[str, ...]
    factors: tuple[str, ...]
    rules: dict[str, tuple[str, ...]]

    def rules_for(self, language: str) -> tuple[str, ...]:
        """Return the rules for ``language``, or the English rules when it has none."""
        return self.rules.get(language) or self.rules.get(FALLBACK, ())


@dataclass(frozen=True)
class Codebook:
    """The validated codebook: its themes in file order and its version."""

    themes: tuple[Theme, ...]
    version: str

    def theme(self, id: str) -> Theme:
        """Return the theme with this id.

        Raises
        ------
        KeyError
            Naming the closest ids when there is no such theme.
        """
        for t in self.themes:
            if t.id == id:
                return t
        raise KeyError(f"{id!r} is not a theme of the codebook." + did_you_mean(id, self.ids()))

    def ids(self) -> list[str]:
        """Return the theme ids in codebook order."""
        return [t.id for t in self.themes]


@dataclass(frozen=True)
class Match:
    """One rule hit in a text.

    Attributes
    ----------
    theme, rule
        The theme id and the rule (as written in the codebook) that matched.
    start, end
        Character offsets of the hit in the NFC-normalised text.
    passage
        The sentence containing the hit.
    """

    theme: str
    rule: str
    start: int
    end: int
    passage: str


def load_codebook(path: Path | str | None = None) -> Codebook:
    """Read and validate the codebook, reporting every problem at once.

    Parameters
    ----------
    path
        A codebook YAML file; default ``data/voices/codebook.yaml``.

    Raises
    ------
    InputError
        Naming the file, key, value and fix of each problem: YAML syntax, missing or unknown
        keys, duplicate ids, unknown SDG targets, factors or languages, empty or malformed rules.
    """
    path = Path(path or CODEBOOK)
    name = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
    problems: list[Problem] = []
    add = partial(_add, problems, name)
    try:
        raw = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        add("yaml-syntax", None, extra=f" {exc}")
        raise InputError(problems) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), list) or not raw["themes"]:
        add("no-themes", "themes")
        raise InputError(problems)
    for key in raw:
        if key not in ("version", "themes"):
            add("unknown-key", key, key)
    seen: set = set()
    themes = [_check_theme(add, i, item, seen) for i, item in enumerate(raw["themes"])]
    if problems:
        raise InputError(problems)
    return Codebook(themes=tuple(themes), version=str(raw.get("version", "")))


_FIX = {
    "yaml-syntax": "is not valid YAML:",
    "no-themes": "the codebook must be a mapping with a non-empty list of themes.",
    "not-a-mapping": "each theme must be a mapping of keys.",
    "unknown-key": "is not a key of the codebook; remove it or fix the spelling.",
    "missing-key": "add this key.",
    "bad-id": "write ids in snake_case (a-z, 0-9 and _).",
    "duplicate-id": "is the id of two themes; ids must be unique.",
    "wrong-type": "must be a list.",
    "target-not-text": 'write SDG targets as quoted text ("16.10", not 16.10, which YAML reads '
    "as 16.1).",
    "unknown-target": "is not an SDG target.",
    "unknown-factor": "is not a UNDP LNOB factor; use one of discrimination, geography, "
    "governance, socio_economic_status, shocks_and_fragility.",
    "unknown-language": "is not a language code: write the ISO 639 code in lower case, two "
    "letters ('sw') or three when the language has no two-letter code.",
    "empty-rules": "list at least one keyword (lower case).",
    "bad-rule": "write each rule as lower-case text, with '*' only at the end.",
    "missing-english": "add English rules (en): they are the fallback for other languages.",
}


def _add(problems, file, kind, column, value=None, extra="") -> None:
    problems.append(
        Problem(file, kind, _FIX[kind] + extra, column=column, value=value, label="key")
    )


def _check_theme(add, i, item, seen) -> Theme | None:
    if not isinstance(item, dict):
        add("not-a-mapping", f"themes[{i}]", item)
        return None
    tid = item.get("id")
    where = tid if isinstance(tid, str) and tid else f"themes[{i}]"
    for key in item:
        if key not in _THEME_KEYS:
            add("unknown-key", f"{where}.{key}", key)
    for key in _THEME_KEYS:
        if key not in item:
            add("missing-key", f"{where}.{key}")
    if not isinstance(tid, str) or not _ID.match(tid):
        add("bad-id", f"{where}.id", tid)
    elif tid in seen:
        add("duplicate-id", f"{where}.id", tid)
    seen.add(tid)
    lists = {}
    for key in ("sdg_targets", "factors"):
        lists[key] = item.get(key, [])
        if not isinstance(lists[key], list):
            add("wrong-type", f"{where}.{key}", lists[key])
            lists[key] = []
    for t in lists["sdg_targets"]:
        if not isinstance(t, str):
            add("target-not-text", f"{where}.sdg_targets", t)
        elif t not in taxonomy.target_set():
            hint = did_you_mean(t, taxonomy.target_set())
            add("unknown-target", f"{where}.sdg_targets", t, extra=hint)
    for f in lists["factors"]:
        if f not in taxonomy.groups_taxonomy()["factors"]:
            add("unknown-factor", f"{where}.factors", f)
    rules = _check_rules(add, f"{where}.rules", item.get("rules"))
    return Theme(
        id=str(tid),
        label=str(item.get("label", "")),
        description=str(item.get("description", "")),
        sdg_targets=tuple(lists["sdg_targets"]),
        factors=tuple(lists["factors"]),
        rules=rules,
    )


def _check_rules(add, col, rules) -> dict[str, tuple[str, ...]]:
    if rules is None:
        return {}
    if not isinstance(rules, dict) or not rules:
        add("empty-rules", col, rules)
        return {}
    if FALLBACK not in rules:
        add("missing-english", col)
    out = {}
    for lang, items in rules.items():
        if not isinstance(lang, str) or not _LANGUAGE.match(lang):
            add("unknown-language", col, lang)
        elif not isinstance(items, list) or not items:
            add("empty-rules", f"{col}.{lang}", items)
        else:
            for r in items:
                if not isinstance(r, str) or not _RULE.match(r) or r != r.strip().lower():
                    add("bad-rule", f"{col}.{lang}", r)
            out[lang] = tuple(str(r) for r in items)
    return out


def rule_languages(codebook: Codebook) -> set[str]:
    """Return the languages for which at least one theme of the codebook has rules."""
    return {lang for theme in codebook.themes for lang in theme.rules}


def uncoded_counts(languages: pd.Series, codebook: Codebook) -> dict[str, int]:
    """Return, per language without rules in the codebook, how many testimonies are in it.

    Such testimonies are not dropped: they are read, checked and counted like the others, but the
    keyword coding cannot find their themes (the English fallback rules do not match another
    language), so callers report them. Blank languages are not counted here: the checks report
    them as missing values.
    """
    have = rule_languages(codebook)
    counts = languages.dropna().astype(str).value_counts(sort=False)
    return {str(lang): int(n) for lang, n in sorted(counts.items()) if lang and lang not in have}


def uncoded_messages(counts: dict[str, int], names: dict[str, str]) -> list[str]:
    """Return one sentence per uncoded language, naming it and saying how to code it.

    ``names`` maps language codes to names (a code without a name is shown as it is).
    """
    out = []
    for lang, n in counts.items():
        noun = "testimony" if n == 1 else "testimonies"
        verb = "is" if n == 1 else "are"
        if lang == "other":
            out.append(
                f"{n} {noun} in a language marked 'other' {verb} not coded: declare the "
                "language's code under 'languages:' in the country config, record it in the "
                "form and add rules for it to the codebook (data/voices/codebook.yaml)."
            )
        else:
            out.append(
                f"{n} {noun} in {names.get(lang, lang)} {verb} not coded: add rules for "
                f"{lang!r} to the codebook (data/voices/codebook.yaml)."
            )
    return out


@lru_cache(maxsize=4096)
def _rule_regex(rule: str) -> re.Pattern:
    body = unicodedata.normalize("NFC", rule.rstrip("*").strip())
    core = r"\s+".join(re.escape(w) for w in body.split())
    if _ABUGIDA.search(body):
        return re.compile(core)
    tail = r"\w*" if rule.endswith("*") else ""
    return re.compile(rf"(?<!\w){core}{tail}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _needle(rule: str) -> tuple[str, bool]:
    """Return the rule's first word, which every hit holds, and whether case is ignored."""
    body = unicodedata.normalize("NFC", rule.rstrip("*").strip())
    return body.split()[0], not _ABUGIDA.search(body)


def _may_match(rule: str, text: str, lowered: str | None) -> bool:
    """Tell whether ``rule`` may match ``text``; False only when it certainly cannot.

    A hit holds the rule's first word: as written when case matters, and in lower case when
    case is ignored and both are ASCII (``lowered`` is ``text`` in lower case, None when
    ``text`` is not ASCII). Outside ASCII, ignoring case matches more than lower case does
    ("ſ" matches "s"), so the rule is always tried.
    """
    needle, ignore_case = _needle(rule)
    if not ignore_case:
        return needle in text
    if lowered is None or not needle.isascii():
        return True
    return needle in lowered


def sentence_spans(text: str) -> list[tuple[int, int]]:
    r"""Return the (start, end) offsets of each sentence of ``text``, without outer spaces.

    Sentences end at ``.``, ``!`` or ``?`` followed by a space or the end of the text, at the
    Devanagari and Bengali danda (``।``, ``॥``) and at line breaks.

    Examples
    --------
    >>> t = "Water is far. Write to a.b@example.org.\nम थाकेँ। ok"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Water is far.', 'Write to a.b@example.org.', 'म थाकेँ।', 'ok']
    """
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        spans.append((start, m.start() if m.group() == "\n" else m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        if seg.strip():
            out.append((s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())))
    return out


def code_text(text: str, language: str, codebook: Codebook) -> list[Match]:
    """Return every rule hit in ``text``, in order of position, then theme and rule order.

    Parameters
    ----------
    text
        A testimony (story or proposal); normalised to Unicode NFC before matching.
    language
        Its language code; a theme without rules in that language uses the English rules.
    codebook
        From :func:`load_codebook`.

    Returns
    -------
    list of Match
        Latin-script rules match whole words ignoring case (``clinic*`` finds "Clinics",
        ``rent`` does not find "parents"); Devanagari and Bengali rules match inside words.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    text = unicodedata.normalize("NFC", text)
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    hits = []
    lowered = text.lower() if text.isascii() else None
    for order, theme in enumerate(codebook.themes):
        for k, rule in enumerate(theme.rules_for(language)):
            if not _may_match(rule, text, lowered):
                continue
            for m in _rule_regex(rule).finditer(text):
                s, e = spans[max(bisect.bisect_right(starts, m.start()) - 1, 0)]
                match = Match(theme.id, rule, m.start(), m.end(), text[s:e])
                hits.append((m.start(), m.end(), order, k, match))
    return [h[-1] for h in sorted(hits, key=lambda h: h[:4])]


def code_frame(texts: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Code many texts: one row per (testimony, field, theme, passage).

    Parameters
    ----------
    texts
        Columns ``testimony_id``, ``field`` (``story`` or ``proposal``), ``language`` and
        ``text``. A missing or unknown language is coded with the English rules.
    codebook
        From :func:`load_codebook`.

    Returns
    -------
    pandas.DataFrame
        Columns ``testimony_id``, ``field``, ``language``, ``theme``, ``theme_label``, ``rule``
        (the first rule that matched in the passage) and ``passage``, sorted by testimony,
        field, theme and passage.

    Raises
    ------
    InputError
        When a column is missing.
    """
    missing = [c for c in ("testimony_id", "field", "language", "text") if c not in texts]
    if missing:
        raise InputError(
            [
                Problem(
                    file="texts",
                    kind="missing-column",
                    message="add this column to the texts to code.",
                    column=c,
                )
                for c in missing
            ]
        )
    labels = {t.id: t.label for t in codebook.themes}
    rows = []
    for tid, field, lang, text in texts[["testimony_id", "field", "language", "text"]].itertuples(
        index=False
    ):
        lang = lang if isinstance(lang, str) and lang else FALLBACK
        seen = set()
        for m in code_text(text, lang, codebook):
            if (m.theme, m.passage) in seen:
                continue
            seen.add((m.theme, m.passage))
            rows.append([tid, field, lang, m.theme, labels[m.theme], m.rule, m.passage])
    out = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    return out.sort_values(
        ["testimony_id", "field", "theme", "passage"], kind="mergesort", ignore_index=True
    )


def theme_targets(codebook: Codebook) -> pd.DataFrame:
    """Return the themes' SDG targets, long: columns ``theme`` and ``target``."""
    rows = [(t.id, target) for t in codebook.themes for target in t.sdg_targets]
    return pd.DataFrame(rows, columns=["theme", "target"])
