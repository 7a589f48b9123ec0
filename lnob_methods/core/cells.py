"""What a cell read from a spreadsheet can be, beyond its value: shared by both evidence streams."""

from __future__ import annotations

import datetime as dt

ORIGIN = ["_file", "_sheet", "_row"]  # where each row was read: file, sheet, spreadsheet row
ABSENT = object()  # a whole column is missing: reported once for the file, not on every row


class Formula(str):
    """A cell that holds a formula rather than a value."""


def is_date(value) -> bool:
    """Return True for a date or datetime cell."""
    return isinstance(value, (dt.date, dt.datetime))
