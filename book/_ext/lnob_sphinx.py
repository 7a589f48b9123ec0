"""Sphinx extension for the lnob book.

- Shows the methodology version (from ``pyproject.toml``) in every page footer.
- Disables the ``raw`` and ``include`` directives in generated results pages, so text that came from
  data (inventories, testimonies, country configs) can never inject markup or read files.
- Keeps the navigation short when every country has results: under "All countries" the sidebar
  lists only the country of the page being read (the index page's table lists them all).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from docutils.parsers.rst import Directive, directives
from sphinx import addnodes

ROOT = Path(__file__).resolve().parents[2]


def methodology_version() -> str:
    """Return the version declared in pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


class _Refused(Directive):
    """A directive that refuses to run: used in place of raw and include for results pages."""

    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True
    option_spec = None

    def run(self):  # noqa: D102
        raise self.error(f"The {self.name!r} directive is disabled in lnob results pages.")


def _guard_results(app, docname, source):
    # Results pages are generated from data: raw HTML and file inclusion are never legitimate there.
    if docname.startswith("book/results/"):
        directives.register_directive("raw", _Refused)
        directives.register_directive("include", _Refused)
    else:
        from docutils.parsers.rst.directives.misc import Include, Raw

        directives.register_directive("raw", Raw)
        directives.register_directive("include", Include)


def _footer(app, config):
    opts = dict(config.html_theme_options or {})
    opts["extra_footer"] = (
        f'<p class="lnob-version">Methodology version {config.lnob_version}. '
        "Results are rebuilt from the data by <code>make book</code>; see each page's run card.</p>"
    )
    config.html_theme_options = opts


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    # sphinx-thebe registers its inline configuration twice under Jupyter Book 1, which declares a
    # const twice and raises a console error on every page: keep the first of identical scripts.
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for js in scripts:
        name = getattr(js, "filename", str(js)) or ""  # None and "" both mean an inline script
        key = (name, tuple(sorted(getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(js)
    scripts[:] = kept


_SUMMARY = re.compile(r"(>)([^<>]+)(</a><details[^>]*><summary)(>)")


def _label_toc_toggles(app, pagename, templatename, context, doctree):
    # The theme's collapsible sidebar sections are <summary> elements with only an icon inside:
    # screen readers announce nothing (axe "summary-name"). Name each after its section.
    make = context.get("generate_toctree_html")
    if make is None or getattr(make, "_lnob_labelled", False):
        return

    def labelled(*args, **kwargs):
        html = make(*args, **kwargs)
        return _SUMMARY.sub(
            lambda m: (
                f'{m[1]}{m[2]}{m[3]} aria-label="Show or hide the pages of {m[2].strip()}"{m[4]}'
            ),
            str(html),
        )

    labelled._lnob_labelled = True
    context["generate_toctree_html"] = labelled


def _country_index(pagename: str, results: str) -> str | None:
    """Return the index page of the country a page under ``results/`` belongs to, or None."""
    country, _, page = pagename.removeprefix(results + "/").partition("/")
    if pagename.startswith(results + "/") and page and "/" not in page:
        return f"{results}/{country}/index"
    return None


def _prune_global_nav(app, pagename, templatename, context, doctree):
    # With every country of the database published, the "All countries" index has some 245
    # countries below it. Rendered into every page's sidebar, that navigation made writing the
    # site quadratic in the number of countries (most of a 3-minute build). Each page's sidebar
    # instead lists, under that index, only the country the page belongs to.
    index = app.config.lnob_global_index
    make = context.get("toctree")
    if make is None or index not in app.env.tocs:
        return
    keep = _country_index(pagename, index.rpartition("/")[0])

    def pruned(**kwargs):
        tocs = app.env.tocs
        full = tocs[index]
        small = full.deepcopy()
        for node in small.findall(addnodes.toctree):
            node["entries"] = [(title, ref) for title, ref in node["entries"] if ref == keep]
            node["includefiles"] = [ref for ref in node["includefiles"] if ref == keep]
        tocs[index] = small
        try:
            return make(**kwargs)
        finally:
            tocs[index] = full

    context["toctree"] = pruned


def _fix_citation_list(app, pagename, templatename, context, doctree):
    # Docutils marks the bibliography container role="list" but its entries are
    # role="doc-biblioentry", which axe reports as a list without list items: use the DPUB role.
    body = context.get("body")
    if body and 'role="list" class="citation-list"' in body:
        context["body"] = body.replace(
            'role="list" class="citation-list"', 'role="doc-bibliography" class="citation-list"'
        )


def setup(app):
    """Register the lnob additions with Sphinx."""
    version = methodology_version()
    app.add_config_value("lnob_version", version, "html")
    app.config.version = version
    app.config.release = version
    app.connect("source-read", _guard_results)
    app.connect("config-inited", _footer)
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("html-page-context", _fix_citation_list)
    app.connect("html-page-context", _label_toc_toggles, priority=900)
    # Before the theme (priority 500) renders the sidebar through context["toctree"].
    app.add_config_value("lnob_global_index", "book/results/global", "html")
    app.connect("html-page-context", _prune_global_nav, priority=400)
    return {"version": version, "parallel_read_safe": False, "parallel_write_safe": True}
