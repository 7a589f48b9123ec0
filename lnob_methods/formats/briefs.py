"""The programme and advocacy briefs as documents: PDF (WeasyPrint, A4 print CSS) and Word.

Both are written from one :class:`~lnob_methods.analysis.brief_content.Brief`, so they say the
same thing. Reproducible: the dates inside the documents are the run date of the run card (the
commit date, or ``SOURCE_DATE_EPOCH``), never the clock, and figures are drawn with fixed settings.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import re
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from lnob_methods.analysis.brief_content import Brief, Finding
from lnob_methods.core.workbook import write_reproducible_zip

DEFAULT_COLOUR = "#1f4e79"


# Characters XML 1.0 cannot hold (python-docx refuses them;
# WeasyPrint draws an empty box): dropped from text read from inputs.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def _e(text: object) -> str:
    """Return text from inputs escaped for HTML, without the characters no document can hold."""
    return html.escape(_x(text))


def _css_string(text: object) -> str:
    """Return text for a CSS string inside a style element.

    Every character but ASCII letters, digits, spaces and a few signs becomes a CSS escape, so
    that no quote or "</style" in a country's text can end the string or the element.
    """
    safe = set(" .,:;·-()")
    return "".join(
        ch if ch.isalnum() and ch.isascii() or ch in safe else f"\\{ord(ch):x} " for ch in _x(text)
    )


def _date(card: dict) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(card.get("run_date", "")))
    except ValueError:
        when = dt.datetime(1980, 1, 1)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def reading_date(card: dict) -> str:
    """Return the run date of ``card`` for reading ("30 November 2026")."""
    d = _date(card)
    return f"{d.day} {d:%B %Y}"


STREAM_NAMES = {"inventories": "Evidence inventories", "testimonies": "Testimonies"}


def input_groups(inputs: dict[str, str]) -> dict[str, list[str]]:
    """Return the run's inputs grouped for reading, each group's "path digest" lines sorted.

    The groups: the country configuration, each evidence stream, and the rest (reference data and
    the notebook template).
    """
    out: dict[str, list[str]] = {}
    for path, digest in sorted(inputs.items()):
        parts = path.split("/")
        if parts[:2] == ["data", "countries"] and len(parts) == 3:
            name = "Country configuration"
        elif parts[:2] == ["data", "countries"] and len(parts) > 4:
            name = STREAM_NAMES.get(parts[3], "Other country data")
        else:
            name = "Reference data and template"
        out.setdefault(name, []).append(f"{path} {digest}")
    return out


def appendix_rows(card: dict) -> list[tuple[str, str]]:
    """Return the run card reduced for a brief: version, date, commit and short fingerprints.

    Each group of inputs (:func:`input_groups`) gets one fingerprint: the SHA-256 of its lines
    "path digest", abbreviated to 12 digits; the run card on the site lists every file.
    """
    commit = str(card.get("git_commit", "unknown"))
    short = commit[:10] + (" (with changes)" if commit.endswith("+changes") else "")
    rows = [
        ("Method version", str(card.get("methodology_version", "unknown"))),
        ("Run date", reading_date(card)),
        ("Commit", short if re.match(r"[0-9a-f]{10}", commit) else commit),
    ]
    for name, lines in input_groups(card.get("inputs", {})).items():
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]
        files = "1 file" if len(lines) == 1 else f"{len(lines)} files"
        rows.append((name, f"{files}, fingerprint {digest}…"))
    return rows


def chart_png(chart: pd.DataFrame, title: str, colour: str = DEFAULT_COLOUR) -> bytes:
    """Return a horizontal bar chart of ``chart`` (``label``, ``value``) as PNG bytes.

    The PDF and the Word document of a brief show the same charts: each is drawn once.
    """
    return _chart_png(tuple(chart["label"]), tuple(chart["value"]), title, colour)


@lru_cache(maxsize=32)
def _chart_png(labels: tuple, values: tuple, title: str, colour: str) -> bytes:
    # A Figure without pyplot: no backend is chosen or changed, so the notebook that writes the
    # brief keeps its inline figures.
    with mpl.rc_context({"font.family": "DejaVu Sans", "svg.hashsalt": "lnob", "font.size": 9}):
        fig = Figure(figsize=(6.3, 0.45 * len(labels) + 0.9), dpi=150)
        ax = fig.subplots()
        labels = list(labels)[::-1]
        values = list(values)[::-1]
        ax.barh(labels, values, color=colour)
        for y, v in enumerate(values):
            ax.text(v, y, f" {v}%", va="center", fontsize=8)
        ax.set_xlim(0, max(values + [1]) * 1.18)
        ax.set_title(title, fontsize=9, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


# ---- PDF ---------------------------------------------------------------------------------------

# Testimonies are quoted in their language: DejaVu has Latin (Vietnamese included) but not
# Devanagari or Bengali, which the Lohit fonts cover (Debian packages, see `make system-deps`).
PRINT_CSS = """
@page { size: A4; margin: 18mm 17mm 18mm 17mm;
  @bottom-left { content: "%(footer)s"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 7.5pt; color: #555; } }
html { font-family: "DejaVu Sans", "Lohit Devanagari", "Lohit Bengali", sans-serif;
  font-size: 9pt; line-height: 1.35; color: #111; }
h1 { font-size: 17pt; color: %(colour)s; margin: 0 0 2mm 0; }
h2 { font-size: 11.5pt; color: %(colour)s; margin: 5mm 0 1.5mm 0; break-after: avoid; }
.meta { color: #333; margin: 0 0 1mm 0; }
.logo { float: right; max-height: 16mm; max-width: 45mm; margin-left: 4mm; }
.rule { border-top: 2pt solid %(colour)s; margin: 2mm 0 3mm 0; }
.notice { border: 1.5pt solid #b35c00; background: #fff3e0; padding: 2mm 3mm; margin: 2mm 0;
  font-weight: bold; }
.summary { font-size: 10pt; }
table { border-collapse: collapse; width: 100%%; margin: 1.5mm 0 2mm 0; font-size: 7.8pt;
  break-inside: auto; }
th { text-align: left; border-bottom: 1pt solid %(colour)s; padding: 0.8mm 1.2mm; }
td { border-bottom: 0.4pt solid #ccc; padding: 0.8mm 1.2mm; vertical-align: top; }
tr { break-inside: avoid; }
img.chart { width: 150mm; display: block; margin: 1mm 0; }
.appendix { font-size: 7.8pt; color: #333; }
.appendix table { width: auto; }
a { color: %(colour)s; }
"""


def _html_table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _finding_html(f: Finding, colour: str) -> str:
    parts = [f"<h2>{_e(f.heading)}</h2>", f"<p>{_e(f.text)}</p>"]
    if f.chart is not None and len(f.chart):
        png = base64.b64encode(chart_png(f.chart, f.chart_title, colour)).decode()
        alt = _e(f.chart_title)
        parts.append(f'<img class="chart" alt="{alt}" src="data:image/png;base64,{png}">')
    if f.table is not None and len(f.table):
        parts.append(_html_table(f.table))
    return "\n".join(parts)


def brief_html(brief: Brief, card: dict, *, run_card_url: str = "") -> str:
    """Return the brief as one HTML document with its A4 print CSS (for WeasyPrint)."""
    colour = brief_colour(brief)
    e = _e
    when = _date(card).strftime("%Y-%m-%dT%H:%M:%SZ")
    footer = f"{brief.title} · method version {card.get('methodology_version', '')}"
    css = PRINT_CSS % {"colour": colour, "footer": _css_string(footer)}
    logo_tag, logo = "", brief.logo
    if logo:
        data = base64.b64encode(Path(logo).read_bytes()).decode()
        mime = "image/png" if logo.lower().endswith(".png") else "image/jpeg"
        logo_tag = f'<img class="logo" alt="logo" src="data:{mime};base64,{data}">'
    org = ", ".join(e(o) for o in brief.organisations)
    body = [
        logo_tag,
        f"<h1>{e(brief.title)}</h1>",
        f'<p class="meta">{e(reading_date(card))} · Leave No One Behind evidence process, '
        f"method version {e(str(card.get('methodology_version', '')))}</p>",
    ]
    if brief.lead_agency:
        body.append(f'<p class="meta"><b>Lead agency:</b> {e(brief.lead_agency)}</p>')
    if org:
        body.append(f'<p class="meta"><b>Participating organisations:</b> {org}</p>')
    if brief.focus_title:
        body.append(f'<p class="meta"><b>Research focus:</b> {e(brief.focus_title)}</p>')
    body.append('<div class="rule"></div>')
    if brief.synthetic_notice:
        body.append(f'<p class="notice">{e(brief.synthetic_notice)}</p>')
    body.append(f'<p class="summary">{e(brief.summary)}</p>')
    body += [_finding_html(f, colour) for f in brief.findings]
    if brief.questions:
        items = "".join(f"<li>{e(q)}</li>" for q in brief.questions)
        body.append(f"<h2>For the meeting</h2><ul>{items}</ul>")
    body.append("<h2>Sources</h2><ul>" + "".join(f"<li>{e(s)}</li>" for s in brief.sources))
    body.append("</ul>")
    rows = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in appendix_rows(card))
    where = e(run_card_url)
    if run_card_url.startswith(("https://", "http://")):
        where = f'<a href="{where}">{where}</a>'
    link = (
        f" The full run card (every parameter, package and input) is at the end of {where}."
        if run_card_url
        else ""
    )
    body.append(
        f'<div class="appendix"><h2>Appendix: how this brief was made</h2><p>Produced by the '
        f"lnob library from the same results as the website pages.{link}</p>"
        f"<table>{rows}</table></div>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(brief.title)}</title>"
        f'<meta name="author" content="{e(brief.lead_agency or "lnob")}">'
        f'<meta name="generator" content="lnob">'
        f'<meta name="dcterms.created" content="{when}">'
        f'<meta name="dcterms.modified" content="{when}">'
        f"<style>{css}</style></head><body>" + "\n".join(body) + "</body></html>"
    )


def brief_colour(brief: Brief) -> str:
    """Return the brief's colour: the country office's own, else the default."""
    return brief.colour or DEFAULT_COLOUR


def write_pdf(brief: Brief, card: dict, path: Path, *, run_card_url: str = ""):
    """Write the brief as an A4 PDF; return the path."""
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, slow for other callers

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = brief_html(brief, card, run_card_url=run_card_url)
    HTML(string=doc, base_url=str(path.parent)).write_pdf(path, pdf_identifier=brief.iso3.encode())
    return path


# ---- Word --------------------------------------------------------------------------------------


def write_docx(brief: Brief, card: dict, path: Path, *, run_card_url: str = ""):
    """Write the brief as a Word document (A4, editable styles); return the path."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    colour = RGBColor.from_string(brief_colour(brief).lstrip("#").upper())
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(17)
        section.top_margin = section.bottom_margin = Mm(18)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "DejaVu Sans", Pt(9)
    for name, size in (("Title", 17), ("Heading 1", 11.5)):
        st = doc.styles[name]
        st.font.color.rgb, st.font.size, st.font.name = colour, Pt(size), "DejaVu Sans"
    if brief.logo:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run().add_picture(brief.logo, height=Mm(16))
    doc.add_paragraph(_x(brief.title), style="Title")
    doc.add_paragraph(
        f"{reading_date(card)} · Leave No One Behind evidence process, method version "
        f"{card.get('methodology_version', '')}"
    )
    for label, value in (
        ("Lead agency", brief.lead_agency),
        ("Participating organisations", ", ".join(brief.organisations)),
        ("Research focus", brief.focus_title),
    ):
        if value:
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(_x(value))
    if brief.synthetic_notice:
        run = doc.add_paragraph().add_run(_x(brief.synthetic_notice))
        run.bold, run.font.color.rgb = True, RGBColor(0xB3, 0x5C, 0x00)
    doc.add_paragraph(_x(brief.summary)).runs[0].font.size = Pt(10)
    for f in brief.findings:
        doc.add_heading(_x(f.heading), level=1)
        doc.add_paragraph(_x(f.text))
        if f.chart is not None and len(f.chart):
            png = chart_png(f.chart, f.chart_title, brief_colour(brief))
            doc.add_picture(io.BytesIO(png), width=Mm(150))
        if f.table is not None and len(f.table):
            _docx_table(doc, f.table, Pt(7.8))
    if brief.questions:
        doc.add_heading("For the meeting", level=1)
        for q in brief.questions:
            doc.add_paragraph(_x(q), style="List Bullet")
    doc.add_heading("Sources", level=1)
    for s in brief.sources:
        doc.add_paragraph(_x(s), style="List Bullet")
    doc.add_heading("Appendix: how this brief was made", level=1)
    text = "Produced by the lnob library from the same results as the website pages."
    if run_card_url:
        text += " The full run card (every parameter, package and input) is at the end of "
        text += run_card_url + "."
    doc.add_paragraph(_x(text))
    _docx_table(doc, pd.DataFrame(appendix_rows(card), columns=["Item", "Value"]), Pt(7.8))
    when = _date(card).replace(tzinfo=None)
    props = doc.core_properties
    props.title, props.author = _prop(brief.title), _prop(brief.lead_agency)
    props.last_modified_by = "lnob"
    props.created = props.modified = props.last_printed = when
    props.revision, props.comments = 1, ""
    props.subject = _prop(f"Leave No One Behind: {brief.country}")
    buf = io.BytesIO()
    doc.save(buf)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = _date(card).strftime("%Y-%m-%dT%H:%M:%SZ")
    write_reproducible_zip(buf.getvalue(), path, modified=stamp)
    return path


def _prop(text: str) -> str:
    """Return text for a Word document property, which holds at most 255 characters."""
    text = _x(text)
    return text if len(text) <= 255 else text[:254] + "…"


def _docx_table(doc, df: pd.DataFrame, size) -> None:
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Light List Accent 1"
    for cell, name in zip(table.rows[0].cells, df.columns, strict=True):
        cell.text = _x(name)
    for row in df.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = _x(value)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for r in p.runs:
                    r.font.size = size


def write_brief(
    brief: Brief, card: dict, folder: Path, *, run_card_url: str = ""
) -> tuple[Path, Path]:
    """Write ``<kind>_brief.pdf`` and ``<kind>_brief.docx`` into ``folder``; return both paths."""
    folder = Path(folder)
    stem = f"{brief.kind}_brief"
    kw = {"run_card_url": run_card_url}
    return (
        write_pdf(brief, card, folder / f"{stem}.pdf", **kw),
        write_docx(brief, card, folder / f"{stem}.docx", **kw),
    )
