"""Run cards: what produced a results page (version, commit, parameters, input hashes, packages).

The run date comes from a fixed source, so two builds of the same commit give identical cards:
``SOURCE_DATE_EPOCH`` when set, else the commit date of ``HEAD``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from pathlib import Path

from lnob_methods import __version__
from lnob_methods.core import paths
from lnob_methods.core.versions import package_versions

RUNCARD_FILE = "runcard.json"


def _git(*args: str) -> str:
    try:
        res = subprocess.run(
            ["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=10, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return res.stdout.strip()


def git_commit() -> str:
    """Return the commit of ``HEAD`` (with ``+changes`` when tracked files differ), or unknown."""
    sha = _git("rev-parse", "HEAD")
    if not sha:
        return "unknown (not a git checkout)"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    return f"{sha}+changes" if dirty else sha


def run_date() -> str:
    """Return the fixed run date: SOURCE_DATE_EPOCH, else the HEAD commit date, else unknown."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).isoformat()
    return _git("log", "-1", "--format=%cI", "HEAD") or "unknown"


def build(country: str, notebook: str, parameters: dict, inputs: dict[str, str]) -> dict:
    """Return the run card of one run.

    Parameters
    ----------
    country, notebook
        What ran.
    parameters
        Every parameter value the run used (defaults included).
    inputs
        Repository-relative path to SHA-256 of every input file.
    """
    return {
        "methodology_version": __version__,
        "git_commit": git_commit(),
        "run_date": run_date(),
        "country": country,
        "notebook": notebook,
        "parameters": dict(sorted(parameters.items())),
        "python": platform.python_version(),
        "packages": package_versions(),
        "inputs": dict(sorted(inputs.items())),
    }


def write(card: dict, folder: Path) -> Path:
    """Write ``runcard.json`` into ``folder``; return its path."""
    path = Path(folder) / RUNCARD_FILE
    path.write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read(folder: Path | None = None) -> dict:
    """Read ``runcard.json`` from ``folder`` (default: the working directory of the run)."""
    return json.loads((Path(folder or ".") / RUNCARD_FILE).read_text(encoding="utf-8"))
