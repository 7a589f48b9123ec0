"""The book's table of contents and country landing pages, generated from ``book/results/``.

The hand-written ``_toc.yml`` is read, never written: the book is built with a copy in the state
folder (``.lnob/_toc.yml``) to which the country parts are added, so adding a country needs no hand
edit and running one leaves the checkout unchanged.
"""

from __future__ import annotations

import json
import os

import yaml

from lnob_methods.core import paths
from lnob_methods.core.files import write_atomic
from lnob_methods.core.text import md_escape
from lnob_methods.inventory import load as inventories
from lnob_methods.reference import countries, streams
from lnob_methods.run import params as template_params
from lnob_methods.run.runner import templates
from lnob_methods.voices import prepare as voices

CAPTION = "Country results"
GLOBAL_CAPTION = "All countries"


def result_countries() -> list[str]:
    """Return the countries with at least one published notebook: pilots first, then by code."""
    found = sorted(p.parent.name for p in paths.results_dir().glob("*/*.ipynb"))
    found = list(dict.fromkeys(found))
    pilots = [c for c in countries.configured_countries() if c in found]
    return pilots + [c for c in found if c not in pilots]


def country_page(iso3: str) -> str:
    """Return the MyST text of a country's landing page (config text escaped)."""
    c = countries.load_country(iso3)
    labels = dict(zip(*[c.groups()[k] for k in ("group", "label")], strict=True))
    lines = [f"# {md_escape(c.name)}", ""]
    if c.configured:
        lines += [
            f"**Lead agency:** {md_escape(c.lead_organisation)}",
            "",
            "**Participating organisations:** " + ", ".join(md_escape(o) for o in c.organisations),
            "",
            f"**National research focus:** {md_escape(c.focus_title)}",
            "",
            "**SDG targets in focus:** " + ", ".join(md_escape(t) for t in c.focus_targets),
            "",
            "**Groups in focus:** "
            + "; ".join(md_escape(labels.get(g, g)) for g in c.focus_groups),
            "",
        ]
        if c.notes:
            lines += [f"*{md_escape(c.notes)}*", ""]
    else:
        lines += [
            "This country has no configuration file, so it runs with the defaults: all goals and "
            "the groups of the SDG 17.18 dimensions. Add `data/countries/"
            f"{iso3}.yaml` to set its research focus.",
            "",
        ]
    lines += brief_links(iso3)
    lines += [data_sentence(iso3), ""]
    lines += settings_lines(iso3)
    lines += mixed_settings(iso3)
    lines += [
        "```{tableofcontents}",
        "```",
        "",
    ]
    return "\n".join(lines)


STATUS_WORDS = {
    "real": "declared real",
    "synthetic": "synthetic demonstration data",
    "mixed": "partly synthetic demonstration data",
    "undeclared": "without a provenance declaration",
}


def data_sentence(iso3: str) -> str:
    """Say what the country's data are, from the declarations of its own files."""
    parts = []
    for s in (
        streams.declared("inventories", inventories.country_files(iso3)),
        streams.declared("testimonies", voices.country_files(iso3)),
    ):
        if s.status == "none":
            parts.append(f"no {s.name} have been added yet")
        else:
            parts.append(f"the {s.name} are {STATUS_WORDS[s.status]}")
    return (
        "Official statistics on these pages are real (UN SDG Global Database, December 2023); "
        + " and ".join(parts)
        + ", as their folders' provenance declarations say. Each page labels its data the same way."
    )


def _page_title(path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def page_settings(iso3: str) -> list[tuple[str, list[str]]]:
    """Return, per published page of a country, the parameters that differ from the defaults.

    Each difference is said in words, from the comment beside the parameter in the template:
    "earliest data year counted in the stocktakes: 2015 (default 2000)".
    """
    out = []
    for name, template in templates().items():
        card = paths.results_dir() / iso3 / "exports" / name / "runcard.json"
        if not card.is_file():
            continue
        used = json.loads(card.read_text(encoding="utf-8")).get("parameters", {})
        changed = []
        for p in template_params.described(template_params.read_template(template)):
            if p.name == "country" or p.name not in used or used[p.name] == p.default:
                continue
            what = p.meaning.split(" (")[0] or p.name.replace("_", " ")
            changed.append(f"{what}: {_shown(used[p.name])} (default {_shown(p.default)})")
        out.append((_page_title(template), changed))
    return out


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == "":
        return "none"
    return str(value)


def settings_lines(iso3: str) -> list[str]:
    """Return the lines that say with which parameters the country's pages were run."""
    pages = page_settings(iso3)
    if not pages:
        return []
    changed = [(title, diffs) for title, diffs in pages if diffs]
    if not changed:
        return ["**Settings:** every page was run with the default parameters.", ""]
    lines = [
        "**Settings:** these pages were run with parameters that differ from the defaults; "
        "the other pages use the defaults.",
        "",
        "| Page | Parameters that differ from the defaults |",
        "|---|---|",
    ]
    for title, diffs in changed:
        lines.append(f"| {md_escape(title)} | {md_escape('; '.join(diffs))} |")
    return [*lines, ""]


def mixed_settings(iso3: str) -> list[str]:
    """Return a warning when a country's pages were made with different settings, else nothing.

    Each page is published whole, one by one as its run succeeds: after a failed or interrupted
    run with new parameters, some pages may show the new settings and others the old ones.
    """
    seen: dict[str, set[str]] = {}
    for nb in sorted((paths.results_dir() / iso3).glob("*.ipynb")):
        try:
            given = json.loads(nb.read_text(encoding="utf-8"))["metadata"]["lnob"]["parameters"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for name, value in given.items():
            seen.setdefault(name, set()).add(json.dumps(value, sort_keys=True))
    if not any(len(values) > 1 for values in seen.values()):
        return []
    return [
        "```{admonition} Pages made with different settings",
        ":class: warning",
        "Not every page below was made with the same settings (after a run that failed or was "
        "interrupted part-way, for example). Each page's run card lists the settings it used.",
        "```",
        "",
    ]


BRIEFS = {"programme": "Programme brief", "advocacy": "Advocacy brief"}


def brief_links(iso3: str) -> list[str]:
    """Return the lines that link a country's brief documents (PDF, Word), for those written."""
    items = []
    for kind, title in BRIEFS.items():
        rel = f"exports/{kind}_brief/{kind}_brief"
        found = [
            f"{{download}}`{label} <{rel}.{ext}>`"
            for ext, label in (("pdf", "PDF"), ("docx", "Word"))
            if (paths.results_dir() / iso3 / f"{rel}.{ext}").is_file()
        ]
        if found:
            items.append(f"{title} ({', '.join(found)})")
    if not items:
        return []
    return ["**Briefs to take into a meeting:** " + "; ".join(items) + ".", ""]


def write_country_pages() -> list[str]:
    """Write ``book/results/<ISO3>/index.md`` for every country with results; return the codes."""
    codes = result_countries()
    for iso3 in codes:
        write_atomic(paths.results_dir() / iso3 / "index.md", country_page(iso3))
    return codes


GLOBAL_AFTER = 8  # with more non-pilot countries than this, they go under one index page


def global_page(codes: list[str]) -> str:
    """Return the index page of every non-pilot country with results (a plain, fast table)."""
    names = countries.iso3_names()
    lines = [
        "# All countries",
        "",
        "Results for countries without a national configuration, run with the defaults (all "
        "goals, the SDG 17.18 groups) from the UN SDG Global Database (December 2023). Each "
        "country's pages are listed in the navigation and below.",
        "",
        "| Country | ISO3 | Pages |",
        "|---|---|---|",
    ]
    for iso3 in codes:
        lines.append(f"| {md_escape(names.get(iso3, iso3))} | {iso3} | {{doc}}`{iso3}/index` |")
    return "\n".join(lines) + "\n"


def write_toc(extra_chapters: list[dict] | None = None) -> dict:
    """Write the table of contents the book is built with; return it.

    It is the hand-written ``_toc.yml`` (:func:`lnob_methods.core.paths.toc_file`) with the
    country parts made from ``book/results/``, written to
    :func:`lnob_methods.core.paths.built_toc_file` in the state folder: the tracked file is only
    read, so running countries never leaves the checkout changed.

    Pilot (configured) countries get a chapter each under "Country results"; when more than
    :data:`GLOBAL_AFTER` other countries have results, those go under an "All countries" index page
    so that the navigation stays short and the build stays fast.

    Parameters
    ----------
    extra_chapters
        Chapters placed after the countries (for example a cross-country synthesis page).
    """
    toc_path = paths.toc_file()
    text = toc_path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    toc = yaml.safe_load(text)
    parts = [p for p in toc.get("parts", []) if p.get("caption") not in {CAPTION, GLOBAL_CAPTION}]
    base = os.path.relpath(paths.results_dir(), paths.ROOT).replace(os.sep, "/")
    order = list(templates())

    def chapter(iso3):
        present = {p.stem for p in (paths.results_dir() / iso3).glob("*.ipynb")}
        sections = [{"file": f"{base}/{iso3}/{n}"} for n in order if n in present]
        return {"file": f"{base}/{iso3}/index", "sections": sections}

    codes = write_country_pages()
    from lnob_methods.site.synthesis import write_page

    page = write_page(codes)
    if page:
        extra_chapters = [*(extra_chapters or []), {"file": f"{base}/{page}"}]
    pilots = [c for c in codes if c in countries.configured_countries()]
    others = [c for c in codes if c not in pilots]
    many = len(others) > GLOBAL_AFTER
    chapters = [chapter(c) for c in (pilots if many else codes)]
    chapters += extra_chapters or []
    new_parts = [{"caption": CAPTION, "chapters": chapters}] if chapters else []
    if many:
        write_atomic(paths.results_dir() / "global.md", global_page(others))
        new_parts.append(
            {
                "caption": GLOBAL_CAPTION,
                "chapters": [{"file": f"{base}/global", "sections": [chapter(c) for c in others]}],
            }
        )
    else:
        (paths.results_dir() / "global.md").unlink(missing_ok=True)
    at = 1 if parts else 0
    toc["parts"] = parts[:at] + new_parts + parts[at:]
    body = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(paths.built_toc_file(), header + body)
    return toc
