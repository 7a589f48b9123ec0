"""Turn an executed notebook into a stable results page and move it into ``book/results/``.

Nothing is written under ``book/results/`` until a run has succeeded, and then only by renames
within one file system, so a reader (or a crash) never sees a half-written page or export.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import uuid
from pathlib import Path

import nbformat

from lnob_methods.core import paths
from lnob_methods.core.text import md_escape
from lnob_methods.formats.datapackage import write_datapackage

HIDE_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell", "remove-output"}


def retitle(nb, country_name: str) -> None:
    """Prefix the notebook's first level-1 heading with the country name.

    ``# Official data stocktake`` becomes ``# Kenya: official data stocktake``.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        m = re.match(r"# (.+)", cell.source)
        if m:
            title = m[1]
            cell.source = (
                f"# {md_escape(country_name)}: {title[0].lower()}{title[1:]}"
                + cell.source[m.end() :]
            )
            return


def stabilise(nb, notebook: str, meta: dict) -> None:
    """Make an executed notebook byte-stable and ready for the book.

    Fixed cell ids, no papermill timings or paths, the injected parameters hidden, code inputs
    collapsed for readers, and ``meta`` (country, notebook, parameters, cache key) recorded under
    ``metadata.lnob``.
    """
    for key in ("papermill", "jupytext", "widgets"):
        nb.metadata.pop(key, None)
    nb.metadata["lnob"] = meta
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{notebook}-{i:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = list(cell.metadata.get("tags", []))
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        if cell.cell_type == "code" and not HIDE_TAGS & set(tags):
            tags.append("hide-input")
        if tags:
            cell.metadata["tags"] = tags


def _swap_dir(new: Path, dest: Path) -> None:
    # Rename the old folder away, the new one in, then delete the old: each step is atomic.
    dest.parent.mkdir(parents=True, exist_ok=True)
    old = dest.with_name(f".{dest.name}.old-{uuid.uuid4().hex[:8]}")
    if dest.exists():
        os.replace(dest, old)
    os.replace(new, dest)
    shutil.rmtree(old, ignore_errors=True)


def publish(staging: Path, nb, country: str, notebook: str) -> Path:
    """Move a successful run from ``staging`` into ``book/results/<country>/``.

    Parameters
    ----------
    staging
        The run's staging folder (its working directory); ``exports/`` inside it, if any, and the
        run card become ``book/results/<country>/exports/<notebook>/``.
    nb
        The stabilised notebook.
    country, notebook
        What ran: the results go to ``book/results/<country>/<notebook>.ipynb``.

    Returns
    -------
    pathlib.Path
        The published notebook.
    """
    dest = paths.results_dir() / country
    dest.mkdir(parents=True, exist_ok=True)
    exports = staging / "exports"
    exports.mkdir(exist_ok=True)
    os.replace(staging / "runcard.json", exports / "runcard.json")
    tmp_nb = staging / f"{notebook}.ipynb"
    with open(tmp_nb, "w", encoding="utf-8", newline="\n") as fh:
        nbformat.write(nb, fh)
    _swap_dir(exports, dest / "exports" / notebook)
    # The package describes every notebook's exports of the country: rewritten after each one.
    write_datapackage(dest / "exports", country)
    target = dest / f"{notebook}.ipynb"
    os.replace(tmp_nb, target)
    return target


OWNER = ".host"  # inside a staging folder: the machine whose process owns it


def new_staging(country: str, notebook: str) -> Path:
    """Create and return a fresh staging folder for one run.

    Its name carries the process id and a file in it the host name, so that a later run can tell
    a folder left by a killed run on this machine from one still in use by a cluster worker.
    """
    path = paths.staging_dir() / f"{country}-{notebook}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    path.mkdir(parents=True)
    (path / OWNER).write_text(socket.gethostname(), encoding="utf-8")
    return path


def clean_stale_staging() -> int:
    """Remove this machine's staging folders whose process is gone (a killed run); return how many.

    Folders of other machines (Dask workers on a shared file system) are left alone: their
    process ids mean nothing here.
    """
    removed = 0
    here = socket.gethostname()
    for folder in paths.staging_dir().glob("*-*-*-*") if paths.staging_dir().exists() else []:
        try:
            pid = int(folder.name.rsplit("-", 2)[-2])
        except ValueError:
            continue
        try:
            host = (folder / OWNER).read_text(encoding="utf-8")
        except OSError:
            host = here  # an older folder, or one whose run died before writing it
        if host == here and not is_running(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def is_running(pid: int) -> bool:
    """Return True while process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is a zombie: it runs nothing any more
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"
