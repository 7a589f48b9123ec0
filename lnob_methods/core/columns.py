"""Work on a column of spreadsheet cells once per distinct value, not once per cell.

A sheet of 100,000 rows holds a few hundred distinct values per coded column: a rule applied to
each distinct value and mapped back to the rows costs a fraction of a rule applied to each cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_TYPE = np.frompyfunc(type, 1, 1)


def distinct(values: np.ndarray) -> tuple[np.ndarray, list]:
    """Return each cell's index into the distinct values of a column, and those values.

    Text is factorised in one go; other cells (numbers, dates, empty cells, formulas) are keyed
    with their type, so ``1``, ``1.0``, ``True`` and ``"1"`` stay apart (what is said about them
    differs), and every NaN is one value.

    Parameters
    ----------
    values
        A 1-D object array of cells as read.

    Examples
    --------
    >>> import numpy as np
    >>> codes, uniques = distinct(np.array(["a", 1, "a", 1.0, True, None], dtype=object))
    >>> codes.tolist(), uniques
    ([0, 1, 0, 2, 3, 4], ['a', 1, 1.0, True, None])
    """
    codes = np.empty(len(values), dtype=np.intp)
    is_text = _TYPE(values) == str  # noqa: E721 - element by element: exactly text, no subclass
    text_at = np.flatnonzero(is_text)
    text_codes, text_values = pd.factorize(values[text_at])
    codes[text_at] = text_codes
    uniques = list(text_values)
    seen: dict = {}
    for i in np.flatnonzero(~is_text).tolist():
        v = values[i]
        key = (type(v), "nan" if v != v else v)  # noqa: PLR0124 - NaN is not equal to itself
        j = seen.get(key)
        if j is None:
            j = seen[key] = len(uniques)
            uniques.append(v)
        codes[i] = j
    return codes, uniques


def objects(items: list) -> np.ndarray:
    """Return a 1-D object array of ``items`` (tuples stay whole: one cell each).

    Examples
    --------
    >>> objects([("a", "b"), ("c", "d")]).shape
    (2,)
    """
    return np.fromiter(items, dtype=object, count=len(items))
