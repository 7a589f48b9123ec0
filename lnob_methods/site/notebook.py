"""Helpers that results notebooks call: deterministic set-up, safe tables, the run card."""

from __future__ import annotations

import html
import os

import matplotlib as mpl
import pandas as pd
from IPython.display import HTML, display

from lnob_methods.analysis import brief_content
from lnob_methods.core import paths, yamlio
from lnob_methods.formats import briefs as brief_documents
from lnob_methods.run import runcard
from lnob_methods.site import notices
from lnob_methods.site.display import for_readers


def setup() -> None:
    """Fix display and figure settings so every run renders the same bytes."""
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    mpl.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "svg.hashsalt": "lnob",
            "font.family": "DejaVu Sans",
            "figure.autolayout": False,
        }
    )


def _table_html(df: pd.DataFrame, caption: str = "") -> str:
    """Return a table as escaped HTML: text from data is shown, never interpreted.

    Parameters
    ----------
    df
        The table; its index is not shown.
    caption
        A caption shown above the table (escaped too). A table without rows is shown as its
        caption and "Nothing to list." (a country with no data for it), never as a header over
        nothing.
    """
    df = df.copy()
    df.columns.name = None  # a leftover axis name would show as an extra header cell
    for col in df.columns:
        # Nullable columns (suppressed counts are Int64 NA) would print "<NA>", not na_rep.
        if isinstance(df[col].dtype, pd.api.extensions.ExtensionDtype) and df[col].isna().any():
            df[col] = df[col].astype(object).where(df[col].notna(), "–")
    cap = f"<p><strong>{html.escape(caption)}</strong></p>" if caption else ""
    if df.empty:  # a header over no rows says nothing: say so in words
        return cap + '<p class="lnob-empty-table">Nothing to list.</p>'
    body = df.to_html(index=False, escape=True, na_rep="–", border=0, classes="lnob-table")
    return cap + body


def notice(lines: list[str]) -> None:
    """Tell the user of ``lnob run`` something on the console, not on the page.

    The runner names a file in ``LNOB_NOTICES`` (in the run's staging folder, never published)
    and prints its lines after the run. Outside a run this does nothing: a notebook's own
    standard error would show on the page and fail the book build. Never pass personal data.
    """
    target = os.environ.get("LNOB_NOTICES")
    if not target or not lines:
        return
    with open(target, "a", encoding="utf-8") as fh:
        fh.writelines(f"{line}\n" for line in lines)


def show_table(df: pd.DataFrame, caption: str = "") -> None:
    """Display a table for readers, as escaped HTML.

    The table goes through the display layer (:func:`lnob_methods.site.display.for_readers`):
    words for codes, yes/no for booleans, rounded numbers. Text from data is shown, never
    interpreted (``_table_html``).
    """
    display(HTML(_table_html(for_readers(df), caption)))


def show_notice(streams, place: str) -> None:
    """Display the page's data notice from its streams' declarations (nothing when all real)."""
    text = notices.notice_html(streams, place)
    if text:
        display(HTML(text))


def show_findings(sentences) -> None:
    """Display the sentences that open a page: what was found."""
    text = notices.findings_html(sentences)
    if text:
        display(HTML(text))


def show_sources(streams) -> None:
    """Display the Sources of a page: every stream it used, with its vintage or declaration."""
    display(HTML(notices.sources_html(streams)))


def show_run_card() -> None:
    """Display the run card written by the runner beside this run, folded.

    Readers come for the results: the card is a ``<details>`` element, closed until opened.
    """
    card = runcard.read()
    rows = [
        ("Methodology version", card["methodology_version"]),
        ("Git commit", card["git_commit"]),
        ("Run date (fixed: commit date)", card["run_date"]),
        ("Country", card["country"]),
        ("Notebook", card["notebook"]),
        ("Python", card["python"]),
    ]
    rows += [(f"Parameter {k}", repr(v)) for k, v in card["parameters"].items()]
    rows += [(f"Package {k}", v) for k, v in card["packages"].items()]
    rows += [(f"Input {k}", f"sha256 {v}") for k, v in card["inputs"].items()]
    table = _table_html(pd.DataFrame(rows, columns=["Item", "Value"]))
    summary = html.escape(
        f"Run card: how this page was made (method {card['methodology_version']}, "
        f"{card['run_date'][:10]})"
    )
    display(HTML(f'<details class="lnob-run-card"><summary>{summary}</summary>{table}</details>'))


def site_url() -> str:
    """Return the site's address (``html.baseurl`` of ``_config.yml``), or "" when not set."""
    config = yamlio.safe_load((paths.ROOT / "_config.yml").read_text(encoding="utf-8")) or {}
    return str((config.get("html") or {}).get("baseurl") or "")


def write_briefs(ce, kind: str, folder: str = "exports", brief=None) -> None:
    """Write the brief of this page as PDF and Word into ``folder`` (published with the page).

    Parameters
    ----------
    ce
        The country's evidence (:func:`lnob_methods.analysis.country_evidence.assemble`).
    kind
        ``"programme"`` or ``"advocacy"``.
    folder
        Where to write, relative to the run's working directory.
    brief
        The brief's content if the page has built it already
        (:func:`lnob_methods.analysis.brief_content.build` of ``ce`` and ``kind``), else built here.
    """
    results = os.path.relpath(paths.results_dir(), paths.ROOT).replace(os.sep, "/")
    base = site_url()
    title = brief_content.KINDS[kind]
    where = (
        f"{base.rstrip('/')}/{results}/{ce.place.iso3}/{kind}_brief.html"
        if base
        else f"the page {title} of {ce.place.name} on the project's website (Country results)"
    )
    if brief is None:
        brief = brief_content.build(ce, kind)
    brief_documents.write_brief(brief, runcard.read(), folder, run_card_url=where)
