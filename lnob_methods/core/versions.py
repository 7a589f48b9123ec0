"""The versions of the packages that compute or render results (for run cards and cache keys)."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

RESULT_PACKAGES = [
    "lnob-methods",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "jupytext",
    "pyarrow",
    "openpyxl",
]


def package_versions() -> dict[str, str]:
    """Return the installed version of each package in :data:`RESULT_PACKAGES`.

    A package that is not installed is left out: a run card lists only what the run could use.
    Read once per process (each reading parses the packages' metadata files): the versions a
    process records are those of the packages it has loaded.
    """
    return dict(_versions(tuple(RESULT_PACKAGES)))


@lru_cache(maxsize=8)
def _versions(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out = []
    for name in names:
        try:
            out.append((name, version(name)))
        except PackageNotFoundError:
            continue
    return tuple(out)
