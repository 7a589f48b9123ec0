"""What a run depends on, and the cache key that decides whether it must run again.

A run is skipped when its key is unchanged. The key covers: the template text; the source of every
``lnob_methods`` module; every data file the run can read (reference data, taxonomy, forms, the
voices codebook and name lists, this country's config and folder; other countries' files are left
out); the parameters; the Python version; and the versions of the packages that compute results.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from functools import lru_cache
from pathlib import Path

from lnob_methods.core import paths
from lnob_methods.run import runcard

SHARED_DATA = ["reference", "taxonomy", "forms", "voices"]


@lru_cache(maxsize=4096)
def _sha256(path: Path, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file, memoised on its modification time and size."""
    st = path.stat()
    return _sha256(path, st.st_mtime_ns, st.st_size)


def _files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def data_inputs(country: str) -> list[Path]:
    """Return every data file a run for ``country`` may read, sorted."""
    files = [f for name in SHARED_DATA for f in _files(paths.DATA / name)]
    config = paths.COUNTRIES / f"{country}.yaml"
    if config.exists():
        files.append(config)
    files += _files(paths.COUNTRIES / country)
    return files


def source_files() -> list[Path]:
    """Return the library's Python source files, sorted."""
    return sorted(
        p for p in (paths.ROOT / "lnob_methods").rglob("*.py") if "__pycache__" not in p.parts
    )


def relative(path: Path) -> str:
    """Return ``path`` relative to the repository root, with forward slashes."""
    return os.path.relpath(path.resolve(), paths.ROOT).replace(os.sep, "/")


def input_hashes(template: Path, country: str) -> dict[str, str]:
    """Return repository-relative path to SHA-256 for the template and data inputs of a run."""
    return {relative(p): sha256(p) for p in [template, *data_inputs(country)]}


def cache_key(template: Path, country: str, parameters: dict) -> str:
    """Return the hex cache key of one run (see the module docstring for what it covers)."""
    payload = {
        "inputs": input_hashes(template, country),
        "source": {relative(p): sha256(p) for p in source_files()},
        "parameters": parameters,
        "python": platform.python_version(),
        "packages": runcard.package_versions(),
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()
