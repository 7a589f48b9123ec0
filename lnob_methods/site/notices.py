"""A page's data notice, its Sources and its opening findings, written from what it used.

The warning banner says which streams are synthetic or undeclared, from their provenance
declarations (:mod:`lnob_methods.reference.streams`); a page whose data are all declared real has
no banner. The Sources list names every stream with its vintage or declaration. Both are HTML
with every piece of text escaped: names of holders and files come from the country's folders.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from lnob_methods.reference import provenance
from lnob_methods.reference.streams import Stream

SYNTHETIC_TITLE = "Synthetic demonstration data"
UNDECLARED_TITLE = "Provenance not declared"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _synthetic_part(s: Stream) -> str:
    if s.n_synthetic == s.n_files:
        return f"the {s.name}"
    return f"{s.n_synthetic} of the {s.n_files} files of the {s.name}"


def _undeclared_part(s: Stream) -> str:
    if s.n_undeclared == s.n_files:
        return f"the {s.name}"
    return f"{s.n_undeclared} of the {s.n_files} files of the {s.name}"


def notice(streams: Sequence[Stream], place: str) -> list[tuple[str, str]]:
    """Return the banner paragraphs of a page as (title, text), or [] when no banner is due.

    Parameters
    ----------
    streams
        The streams the page used.
    place
        The country's name.

    Examples
    --------
    >>> from lnob_methods.reference.streams import Stream
    >>> notice([Stream("official statistics", "real", "")], "Kenya")
    []
    """
    synthetic = [s for s in streams if s.n_synthetic]
    undeclared = [s for s in streams if s.n_undeclared]
    real = [s.name for s in streams if s.status == provenance.REAL]
    out = []
    if synthetic:
        parts = [_synthetic_part(s) for s in synthetic]
        # "1 of the 4 files of the inventories is"; "the inventories", "3 of the 12 … are".
        one = len(synthetic) == 1 and synthetic[0].n_synthetic == 1 < synthetic[0].n_files
        text = (
            f"{_upper_first(_and(parts))} on this page {'is' if one else 'are'} synthetic, "
            "as declared in their provenance: made up to demonstrate the method. Every figure "
            f"that counts them is a demonstration, not a finding about {place}."
        )
        if real:
            text += f" Declared real: {_and(real)}."
        out.append((SYNTHETIC_TITLE, text))
    if undeclared:
        parts = [_undeclared_part(s) for s in undeclared]
        text = (
            f"For {_and(parts)} no provenance is declared: nobody has said whether they are real "
            "or synthetic, who holds them or on what terms. `lnob validate` lists the files; "
            "declare each in its folder's provenance.yaml."
        )
        out.append((UNDECLARED_TITLE, text))
    return out


def _inline(text: str) -> str:
    """Escape text for HTML and show `backticked` words as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def notice_html(streams: Sequence[Stream], place: str) -> str:
    """Return the banner as an admonition in HTML, or "" when no banner is due."""
    blocks = []
    for title, text in notice(streams, place):
        blocks.append(
            '<div class="admonition warning lnob-data-notice">'
            f'<p class="admonition-title">{html.escape(title)}</p><p>{_inline(text)}</p></div>'
        )
    return "".join(blocks)


def sources_html(streams: Sequence[Stream]) -> str:
    """Return the Sources list: one item per stream, with its vintage or declaration."""
    items = "".join(f"<li>{_inline(s.detail)}</li>" for s in streams)
    return f'<ul class="lnob-sources">{items}</ul>'


def findings_html(sentences: Sequence[str]) -> str:
    """Return the opening findings of a page as one paragraph (escaped)."""
    if not sentences:
        return ""
    text = " ".join(_inline(s) for s in sentences)
    return f'<div class="lnob-findings"><p>{text}</p></div>'
