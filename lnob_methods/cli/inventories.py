"""``lnob template`` and ``lnob validate``: the input-checking subcommands of the ``lnob`` command.

``lnob validate`` checks evidence inventories, or, with ``--testimonies``, testimony exports,
with ``--validation``, exports of the community validation form, and with ``--conclusions``, the
in-country team's conclusions sheet.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lnob_methods.core.errors import ParameterError
from lnob_methods.reference import countries, provenance


def cmd_template(args) -> int:
    """Write the Excel template of a country's inventory."""
    iso3 = countries.check_iso3(args.country)
    out = Path(args.out or f"lnob_inventory_template_{iso3}.xlsx")
    if out.is_absolute() or ".." in out.parts:
        print(
            f"lnob template: refusing to write {str(out)!r}: give a file name relative to "
            "the current folder, without '..'.",
            file=sys.stderr,
        )
        return 2
    if out.suffix.lower() != ".xlsx":
        print(f"lnob template: {out} must end in .xlsx", file=sys.stderr)
        return 2
    from lnob_methods.inventory.template import write_template

    write_template(iso3, out)
    print(f"template written: {out}")
    return 0


def cmd_validate(args) -> int:
    """Check inventory or testimony files; print every problem; exit 0 only when all are clean.

    Besides the files' content, each file's provenance must be declared in its folder's
    ``provenance.yaml`` (:mod:`lnob_methods.reference.provenance`).
    """
    files = [Path(p) for p in args.paths]
    expanded = []
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
    country = countries.check_iso3(args.country) if args.country else None
    notes: list[str] = []
    if args.testimonies:
        n, problems, what, notes = _check_testimonies(expanded, country)
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

    iso3 = _needs_country("--conclusions", country)
    table, problems = conclusions.read_files(files, iso3)
    return len(table), problems, "conclusion(s)"


def register(sub) -> None:
    """Add the ``template`` and ``validate`` subcommands to the ``lnob`` parser."""
    t = sub.add_parser("template", help="write the Excel inventory template of a country")
    t.add_argument("--country", required=True, metavar="ISO3")
    t.add_argument(
        "--out",
        metavar="PATH",
        help="where to write (default: ./lnob_inventory_template_<ISO3>.xlsx)",
    )
    t.set_defaults(func=cmd_template)
    v = sub.add_parser("validate", help="check inventory files (xlsx, csv, Kobo, HXL)")
    v.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    v.add_argument("--country", metavar="ISO3", help="check against this country's config")
    v.add_argument(
        "--testimonies",
        action="store_true",
        help="the files are testimony exports (Kobo/ODK) of the testimony form",
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
