"""``lnob template``, ``lnob form`` and ``lnob validate``: the input subcommands of ``lnob``.

``lnob template`` and ``lnob form`` write a country's inventory template and testimony form.

``lnob validate`` checks evidence inventories, or, with ``--testimonies``, testimony exports, with
``--presence``, 3W/4W operational-presence tables (HXL-tagged), with ``--validation``, exports of
the community validation form, and with ``--conclusions``, the in-country team's conclusions sheet.
"""

from __future__ import annotations

from pathlib import Path

from lnob_methods.cli.output import output_path
from lnob_methods.core import paths
from lnob_methods.core.errors import ParameterError
from lnob_methods.reference import countries, provenance


def cmd_template(args) -> int:
    """Write the Excel template of a country's inventory."""
    iso3 = countries.check_iso3(args.country)
    out = output_path("template", args.out, f"lnob_inventory_template_{iso3}.xlsx")
    if out is None:
        return 2
    from lnob_methods.inventory.template import write_template

    write_template(iso3, out)
    print(f"template written: {out}")
    return 0


def cmd_form(args) -> int:
    """Write the testimony XLSForm of a country (KoboToolbox, ODK)."""
    iso3 = countries.check_iso3(args.country)
    out = output_path("form", args.out, f"lnob_testimony_form_{iso3}.xlsx")
    if out is None:
        return 2
    from lnob_methods.voices.form import write_xlsform

    write_xlsform(out, iso3)
    print(f"testimony form written: {out}")
    return 0


def cmd_validate(args) -> int:
    """Check inventory or testimony files; print every problem; exit 0 only when all are clean.

    Besides the files' content, each file's provenance must be declared in its folder's
    ``provenance.yaml`` (:mod:`lnob_methods.reference.provenance`).
    """
    files = [Path(p) for p in args.paths]
    expanded = []
    kind = infer_kind(files)
    args.validation = args.validation or kind == "validation"
    args.conclusions = args.conclusions or kind == "conclusions"
    for f in files:
        if f.is_dir():
            suffixes = {".xlsx", ".csv", ".yaml", ".yml"} if args.conclusions else {".xlsx", ".csv"}
            expanded += sorted(
                p
                for p in f.iterdir()
                if p.suffix.lower() in suffixes and p.name != "provenance.yaml"
            )
        else:
            expanded.append(f)
    country = countries.check_iso3(args.country) if args.country else infer_country(files)
    if country and not args.country:
        print(f"country {country} (from the folder; --country ISO3 to choose another)")
    testimonies = args.testimonies or kind == "testimonies"
    notes: list[str] = []
    if testimonies:
        n, problems, what, notes = _check_testimonies(expanded, country)
    elif getattr(args, "presence", False):
        from lnob_methods.inventory.presence import read_presence

        problems, n = [], 0
        for f in expanded:
            presence, found = read_presence(f, country)
            problems += found
            n += len(presence)
        what = "presence row(s) (organisation, admin-1 area, sector)"
    elif args.validation:
        n, problems, what = _check_validation(expanded, country)
    elif args.conclusions:
        n, problems, what = _check_conclusions(expanded, country)
    else:
        from lnob_methods.inventory.load import check_files

        tidy, problems = check_files(expanded, country)
        n, what = len(tidy), "item(s)"
    problems += provenance.check(f for f in expanded if f.exists())
    for p in problems:
        print(p)
    for note in notes:
        print(f"note: {note}")
    if problems:
        print(
            f"{len(problems)} problem(s) in {len(expanded)} file(s). Fix them and run "
            "`lnob validate` again."
        )
        return 1
    print(f"{len(expanded)} file(s), {n} {what}: no problems found.")
    return 0


def infer_country(files: list[Path]) -> str | None:
    """Return the ISO3 code of the country folder holding every path, or None.

    ``data/countries/KEN/inventories`` is Kenya's: validating a country's own folder needs no
    ``--country``. Paths in several countries' folders, or outside them, infer nothing.
    """
    root = paths.countries_dir().resolve()
    found = set()
    for f in files:
        try:
            rel = Path(f).resolve().relative_to(root)
        except ValueError:
            return None
        if len(rel.parts) < 2 and not Path(f).is_dir():
            return None
        found.add(rel.parts[0].upper() if rel.parts else "")
    if len(found) != 1:
        return None
    code = found.pop()
    return code if code in countries.configured_countries() else None


def infer_kind(files: list[Path]) -> str:
    """Return what a country's own folder holds ("testimonies", "validation", "conclusions").

    Every path must be such a folder, or a file in one; otherwise "" (inventories, or choose
    with ``--testimonies``, ``--validation``, ``--conclusions``).
    """
    kinds = {(Path(f).name if Path(f).is_dir() else Path(f).parent.name) for f in files}
    if len(kinds) == 1 and (kind := kinds.pop()) in {"testimonies", "validation", "conclusions"}:
        return kind
    return ""


def infer_testimonies(files: list[Path]) -> bool:
    """Return True when every path is a ``testimonies`` folder or a file in one."""
    return bool(files) and infer_kind(files) == "testimonies"


def _check_testimonies(files: list[Path], country: str | None):
    from lnob_methods.voices.checks import check_testimonies
    from lnob_methods.voices.coding import load_codebook, uncoded_counts, uncoded_messages
    from lnob_methods.voices.form import LANGUAGES
    from lnob_methods.voices.reader import read_files

    if country is None:
        raise ParameterError(
            "lnob validate --testimonies needs --country ISO3: areas and groups are checked "
            "against the country."
        )
    place = countries.load_country(country)
    main, proposals, problems = read_files(files)
    tidy, found = check_testimonies(
        main, place.iso3, list(place.groups()["group"]), place.languages
    )
    # Testimonies in a language without codebook rules are valid but not coded: say so.
    names = dict(LANGUAGES) | dict(place.language_names)
    notes = uncoded_messages(uncoded_counts(tidy["language"], load_codebook()), names)
    what = f"testimonies and {len(proposals)} proposal(s)"
    return len(tidy), problems + found, what, notes


def _needs_country(flag: str, country: str | None) -> str:
    if country is None:
        raise ParameterError(f"lnob validate {flag} needs --country ISO3.")
    return country


def _check_validation(files: list[Path], country: str | None):
    from lnob_methods.voices import validation

    place = countries.load_country(_needs_country("--validation", country))
    raw, problems = validation.read_files(files)
    if raw.empty:
        return 0, problems, "response(s)"
    tidy, found = validation.check_responses(raw, place.languages)
    return len(tidy), problems + found, "response(s)"


def _check_conclusions(files: list[Path], country: str | None):
    from lnob_methods.analysis import conclusions
    from lnob_methods.reference import rounds

    iso3 = _needs_country("--conclusions", country)
    # Each round's register replaces the one before: its conclusions are checked among
    # themselves (a conclusion keeps its id from one round to the next).
    by_round: dict[int, list[Path]] = {}
    for f, n in rounds.round_of([Path(f) for f in files]).items():
        by_round.setdefault(n, []).append(f)
    n_rows, problems = 0, []
    for n in sorted(by_round):
        table, found = conclusions.read_files(sorted(by_round[n]), iso3)
        n_rows, problems = n_rows + len(table), problems + found
    return n_rows, problems, "conclusion(s)"


def register(sub) -> None:
    """Add the ``template``, ``form`` and ``validate`` subcommands to the ``lnob`` parser."""
    t = sub.add_parser("template", help="write the Excel inventory template of a country")
    t.add_argument("--country", required=True, metavar="ISO3")
    t.add_argument(
        "--out",
        metavar="PATH",
        help="where to write (default: ./lnob_inventory_template_<ISO3>.xlsx)",
    )
    t.set_defaults(func=cmd_template)
    f = sub.add_parser("form", help="write the testimony XLSForm of a country (KoboToolbox, ODK)")
    f.add_argument("--country", required=True, metavar="ISO3")
    f.add_argument(
        "--out",
        metavar="PATH",
        help="where to write (default: ./lnob_testimony_form_<ISO3>.xlsx)",
    )
    f.set_defaults(func=cmd_form)
    v = sub.add_parser("validate", help="check inventory files (xlsx, csv, Kobo, HXL)")
    v.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    v.add_argument(
        "--country",
        metavar="ISO3",
        help="check against this country's config (default: the country whose folder holds "
        "the paths, as in data/countries/KEN/inventories)",
    )
    v.add_argument(
        "--testimonies",
        action="store_true",
        help="the files are testimony exports (Kobo/ODK) of the testimony form (default for "
        "a country's testimonies folder)",
    )
    v.add_argument(
        "--presence",
        action="store_true",
        help="the files are 3W/4W operational-presence tables (HXL-tagged CSV)",
    )
    v.add_argument(
        "--validation",
        action="store_true",
        help="the files are exports of the community validation form",
    )
    v.add_argument(
        "--conclusions",
        action="store_true",
        help="the files are the in-country team's conclusions sheets (xlsx or yaml)",
    )
    v.set_defaults(func=cmd_validate)
