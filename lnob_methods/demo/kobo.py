"""What KoboToolbox's exporter adds to every export, as in ``tests/fixtures/kobo/``.

Shared by the synthetic testimony and inventory exports so that both follow the real layout:
the copy fields and the index column after the form's questions, and the sheet name cut to Excel's
31 characters.
"""

from __future__ import annotations

# KoboToolbox's copy fields, in the order its exporter writes them (then "_index").
KOBO_COPY = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status"]
KOBO_COPY += ["_submitted_by", "_tags"]
KOBO_VERSION = "vMx7Qb3pZr2TgYkq9S2wHnL"  # an invented form version id, as Kobo writes it


def sheet_title(title: str) -> str:
    """Return the sheet name Kobo's exporter gives a form title (31 characters at most).

    Examples
    --------
    >>> sheet_title("LNOB testimony (voices of the people)")
    'LNOB testimony (voices of th...'
    """
    return title if len(title) <= 31 else title[:28] + "..."
