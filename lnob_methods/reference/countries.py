"""Country configurations: ``data/countries/<ISO3>.yaml``, validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd
import yaml

from lnob_methods.core import paths, yamlio
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.core.suggest import closest_or_all, did_you_mean
from lnob_methods.reference import taxonomy

# A config file's fields are keys, and its problems say so.
_key_problem = partial(Problem, label="key")

# key -> (expected type, required)
_KEYS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "iso3": (str, True),
    "name": (str, True),
    "lead_organisation": (str, True),
    "participating_organisations": (list, True),
    "research_focus": (dict, True),
    "country_groups": (list, False),
    "groups_not_applicable": (list, False),
    "languages": ((list, dict), False),
    "places": (list, False),
    "notes": (str, False),
    "branding": (dict, False),
    "translations": (dict, False),
}
_FOCUS_KEYS = {"title": str, "sdg_targets": list, "groups": list, "geography": str}
# ISO 639-1 (two letters) or ISO 639-3 (three letters) language codes, lower case.
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# A country office's own look for the brief documents: a logo file inside the country's folder
# (data/countries/<ISO3>/, so that a new logo re-runs the briefs) and a colour.
_BRANDING_KEYS = {"logo": str, "colour": str}
LOGO_TYPES = (".png", ".jpg", ".jpeg")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Country:
    """A country's configuration: name, organisations and research focus.

    Attributes
    ----------
    iso3, name
        ISO 3166-1 alpha-3 code and English short name.
    lead_organisation, organisations
        The lead agency and every participating organisation.
    focus_title, focus_targets, focus_groups
        The national research focus: a title, SDG targets (text) and population group ids.
    country_groups
        Country-specific groups (dicts with ``id``, ``label``, ``dimension``).
    groups_not_applicable
        Taxonomy groups that the team decided do not apply in this country: left out of
        :meth:`groups`.
    languages, language_names
        Language codes of the country's testimonies (ISO 639) and the names given in the config.
    translations
        Per language code, the translated phrases of the community validation form (keys of
        :data:`lnob_methods.voices.validation_form.PHRASES`); English otherwise.
    logo, colour
        The country office's logo (an absolute path, or "") and colour ("#RRGGBB", or "") for
        the brief documents.
    configured
        False for a country run with defaults (no config file).
    """

    iso3: str
    name: str
    lead_organisation: str | None = None
    organisations: tuple[str, ...] = ()
    focus_title: str = ""
    focus_targets: tuple[str, ...] = ()
    focus_groups: tuple[str, ...] = ()
    focus_geography: str = ""
    country_groups: tuple[dict, ...] = ()
    groups_not_applicable: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    language_names: tuple[tuple[str, str], ...] = ()
    places: tuple[str, ...] = ()
    notes: str = ""
    logo: str = field(default="", compare=False)
    colour: str = ""
    translations: dict = field(default_factory=dict, compare=False)
    configured: bool = True
    source: str = field(default="", compare=False)

    def groups(self) -> pd.DataFrame:
        """Return the taxonomy groups plus this country's own, less those that do not apply."""
        table = taxonomy.groups_table(list(self.country_groups))
        keep = ~table["group"].isin(self.groups_not_applicable)
        return table[keep].reset_index(drop=True)

    def language_name(self, code: str) -> str:
        """Return the name of a language code: as the config names it, else the code itself."""
        return dict(self.language_names).get(code, code)


@lru_cache(maxsize=1)
def iso3_names() -> dict[str, str]:
    """Return every ISO3 code known to the UN SDG database geo list, with its name."""
    geo = pd.read_csv(paths.SDGDB_GEO, dtype=str, keep_default_na=False)
    geo = geo[geo["iso3"] != ""]
    return dict(zip(geo["iso3"], geo["geo_area_name"], strict=True))


def split_codes(text: str) -> tuple[str, ...]:
    """Return the codes of a comma- or semicolon-separated parameter, such as ``"10.2; 16.10"``."""
    return tuple(t.strip() for t in str(text).replace(";", ",").split(",") if t.strip())


def configured_countries() -> list[str]:
    """Return the ISO3 codes that have a config file, sorted."""
    return sorted(p.stem for p in paths.countries_dir().glob("*.yaml"))


def check_iso3(code: str) -> str:
    """Return ``code`` upper-cased if it is a known ISO3 code, else raise with suggestions.

    Raises
    ------
    InputError
        When the code is not a country or territory of the UN SDG database.
    """
    up = str(code).strip().upper()
    names = iso3_names()
    if up in names:
        return up
    by_name = {v.lower(): k for k, v in names.items()}
    hint = did_you_mean(up, names) or did_you_mean(str(code).lower(), by_name)
    if str(code).lower() in by_name:
        hint = f" Did you mean {by_name[str(code).lower()]!r}?"
    raise InputError(
        [
            Problem(
                file="--country",
                kind="unknown-country",
                value=code,
                message="is not an ISO 3166-1 alpha-3 code of the UN SDG database." + hint,
            )
        ]
    )


def load_country(iso3: str) -> Country:
    """Return the configuration of a country, or defaults when it has no config file.

    Parameters
    ----------
    iso3
        ISO 3166-1 alpha-3 code (any case).

    Raises
    ------
    InputError
        When the code is unknown or the config file has problems (all of them are listed).
    """
    code = check_iso3(iso3)
    path = paths.countries_dir() / f"{code}.yaml"
    if not path.exists():
        return Country(
            iso3=code,
            name=iso3_names()[code],
            focus_title="All goals; the SDG 17.18 groups (defaults: no country config)",
            focus_groups=tuple(taxonomy.groups_table()["group"]),
            configured=False,
        )
    return parse_country(path)


def parse_country(path: Path) -> Country:
    """Read and validate one country config file, reporting every problem at once.

    Raises
    ------
    InputError
        Naming the file, key, value and the fix for each problem.
    """
    name = str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)
    try:
        raw = yamlio.safe_load_file(path)
    except yaml.YAMLError as exc:
        raise InputError(
            [_key_problem(file=name, kind="yaml-syntax", message=f"is not valid YAML: {exc}")]
        ) from None
    if not isinstance(raw, dict):
        raise InputError(
            [
                _key_problem(
                    file=name,
                    kind="not-a-mapping",
                    message="must be a YAML mapping of keys.",
                )
            ]
        )
    # Every problem at once: the values of keys that are present and of the right type are
    # checked even when other keys are unknown, missing or mistyped.
    problems = _check_keys(name, raw)
    problems += _check_values(name, path.stem, _usable(raw))
    if isinstance(raw.get("branding"), dict):
        problems += _check_branding(name, path.parent / path.stem, raw["branding"])
    if problems:
        raise InputError(problems)
    focus = raw["research_focus"]
    languages = raw.get("languages") or ["en"]
    names = languages if isinstance(languages, dict) else {}
    branding = raw.get("branding") or {}
    return Country(
        iso3=raw["iso3"],
        name=raw["name"],
        lead_organisation=raw["lead_organisation"],
        organisations=tuple(raw["participating_organisations"]),
        focus_title=focus.get("title", ""),
        focus_targets=tuple(str(t) for t in focus.get("sdg_targets", [])),
        focus_groups=tuple(focus.get("groups", [])),
        focus_geography=focus.get("geography", ""),
        country_groups=tuple(raw.get("country_groups") or ()),
        groups_not_applicable=tuple(raw.get("groups_not_applicable") or ()),
        languages=tuple(str(code) for code in languages),
        language_names=tuple((str(k), str(v)) for k, v in names.items()),
        places=tuple(raw.get("places") or ()),
        notes=raw.get("notes", ""),
        logo=str(path.parent / raw["iso3"] / branding["logo"]) if branding.get("logo") else "",
        colour=branding.get("colour", ""),
        translations={
            str(lang): {str(k): str(v) for k, v in phrases.items()}
            for lang, phrases in (raw.get("translations") or {}).items()
        },
        source=name,
    )


def _check_keys(name: str, raw: dict) -> list[Problem]:
    problems = []
    for key in raw:
        if key not in _KEYS:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-key",
                    message="is not a country config key; remove it or fix "
                    "the spelling." + did_you_mean(key, _KEYS),
                    column=key,
                    value=key,
                )
            )
    for key, (typ, required) in _KEYS.items():
        if key not in raw:
            if required:
                problems.append(
                    _key_problem(
                        file=name,
                        kind="missing-key",
                        message=f"add the key {key!r}.",
                        column=key,
                    )
                )
        elif not isinstance(raw[key], typ):
            problems.append(
                _key_problem(
                    file=name,
                    kind="wrong-type",
                    message=f"must be a {_type_name(typ)}, not {type(raw[key]).__name__}.",
                    column=key,
                    value=raw[key],
                )
            )
    focus = raw.get("research_focus")
    if isinstance(focus, dict):
        for key, val in focus.items():
            col = f"research_focus.{key}"
            if key not in _FOCUS_KEYS:
                problems.append(
                    _key_problem(
                        file=name,
                        kind="unknown-key",
                        message="is not a research_focus key." + did_you_mean(key, _FOCUS_KEYS),
                        column=col,
                        value=key,
                    )
                )
            elif not isinstance(val, _FOCUS_KEYS[key]):
                problems.append(
                    _key_problem(
                        file=name,
                        kind="wrong-type",
                        message=f"must be a {_type_name(_FOCUS_KEYS[key])}.",
                        column=col,
                        value=val,
                    )
                )
    problems += _check_branding_keys(name, raw.get("branding"))
    return problems


def _check_branding_keys(name: str, branding: object) -> list[Problem]:
    problems = []
    if not isinstance(branding, dict):
        return problems
    for key, val in branding.items():
        col = f"branding.{key}"
        if key not in _BRANDING_KEYS:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-key",
                    message="is not a branding key." + did_you_mean(key, _BRANDING_KEYS),
                    column=col,
                    value=key,
                )
            )
        elif not isinstance(val, _BRANDING_KEYS[key]):
            problems.append(
                _key_problem(
                    file=name,
                    kind="wrong-type",
                    message=f"must be a {_type_name(_BRANDING_KEYS[key])}.",
                    column=col,
                    value=val,
                )
            )
    return problems


def _check_branding(name: str, folder: Path, branding: dict) -> list[Problem]:
    problems = []
    colour = branding.get("colour")
    if isinstance(colour, str) and not _COLOUR.fullmatch(colour):  # a non-text is wrong-type
        problems.append(
            _key_problem(
                file=name,
                kind="bad-colour",
                message='write the colour as "#" and six hexadecimal digits, such as "#1f4e79".',
                column="branding.colour",
                value=colour,
            )
        )
    logo = branding.get("logo")
    if logo is not None:
        where = (folder / logo).resolve()
        if not where.is_relative_to(folder.resolve()) or where.suffix.lower() not in LOGO_TYPES:
            problems.append(
                _key_problem(
                    file=name,
                    kind="bad-logo",
                    message="must be a PNG or JPEG file inside the country's folder, given "
                    f"relative to it (data/countries/{folder.name}/).",
                    column="branding.logo",
                    value=logo,
                )
            )
        elif not where.is_file():
            problems.append(
                _key_problem(
                    file=name,
                    kind="missing-logo",
                    message=f"no such file in data/countries/{folder.name}/.",
                    column="branding.logo",
                    value=logo,
                )
            )
    return problems


def _usable(raw: dict) -> dict:
    """Return the known keys of ``raw`` whose values have the declared type (others dropped)."""
    out = {k: v for k, v in raw.items() if k in _KEYS and isinstance(v, _KEYS[k][0])}
    focus = out.get("research_focus") or {}
    out["research_focus"] = {
        k: v for k, v in focus.items() if k in _FOCUS_KEYS and isinstance(v, _FOCUS_KEYS[k])
    }
    return out


def _check_values(name: str, stem: str, raw: dict) -> list[Problem]:
    problems = []
    if "iso3" in raw:
        problems += _check_iso3_key(name, stem, raw["iso3"])
    problems += _check_focus_targets(name, raw["research_focus"])
    own, found = _check_country_groups(name, raw)
    problems += found
    problems += _check_groups(name, raw, own)
    problems += _check_languages(name, raw.get("languages"))
    problems += _check_translations(name, raw)
    for key in ("participating_organisations", "places"):
        for v in raw.get(key) or []:
            if not isinstance(v, str):
                problems.append(
                    _key_problem(
                        file=name,
                        kind="wrong-type",
                        message="each entry must be text.",
                        column=key,
                        value=v,
                    )
                )
    return problems


def _check_iso3_key(name: str, stem: str, iso3: str) -> list[Problem]:
    problems = []
    if iso3 != stem:
        problems.append(
            _key_problem(
                file=name,
                kind="iso3-mismatch",
                message=f"must equal the file name {stem!r}.",
                column="iso3",
                value=iso3,
            )
        )
    if iso3 not in iso3_names():
        problems.append(
            _key_problem(
                file=name,
                kind="unknown-country",
                message="is not a known ISO3 code." + did_you_mean(iso3, iso3_names()),
                column="iso3",
                value=iso3,
            )
        )
    return problems


def _check_focus_targets(name: str, focus: dict) -> list[Problem]:
    problems = []
    valid_targets = set(taxonomy.targets())
    for t in focus.get("sdg_targets", []):
        if not isinstance(t, str):
            problems.append(
                _key_problem(
                    file=name,
                    kind="target-not-text",
                    message="write SDG targets as quoted text "
                    '("16.10", not 16.10, which YAML reads as 16.1).',
                    column="research_focus.sdg_targets",
                    value=t,
                )
            )
        elif t not in valid_targets:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-target",
                    message="is not an SDG target." + did_you_mean(t, valid_targets),
                    column="research_focus.sdg_targets",
                    value=t,
                )
            )
    return problems


def _check_country_groups(name: str, raw: dict) -> tuple[list[str], list[Problem]]:
    problems = []
    dims = taxonomy.dimensions()
    own = []
    for i, g in enumerate(raw.get("country_groups") or []):
        col = f"country_groups[{i}]"
        if not isinstance(g, dict) or set(g) != {"id", "label", "dimension"}:
            problems.append(
                _key_problem(
                    file=name,
                    kind="bad-group",
                    message="each country group needs exactly the keys id, label and dimension.",
                    column=col,
                    value=g,
                )
            )
            continue
        if g["dimension"] not in dims:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-dimension",
                    message="is not an LNOB dimension." + closest_or_all(g["dimension"], dims),
                    column=col + ".dimension",
                    value=g["dimension"],
                )
            )
        own.append(g["id"])
    return own, problems


def _check_groups(name: str, raw: dict, own: list[str]) -> list[Problem]:
    problems = []
    taxonomy_ids = list(taxonomy.groups_table()["group"])
    known = taxonomy_ids + [g for g in own if g not in taxonomy_ids]
    excluded = raw.get("groups_not_applicable") or []
    for gid in raw["research_focus"].get("groups", []):
        if gid not in known:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-group",
                    message=f"unknown group {gid!r}: it is not a group of the LNOB taxonomy "
                    "or of country_groups." + closest_or_all(gid, known),
                    column="research_focus.groups",
                    value=gid,
                )
            )
        elif gid in excluded:
            problems.append(
                _key_problem(
                    file=name,
                    kind="excluded-focus-group",
                    message=f"group {gid!r} is in the research focus and in "
                    "groups_not_applicable: remove it from one of them.",
                    column="research_focus.groups",
                    value=gid,
                )
            )
    for gid in excluded:
        if gid not in taxonomy_ids:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-group",
                    message=f"unknown group {gid!r}: list only groups of the LNOB taxonomy "
                    "(a country's own group that does not apply is simply not added)."
                    + closest_or_all(gid, taxonomy_ids),
                    column="groups_not_applicable",
                    value=gid,
                )
            )
    return problems


def _check_languages(name: str, languages: list | dict | None) -> list[Problem]:
    problems = []
    for code in languages or []:
        if not isinstance(code, str) or not _LANGUAGE.match(code):
            problems.append(
                _key_problem(
                    file=name,
                    kind="bad-language",
                    message="write each language as its ISO 639 code in lower case: two letters "
                    "('sw' for Kiswahili) or three when it has no two-letter code; to name it, "
                    "write languages as a mapping (languages: {en: English, lg: Luganda}).",
                    column="languages",
                    value=code,
                )
            )
    return problems


def _check_translations(name: str, raw: dict) -> list[Problem]:
    """Return the problems of the validation form's translations (language: phrase key: text)."""
    declared = set(raw.get("languages") or ["en"])
    problems = []
    for lang, phrases in (raw.get("translations") or {}).items():
        if lang not in declared:
            problems.append(
                _key_problem(
                    file=name,
                    kind="unknown-language",
                    message="translations are given only for the country's languages: add the "
                    "code to languages, or correct it.",
                    column="translations",
                    value=lang,
                )
            )
        if not isinstance(phrases, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in phrases.items()
        ):
            problems.append(
                _key_problem(
                    file=name,
                    kind="wrong-type",
                    message="must map each phrase key of the validation form to its text "
                    "(consent_use: '...').",
                    column=f"translations.{lang}",
                )
            )
    return problems


def _type_name(typ) -> str:
    if isinstance(typ, tuple):
        return " or ".join(_type_name(t) for t in typ)
    return {str: "text", list: "list", dict: "mapping"}.get(typ, getattr(typ, "__name__", str(typ)))
