"""Reading the brief documents back: PDF text, images and text positions (pypdf); Word (docx).

Shared by the unit tests of the writers and the end-to-end check of the pilots' built briefs.
"""

from __future__ import annotations

import re
from pathlib import Path

MM = 72 / 25.4  # PDF points per millimetre
# Margins of the print CSS (18 mm top and bottom, 17 mm left and right); text may touch the edge
# of the box, so a point of tolerance.
MARGINS_MM = {"top": 18, "bottom": 18, "left": 17, "right": 17}

# Code that must never reach a reader: snake_case identifiers, dotted module paths, Python reprs.
CODE_TOKEN = re.compile(
    r"\b[a-z]+_[a-z0-9_]+\b"  # snake_case
    r"|\blnob_methods\b|\b[a-z]+\.[a-z]+\.[a-z]+\b"  # module paths
    r"|\bNaN\b|\bnan\b|<NA>|\bNone\b|\bTrue\b|\bFalse\b|\[\]|\{\}"  # Python and pandas values
)


def code_tokens(text: str) -> list[str]:
    """Return the code-like tokens found in ``text`` (empty when it reads as a document).

    Web addresses are left out: a link to the site may name a page file.
    """
    text = re.sub(r"https?://\S+", "", text)
    return sorted({m.group(0) for m in CODE_TOKEN.finditer(text)})


def pdf_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF.

    pypdf reads WeasyPrint's two-byte codes of a font with a custom encoding as pairs of
    characters, the first a NUL ("\\x003\\x000" for "30"; poppler's pdftotext reads them right):
    the NULs are dropped.
    """
    from pypdf import PdfReader

    return [page.extract_text().replace("\x00", "") for page in PdfReader(str(path)).pages]


def pdf_fonts(path: Path) -> set[str]:
    """Return the names of the fonts embedded in a PDF, without their subset prefix."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def pdf_images(path: Path) -> int:
    """Return the number of distinct images in a PDF (figures and logos).

    WeasyPrint shares one resource dictionary between pages, so each page lists every image:
    images are counted once by name (WeasyPrint names them by a digest of their bytes).
    """
    from pypdf import PdfReader

    return len({im.name for page in PdfReader(str(path)).pages for im in page.images})


def text_outside_margins(path: Path, tolerance: float = 1.0) -> list[tuple[int, float, float, str]]:
    """Return (page, x, y, text) of every piece of text that starts outside the page margins.

    Text positions come from pypdf's extraction visitor (the text matrix times the current
    transformation matrix). The footer (title and page number) sits in the bottom margin box of
    the print CSS, so the bottom limit is 5 mm from the page edge.
    """
    from pypdf import PdfReader

    out = []
    for n, page in enumerate(PdfReader(str(path)).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        left = MARGINS_MM["left"] * MM - tolerance
        right = width - MARGINS_MM["right"] * MM + tolerance
        top = height - MARGINS_MM["top"] * MM + tolerance
        bottom = 5 * MM - tolerance

        def visit(text, cm, tm, font_dict, font_size, n=n, lim=(left, right, top, bottom)):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (lim[0] <= x <= lim[1] and lim[3] <= y <= lim[2]):
                out.append((n, round(x, 1), round(y, 1), text.strip()))

        page.extract_text(visitor_text=visit)
    return out


def docx_text(path: Path) -> str:
    """Return the text of a Word document: paragraphs, then every table cell, in order."""
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def docx_pictures(path: Path) -> int:
    """Return the number of pictures in a Word document."""
    import docx

    return len(docx.Document(str(path)).inline_shapes)
