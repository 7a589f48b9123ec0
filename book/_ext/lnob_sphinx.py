"""Sphinx extension for the lnob book.

- Shows the methodology version (from ``pyproject.toml``), which version of the book the page
  belongs to (released by ``lnob release``, or development) and the licences in every page footer;
  configures the theme's version switcher (``versions.json`` at the site's root).
- Writes "How to cite" from the version, the year and ``lnob_site_url`` (``lnob-citation``).
- Disables the ``raw`` and ``include`` directives in generated results pages, so text that came from
  data (inventories, testimonies, country configs) can never inject markup or read files.
- Fixes what axe-core reports in markup that myst-nb and docutils write into the page body, and
  removes sphinx-thebe's placeholder Binder configuration (the book has no launch buttons).
- Keeps the navigation short when every country has results: under "All countries" the sidebar
  lists only the country of the page being read (the index page's table lists them all).
- Resolves the navigation's table of contents once per build instead of once per page
  (``lnob_cached_navigation``, on by default).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import markupsafe
from docutils import nodes
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


def book_version_note(version: str, release: str) -> str:
    """Return the sentence every page carries about the version of the book it belongs to.

    ``release`` is the version being released (``lnob release``), or "" for a development build.
    """
    if release:
        return f"This page belongs to version {release} of the book (a released version)."
    return (
        "This page belongs to the development version of the book: changes since the last "
        f"release, on the way to methodology version {version}. Cite a released version."
    )


def _footer(app, config):
    opts = dict(config.html_theme_options or {})
    note = markupsafe.escape(book_version_note(config.lnob_version, config.lnob_release))
    opts["extra_footer"] = (
        f'<p class="lnob-version">Methodology version {config.lnob_version}. {note} '
        "Results are rebuilt from the data by <code>make book</code>; see each page's run card.</p>"
    )
    # The theme's version switcher, from the list `lnob release` and `lnob build` write at the
    # site's root (versions.json; no request leaves the site). Checked by the tests, not here:
    # a development build has no list until it is written after the build.
    base = urlparse(config.lnob_site_url or "/").path or "/"
    opts["switcher"] = {
        "json_url": base.rstrip("/") + "/versions.json",
        "version_match": config.lnob_release or "dev",
    }
    opts["check_switcher"] = False
    # The licences of the text and of the code, with a link to "How to cite" (a template, so that
    # the link is relative to each page).
    items = opts.get("footer_content_items") or [
        "author.html",
        "copyright.html",
        "last-updated.html",
        "extra-footer.html",
    ]
    if isinstance(items, str):
        items = [i.strip() for i in items.split(",") if i.strip()]
    opts["footer_content_items"] = [*items, "lnob-licence.html"]
    config.html_theme_options = opts


def citation_year(copyright_text: str) -> str:
    """Return the last four-digit year in the book's ``copyright`` setting (``"2026"``)."""
    years = re.findall(r"\b(\d{4})\b", copyright_text or "")
    if not years:
        raise ValueError(f"no year in the book's copyright setting: {copyright_text!r}")
    return years[-1]


def citation(config) -> tuple[str, str]:
    """Return the recommended citation of the book and its BibTeX entry, from ``config``."""
    year = citation_year(config.copyright)
    author = config.author.split(" (")[0]  # "The lnob project", without the parenthesis
    url = config.lnob_site_url
    title = config.html_title  # Jupyter Book's "title"; Sphinx's "project" stays unset
    text = f"{author} ({year}). {title}. Methodology version {config.lnob_version}. {url}"
    bibtex = (
        f"@book{{lnob{year},\n"
        f"  author = {{{{{author}}}}},\n"
        f"  title = {{{{{title}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  edition = {{Methodology version {config.lnob_version}}},\n"
        f"  url = {{{url}}},\n"
        "}"
    )
    return text, bibtex


class _Citation(Directive):
    """``lnob-citation``: the recommended citation and its BibTeX, from the book's configuration."""

    has_content = False

    def run(self):  # noqa: D102
        env = self.state.document.settings.env
        # Re-read the page when what it is made from changes: the title, year and address
        # (_config.yml), the version (pyproject.toml) and this code.
        for source in (ROOT / "_config.yml", ROOT / "pyproject.toml", Path(__file__)):
            env.note_dependency(str(source))
        config = env.config
        text, bibtex = citation(config)
        out = [
            nodes.block_quote("", nodes.paragraph(text, text, classes=["lnob-citation"])),
            nodes.paragraph("", "In BibTeX:"),
            nodes.literal_block(bibtex, bibtex, language="bibtex"),
        ]
        if "example.org" in config.lnob_site_url:
            note = (
                "The address in the citation is a placeholder: the book is not published at its "
                "final address yet. Until it is, cite the address where you read it."
            )
            out.append(nodes.paragraph(note, note, classes=["lnob-placeholder"]))
        return out


# Written beside the site by `lnob build` (lnob_methods.formats.book_pdf).
BOOK_PDF = "lnob-book.pdf"


class _BookPdf(Directive):
    """``lnob-book-pdf``: a link to the method chapters as one PDF, relative to the page.

    The PDF is written into the site's root after the site is built, so Sphinx cannot check the
    link; the end-to-end tests do. Nothing in the single-page build the PDF is made from.
    """

    has_content = False

    def run(self):  # noqa: D102
        env = self.state.document.settings.env
        if env.app.builder.name != "html":
            return []
        uri = "../" * env.docname.count("/") + BOOK_PDF
        link = nodes.reference("", "the method chapters as one PDF", refuri=uri)
        text = " (A4, for reading offline and for citing; the version and date are on its cover)."
        return [
            nodes.paragraph(
                "", "", nodes.Text("Download "), link, nodes.Text(text), classes=["lnob-book-pdf"]
            )
        ]


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


def _fix_body_markup(app, pagename, templatename, context, doctree):
    # Markup others write into the page body that axe-core 4.14 reports:
    # - docutils marks a bibliography role="list" and its entries role="doc-biblioentry", a role
    #   deprecated in DPUB-ARIA 1.1 and not allowed on a div; the entries are list items.
    # - myst-nb names its "Show code cell source" toggles aria-label="Toggle hidden content",
    #   which hides their visible text from the name (label-content-name-mismatch, WCAG 2.5.3).
    #   Without the label, the name is the visible "Show code cell source" / "Hide ...".
    body = context.get("body")
    if not body:
        return
    body = link_full_size_figures(body)
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    context["body"] = body


_IMG = re.compile(r'<img\b[^>]*\bsrc="([^"]*_images/[^"]+)"[^>]*>')
_OPEN_A = re.compile(r"<a\b[^>]*>\s*$")


def link_full_size_figures(body: str) -> str:
    """Wrap each figure of a page that is not yet a link in a link to its full-size image.

    Figures are drawn wider than the text column and shrunk to fit it, on a phone several times
    over: a tap opens the image at its own size, where its text can be read. The image's
    alternative text names the link.
    """
    out, last = [], 0
    for m in _IMG.finditer(body):
        out.append(body[last : m.start()])
        if _OPEN_A.search(body[max(0, m.start() - 300) : m.start()]):
            out.append(m.group(0))  # already a link (Sphinx links scaled images itself)
        else:
            out.append(f'<a class="lnob-figure-link" href="{m.group(1)}">{m.group(0)}</a>')
        last = m.end()
    out.append(body[last:])
    return "".join(out)


def _drop_thebe(app, doctree, docname):
    # Jupyter Book always loads sphinx-thebe, which appends to every page a Binder configuration
    # for its placeholder repository (binder-examples/jupyter-stacks-datascience). The book has no
    # launch buttons: remove it, and the script and style that would use it.
    for node in list(doctree.findall(nodes.raw)):
        text = node.astext()
        if "text/x-thebe-config" in text or text.startswith("<script>kernelName"):
            node.parent.remove(node)


def _drop_thebe_assets(app, pagename, templatename, context, doctree):
    def thebe(asset):
        name = getattr(asset, "filename", None) or ""
        body = getattr(asset, "attributes", {}).get("body", "")
        return "sphinx-thebe" in name or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if context.get(key):
            context[key][:] = [a for a in context[key] if not thebe(a)]


def _escape_pagetitle(app, pagename, templatename, context, doctree):
    """Escape the page title that sphinx-book-theme prints unescaped.

    The theme sets ``pagetitle`` to the title's plain text (entities decoded: a country named
    ``<script>...`` in its config is text in the page, but markup there) and writes it into a
    print-only ``<h1>`` without escaping. Escaped here, after the theme (priority 500) set it.
    """
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = markupsafe.escape(context["pagetitle"])


_FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*scripts/fontawesome\.js[^"]*"></script>')


def without_fontawesome_js(head: str) -> markupsafe.Markup:
    """Return the theme's head markup without its Font Awesome script.

    pydata-sphinx-theme loads ``fontawesome.js`` (1.49 MB) on every page to replace its icons'
    ``<i class="fa-...">`` by SVG; its stylesheet already draws them from the Font Awesome web
    font, so the page looks the same and is 1.49 MB lighter.
    """
    return markupsafe.Markup(_FONTAWESOME_JS.sub("", str(head)))


_SEARCH_JS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"'
    r"></script>"
)


def without_search_js(head: str, search_as_you_type: object = False) -> markupsafe.Markup:
    """Return the theme's head markup without Sphinx's search scripts, unless they are used.

    pydata-sphinx-theme loads the search index (139 kB) and its tools on every page for its
    search-as-you-type option. With the option off (the theme's default, and this book's) the
    search box sends readers to the search page, which loads them itself.
    """
    if str(search_as_you_type).lower() == "true":
        return markupsafe.Markup(head)
    return markupsafe.Markup(_SEARCH_JS.sub("", str(head)))


def _template_filters(app):
    if hasattr(app.builder, "templates"):
        filters = app.builder.templates.environment.filters
        filters["without_fontawesome_js"] = without_fontawesome_js
        filters["without_search_js"] = without_search_js


def palette_png(path: Path) -> bool:
    """Rewrite a PNG figure with a palette of 256 colours when that makes it smaller.

    See :func:`lnob_methods.formats.figures.palette_png`: the runs convert the country pages'
    figures as they publish them, so this finds only the figures of the hand-written chapters
    left to do. Returns whether the file was rewritten.
    """
    from lnob_methods.formats.figures import palette_png as lighter

    smaller = lighter(path.read_bytes())
    if smaller is None:
        return False
    path.write_bytes(smaller)
    return True


def _lighter_figures(app, exception):
    if exception is None and app.builder.format == "html":
        for png in sorted((Path(app.outdir) / "_images").glob("*.png")):
            palette_png(png)


def _stem_once_per_word():
    # Sphinx's search index stems the words of each page afresh (30,000 stems for this book, a
    # second of the build); a word's stem is the same on every page, so it is computed once.
    from sphinx.search import en

    plain = en.SearchEnglish.stem
    if getattr(plain, "lnob_once", False):
        return
    stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        found = stems.get(word)
        if found is None:
            found = stems[word] = plain(self, word)
        return found

    stem.lnob_once = True
    en.SearchEnglish.stem = stem


def _plugins_looked_up_once():
    # pybtex looks its plugins up in the installed packages' entry points for every citation the
    # bibliography resolves, reading the metadata of every installed package (0.3 s of the site
    # build for 43 citations). The packages do not change during a build: each lookup is done once.
    import functools

    from pybtex import plugin

    looked_up = plugin.entry_points
    if getattr(looked_up, "cache_info", None) is not None:
        return

    @functools.cache
    def entry_points(group=None, name=None):
        return tuple(looked_up(group=group, name=name))

    plugin.entry_points = entry_points


def setup(app):
    """Register the lnob additions with Sphinx."""
    _stem_once_per_word()
    _plugins_looked_up_once()
    version = methodology_version()
    app.add_config_value("lnob_version", version, "html")
    # Set by `lnob release X.Y.Z` for the build of a released version; empty for development.
    app.add_config_value("lnob_release", os.environ.get("LNOB_RELEASE", ""), "html")
    app.config.version = version
    app.config.release = version
    app.connect("source-read", _guard_results)
    app.connect("builder-inited", _template_filters)
    app.connect("build-finished", _lighter_figures)
    app.connect("config-inited", _footer)
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("html-page-context", _fix_body_markup)
    app.connect("html-page-context", _drop_thebe_assets)
    # After sphinx-thebe (priority 500) has appended its configuration.
    app.connect("doctree-resolved", _drop_thebe, priority=900)
    app.add_config_value("lnob_site_url", "", "html")
    app.add_directive("lnob-citation", _Citation)
    app.add_directive("lnob-book-pdf", _BookPdf)
    app.connect("html-page-context", _label_toc_toggles, priority=900)
    app.connect("html-page-context", _escape_pagetitle, priority=900)
    # Before the theme (priority 500) renders the sidebar through context["toctree"].
    app.add_config_value("lnob_global_index", "book/results/global", "html")
    app.connect("html-page-context", _prune_global_nav, priority=400)
    # Every page's sidebar resolves the whole table of contents: resolved once per build here
    # (lnob_methods.site.toctree_cache; the same site, byte for byte).
    from lnob_methods.site import toctree_cache

    app.add_config_value("lnob_cached_navigation", True, "html")
    toctree_cache.install(app)
    return {"version": version, "parallel_read_safe": False, "parallel_write_safe": True}
