"""Errors users may see: located, all at once, never a bare traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    Attributes
    ----------
    file, sheet, row, column, value
        Where the problem is; ``row`` is the row number a spreadsheet user sees.
    kind
        A short machine-readable error type, for example ``unknown-key``.
    message
        What is wrong and how to fix it, in plain words.
    """

    file: str
    kind: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    label: str = "column"  # what a config file calls its fields: "key"

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"{self.label} {self.column!r}")
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{', '.join(where)}: {self.message}{shown} [{self.kind}]"


class LnobError(Exception):
    """Base class for every error lnob reports to a user."""


class InputError(LnobError):
    """One or more located problems in input files.

    Parameters
    ----------
    problems
        Every problem found, so the user can fix them all in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) found:\n{lines}")


class ParameterError(LnobError):
    """A notebook parameter that the template does not declare, or of the wrong type."""


class RunError(LnobError):
    """One or more notebook runs failed; previously published results were kept."""
