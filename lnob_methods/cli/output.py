"""Where a subcommand writes the workbook it makes: any writable path, or a message saying why not.

``lnob template``, ``lnob form``, ``lnob validation-form`` and ``lnob conclusions-sheet`` write an
Excel file to ``--out`` (default: a file named for the country in the current folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def writable_problem(out: Path) -> str:
    """Return why ``out`` cannot be written (a folder, its folder missing or read-only), or ""."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        return "it is a folder: give a file name ending in .xlsx."
    if not folder.is_dir():
        return f"the folder {str(folder)!r} does not exist: create it first."
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return "you may not write there: choose another folder."
    return ""


def output_path(command: str, given: str | None, default: str) -> Path | None:
    """Return where ``lnob <command>`` writes its workbook, or print why not there (None).

    Parameters
    ----------
    command
        The subcommand, for the message ("template").
    given
        The ``--out`` option, if any: any writable path ending in ``.xlsx``.
    default
        The file name used without ``--out``.
    """
    out = Path(given or default).expanduser()
    if out.suffix.lower() != ".xlsx":
        print(f"lnob {command}: {out} must end in .xlsx", file=sys.stderr)
        return None
    problem = writable_problem(out)
    if problem:
        print(f"lnob {command}: cannot write {str(out)!r}: {problem}", file=sys.stderr)
        return None
    return out
