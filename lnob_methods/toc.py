"""The book's table of contents and country landing pages, generated from ``book/results/``.

Only the part captioned "Country results" of ``_toc.yml`` is rewritten; the hand-written parts are
kept as they are, so adding a country needs no hand edit.
"""

from __future__ import annotations

import os

import yaml

from . import countries, paths, publish
from .runner import templates

CAPTION = "Country results"


def md_escape(text: str) -> str:
    """Return text that MyST shows literally (no roles, directives, links, HTML or math)."""
    special = "\\`*_{}[]()<>#+-.!|$:~=&"
    return "".join("\\" + ch if ch in special else ch for ch in str(text))


def result_countries() -> list[str]:
    """Return the countries with at least one published notebook: pilots first, then by code."""
    found = sorted(p.parent.name for p in paths.RESULTS.glob("*/*.ipynb"))
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
            f"**Lead agency:** {md_escape(c.lead_organisation)}", "",
            "**Participating organisations:** "
            + ", ".join(md_escape(o) for o in c.organisations), "",
            f"**National research focus:** {md_escape(c.focus_title)}", "",
            "**SDG targets in focus:** " + ", ".join(md_escape(t) for t in c.focus_targets), "",
            "**Groups in focus:** "
            + "; ".join(md_escape(labels.get(g, g)) for g in c.focus_groups), "",
        ]  # fmt: skip
        if c.notes:
            lines += [f"*{md_escape(c.notes)}*", ""]
    else:
        lines += [
            "This country has no configuration file, so it runs with the defaults: all goals and "
            "the groups of the SDG 17.18 dimensions. Add `data/countries/"
            f"{iso3}.yaml` to set its research focus.", "",
        ]  # fmt: skip
    lines += [
        "Official statistics on these pages are real (UN SDG Global Database, December 2023). "
        "Organisations' evidence inventories and testimonies, where shown, are synthetic "
        "demonstration data and are labelled so.", "",
        "```{tableofcontents}", "```", "",
    ]  # fmt: skip
    return "\n".join(lines)


def write_country_pages() -> list[str]:
    """Write ``book/results/<ISO3>/index.md`` for every country with results; return the codes."""
    codes = result_countries()
    for iso3 in codes:
        publish.write_atomic(paths.RESULTS / iso3 / "index.md", country_page(iso3))
    return codes


def write_toc(extra_chapters: list[dict] | None = None) -> dict:
    """Rewrite the "Country results" part of ``_toc.yml`` from ``book/results/``; return the toc.

    Parameters
    ----------
    extra_chapters
        Chapters placed after the countries (for example a cross-country synthesis page).
    """
    toc_path = paths.TOC
    text = toc_path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    toc = yaml.safe_load(text)
    parts = [p for p in toc.get("parts", []) if p.get("caption") != CAPTION]
    order = list(templates())
    base = os.path.relpath(paths.RESULTS, paths.ROOT).replace(os.sep, "/")
    chapters = []
    for iso3 in write_country_pages():
        present = {p.stem for p in (paths.RESULTS / iso3).glob("*.ipynb")}
        sections = [{"file": f"{base}/{iso3}/{n}"} for n in order if n in present]
        chapters.append({"file": f"{base}/{iso3}/index", "sections": sections})
    chapters += extra_chapters or []
    if chapters:
        parts.insert(1 if parts else 0, {"caption": CAPTION, "chapters": chapters})
    toc["parts"] = parts
    body = yaml.safe_dump(toc, sort_keys=False, allow_unicode=True, width=100)
    publish.write_atomic(toc_path, header + body)
    return toc
