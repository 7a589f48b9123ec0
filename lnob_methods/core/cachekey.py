"""What a run depends on, and the one cache key that decides whether it must run again.

A run is skipped, and a cached intermediate result is reused, when its key is unchanged. The key
covers: every data file the run can read (reference data, taxonomy, forms, the voices codebook and
name lists, this country's config and folder; other countries' files are left out); the template
text, for a notebook run; the source of every ``lnob_methods`` module; the parameters; the Python
version; and the versions of the packages that compute results.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from functools import lru_cache
from pathlib import Path

from lnob_methods.core import paths
from lnob_methods.core.files import sha256
from lnob_methods.core.versions import package_versions

SHARED_DATA = ["reference", "taxonomy", "forms", "voices"]


def _files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def data_inputs(country: str) -> list[Path]:
    """Return every data file a run for ``country`` may read, sorted."""
    files = [f for name in SHARED_DATA for f in _files(paths.DATA / name)]
    config = paths.countries_dir() / f"{country}.yaml"
    if config.exists():
        files.append(config)
    files += _files(paths.countries_dir() / country)
    return files


CODE_SUFFIXES = (".py", ".js", ".css")


def source_files() -> list[Path]:
    """Return the library's code, sorted: Python, and the script and style it embeds in pages.

    The interactive gap map's ``gapmap.js`` and ``gapmap.css`` are written into the results: a
    change to them must re-run the notebooks that show the map, as a change to Python does.
    """
    return sorted(
        p
        for p in (paths.ROOT / "lnob_methods").rglob("*")
        if p.suffix in CODE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
    )


def relative(path: Path) -> str:
    """Return ``path`` relative to the repository root, with forward slashes."""
    return _relative(str(path), str(paths.ROOT))


@lru_cache(maxsize=8192)
def _relative(path: str, root: str) -> str:
    # Resolving a path asks the file system for each of its parts: done once per path.
    return os.path.relpath(Path(path).resolve(), root).replace(os.sep, "/")


def warm() -> None:
    """Hash the inputs every run shares (and read the package versions) into this process's memos.

    The kernels' fork server calls it once: each kernel forked from it then computes its cache
    keys without hashing the library's code and the shared data again. The memos are keyed on
    each file's modification time and size, so a file changed since is hashed again.
    """
    shared = [f for name in SHARED_DATA for f in _files(paths.DATA / name)]
    for path in [*shared, *source_files()]:
        relative(path)
        sha256(path)
    package_versions()


def input_hashes(country: str, template: Path | None = None) -> dict[str, str]:
    """Return repository-relative path to SHA-256 of the data inputs (and template) of a run."""
    files = ([template] if template is not None else []) + data_inputs(country)
    return {relative(p): sha256(p) for p in files}


def cache_key(country: str, parameters: dict, template: Path | None = None) -> str:
    """Return the hex cache key of a run or a cached result (see the module docstring).

    Parameters
    ----------
    country
        The ISO3 code whose data the result depends on.
    parameters
        Everything else the result depends on (JSON-serialisable).
    template
        The notebook template of a run; None for an intermediate result shared by several runs.
    """
    payload = {
        "inputs": input_hashes(country, template),
        "source": {relative(p): sha256(p) for p in source_files()},
        "parameters": parameters,
        "python": platform.python_version(),
        "packages": package_versions(),
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()
