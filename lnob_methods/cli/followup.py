"""``lnob validation-form`` and ``lnob conclusions-sheet``: the files that close the loop.

``lnob validation-form --country ISO3`` writes the community validation XLSForm of a country's
findings (:mod:`lnob_methods.voices.validation_form`); ``lnob conclusions-sheet --country ISO3``
writes the Excel sheet in which the in-country team records its conclusions
(:mod:`lnob_methods.analysis.conclusions`). Both are checked with ``lnob validate``.
"""

from __future__ import annotations

from lnob_methods.cli.output import output_path
from lnob_methods.reference import countries


def cmd_validation_form(args) -> int:
    """Write a country's community validation XLSForm from its current results."""
    from lnob_methods.analysis import country_evidence, validation_items
    from lnob_methods.voices import prepare as voices

    iso3 = countries.check_iso3(args.country)
    out = output_path("validation-form", args.out, f"lnob_validation_xlsform_{iso3}.xlsx")
    if out is None:
        return 2
    ce = country_evidence.assemble(iso3)
    v = voices.prepare(iso3) if voices.country_files(iso3) else None
    validation_items.write_country_form(ce, v, out)
    print(f"validation form written: {out}")
    return 0


def cmd_conclusions_sheet(args) -> int:
    """Write a country's conclusions sheet (Excel) with its findings and organisations listed."""
    from lnob_methods.analysis import conclusions

    iso3 = countries.check_iso3(args.country)
    out = output_path("conclusions-sheet", args.out, f"lnob_conclusions_{iso3}.xlsx")
    if out is None:
        return 2
    conclusions.write_sheet(iso3, out)
    print(f"conclusions sheet written: {out}")
    return 0


def register(sub) -> None:
    """Add the ``validation-form`` and ``conclusions-sheet`` subcommands."""
    f = sub.add_parser(
        "validation-form",
        help="write the community validation XLSForm of a country's findings (Kobo/ODK)",
    )
    f.add_argument("--country", required=True, metavar="ISO3")
    f.add_argument("--out", metavar="PATH", help="default: ./lnob_validation_xlsform_<ISO3>.xlsx")
    f.set_defaults(func=cmd_validation_form)
    c = sub.add_parser(
        "conclusions-sheet", help="write the Excel sheet of the in-country team's conclusions"
    )
    c.add_argument("--country", required=True, metavar="ISO3")
    c.add_argument("--out", metavar="PATH", help="default: ./lnob_conclusions_<ISO3>.xlsx")
    c.set_defaults(func=cmd_conclusions_sheet)
