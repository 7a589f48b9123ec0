"""``lnob country new`` and ``lnob country check``: start a country's config, and check all of it.

``new`` writes ``<ISO3>.yaml`` (in ``data/countries`` or ``LNOB_COUNTRIES_DIR``), commented for the
team to fill, the country's evidence folders with their empty provenance declarations, and its
inventory template and testimony form (``<ISO3>/forms/``).
``check`` validates the config and every input file of the country at once and lists every problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lnob_methods.core import paths
from lnob_methods.core.errors import InputError, Problem
from lnob_methods.reference import countries, pcodes, provenance, taxonomy

FOLDERS = ("inventories", "testimonies")
_WHAT = {"inventories": "evidence inventories", "testimonies": "testimony exports"}


def _comment_block(lines: list[str]) -> str:
    return "".join(f"#   {line}\n" if line else "#\n" for line in lines)


def config_text(iso3: str) -> str:
    """Return the commented config of a new country: loads as it is, and says what to fill."""
    name = countries.iso3_names()[iso3]
    areas = pcodes.admin1_names(iso3)
    area_lines = [f"{code}  {area}" for area, code in areas.items()] or [
        "(the OCHA reference has no admin-1 areas for this country)"
    ]
    groups = taxonomy.groups_table()
    group_lines = []
    for dim, rows in groups.groupby("dimension", sort=False):
        group_lines.append(f"{dim} ({rows['dimension_label'].iloc[0]}):")
        pairs = zip(rows["group"], rows["label"], strict=True)
        group_lines += [f"  {g}: {label}" for g, label in pairs]
    return f"""\
# {name} ({iso3}): country config written by `lnob country new {iso3}`.
# Fill in every key marked TO FILL, then run `lnob country check {iso3}`: it lists every problem.
# The book's chapter "Adding a country" explains each step.
iso3: {iso3}
# Official name: the country's name in the UN SDG database (shown on every page).
name: {_quote(name)}
# TO FILL: the organisation that leads the LNOB process in the country.
lead_organisation: ""
# TO FILL: every participating organisation, e.g. [ActionAid, CARE, World Vision].
participating_organisations: []
# TO FILL, after the team has agreed on it (leave empty until then): the research focus.
# Choose it with the national partners at the inception workshop: the SDG targets and the groups
# where (1) official data say people are furthest behind, (2) the partners' programmes and
# advocacy can use new evidence, and (3) evidence is thin (run `lnob run --country {iso3}
# --notebook official_stocktake` first). Record who decided and why under `notes:` below.
#   title:       one sentence, e.g. "Inclusion of persons with disabilities (SDG 10.2)"
#   sdg_targets: SDG targets as quoted text, e.g. ["10.2", "16.10"]
#   groups:      group ids from the list under groups_not_applicable (or of country_groups)
#   geography:   optional, the admin-1 areas of the focus, as named in the list below
research_focus:
  title: ""
  sdg_targets: []
  groups: []
# Groups of the LNOB taxonomy, by dimension. All of them apply unless listed in
# groups_not_applicable (their id, e.g. [indigenous_peoples]): the team decides, and says why under
# `notes:`. Excluded groups are left out of every page and check of the country.
{_comment_block(group_lines)}groups_not_applicable: []
# Groups that matter here and are not in the taxonomy, e.g.
#   - {{id: small_scale_farmers, label: Small-scale farmers, dimension: other_status}}
country_groups: []
# TO FILL: the languages of the testimonies, ISO 639 code to name,
# e.g. {{en: English, sw: Kiswahili, lg: Luganda}}.
# Testimonies in a language the codebook (data/voices/codebook.yaml) has no rules for are counted
# and reported as not coded until rules are added.
languages: {{en: English}}
# Admin-1 areas (OCHA p-codes): use the p-code or the name in inventories and testimonies.
{_comment_block(area_lines)}# Villages and settlements that redaction must remove from testimonies
# (beyond the p-code names).
places: []
# Who decided the research focus and the groups that do not apply, when, and why.
notes: ""
"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def provenance_text(folder: str) -> str:
    """Return the empty ``provenance.yaml`` of a new folder, saying how to declare files."""
    return f"""\
# Provenance of the {_WHAT[folder]} in this folder: declare every file once, under `files:`.
# A file that is not declared is reported by `lnob country check` and `lnob validate`, and its
# evidence is labelled "provenance not declared" on the pages. For each file give:
#   synthetic: true or false (required): is it invented demonstration data?
#   holder:    who holds the data            collected: when it was collected ("2025")
#   source:    how it was made               licence:   on what terms it may be shared
# For example (replace `files: {{}}` by):
# files:
#   actionaid_2025.xlsx:
#     synthetic: false
#     holder: ActionAid
#     collected: "2025"
#     licence: shared with the LNOB partnership for this analysis only
files: {{}}
"""


def _iso3(code: str, action: str) -> str | None:
    """Return the upper-cased ISO3 code, or print why it is not one (with suggestions)."""
    try:
        return countries.check_iso3(code)
    except InputError as exc:
        print(f"lnob country {action}: {code!r} {exc.problems[0].message}", file=sys.stderr)
        return None


def cmd_new(args) -> int:
    """Write a new country's config and folders; refuse an unknown or configured country."""
    iso3 = _iso3(args.iso3, "new")
    if iso3 is None:
        return 2
    root = paths.countries_dir()
    config = root / f"{iso3}.yaml"
    if config.exists():
        print(
            f"lnob country new: {iso3} is already configured ({paths.shown(config)}). Edit that "
            f"file, and check it with `lnob country check {iso3}`.",
            file=sys.stderr,
        )
        return 2
    root.mkdir(parents=True, exist_ok=True)
    config.write_text(config_text(iso3), encoding="utf-8")
    written = [config]
    for folder in FOLDERS:
        where = root / iso3 / folder
        where.mkdir(parents=True, exist_ok=True)
        declaration = where / provenance.DECLARATION
        if not declaration.exists():  # never overwrite a team's declarations
            declaration.write_text(provenance_text(folder), encoding="utf-8")
            written.append(declaration)
    written += write_forms(iso3)
    for path in written:
        print(f"written: {paths.shown(path)}")
    print(
        f"Next: fill in the keys marked TO FILL in {paths.shown(config)}, put the files in "
        f"{paths.shown(root / iso3)}/inventories and /testimonies, declare them in each "
        f"provenance.yaml, and run `lnob country check {iso3}`. After changing the groups or "
        f"the languages, write the template and the form again: `lnob template --country {iso3} "
        f"--out PATH`, `lnob form --country {iso3} --out PATH`."
    )
    return 0


def write_forms(iso3: str) -> list[Path]:
    """Write a country's inventory template and testimony form into ``<ISO3>/forms/``.

    Both come from the country's config as it is: its admin-1 areas, the groups that apply and
    its languages. Return the paths written.
    """
    from lnob_methods.inventory.template import write_template
    from lnob_methods.voices.form import write_xlsform

    where = paths.countries_dir() / iso3 / "forms"
    return [
        write_template(iso3, where / f"lnob_inventory_template_{iso3}.xlsx"),
        write_xlsform(where / f"lnob_testimony_form_{iso3}.xlsx", iso3),
    ]


def check_country(iso3: str) -> tuple[list[Problem], list[str], str]:
    """Check a country's config and every input file; return (problems, notes, summary).

    ``notes`` are facts the user must know that are not errors: testimonies in a language the
    codebook cannot code.
    """
    from lnob_methods.inventory.load import check_files
    from lnob_methods.inventory.load import country_files as inventory_files
    from lnob_methods.voices.prepare import country_files as testimony_files

    problems: list[Problem] = []
    config = paths.countries_dir() / f"{iso3}.yaml"
    place = None
    if not config.exists():
        problems.append(
            Problem(
                paths.shown(config),
                "not-configured",
                f"does not exist: write it with `lnob country new {iso3}`.",
            )
        )
    else:
        try:
            place = countries.parse_country(config)
        except InputError as exc:
            problems += exc.problems
    notes = _unfilled(place) if place is not None else []
    inventories = inventory_files(iso3)
    tidy, found = check_files(inventories, iso3 if place else None)
    problems += found
    testimonies = testimony_files(iso3)
    n_testimonies, found, uncoded = _testimonies(testimonies, iso3, place)
    problems += found
    notes += uncoded
    problems += provenance.check(inventories + testimonies)
    for folder in FOLDERS:  # a declaration with errors is reported even when no file uses it
        where = paths.countries_dir() / iso3 / folder
        if not any(f.parent == where for f in inventories + testimonies):
            problems += provenance.read(where)[1]
    summary = (
        f"{iso3}: config, {len(inventories)} inventory file(s) ({len(tidy)} item(s)), "
        f"{len(testimonies)} testimony file(s) ({n_testimonies} valid testimonies)"
    )
    return problems, notes, summary


def _unfilled(place: countries.Country) -> list[str]:
    """Return what ``lnob country new`` left for the team to fill and is still empty."""
    notes = []
    if not place.lead_organisation:
        notes.append("lead_organisation is empty: name the organisation that leads the process.")
    if not place.organisations:
        notes.append("participating_organisations is empty: list every organisation.")
    if not (place.focus_title or place.focus_targets or place.focus_groups):
        notes.append(
            "research_focus is empty: pages cover every target and group until the team "
            "agrees on a focus (book chapter 'Adding a country')."
        )
    return notes


def _testimonies(files: list[Path], iso3: str, place) -> tuple[int, list[Problem], list[str]]:
    from lnob_methods.voices.checks import check_testimonies
    from lnob_methods.voices.coding import load_codebook, uncoded_counts, uncoded_messages
    from lnob_methods.voices.form import LANGUAGES
    from lnob_methods.voices.reader import read_files

    if not files:
        return 0, [], []
    if place is None:  # a broken config: check against the taxonomy and the form's languages
        place = countries.Country(iso3=iso3, name=countries.iso3_names()[iso3])
    main, _, problems = read_files(files)
    tidy, found = check_testimonies(main, iso3, list(place.groups()["group"]), place.languages)
    names = dict(LANGUAGES) | dict(place.language_names)
    notes = uncoded_messages(uncoded_counts(tidy["language"], load_codebook()), names)
    return len(tidy), problems + found, notes


def cmd_check(args) -> int:
    """Print every problem of a country's config and input files; exit 0 only when none."""
    iso3 = _iso3(args.iso3, "check")
    if iso3 is None:
        return 2
    problems, notes, summary = check_country(iso3)
    for p in problems:
        print(p)
    for note in notes:
        print(f"note: {note}")
    if problems:
        print(
            f"{len(problems)} problem(s) found. {summary}. Fix them and run `lnob country "
            f"check {iso3}` again."
        )
        return 1
    print(f"{summary}: no problems found.")
    return 0


def register(sub) -> None:
    """Add the ``country`` subcommand (``new``, ``check``) to the ``lnob`` parser."""
    c = sub.add_parser("country", help="start a new country's config, or check a country")
    csub = c.add_subparsers(dest="action", required=True)
    n = csub.add_parser("new", help="write a commented config and the folders of a new country")
    n.add_argument("iso3", metavar="ISO3")
    n.set_defaults(func=cmd_new)
    k = csub.add_parser("check", help="check a country's config and every input file at once")
    k.add_argument("iso3", metavar="ISO3")
    k.set_defaults(func=cmd_check)
